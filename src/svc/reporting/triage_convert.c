/*
 * triage_convert.c: a public report becomes an incident in one step.
 *
 * The incident body is built here and handed to ccs_incident_create, the
 * same function POST /incidents calls: its policy (share_report for the
 * incident's state), marking, indicator sightings, correlation, search
 * document, notifications and audit event all apply unchanged. Then the
 * report is linked to the incident and moves to "converted", in the same
 * transaction: if any part is refused, neither exists.
 *
 * Decisions (docs/internals/REPORTING.md, "Triage"): the default TLP is
 * AMBER, because a citizen's report names victims and suspects and must
 * not reach a community (GREEN) or the public (CLEAR) unless a triager
 * chooses so; the reporter's narrative and contact details are not
 * copied into the incident (they stay sealed, readable by the routed
 * teams); identifiers that are not valid indicators are left out rather
 * than refusing the conversion.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/indicator/indicator.h"
#include "core/reporting/clusters_key.h"
#include "svc/reporting/report_store.h"
#include "svc/reporting/triage.h"
#include "svc/reporting/triage_access.h"
#include "svc/reporting/triage_convert.h"
#include "svc/sharing/incidents.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_triage_convert_fields[] = {
	{ "title", CCS_J_STRING, false, 3, 300 },
	{ "description", CCS_J_STRING, false, 1, 20000 },
	{ "severity", CCS_J_STRING, false, 3, 10 },
	{ "tlp", CCS_J_STRING, false, 1, 20 },
	{ "share_states", CCS_J_ARRAY, false, 0, 40 },
	{ "update", CCS_J_STRING, false, 1, 4000 },
};
const size_t ccs_triage_convert_nfields = sizeof(ccs_triage_convert_fields) /
    sizeof(ccs_triage_convert_fields[0]);

/* The severity of an incident from a report of priority @p pr. */
static const char *
severity_of(const char *pr)
{
	if (ccs_streq(pr, "urgent") || ccs_streq(pr, "high"))
		return "high";
	if (ccs_streq(pr, "low"))
		return "low";
	return "medium";
}

/* The indicator type and canonical value of one suspect identifier.
 * @return CCS_OK; CCS_EINVAL (or ETOOBIG) when it is not a valid
 * indicator, to be left out; CCS_ENOMEM, which must refuse the whole. */
static int
indicator_of(const char *kind, const char *value, enum ccs_ind_type *t,
    char canon[CCS_IND_VALUE_MAX])
{
	char key[CCS_BUNDLE_KEY_MAX];
	int rc;

	if (kind == NULL || value == NULL)
		return CCS_EINVAL;
	rc = ccs_bundle_key(kind, value, key, sizeof(key), t, canon);
	if (rc == CCS_OK || rc == CCS_ENOMEM)
		return rc;
	if (strcmp(kind, "ip") == 0)
		*t = ccs_ind_refine(CCS_IND_IPV4, value);
	else if (strcmp(kind, "domain") == 0)
		*t = CCS_IND_DOMAIN;
	else
		return CCS_EINVAL;
	return ccs_ind_normalise(*t, value, canon, CCS_IND_VALUE_MAX, NULL);
}

/* The report's suspect identifiers as incident indicators, once each. */
static int
indicators(const json_t *body, json_t **out)
{
	char canon[CCS_IND_VALUE_MAX];
	json_t *sus, *list, *e, *o;
	enum ccs_ind_type t;
	size_t i, j;
	bool dup;
	int rc;

	*out = NULL;
	sus = ccs_triage_suspects(body);
	list = json_array();
	if (sus == NULL || list == NULL) {
		json_decref(sus);
		json_decref(list);
		return CCS_ENOMEM;
	}
	json_array_foreach(sus, i, e) {
		rc = indicator_of(ccs_jstr(e, "kind"), ccs_jstr(e, "value"), &t,
		    canon);
		if (rc == CCS_ENOMEM) {
			json_decref(sus);
			json_decref(list);
			return rc;
		}
		if (rc != CCS_OK)
			continue;
		dup = false;
		json_array_foreach(list, j, o) {
			if (ccs_streq(ccs_jstr(o, "value"), canon) &&
			    ccs_streq(ccs_jstr(o, "type"),
			    ccs_ind_type_name(t)))
				dup = true;
		}
		if (!dup && json_array_append_new(list, json_pack("{s:s, s:s}",
		    "type", ccs_ind_type_name(t), "value", canon)) != 0) {
			json_decref(sus);
			json_decref(list);
			return CCS_ENOMEM;
		}
	}
	json_decref(sus);
	*out = list;
	return CCS_OK;
}

