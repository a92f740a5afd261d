/*
 * initiatives.c: creating, changing and reading initiatives.
 *
 * A write is checked whole before anything is stored: every nested field
 * (dates in order, shares that add up, amounts and currencies, codes) and
 * every id it refers to (organisation, need, standard lineage, state,
 * related initiative). Then the row and each list given are written, and
 * the audit event appended, in the caller's one transaction. A list in a
 * PATCH replaces the stored list; the version number guards against two
 * editors overwriting each other.
 *
 * Non-goal: keeping every version of an initiative; the audit trail
 * holds each change as sent.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/capacity/closing.h"
#include "core/capacity/money.h"
#include "core/capacity/rules.h"
#include "core/validate.h"
#include "svc/capacity/kept.h"
#include "svc/capacity/initiatives.h"
#include "svc/capacity/proposals.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_LIST	500	/* items of one nested list */

/* The fields of an initiative, for POST and (with version) PATCH. */
#define INITIATIVE_JFIELDS \
	{ "iati_identifier", CCS_J_STRING, true, 3, 150 }, \
	{ "title", CCS_J_STRING, true, 1, 300 }, \
	{ "description", CCS_J_STRING, false, 0, 20000 }, \
	{ "kind", CCS_J_STRING, true, 1, 20 }, \
	{ "status", CCS_J_INT, true, 0, 0 }, \
	{ "scope", CCS_J_NULLINT, false, 0, 0 }, \
	{ "start", CCS_J_NULLSTR, false, 0, 10 }, \
	{ "end", CCS_J_NULLSTR, false, 0, 10 }, \
	{ "planned_start", CCS_J_NULLSTR, false, 0, 10 }, \
	{ "planned_end", CCS_J_NULLSTR, false, 0, 10 }, \
	{ "actual_start", CCS_J_NULLSTR, false, 0, 10 }, \
	{ "actual_end", CCS_J_NULLSTR, false, 0, 10 }, \
	{ "default_currency", CCS_J_NULLSTR, false, 0, 3 }, \
	{ "reporting_org_id", CCS_J_NULLINT, false, 0, 0 }, \
	{ "seeded_public", CCS_J_BOOL, false, 0, 0 }, \
	{ "organisations", CCS_J_ARRAY, false, 0, MAX_LIST }, \
	{ "states", CCS_J_ARRAY, false, 0, MAX_LIST }, \
	{ "needs", CCS_J_ARRAY, false, 0, MAX_LIST }, \
	{ "standards", CCS_J_ARRAY, false, 0, MAX_LIST }, \
	{ "budgets", CCS_J_ARRAY, false, 0, MAX_LIST }, \
	{ "transactions", CCS_J_ARRAY, false, 0, MAX_LIST }, \
	{ "results", CCS_J_ARRAY, false, 0, MAX_LIST }, \
	{ "related", CCS_J_ARRAY, false, 0, MAX_LIST }, \
	{ "documents", CCS_J_ARRAY, false, 0, MAX_LIST }

const struct ccs_jfield ccs_initiative_fields[] = {
	INITIATIVE_JFIELDS
};
const size_t ccs_initiative_nfields = sizeof(ccs_initiative_fields) /
    sizeof(ccs_initiative_fields[0]);

const struct ccs_jfield ccs_initiative_patch_fields[] = {
	{ "version", CCS_J_INT, false, 0, 0 },
	INITIATIVE_JFIELDS
};
const size_t ccs_initiative_patch_nfields =
    sizeof(ccs_initiative_patch_fields) /
    sizeof(ccs_initiative_patch_fields[0]);

static const char *const date_keys[] = {
	"planned_start", "planned_end", "actual_start", "actual_end"
};

#define INITIATIVE_COLS "id, iati_identifier, title, description, kind, " \
	"status, scope, planned_start, planned_end, actual_start, " \
	"actual_end, default_currency, reporting_org_id, seeded_public, " \
	"version, created_by, created_at, updated_by, updated_at"

/* "path[i]." for messages about element @p i of list @p key. */
static void
elem_path(char *buf, size_t len, const char *key, size_t i)
{
	(void)ccs_snprintf(buf, len, "%s[%zu].", key, i);
}

/* Each element of list @p key must be an object. */
static int
objects(const json_t *arr, const char *key, struct ccs_fail *f)
{
	const json_t *it;
	size_t i;

	json_array_foreach(arr, i, it) {
		if (!json_is_object(it))
			return ccs_fail(f, CCS_EINVAL, "invalid_field",
			    "%s[%zu] must be an object", key, i);
	}
	return CCS_OK;
}

static int
check_orgs(struct ccs_db *db, const json_t *arr, struct ccs_fail *f)
{
	const json_t *it, *jt;
	char path[48];
	int64_t id = 0, role = 0;
	size_t i, k;
	int rc;

	rc = objects(arr, "organisations", f);
	json_array_foreach(arr, i, it) {
		if (rc != CCS_OK)
			return rc;
		elem_path(path, sizeof(path), "organisations", i);
		rc = ccs_cap_int(it, "id", 1, INT64_MAX, true, path, &id, f);
		if (rc == CCS_OK)
			rc = ccs_cap_int(it, "role", 1, 4, true, path, &role,
			    f);
		if (rc == CCS_OK)
			rc = ccs_cap_org_known(db, id, path, f);
		for (k = 0; rc == CCS_OK && k < i; k++) {
			jt = json_array_get(arr, k);
			if (json_equal(json_object_get(jt, "id"),
			    json_object_get(it, "id")) &&
			    json_equal(json_object_get(jt, "role"),
			    json_object_get(it, "role")))
				rc = ccs_fail(f, CCS_EINVAL, "duplicate_role",
				    "%srole: organisation %" PRId64 " holds "
				    "role %" PRId64 " twice", path, id, role);
		}
	}
	return rc;
}

