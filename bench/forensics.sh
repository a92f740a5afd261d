#!/usr/bin/env bash
# Forensics benchmark (issue 13): `ccscap verify-custody` over one item
#   with N hand-overs (default 100,000; bench/forensics_data.py writes a
#   valid chain with one mismatch per 1,000), next to plain SQL over the
#   same rows in the sqlite3 shell: a scan of the log, and the link
#   check SQL can do (each prev_hash equals the entry before's hash),
#   which cannot recompute a SHA-256. Wall time and peak memory from
#   /usr/bin/time -v. Recorded, never a timed test.
# usage: bench/forensics.sh [hand-overs, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
bin=${CCSCAP_BIN:-build/src/cli/ccscap}
out=bench/results
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
res="$out/forensics-$(date -u +%Y%m%dT%H%M%SZ).txt"
db="sqlite://$tmp/bench.db"

"$bin" --db "$db" init > /dev/null
item=$(python3 bench/forensics_data.py "$tmp/bench.db" "$n")
scan="SELECT COUNT(*), SUM(hash_ok = 0), MAX(length(entry_hash))
    FROM custody_events WHERE item_id = $item;"
links="SELECT COUNT(*) FROM custody_events a JOIN custody_events b
    ON b.item_id = a.item_id AND b.seq = a.seq + 1
    WHERE a.item_id = $item AND b.prev_hash <> a.entry_hash;"
{
	echo "# bench/forensics.sh $n, $(date -u +%FT%TZ), $(nproc) cores (shared), $(uname -sr)"
	echo "# one item, $((n + 1)) custody entries, SQLite $(sqlite3 --version | cut -d' ' -f1)"
	for run in 1 2 3; do
		echo "## ccscap verify-custody (run $run)"
		/usr/bin/time -v "$bin" --db "$db" verify-custody "$item" 2>&1 |
		    grep -E 'custody chain|Elapsed|Maximum resident'
		echo "## sqlite3: scan of the log (run $run)"
		/usr/bin/time -v sqlite3 "$tmp/bench.db" "$scan" 2>&1 |
		    grep -E '^[0-9]|Elapsed|Maximum resident'
		echo "## sqlite3: prev_hash links, no hashing (run $run)"
		/usr/bin/time -v sqlite3 "$tmp/bench.db" "$links" 2>&1 |
		    grep -E '^[0-9]|Elapsed|Maximum resident'
	done
} | tee "$res"
echo "recorded in $res"
