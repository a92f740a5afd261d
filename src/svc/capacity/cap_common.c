/*
 * cap_common.c: field reads, reference checks and paging for the
 * capacity services. Every refusal names the field by its path in the
 * request ("budgets[1].amount") so a client can point at it.
 */
#include <inttypes.h>
#include <string.h>

#include "core/capacity/money.h"
#include "core/validate.h"
#include "svc/svc.h"
#include "svc/capacity/cap_common.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

json_t *
ccs_cap_page(json_t *items, int64_t total, bool more)
{
	json_t *last, *env;
	char cur[24];

	if (items == NULL)
		return NULL;
	last = json_array_get(items, json_array_size(items) - 1);
	cur[0] = '\0';
	if (more && last != NULL)
		(void)ccs_snprintf(cur, sizeof(cur), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(json_object_get(last, "id")));
	env = json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)total,
	    "next_cursor", cur[0] ? json_string(cur) : json_null());
	return env;
}

int
ccs_cap_denied(struct ccs_fail *f, int rc, const char *what)
{
	if (rc == CCS_EAUTH)
		return ccs_fail(f, rc, "authentication_required", "sign in "
		    "first");
	return ccs_fail(f, CCS_EPERM, "forbidden", "your role may not %s",
	    what);
}

int
ccs_cap_int(const json_t *obj, const char *key, int64_t min, int64_t max,
    bool required, const char *path, int64_t *out, struct ccs_fail *f)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v)) {
		if (required)
			return ccs_fail(f, CCS_EINVAL, "missing_field", "%s%s "
			    "is required", path, key);
		return CCS_OK;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min ||
	    json_integer_value(v) > max)
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "%s%s must "
		    "be an integer from %" PRId64 " to %" PRId64, path, key,
		    min, max);
	*out = json_integer_value(v);
	return CCS_OK;
}

int
ccs_cap_str(const json_t *obj, const char *key, size_t maxlen,
    bool required, const char *path, const char **out, struct ccs_fail *f)
{
	const json_t *v = json_object_get(obj, key);
	size_t len;

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (required)
			return ccs_fail(f, CCS_EINVAL, "missing_field", "%s%s "
			    "is required", path, key);
		return CCS_OK;
	}
	len = json_is_string(v) ? json_string_length(v) : 0;
	if (!json_is_string(v) || len == 0 || len > maxlen ||
	    strlen(json_string_value(v)) != len)
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "%s%s must be "
		    "text of 1 to %zu bytes", path, key, maxlen);
	*out = json_string_value(v);
	return CCS_OK;
}

int
ccs_cap_date(const json_t *obj, const char *key, bool required,
    const char *path, const char **out, struct ccs_fail *f)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (v == NULL || json_is_null(v)) {
		if (required)
			return ccs_fail(f, CCS_EINVAL, "missing_field", "%s%s "
			    "is required", path, key);
		return CCS_OK;
	}
	if (!json_is_string(v) || !ccs_valid_date(json_string_value(v)))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "%s%s must be a "
		    "date YYYY-MM-DD", path, key);
	*out = json_string_value(v);
	return CCS_OK;
}

int
ccs_cap_currency(const json_t *obj, const char *key, const char *path,
    const char **code, int *exp, struct ccs_fail *f)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v))
		return ccs_fail(f, CCS_EINVAL, "missing_field", "%s%s is "
		    "required", path, key);
	*exp = json_is_string(v) ?
	    ccs_currency_exponent(json_string_value(v)) : -1;
	if (*exp < 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_currency", "%s%s must "
		    "be an ISO 4217 currency code such as USD", path, key);
	*code = json_string_value(v);
	return CCS_OK;
}

int
ccs_cap_amount(const json_t *obj, const char *key, int exp,
    const char *path, int64_t *out, struct ccs_fail *f)
{
	const json_t *v = json_object_get(obj, key);
	char digits[24];
	bool ok = false;

	if (v == NULL || json_is_null(v))
		return ccs_fail(f, CCS_EINVAL, "missing_field", "%s%s is "
		    "required", path, key);
	if (json_is_string(v)) {
		ok = ccs_money_parse(json_string_value(v), exp, out);
	} else if (json_is_integer(v) && json_integer_value(v) >= 0) {
		/* a JSON integer is whole units */
		(void)ccs_snprintf(digits, sizeof(digits), "%"
		    JSON_INTEGER_FORMAT, json_integer_value(v));
		ok = ccs_money_parse(digits, exp, out);
	}
	if (!ok)
		return ccs_fail(f, CCS_EINVAL, "invalid_amount", "%s%s must be "
		    "a non-negative decimal amount with at most %d decimals, "
		    "such as \"1250.00\"", path, key, exp);
	return CCS_OK;
}