/* A percentage as text, integer or number with at most 2 decimals. */
static int
share_of(const json_t *it, const char *path, int64_t *out,
    struct ccs_fail *f)
{
	const json_t *v = json_object_get(it, "percentage");
	char txt[32];
	double d;
	bool ok = false;

	if (json_is_string(v)) {
		ok = ccs_share_parse(json_string_value(v), out);
	} else if (json_is_integer(v)) {
		ok = json_integer_value(v) >= 0 &&
		    json_integer_value(v) <= 1000000;
		if (ok && ccs_snprintf(txt, sizeof(txt), "%"
		    JSON_INTEGER_FORMAT, json_integer_value(v)) == CCS_OK)
			ok = ccs_share_parse(txt, out);
	} else if (json_is_real(v)) {
		d = json_real_value(v) * 100.0;
		/* 12.5 is exact; 12.345 has no exact hundredths */
		ok = d >= 1.0 && d <= 10000.0;
		if (ok) {
			*out = (int64_t)(d + 0.5);
			d -= (double)*out;
			ok = d < 1e-6 && d > -1e-6;
		}
	}
	if (!ok)
		return ccs_fail(f, CCS_EINVAL, "invalid_percentage", "%s"
		    "percentage must be more than 0 and at most 100, with at "
		    "most two decimals", path);
	return CCS_OK;
}

/* The state of a recipient entry, "" for the region. */
static const char *
state_key(const json_t *it)
{
	const char *s = json_string_value(json_object_get(it, "state"));

	return s != NULL ? s : "";
}

static int
check_states(struct ccs_db *db, const json_t *arr, struct ccs_fail *f)
{
	int64_t shares[MAX_LIST];
	const json_t *it, *st;
	const char *region;
	char path[40], what[48];
	size_t i, k, n = json_array_size(arr);
	int rc;

	rc = objects(arr, "states", f);
	json_array_foreach(arr, i, it) {
		if (rc != CCS_OK)
			return rc;
		elem_path(path, sizeof(path), "states", i);
		st = json_object_get(it, "state");
		if (st != NULL && !json_is_null(st)) {
			(void)ccs_snprintf(what, sizeof(what), "%sstate", path);
			rc = ccs_state_known(db, json_is_string(st) ?
			    json_string_value(st) : "", what, f);
		}
		if (rc == CCS_OK)
			rc = ccs_cap_str(it, "region_code", 10, false, path,
			    &region, f);
		if (rc != CCS_OK)
			return rc;
		if (json_object_get(it, "percentage") == NULL) {
			if (n > 1)
				return ccs_fail(f, CCS_EINVAL,
				    "missing_percentage", "%spercentage is "
				    "required when there are several states",
				    path);
			shares[i] = CCS_SHARE_WHOLE;
		} else {
			rc = share_of(it, path, &shares[i], f);
		}
		for (k = 0; rc == CCS_OK && k < i; k++) {
			if (ccs_streq(state_key(json_array_get(arr, k)),
			    state_key(it)))
				rc = ccs_fail(f, CCS_EINVAL, "duplicate_state",
				    "%sstate is listed twice", path);
		}
	}
	if (rc != CCS_OK)
		return rc;
	switch (ccs_share_check(shares, n)) {
	case CCS_SHARE_OVER:
		return ccs_fail(f, CCS_EINVAL, "percentages_over_100",
		    "states: the percentages add up to more than 100");
	case CCS_SHARE_UNDER:
		return ccs_fail(f, CCS_EINVAL, "percentages_not_100", "states: "
		    "the percentages of several states must add up to 100");
	default:
		return CCS_OK;
	}
}

static int
check_needs(struct ccs_db *db, const json_t *arr, struct ccs_fail *f)
{
	const json_t *it;
	char path[32];
	size_t i, k;
	int rc;

	json_array_foreach(arr, i, it) {
		(void)ccs_snprintf(path, sizeof(path), "needs[%zu]", i);
		if (!json_is_string(it))
			return ccs_fail(f, CCS_EINVAL, "unknown_need",
			    "%s must be a need reference such as T2.2", path);
		rc = ccs_cap_need_known(db, json_string_value(it), path, f);
		if (rc != CCS_OK)
			return rc;
		for (k = 0; k < i; k++) {
			if (json_equal(json_array_get(arr, k), it))
				return ccs_fail(f, CCS_EINVAL, "duplicate_need",
				    "%s is listed twice", path);
		}
	}
	return CCS_OK;
}

static int
check_standards(struct ccs_db *db, const json_t *arr, struct ccs_fail *f)
{
	const json_t *it;
	char path[32];
	size_t i, k;
	int rc;

	json_array_foreach(arr, i, it) {
		(void)ccs_snprintf(path, sizeof(path), "standards[%zu]", i);
		if (!json_is_integer(it) || json_integer_value(it) < 1)
			return ccs_fail(f, CCS_EINVAL, "unknown_standard", "%s "
			    "must be a standard lineage id", path);
		rc = ccs_cap_lineage_known(db, json_integer_value(it), path, f);
		if (rc != CCS_OK)
			return rc;
		for (k = 0; k < i; k++) {
			if (json_equal(json_array_get(arr, k), it))
				return ccs_fail(f, CCS_EINVAL,
				    "duplicate_standard", "%s is listed twice",
				    path);
		}
	}
	return CCS_OK;
}

/* Two dates in order, or the refusal naming the later field. */
static int
ordered(const char *path, const char *k1, const char *d1, const char *k2,
    const char *d2, struct ccs_fail *f)
{
	if (ccs_dates_ordered(d1, d2))
		return CCS_OK;
	return ccs_fail(f, CCS_EINVAL, "end_before_start", "%s%s (%s) is "
	    "before %s%s (%s)", path, k2, d2, path, k1, d1);
}

