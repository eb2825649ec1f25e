-- The ledger: per letter, a hash chain of every change to its signatures and every published text
-- version. An entry's hash covers its canonical form (docs/ledger.md) and the previous entry's hash.
-- Personal data never enters it: a signature's entries carry a salted commitment to it, and the salt
-- lives on the signature row, so erasing the row's data (and its salt) leaves the chain valid.
create table ledger_entries (
    letter_id      uuid          not null references letters (id) on delete cascade,
    sequence       bigint        not null check (sequence > 0),
    type           varchar(20)   not null,
    at             timestamptz   not null,
    signature_id   uuid,
    public_fields  jsonb         not null,
    version_hash   char(64),
    commitment     char(64),
    previous_hash  char(64)      not null,
    hash           char(64)      not null,
    primary key (letter_id, sequence)
);

-- One row a letter, locked by each transaction that appends: the chain has one order. The
-- checkpointed sequence is the head last announced as ledger.checkpoint.
create table ledger_heads (
    letter_id              uuid          primary key references letters (id) on delete cascade,
    sequence               bigint        not null,
    hash                   char(64)      not null,
    at                     timestamptz,
    checkpointed_sequence  bigint        not null default 0
);

-- The salt of a signature's commitments: secret, and deleted with the signer's data
alter table signatures add column ledger_salt char(32);

-- What a recipient received: the ledger's head at the delivery
alter table deliveries add column ledger_sequence bigint;
alter table deliveries add column ledger_hash char(64);
