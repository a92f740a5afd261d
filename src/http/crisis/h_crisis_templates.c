/*
 * h_crisis_templates.c: the states' crisis plans and incident-response
 * protocols over HTTP: the current version, one version, the history
 * and a new version.
 */
#include <stdint.h>

#include "http/crisis/handlers.h"
#include "svc/crisis/crisis_templates.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_h_crisis_templates(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_crisis_template_list(r->db, &r->who, ccs_req_query(r,
	    "state"), &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_template(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_crisis_template_get(r->db, &r->who, ccs_req_param(r, "state"),
	    ccs_req_param(r, "kind"), 0, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_template_version(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int64_t version;
	int rc;

	if (!ccs_param_id_or_reply(r, "version", &version))
		return;
	rc = ccs_crisis_template_get(r->db, &r->who, ccs_req_param(r, "state"),
	    ccs_req_param(r, "kind"), version, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_template_versions(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_crisis_page pg;
	json_t *out = NULL;
	int rc;

	if (!ccs_h_crisis_page_or_reply(r, &pg))
		return;
	rc = ccs_crisis_template_history(r->db, &r->who, ccs_req_param(r,
	    "state"), ccs_req_param(r, "kind"), &pg, &out, &f);
	ccs_reply_result(r, 200, rc, out, &f);
}

void
ccs_h_crisis_template_write(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *out = NULL;
	int rc;

	rc = ccs_crisis_template_write(r->db, &r->who, ccs_req_param(r,
	    "state"), ccs_req_param(r, "kind"), r->json, r->now, &out, &f);
	ccs_reply_result(r, 201, rc, out, &f);
}