/* amount + currency of a budget or transaction. */
static int
money_of(const json_t *it, const char *path, struct ccs_fail *f)
{
	const char *code;
	int64_t amount;
	int exp, rc;

	rc = ccs_cap_currency(it, "currency", path, &code, &exp, f);
	if (rc == CCS_OK)
		rc = ccs_cap_amount(it, "amount", exp, path, &amount, f);
	return rc;
}

static int
check_budgets(const json_t *arr, struct ccs_fail *f)
{
	const char *ps, *pe, *vd;
	const json_t *it;
	char path[40];
	int64_t n = 0;
	size_t i;
	int rc;

	rc = objects(arr, "budgets", f);
	json_array_foreach(arr, i, it) {
		if (rc != CCS_OK)
			return rc;
		elem_path(path, sizeof(path), "budgets", i);
		rc = ccs_cap_int(it, "type", 1, 2, true, path, &n, f);
		if (rc == CCS_OK)
			rc = ccs_cap_int(it, "status", 1, 2, true, path, &n, f);
		if (rc == CCS_OK)
			rc = ccs_cap_date(it, "period_start", true, path,
			    &ps, f);
		if (rc == CCS_OK)
			rc = ccs_cap_date(it, "period_end", true, path, &pe, f);
		if (rc == CCS_OK)
			rc = ccs_cap_date(it, "value_date", false, path,
			    &vd, f);
		if (rc == CCS_OK)
			rc = ordered(path, "period_start", ps, "period_end", pe,
			    f);
		if (rc == CCS_OK)
			rc = money_of(it, path, f);
	}
	return rc;
}

static int
check_transactions(struct ccs_db *db, const json_t *arr, struct ccs_fail *f)
{
	const char *d, *s;
	const json_t *it;
	char path[40], what[64];
	int64_t n = 0;
	size_t i;
	int rc;

	rc = objects(arr, "transactions", f);
	json_array_foreach(arr, i, it) {
		if (rc != CCS_OK)
			return rc;
		elem_path(path, sizeof(path), "transactions", i);
		rc = ccs_cap_int(it, "type", 1, 13, true, path, &n, f);
		if (rc == CCS_OK)
			rc = ccs_cap_date(it, "date", true, path, &d, f);
		if (rc == CCS_OK)
			rc = ccs_cap_date(it, "value_date", false, path, &d, f);
		if (rc == CCS_OK)
			rc = money_of(it, path, f);
		n = 0;
		if (rc == CCS_OK)
			rc = ccs_cap_int(it, "provider_org_id", 1, INT64_MAX,
			    false, path, &n, f);
		if (rc == CCS_OK && n > 0) {
			(void)ccs_snprintf(what, sizeof(what), "%s"
			    "provider_org_id", path);
			rc = ccs_cap_org_known(db, n, what, f);
		}
		n = 0;
		if (rc == CCS_OK)
			rc = ccs_cap_int(it, "receiver_org_id", 1, INT64_MAX,
			    false, path, &n, f);
		if (rc == CCS_OK && n > 0) {
			(void)ccs_snprintf(what, sizeof(what), "%s"
			    "receiver_org_id", path);
			rc = ccs_cap_org_known(db, n, what, f);
		}
		if (rc == CCS_OK)
			rc = ccs_cap_str(it, "need", 20, false, path, &s, f);
		if (rc == CCS_OK && s != NULL) {
			(void)ccs_snprintf(what, sizeof(what), "%sneed", path);
			rc = ccs_cap_need_known(db, s, what, f);
		}
		if (rc == CCS_OK)
			rc = ccs_cap_str(it, "state", 2, false, path, &s, f);
		if (rc == CCS_OK && s != NULL) {
			(void)ccs_snprintf(what, sizeof(what), "%sstate", path);
			rc = ccs_state_known(db, s, what, f);
		}
		if (rc == CCS_OK)
			rc = ccs_cap_str(it, "description", 2000, false, path,
			    &s, f);
	}
	return rc;
}

static int
check_results(const json_t *arr, struct ccs_fail *f)
{
	static const char *const texts[] = { "baseline", "target", "actual" };
	const char *s, *ps, *pe;
	const json_t *it;
	char path[40];
	int64_t n = 0;
	size_t i, k;
	int rc;

	rc = objects(arr, "results", f);
	json_array_foreach(arr, i, it) {
		if (rc != CCS_OK)
			return rc;
		elem_path(path, sizeof(path), "results", i);
		rc = ccs_cap_int(it, "type", 1, 9, true, path, &n, f);
		if (rc == CCS_OK && n > 3 && n != 9)
			rc = ccs_fail(f, CCS_EINVAL, "invalid_field", "%stype "
			    "must be 1 (output), 2 (outcome), 3 (impact) or 9 "
			    "(other)", path);
		if (rc == CCS_OK)
			rc = ccs_cap_str(it, "title", 300, true, path, &s, f);
		if (rc == CCS_OK)
			rc = ccs_cap_int(it, "measure", 1, 5, false, path,
			    &n, f);
		for (k = 0; rc == CCS_OK && k < 3; k++)
			rc = ccs_cap_str(it, texts[k], 200, false, path, &s, f);
		if (rc == CCS_OK)
			rc = ccs_cap_date(it, "period_start", false, path, &ps,
			    f);
		if (rc == CCS_OK)
			rc = ccs_cap_date(it, "period_end", false, path,
			    &pe, f);
		if (rc == CCS_OK)
			rc = ordered(path, "period_start", ps, "period_end", pe,
			    f);
	}
	return rc;
}

