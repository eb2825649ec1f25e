-- Referrals: a partner's public code, which a signer may name when signing (via). The partner then
-- sees the signatures it brought, and their contact details only where the signer agreed to share
-- them (share_consent: the version of that consent text, erased with the rest of the personal data).
alter table partners add column referral_code varchar(40);
update partners set referral_code = substr(replace(gen_random_uuid()::text, '-', ''), 1, 12) where referral_code is null;
alter table partners alter column referral_code set not null;
alter table partners add constraint partners_referral_code_unique unique (referral_code);

alter table signatures add column referral_partner_id uuid references partners (id) on delete set null;
alter table signatures add column share_consent varchar(40);
alter table signatures add column share_consented_at timestamptz;
create index signatures_referral_idx on signatures (referral_partner_id, letter_id, created_at, id) where referral_partner_id is not null;

-- Whose a pending email is (the address's canonical key), so that erasing an address drops its
-- emails by index; erased with the address once the email is settled.
alter table mail_outbox add column email_key varchar(300);
create index mail_outbox_email_key_idx on mail_outbox (email_key) where email_key is not null;

-- The resource a stored answer created (the id its Location names), so that an answer holding a
-- signer's data is scrubbed when that signature is withdrawn or erased.
alter table idempotency_keys add column resource_id uuid;
create index idempotency_keys_resource_idx on idempotency_keys (resource_id) where resource_id is not null;
