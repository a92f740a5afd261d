#!/usr/bin/env bash
#
# taxii.sh: TAXII 2.1 server and sync benchmarks (issue 14; bench/README.md,
# "TAXII"). Recorded, never a timed test. SQLite, release build.
#
#   CCSCAP_BIN=build-bench/src/cli/ccscap bench/taxii.sh [objects] [entries]
#       [sync-objects]
#
# (a) `ccscap import stix` of a generated bundle (bench/stix_gen.py,
#     default 100,000 objects) into a database without and with a TAXII
#     collection to file into (the cost of filing);
# (b) that collection grown to [entries] (default 1,000,000) by
#     bench/taxii_fill.py (SQL bulk insert), then wrk on a 1,000-object
#     page: the first page and one 90% deep (added_after), req/s and p99,
#     interleaved with nginx serving a file of the same size (the page
#     itself) in the same run;
# (c) a full `ccscap sync --pull` of a 100,000-object collection into a
#     second node (two servers, two databases), next to `ccscap import
#     stix` of a bundle of the same 100,000 objects;
# (d) filing a record made through the API with 1,000 indicators: POST
#     /api/v1/incidents with no collection and with three to file into.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${CCSCAP_BIN:-$root/build-bench/src/cli/ccscap}
n=${1:-100000}
entries=${2:-1000000}
sync_n=${3:-100000}
work=${CCSCAP_BENCH_DIR:-/tmp/ccscap-bench-taxii}
nport=18191
mkdir -p "$work" "$here/results"
out=$here/results/taxii-$(date -u +%Y%m%dT%H%M%SZ).txt
exec > >(tee "$out") 2>&1
: > "$work/pids"	# servers started (serve runs in a subshell)
cleanup() {
	while read -r p; do kill "$p" 2>/dev/null || true; done \
	    < "$work/pids"
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" \
	    2>/dev/null || true
}
trap cleanup EXIT
media='application/taxii+json;version=2.1'
for tool in wrk sqlite3 bc curl; do
	command -v $tool >/dev/null || { echo "bench: needs $tool"; exit 1; }
done
if ! command -v nginx >/dev/null; then
	apt-get install -y nginx-light >/dev/null 2>&1 ||
	    { echo "bench: needs nginx (apt-get install nginx-light)"; exit 1; }
fi

secs() {	# secs CMD...: wall seconds of CMD, its output discarded
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}

fresh() {	# fresh NAME [--demo]: a new, migrated SQLite database; URI
	rm -f "$work/$1".db* "$work/$1.conf"
	CCSCAP_DB="sqlite:$work/$1.db" "$bin" init ${2:-} \
	    ${2:+--demo-credentials "$work/$1.creds"} >/dev/null 2>&1
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
	echo $! >> "$work/pids"
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

run_wrk() {	# run_wrk NAME URL [TOKEN]
	local r
	r=$(wrk -t2 -c8 -d${WRK_SECS:-10}s --latency -H "Accept: $media" \
	    ${3:+-H "Authorization: Bearer $3"} "$2")
	echo "$1: $(echo "$r" | awk '/Requests\/sec/ {print $2}') req/s," \
	    "p99 $(echo "$r" | awk '$1 == "99%" {print $2}')"
}

us_to_ts() {	# us_to_ts MICROSECONDS: RFC 3339 with microseconds
	python3 -c "import datetime,sys; t=int(sys.argv[1]); \
print(datetime.datetime.fromtimestamp(t // 10**6, datetime.timezone.utc) \
.strftime('%Y-%m-%dT%H:%M:%S') + '.%06dZ' % (t % 10**6))" "$1"
}

echo "ccscap TAXII benchmark, $(date -u +%FT%TZ), $(nproc) cores (shared)," \
    "load $(cut -d' ' -f1-3 /proc/loadavg), binary $bin," \
    "SQLite $(sqlite3 --version | cut -d' ' -f1), $(nginx -v 2>&1)"
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
# a copy for (c) before the collection grows
rm -f "$work"/synchub.db*
sqlite3 "$work/hub.db" ".backup $work/synchub.db"
cp "$work/hub.db.key" "$work/synchub.db.key"

echo
echo "== (b) one 1,000-object page of $entries, first and 90% deep, next" \
    "to nginx"
tf=$(secs python3 "$here/taxii_fill.py" "$work/hub.db" "$coll" "$entries")
echo "grown to $(sqlite3 "$work/hub.db" "SELECT COUNT(*) FROM \
taxii_entries") entries by taxii_fill.py in ${tf}s"
: > "$work/hub.conf"
port=$(serve "$hub" "$work/hub.conf")
base="http://127.0.0.1:$port/taxii2/caricom-rcc/collections/$coll/objects/"
deep=$(sqlite3 "$work/hub.db" "SELECT date_added FROM taxii_entries WHERE \
collection_id = '$coll' ORDER BY date_added LIMIT 1 OFFSET \
$((entries * 9 / 10))")
first="$base?limit=1000"
deepurl="$base?limit=1000&added_after=$(us_to_ts "$deep")"
mkdir -p "$work/www"
curl -sf -H "Accept: $media" -H "Authorization: Bearer $token" "$first" \
    > "$work/www/first"
curl -sf -H "Accept: $media" -H "Authorization: Bearer $token" "$deepurl" \
    > "$work/www/deep"
echo "page sizes: first $(stat -c %s "$work/www/first") bytes, deep" \
    "$(stat -c %s "$work/www/deep") bytes; objects" \
    "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))\
['objects']))" "$work/www/first")"
cat > "$work/nginx.conf" <<NGX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
	access_log off;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$nport;
		root $work/www;
		default_type application/taxii+json;
	}
}
NGX
chmod 755 "$work" "$work/www"
chmod 644 "$work/www/"*
rm -f "$work/nginx.pid"
nginx -c "$work/nginx.conf" -p "$work" 2>/dev/null
sleep 0.5
for round in 1 2; do
	echo "-- round $round"
	run_wrk "ccscap first page" "$first" "$token"
	run_wrk "nginx, file of the first page's size" \
	    "http://127.0.0.1:$nport/first"
	run_wrk "ccscap page 90% deep" "$deepurl" "$token"
	run_wrk "nginx, file of the deep page's size" \
	    "http://127.0.0.1:$nport/deep"
