-- Translations of a letter's text, one per language and version of the original translated,
-- and the language each signature was given in.

create table letter_translations (
    id                 uuid primary key,
    letter_id          uuid         not null references letters (id) on delete cascade,
    language           varchar(35)  not null,
    -- the version of the original this translates, and that version's content hash at the time:
    -- when the original's text moves on (or a draft's one version is rewritten) the hashes differ
    translates_version integer      not null check (translates_version >= 1),
    source_hash        char(64)     not null,
    title              varchar(300) not null,
    subject            varchar(500),
    salutation         varchar(300),
    body               text         not null check (length(body) <= 100000),
    closing            varchar(300),
    content_hash       char(64)     not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    revision           bigint       not null,
    constraint letter_translations_unique unique (letter_id, language, translates_version)
);

alter table signatures add column language varchar(35);
update signatures s set language = l.language from letters l where l.id = s.letter_id;
alter table signatures alter column language set not null;

-- Verified signatures by the language they were given in, sharded like the other counts.
create table letter_language_counts (
    letter_id  uuid        not null references letters (id) on delete cascade,
    language   varchar(35) not null,
    shard      integer     not null,
    signatures bigint      not null default 0,
    primary key (letter_id, language, shard)
);

insert into letter_language_counts (letter_id, language, shard, signatures)
select letter_id, language, 0, count(*) from signatures where status = 'VERIFIED' group by letter_id, language;
