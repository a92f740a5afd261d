/*
 * h_timeline.c: the plan's timeline over HTTP: milestones relative to the
 * adoption date, and the initiatives on the five-year roadmap.
 */
#include <stdint.h>

#include "http/handlers.h"
#include "svc/capacity/timeline.h"
#include "util/err.h"
#include "util/jsonv.h"

/* Checks the body against a field table (partial for PATCH). */
static bool
body_or_reply(struct ccs_req *r, const struct ccs_jfield *t, size_t n,
    bool partial)
{
	struct ccs_jerr e;

	if (!ccs_jsonv_check(r->json, t, n, partial, &e)) {
		ccs_reply_error(r, 400, e.code, e.message);
		return false;
	}
	return true;
}

void
ccs_h_timeline(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *tl = NULL;
	int rc;

	rc = ccs_timeline_get(r->db, &r->who, &tl, &f);
	ccs_reply_result(r, 200, rc, tl, &f);
}

void
ccs_h_milestone_update(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *tl = NULL;
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id) ||
	    !body_or_reply(r, ccs_milestone_fields, ccs_milestone_nfields,
	    true))
		return;
	rc = ccs_milestone_update(r->db, &r->who, id, r->json, r->now, &tl,
	    &f);
	ccs_reply_result(r, 200, rc, tl, &f);
}

void
ccs_h_adoption_set(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *tl = NULL;
	int rc;

	if (!body_or_reply(r, ccs_adoption_fields, ccs_adoption_nfields,
	    false))
		return;
	rc = ccs_adoption_set(r->db, &r->who, r->json, r->now, &tl, &f);
	ccs_reply_result(r, 200, rc, tl, &f);
}
