-- The organiser's blocklist: email domains (and their subdomains), addresses (by canonical form)
-- and client address ranges (CIDR). A public signature that matches is recorded REJECTED with the
-- reason and never counted.
create table blocklist_entries (
    id          uuid primary key,
    kind        varchar(16)  not null check (kind in ('EMAIL_DOMAIN', 'EMAIL', 'ADDRESS_RANGE')),
    value       varchar(254) not null,
    note        varchar(500),
    created_at  timestamptz  not null,
    constraint blocklist_entries_unique unique (kind, value)
);
