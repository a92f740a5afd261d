#!/usr/bin/env bash
# Reporting benchmark (issue 12): the public report form under wrk.
#  1. GET /healthz, then POST /report with a mix of valid (80%) and
#     invalid (20%) reports, each with its own unsolved challenge (as
#     without JavaScript), the limits raised out of the way: accepted
#     posts/s and p99; GET /healthz again, same server, same run.
#  2. At the rate limit's edge: report_posts_hour = report_nojs_hour =
#     EDGE and more posts than that: exactly EDGE posts (valid or not)
#     are answered, the rest get 429, none is over-admitted.
#  3. kill -9 of the server in the middle of a post run, then count the
#     references wrk was answered with (201) against the reports stored:
#     target 0 lost.
# Recorded, never a timed test.
# usage: bench/reporting.sh [seconds, default 8] [edge, default 300]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-8}
edge=${2:-300}
bin=${CCSCAP_BIN:-build/src/cli/ccscap}
out=bench/results
mkdir -p "$out"
tmp=$(mktemp -d)
pid=
cleanup() {
	if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT
res="$out/reporting-$(date -u +%Y%m%dT%H%M%SZ).txt"
db="sqlite:$tmp/bench.db"
"$bin" --db "$db" init > /dev/null 2>&1

# starts the server with report limits $1; sets $pid and $base
start() {
	cat > "$tmp/conf" <<CONF
threads = 2
db_pool = 4
log_level = error
report_posts_hour = $1
report_nojs_hour = $1
CONF
	: > "$tmp/serve.out"
	"$bin" --config "$tmp/conf" --db "$db" --listen 127.0.0.1:0 serve \
	    > "$tmp/serve.out" 2> "$tmp/serve.err" &
	pid=$!
	for _ in $(seq 50); do
		grep -q listening "$tmp/serve.out" && break
		sleep 0.1
	done
	base=$(sed -n 's|^ccscap listening on \(http://[^/]*\)/.*|\1|p' \
	    "$tmp/serve.out")
}
stop() {
	kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}
stored() {
	sqlite3 "$tmp/bench.db" "SELECT COUNT(*) FROM public_reports"
}
posts() {	# posts() BODIES SECONDS REFS
	wrk -t2 -c16 -d"$2"s -s bench/reporting.lua "$base/report" -- \
	    "$1" 2 "$3" | grep -E 'Requests/sec|statuses|accepted|p99|Socket'
}

{
echo "# bench/reporting.sh $secs $edge, $(date -u +%FT%TZ), $(nproc) cores (shared), $(uname -sr)"
echo "# server: threads 2, db_pool 4, SQLite; wrk -t2 -c16"
start 10000000
python3 bench/reporting_bodies.py "$base" $((secs * 3000)) "$tmp/b1.txt" 0
echo "## GET /healthz"
wrk -t2 -c16 -d"$secs"s --latency "$base/healthz" |
    grep -E 'Requests/sec|  99%'
before=$(stored)
echo "## POST /report, 80% valid, 20% invalid, unsolved challenges"
posts "$tmp/b1.txt" "$secs" "$tmp/refs1"
echo "stored: $(( $(stored) - before )) new reports," \
    "acknowledged: $(cat "$tmp"/refs1.* 2>/dev/null | wc -l)"
echo "## GET /healthz (after)"
wrk -t2 -c16 -d"$secs"s --latency "$base/healthz" |
    grep -E 'Requests/sec|  99%'
stop

echo "## at the edge: limit $edge posts an hour per address"
sqlite3 "$tmp/bench.db" "DELETE FROM public_report_throttle"
start "$edge"
python3 bench/reporting_bodies.py "$base" $((edge * 3)) "$tmp/b2.txt" \
    1000000
posts "$tmp/b2.txt" 4 "$tmp/refs2"
echo "throttle hits recorded: $(sqlite3 "$tmp/bench.db" \
    "SELECT hits FROM public_report_throttle WHERE bucket = 'post'")"
stop

echo "## kill -9 mid-run"
sqlite3 "$tmp/bench.db" "DELETE FROM public_report_throttle"
start 10000000
python3 bench/reporting_bodies.py "$base" $((secs * 1500)) "$tmp/b3.txt" \
    2000000
before=$(stored)
( sleep $((secs / 2)); kill -9 "$pid" ) &
posts "$tmp/b3.txt" "$secs" "$tmp/refs3" || true
wait "$pid" 2>/dev/null || true
pid=
cat "$tmp"/refs3.* 2>/dev/null | sort -u > "$tmp/acked"
sqlite3 "$tmp/bench.db" "SELECT reference FROM public_reports" |
    sort -u > "$tmp/stored"
echo "acknowledged with a reference: $(wc -l < "$tmp/acked")"
echo "stored in this run: $(( $(stored) - before ))"
echo "acknowledged but not stored (lost): $(comm -23 "$tmp/acked" \
    "$tmp/stored" | wc -l)"
} | tee "$res"
echo "recorded in $res"
