-- Responses: what a recipient answered, recorded by the organiser and public; a letter may say by
-- when it expects one (response_due), and shows itself overdue after that date without one
alter table letters add column response_due date;
create table responses (
    id            uuid           primary key,
    letter_id     uuid           not null references letters (id) on delete cascade,
    recipient_id  uuid           not null references addressees (id) on delete cascade,
    received_at   timestamptz    not null,
    summary       varchar(1000)  not null,
    body          text,
    url           varchar(2000),
    language      varchar(35),
    created_at    timestamptz    not null
);
create index responses_letter_idx on responses (letter_id, received_at, id);
