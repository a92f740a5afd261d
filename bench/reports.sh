#!/usr/bin/env bash
# Reports benchmark (issue 10): `ccscap report consle` and `ccscap report
# steering` over the other domains' benchmark data on SQLite: 21 states,
# 100 standards and 252,000 validated status records (bench/gaps_data.py),
# 20,000 initiatives (bench/capacity_dup_data.py, the capacity domain's
# duplicate and coverage data, loaded by SQL, then `ccscap capacity
# --rebuild`), 100,000 incidents (bench/reports_data.py). Run under
# tests/pg-harness.sh, the same database is also restored into
# PostgreSQL (restore rebuilds the kept tables) and reported there. Wall
# time and peak memory from /usr/bin/time -v; each run makes, renders
# (PDF, XLSX, HTML) and stores one report.
# Target: under 2 s each. Recorded, never a timed test.
# usage: bench/reports.sh [initiatives, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
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
db="sqlite:$tmp/r.db"
"$bin" init --db "$db" >/dev/null
printf 'benchmark-password-1\n' | "$bin" user add bench --role coordinator \
	--password-stdin --db "$db" >/dev/null
token=$("$bin" token create --user bench --name bench --db "$db" 2>/dev/null)
"$bin" serve --db "$db" --listen 127.0.0.1:18191 >/dev/null 2>&1 &
srv=$!
for _ in $(seq 50); do curl -sf http://127.0.0.1:18191/healthz >/dev/null && break; sleep 0.1; done
python3 bench/gaps_data.py framework "$tmp/fw.json"
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
	--data-binary @"$tmp/fw.json" http://127.0.0.1:18191/api/v1/framework >/dev/null
kill "$srv"; wait "$srv" 2>/dev/null || true; srv=
python3 bench/gaps_data.py fill "$tmp/r.db" >/dev/null
first=$(sqlite3 "$tmp/r.db" "SELECT COALESCE(MAX(id), 0) + 1 FROM initiatives")
python3 bench/capacity_dup_data.py "$n" "$first" > "$tmp/ini.sql"
sqlite3 -cmd "PRAGMA foreign_keys = ON" "$tmp/r.db" < "$tmp/ini.sql"
python3 bench/reports_data.py incidents "$tmp/r.db" 100000 >/dev/null
stamp=$(date -u +%Y%m%dT%H%M%SZ)

# reports NAME DB: both audiences, two runs each, on one database.
reports() {
	local name=$1 rdb=$2 aud run
	for aud in consle steering; do
		for run in 1 2; do
			echo "## $name: ccscap report $aud (run $run)"
			/usr/bin/time -v "$bin" --db "$rdb" report "$aud" \
			    --from 2025-01-01 --to 2026-11-30 --format pdf \
			    --out "$tmp/$aud.pdf" 2>&1 |
			    grep -E 'report [0-9]+ made|Elapsed|Maximum resident' |
			    sed 's/sha256 [0-9a-f]*/sha256 …/g'
		done
	done
}

{
	echo "# bench/reports.sh $n, $stamp, $(nproc) cores (shared, load $(cut -d' ' -f1-3 /proc/loadavg)), $(uname -sr)"
	for t in assessments status_history initiatives incidents; do
		echo "# $t: $(sqlite3 "$tmp/r.db" "SELECT COUNT(*) FROM $t" 2>/dev/null || python3 -c "import sqlite3,sys; print(sqlite3.connect('$tmp/r.db').execute('SELECT COUNT(*) FROM $t').fetchone()[0])")"
	done
	echo "## sqlite: ccscap capacity --rebuild (initiatives loaded by SQL)"
	/usr/bin/time -f 'rebuild: %e s wall, %U s user + %S s system CPU, %M KB peak RSS' \
	    "$bin" --db "$db" capacity --rebuild 2>&1
	reports sqlite "$db"
	if [ -n "${CCSCAP_TEST_PG:-}" ]; then
		# the same data on PostgreSQL: backup and restore (which
		# rebuilds the kept capacity tables)
		"$bin" --db "$db" backup "$tmp/r.json" >/dev/null
		export CCSCAP_KEY_FILE="$tmp/r.db.key"
		/usr/bin/time -f 'restore (with the rebuild): %e s wall, %M KB peak RSS' \
		    "$bin" --db "$CCSCAP_TEST_PG" restore "$tmp/r.json" 2>&1 |
		    grep -v '^restored'
		reports postgres "$CCSCAP_TEST_PG"
	fi
} | tee "$out/reports-$stamp.txt"
