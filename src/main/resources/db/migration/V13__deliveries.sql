-- Deliveries: how and when each recipient received the letter, and what they received: the text's
-- version and content hash, and the count of signatures at that moment
create table deliveries (
    id              uuid          primary key,
    letter_id       uuid          not null references letters (id) on delete cascade,
    recipient_id    uuid          not null references addressees (id) on delete cascade,
    method          varchar(10)   not null check (method in ('EMAIL', 'POST', 'HAND', 'PORTAL', 'OTHER')),
    delivered_at    timestamptz   not null,
    reference       varchar(300),
    note            varchar(2000),
    letter_version  integer       not null,
    content_hash    char(64)      not null,
    signatures      bigint        not null,
    created_at      timestamptz   not null
);
create index deliveries_letter_idx on deliveries (letter_id, delivered_at, id);
