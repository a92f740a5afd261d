#!/usr/bin/env bash
#
# taxii_reader_pg.sh: bench/taxii_reader.sh's 1% reader on PostgreSQL
# (issue 15 item 1), a smaller collection grown in SQL (generate_series),
# run inside tests/pg-harness.sh. Recorded, never a timed test.
#
#   tests/pg-harness.sh env CCSCAP_BIN=build-bench/src/cli/ccscap \
#       bench/taxii_reader_pg.sh [entries]
#
# A caricom-rcc collection of [entries] (default 300,000), one in 100
# TLP:GREEN, the rest Trinidad's TLP:AMBER; a Jamaican NCPOC may read the
# 1%. Five single requests of a 100-object page, wrk on it, and
# PostgreSQL's EXPLAIN ANALYZE of the page's query.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${CCSCAP_BIN:-$root/build-bench/src/cli/ccscap}
entries=${1:-300000}
db=${CCSCAP_TEST_PG:?run inside tests/pg-harness.sh}
work=${CCSCAP_BENCH_DIR:-/tmp/ccscap-bench-taxii-reader-pg}
media='application/taxii+json;version=2.1'
mkdir -p "$work" "$here/results"
out=$here/results/taxii-reader-pg-$(date -u +%Y%m%dT%H%M%SZ).txt
exec > >(tee "$out") 2>&1
rm -f "$work/key"
export CCSCAP_DB=$db CCSCAP_KEY_FILE=$work/key
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "ccscap TAXII 1% reader on PostgreSQL, $(date -u +%FT%TZ), $(nproc)" \
    "cores (shared), load $(load), $(psql --version), binary $bin"
"$bin" init >/dev/null 2>&1
printf 'bench-password-123\n' | "$bin" user add bench.jm --role ncpoc \
    --state JM --password-stdin >/dev/null
c=$("$bin" taxii collection add caricom-rcc --title Bench --tlp amber)
"$bin" taxii grant "$c" --any --read >/dev/null
for t in green:bab4a63c-aed9-4cf5-a766-dfca5abac2bb:JM \
    amber:55d920b0-5e8b-4f79-9ee9-91f868d9b421:TT; do
	IFS=: read -r name mid st <<<"$t"
	python3 - "$work/$name.json" "marking-definition--$mid" <<'PY'
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
	"$bin" import stix "$work/$name.json" --state "$st" >/dev/null
done
# entry g takes the GREEN entry's marking when g % 100 = 50
psql -q "$db" <<SQL
INSERT INTO taxii_entries (collection_id, date_added, stix_id, type,
    version, version_text, spec_version, marking_id, body)
SELECT '$c', (SELECT last_added FROM taxii_collections WHERE id = '$c') + g,
    'malware--' || md5(g::text), type, version, version_text, spec_version,
    CASE WHEN g % 100 = 50 THEN (SELECT marking_id FROM taxii_entries
        WHERE collection_id = '$c' ORDER BY date_added LIMIT 1)
    ELSE (SELECT marking_id FROM taxii_entries WHERE collection_id = '$c'
        ORDER BY date_added DESC LIMIT 1) END, body
FROM (SELECT * FROM taxii_entries WHERE collection_id = '$c' LIMIT 1) t,
    generate_series(1, $entries) g;
UPDATE taxii_collections SET last_added = last_added + $entries
    WHERE id = '$c';
ANALYZE;
SQL
echo "entries: $(psql -tA "$db" -c "SELECT COUNT(*) FROM taxii_entries")"
tok=$("$bin" token create --user bench.jm --name b 2>/dev/null)
: > "$work/serve.conf"
"$bin" --config "$work/serve.conf" serve --listen 127.0.0.1:0 \
    > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
	grep -q 'listening on' "$work/serve.log" && break
	sleep 0.1
done
port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$work/serve.log" |
    head -1)
u="http://127.0.0.1:$port/taxii2/caricom-rcc/collections/$c/objects/"
u="$u?limit=100"
for _ in 1 2 3 4 5; do
	curl -s -o /dev/null -w "one page: %{time_total}s HTTP %{http_code}\n" \
	    -H "Accept: $media" -H "Authorization: Bearer $tok" "$u"
done
curl -s -H "Accept: $media" -H "Authorization: Bearer $tok" "$u" |
    python3 -c "import json,sys; b=json.load(sys.stdin); \
print('objects, more:', len(b['objects']), b['more'])"
r=$(wrk -t1 -c4 -d${WRK_SECS:-8}s --latency -H "Accept: $media" \
    -H "Authorization: Bearer $tok" "$u")
echo "wrk -c4: $(echo "$r" | awk '/Requests\/sec/ {print $2}') req/s," \
    "p50 $(echo "$r" | awk '$1 == "50%" {print $2}')," \
    "p99 $(echo "$r" | awk '$1 == "99%" {print $2}') (load $(load))"
keys="'*', 'm', 'u:2', 's:JM'"
sets="(SELECT set_id FROM reader_set_keys WHERE reader IN ($keys))"
psql "$db" -c "EXPLAIN ANALYZE SELECT e.id, e.body FROM taxii_entries e \
JOIN markings m ON m.id = e.marking_id WHERE e.collection_id = '$c' AND \
m.reader_set IN $sets AND (e.latest = 1 OR NOT EXISTS (SELECT 1 FROM \
taxii_entries x JOIN markings xm ON xm.id = x.marking_id WHERE \
x.collection_id = e.collection_id AND x.stix_id = e.stix_id AND \
x.version > e.version AND xm.reader_set IN $sets)) ORDER BY e.date_added \
LIMIT 101"
