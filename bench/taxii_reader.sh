#!/usr/bin/env bash
#
# taxii_reader.sh: a TAXII page for a reader who may read 1% of a
# collection (issue 15 item 1; bench/README.md, "TAXII: a reader of 1%").
# Recorded, never a timed test. SQLite, release build.
#
#   CCSCAP_BIN=build-bench/src/cli/ccscap \
#   CCSCAP_BIN_BEFORE=/path/to/older/ccscap bench/taxii_reader.sh [entries]
#
# A caricom-rcc collection (up to TLP:AMBER, readable by every signed-in
# user) grown to [entries] (default 1,000,000) by bench/
# taxii_reader_fill.py: one entry in 100 TLP:GREEN, the rest Trinidad's
# TLP:AMBER. A Jamaican NCPOC may read the GREEN 1%, a RIFC analyst
# everything. For each binary (CCSCAP_BIN_BEFORE first, when given, then
# CCSCAP_BIN), wrk on a 100-object page (the TAXII default): the 1%
# reader's first page and a page 90% deep (added_after), and the RIFC's
# first page; the load average is printed with each line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
after=${CCSCAP_BIN:-$root/build-bench/src/cli/ccscap}
before=${CCSCAP_BIN_BEFORE:-}
entries=${1:-1000000}
work=${CCSCAP_BENCH_DIR:-/tmp/ccscap-bench-taxii-reader}
mkdir -p "$work" "$here/results"
out=$here/results/taxii-reader-$(date -u +%Y%m%dT%H%M%SZ).txt
exec > >(tee "$out") 2>&1
: > "$work/pids"
cleanup() {
	while read -r p; do kill "$p" 2>/dev/null || true; done \
	    < "$work/pids"
}
trap cleanup EXIT
media='application/taxii+json;version=2.1'
for tool in wrk sqlite3 curl python3; do
	command -v $tool >/dev/null || { echo "bench: needs $tool"; exit 1; }
done

load() { cut -d' ' -f1-3 /proc/loadavg; }

serve() {	# serve BIN DB: starts a server; prints its port
	local log=$work/serve-$RANDOM.log
	: > "$work/serve.conf"
	CCSCAP_DB="$2" "$1" --config "$work/serve.conf" serve --listen \
	    127.0.0.1:0 >"$log" 2>&1 &
	echo $! >> "$work/pids"
	# a newer binary migrates the database first: minutes at 1M
	for _ in $(seq 6000); do
		if grep -q 'listening on' "$log"; then
			sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$log" |
			    head -1
			return
		fi
		sleep 0.1
	done
	echo "server did not start: $(cat "$log")" >&2
	exit 1
}

run_wrk() {	# run_wrk NAME URL TOKEN
	local r
	r=$(wrk -t1 -c4 -d${WRK_SECS:-8}s --latency -H "Accept: $media" \
	    -H "Authorization: Bearer $3" "$2")
	echo "$1: $(echo "$r" | awk '/Requests\/sec/ {print $2}') req/s," \
	    "p50 $(echo "$r" | awk '$1 == "50%" {print $2}')," \
	    "p99 $(echo "$r" | awk '$1 == "99%" {print $2}') (load $(load))"
}

us_to_ts() {	# us_to_ts MICROSECONDS: RFC 3339 with microseconds
	python3 -c "import datetime,sys; t=int(sys.argv[1]); \
print(datetime.datetime.fromtimestamp(t // 10**6, datetime.timezone.utc) \
.strftime('%Y-%m-%dT%H:%M:%S') + '.%06dZ' % (t % 10**6))" "$1"
}

bundle() {	# bundle FILE TLP-MARKING-ID: one malware object
	python3 - "$1" "$2" <<'PY'
import json, sys, uuid
json.dump({"type": "bundle", "id": f"bundle--{uuid.uuid4()}",
           "objects": [{"type": "malware", "spec_version": "2.1",
                        "id": f"malware--{uuid.uuid4()}",
                        "created": "2026-01-01T00:00:00.000Z",
                        "modified": "2026-01-01T00:00:00.000Z",
                        "name": "bench " + "x" * 300, "is_family": False,
                        "object_marking_refs": [sys.argv[2]]}]},
          open(sys.argv[1], "w"))
PY
}

