-- A portal link opens only the signatures whose emails went to the mailbox it was sent to: the
-- mailbox (a keyed hash of the stored address, lower-cased) is kept with the link and its session.
-- Links and sessions made before have none, and open nothing; they expire within the hour.
alter table portal_links add column mailbox_hash char(64);
alter table portal_sessions add column mailbox_hash char(64);
