#!/usr/bin/env bash
# HTTP benchmark (issue: foundation): requests/s and p99 latency of
#   GET /healthz and an authenticated GET /api/v1/states/JM (bearer token,
#   SQLite) under wrk -t2 -c64 and -c1000, next to nginx serving a static
#   file of the same bytes as the JM response, interleaved in the same run,
#   each with the server's CPU time per request and the load average, and
#   the server's idle resident memory.
# usage: bench/http.sh [seconds per run, default 10] [rounds, default 3]
# With CCSCAP_BIN_BASE set (an earlier build), that binary serves its own
# demo database on a third port and is measured in the same
# rounds: before and after, interleaved.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
rounds=${2:-3}
bin=${CCSCAP_BIN:-build/src/cli/ccscap}
out=bench/results
mkdir -p "$out"
for tool in wrk nginx; do
	command -v $tool >/dev/null || { echo "bench: install $tool (apt-get install wrk nginx-light)"; exit 1; }
done
ulimit -n 65536 || true

tmp=$(mktemp -d)
cleanup() {
	[ -n "${srv:-}" ] && kill "$srv" 2>/dev/null || true
	[ -n "${base_srv:-}" ] && kill "$base_srv" 2>/dev/null || true
	[ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

db="sqlite:$tmp/bench.db"
cat > "$tmp/ccscap.conf" <<CONF
threads = 2
db_pool = 4
max_connections = 4096
per_ip_connections = 4095
log_level = warn
CONF
"$bin" init --demo --db "$db" --demo-credentials "$tmp/creds" >/dev/null
token=$("$bin" token create --user coordinator --name bench --db "$db" 2>/dev/null)
# the base build makes its own database (it may not know this
# build's migrations) and token
if [ -n "${CCSCAP_BIN_BASE:-}" ]; then
	"$CCSCAP_BIN_BASE" init --demo --db "sqlite:$tmp/base.db" \
		--demo-credentials "$tmp/base-creds" >/dev/null 2>&1
	base_token=$("$CCSCAP_BIN_BASE" token create --user coordinator \
		--name bench --db "sqlite:$tmp/base.db" 2>/dev/null)
fi
"$bin" serve --config "$tmp/ccscap.conf" --db "$db" --listen 127.0.0.1:18180 \
	>"$tmp/serve.out" 2>"$tmp/serve.err" &
srv=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:18180/healthz >/dev/null && break; sleep 0.1; done
if [ -n "${CCSCAP_BIN_BASE:-}" ]; then
	"$CCSCAP_BIN_BASE" serve --config "$tmp/ccscap.conf" \
		--db "sqlite:$tmp/base.db" --listen 127.0.0.1:18182 \
		>"$tmp/base.out" 2>"$tmp/base.err" &
	base_srv=$!
	for _ in $(seq 50); do curl -sf http://127.0.0.1:18182/healthz >/dev/null && break; sleep 0.1; done
fi
sleep 1
rss_idle=$(awk '/VmRSS/ {print $2}' /proc/$srv/status)

# nginx serving files of the same sizes as the two ccscap responses
mkdir -p "$tmp/www"
curl -sf http://127.0.0.1:18180/healthz >"$tmp/www/healthz"
curl -sf -H "Authorization: Bearer $token" http://127.0.0.1:18180/api/v1/states/JM >"$tmp/www/jm"
cat > "$tmp/nginx.conf" <<NGX
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/nginx.err;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:18181;
		root $tmp/www;
		default_type application/json;
	}
}
NGX
# nginx workers run as nobody: let them read the files
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/"*
nginx -c "$tmp/nginx.conf" -p "$tmp"
curl -sf http://127.0.0.1:18181/jm >/dev/null || { echo "bench: nginx does not serve the file"; exit 1; }
sleep 0.5

# CPU time (user + system, clock ticks) the processes $@ have used
ticks() {
	local t=0 p
	for p in "$@"; do
		t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
	done
	echo "$t"
}
hz=$(getconf CLK_TCK)
nginx_pids=$(ps --ppid "$(cat "$tmp/nginx.pid")" -o pid= | tr '\n' ' ')

# run name url conns pids [header]: requests/s and p99 as wrk saw them,
# and the server's CPU time per request (the processes in pids), which
# other work on the machine disturbs far less than the rates
run() {
	local name=$1 url=$2 c=$3 pids=$4
	shift 4
	local res t0 t1
	t0=$(ticks $pids)
	res=$(wrk -t2 -c"$c" -d"${secs}s" --latency "$@" "$url" 2>&1)
	t1=$(ticks $pids)
	local rps p99 n
	rps=$(printf '%s\n' "$res" | awk '/Requests\/sec/ {print $2}')
	p99=$(printf '%s\n' "$res" | awk '$1 == "99%" {print $2}')
	n=$(printf '%s\n' "$res" | awk '/requests in/ {print $1}')
	local non2xx
	non2xx=$(printf '%s\n' "$res" | awk '/Non-2xx/ {print $5}')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$c" "$rps" "$p99" \
	    "${non2xx:-0}" "$(awk -v t=$((t1 - t0)) -v hz="$hz" -v n="${n:-0}" \
	    'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n }')" \
	    "$(cut -d' ' -f1 /proc/loadavg)"
}

{
printf 'target\tconnections\trequests_per_s\tp99\tnon_2xx\tcpu_us_per_req\tload1\n'
for r in $(seq "$rounds"); do
	for c in 64 1000; do
		run nginx-static-healthz http://127.0.0.1:18181/healthz $c \
			"$nginx_pids"
		run ccscap-healthz http://127.0.0.1:18180/healthz $c "$srv"
		run nginx-static-jm http://127.0.0.1:18181/jm $c "$nginx_pids"
		run ccscap-states-JM-auth http://127.0.0.1:18180/api/v1/states/JM $c \
			"$srv" -H "Authorization: Bearer $token"
		[ -z "${base_srv:-}" ] || run base-states-JM-auth \
			http://127.0.0.1:18182/api/v1/states/JM $c "$base_srv" \
			-H "Authorization: Bearer $base_token"
	done
done
} | tee "$out/http-$(date -u +%Y%m%dT%H%M%SZ).tsv"
rss_after=$(awk '/VmRSS/ {print $2}' /proc/$srv/status)
echo "ccscap RSS: idle ${rss_idle} kB, after load ${rss_after} kB" | tee -a "$out/http-rss.txt"
