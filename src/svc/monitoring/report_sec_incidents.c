/*
 * report_sec_incidents.c: incident statistics for the period: incidents
 * reported, by state and severity and by RSIT class, counted only over
 * the incidents the report's author may read in full (the same decision
 * as GET /incidents/{id}: ccs_marking_view), so a report never shows more
 * than its author could open. Counts from 1 to CCS_REPORT_SMALL_COUNT - 1
 * are written "fewer than 5" (core/monitoring/report_rules.h). Rows are
 * streamed, never held, so 100,000 incidents cost counters only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/tlp.h"
#include "svc/monitoring/report_sections.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define MAX_STATES	64
#define MAX_CLASSES	32
#define NSEV		4

static const char *const sev[NSEV] = { "critical", "high", "medium", "low" };

struct stats {
	const struct ccs_principal *p;		/* the author */
	char	 state[MAX_STATES][3];		/* codes seen */
	int64_t	 by_state[MAX_STATES][NSEV];	/* counts */
	size_t	 nstates;			/* used */
	char	 cls[MAX_CLASSES][64];		/* RSIT classes seen */
	int64_t	 by_class[MAX_CLASSES];		/* counts */
	size_t	 ncls;				/* used */
	int64_t	 total;				/* readable incidents */
};

static const char sql[] =
	"SELECT i.state_code AS state, i.severity AS severity, "
	"i.rsit_class AS rsit_class, " CCS_MARKING_COLS " "
	"FROM incidents i JOIN markings m ON m.id = i.marking_id "
	"WHERE i.reported_at >= :t0 AND i.reported_at < :t1 "
	"AND (CAST(:state AS TEXT) IS NULL OR i.state_code = :state)";

static const char *
col(const struct ccs_row *row, const char *name)
{
	size_t i;

	for (i = 0; i < row->ncols; i++)
		if (strcmp(row->names[i], name) == 0)
			return row->vals[i];
	return NULL;
}

static int
count_row(void *arg, const struct ccs_row *row)
{
	struct stats *s = arg;
	const char *st = col(row, "state"), *sv = col(row, "severity");
	const char *cl = col(row, "rsit_class");
	size_t i, k;

	if (ccs_marking_view_row(s->p, row) != CCS_TLP_FULL)
		return 0;
	s->total++;
	for (i = 0; i < s->nstates; i++)
		if (ccs_streq(s->state[i], st))
			break;
	if (i == s->nstates && i < MAX_STATES && st != NULL &&
	    ccs_strlcpy(s->state[i], st, sizeof(s->state[i])) == CCS_OK)
		s->nstates++;
	for (k = 0; k < NSEV && i < s->nstates; k++)
		if (ccs_streq(sev[k], sv))
			s->by_state[i][k]++;
	for (i = 0; i < s->ncls; i++)
		if (ccs_streq(s->cls[i], cl))
			break;
	if (i == s->ncls && i < MAX_CLASSES && cl != NULL &&
	    ccs_strlcpy(s->cls[i], cl, sizeof(s->cls[i])) == CCS_OK)
		s->ncls++;
	if (i < s->ncls)
		s->by_class[i]++;
	return 0;
}

static json_t *
state_table(const struct ccs_report_ctx *ctx, const struct stats *s)
{
	static const char *const cols[] = { "State", "text", "Incidents",
	    "num", "Critical", "num", "High", "num", "Medium", "num", "Low",
	    "num", NULL };
	const json_t *gaps = ctx->cache->gaps_to;
	json_t *t = ccs_rb_table("Incidents reported, by state and severity",
	    cols), *row;
	int64_t sum;
	size_t i, k;

	for (i = 0; i < s->nstates && t != NULL; i++) {
		sum = 0;
		for (k = 0; k < NSEV; k++)
			sum += s->by_state[i][k];
		row = json_pack("[s, o]", gaps ? ccs_report_state_name(gaps,
		    s->state[i]) : s->state[i], ccs_rb_count(sum));
		for (k = 0; k < NSEV && row != NULL; k++)
			if (json_array_append_new(row, ccs_rb_count(
			    s->by_state[i][k])) != 0) {
				json_decref(row);
				row = NULL;
			}
		if (row == NULL || json_array_append_new(json_object_get(t,
		    "rows"), row) != 0) {
			json_decref(t);
			t = NULL;
		}
	}
	return t;
}

static json_t *
class_table(const struct stats *s)
{
	static const char *const cols[] = { "RSIT class", "text",
	    "Incidents", "num", NULL };
	json_t *t = ccs_rb_table("Incidents reported, by RSIT class", cols);
	size_t i;

	for (i = 0; i < s->ncls && t != NULL; i++) {
		if (json_array_append_new(json_object_get(t, "rows"),
		    json_pack("[s, o]", s->cls[i], ccs_rb_count(
		    s->by_class[i]))) != 0) {
			json_decref(t);
			t = NULL;
		}
	}
	return t;
}

int
ccs_rsec_incidents(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("t0", CCS_VINT(ctx->t0)),
		CCS_NAMED("t1", CCS_VINT(ctx->t1)),
		CCS_NAMED("state", CCS_VTEXT(ctx->state)),
	};
	const json_t *gaps;
	struct stats *s;
	char text[400], num[24];
	int rc;

	rc = ccs_report_gaps(ctx, false, &gaps, f);
	if (rc != CCS_OK)
		return rc;
	s = ccs_calloc(1, sizeof(*s));
	if (s == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	s->p = ctx->p;
	rc = ccs_db_exec_named(ctx->db, sql, np, CCS_NNAMED(np), count_row, s);
	if (rc != CCS_OK) {
		free(s);
		return ccs_dbfail(f, ctx->db, rc);
	}
	if (ccs_report_suppressed(s->total))
		(void)ccs_snprintf(num, sizeof(num), "Fewer than %d",
		    CCS_REPORT_SMALL_COUNT);
	else
		(void)ccs_snprintf(num, sizeof(num), "%lld",
		    (long long)s->total);
	(void)ccs_snprintf(text, sizeof(text), "%s incident(s) reported "
	    "between %s and %s%s that the author of this report may read; "
	    "incidents the author may not read are not counted. Counts from "
	    "1 to %d are shown as \"fewer than %d\".", num, ctx->from,
	    ctx->to, ctx->state ? " in this state" : "",
	    CCS_REPORT_SMALL_COUNT - 1, CCS_REPORT_SMALL_COUNT);
	rc = ccs_rb_add(sec, ccs_rb_para(text));
	if (rc == CCS_OK)
		rc = ccs_rb_add(sec, state_table(ctx, s));
	if (rc == CCS_OK)
		rc = ccs_rb_add(sec, class_table(s));
	free(s);
	if (rc != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}
