-- Bursts raised to the organiser (the letter.signals_raised event): one row per letter, kind, value
-- and window period, so that a burst is raised once a period by whichever instance sees it first.
-- ADDRESS_RANGE values are the keyed hashes kept of client ranges, never an address.
create table signals_raised (
    letter_id    uuid          not null references letters (id) on delete cascade,
    kind         varchar(20)   not null,
    value        varchar(253)  not null,
    period       bigint        not null,
    signatures   integer       not null,
    share        double precision not null,
    usual_share  double precision not null,
    raised_at    timestamptz   not null,
    primary key (letter_id, kind, value, period)
);
