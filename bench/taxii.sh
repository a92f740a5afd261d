#!/usr/bin/env bash
#
# taxii.sh: TAXII 2.1 server and sync benchmarks (issue 14; bench/README.md,
# "TAXII"). Recorded, never a timed test.
#
#   CCSCAP_BIN=build-bench/src/cli/ccscap bench/taxii.sh [objects]
#
# (a) `ccscap import stix` of a generated bundle (bench/stix_gen.py,
#     default 100,000 objects; the issue's figure is 1,000,000) into a
#     database without and with a TAXII collection (the cost of filing);
# (b) wrk on a 1,000-object page: the first page and one half-way into
#     the collection (added_after), req/s and p99, 8 connections;
# (c) `ccscap sync --pull` of the whole collection into a second node
#     (two servers, two databases), next to (a).
# nginx is the issue's baseline for (b); it is printed when installed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${CCSCAP_BIN:-$root/build-bench/src/cli/ccscap}
n=${1:-100000}
work=${CCSCAP_BENCH_DIR:-/tmp/ccscap-bench-taxii}
mkdir -p "$work" "$here/results"
out=$here/results/taxii-$(date -u +%Y%m%dT%H%M%SZ).txt
exec > >(tee "$out") 2>&1
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
media='application/taxii+json;version=2.1'

secs() {	# secs CMD...: wall seconds of CMD, its output discarded
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}

fresh() {	# fresh NAME: a new, migrated SQLite database; prints its URI
	rm -f "$work/$1".db* "$work/$1.conf"
	CCSCAP_DB="sqlite:$work/$1.db" "$bin" init >/dev/null 2>&1
	echo "sqlite:$work/$1.db"
}

node() {	# node DB: an operator user, a collection granted to it; prints
		# "COLLECTION TOKEN"
	local db=$1 c
	printf 'bench-password-123\n' | CCSCAP_DB="$db" "$bin" user add \
	    bench --role rifc_analyst --password-stdin >/dev/null
	c=$(CCSCAP_DB="$db" "$bin" taxii collection add caricom-rcc \
	    --title Bench --tlp amber)
	CCSCAP_DB="$db" "$bin" taxii grant "$c" --user bench --read \
	    --write >/dev/null
	echo "$c $(CCSCAP_DB="$db" "$bin" token create --user bench \
	    --name bench 2>/dev/null)"
}

serve() {	# serve DB CONF: starts a server; prints its port
	local log=$work/serve-$RANDOM.log
	CCSCAP_DB="$1" "$bin" --config "$2" serve --listen 127.0.0.1:0 \
	    >"$log" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do
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

bench_url() {	# bench_url NAME URL TOKEN
	local r
	r=$(wrk -t2 -c8 -d10s --latency -H "Accept: $media" \
	    -H "Authorization: Bearer $3" "$2")
	echo "$1: $(echo "$r" | awk '/Requests\/sec/ {print $2}') req/s," \
	    "p99 $(echo "$r" | awk '$1 == "99%" {print $2}')," \
	    "$(curl -s -H "Accept: $media" -H "Authorization: Bearer $3" \
	    "$2" | wc -c) bytes"
}

echo "ccscap TAXII benchmark, $(date -u +%FT%TZ), $(nproc) cores (shared)," \
    "binary $bin"
bundle=$work/bundle-$n.json
[ -f "$bundle" ] || python3 "$here/stix_gen.py" "$n" "$bundle"
echo "bundle: $n objects, $(stat -c %s "$bundle") bytes"

echo
echo "== (a) import stix, without and with a TAXII collection to file into"
db=$(fresh plain)
echo "no collection: $(secs env CCSCAP_DB="$db" "$bin" import stix \
    "$bundle" --state JM)s"
hub=$(fresh hub)
read -r coll token < <(node "$hub")
ti=$(secs env CCSCAP_DB="$hub" "$bin" import stix "$bundle" --state JM)
echo "one collection (caricom-rcc, up to TLP:AMBER): ${ti}s"
filed=$(sqlite3 "$work/hub.db" "SELECT COUNT(*) FROM taxii_entries")
echo "entries filed: $filed"

echo
echo "== (b) one 1,000-object page, first and half-way"
: > "$work/hub.conf"
port=$(serve "$hub" "$work/hub.conf")
base="http://127.0.0.1:$port/taxii2/caricom-rcc/collections/$coll/objects/"
mid=$(sqlite3 "$work/hub.db" "SELECT date_added FROM taxii_entries ORDER BY \
    date_added LIMIT 1 OFFSET $((filed / 2))")
after=$(python3 -c "import datetime,sys; t=int(sys.argv[1]); \
print(datetime.datetime.fromtimestamp(t // 10**6, datetime.timezone.utc) \
.strftime('%Y-%m-%dT%H:%M:%S') + '.%06dZ' % (t % 10**6))" "$mid")
bench_url "first page" "$base?limit=1000" "$token"
bench_url "half-way page" "$base?limit=1000&added_after=$after" "$token"
if command -v nginx >/dev/null; then
	echo "nginx: see bench/README.md (not scripted here)"
else
	echo "nginx: not installed on this machine; no baseline"
fi

echo
echo "== (c) ccscap sync --pull of the whole collection into a second node"
nodedb=$(fresh node)
read -r _ _ < <(node "$nodedb")
echo "sync_peer = http://127.0.0.1:$port/taxii2/caricom-rcc/ $token" \
    > "$work/node.conf"
ts=$(secs env CCSCAP_DB="$nodedb" "$bin" --config "$work/node.conf" sync \
    "http://127.0.0.1:$port/taxii2/caricom-rcc/" --pull 2>/dev/null)
echo "sync --pull of $filed objects: ${ts}s (import stix of the bundle:" \
    "${ti}s)"
echo "node entries: $(sqlite3 "$work/node.db" \
    "SELECT COUNT(*) FROM taxii_entries")"
