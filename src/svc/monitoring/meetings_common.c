/*
 * meetings_common.c: cursors, envelopes, refusals and text arrays of the
 * monitoring services. A cursor is the last row's sort key in clear
 * ("2024-10-22~12"): lists order by a date then an id, so the next page
 * is the rows after that pair and nothing is skipped or repeated when
 * rows are added meanwhile.
 */
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/monitoring/meetings_common.h"
#include "util/err.h"
#include "util/str.h"

int
ccs_mon_cursor_parse(const char *s, struct ccs_mon_cursor *c,
    struct ccs_fail *f)
{
	memset(c, 0, sizeof(*c));
	if (s == NULL || s[0] == '\0')
		return CCS_OK;
	if (strlen(s) < 12 || s[10] != '~' ||
	    ccs_parse_i64(s + 11, 1, INT64_MAX, &c->id) != CCS_OK)
		goto bad;
	memcpy(c->date, s, 10);
	c->date[10] = '\0';
	if (!ccs_valid_date(c->date))
		goto bad;
	return CCS_OK;
bad:
	memset(c, 0, sizeof(*c));
	return ccs_fail(f, CCS_EINVAL, "invalid_cursor", "cursor must be the "
	    "next_cursor of the previous page");
}

json_t *
ccs_mon_page(json_t *items, int64_t total, bool more, const char *date_key)
{
	json_t *last;
	char cur[48];

	if (items == NULL)
		return NULL;
	cur[0] = '\0';
	last = json_array_get(items, json_array_size(items) - 1);
	if (more && last != NULL && ccs_snprintf(cur, sizeof(cur), "%s~%"
	    JSON_INTEGER_FORMAT, json_string_value(json_object_get(last,
	    date_key)) ? json_string_value(json_object_get(last, date_key)) :
	    "", json_integer_value(json_object_get(last, "id"))) != CCS_OK)
		cur[0] = '\0';
	return json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)total,
	    "next_cursor", cur[0] ? json_string(cur) : json_null());
}

int
ccs_mon_denied(struct ccs_fail *f, int rc, const char *what)
{
	if (rc == CCS_EAUTH)
		return ccs_fail(f, rc, "authentication_required", "sign in "
		    "first");
	return ccs_fail(f, CCS_EPERM, "forbidden", "your role may not %s",
	    what);
}

int
ccs_mon_texts(const json_t *body, const char *key, size_t max,
    size_t maxlen, char **out, struct ccs_fail *f)
{
	const json_t *arr = json_object_get(body, key), *it;
	size_t i, len;

	*out = NULL;
	if (arr != NULL && !json_is_null(arr) && !json_is_array(arr))
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "%s must be a "
		    "list of texts", key);
	if (json_array_size(arr) > max)
		return ccs_fail(f, CCS_EINVAL, "invalid_field", "%s holds at "
		    "most %zu entries", key, max);
	json_array_foreach(arr, i, it) {
		len = json_is_string(it) ? json_string_length(it) : 0;
		if (len == 0 || len > maxlen || !ccs_text_ok_n(
		    json_string_value(it), len))
			return ccs_fail(f, CCS_EINVAL, "invalid_field",
			    "%s[%zu] must be text of 1 to %zu bytes", key, i,
			    maxlen);
	}
	*out = json_is_array(arr) ? json_dumps(arr, JSON_COMPACT) :
	    strdup("[]");
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

void
ccs_mon_parse_member(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	json_t *v = s != NULL ? json_loads(s, 0, NULL) : NULL;

	(void)json_object_set_new(o, key, v != NULL ? v : json_array());
}
