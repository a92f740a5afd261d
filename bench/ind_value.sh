#!/usr/bin/env bash
# An indicator value seen many times (issue 15): GET /api/v1/indicators/{id}
#   of one value reported N times, each report its own marking, as a JM
#   state user and as the RIFC, wrk -c1, next to the plain SQL of its
#   counts; with CCSCAP_BIN_BASE (an earlier build) that build is
#   measured on the same database in the same run.
# usage: bench/ind_value.sh [N, default 20000] [seconds per run, default 5]
# SQLite, from a demo database; needs wrk, curl, sqlite3, python3-requests.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
secs=${2:-5}
bin=$(realpath "${CCSCAP_BIN:-build/src/cli/ccscap}")
out=bench/results
mkdir -p "$out"
for tool in wrk curl sqlite3 python3; do
	command -v $tool >/dev/null || { echo "bench: install $tool"; exit 1; }
done
tmp=$(mktemp -d)
srv=
cleanup() {
	[ -n "$srv" ] && kill "$srv" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
db="$tmp/v.db"
cat > "$tmp/ccscap.conf" <<CONF
threads = 2
log_level = warn
CONF
"$bin" init --demo --db "sqlite:$db" --demo-credentials "$tmp/creds" \
	>/dev/null 2>&1
tok() { "$bin" token create --user "$1" --name bench --db "sqlite:$db" \
	2>/dev/null; }
tbb=$(tok cert.bb)
tjm=$(tok ncpoc.jm)
trifc=$(tok analyst)

# serve BIN: starts it on the database, port 18187
serve() {
	"$1" serve --config "$tmp/ccscap.conf" --db "sqlite:$db" \
		--listen 127.0.0.1:18187 >"$tmp/serve.out" 2>"$tmp/serve.err" &
	srv=$!
	for _ in $(seq 100); do
		curl -sf http://127.0.0.1:18187/healthz >/dev/null && return 0
		sleep 0.1
	done
	cat "$tmp/serve.err"
	exit 1
}
stop() {
	kill "$srv"
	wait "$srv" 2>/dev/null || true
	srv=
}

value=hot.bench.example
serve "$bin"
t0=$(date +%s)
python3 bench/ind_value_fill.py http://127.0.0.1:18187 "$tbb" "$tjm" \
	"$trifc" "$n" "$value"
t1=$(date +%s)
stop
id=$(sqlite3 "$db" "SELECT id FROM ind_values WHERE value = '$value'")
nm=$(sqlite3 "$db" "SELECT COUNT(DISTINCT marking_id) FROM sightings
	WHERE value_id = $id")

res="$out/ind-value-$(date -u +%Y%m%dT%H%M%SZ).txt"
say() { echo "$*" | tee -a "$res"; }
say "# bench/ind_value.sh: value $id seen $n times ($nm markings), filled over the API in $((t1 - t0)) s; $(nproc) cores"
say "# build	reader	ms_per_request (wrk -c1 -t1, ${secs} s)	sightings_visible	sightings_restricted	load1"

# measure NAME BIN: both readers, one after the other
measure() {
	local name=$1 b=$2 who t body ms
	serve "$b"
	for who in jm rifc; do
		case $who in jm) t=$tjm ;; *) t=$trifc ;; esac
		body=$(curl -sf -H "Authorization: Bearer $t" \
			"http://127.0.0.1:18187/api/v1/indicators/$id")
		ms=$(wrk -t1 -c1 -d"${secs}s" --latency \
			-H "Authorization: Bearer $t" \
			"http://127.0.0.1:18187/api/v1/indicators/$id" |
			awk '/Requests\/sec/ { printf "%.2f", 1000 / $2 }')
		say "$name	$who	$ms	$(printf '%s' "$body" | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["sightings_visible"], o["sightings_restricted"], sep="\t")')	$(cut -d' ' -f1 /proc/loadavg)"
	done
	stop
}
for round in 1 2; do
	measure "this($round)" "$bin"
	[ -z "${CCSCAP_BIN_BASE:-}" ] ||
		measure "base($round)" "$(realpath "$CCSCAP_BIN_BASE")"
done
# the plain SQL of the counts, every sighting's marking read once, timed
# by sqlite3 itself (the best of five)
ms=$(for _ in 1 2 3 4 5; do printf '%s\n' "SELECT COUNT(*), MIN(s.seen_at),
	MAX(s.seen_at) FROM sightings s JOIN markings m ON m.id = s.marking_id
	WHERE s.value_id = $id AND m.tlp <> 'red';"; done |
	sqlite3 -cmd '.timer on' "$db" |
	awk '/Run Time/ { t = $4 * 1000; if (b == "" || t < b) b = t }
	    END { printf "%.2f", b }')
say "plain-sql	-	$ms	-	-	$(cut -d' ' -f1 /proc/loadavg)"