static int
check_related(struct ccs_db *db, int64_t self, const json_t *arr,
    struct ccs_fail *f)
{
	const json_t *it;
	const char *ref;
	char path[40], what[64];
	int64_t n = 0, rid;
	size_t i;
	int rc;

	rc = objects(arr, "related", f);
	json_array_foreach(arr, i, it) {
		if (rc != CCS_OK)
			return rc;
		elem_path(path, sizeof(path), "related", i);
		rid = 0;
		rc = ccs_cap_int(it, "type", 1, 5, true, path, &n, f);
		if (rc == CCS_OK)
			rc = ccs_cap_int(it, "initiative_id", 1, INT64_MAX,
			    false, path, &rid, f);
		if (rc == CCS_OK)
			rc = ccs_cap_str(it, "iati_identifier", 150, false,
			    path, &ref, f);
		if (rc == CCS_OK && (rid > 0) == (ref != NULL))
			rc = ccs_fail(f, CCS_EINVAL, "invalid_field",
			    "%s: give either initiative_id or iati_identifier",
			    path);
		if (rc == CCS_OK && rid > 0 && rid == self)
			rc = ccs_fail(f, CCS_EINVAL, "unknown_initiative",
			    "%sinitiative_id: an initiative is not related to "
			    "itself", path);
		if (rc == CCS_OK && rid > 0) {
			(void)ccs_snprintf(what, sizeof(what), "%s"
			    "initiative_id", path);
			rc = ccs_cap_initiative_known(db, rid, what, f);
		}
	}
	return rc;
}

static int
check_documents(const json_t *arr, struct ccs_fail *f)
{
	const json_t *it;
	const char *s;
	char path[40];
	size_t i;
	int rc;

	rc = objects(arr, "documents", f);
	json_array_foreach(arr, i, it) {
		if (rc != CCS_OK)
			return rc;
		elem_path(path, sizeof(path), "documents", i);
		rc = ccs_cap_str(it, "url", 2048, true, path, &s, f);
		if (rc == CCS_OK && !ccs_valid_url(s))
			rc = ccs_fail(f, CCS_EINVAL, "invalid_url",
			    "%surl must be an http(s) address", path);
		if (rc == CCS_OK)
			rc = ccs_cap_str(it, "title", 500, true, path, &s, f);
		if (rc == CCS_OK)
			rc = ccs_cap_str(it, "category", 10, false, path, &s,
			    f);
	}
	return rc;
}

/* Member @p key of @p body if present, else of @p stored (may be NULL). */
static const json_t *
merged(const json_t *body, const json_t *stored, const char *key)
{
	const json_t *v = json_object_get(body, key);

	if (v != NULL)
		return v;
	return stored != NULL ? json_object_get(stored, key) : NULL;
}

static const char *
mstr(const json_t *body, const json_t *stored, const char *key)
{
	return json_string_value(merged(body, stored, key));
}

/* True when organisation @p org holds a role in @p orgs (request form). */
static bool
holds_role(const json_t *orgs, int64_t org)
{
	const json_t *it;
	size_t i;

	json_array_foreach(orgs, i, it) {
		if (json_integer_value(json_object_get(it, "id")) == org)
			return true;
	}
	return false;
}

/*
 * Checks the whole write. @p stored is the initiative as loaded (PATCH)
 * or NULL (POST); @p b is the body with the start/end aliases resolved.
 */
static int
check(struct ccs_db *db, const struct ccs_principal *p, const json_t *b,
    const json_t *stored, struct ccs_fail *f)
{
	static const char *const kinds[] = { "project", "programme",
	    "training_series" };
	const char *kind = mstr(b, stored, "kind"), *cur;
	int64_t n, self = stored ? json_integer_value(json_object_get(stored,
	    "id")) : 0;
	const json_t *v;
	size_t i;
	bool ok = false;
	int rc;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		ok = ok || ccs_streq(kind, kinds[i]);
	if (!ok)
		return ccs_fail(f, CCS_EINVAL, "invalid_kind", "kind must be "
		    "project, programme or training_series");
	n = json_integer_value(merged(b, stored, "status"));
	if (ccs_iati_status_name((int)n) == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be an IATI activity status code from 1 (pipeline) to 6 "
		    "(suspended)");
	v = json_object_get(b, "scope");
	if (json_is_integer(v) && (json_integer_value(v) < 1 ||
	    json_integer_value(v) > 8))
		return ccs_fail(f, CCS_EINVAL, "invalid_scope", "scope must be "
		    "an IATI activity scope code from 1 to 8");
	for (i = 0; i < 4; i++) {
		v = json_object_get(b, date_keys[i]);
		if (json_is_string(v) && !ccs_valid_date(json_string_value(v)))
			return ccs_fail(f, CCS_EINVAL, "invalid_date",
			    "%s must be a date YYYY-MM-DD", date_keys[i]);
	}
	rc = ordered("", "planned_start", mstr(b, stored, "planned_start"),
	    "planned_end", mstr(b, stored, "planned_end"), f);
	if (rc == CCS_OK)
		rc = ordered("", "actual_start", mstr(b, stored,
		    "actual_start"), "actual_end", mstr(b, stored,
		    "actual_end"), f);
	if (rc != CCS_OK)
		return rc;
	cur = json_string_value(json_object_get(b, "default_currency"));
	if (cur != NULL && ccs_currency_exponent(cur) < 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_currency",
		    "default_currency must be an ISO 4217 currency code");
	v = json_object_get(b, "reporting_org_id");
	if (json_is_integer(v)) {
		rc = ccs_cap_org_known(db, json_integer_value(v),
		    "reporting_org_id", f);
		if (rc != CCS_OK)
			return rc;
	}
	rc = check_orgs(db, json_object_get(b, "organisations"), f);
	if (rc == CCS_OK)
		rc = check_states(db, json_object_get(b, "states"), f);
	if (rc == CCS_OK)
		rc = check_needs(db, json_object_get(b, "needs"), f);
	if (rc == CCS_OK)
		rc = check_standards(db, json_object_get(b, "standards"), f);
	if (rc == CCS_OK)
		rc = check_budgets(json_object_get(b, "budgets"), f);
	if (rc == CCS_OK)
		rc = check_transactions(db, json_object_get(b, "transactions"),
		    f);
	if (rc == CCS_OK)
		rc = check_results(json_object_get(b, "results"), f);
	if (rc == CCS_OK)
		rc = check_related(db, self, json_object_get(b, "related"), f);
	if (rc == CCS_OK)
		rc = check_documents(json_object_get(b, "documents"), f);
	if (rc != CCS_OK)
		return rc;
	/* a partner keeps a role for its organisation in what it writes */
	if (ccs_policy_check(p, CCS_ACT_INITIATIVE_WRITE_ALL, NULL) !=
	    CCS_OK && (p->org_id <= 0 || !holds_role(merged(b, stored,
	    "organisations"), p->org_id)))
		return ccs_fail(f, CCS_EPERM, "not_your_organisation",
		    "organisations: your organisation must hold a role in "
		    "an initiative you write");
	return CCS_OK;
}

