/*
 * collab.c: helpers shared by the collaboration services. Their links to
 * incidents and values are checked by svc/refs.c, like every reference a
 * write makes.
 */
#include "svc/sharing/collab.h"

int
ccs_collab_search_doc(struct ccs_db *db, const char *kind, int64_t ref_id,
    int64_t marking_id, const char *title, const char *body, int64_t now)
{
	struct ccs_val v[6];

	v[0] = CCS_VTEXT(kind);
	v[1] = CCS_VINT(ref_id);
	v[2] = CCS_VINT(marking_id);
	v[3] = CCS_VTEXT(title);
	v[4] = CCS_VTEXT(body);
	v[5] = CCS_VINT(now);
	return ccs_db_exec(db, "INSERT INTO search_docs (kind, ref_id, "
	    "marking_id, title, body, created_at) VALUES ($1, $2, $3, $4, $5, "
	    "$6)", v, 6, NULL, NULL);
}
