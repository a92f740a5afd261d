#!/usr/bin/env bash
# Fails when C sources call functions the style guide bans (rule 14).
set -u
cd "$(dirname "$0")/.."
hits=$(grep -nE '\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|strncpy|atoi|atol|atoll)[[:space:]]*\(' \
	$(git ls-files '*.c' '*.h' 2>/dev/null || find src tests tools -name '*.[ch]') |
	grep -vE '^\S+:[0-9]+:\s*(/\*|\*)' || true)
if [ -n "$hits" ]; then
	echo "banned functions used (use ccs_strlcpy, ccs_snprintf, ccs_buf, ccs_parse_i64):"
	echo "$hits"
	exit 1
fi
echo "banned-function check: 1 passed, 0 failed"
