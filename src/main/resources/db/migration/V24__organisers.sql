-- Organisers: people with accounts, the organisations they belong to, the roles organisations hold
-- on letters, and an audit of who did what. Every secret (sign-in link, session, invitation, key) is
-- kept only as its SHA-256.

create table accounts (
    id            uuid          primary key,
    email         varchar(254),
    -- the address's canonical form: one account per address
    email_key     varchar(300)  unique,
    display_name  varchar(200),
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null
);

-- Who an OIDC issuer's subject is here.
create table account_identities (
    issuer      varchar(500)  not null,
    subject     varchar(255)  not null,
    account_id  uuid          not null references accounts (id) on delete cascade,
    created_at  timestamptz   not null,
    primary key (issuer, subject)
);
create index account_identities_account_idx on account_identities (account_id);

create table account_links (
    token_hash  char(64)      primary key,
    email       varchar(254)  not null,
    email_key   varchar(300)  not null,
    expires_at  timestamptz   not null,
    used_at     timestamptz,
    created_at  timestamptz   not null
);
create index account_links_email_idx on account_links (email_key, created_at);
create index account_links_expiry_idx on account_links (expires_at);

create table account_sessions (
    token_hash  char(64)      primary key,
    account_id  uuid          not null references accounts (id) on delete cascade,
    expires_at  timestamptz   not null,
    created_at  timestamptz   not null
);
create index account_sessions_account_idx on account_sessions (account_id);
create index account_sessions_expiry_idx on account_sessions (expires_at);

-- An organisation is also a partner (same id): its PARTNER grants are the letters it may push to,
-- and what it pushes or brings is counted as the partner's.
create table organisations (
    id          uuid          primary key references partners (id) on delete cascade,
    name        varchar(200)  not null,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    revision    bigint        not null default 0
);

create table memberships (
    organisation_id  uuid         not null references organisations (id) on delete cascade,
    account_id       uuid         not null references accounts (id) on delete cascade,
    role             varchar(10)  not null check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    created_at       timestamptz  not null,
    primary key (organisation_id, account_id)
);
create index memberships_account_idx on memberships (account_id);

create table invitations (
    id               uuid          primary key,
    organisation_id  uuid          not null references organisations (id) on delete cascade,
    email            varchar(254)  not null,
    role             varchar(10)   not null check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    token_hash       char(64)      not null unique,
    invited_by       uuid,
    expires_at       timestamptz   not null,
    accepted_at      timestamptz,
    accepted_by      uuid,
    revoked_at       timestamptz,
    created_at       timestamptz   not null
);
create index invitations_organisation_idx on invitations (organisation_id, created_at, id);

-- Keys for an organisation's machines: the letters (none: all the organisation's) and permissions
-- (none: all its roles give) they may use.
create table organisation_keys (
    id               uuid          primary key,
    organisation_id  uuid          not null references organisations (id) on delete cascade,
    name             varchar(100)  not null,
    prefix           varchar(20)   not null,
    key_hash         char(64)      not null unique,
    letter_ids       uuid[],
    permissions      varchar(40)[],
    created_at       timestamptz   not null,
    last_used_at     timestamptz,
    revoked_at       timestamptz
);
create index organisation_keys_organisation_idx on organisation_keys (organisation_id, created_at, id);

alter table letters add column organisation_id uuid references organisations (id) on delete set null;
create index letters_organisation_idx on letters (organisation_id) where organisation_id is not null;

create table letter_grants (
    letter_id        uuid          not null references letters (id) on delete cascade,
    organisation_id  uuid          not null references organisations (id) on delete cascade,
    role             varchar(10)   not null check (role in ('OWNER', 'EDITOR', 'MODERATOR', 'VIEWER', 'PARTNER')),
    -- exporting signers' contact details: an owner's always, another role's only when granted
    export_contacts  boolean       not null default false,
    granted_at       timestamptz   not null,
    primary key (letter_id, organisation_id)
);
create index letter_grants_organisation_idx on letter_grants (organisation_id);

create table join_requests (
    id               uuid          primary key,
    letter_id        uuid          not null references letters (id) on delete cascade,
    organisation_id  uuid          not null references organisations (id) on delete cascade,
    role             varchar(10)   not null check (role in ('EDITOR', 'MODERATOR', 'VIEWER', 'PARTNER')),
    message          varchar(1000),
    state            varchar(10)   not null check (state in ('PENDING', 'APPROVED', 'DECLINED')),
    requested_by     uuid,
    created_at       timestamptz   not null,
    decided_at       timestamptz
);
create unique index join_requests_pending_idx on join_requests (letter_id, organisation_id) where state = 'PENDING';
create index join_requests_letter_idx on join_requests (letter_id, created_at, id);

-- The audit log: one row per write, in the write's transaction. Names of fields, never values; no
-- signer's personal data. No foreign keys: it outlives what it names.
create table audit_entries (
    id               uuid          primary key,
    at               timestamptz   not null,
    actor_kind       varchar(20)   not null,
    actor_id         varchar(100),
    actor_display    varchar(200)  not null,
    action           varchar(60)   not null,
    target_type      varchar(30)   not null,
    target_id        varchar(100),
    letter_id        uuid,
    organisation_id  uuid,
    request_id       varchar(64),
    fields           varchar(60)[] not null default '{}'
);
create index audit_entries_at_idx on audit_entries (at, id);
create index audit_entries_letter_idx on audit_entries (letter_id, at, id) where letter_id is not null;
create index audit_entries_organisation_idx on audit_entries (organisation_id, at, id) where organisation_id is not null;

-- Append-only in the database itself: no UPDATE, no TRUNCATE, and a DELETE only of rows older than
-- the time the retention job sets for its own transaction (undersigned.audit_purge_before).
create function audit_entries_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.at < coalesce(nullif(current_setting('undersigned.audit_purge_before', true), '')::timestamptz,
                             '-infinity'::timestamptz) then
            return old;
        end if;
    end if;
    raise exception 'audit entries are append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_entries_no_rewrite before update or delete on audit_entries
    for each row execute function audit_entries_append_only();
create trigger audit_entries_no_truncate before truncate on audit_entries
    for each statement execute function audit_entries_append_only();
