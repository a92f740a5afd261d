/*
 * fx_common.c: helpers of the forensics services (see fx_common.h).
 */
#include <stdlib.h>
#include <string.h>

#include "svc/forensics/fx_common.h"
#include "util/err.h"

int
ccs_fx_lab_staff(struct ccs_db *db, const struct ccs_principal *p,
    int64_t lab_id, bool *staff)
{
	struct ccs_val v[2];
	int64_t n = 0;
	int rc;

	*staff = false;
	if (p == NULL || p->system || p->org_id == 0 || lab_id == 0)
		return CCS_OK;
	v[0] = CCS_VINT(lab_id);
	v[1] = CCS_VINT(p->org_id);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM forensic_labs WHERE "
	    "id = $1 AND org_id = $2", v, 2, &n);
	*staff = rc == CCS_OK && n > 0;
	return rc;
}

int
ccs_fx_words(const json_t *arr, const struct ccs_vocab *v, const char *what,
    const char *code, size_t max, bool required, char **json,
    struct ccs_fail *f)
{
	const json_t *x, *y;
	size_t i, j;

	*json = NULL;
	if (arr == NULL && !required) {
		*json = strdup("[]");
		return *json ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
		    "out of memory");
	}
	if (!json_is_array(arr) || json_array_size(arr) == 0 ||
	    json_array_size(arr) > max)
		return ccs_fail(f, CCS_EINVAL, code, "%s must list 1-%zu "
		    "words of GET /api/v1/vocabularies (%s)", what, max,
		    v->name);
	json_array_foreach(arr, i, x) {
		if (!ccs_vocab_has(v, json_string_value(x)))
			return ccs_fail(f, CCS_EINVAL, code, "%s[%zu] is not a "
			    "word of the %s vocabulary", what, i, v->name);
		for (j = 0; j < i; j++) {
			y = json_array_get(arr, j);
			if (strcmp(json_string_value(x),
			    json_string_value(y)) == 0)
				return ccs_fail(f, CCS_EINVAL, code, "%s[%zu] "
				    "repeats %s", what, i,
				    json_string_value(x));
		}
	}
	*json = json_dumps(arr, JSON_COMPACT);
	return *json ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}

int
ccs_fx_unjson(json_t *o, const char *k)
{
	json_t *v = json_loads(json_string_value(json_object_get(o, k)), 0,
	    NULL);

	if (v == NULL)
		v = json_array();
	return v != NULL && json_object_set_new(o, k, v) == 0 ? CCS_OK :
	    CCS_ENOMEM;
}

json_t *
ccs_fx_page(json_t *rows, int64_t limit, int64_t total)
{
	json_t *last;
	bool more;

	if (rows == NULL)
		return NULL;
	more = (int64_t)json_array_size(rows) > limit;
	if (more)
		(void)json_array_remove(rows, json_array_size(rows) - 1);
	last = json_array_get(rows, json_array_size(rows) - 1);
	return json_pack("{s:o, s:I, s:I, s:o}", "items", rows, "count",
	    (json_int_t)json_array_size(rows), "total", (json_int_t)total,
	    "next_cursor", more ? json_sprintf("%lld", (long long)
	    json_integer_value(json_object_get(last, "id"))) : json_null());
}
