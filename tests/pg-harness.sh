#!/usr/bin/env bash
#
# pg-harness.sh: runs a command against a throwaway PostgreSQL 15 cluster.
#
#   tests/pg-harness.sh COMMAND [ARG...]
#
# Creates a cluster in a fresh temporary directory (trust authentication,
# superuser "ccscap", UTF-8, no fsync), starts it on a free loopback port,
# creates the database ccscap_test, and runs COMMAND with
#
#   CCSCAP_TEST_PG=postgres://ccscap@127.0.0.1:PORT/ccscap_test
#   CCSCAP_TEST_PG_ADMIN=postgres://ccscap@127.0.0.1:PORT/postgres
#
# exported (the admin URI lets tests CREATE DATABASE for isolation), and
# CCSCAP_TEST_PG_CTL, a command that stops ("stop") and starts ("start")
# the cluster again on the same port, for outage tests. The
# cluster is stopped and its directory removed whatever happens; the exit
# status is COMMAND's. When run as root, the server runs as the "postgres"
# system user. If startup fails, the tail of the server log is printed; set
# CCSCAP_PG_LOG=FILE to keep a copy of the whole log after the run.
#
# Environment: PGBIN (default /usr/lib/postgresql/15/bin).

set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

if [ $# -eq 0 ]; then
	echo "usage: $0 COMMAND [ARG...]" >&2
	exit 2
fi
for tool in initdb pg_ctl createdb; do
	if [ ! -x "$PGBIN/$tool" ]; then
		echo "pg-harness: $PGBIN/$tool not found (set PGBIN)" >&2
		exit 2
	fi
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/ccs-pg.XXXXXX")
started=0
child=

# Runs a server-side tool as the cluster owner, from inside the cluster
# directory so the postgres user never needs access to our working
# directory.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd "$dir" && runuser -u postgres -- "$@")
	else
		(cd "$dir" && "$@")
	fi
}

# shellcheck disable=SC2317 # called from the EXIT trap
cleanup() {
	local status=$?

	trap - EXIT INT TERM
	if [ "$started" -eq 1 ]; then
		as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w \
		    stop >/dev/null 2>&1 || true
	fi
	if [ -n "${CCSCAP_PG_LOG:-}" ] && [ -f "$dir/server.log" ]; then
		cp "$dir/server.log" "$CCSCAP_PG_LOG" || true
	fi
	rm -rf "$dir"
	exit "$status"
}
# Stops the command, waits for it, then exits (which runs cleanup); without
# this, bash would run the trap only after the command finished on its own.
# SIGTERM rather than the signal received: a background job starts with
# SIGINT ignored.
# shellcheck disable=SC2317 # called from the INT and TERM traps
on_signal() {
	if [ -n "$child" ]; then
		kill -TERM "$child" 2>/dev/null || true
		wait "$child" 2>/dev/null || true
	fi
	exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

if [ "$(id -u)" -eq 0 ]; then
	chown postgres: "$dir"
fi
chmod 700 "$dir"

if ! as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U ccscap \
    -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
	echo "pg-harness: initdb failed:" >&2
	tail -n 30 "$dir/initdb.log" >&2
	exit 1
fi

# True when something already listens on 127.0.0.1:$1.
port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port=
for attempt in $(seq 1 20); do
	candidate=$((54320 + RANDOM % 2000))
	if port_busy "$candidate"; then
		continue
	fi
	# Another process may take the port between the probe and the bind;
	# then pg_ctl fails and we try the next candidate.
	if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
	    -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $candidate \
	    -k $dir -c fsync=off -c full_page_writes=off \
	    -c synchronous_commit=off" start >/dev/null 2>&1; then
		port=$candidate
		started=1
		break
	fi
	if ! grep -q "could not bind\|Address already in use" \
	    "$dir/server.log" 2>/dev/null; then
		break
	fi
	echo "pg-harness: port $candidate taken (attempt $attempt)" >&2
done
if [ -z "$port" ]; then
	echo "pg-harness: PostgreSQL failed to start; server log tail:" >&2
	tail -n 40 "$dir/server.log" >&2 2>/dev/null || true
	exit 1
fi

if ! "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U ccscap ccscap_test; then
	echo "pg-harness: createdb failed" >&2
	exit 1
fi

# A helper that stops and starts this cluster with the same options, for
# tests of a database outage: "$CCSCAP_TEST_PG_CTL stop" (fast shutdown,
# connections are cut) and "$CCSCAP_TEST_PG_CTL start" (waits until it
# accepts connections again).
opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off \
-c full_page_writes=off -c synchronous_commit=off"
cat >"$dir/pgctl" <<EOF
#!/usr/bin/env bash
set -eu
case "\${1:-}" in
stop) args=(-m fast stop) ;;
start) args=(-o "$opts" start) ;;
*) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
cd "$dir"
if [ "\$(id -u)" -eq 0 ]; then
	exec runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" \\
	    -l "$dir/server.log" -w -t 60 "\${args[@]}"
fi
exec "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \\
    "\${args[@]}"
EOF
chmod 755 "$dir/pgctl"

export CCSCAP_TEST_PG="postgres://ccscap@127.0.0.1:$port/ccscap_test"
export CCSCAP_TEST_PG_CTL="$dir/pgctl"
export CCSCAP_TEST_PG_ADMIN="postgres://ccscap@127.0.0.1:$port/postgres"
echo "pg-harness: PostgreSQL on 127.0.0.1:$port" >&2

# In the background so that signals reach on_signal at once; stdin is
# passed on explicitly (a background job would otherwise get /dev/null).
set +e
"$@" <&0 &
child=$!
wait "$child"
status=$?
child=
set -e
exit "$status"
