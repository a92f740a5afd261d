#!/usr/bin/env bash
# Gap analysis benchmark (issue: minimum standards): 21 states x 100
# standards x 120 months (252,000 validated records) on SQLite. Times
# GET /api/v1/gaps/matrix (now and at a past date) and one state's report
# with wrk at one connection (so latency = time per request), next to the
# plain SQL those endpoints run, over the same rows.
# usage: bench/gaps.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
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
db="sqlite:$tmp/gaps.db"
"$bin" init --db "$db" >/dev/null
printf 'benchmark-password-1\n' | "$bin" user add bench --role coordinator \
	--password-stdin --db "$db" >/dev/null
token=$("$bin" token create --user bench --name bench --db "$db" 2>/dev/null)
start() {
	"$bin" serve --db "$db" --listen 127.0.0.1:18190 \
		>"$tmp/serve.out" 2>"$tmp/serve.err" &
	srv=$!
	for _ in $(seq 50); do curl -sf http://127.0.0.1:18190/healthz >/dev/null && break; sleep 0.1; done
}
start
python3 bench/gaps_data.py framework "$tmp/fw.json"
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
	--data-binary @"$tmp/fw.json" http://127.0.0.1:18190/api/v1/framework >/dev/null
kill "$srv"; wait "$srv" 2>/dev/null || true; srv=
python3 bench/gaps_data.py fill "$tmp/gaps.db"
start

stamp=$(date -u +%Y%m%dT%H%M%SZ)
{
echo "gap analysis benchmark $stamp ($(nproc) cores)"
python3 bench/gaps_data.py sql "$tmp/gaps.db" 2020-06-28
for path in "/api/v1/gaps/matrix" "/api/v1/gaps/matrix?at=2020-06-28" \
	"/api/v1/gaps?state=JM" "/api/v1/gaps?state=JM&at=2020-06-28"; do
	bytes=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:18190$path" | wc -c)
	res=$(wrk -t1 -c1 -d"${secs}s" --latency -H "Authorization: Bearer $token" \
		"http://127.0.0.1:18190$path")
	printf '%s (%s bytes): mean %s, p50 %s, p99 %s, %s req/s\n' "$path" "$bytes" \
		"$(printf '%s\n' "$res" | awk '$1 == "Latency" && $2 != "Distribution" {print $2}')" \
		"$(printf '%s\n' "$res" | awk '$1 == "50%" {print $2}')" \
		"$(printf '%s\n' "$res" | awk '$1 == "99%" {print $2}')" \
		"$(printf '%s\n' "$res" | awk '/Requests\/sec/ {print $2}')"
done
} | tee "$out/gaps-$stamp.txt"
