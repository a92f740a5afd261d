#!/bin/sh
# check-sources.sh SRCROOT: every message the public pages' code passes
# to the translation calls is in po/ccscap.pot (xgettext over the
# sources, msgcmp against the template). The keywords name, for each
# helper of src/http/reporting, the argument that is a msgid; xgettext
# takes one argument per keyword and run, hence three runs.
set -eu
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src="$root/src/http/reporting/page.c $root/src/http/reporting/h_portal.c
$root/src/http/reporting/h_follow.c $root/src/core/reporting/report.c
$root/src/http/monitoring/h_progress.c"
i=0
for keys in \
    "-kgroup_open:3 -kinput:5 -ktextarea:5 -kselect_list:5 -kradios:5" \
    "-kgroup_open:4 -kinput:6 -ktextarea:6 -kselect_list:6 -kradios:6" \
    "-kselect_list:8 -kperr_add:3 -kadd:4 -kccs_page_t:2 -kccs_page_tr:2
     -kccs_page_head:2 -klookup_page:4 -ksummary_error:3 -kview_page:7
     -kN_ -ktr:3"; do
	i=$((i + 1))
	# shellcheck disable=SC2086
	xgettext --from-code=UTF-8 -k $keys -o "$tmp/$i.pot" $src
done
msgcat --use-first -o "$tmp/code.pot" "$tmp"/[123].pot
msgcmp --use-untranslated "$root/po/ccscap.pot" "$tmp/code.pot"
