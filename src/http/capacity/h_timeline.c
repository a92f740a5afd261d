/*
 * h_timeline.c: the plan's timeline over HTTP: milestones relative to the
 * adoption date, and the initiatives on the five-year roadmap.
 */
#include <stdint.h>

#include "http/capacity/handlers.h"
#include "http/params.h"
#include "svc/capacity/timeline.h"
#include "util/err.h"

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

	if (!ccs_param_id_or_reply(r, "id", &id))
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

	rc = ccs_adoption_set(r->db, &r->who, r->json, r->now, &tl, &f);
	ccs_reply_result(r, 200, rc, tl, &f);
}
