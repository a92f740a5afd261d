/*
 * meetings_common.c: refusals and text arrays of the monitoring
 * services (their lists page with svc/listq.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/monitoring/meetings_common.h"
#include "util/err.h"
#include "util/str.h"

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