done
kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
echo "query plan of a page (SQLite; the query ccs_taxii_list runs):"
sqlite3 "$work/hub.db" "EXPLAIN QUERY PLAN SELECT e.id, e.body FROM \
taxii_entries e JOIN markings m ON m.id = e.marking_id WHERE \
e.collection_id = '$coll' AND (e.latest = 1) AND e.date_added > $deep \
ORDER BY e.date_added LIMIT 1257"

echo
echo "== (c) sync --pull of $sync_n objects into a second node, next to" \
    "import stix of the same objects"
python3 "$here/taxii_fill.py" "$work/synchub.db" "$coll" "$sync_n" \
    >/dev/null
sqlite3 "$work/synchub.db" "SELECT body FROM taxii_entries WHERE \
collection_id = '$coll' ORDER BY date_added" | python3 -c "
import sys
out = open(sys.argv[1], 'w')
out.write('{\"type\":\"bundle\",\"id\":\"bundle--5e1b0000-0000-4000-8000-'
          '000000000014\",\"objects\":[')
for i, line in enumerate(sys.stdin):
    out.write((',' if i else '') + line.rstrip('\n'))
out.write(']}')" "$work/sync-bundle.json"
: > "$work/synchub.conf"
sport=$(serve "sqlite:$work/synchub.db" "$work/synchub.conf")
peer="http://127.0.0.1:$sport/taxii2/caricom-rcc/"
nodedb=$(fresh node)
read -r _ _ < <(node "$nodedb")
echo "sync_peer = $peer $token" > "$work/node.conf"
ts=$(secs env CCSCAP_DB="$nodedb" "$bin" --config "$work/node.conf" sync \
    "$peer" --pull 2>/dev/null)
echo "sync --pull of $sync_n objects: ${ts}s"
echo "node entries: $(sqlite3 "$work/node.db" \
    "SELECT COUNT(*) FROM taxii_entries")"
idb=$(fresh imp)
read -r _ _ < <(node "$idb")
tb=$(secs env CCSCAP_DB="$idb" "$bin" import stix "$work/sync-bundle.json")
echo "import stix of the same $sync_n objects (one collection): ${tb}s"
echo "imported entries: $(sqlite3 "$work/imp.db" \
    "SELECT COUNT(*) FROM taxii_entries")"

echo
echo "== (d) an incident with 1,000 indicators made through the API"
python3 - "$work/incident.json" <<'PY'
import json, sys
json.dump({"title": "Bench", "description": "1,000 indicators",
           "rsit": "fraud:phishing", "severity": "medium", "tlp": "green",
           "indicators": [{"type": "domain",
                           "value": f"bench-{i}.example"}
                          for i in range(1000)]}, open(sys.argv[1], "w"))
PY
for ncoll in 0 3; do
	ddb=$(fresh "rec$ncoll" --demo)
	if [ "$ncoll" = 3 ]; then
		for spec in "public clear" "caricom-rcc amber" \
		    "jm-national amber"; do
			set -- $spec
			CCSCAP_DB="$ddb" "$bin" taxii collection add "$1" \
			    --title "$1" --tlp "$2" >/dev/null
		done
	fi
	dtok=$(CCSCAP_DB="$ddb" "$bin" token create --user ncpoc.jm \
	    --name bench 2>/dev/null)
	: > "$work/rec$ncoll.conf"
	dport=$(serve "$ddb" "$work/rec$ncoll.conf")
	for i in 1 2 3 4 5; do
		sed "s/bench-/r$i-bench-/g" "$work/incident.json" \
		    > "$work/incident-$i.json"
		t=$(curl -s -o /dev/null -w '%{time_total} %{http_code}' \
		    -H "Authorization: Bearer $dtok" -H \
		    'Content-Type: application/json' --data-binary \
		    "@$work/incident-$i.json" \
		    "http://127.0.0.1:$dport/api/v1/incidents")
		echo "$ncoll collections, run $i: ${t% *}s (HTTP ${t#* })"
	done
	echo "$ncoll collections: $(sqlite3 "$work/rec$ncoll.db" \
	    "SELECT COUNT(*) FROM taxii_entries") entries filed"
done
