-- Bot protection per letter: NONE, or PROOF_OF_WORK (an ALTCHA challenge solved before signing)
alter table letters add column signing_challenge varchar(20) not null default 'NONE'
    check (signing_challenge in ('NONE', 'PROOF_OF_WORK'));

-- Solutions already spent, by the challenge's signature, until the challenge expires: a solution
-- signs once
create table challenge_solutions (
    signature   char(64)     primary key,
    expires_at  timestamptz  not null
);
create index challenge_solutions_expiry_idx on challenge_solutions (expires_at);