/* The body of the incident, from the report @p rep and the request. */
static int
incident_body(const struct ccs_principal *p, const json_t *rep,
    const json_t *t, const json_t *body, json_t **out, struct ccs_fail *f)
{
	const char *title = ccs_jstr(body, "title");
	const char *descr = ccs_jstr(body, "description");
	const char *sev = ccs_jstr(body, "severity");
	const char *tlp = ccs_jstr(body, "tlp");
	const json_t *share = json_object_get(body, "share_states");
	json_t *o, *ind = NULL;
	char tbuf[320], dbuf[512];
	int rc;

	*out = NULL;
	rc = indicators(json_object_get(rep, "body"), &ind);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	if (title == NULL) {
		(void)ccs_snprintf(tbuf, sizeof(tbuf), "Public report %s: %s",
		    ccs_jstr(rep, "reference"), ccs_jstr(rep, "category"));
		title = tbuf;
	}
	if (descr == NULL) {
		(void)ccs_snprintf(dbuf, sizeof(dbuf), "Opened from public "
		    "report %s (%s). The reporter's account stays with the "
		    "teams the report is routed to.", ccs_jstr(rep,
		    "reference"), ccs_jstr(rep, "category"));
		descr = dbuf;
	}
	o = json_pack("{s:s, s:s, s:s, s:s++, s:s, s:s, s:o}",
	    "state", p->state[0] != '\0' ? p->state : ccs_jstr(rep, "state"),
	    "title", title, "description", descr,
	    "rsit", ccs_jstr(t, "rsit_class"), ":", ccs_jstr(t, "rsit_type"),
	    "severity", sev != NULL ? sev : severity_of(ccs_jstr(t,
	    "priority")),
	    "tlp", tlp != NULL ? tlp : CCS_TRIAGE_CONVERT_TLP,
	    "indicators", ind);
	if (o != NULL && share != NULL &&
	    json_object_set(o, "share_states", (json_t *)share) != 0) {
		json_decref(o);
		o = NULL;
	}
	if (o == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	*out = o;
	return CCS_OK;
}

int
ccs_triage_convert(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, const json_t *body,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *upd = ccs_jstr(body, "update");
	struct ccs_triage_ref ref;
	struct ccs_val v = CCS_VINT(id);
	json_t *rep = NULL, *t = NULL, *ib = NULL, *inc = NULL, *view = NULL;
	int64_t iid;
	int rc;

	*out = NULL;
	rc = ccs_triage_load(db, p, id, &ref, f);
	if (rc == CCS_OK)
		rc = ccs_triage_may_write(p, &ref, f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_report_move_ok(ref.status, CCS_REPORT_CONVERTED))
		return ccs_triage_bad_move(f, &ref, CCS_REPORT_CONVERTED);
	rc = ccs_report_store_get(db, keys, id, &rep);
	/* body_enc is NOT NULL: an opened report without a body is one the
	 * store could not finish building (out of memory). */
	if (rc == CCS_OK && !json_is_object(json_object_get(rep, "body")))
		rc = CCS_ENOMEM;
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, "SELECT rsit_class, rsit_type, "
		    "priority FROM public_report_triage WHERE report_id = $1 "
		    "AND rsit_class IS NOT NULL", &v, 1, &t);
	if (rc == CCS_ENOTFOUND) {
		rc = ccs_triage_bad_move(f, &ref, CCS_REPORT_CONVERTED);
		goto out;
	}
	if (rc != CCS_OK) {
		rc = rc == CCS_ECORRUPT || rc == CCS_ENOMEM ? ccs_fail(f, rc,
		    "internal", "public report %s could not be opened",
		    ref.reference) : ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = incident_body(p, rep, t, body, &ib, f);
	if (rc == CCS_OK)
		rc = ccs_incident_create(db, p, ib, now, &inc, f);
	if (rc != CCS_OK)
		goto out;
	iid = json_integer_value(json_object_get(inc, "id"));
	const struct ccs_named np[] = {
		CCS_NAMED("id", CCS_VINT(id)),
		CCS_NAMED("inc", CCS_VINT(iid)),
		CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
	};
	rc = ccs_db_exec_named(db, "UPDATE public_report_triage SET "
	    "incident_id = :inc, converted_by = :who, converted_at = :now, "
	    "version = version + 1, updated_at = :now WHERE report_id = :id",
	    np, CCS_NNAMED(np), NULL, NULL);
	if (rc == CCS_OK && upd != NULL)
		rc = ccs_triage_write_update(db, p, id, upd, true, now, NULL);
	if (rc == CCS_OK)
		rc = ccs_triage_set_status(db, id, CCS_REPORT_CONVERTED, now);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "public_report.convert",
		    "public_report", id, json_object_get(inc, "id"), now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_triage_view(db, keys, p, id, &view, f);
	if (rc == CCS_OK) {
		*out = json_pack("{s:o, s:O}", "report", view, "incident", inc);
		if (*out == NULL)
			rc = ccs_fail(f, CCS_ENOMEM, "internal",
			    "out of memory");
	}
out:
	json_decref(rep);
	json_decref(t);
	json_decref(ib);
	json_decref(inc);
	return rc;
}
