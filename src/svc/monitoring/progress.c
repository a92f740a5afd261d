/*
 * progress.c: the public progress page's setting and figures. The figures
 * are read as the system (the public may not read the gap analysis) but
 * only regional sums leave this file: the Steering Committee decided to
 * publish those, never a state's own numbers. The legal figures are the
 * headline of the reports (svc/monitoring/legal_summary.h): counts of
 * states and laws, no state named.
 */
#include <string.h>

#include "core/validate.h"
#include "svc/monitoring/legal_summary.h"
#include "svc/monitoring/progress.h"
#include "svc/standards/gaps.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

#define KEY	"progress_public"

const struct ccs_jfield ccs_progress_fields[] = {
	{ "public", CCS_J_BOOL, true, 0, 0 },
};
const size_t ccs_progress_nfields = sizeof(ccs_progress_fields) /
    sizeof(ccs_progress_fields[0]);

int
ccs_progress_enabled(struct ccs_db *db, bool *on)
{
	struct ccs_val v = CCS_VTEXT(KEY);
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM monitoring_settings "
	    "WHERE key = $1 AND value = '1'", &v, 1, &n);
	*on = rc == CCS_OK && n > 0;
	return rc;
}

int
ccs_progress_settings(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VTEXT(KEY);
	json_t *row = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_SELF, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in "
		    "first");
	rc = ccs_db_query_one(db, "SELECT updated_by, updated_at, value FROM "
	    "monitoring_settings WHERE key = $1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND) {
		*out = json_pack("{s:b, s:n, s:n}", "public", 0, "updated_by",
		    "updated_at");
		return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
		    "out of memory");
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (json_object_set_new(row, "public", json_boolean(ccs_streq(
	    ccs_jstr(row, "value"), "1"))) != 0) {
		json_decref(row);
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	json_object_del(row, "value");
	*out = row;
	return CCS_OK;
}

int
ccs_progress_set(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	bool on = json_is_true(json_object_get(body, "public"));
	const struct ccs_named np[] = {
		CCS_NAMED("key", CCS_VTEXT(KEY)),
		CCS_NAMED("value", CCS_VTEXT(on ? "1" : "0")),
		CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
	};
	json_t *change;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_PROGRESS_PUBLISH, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "only the "
		    "Steering Committee or a coordinator may turn the public "
		    "progress page on or off");
	rc = ccs_db_exec_named(db, "DELETE FROM monitoring_settings WHERE "
	    "key = :key", np, 1, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec_named(db, "INSERT INTO monitoring_settings "
		    "(key, value, updated_by, updated_at) "
		    "VALUES (:key, :value, :by, :now)", np, CCS_NNAMED(np),
		    NULL, NULL);
	change = json_pack("{s:b}", "public", on);
	if (rc == CCS_OK)
		rc = change ? ccs_audit_recordf(db, p, on ? "progress.publish" :
		    "progress.withdraw", "setting", change, now, "%s", KEY) :
		    CCS_ENOMEM;
	json_decref(change);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_progress_settings(db, p, out, f);
}

/* Adds the legal headline's regional counts to @p res as "legal". */
static int
legal(struct ccs_db *db, const struct ccs_principal *sys, json_t *res,
    struct ccs_fail *f)
{
	json_t *sum = NULL, *l;
	int rc;

	rc = ccs_legal_summary(db, sys, NULL, &sum, f);
	if (rc != CCS_OK)
		return rc;
	l = json_pack("{s:I, s:O, s:O, s:O, s:O, s:O}", "states",
	    (json_int_t)json_array_size(json_object_get(sum, "states")),
	    "budapest_parties", json_object_get(sum, "budapest_parties"),
	    "sap_parties", json_object_get(sum, "sap_parties"),
	    "instruments_in_force", json_object_get(sum, "in_force"),
	    "half_covered", json_object_get(sum, "half"), "provisions",
	    json_object_get(sum, "provisions"));
	json_decref(sum);
	if (l == NULL || json_object_set_new(res, "legal", l) != 0)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

int
ccs_progress_figures(struct ccs_db *db, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_principal sys;
	json_t *gaps = NULL, *res = NULL, *areas;
	const json_t *a, *s, *t;
	int64_t met, total, active = 0;
	char today[11];
	size_t i, j;
	bool on = false;
	int rc;

	*out = NULL;
	rc = ccs_progress_enabled(db, &on);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!on)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "the progress "
		    "page is not published");
	memset(&sys, 0, sizeof(sys));
	sys.system = true;
	(void)ccs_strlcpy(sys.login, "system", sizeof(sys.login));
	ccs_date_of((long long)now, today);
	rc = ccs_gaps_matrix(db, &sys, today, now, &gaps, f);
	if (rc != CCS_OK)
		return rc;
	{
		struct ccs_val v = CCS_VTEXT(today);

		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM initiatives "
		    "WHERE status = 2 OR (COALESCE(actual_start, "
		    "planned_start) <= $1 AND COALESCE(actual_end, "
		    "planned_end, '9999-12-31') >= $1 AND status IN (2, 3))",
		    &v, 1, &active);
	}
	res = json_pack("{s:s, s:I, s:[], s:I, s:n}", "at", today, "states",
	    (json_int_t)json_array_size(json_object_get(gaps, "states")),
	    "areas", "initiatives_active", (json_int_t)active, "items");
	if (rc != CCS_OK || res == NULL) {
		json_decref(gaps);
		json_decref(res);
		return rc != CCS_OK ? ccs_dbfail(f, db, rc) : ccs_fail(f,
		    CCS_ENOMEM, "internal", "out of memory");
	}
	rc = legal(db, &sys, res, f);
	if (rc != CCS_OK) {
		json_decref(gaps);
		json_decref(res);
		return rc;
	}
	areas = json_object_get(res, "areas");
	json_array_foreach(json_object_get(gaps, "areas"), j, a) {
		met = total = 0;
		json_array_foreach(json_object_get(gaps, "states"), i, s) {
			t = json_array_get(json_object_get(s, "areas"), j);
			met += json_integer_value(json_object_get(t, "met"));
			total += json_integer_value(json_object_get(t,
			    "total"));
		}
		if (json_array_append_new(areas, json_pack("{s:O, s:O, s:I}",
		    "code", json_object_get(a, "code"), "name",
		    json_object_get(a, "name"), "percent", (json_int_t)(total ?
		    (met * 100 + total / 2) / total : 0))) != 0) {
			json_decref(gaps);
			json_decref(res);
			return ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
		}
	}
	json_decref(gaps);
	*out = res;
	return CCS_OK;
}