/* The body with "start"/"end" read as planned_start/planned_end. */
static json_t *
resolve_aliases(const json_t *body)
{
	json_t *b = json_copy((json_t *)body);

	if (b == NULL)
		return NULL;
	if (json_object_get(b, "start") != NULL &&
	    json_object_get(b, "planned_start") == NULL)
		(void)json_object_set(b, "planned_start",
		    json_object_get(b, "start"));
	if (json_object_get(b, "end") != NULL &&
	    json_object_get(b, "planned_end") == NULL)
		(void)json_object_set(b, "planned_end",
		    json_object_get(b, "end"));
	(void)json_object_del(b, "start");
	(void)json_object_del(b, "end");
	return b;
}

/* A text value of member @p key of @p o (NULL when absent or null). */
static struct ccs_val
vtext(const json_t *o, const char *key)
{
	return CCS_VTEXT(json_string_value(json_object_get(o, key)));
}

static struct ccs_val
vint(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? CCS_VINT(json_integer_value(v)) :
	    CCS_VNULL;
}

/* amount_minor of a checked money object, and its currency. */
static int64_t
minor_of(const json_t *it)
{
	const json_t *v = json_object_get(it, "amount");
	int exp = ccs_currency_exponent(json_string_value(json_object_get(it,
	    "currency")));
	int64_t out = 0;
	char txt[24];

	if (json_is_integer(v)) {
		(void)ccs_snprintf(txt, sizeof(txt), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		(void)ccs_money_parse(txt, exp, &out);
	} else {
		(void)ccs_money_parse(json_string_value(v), exp, &out);
	}
	return out;
}

static int64_t
share_value(const json_t *it, size_t n)
{
	int64_t v = CCS_SHARE_WHOLE;

	if (n > 1 || json_object_get(it, "percentage") != NULL)
		(void)share_of(it, "", &v, NULL);
	return v;
}

/* Replaces the lists present in @p b for initiative @p id. */
static int
write_lists(struct ccs_db *db, int64_t id, const json_t *b)
{
	static const struct {
		const char	*key;	/* body member */
		const char	*del;	/* deletes the stored list */
	} lists[] = {
		{ "organisations", "DELETE FROM initiative_orgs WHERE "
		    "initiative_id = $1" },
		{ "states", "DELETE FROM initiative_states WHERE "
		    "initiative_id = $1" },
		{ "needs", "DELETE FROM initiative_needs WHERE "
		    "initiative_id = $1" },
		{ "standards", "DELETE FROM initiative_standards WHERE "
		    "initiative_id = $1" },
		{ "budgets", "DELETE FROM initiative_budgets WHERE "
		    "initiative_id = $1" },
		{ "transactions", "DELETE FROM initiative_transactions WHERE "
		    "initiative_id = $1" },
		{ "results", "DELETE FROM initiative_results WHERE "
		    "initiative_id = $1" },
		{ "related", "DELETE FROM initiative_related WHERE "
		    "initiative_id = $1" },
		{ "documents", "DELETE FROM initiative_documents WHERE "
		    "initiative_id = $1" },
	};
	struct ccs_val v[12];
	const json_t *arr, *it;
	size_t k, i, n;
	int rc = CCS_OK;

	for (k = 0; k < sizeof(lists) / sizeof(lists[0]) && rc == CCS_OK;
	    k++) {
		arr = json_object_get(b, lists[k].key);
		if (arr == NULL)
			continue;
		v[0] = CCS_VINT(id);
		rc = ccs_db_exec(db, lists[k].del, v, 1, NULL, NULL);
		n = json_array_size(arr);
		json_array_foreach(arr, i, it) {
			if (rc != CCS_OK)
				break;
			v[0] = CCS_VINT(id);
			switch (k) {
			case 0:
				v[1] = vint(it, "id");
				v[2] = vint(it, "role");
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_orgs (initiative_id, org_id, "
				    "role) VALUES ($1, $2, $3)", v, 3, NULL,
				    NULL);
				break;
			case 1:
				v[1] = vtext(it, "state");
				v[2] = vtext(it, "region_code");
				v[3] = CCS_VINT(share_value(it, n));
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_states (initiative_id, "
				    "state_code, region_code, pct) VALUES ($1, "
				    "$2, $3, $4)", v, 4, NULL, NULL);
				break;
			case 2:
				v[1] = CCS_VTEXT(json_string_value(it));
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_needs (initiative_id, "
				    "need_ref) VALUES ($1, $2)", v, 2, NULL,
				    NULL);
				break;
			case 3:
				v[1] = CCS_VINT(json_integer_value(it));
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_standards (initiative_id, "
				    "lineage_id) VALUES ($1, $2)", v, 2, NULL,
				    NULL);
				break;
			case 4:
				v[1] = vint(it, "type");
				v[2] = vint(it, "status");
				v[3] = vtext(it, "period_start");
				v[4] = vtext(it, "period_end");
				v[5] = CCS_VINT(minor_of(it));
				v[6] = vtext(it, "currency");
				v[7] = json_object_get(it, "value_date") ?
				    vtext(it, "value_date") : v[3];
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_budgets (initiative_id, type, "
				    "status, period_start, period_end, amount, "
				    "currency, value_date) VALUES ($1, $2, $3, "
				    "$4, $5, $6, $7, $8)", v, 8, NULL, NULL);
				break;
			case 5:
				v[1] = vint(it, "type");
				v[2] = vtext(it, "date");
				v[3] = CCS_VINT(minor_of(it));
				v[4] = vtext(it, "currency");
				v[5] = json_object_get(it, "value_date") ?
				    vtext(it, "value_date") : v[2];
				v[6] = vint(it, "provider_org_id");
				v[7] = vint(it, "receiver_org_id");
				v[8] = vtext(it, "need");
				v[9] = vtext(it, "state");
				v[10] = vtext(it, "description");
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_transactions (initiative_id, "
				    "type, tx_date, amount, currency, "
				    "value_date, provider_org_id, "
				    "receiver_org_id, need_ref, state_code, "
				    "description) VALUES ($1, $2, $3, $4, $5, "
				    "$6, $7, $8, $9, $10, $11)", v, 11, NULL,
				    NULL);
				break;
			case 6:
				v[1] = vint(it, "type");
				v[2] = vtext(it, "title");
				v[3] = json_object_get(it, "measure") ?
				    vint(it, "measure") : CCS_VINT(1);
				v[4] = vtext(it, "baseline");
				v[5] = vtext(it, "target");
				v[6] = vtext(it, "actual");
				v[7] = vtext(it, "period_start");
				v[8] = vtext(it, "period_end");
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_results (initiative_id, type, "
				    "title, measure, baseline, target, actual, "
				    "period_start, period_end) VALUES ($1, $2, "
				    "$3, $4, $5, $6, $7, $8, $9)", v, 9, NULL,
				    NULL);
				break;
			case 7:
				v[1] = vint(it, "type");
				v[2] = vint(it, "initiative_id");
				v[3] = vtext(it, "iati_identifier");
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_related (initiative_id, type, "
				    "related_id, related_ref) VALUES ($1, $2, "
				    "$3, $4)", v, 4, NULL, NULL);
				break;
			default:
				v[1] = vtext(it, "url");
				v[2] = vtext(it, "title");
				v[3] = vtext(it, "category");
				rc = ccs_db_exec(db, "INSERT INTO "
				    "initiative_documents (initiative_id, url, "
				    "title, category) VALUES ($1, $2, $3, $4)",
				    v, 4, NULL, NULL);
				break;
			}
		}
	}
	return rc;
}

static int
audit(struct ccs_db *db, const struct ccs_principal *p, const char *act,
    int64_t id, const json_t *body, int64_t now)
{
	return ccs_audit_record(db, p, act, "initiative", id, body, now);
}

/* The scalar columns from @p b over @p stored, into v[0..13]. */
static void
scalars(const json_t *b, const json_t *stored, struct ccs_val *v)
{
	const json_t *sp = merged(b, stored, "seeded_public");

	v[0] = CCS_VTEXT(mstr(b, stored, "iati_identifier"));
	v[1] = CCS_VTEXT(mstr(b, stored, "title"));
	v[2] = CCS_VTEXT(mstr(b, stored, "description") ? mstr(b, stored,
	    "description") : "");
	v[3] = CCS_VTEXT(mstr(b, stored, "kind"));
	v[4] = CCS_VINT(json_integer_value(merged(b, stored, "status")));
	v[5] = json_is_integer(merged(b, stored, "scope")) ? CCS_VINT(
	    json_integer_value(merged(b, stored, "scope"))) : CCS_VNULL;
	v[6] = CCS_VTEXT(mstr(b, stored, "planned_start"));
	v[7] = CCS_VTEXT(mstr(b, stored, "planned_end"));
	v[8] = CCS_VTEXT(mstr(b, stored, "actual_start"));
	v[9] = CCS_VTEXT(mstr(b, stored, "actual_end"));
	v[10] = CCS_VTEXT(mstr(b, stored, "default_currency"));
	v[11] = json_is_integer(merged(b, stored, "reporting_org_id")) ?
	    CCS_VINT(json_integer_value(merged(b, stored,
	    "reporting_org_id"))) : CCS_VNULL;
	v[12] = CCS_VINT(json_is_true(sp) ? 1 : 0);
}

static int
create(struct ccs_db *db, const struct ccs_principal *p, const json_t *body,
    int64_t now, json_t **out, int64_t *idp, bool dups,
    struct ccs_fail *f)
{
	struct ccs_val v[16];
	json_t *b = NULL;
	int64_t id = 0;
	int rc;

	if (out != NULL)
		*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_INITIATIVE_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "create initiatives");
	b = resolve_aliases(body);
	if (b == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = check(db, p, b, NULL, f);
	if (rc != CCS_OK)
		goto out;
	scalars(b, NULL, v);
	v[13] = CCS_VTEXT(ccs_actor(p));
	v[14] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO initiatives (iati_identifier, "
	    "title, description, kind, status, scope, planned_start, "
	    "planned_end, actual_start, actual_end, default_currency, "
	    "reporting_org_id, seeded_public, created_by, created_at, "
	    "updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
	    "$9, $10, $11, $12, $13, $14, $15, $14, $15) RETURNING id", v, 15,
	    &id);
	if (rc == CCS_ECONFLICT) {
		rc = ccs_fail(f, CCS_ECONFLICT, "iati_identifier_taken",
		    "iati_identifier: an initiative with this identifier "
		    "exists");
		goto out;
	}
	if (rc == CCS_OK)
		rc = write_lists(db, id, b);
	if (rc == CCS_OK && dups)
		rc = ccs_cap_kept_refresh(db, id);
	if (rc == CCS_OK)
		rc = audit(db, p, "initiative.create", id, body, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	if (idp != NULL)
		*idp = id;
	if (out != NULL) {
		rc = ccs_initiative_load(db, id, out);
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
out:
	json_decref(b);
	return rc;
}

int
ccs_initiative_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, int64_t *idp,
    struct ccs_fail *f)
{
	return create(db, p, body, now, out, idp, true, f);
}

int
ccs_initiative_create_deferred(struct ccs_db *db,
    const struct ccs_principal *p, const json_t *body, int64_t now,
    int64_t *idp, struct ccs_fail *f)
{
	return create(db, p, body, now, NULL, idp, false, f);
}

static int
update(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    const json_t *body, int64_t now, json_t **out, bool dups,
    struct ccs_fail *f)
{
	struct ccs_val v[17];
	json_t *b = NULL, *stored = NULL;
	int64_t n = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc == CCS_OK)
		rc = ccs_policy_check(p, CCS_ACT_INITIATIVE_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "edit initiatives");
	rc = ccs_initiative_load(db, id, &stored);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no initiative %" PRId64,
		    id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	/* a partner edits only where its organisation already holds a role */
	if (ccs_policy_check(p, CCS_ACT_INITIATIVE_WRITE_ALL, NULL) !=
	    CCS_OK && (p->org_id <= 0 || !holds_role(json_object_get(stored,
	    "organisations"), p->org_id))) {
		rc = ccs_fail(f, CCS_EPERM, "not_your_organisation", "this "
		    "initiative is not one in which your organisation holds a "
		    "role");
		goto out;
	}
	if (json_is_object(json_object_get(stored, "merged_into"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "initiative_merged", "this "
		    "initiative was merged into initiative %"
		    JSON_INTEGER_FORMAT ": edit that one", json_integer_value(
		    json_object_get(json_object_get(stored, "merged_into"),
		    "id")));
		goto out;
	}
	if (!json_is_integer(json_object_get(body, "version"))) {
		rc = ccs_fail(f, CCS_EINVAL, "missing_field", "version is "
		    "required: send the version you read");
		goto out;
	}
	if (json_integer_value(json_object_get(body, "version")) !=
	    json_integer_value(json_object_get(stored, "version"))) {
		rc = ccs_fail(f, CCS_ECONFLICT, "stale_version", "the "
		    "initiative changed since you read it (now version %"
		    JSON_INTEGER_FORMAT "): reload it", json_integer_value(
		    json_object_get(stored, "version")));
		goto out;
	}
	b = resolve_aliases(body);
	if (b == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	rc = check(db, p, b, stored, f);
	if (rc != CCS_OK)
		goto out;
	scalars(b, stored, v);
	v[13] = CCS_VTEXT(ccs_actor(p));
	v[14] = CCS_VINT(now);
	v[15] = CCS_VINT(id);
	v[16] = CCS_VINT(json_integer_value(json_object_get(body, "version")));
	rc = ccs_db_query_int(db, "UPDATE initiatives SET iati_identifier = "
	    "$1, title = $2, description = $3, kind = $4, status = $5, "
	    "scope = $6, planned_start = $7, planned_end = $8, actual_start = "
	    "$9, actual_end = $10, default_currency = $11, reporting_org_id = "
	    "$12, seeded_public = $13, updated_by = $14, updated_at = $15, "
	    "version = version + 1 WHERE id = $16 AND version = $17 "
	    "RETURNING version", v, 17, &n);
	if (rc == CCS_ECONFLICT) {
		rc = ccs_fail(f, CCS_ECONFLICT, "iati_identifier_taken",
		    "iati_identifier: an initiative with this identifier "
		    "exists");
		goto out;
	}
	if (rc == CCS_OK)
		rc = write_lists(db, id, b);
	if (rc == CCS_OK && dups)
		rc = ccs_cap_kept_refresh(db, id);
	if (rc == CCS_OK)
		rc = audit(db, p, "initiative.update", id, body, now);
	/* entering finalisation or closed proposes status updates for the
	 * standards it targets in its recipient states (proposals.h) */
	if (rc == CCS_OK && ccs_cap_initiative_completes((int)
	    json_integer_value(json_object_get(stored, "status")), (int)
	    json_integer_value(merged(b, stored, "status"))))
		rc = ccs_proposals_for_initiative(db, now, id);
	if (rc == CCS_OK)
		rc = ccs_initiative_load(db, id, out);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	json_decref(stored);
	json_decref(b);
	return rc;
}

int
ccs_initiative_update(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	return update(db, p, id, body, now, out, true, f);
}

int
ccs_initiative_update_deferred(struct ccs_db *db,
    const struct ccs_principal *p, int64_t id, const json_t *body,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	return update(db, p, id, body, now, out, true, f);
}

/* Runs @p sql for initiative @p id and sets the rows as @p key. */
static int
add_rows(struct ccs_db *db, json_t *obj, const char *key, const char *sql,
    int64_t id, json_t **rows)
{
	struct ccs_val v = CCS_VINT(id);
	int rc;

	*rows = NULL;
	rc = ccs_db_query_json(db, sql, &v, 1, rows);
	if (rc == CCS_OK)
		(void)json_object_set(obj, key, *rows);
	json_decref(*rows);
	return rc;
}

static void
present(json_t *o)
{
	char pct[CCS_MONEY_FMTLEN];
	json_t *rows, *it;
	const char *s, *e;
	size_t i;

	(void)json_object_set_new(o, "status_name", json_string(
	    ccs_iati_status_name((int)json_integer_value(json_object_get(o,
	    "status")))));
	s = json_string_value(json_object_get(o, "actual_start"));
	if (s == NULL)
		s = json_string_value(json_object_get(o, "planned_start"));
	e = json_string_value(json_object_get(o, "actual_end"));
	if (e == NULL)
		e = json_string_value(json_object_get(o, "planned_end"));
	(void)json_object_set_new(o, "start", s ? json_string(s) :
	    json_null());
	(void)json_object_set_new(o, "end", e ? json_string(e) : json_null());
	(void)json_object_set_new(o, "seeded_public", json_boolean(
	    json_integer_value(json_object_get(o, "seeded_public")) != 0));
	json_array_foreach(json_object_get(o, "organisations"), i, it)
		(void)json_object_set_new(it, "role_name", json_string(
		    ccs_iati_role_name((int)json_integer_value(
		    json_object_get(it, "role")))));
	json_array_foreach(json_object_get(o, "states"), i, it) {
		ccs_money_format(json_integer_value(json_object_get(it, "pct")),
		    2, pct);
		(void)json_object_set_new(it, "percentage", json_string(pct));
		(void)json_object_del(it, "pct");
	}
	rows = json_object_get(o, "budgets");
	ccs_cap_amounts(rows);
	rows = json_object_get(o, "transactions");
	ccs_cap_amounts(rows);
}

int
ccs_initiative_load(struct ccs_db *db, int64_t id, json_t **out)
{
	static const struct {
		const char	*key;	/* member of the initiative */
		const char	*sql;	/* rows of initiative $1 */
	} lists[] = {
		{ "organisations", "SELECT io.org_id AS id, o.name, o.acronym, "
		    "o.iati_ref, io.role FROM initiative_orgs io JOIN "
		    "organisations o ON o.id = io.org_id WHERE "
		    "io.initiative_id = $1 ORDER BY io.role, io.org_id" },
		{ "states", "SELECT state_code AS state, region_code, pct FROM "
		    "initiative_states WHERE initiative_id = $1 ORDER BY "
		    "state_code IS NULL, state_code" },
		{ "needs", "SELECT need_ref FROM initiative_needs WHERE "
		    "initiative_id = $1 ORDER BY need_ref" },
		{ "standards", "SELECT lineage_id FROM initiative_standards "
		    "WHERE initiative_id = $1 ORDER BY lineage_id" },
		{ "budgets", "SELECT id, type, status, period_start, "
		    "period_end, amount AS amount_minor, currency, value_date "
		    "FROM initiative_budgets WHERE initiative_id = $1 ORDER BY "
		    "period_start, id" },
		{ "transactions", "SELECT id, type, tx_date AS date, amount AS "
		    "amount_minor, currency, value_date, provider_org_id, "
		    "receiver_org_id, need_ref AS need, state_code AS state, "
		    "description FROM initiative_transactions WHERE "
		    "initiative_id = $1 ORDER BY tx_date, id" },
		{ "results", "SELECT id, type, title, measure, baseline, "
		    "target, actual, period_start, period_end FROM "
		    "initiative_results WHERE initiative_id = $1 ORDER BY id" },
		{ "related", "SELECT r.type, r.related_id AS initiative_id, "
		    "COALESCE(r.related_ref, i.iati_identifier) AS "
		    "iati_identifier FROM initiative_related r LEFT JOIN "
		    "initiatives i ON i.id = r.related_id WHERE "
		    "r.initiative_id = $1 ORDER BY r.id" },
		{ "documents", "SELECT url, title, category FROM "
		    "initiative_documents WHERE initiative_id = $1 ORDER BY "
		    "id" },
	};
	struct ccs_val v = CCS_VINT(id);
	json_t *o = NULL, *rows, *flat, *it;
	size_t k, i;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, "SELECT " INITIATIVE_COLS " FROM "
	    "initiatives WHERE id = $1", &v, 1, &o);
	for (k = 0; rc == CCS_OK && k < sizeof(lists) / sizeof(lists[0]);
	    k++)
		rc = add_rows(db, o, lists[k].key, lists[k].sql, id, &rows);
	if (rc != CCS_OK) {
		json_decref(o);
		return rc;
	}
	/* needs and standards as plain lists */
	flat = json_array();
	json_array_foreach(json_object_get(o, "needs"), i, it)
		(void)json_array_append(flat, json_object_get(it, "need_ref"));
	(void)json_object_set_new(o, "needs", flat);
	flat = json_array();
	json_array_foreach(json_object_get(o, "standards"), i, it)
		(void)json_array_append(flat, json_object_get(it,
		    "lineage_id"));
	(void)json_object_set_new(o, "standards", flat);
	present(o);
	/* a merged initiative stays readable and names its survivor */
	rc = ccs_db_query_one(db, "SELECT s.id, s.iati_identifier, s.title, "
	    "i.merged_at FROM initiatives i JOIN initiatives s ON s.id = "
	    "i.merged_into WHERE i.id = $1", &v, 1, &rows);
	if (rc == CCS_ENOTFOUND) {
		rows = json_null();
		rc = CCS_OK;
	}
	if (rc != CCS_OK) {
		json_decref(o);
		return rc;
	}
	(void)json_object_set_new(o, "merged_into", rows);
	*out = o;
	return CCS_OK;
}

int
ccs_initiative_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read initiatives");
	rc = ccs_initiative_load(db, id, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no initiative %" PRId64,
		    id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}
