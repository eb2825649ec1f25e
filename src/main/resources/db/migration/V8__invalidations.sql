-- Invalidation runs: signatures rejected together by a filter, with who ran it, why, and how many.
create table invalidations (
    id          uuid primary key,
    letter_id   uuid          not null references letters (id) on delete cascade,
    filter      text          not null,
    matched     integer       not null,
    actor       varchar(100)  not null,
    reason      varchar(500)  not null,
    created_at  timestamptz   not null
);
create index invalidations_letter_idx on invalidations (letter_id, created_at);
