-- Abuse resistance: count integrity, where public signatures came from (as keyed hashes), why a
-- signature was rejected, and the key of those hashes.

-- A public organisation's own figure, counted as 1 until the organiser approves it (null: nothing pending)
alter table signatures add column represents_claimed integer check (represents_claimed between 2 and 100000);
-- Where a public signature came from, only as keyed hashes (HMAC with the server's secret) of the
-- client address and of its /24 (IPv4) or /48 (IPv6); personal data, erased with the rest
alter table signatures add column client_hash char(64);
alter table signatures add column client_range_hash char(64);
-- Why the service rejected a signature (a blocklist, an invalidation run), when it did
alter table signatures add column rejected_reason varchar(300);

-- The key of the service's keyed hashes (links in emails, client addresses) when none is configured
-- (undersigned.secret): made by the first instance to start, shared by all through the database
create table server_secrets (
    name        varchar(32) primary key,
    secret      bytea       not null,
    created_at  timestamptz not null
);
