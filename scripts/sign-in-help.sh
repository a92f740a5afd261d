#!/usr/bin/env bash
# Prints where and how to sign in after `make run` initialised the database.
set -eu
db=$1
listen=$2
path=${db#sqlite:}
creds="$path.demo-credentials"
case "$db" in postgres*) creds=ccscap.demo-credentials ;; esac
echo
echo "ccscap: open http://$listen/ in a browser and sign in."
if [ -r "$creds" ]; then
	cat "$creds"
	echo
	echo "(These are in $creds, readable only by you. The admin account"
	echo " also needs the 6-digit code from the secret above.)"
else
	echo "Accounts exist already; add one with:"
	echo "  $(dirname "$0")/../build/src/cli/ccscap user add LOGIN --role coordinator --password-stdin"
fi
echo "Stop the server with Ctrl-C."
echo
