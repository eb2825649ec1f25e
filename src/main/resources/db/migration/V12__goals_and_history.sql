-- Goals: ascending counts a letter aims for, and when each was first reached (one row a goal, so
-- that letter.milestone_reached goes out once)
alter table letters add column goals bigint[];
create table letter_milestones (
    letter_id   uuid         not null references letters (id) on delete cascade,
    goal        bigint       not null,
    reached_at  timestamptz  not null,
    primary key (letter_id, goal)
);

-- History: the net change of a letter's counted signatures by hour, written in the transaction of
-- every change to the counts (in the counters' shards); cumulative totals are summed from these rows,
-- never recounted from the signatures
create table letter_count_history (
    letter_id   uuid         not null references letters (id) on delete cascade,
    hour        timestamptz  not null,
    shard       smallint     not null,
    signatures  bigint       not null,
    primary key (letter_id, hour, shard)
);

-- what was counted before history was kept, by the hour each signature was verified
insert into letter_count_history (letter_id, hour, shard, signatures)
select letter_id, date_trunc('hour', coalesce(verified_at, created_at)), 0, count(*)
from signatures where status = 'VERIFIED'
group by 1, 2;
