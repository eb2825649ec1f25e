-- Partner NGOs and their API keys, idempotent POSTs, webhooks with their outbox, rate limits.

create table partners (
    id                uuid primary key,
    name              varchar(200) not null,
    contact_name      varchar(200),
    contact_email     varchar(254),
    all_open_letters  boolean      not null default false,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    revision          bigint       not null default 0
);

create table partner_letters (
    partner_id uuid not null references partners (id) on delete cascade,
    letter_id  uuid not null references letters (id) on delete cascade,
    primary key (partner_id, letter_id)
);

create table partner_keys (
    id           uuid primary key,
    partner_id   uuid        not null references partners (id) on delete cascade,
    prefix       varchar(20) not null,
    key_hash     char(64)    not null,
    created_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    constraint partner_keys_hash_unique unique (key_hash)
);
create index partner_keys_partner_idx on partner_keys (partner_id, created_at);

alter table signatures add constraint signatures_partner_fk foreign key (source_partner_id) references partners (id) on delete set null;
create index signatures_partner_idx on signatures (source_partner_id, letter_id, created_at, id) where source_partner_id is not null;

-- The first answer to a POST with an Idempotency-Key, replayed to retries of the same request.
create table idempotency_keys (
    scope           varchar(80)  not null,
    idempotency_key varchar(255) not null,
    request_hash    char(64)     not null,
    state           varchar(16)  not null check (state in ('IN_PROGRESS', 'DONE')),
    response_status integer,
    response_type   varchar(100),
    response_body   bytea,
    location        varchar(2000),
    created_at      timestamptz  not null,
    primary key (scope, idempotency_key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

create table webhooks (
    id             uuid primary key,
    partner_id     uuid references partners (id) on delete cascade,
    url            varchar(2000) not null,
    events         varchar(40)[] not null,
    secret         varchar(100)  not null,
    enabled        boolean       not null default true,
    disabled_reason varchar(200),
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null,
    revision       bigint        not null default 0
);

-- The outbox: one row per event per subscription, written in the transaction of the change.
create table webhook_deliveries (
    id              uuid primary key,
    webhook_id      uuid          not null references webhooks (id) on delete cascade,
    event_type      varchar(40)   not null,
    payload         text          not null,
    state           varchar(16)   not null check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_status     integer,
    last_error      varchar(300),
    created_at      timestamptz   not null,
    delivered_at    timestamptz
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where state = 'PENDING';
create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, created_at, id);

create table webhook_attempts (
    id          uuid primary key,
    delivery_id uuid         not null references webhook_deliveries (id) on delete cascade,
    attempted_at timestamptz not null,
    status      integer,
    error       varchar(300),
    duration_ms integer      not null
);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, attempted_at);

-- Fixed-window request counters shared by every instance of the service.
create table rate_limit_windows (
    bucket       varchar(120) not null,
    window_start timestamptz  not null,
    hits         integer      not null,
    primary key (bucket, window_start)
);
