/*
 * figures.c: the figures of 24/7 preservation requests.
 *
 * One grouped query over the rows the reader may open (access.c's
 * clause), sent in the period: the sums are exact over any number of
 * requests, and the shares are worked out here. "Preserved before
 * expiry" counts the preserved requests that did not lapse (an outcome,
 * a renewal or a withdrawal came first); "followed by MLA" the sent
 * requests whose mutual legal assistance request was recorded.
 */
#include <stdio.h>
#include <string.h>

#include "svc/evidence24/access.h"
#include "svc/evidence24/figures.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

#define N(x)	"CAST(" x " AS BIGINT)"
#define ONE(c)	N("SUM(CASE WHEN " c " THEN 1 ELSE 0 END)")

static const char sql_fmt[] =
	"SELECT requested_state AS state, " N("COUNT(*)") " AS received, "
	ONE("acknowledged_at IS NOT NULL") " AS acknowledged, "
	N("SUM(CASE WHEN acknowledged_at IS NOT NULL THEN acknowledged_at - "
	"sent_at ELSE 0 END)") " AS ack_seconds, "
	ONE("preserved_at IS NOT NULL") " AS preserved, "
	ONE("status = 'expired'") " AS expired, "
	ONE("mla_filed_at IS NOT NULL") " AS mla, "
	ONE("clock_at <= :now") " AS overdue "
	"FROM preservation_requests WHERE %s AND sent_at IS NOT NULL "
	"AND sent_at >= :t0 AND sent_at < :t1 "
	"AND (CAST(:st AS TEXT) IS NULL OR requested_state = :st) "
	"GROUP BY requested_state ORDER BY requested_state";

static const char *const sums[] = {
	"received", "acknowledged", "ack_seconds", "preserved", "expired",
	"mla", "overdue"
};
#define NSUMS	(sizeof(sums) / sizeof(sums[0]))

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static json_t *
share(int64_t part, int64_t whole)
{
	return whole > 0 ? json_real((double)part / (double)whole) :
	    json_null();
}

/* Turns the sums of @p o into the published figures. */
static void
finish(json_t *o)
{
	int64_t ack = jint(o, "acknowledged"), pres = jint(o, "preserved");
	int64_t kept = pres - jint(o, "expired");

	(void)json_object_set_new(o, "mean_hours_to_acknowledge", ack > 0 ?
	    json_real((double)jint(o, "ack_seconds") / 3600.0 / (double)ack) :
	    json_null());
	(void)json_object_del(o, "ack_seconds");
	(void)json_object_set_new(o, "preserved_before_expiry",
	    json_integer(kept));
	(void)json_object_set_new(o, "preserved_before_expiry_share",
	    share(kept, pres));
	(void)json_object_set_new(o, "followed_by_mla", json_integer(jint(o,
	    "mla")));
	(void)json_object_del(o, "mla");
	(void)json_object_set_new(o, "followed_by_mla_share", share(jint(o,
	    "followed_by_mla"), jint(o, "received")));
}

int
ccs_pres_figures(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, int64_t t0, int64_t t1, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("pstate", CCS_VTEXT(ccs_pres_scope_state(p))),
		CCS_NAMED("st", CCS_VTEXT(state)),
		CCS_NAMED("t0", CCS_VINT(t0)),
		CCS_NAMED("t1", CCS_VINT(t1)),
		CCS_NAMED("now", CCS_VINT(now)),
	};
	json_t *rows = NULL, *total = NULL, *e;
	char sql[2048];
	size_t i, k;
	int rc;

	*out = NULL;
	rc = ccs_pres_may_list(p, f);
	if (rc != CCS_OK)
		return rc;
	if (ccs_snprintf(sql, sizeof(sql), sql_fmt, ccs_pres_scope_sql(p)) !=
	    CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "query too long");
	rc = ccs_db_query_json_named(db, sql, np, CCS_NNAMED(np), &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	total = json_object();
	for (k = 0; total != NULL && k < NSUMS; k++) {
		int64_t n = 0;

		json_array_foreach(rows, i, e)
			n += jint(e, sums[k]);
		(void)json_object_set_new(total, sums[k], json_integer(n));
	}
	json_array_foreach(rows, i, e)
		finish(e);
	if (total != NULL)
		finish(total);
	*out = json_pack("{s:o, s:o*}", "states", rows, "total", total);
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}
