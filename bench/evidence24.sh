#!/usr/bin/env bash
# 24/7 preservation requests benchmark (issue 13): the overdue lists over
# 50,000 requests on SQLite. Times GET /api/v1/preservation-requests with
# ?overdue=true for one state's NCPOC and for a RIFC analyst (every
# state) with wrk at one connection (so latency = time per request; each
# request also writes its audit event, as every view does), next to the
# plain SQL of the same lists over the same rows.
# usage: bench/evidence24.sh [seconds per run, default 10] [rows, 50000]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
rows=${2:-50000}
export CCSCAP_LOG_LEVEL=warn
bin=${CCSCAP_BIN:-build/src/cli/ccscap}
out=bench/results
mkdir -p "$out"
tmp=$(mktemp -d)
cleanup() {
	[ -n "${srv:-}" ] && kill "$srv" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
db="sqlite:$tmp/e24.db"
"$bin" init --db "$db" >/dev/null
printf 'benchmark-password-1\n' | "$bin" user add bench.tt --role ncpoc \
	--state TT --password-stdin --db "$db" >/dev/null
printf 'benchmark-password-2\n' | "$bin" user add bench.rifc \
	--role rifc_analyst --password-stdin --db "$db" >/dev/null
tt=$("$bin" token create --user bench.tt --name bench --db "$db" 2>/dev/null)
rifc=$("$bin" token create --user bench.rifc --name bench --db "$db" \
	2>/dev/null)
python3 bench/evidence24_data.py fill "$tmp/e24.db" "$rows"
"$bin" serve --db "$db" --listen 127.0.0.1:18191 \
	>"$tmp/serve.out" 2>"$tmp/serve.err" &
srv=$!
for _ in $(seq 50); do
	curl -sf http://127.0.0.1:18191/healthz >/dev/null && break
	sleep 0.1
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
{
echo "24/7 preservation benchmark $stamp ($(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg) at the start: the machine is shared)"
python3 bench/evidence24_data.py sql "$tmp/e24.db" TT
run() {
	local who=$1 token=$2 path=$3 body res
	body=$(curl -sf -H "Authorization: Bearer $token" \
		"http://127.0.0.1:18191$path")
	res=$(wrk -t1 -c1 -d"${secs}s" --latency \
		-H "Authorization: Bearer $token" "http://127.0.0.1:18191$path")
	printf '%s %s (total %s, %s bytes): mean %s, p50 %s, p99 %s, %s req/s\n' \
		"$who" "$path" \
		"$(printf '%s' "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" \
		"$(printf '%s' "$body" | wc -c)" \
		"$(printf '%s\n' "$res" | awk '$1 == "Latency" && $2 != "Distribution" {print $2}')" \
		"$(printf '%s\n' "$res" | awk '$1 == "50%" {print $2}')" \
		"$(printf '%s\n' "$res" | awk '$1 == "99%" {print $2}')" \
		"$(printf '%s\n' "$res" | awk '/Requests\/sec/ {print $2}')"
}
run "NCPOC TT" "$tt" "/api/v1/preservation-requests?overdue=true"
run "NCPOC TT" "$tt" "/api/v1/preservation-requests?state=TT&side=requested&overdue=true"
run "RIFC" "$rifc" "/api/v1/preservation-requests?overdue=true"
run "RIFC" "$rifc" "/api/v1/preservation-requests"
} | tee "$out/evidence24-$stamp.txt"
