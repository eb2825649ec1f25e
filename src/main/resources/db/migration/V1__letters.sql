-- Letters, their text versions, and their addressees (recipients and CCs).

create table letters (
    id                  uuid primary key,
    slug                varchar(100) not null,
    status              varchar(16)  not null check (status in ('DRAFT', 'OPEN', 'CLOSED', 'DELIVERED')),
    title               varchar(300) not null,
    subject             varchar(500),
    salutation          varchar(300),
    body                text         not null check (length(body) <= 100000),
    closing             varchar(300),
    letter_date         date,
    language            varchar(35)  not null,
    signing_deadline    timestamptz,
    verification_policy varchar(8)   not null check (verification_policy in ('EMAIL', 'NONE')),
    source_url          varchar(2000),
    current_version     integer      not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    published_at        timestamptz,
    closed_at           timestamptz,
    delivered_at        timestamptz,
    revision            bigint       not null,
    constraint letters_slug_unique unique (slug)
);

-- Keyset pagination of the newest letters first, optionally by status.
create index letters_created_idx on letters (created_at desc, id desc);
create index letters_status_created_idx on letters (status, created_at desc, id desc);

create table letter_versions (
    id           uuid primary key,
    letter_id    uuid         not null references letters (id) on delete cascade,
    number       integer      not null,
    title        varchar(300) not null,
    subject      varchar(500),
    salutation   varchar(300),
    body         text         not null,
    closing      varchar(300),
    content_hash char(64)     not null,
    created_at   timestamptz  not null,
    constraint letter_versions_number_unique unique (letter_id, number)
);

-- Recipients and CCs share one ordered table; a CC has no postal address.
create table addressees (
    id            uuid primary key,
    letter_id     uuid         not null references letters (id) on delete cascade,
    role          varchar(16)  not null check (role in ('RECIPIENT', 'CC')),
    position      integer      not null check (position >= 1),
    name          varchar(200) not null,
    title         varchar(300),
    organization  varchar(300),
    address_lines text[]       not null default '{}',
    country       char(2),
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    revision      bigint       not null,
    -- deferred, so that a reorder can move several rows within one transaction
    constraint addressees_position_unique unique (letter_id, role, position) deferrable initially deferred
);
