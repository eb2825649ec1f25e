-- Retention: what identifies the signers of a closed letter (emails, tokens, client-address hashes,
-- consent details, the ledger's salts) is erased retention_days after the letter closes; public names
-- stay as published and the counts stay exact. personal_data_erased_at says when it was done.
alter table letters add column retention_days integer not null default 180 check (retention_days between 0 and 3650);
alter table letters add column personal_data_erased_at timestamptz;
create index letters_retention_idx on letters (closed_at) where personal_data_erased_at is null and closed_at is not null;
