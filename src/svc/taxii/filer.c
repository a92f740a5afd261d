/*
 * filer.c: files objects into the local collections they fit, with their
 * origin (see filer.h). Used by the pull of `ccscap sync`, one filer per
 * page, from the import's on_stored hook: exactly the objects of the page
 * are filed, under the marking the import gave each.
 */
#include <stdlib.h>
#include <string.h>

#include "svc/svc.h"
#include "svc/taxii/filer.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

struct ccs_taxii_filer {
	struct ccs_db	*db;
	char		*origin;	/* NULL: made here */
	int64_t		 now_us;
	json_t		*colls;		/* [{id, root, tlp_max}] */
	int64_t		 mark_id;	/* the marking cached below */
	enum ccs_tlp	 mark_tlp;
	char		 mark_state[3];
	bool		 mark_ok;	/* a TLP parsed for mark_id */
};

int
ccs_taxii_filer_new(struct ccs_db *db, const char *origin, int64_t now_us,
    struct ccs_taxii_filer **out, struct ccs_fail *f)
{
	struct ccs_taxii_filer *fl;
	int rc;

	*out = NULL;
	fl = calloc(1, sizeof(*fl));
	if (fl == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	fl->db = db;
	fl->now_us = now_us;
	if (origin != NULL) {
		fl->origin = strdup(origin);
		if (fl->origin == NULL) {
			ccs_taxii_filer_free(fl);
			return ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
		}
	}
	rc = ccs_db_query_json(db, "SELECT id, root, tlp_max FROM "
	    "taxii_collections ORDER BY id", NULL, 0, &fl->colls);
	if (rc != CCS_OK) {
		ccs_taxii_filer_free(fl);
		return ccs_dbfail(f, db, rc);
	}
	*out = fl;
	return CCS_OK;
}

/* Reads marking @p id into the cache. */
static int
marking(struct ccs_taxii_filer *fl, int64_t id, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL;
	int rc;

	if (fl->mark_id == id && id != 0)
		return CCS_OK;
	rc = ccs_db_query_one(fl->db, "SELECT tlp, src_state FROM markings "
	    "WHERE id = $1", &v, 1, &row);
	if (rc != CCS_OK)
		return ccs_dbfail(f, fl->db, rc);
	fl->mark_id = id;
	fl->mark_ok = ccs_tlp_parse(ccs_jstr(row, "tlp"), &fl->mark_tlp);
	(void)ccs_strlcpy(fl->mark_state, ccs_jstr(row, "src_state") ?
	    ccs_jstr(row, "src_state") : "", sizeof(fl->mark_state));
	json_decref(row);
	return CCS_OK;
}

int
ccs_taxii_filer_add(struct ccs_taxii_filer *fl, const json_t *obj,
    const char *text, size_t len, int64_t marking_id, size_t *n,
    struct ccs_fail *f)
{
	enum ccs_taxii_circle circle;
	enum ccs_tlp max;
	char state[3];
	json_t *co;
	size_t j;
	bool one;
	int rc;

	if (n != NULL)
		*n = 0;
	if (json_array_size(fl->colls) == 0)
		return CCS_OK;
	rc = marking(fl, marking_id, f);
	if (rc != CCS_OK || !fl->mark_ok)
		return rc;
	json_array_foreach(fl->colls, j, co) {
		if (!ccs_tlp_parse(ccs_jstr(co, "tlp_max"), &max) ||
		    !ccs_taxii_root_parse(ccs_jstr(co, "root"), &circle,
		    state) || !ccs_taxii_fits(circle, state, max,
		    fl->mark_tlp, fl->mark_state[0] ? fl->mark_state : NULL))
			continue;
		rc = ccs_taxii_file(fl->db, ccs_jstr(co, "id"), obj, text, len,
		    marking_id, fl->origin, fl->now_us, &one, f);
		if (rc != CCS_OK)
			return rc;
		if (n != NULL)
			*n += one;
	}
	return CCS_OK;
}

void
ccs_taxii_filer_free(struct ccs_taxii_filer *fl)
{
	if (fl == NULL)
		return;
	json_decref(fl->colls);
	free(fl->origin);
	free(fl);
}
