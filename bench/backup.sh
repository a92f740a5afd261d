#!/usr/bin/env bash
# Backup and restore benchmark (issue 15 item 8): memory stays bounded
# whatever the size of the database. Generates a SQLite database with N
# incidents, each with its own marking (default 1,000,000, so 2,000,000
# rows and a backup of several hundred MB), then
#
#   1. backs it up (SQLite),
#   2. restores that file into a fresh PostgreSQL database,
#   3. backs the PostgreSQL database up,
#   4. restores that file into a fresh SQLite database,
#   5. backs that up,
#
# each under /usr/bin/time -v (peak RSS, wall time), and verifies: the
# three backup files are identical but for "created_at", so every row
# crossed both backends unchanged. PostgreSQL is the throwaway cluster of
# tests/pg-harness.sh (the script re-runs itself under it).
# usage: bench/backup.sh [incidents, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
if [ -z "${CCSCAP_TEST_PG_ADMIN:-}" ]; then
	exec tests/pg-harness.sh "$0" "$@"
fi
export CCSCAP_LOG_LEVEL=warn
bin=${CCSCAP_BIN:-build/src/cli/ccscap}
out=bench/results
mkdir -p "$out"
tmp=$(mktemp -d)
pgdb=ccs_bench_backup_$$
cleanup() {
	psql -X -q -d "$CCSCAP_TEST_PG_ADMIN" \
	    -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 ||
	    true
	rm -rf "$tmp"
}
trap cleanup EXIT
export CCSCAP_KEY_FILE="$tmp/ccscap.key"
src="sqlite:$tmp/src.db"
dst="sqlite:$tmp/back.db"
pg="${CCSCAP_TEST_PG_ADMIN%/*}/$pgdb"

"$bin" init --db "$src" >/dev/null
# N markings and N incidents over the 20 states of the seed, in one
# transaction, straight into SQLite (no ccscap in the way: this is data).
t0=$(date +%s)
sqlite3 "$tmp/src.db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE st AS SELECT row_number() OVER (ORDER BY code) - 1 AS k,
    code FROM states;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq
    WHERE i < $n)
INSERT INTO markings (id, tlp, src_state, states, created_at)
SELECT i, CASE i % 4 WHEN 0 THEN 'clear' WHEN 1 THEN 'green'
    WHEN 2 THEN 'amber' ELSE 'red' END,
    (SELECT code FROM st WHERE k = i % (SELECT COUNT(*) FROM st)),
    '', 1767225600 + i FROM seq;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq
    WHERE i < $n)
INSERT INTO incidents (id, marking_id, state_code, author, title,
    description, rsit_class, rsit_type, severity, status, sectors,
    states_involved, reported_at, created_at, updated_at)
SELECT i, i, (SELECT code FROM st WHERE k = i % (SELECT COUNT(*) FROM st)),
    'bench generator', 'Phishing wave against banks, report ' || i,
    'Credential phishing e-mails imitating a regional bank, with '
    || 'a look-alike domain and a form that posts to a compromised host; '
    || 'seen by ' || (i % 97) || ' customers. "Quoted" text, tab	and é.',
    'fraud', 'phishing',
    CASE i % 4 WHEN 0 THEN 'low' WHEN 1 THEN 'medium' WHEN 2 THEN 'high'
    ELSE 'critical' END,
    CASE i % 3 WHEN 0 THEN 'reported' WHEN 1 THEN 'triaged'
    ELSE 'closed' END,
    '["finance"]', '[]', 1767225600 + i, 1767225600 + i, 1767225600 + i
FROM seq;
COMMIT;
SQL
gen_s=$(( $(date +%s) - t0 ))
psql -X -q -d "$CCSCAP_TEST_PG_ADMIN" -c "CREATE DATABASE $pgdb" >/dev/null

# step NAME DB COMMAND FILE: runs ccscap under time -v, prints one line
step() {
	local name=$1 db=$2 cmd=$3 file=$4 log
	log="$tmp/$name.time"
	/usr/bin/time -v "$bin" --db "$db" "$cmd" "$file" \
	    >"$tmp/$name.out" 2>"$log" || {
		echo "$name failed:" >&2
		cat "$tmp/$name.out" "$log" >&2
		exit 1
	}
	printf '%-26s peak RSS %7s kB  wall %8s  file %s MB\n' "$name" \
	    "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")" \
	    "$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")" \
	    "$(( $(stat -c %s "$file") / 1048576 ))"
}

# the file without its "created_at" (the only part that differs)
strip() {
	sed '1s/"created_at":[0-9]*,//' "$1"
}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
result="$out/backup-$stamp.txt"
{
echo "backup/restore benchmark $stamp ($(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg) at the start: the machine is shared)"
echo "binary: $bin; data: $n incidents + $n markings generated in ${gen_s}s"
echo "database sizes: sqlite $(( $(stat -c %s "$tmp/src.db") / 1048576 )) MB"
step "1 backup sqlite" "$src" backup "$tmp/a.json"
step "2 restore into postgres" "$pg" restore "$tmp/a.json"
echo "postgres database: $(psql -X -At -d "$pg" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
step "3 backup postgres" "$pg" backup "$tmp/b.json"
step "4 restore into sqlite" "$dst" restore "$tmp/b.json"
step "5 backup sqlite again" "$dst" backup "$tmp/c.json"
printf 'incidents: sqlite %s, postgres %s, sqlite again %s\n' \
    "$(sqlite3 "$tmp/src.db" 'SELECT COUNT(*) FROM incidents')" \
    "$(psql -X -At -d "$pg" -c 'SELECT COUNT(*) FROM incidents')" \
    "$(sqlite3 "$tmp/back.db" 'SELECT COUNT(*) FROM incidents')"
if cmp -s <(strip "$tmp/a.json") <(strip "$tmp/b.json") &&
    cmp -s <(strip "$tmp/a.json") <(strip "$tmp/c.json"); then
	echo "verified: the three backups are identical (but for created_at)"
else
	echo "MISMATCH: the backups differ"
	cmp <(strip "$tmp/a.json") <(strip "$tmp/b.json") || true
	cmp <(strip "$tmp/a.json") <(strip "$tmp/c.json") || true
	exit 1
fi
tail -n 1 "$tmp/2 restore into postgres.out"
} | tee "$result"
echo "written to $result"
