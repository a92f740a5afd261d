/*
 * keyset_collect.c: a whole list read page by page through the keyset
 * (keyset.h), for lists whose pages are SQL statements: the CSV of the
 * list has every row, in the order of the page the user was looking at.
 */
#include "svc/keyset.h"
#include "util/err.h"

int
ccs_keyset_collect(const struct ccs_keyset *req, size_t max,
    ccs_keyset_page_fn fn, void *arg, json_t **out)
{
	struct ccs_keyset *ks = NULL;
	json_t *all, *rows = NULL;
	size_t n;
	int rc;

	*out = NULL;
	all = json_array();
	rc = all != NULL ? ccs_keyset_restart(req, 200, &ks) : CCS_ENOMEM;
	while (rc == CCS_OK) {
		rc = fn(arg, ks, &rows);
		if (rc != CCS_OK)
			break;
		n = json_array_size(rows);
		if ((int64_t)n > ccs_keyset_page_size(ks))
			(void)json_array_remove(rows, --n);
		if (n > 0)
			rc = ccs_keyset_advance(ks, json_array_get(rows,
			    n - 1));
		if (rc == CCS_OK && json_array_extend(all, rows) != 0)
			rc = CCS_ENOMEM;
		json_decref(rows);
		rows = NULL;
		if (rc == CCS_OK && json_array_size(all) > max)
			rc = CCS_ETOOBIG;
		if ((int64_t)n < ccs_keyset_page_size(ks))
			break;
	}
	ccs_keyset_free(ks);
	if (rc != CCS_OK) {
		json_decref(all);
		return rc;
	}
	*out = all;
	return CCS_OK;
}
