/*
 * report_sec_decisions.c: the decisions required of CONSLE: the open
 * recommendations marked RAR ("regional action required", the CARICOM
 * implementation-plan key), which only the regional level can act on,
 * earliest due first, from the monitoring domain's recommendations.
 * A recommendation's text may run to 4,000 characters; on the brief
 * each is cut at a word near DECISION_TEXT bytes and ends in an
 * ellipsis, so the three listed always fit the two pages (the Steering
 * Committee report and the recommendation's page keep the whole text).
 */
#include <stdio.h>
#include <string.h>

#include "svc/monitoring/report_sections.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_DECISIONS	3	/* listed on a two-page brief */
#define DECISION_TEXT	100	/* bytes of a decision's text on the brief */

static const char sql[] =
	"SELECT r.text AS text, r.due_date AS due, COALESCE(o.name, s.name) "
	"AS owner FROM recommendations r "
	"LEFT JOIN organisations o ON o.id = r.owner_org "
	"LEFT JOIN states s ON s.code = r.owner_state "
	"WHERE r.timeframe = 'rar' AND r.status IN ('open', 'in_progress') "
	"ORDER BY r.due_date, r.id";

/*
 * Copies @p src into @p dst (of @p dstsz bytes, at least DECISION_TEXT +
 * 4), cut at a space near DECISION_TEXT bytes, never inside a UTF-8
 * sequence, followed by an ellipsis when anything was left out.
 */
static void
shorten(const char *src, char *dst, size_t dstsz)
{
	size_t n = strlen(src), cut, sp;

	if (n <= DECISION_TEXT) {
		(void)ccs_strlcpy(dst, src, dstsz);
		return;
	}
	cut = DECISION_TEXT;
	while (cut > 0 && ((unsigned char)src[cut] & 0xC0) == 0x80)
		cut--;
	for (sp = cut; sp > DECISION_TEXT / 2 && src[sp] != ' '; sp--)
		continue;
	if (src[sp] == ' ')
		cut = sp;
	while (cut > 0 && (src[cut - 1] == ' ' || src[cut - 1] == ',' ||
	    src[cut - 1] == ';'))
		cut--;
	(void)ccs_snprintf(dst, dstsz, "%.*s\xe2\x80\xa6", (int)cut, src);
}

int
ccs_rsec_decisions(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	json_t *rows = NULL;
	const json_t *r;
	char text[200], brief[DECISION_TEXT + 8], line[DECISION_TEXT + 400];
	const char *t, *owner, *due;
	size_t i;
	int rc;

	if (ccs_policy_check(ctx->p, CCS_ACT_MONITORING_READ, NULL) != CCS_OK)
		return ccs_rb_unavailable(sec, "recommendations you may read")
		    == CCS_OK ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
		    "out of memory");
	rc = ccs_db_query_json(ctx->db, sql, NULL, 0, &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, ctx->db, rc);
	(void)ccs_snprintf(text, sizeof(text), "%zu open recommendation(s) "
	    "need regional action (RAR)%s.", json_array_size(rows),
	    json_array_size(rows) > MAX_DECISIONS ? "; the earliest due are "
	    "listed" : "");
	if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	/*
	 * One full-width line each, not a table: a table's narrow text
	 * column turned a decision into eight printed lines.
	 */
	json_array_foreach(rows, i, r) {
		if (i == MAX_DECISIONS)
			break;
		t = ccs_jstr(r, "text");
		owner = ccs_jstr(r, "owner");
		due = ccs_jstr(r, "due");
		shorten(t != NULL ? t : "", brief, sizeof(brief));
		(void)ccs_snprintf(line, sizeof(line), "%zu. %s (%s; due %s)",
		    i + 1, brief, owner != NULL ? owner : "no owner",
		    due != NULL ? due : "not set");
		if (ccs_rb_add(sec, ccs_rb_para(line)) != CCS_OK)
			goto oom;
	}
	json_decref(rows);
	return CCS_OK;
oom:
	json_decref(rows);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
}
