# A viral day, sourced by bin/bench (its tools, SERVICE_JAVA, WORK, HEAP, log, die, need): the packaged
# service on the project's PostgreSQL, Debian's nginx in front with deploy/nginx/undersigned-cache.conf,
# and bench/Viral.java driving, at once, STREAMS open summary streams, READS reads a second through the
# cache (the letter, its page, its summary), SIGNS public signatures a second with email verification
# on, their emails taken by an SMTP server that spends SMTP_MILLIS on each, for LOAD_SECONDS.
# Writes the figures to $BENCH_OUT (target/benchmarks-viral.md); docs/benchmarks.md quotes them.
STREAMS=${VIRAL_STREAMS:-10000}
READS=${VIRAL_READS:-2000}
SIGNS=${VIRAL_SIGNS:-300}
SMTP_MILLIS=${VIRAL_SMTP_MILLIS:-20}
if [ $QUICK = 1 ]; then LOAD_SECONDS=${VIRAL_SECONDS:-30}; else LOAD_SECONDS=${VIRAL_SECONDS:-180}; fi
VIRAL_OUT=${BENCH_OUT:-target/benchmarks-viral$([ $QUICK = 1 ] && echo -quick).md}
DB=undersigned_viral
NGINX_PID=""

need nginx nginx
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
# every stream is a file on both sides
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# the service and the load tool each hold one end of every stream
[ "$(ulimit -n)" -ge $(( STREAMS + 1500 )) ] || die "the open-file limit ($(ulimit -n)) is too low for $STREAMS streams"

viral_cleanup() {
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  cleanup
}
trap viral_cleanup EXIT

bin/postgres start >/dev/null
bin/postgres recreate $DB >/dev/null 2>&1
JDBC=$(bin/postgres url $DB)

log "building the service"
./mvnw -q -B package -DskipTests >/dev/null
cp -r target/quarkus-app "$WORK/app"

free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$(( 21000 + RANDOM % 9000 ))
    ss -Htan "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return; }
  done
  die "no free port"
}
PORT=$(free_port); MGMT_PORT=$(free_port); SMTP_PORT=$(free_port); CACHE_PORT=$(free_port)
API=http://127.0.0.1:$PORT
CACHE=http://127.0.0.1:$CACHE_PORT
OPS=http://127.0.0.1:$MGMT_PORT

# Budgets are lifted (every reader comes through nginx, one address); the streams' per-client and
# per-network limits stay at their defaults: the streams come from many loopback addresses.
for budget in PUBLIC_SIGNING PARTNER_SIGNING ADMIN_SIGNING READS KEYED_READS DOCUMENTS KEYED_DOCUMENTS EXPORTS WRITES KEYED_WRITES; do
  export "UNDERSIGNED_RATE_LIMITS_${budget}_PER_MINUTE=1000000000"
done
export UNDERSIGNED_LIMITS_REQUESTS_PER_CLIENT=100000 UNDERSIGNED_LIMITS_CONNECTIONS_PER_CLIENT=100000
log "starting the service on $API (heap $HEAP), mail to 127.0.0.1:$SMTP_PORT"
QUARKUS_DATASOURCE_JDBC_URL=$JDBC QUARKUS_DATASOURCE_USERNAME=undersigned QUARKUS_DATASOURCE_PASSWORD=undersigned \
QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MGMT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
UNDERSIGNED_ADMIN_KEY=$ADMIN_KEY UNDERSIGNED_LINKS_BASE_URL=$CACHE \
QUARKUS_MAILER_MOCK=false QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=$SMTP_PORT QUARKUS_MAILER_START_TLS=DISABLED QUARKUS_MAILER_TLS=false \
QUARKUS_LOG_CATEGORY__IO_QUARKUS_MAILER__LEVEL=WARN \
  "$SERVICE_JAVA" -XX:+ExitOnOutOfMemoryError -Xms$HEAP -Xmx$HEAP ${BENCH_SERVICE_OPTS:-} -jar "$WORK/app/quarkus-run.jar" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$OPS/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $SERVICE_PID 2>/dev/null || { cat "$WORK/service.log" >&2; die "the service exited"; }
  sleep 0.5
done
curl -sf "$OPS/q/health/ready" >/dev/null || die "the service was not ready in 60 s"

admin() { curl -sf -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' "$@"; }
LETTER=$(admin "$API/v1/letters" -d '{"slug":"viral","title":"Joint letter on the abductees and the detained","body":"We, the undersigned organisations, write to you about the people abducted and detained.",
  "salutation":"Dear President,","closing":"Sincerely,","verification_policy":"EMAIL","letter_date":"2020-12-15"}' | jq -r .id)
admin -X POST "$API/v1/letters/viral/publish" >/dev/null

mkdir -p "$WORK/nginx"
chmod 777 "$WORK" "$WORK/nginx"   # nginx's workers run as nobody
cat >"$WORK/nginx/nginx.conf" <<CONF
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes 1;
error_log $WORK/nginx/error.log warn;
pid $WORK/nginx/nginx.pid;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    proxy_cache_path $WORK/nginx/cache keys_zone=undersigned:10m max_size=1g inactive=10m use_temp_path=off;
    upstream undersigned {
        server 127.0.0.1:$PORT;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$CACHE_PORT;
        location / {
            include $ROOT/deploy/nginx/undersigned-cache.conf;
        }
    }
}
CONF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx/stdout" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 50); do curl -sf "$CACHE/v1/letters/viral/summary" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$CACHE/v1/letters/viral/summary" >/dev/null || { cat "$WORK/nginx/stdout" "$WORK/nginx/error.log" >&2; die "nginx did not answer"; }

