/*
 * seed_sharing.c: the demo data set of information sharing: constituency
 * claims and incidents from data/seed/demo_sharing.json, reported through
 * the same services as the API (so they are validated, correlated,
 * routed, indexed and audited like any report) by the demo accounts, a few
 * days apart, so the demo shows a cross-state cluster, matches at several
 * TLP levels and a routed record.
 */
#include <string.h>

#include "svc/sharing/incidents.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/routing.h"
#include "svc/platform/seed.h"
#include "svc/svc.h"
#include "util/asset.h"
#include "util/err.h"
#include "util/str.h"

#define DEMO	"data/seed/demo_sharing.json"

/* The principal of demo account @p login. */
static int
as_user(struct ccs_db *db, const char *login, struct ccs_principal *p,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VTEXT(login);
	json_t *u = NULL;
	int rc;

	memset(p, 0, sizeof(*p));
	rc = ccs_db_query_one(db, "SELECT id, role, state_code, "
	    "organisation_id FROM users WHERE login = $1", &v, 1, &u);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "%s: no demo account '%s'",
		    DEMO, login ? login : "");
	p->user_id = json_integer_value(json_object_get(u, "id"));
	p->role = ccs_role_parse(ccs_jstr(u, "role"));
	p->org_id = json_integer_value(json_object_get(u, "organisation_id"));
	(void)ccs_strlcpy(p->login, login, sizeof(p->login));
	if (ccs_jstr(u, "state_code") != NULL)
		(void)ccs_strlcpy(p->state, ccs_jstr(u, "state_code"),
		    sizeof(p->state));
	json_decref(u);
	return CCS_OK;
}

int
ccs_seed_demo_sharing(struct ccs_db *db, int64_t now, struct ccs_fail *f)
{
	const struct ccs_asset *a = ccs_asset_find(DEMO);
	struct ccs_principal p, coord;
	json_t *doc = NULL, *it, *out = NULL, *done = NULL;
	json_error_t je;
	size_t i;
	int rc = CCS_OK;

	doc = a ? json_loadb((const char *)a->data, a->len, 0, &je) : NULL;
	if (doc == NULL)
		return ccs_fail(f, CCS_EINVAL, "internal", "%s is missing or "
		    "invalid", DEMO);
	rc = as_user(db, "coordinator", &coord, f);
	json_array_foreach(json_object_get(doc, "claims"), i, it) {
		if (rc != CCS_OK)
			break;
		rc = as_user(db, ccs_jstr(it, "as"), &p, f);
		if (rc == CCS_OK)
			rc = ccs_claim_create(db, &p, it, now - 8 * 86400, &out,
			    f);
		if (rc == CCS_OK)
			rc = ccs_claim_decide(db, &coord, json_integer_value(
			    json_object_get(out, "id")), true, NULL,
			    now - 8 * 86400, &done, f);
		json_decref(out);
		json_decref(done);
		out = NULL;
		done = NULL;
	}
	json_array_foreach(json_object_get(doc, "incidents"), i, it) {
		if (rc != CCS_OK)
			break;
		rc = as_user(db, ccs_jstr(it, "as"), &p, f);
		if (rc == CCS_OK)
			rc = ccs_incident_create(db, &p, json_object_get(it,
			    "body"), now - json_integer_value(json_object_get(it,
			    "days_ago")) * 86400, &out, f);
		json_decref(out);
		out = NULL;
	}
	json_decref(doc);
	return rc;
}
