#!/usr/bin/env bash
#
# stix.sh: STIX 2.1 interchange benchmarks (bench/README.md, "STIX").
#
#   CCSCAP_BIN=build-bench/src/cli/ccscap bench/stix.sh [objects] [stored]
#
# (a) `ccscap import stix` of a generated bundle of [objects] (default
#     100,000) into a fresh SQLite database, next to `jq -c '.objects[]'`
#     over the same file, interleaved, 3 rounds; plus timing splits
#     (--dry-run: the same work rolled back; a bundle of only
#     pass-through objects) to show where the time goes;
# (b) the same import into a database pre-populated with [stored]
#     (default 10,000,000) indicator values and their correlation keys,
#     written with sqlite3 and a recursive CTE in exactly the key format
#     of src/core/indicator/ind_keys.c (IPv4: ipv4: + net4: /24 /16 /8 probes;
#     domains: domain: + regdom:; SHA-256: sha256:);
# (c) round trip of the MITRE ATT&CK ICS bundle (import + export --all),
#     when ../shared/reference is present.
# Raw output goes to bench/results/stix-<UTC time>.txt.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bin=${CCSCAP_BIN:-$root/build-bench/src/cli/ccscap}
n=${1:-100000}
stored=${2:-10000000}
work=${CCSCAP_BENCH_DIR:-/tmp/ccscap-bench-stix}
mkdir -p "$work" "$here/results"
out=$here/results/stix-$(date -u +%Y%m%dT%H%M%S).txt
exec > >(tee "$out") 2>&1

secs() {	# secs CMD...: wall seconds of CMD, its output discarded
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc
}

fresh() {	# fresh NAME: a new, migrated SQLite database; prints its URI
	rm -f "$work/$1.db" "$work/$1.db-wal" "$work/$1.db-shm" "$work/$1.db.key"
	CCSCAP_DB="sqlite:$work/$1.db" "$bin" init >/dev/null 2>&1
	echo "sqlite:$work/$1.db"
}

echo "ccscap STIX benchmark, $(date -u +%FT%TZ), $(nproc) cores, binary $bin"
bundle=$work/bundle-$n.json
[ -f "$bundle" ] || python3 "$here/stix_gen.py" "$n" "$bundle"
echo "bundle: $n objects, $(stat -c %s "$bundle") bytes"

echo
echo "== (a) import into a fresh database vs jq -c '.objects[]'"
for round in 1 2 3; do
	db=$(fresh a)
	tj=$(secs jq -c '.objects[]' "$bundle")
	ti=$(secs env CCSCAP_DB="$db" "$bin" import stix "$bundle" --state JM)
	echo "round $round: jq ${tj}s  import ${ti}s  ratio $(echo "scale=2; $ti / $tj" | bc)"
done
sqlite3 "$work/a.db" "SELECT v.type, kind, key FROM ind_keys k JOIN ind_values v ON v.id = k.value_id WHERE v.type IN ('ipv4', 'domain', 'sha256') AND v.id IN (SELECT MIN(id) FROM ind_values GROUP BY type)" > "$work/keys.txt"
echo "rows after the last round: $(sqlite3 "$work/a.db" "SELECT (SELECT COUNT(*) FROM stix_objects) || ' objects, ' || (SELECT COUNT(*) FROM sightings) || ' sightings, ' || (SELECT COUNT(*) FROM ind_values) || ' values, ' || (SELECT COUNT(*) FROM ind_keys) || ' keys'")"

echo
echo "-- splits"
db=$(fresh a)
echo "dry run (same work, rolled back): $(secs env CCSCAP_DB="$db" "$bin" import stix "$bundle" --state JM --dry-run)s"
echo "import (committed): $(secs env CCSCAP_DB="$db" "$bin" import stix "$bundle" --state JM)s"
echo "re-import of the stored bundle (parse + check + one upsert per object, all skipped): $(secs env CCSCAP_DB="$db" "$bin" import stix "$bundle" --state JM)s"
rels=$work/rels-$n.json
python3 - "$bundle" "$rels" <<'EOF'
import json, sys
b = json.load(open(sys.argv[1]))
keep = [o for o in b["objects"] if o["type"] in
        ("relationship", "identity", "marking-definition")]