# a reference measured in the same run: the machine is shared, and its speed moves from one run to the next
REFERENCE=$(wrk -t2 -c64 -d3s "$OPS/q/health/live" 2>/dev/null | awk '/Requests\/sec/{print $2}')
log "reference: the HTTP ceiling (GET /q/health/live, 64 connections, 3 s) is ${REFERENCE}/s"
log "a viral day: $STREAMS streams, $READS reads/s through nginx, $SIGNS signatures/s with their emails ($SMTP_MILLIS ms each), ${LOAD_SECONDS}s"
cpu_ticks() { local total=0 pid; for pid in "$@"; do total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) )); done; echo $total; }
postgres_pids() { pgrep -u "$(id -u postgres 2>/dev/null || id -u)" postgres | tr '\n' ' '; }
CPU_BEFORE=$(cpu_ticks $SERVICE_PID)
NGINX_BEFORE=$(cpu_ticks $NGINX_PID $(pgrep -P $NGINX_PID))
PG_BEFORE=$(cpu_ticks $(postgres_pids))
"$JAVA_BIN" -Xmx2g bench/Viral.java "$API" "$CACHE" "$LETTER" viral "$SMTP_PORT" "$SMTP_MILLIS" "$STREAMS" "$READS" "$SIGNS" \
  "$LOAD_SECONDS" "$SERVICE_PID" "$(dirname "$SERVICE_JAVA")" | tee "$WORK/viral" >&2
CPU_SECONDS=$(echo "scale=1; ($(cpu_ticks $SERVICE_PID) - $CPU_BEFORE) / $(getconf CLK_TCK)" | bc)
NGINX_SECONDS=$(echo "scale=1; ($(cpu_ticks $NGINX_PID $(pgrep -P $NGINX_PID)) - $NGINX_BEFORE) / $(getconf CLK_TCK)" | bc)
PG_SECONDS=$(echo "scale=1; ($(cpu_ticks $(postgres_pids)) - $PG_BEFORE) / $(getconf CLK_TCK)" | bc)
grep -q '^RESULT kind=counts' "$WORK/viral" || { tail -50 "$WORK/service.log" >&2; die "the viral run did not finish"; }

v() { grep "^RESULT kind=$1 " "$WORK/viral" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }
mkdir -p "$(dirname "$VIRAL_OUT")"
cat >"$VIRAL_OUT" <<EOF
## A viral day

Written by \`bin/bench viral$([ $QUICK = 1 ] && echo ' --quick')\` on $(date -u +%Y-%m-%d) at $(date -u +%H:%M) UTC, on $(nproc) cores; the service
on $("$SERVICE_JAVA" -version 2>&1 | head -1) with a heap of $HEAP, behind Debian's nginx $("$NGINX" -v 2>&1 | sed 's#.*/##')
(\`deploy/nginx/undersigned-cache.conf\`), PostgreSQL the project's cluster, everything on this machine at once for ${LOAD_SECONDS} s:
$(v streams open) open summary streams (from $(( STREAMS / 5 )) loopback addresses in $(( (STREAMS / 5 + 19) / 20 )) /24 networks: five an address,
a hundred a network, the default limits), ${READS} reads a second of the letter, its page and its summary through the cache, and
${SIGNS} public signatures a second with email verification on, mailed to an SMTP server that takes ${SMTP_MILLIS} ms a message;
one signer in ten follows the emailed link, and each confirmation moves the count the streams show.

The reference, measured in the same run before the load: the HTTP ceiling (\`GET /q/health/live\` on the management
port, wrk, 64 connections, 3 s) was ${REFERENCE}/s.

| Measure | Figure | Target |
|---|---|---|
| reads through the cache | $(v read rate)/s, $(v read errors) errors, p50 $(v read p50) ms, p99 $(v read p99) ms | |
| public signatures (202) | $(v sign rate)/s, $(v sign errors) errors, p50 $(v sign p50) ms, p99 $(v sign p99) ms | |
| a confirmation's commit to its count on every stream | p50 $(v push p50) ms, p99 $(v push p99) ms, max $(v push max) ms ($(v push samples) stream-arrivals, $(v push never_arrived) never) | p99 < 1 s |
| email lag (signature answered to SMTP accepted) | p50 $(v email lag_p50_ms) ms, p99 $(v email lag_p99_ms) ms, max $(v email lag_max_ms) ms; $(v email backlog_at_end) waiting when the load stopped; $(v email smtp_connections) SMTP connections | p99 < 10 s |
| emails sent | $(v email mailed) for $(v email signed) signatures; $(v email mailed_during_load) while the load ran ($(echo "scale=1; $(v email mailed_during_load) / $LOAD_SECONDS" | bc)/s) | ≥ ${SIGNS}/s |
| memory for the streams | resident $(v streams rss_mib_per_1000) MiB and heap $(v streams heap_mib_per_1000) MiB a thousand streams (resident $(v streams rss_mib) MiB, heap after a full GC $(v streams heap_mib) MiB with them open) | |
| counts | $(v counts confirmed) confirmed, summary total $(v counts total), $(v counts streams_showing_total) streams showing it; exact: $(v counts exact) | exact |
| CPU over the run (streams opened, load, drain), on $(nproc) cores | the service ${CPU_SECONDS} s, PostgreSQL ${PG_SECONDS} s (every process of the server user), nginx ${NGINX_SECONDS} s, the load tool (streams, readers, signers, SMTP server) $(v load_tool cpu_s) s | |

Raw lines:

\`\`\`
$(grep '^RESULT' "$WORK/viral")
\`\`\`
EOF
log "wrote $VIRAL_OUT"
cat "$VIRAL_OUT"
