-- A public signer who signs again with an address that had signed is answered as a new signer is,
-- after the same work in the same transaction: where a new signature writes its email to the outbox,
-- a repeat writes a request here, naming the signature it met (no address). The reminder itself (the
-- links again, within the signature's email allowance) is written from this table afterwards, so the
-- answer never waits for it and a crash loses none.
create table reminder_requests (
    id            bigserial     primary key,
    signature_id  uuid          not null,
    letter_title  varchar(300)  not null,
    created_at    timestamptz   not null
);
