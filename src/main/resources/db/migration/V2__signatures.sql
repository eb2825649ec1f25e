-- Signatures, and the counters that make a letter's summary cheap to read and exact.

create table signatures (
    id                 uuid primary key,
    letter_id          uuid         not null references letters (id) on delete cascade,
    letter_version     integer      not null,
    kind               varchar(16)  not null check (kind in ('ORGANIZATION', 'INDIVIDUAL')),
    -- personal data: erased (null) when the signer withdraws
    name               varchar(200),
    title              varchar(1000),
    organization       varchar(300),
    email              varchar(254),
    comment            varchar(2000),
    -- one signature per letter per canonical email, or per organisation name when there is no email
    dedup_key          varchar(300),
    sort_key           varchar(400),
    country            char(2),
    represents         integer      not null default 1 check (represents between 1 and 100000),
    display            varchar(16)  not null check (display in ('PUBLIC', 'UNDISCLOSED')),
    status             varchar(16)  not null check (status in ('PENDING', 'VERIFIED', 'REJECTED', 'WITHDRAWN')),
    source             varchar(16)  not null check (source in ('PUBLIC', 'ADMIN', 'PARTNER')),
    source_partner_id  uuid,
    verify_token_hash  char(64),
    manage_token_hash  char(64),
    emails_sent        integer      not null default 0,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    verified_at        timestamptz,
    withdrawn_at       timestamptz,
    revision           bigint       not null default 0,
    constraint signatures_dedup_unique unique (letter_id, dedup_key)
);

create unique index signatures_verify_token_idx on signatures (verify_token_hash) where verify_token_hash is not null;
create unique index signatures_manage_token_idx on signatures (manage_token_hash) where manage_token_hash is not null;
-- the private list, oldest first
create index signatures_letter_created_idx on signatures (letter_id, created_at, id);
-- the public list: verified and listed signatures, by name (organisations first) or by signing time
create index signatures_public_name_idx on signatures (letter_id, kind desc, sort_key, id)
    where status = 'VERIFIED' and display = 'PUBLIC';
create index signatures_public_time_idx on signatures (letter_id, created_at, id)
    where status = 'VERIFIED' and display = 'PUBLIC';

-- Counts of verified signatures, spread over shards so that concurrent signers do not queue on
-- one row; a letter's count is the sum of its shards.
create table letter_counts (
    letter_id                 uuid    not null references letters (id) on delete cascade,
    shard                     integer not null,
    organizations             bigint  not null default 0,
    organizations_undisclosed bigint  not null default 0,
    organizations_represented bigint  not null default 0,
    individuals               bigint  not null default 0,
    individuals_undisclosed   bigint  not null default 0,
    -- how many changes the shard has taken: part of the summary's ETag
    changes                   bigint  not null default 0,
    primary key (letter_id, shard)
);

create table letter_country_counts (
    letter_id  uuid    not null references letters (id) on delete cascade,
    country    char(2) not null,
    shard      integer not null,
    signatures bigint  not null default 0,
    primary key (letter_id, country, shard)
);
