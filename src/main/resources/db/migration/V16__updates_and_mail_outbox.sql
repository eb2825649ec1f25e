-- Signers who asked for news of the letter (its recipients' responses): the version of the consent
-- text they agreed to, and when. Erased with the rest of their data.
alter table signatures add column updates_consent varchar(40);
alter table signatures add column updates_consented_at timestamptz;
create index signatures_updates_idx on signatures (letter_id, id) where updates_consent is not null;

-- Emails, written in the transaction that decides them and sent by a dispatcher with retries. The
-- address and the text (which holds the signer's links) are erased once the email is sent or given up.
create table mail_outbox (
    id               uuid          primary key,
    kind             varchar(30)   not null,
    letter_id        uuid          references letters (id) on delete cascade,
    recipient        varchar(254),
    subject          varchar(400),
    body             text,
    state            varchar(10)   not null check (state in ('PENDING', 'SENT', 'FAILED')),
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       varchar(200),
    created_at       timestamptz   not null,
    sent_at          timestamptz
);
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where state = 'PENDING';
create index mail_outbox_letter_idx on mail_outbox (letter_id, created_at);

-- A response to tell the letter's subscribed signers about: written with the response, then walked
-- signer by signer (after_signature is how far it got), a bounded page of emails at a time.
create table response_mailings (
    id               uuid          primary key,
    letter_id        uuid          not null references letters (id) on delete cascade,
    response_id      uuid          not null references responses (id) on delete cascade,
    after_signature  uuid,
    queued           integer       not null default 0,
    done             boolean       not null default false,
    created_at       timestamptz   not null,
    finished_at      timestamptz
);
create index response_mailings_due_idx on response_mailings (created_at) where not done;
