/*
 * lists.c: paging shared records through the TLP policy (lists.h).
 *
 * Every candidate the SQL filters keep is read once per request: the
 * policy is decided in C, so SQL can neither count nor limit them. Not a
 * goal: lists of millions of shared records.
 */
#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "util/err.h"

int
ccs_shared_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *sql, const struct ccs_val *params, size_t nparams,
    struct ccs_keyset *ks, bool whole, ccs_shared_row_cb cb, void *arg,
    json_t **out)
{
	json_t *rows = NULL, *all = NULL, *page = NULL, *res = NULL, *row;
	int64_t total;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_db_query_json(db, sql, params, nparams, &rows);
	if (rc != CCS_OK)
		return rc;
	all = json_array();
	if (all == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	json_array_foreach(rows, i, row) {
		if (ccs_marking_view(p, row) != CCS_TLP_FULL)
			continue;
		ccs_marking_present(row);
		if (json_array_append(all, row) != 0) {
			rc = CCS_ENOMEM;
			goto out;
		}
	}
	total = (int64_t)json_array_size(all);
	rc = ccs_keyset_page_array(ks, all, &page);
	if (rc != CCS_OK)
		goto out;
	if (whole) {
		res = all;
		all = NULL;
	} else {
		rc = ccs_keyset_reply(ks, page, total, &res);
		page = NULL;
		if (rc != CCS_OK)
			goto out;
	}
	json_array_foreach(whole ? res : json_object_get(res, "items"), i,
	    row) {
		if (cb == NULL)
			break;
		rc = cb(arg, row);
		if (rc != CCS_OK)
			goto out;
	}
	*out = res;
	res = NULL;
out:
	json_decref(res);
	json_decref(page);
	json_decref(all);
	json_decref(rows);
	return rc;
}
