#!/usr/bin/env bash
# What synchronous replication costs a signing transaction: pgbench of one signature and its count a
# transaction (an insert and a sharded count, the shape of the service's signing statements) against a throw-away cluster with a streaming standby
# (bin/postgres standby), asynchronous, then synchronous. Loopback only; about a minute.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export UNDERSIGNED_POSTGRES_STATE="$ROOT/target/sync-replication-postgres"
unset QUARKUS_DATASOURCE_JDBC_URL
mkdir -p "$ROOT/target"
bin/postgres destroy >/dev/null 2>&1 || true
bin/postgres start >/dev/null
bin/postgres standby start >/dev/null
PORT=$(cat $UNDERSIGNED_POSTGRES_STATE/port)
export PGPASSWORD=undersigned
bin/postgres psql undersigned -c "create table signatures_b (id uuid primary key, letter_id uuid, name text, email text, dedup_key text unique, created_at timestamptz default now());
create table counts_b (letter_id uuid, shard int, individuals bigint, changes bigint, primary key (letter_id, shard));
grant all on signatures_b, counts_b to undersigned;" >/dev/null
cat > "$ROOT/target/sync-replication.sql" <<'SQL'
\set n random(1, 1000000000)
\set shard random(0, 15)
begin;
insert into signatures_b (id, letter_id, name, email, dedup_key) values (gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'Pgbench Signer', 'pg' || :n || '@example.org', 'pg' || :n || random()) on conflict do nothing;
insert into counts_b values ('00000000-0000-0000-0000-000000000001', :shard, 1, 1) on conflict (letter_id, shard) do update set individuals = counts_b.individuals + 1, changes = counts_b.changes + 1;
commit;
SQL
PGB=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
for mode in async sync; do
  bin/postgres standby $mode >/dev/null
  sleep 1
  for c in 1 16 64; do
    out=$($PGB -h 127.0.0.1 -p $PORT -U undersigned -n -c $c -j 2 -T 10 -f "$ROOT/target/sync-replication.sql" undersigned 2>&1)
    echo "$mode clients=$c $(echo "$out" | grep -E '^tps|latency average' | tr '\n' ' ')"
  done
done
bin/postgres destroy >/dev/null