/* One existence check: @p sql counts rows for $1. */
static int
known(struct ccs_db *db, const char *sql, struct ccs_val v, bool *ok,
    struct ccs_fail *f)
{
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, sql, &v, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	*ok = n > 0;
	return CCS_OK;
}

int
ccs_cap_org_known(struct ccs_db *db, int64_t id, const char *path,
    struct ccs_fail *f)
{
	bool ok = false;
	int rc;

	rc = known(db, "SELECT COUNT(*) FROM organisations WHERE id = $1",
	    CCS_VINT(id), &ok, f);
	if (rc == CCS_OK && !ok)
		rc = ccs_fail(f, CCS_EINVAL, "unknown_organisation", "%s: no "
		    "organisation %" PRId64 " in the directory", path, id);
	return rc;
}

int
ccs_cap_need_known(struct ccs_db *db, const char *ref, const char *path,
    struct ccs_fail *f)
{
	bool ok = false;
	int rc;

	rc = known(db, "SELECT COUNT(*) FROM needs WHERE ref = $1",
	    CCS_VTEXT(ref), &ok, f);
	if (rc == CCS_OK && !ok)
		rc = ccs_fail(f, CCS_EINVAL, "unknown_need", "%s: no need "
		    "'%.40s' in the catalogue", path, ref);
	return rc;
}

int
ccs_cap_lineage_known(struct ccs_db *db, int64_t lineage, const char *path,
    struct ccs_fail *f)
{
	bool ok = false;
	int rc;

	rc = known(db, "SELECT COUNT(*) FROM standards WHERE lineage_id = $1",
	    CCS_VINT(lineage), &ok, f);
	if (rc == CCS_OK && !ok)
		rc = ccs_fail(f, CCS_EINVAL, "unknown_standard", "%s: no "
		    "standard lineage %" PRId64, path, lineage);
	return rc;
}

int
ccs_cap_initiative_known(struct ccs_db *db, int64_t id, const char *path,
    struct ccs_fail *f)
{
	bool ok = false;
	int rc;

	rc = known(db, "SELECT COUNT(*) FROM initiatives WHERE id = $1",
	    CCS_VINT(id), &ok, f);
	if (rc == CCS_OK && !ok)
		rc = ccs_fail(f, CCS_EINVAL, "unknown_initiative", "%s: no "
		    "initiative %" PRId64, path, id);
	return rc;
}

void
ccs_cap_amounts(json_t *rows)
{
	char txt[CCS_MONEY_FMTLEN];
	json_t *it;
	size_t i;
	int exp;

	json_array_foreach(rows, i, it) {
		exp = ccs_currency_exponent(json_string_value(
		    json_object_get(it, "currency")));
		ccs_money_format(json_integer_value(json_object_get(it,
		    "amount_minor")), exp < 0 ? 0 : exp, txt);
		(void)json_object_set_new(it, "amount", json_string(txt));
	}
}

/* The number after the point of a ref ("T1.10" -> 10), 0 if none. */
static long
ref_num(const char *ref)
{
	const char *d = strchr(ref, '.');
	long n = 0;

	/* at most 6 digits count: refs are short */
	for (d = d != NULL ? d + 1 : ""; *d >= '0' && *d <= '9' && n < 100000;
	    d++)
		n = n * 10 + (*d - '0');
	return n;
}

int
ccs_cap_ref_cmp(const char *a, const char *b)
{
	size_t la = strcspn(a, "."), lb = strcspn(b, ".");
	long na, nb;
	int c;

	c = strncmp(a, b, la < lb ? la : lb);
	if (c != 0)
		return c;
	if (la != lb)
		return la < lb ? -1 : 1;
	na = ref_num(a);
	nb = ref_num(b);
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}
