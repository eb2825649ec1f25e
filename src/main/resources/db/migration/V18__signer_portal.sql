-- The signer's portal: single-use links emailed to an address, and the short-lived sessions they
-- open. Only hashes of the tokens are kept; email_key is the address's canonical form (the key
-- its signatures are found by), erased with them.
create table portal_links (
    token_hash  char(64)      primary key,
    email_key   varchar(300)  not null,
    expires_at  timestamptz   not null,
    used_at     timestamptz,
    created_at  timestamptz   not null
);
create index portal_links_email_idx on portal_links (email_key, created_at);
create index portal_links_expiry_idx on portal_links (expires_at);

create table portal_sessions (
    token_hash  char(64)      primary key,
    email_key   varchar(300)  not null,
    expires_at  timestamptz   not null,
    created_at  timestamptz   not null
);
create index portal_sessions_email_idx on portal_sessions (email_key);
create index portal_sessions_expiry_idx on portal_sessions (expires_at);

-- which signature an email concerned, so that a signer's export lists the emails sent to them
alter table mail_outbox add column signature_id uuid;
create index mail_outbox_signature_idx on mail_outbox (signature_id) where signature_id is not null;
