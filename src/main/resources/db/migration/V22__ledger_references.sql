-- A signature's reference in its letter's ledger, of its own: the ledger no longer names the id that
-- the public list of signatories shows, so a listed signer's later entries (hiding, withdrawing, and
-- when) cannot be followed. Drawn when the signature first enters the ledger; null while it has not
-- (a public signature waiting for confirmation), which also says that no later change of it is
-- recorded there. Signatures already in a ledger keep their id as their reference, which their
-- earlier entries carry.
alter table signatures add column ledger_ref uuid;
update signatures s set ledger_ref = s.id
where exists (select 1 from ledger_entries e where e.letter_id = s.letter_id and e.signature_id = s.id);