echo "ccscap TAXII 1% reader benchmark, $(date -u +%FT%TZ), $(nproc)" \
    "cores (shared), load $(load), SQLite $(sqlite3 --version |
    cut -d' ' -f1)"
echo "after: $after${before:+; before: $before}"

db=sqlite:$work/hub.db
rm -rf "$work"/hub.db*
# made by the older binary when there is one: the newer one migrates it
# on its first open (an older binary refuses a newer schema)
setup=${before:-$after}
CCSCAP_DB="$db" "$setup" init >/dev/null 2>&1
for u in "bench.jm ncpoc --state JM" "bench.rifc rifc_analyst"; do
	set -- $u
	printf 'bench-password-123\n' | CCSCAP_DB="$db" "$setup" user add \
	    "$1" --role "$2" ${3:+"$3" "$4"} --password-stdin >/dev/null
done
coll=$(CCSCAP_DB="$db" "$setup" taxii collection add caricom-rcc \
    --title Bench --tlp amber)
CCSCAP_DB="$db" "$setup" taxii grant "$coll" --any --read >/dev/null
bundle "$work/green.json" \
    marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb
bundle "$work/amber.json" \
    marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421
CCSCAP_DB="$db" "$setup" import stix "$work/green.json" --state JM \
    >/dev/null
CCSCAP_DB="$db" "$setup" import stix "$work/amber.json" --state TT \
    >/dev/null
t0=$(date +%s)
python3 "$here/taxii_reader_fill.py" "$work/hub.db" "$coll" "$entries" 100 \
    >/dev/null
echo "collection: $(sqlite3 "$work/hub.db" "SELECT COUNT(*) FROM \
taxii_entries") entries ($(sqlite3 "$work/hub.db" "SELECT COUNT(*) FROM \
taxii_entries e JOIN markings m ON m.id = e.marking_id WHERE m.tlp = \
'green'") GREEN), filled in $(( $(date +%s) - t0 ))s, database" \
    "$(du -h "$work/hub.db" | cut -f1)"
jtok=$(CCSCAP_DB="$db" "$setup" token create --user bench.jm --name b 2>/dev/null)
rtok=$(CCSCAP_DB="$db" "$setup" token create --user bench.rifc --name b \
    2>/dev/null)
deep=$(sqlite3 "$work/hub.db" "SELECT date_added FROM taxii_entries WHERE \
collection_id = '$coll' ORDER BY date_added LIMIT 1 OFFSET \
$((entries * 9 / 10))")

for bin in $before "$after"; do
	echo
	echo "== $bin"
	t0=$(date +%s.%N)
	port=$(serve "$bin" "$db")
	echo "started (with any migration) in $(echo "$(date +%s.%N) - $t0" |
	    bc | cut -c1-6) s"
	base="http://127.0.0.1:$port/taxii2/caricom-rcc/collections/$coll"
	first="$base/objects/?limit=100"
	deepurl="$first&added_after=$(us_to_ts "$deep")"
	n=$(curl -sf -H "Accept: $media" -H "Authorization: Bearer $jtok" \
	    "$first" | python3 -c "import json,sys; b=json.load(sys.stdin); \
print(len(b.get('objects', [])), b['more'])")
	echo "1% reader's first page: objects, more = $n"
	run_wrk "1% reader, first page" "$first" "$jtok"
	run_wrk "1% reader, page 90% deep" "$deepurl" "$jtok"
	run_wrk "RIFC (reads all), first page" "$first" "$rtok"
	run_wrk "1% reader, first manifest page" \
	    "$base/manifest/?limit=100" "$jtok"
	kill "$(tail -1 "$work/pids")" 2>/dev/null || true
	sleep 0.5
done
