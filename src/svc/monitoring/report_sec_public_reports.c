/*
 * report_sec_public_reports.c: statistics of the reports the public made
 * through the reporting portal (svc/reporting/) during the period, by the
 * reporter's state and by category. A report counts only when its author
 * may open it (public_report_read for one of the states it is routed
 * to: the decision GET /api/v1/public-reports/{id} takes), so the figures
 * shrink to what the author may read; counts from 1 to 4 are written
 * "fewer than 5". Only the unsealed columns are read: nothing a reporter
 * wrote is decrypted for a statistic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svc/monitoring/report_sections.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define MAX_KEYS	64

struct tally {
	char	 key[MAX_KEYS][32];	/* states or categories */
	int64_t	 n[MAX_KEYS];		/* their counts */
	size_t	 used;			/* keys used */
};

struct stats {
	const struct ccs_principal *p;	/* the author */
	int64_t		 last;		/* id of the report being read */
	bool		 counted;	/* ... already counted */
	struct tally	 by_state;	/* reporter's state */
	struct tally	 by_cat;	/* category */
	int64_t		 total;		/* readable reports */
};

static const char sql[] =
	"SELECT p.id AS id, p.state AS state, p.category AS category, "
	"r.state AS routed FROM public_reports p "
	"JOIN public_report_routes r ON r.report_id = p.id "
	"WHERE p.created_at >= :t0 AND p.created_at < :t1 "
	"AND (CAST(:state AS TEXT) IS NULL OR p.state = :state) "
	"ORDER BY p.id";

static const char *
col(const struct ccs_row *row, const char *name)
{
	size_t i;

	for (i = 0; i < row->ncols; i++)
		if (strcmp(row->names[i], name) == 0)
			return row->vals[i];
	return NULL;
}

static void
add(struct tally *t, const char *key)
{
	size_t i;

	if (key == NULL)
		return;
	for (i = 0; i < t->used; i++)
		if (strcmp(t->key[i], key) == 0)
			break;
	if (i == t->used) {
		if (t->used == MAX_KEYS || ccs_strlcpy(t->key[i], key,
		    sizeof(t->key[i])) != CCS_OK)
			return;
		t->used++;
	}
	t->n[i]++;
}

static int
count_row(void *arg, const struct ccs_row *row)
{
	struct stats *s = arg;
	int64_t id = 0;

	if (ccs_parse_i64(col(row, "id"), 1, INT64_MAX, &id) != CCS_OK)
		return 0;
	if (id != s->last) {
		s->last = id;
		s->counted = false;
	}
	if (s->counted || ccs_policy_check(s->p, CCS_ACT_PUBLIC_REPORT_READ,
	    col(row, "routed")) != CCS_OK)
		return 0;
	s->counted = true;
	s->total++;
	add(&s->by_state, col(row, "state"));
	add(&s->by_cat, col(row, "category"));
	return 0;
}

static json_t *
table(const char *caption, const char *head, const struct tally *t,
    const json_t *gaps)
{
	const char *cols[] = { head, "text", "Reports", "num", NULL };
	json_t *tb = ccs_rb_table(caption, cols);
	const char *name;
	size_t i;

	for (i = 0; i < t->used && tb != NULL; i++) {
		name = gaps ? ccs_report_state_name(gaps, t->key[i]) : "";
		if (json_array_append_new(json_object_get(tb, "rows"),
		    json_pack("[s, o]", name[0] ? name : t->key[i],
		    ccs_rb_count(t->n[i]))) != 0) {
			json_decref(tb);
			tb = NULL;
		}
	}
	return tb;
}

int
ccs_rsec_public_reports(const struct ccs_report_ctx *ctx, json_t *sec,
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
	(void)ccs_snprintf(text, sizeof(text), "%s report(s) made by the "
	    "public between %s and %s that the author of this report may "
	    "open; reports routed only to teams the author does not belong "
	    "to are not counted. Counts from 1 to %d are shown as \"fewer "
	    "than %d\".", num, ctx->from, ctx->to, CCS_REPORT_SMALL_COUNT - 1,
	    CCS_REPORT_SMALL_COUNT);
	rc = ccs_rb_add(sec, ccs_rb_para(text));
	if (rc == CCS_OK)
		rc = ccs_rb_add(sec, table("Public reports by the reporter's "
		    "state", "State", &s->by_state, gaps));
	if (rc == CCS_OK)
		rc = ccs_rb_add(sec, table("Public reports by category",
		    "Category", &s->by_cat, NULL));
	free(s);
	if (rc != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}