b["objects"] = keep
json.dump(b, open(sys.argv[2], "w"), separators=(",", ":"))
print(f"pass-through only bundle: {len(keep)} objects")
EOF
db=$(fresh a)
echo "pass-through only: jq $(secs jq -c '.objects[]' "$rels")s  import $(secs env CCSCAP_DB="$db" "$bin" import stix "$rels")s"

echo
echo "== (b) import into a database holding $stored indicator values"
big=$work/big-$stored.db
if [ ! -f "$big.done" ]; then
	rm -f "$big" "$big-wal" "$big-shm"
	CCSCAP_DB="sqlite:$big" "$bin" init >/dev/null 2>&1
	t0=$(date +%s)
	sqlite3 "$big" >/dev/null <<EOF
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < $stored)
INSERT INTO ind_values (id, type, value, warning, first_seen, last_seen,
    nsightings)
SELECT i, CASE i % 3 WHEN 0 THEN 'ipv4' WHEN 1 THEN 'domain'
    ELSE 'sha256' END,
    CASE i % 3
    WHEN 0 THEN printf('%d.%d.%d.%d', 11 + (i >> 24), (i >> 16) % 256,
        (i >> 8) % 256, i % 256)
    WHEN 1 THEN printf('pre%d.bench%d.com', i, i % 1000)
    ELSE printf('%064x', i) END,
    NULL, 1767225600, 1767225600, 1
FROM n;
CREATE TEMP TABLE k (key TEXT, value_id BIGINT, kind TEXT);
INSERT INTO k SELECT type || ':' || value, id, 'exact' FROM ind_values;
INSERT INTO k SELECT 'regdom:' || substr(value, instr(value, '.') + 1), id,
    'regdom' FROM ind_values WHERE type = 'domain';
INSERT INTO k SELECT printf('net4:%d.%d.%d.0/24', 11 + (id >> 24),
    (id >> 16) % 256, (id >> 8) % 256), id, 'net' FROM ind_values
    WHERE type = 'ipv4';
INSERT INTO k SELECT printf('net4:%d.%d.0.0/16', 11 + (id >> 24),
    (id >> 16) % 256), id, 'net' FROM ind_values WHERE type = 'ipv4';
INSERT INTO k SELECT printf('net4:%d.0.0.0/8', 11 + (id >> 24)), id, 'net'
    FROM ind_values WHERE type = 'ipv4';
INSERT INTO ind_keys (key, value_id, kind) SELECT key, value_id, kind FROM k
    ORDER BY key, value_id, kind;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
EOF
	touch "$big.done"
	echo "populated in $(( $(date +%s) - t0 ))s"
fi
echo "stored: $(sqlite3 "$big" "SELECT (SELECT COUNT(*) FROM ind_values) || ' values, ' || (SELECT COUNT(*) FROM ind_keys) || ' keys'"), $(stat -c %s "$big") bytes"
# the key format check: what ccscap itself stored for the same kinds
echo "ccscap's own keys (from part a):"
cat "$work/keys.txt"
echo "and the pre-populated ones:"
sqlite3 "$big" "SELECT kind, key FROM ind_keys WHERE value_id IN (3, 4, 5) ORDER BY value_id"
for round in 1 2; do
	rm -f "$work/bigrun.db-wal" "$work/bigrun.db-shm"
	cp "$big" "$work/bigrun.db"
	cp "$big.key" "$work/bigrun.db.key"
	echo "round $round: import ${n} objects into $stored values: $(secs env CCSCAP_DB="sqlite:$work/bigrun.db" "$bin" import stix "$bundle" --state JM)s"
done

echo
echo "== (c) ICS bundle round trip"
ics=$root/../shared/reference/attack/ics-attack-18.1.json
if [ -f "$ics" ]; then
	for round in 1 2 3; do
		db=$(fresh c)
		ti=$(secs env CCSCAP_DB="$db" "$bin" import stix "$ics")
		te=$(secs env CCSCAP_DB="$db" "$bin" export stix --all --out "$work/ics-out.json")
		echo "round $round: import ${ti}s  export ${te}s  total $(echo "$ti + $te" | bc)s"
	done
	python3 - "$ics" "$work/ics-out.json" <<'EOF'
import json, sys
a = {o["id"]: o for o in json.load(open(sys.argv[1]))["objects"]}
b = {o["id"]: o for o in json.load(open(sys.argv[2]))["objects"]}
print(f"round trip: {sum(a[k] == b.get(k) for k in a)} of {len(a)} objects equal")
EOF
else
	echo "skipped: $ics is absent"
fi
