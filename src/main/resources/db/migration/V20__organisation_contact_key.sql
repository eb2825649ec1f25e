-- An organisation is told from others by its name, so its contact address was no key the signer's
-- portal could find it by. contact_key is that address's canonical form (as individuals' dedup keys
-- are), for organisations only: the signing path of individuals pays for no new index. Erased with
-- the address. Organisations that signed before this migration are found once their address is
-- set again (the organiser's correction); their key cannot be computed in SQL.
alter table signatures add column contact_key varchar(300);
create index signatures_contact_key_idx on signatures (contact_key) where contact_key is not null;
