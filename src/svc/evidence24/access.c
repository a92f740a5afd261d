/*
 * access.c: the access decision of 24/7 preservation requests.
 *
 * The decision is core/policy.c's, asked per state of the request. For
 * lists the same decision is written as a WHERE clause so a page and its
 * total count only readable rows: a regional reader (the RIFC) reads
 * every row, a state's reader the rows where its state is either side,
 * anyone else none. ccs_pres_scope_sql chooses the clause by asking the
 * policy, so the table in core/policy.c stays the one source.
 */
#include <inttypes.h>
#include <string.h>

#include "svc/evidence24/access.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

int
ccs_pres_not_found(struct ccs_fail *f, int64_t id)
{
	return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no preservation "
	    "request %" PRId64 " that you may read", id);
}

bool
ccs_pres_may_read(const struct ccs_principal *p, const char *requesting,
    const char *requested)
{
	return ccs_policy_check(p, CCS_ACT_PRESERVATION_READ, requesting) ==
	    CCS_OK || ccs_policy_check(p, CCS_ACT_PRESERVATION_READ,
	    requested) == CCS_OK;
}

int
ccs_pres_load(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    struct ccs_pres_ref *out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = ccs_db_query_one(db, "SELECT id, requesting_state, "
	    "requested_state, status, urgency, ack_due_at, expires_at, "
	    "version FROM preservation_requests WHERE id = $1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND)
		return ccs_pres_not_found(f, id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	out->id = id;
	(void)ccs_strlcpy(out->requesting, ccs_jstr(row, "requesting_state"),
	    sizeof(out->requesting));
	(void)ccs_strlcpy(out->requested, ccs_jstr(row, "requested_state"),
	    sizeof(out->requested));
	if (!ccs_pres_status_parse(ccs_jstr(row, "status"), &out->status)) {
		json_decref(row);
		return ccs_fail(f, CCS_ECORRUPT, "internal", "preservation "
		    "request %" PRId64 " has an unknown status", id);
	}
	out->emergency = ccs_streq(ccs_jstr(row, "urgency"), "emergency");
	out->ack_due_at = json_integer_value(json_object_get(row,
	    "ack_due_at"));
	out->expires_at = json_integer_value(json_object_get(row,
	    "expires_at"));
	out->version = json_integer_value(json_object_get(row, "version"));
	json_decref(row);
	if (!ccs_pres_may_read(p, out->requesting, out->requested))
		return ccs_pres_not_found(f, id);
	return CCS_OK;
}

bool
ccs_pres_may_act(const struct ccs_principal *p,
    const struct ccs_pres_ref *ref, enum ccs_pres_side side)
{
	bool ing = ccs_policy_check(p, CCS_ACT_PRESERVATION_WRITE,
	    ref->requesting) == CCS_OK;
	bool ed = ccs_policy_check(p, CCS_ACT_PRESERVATION_WRITE,
	    ref->requested) == CCS_OK;

	if (side == CCS_PRES_REQUESTING)
		return ing;
	if (side == CCS_PRES_REQUESTED)
		return ed;
	return ing || ed;
}

const char *
ccs_pres_scope_sql(const struct ccs_principal *p)
{
	/* A regional reader passes for a record of no state; a state's
	 * reader for its own state's records. */
	if (ccs_policy_check(p, CCS_ACT_PRESERVATION_READ, NULL) == CCS_OK)
		return "(1 = 1 OR :pstate = '')";
	if (p->state[0] != '\0' && ccs_policy_check(p,
	    CCS_ACT_PRESERVATION_READ, p->state) == CCS_OK)
		return "(requesting_state = :pstate OR requested_state = "
		    ":pstate)";
	return "(1 = 0 AND :pstate = '')";
}

const char *
ccs_pres_scope_state(const struct ccs_principal *p)
{
	return p->state;
}

int
ccs_pres_may_list(const struct ccs_principal *p, struct ccs_fail *f)
{
	if (ccs_policy_check(p, CCS_ACT_PRESERVATION_READ, NULL) == CCS_OK ||
	    (p->state[0] != '\0' && ccs_policy_check(p,
	    CCS_ACT_PRESERVATION_READ, p->state) == CCS_OK))
		return CCS_OK;
	return ccs_fail(f, CCS_EPERM, "forbidden", "only the law-enforcement "
	    "24/7 contacts (NCPOC) of a state and the RIFC read preservation "
	    "requests");
}
