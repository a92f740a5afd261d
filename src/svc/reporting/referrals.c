/*
 * referrals.c: referring a public report.
 *
 * The target is checked by core/reporting/triage_rules.c; a referral to
 * another state adds that state to the report's routes (reason
 * "referral"), which is what puts the report in that state's queue and
 * lets its team read it. The caller's view afterwards is ccs_triage_get's
 * without a second audit event (the referral's own event covers it).
 */
#include <string.h>

#include "svc/reporting/referrals.h"
#include "svc/reporting/triage.h"
#include "svc/reporting/triage_access.h"
#include "svc/svc.h"
#include "util/err.h"

const struct ccs_jfield ccs_referral_fields[] = {
	{ "target", CCS_J_STRING, true, 1, 40 },
	{ "state", CCS_J_STRING, false, 1, 8 },
	{ "note", CCS_J_STRING, false, 0, 2000 },
	{ "update", CCS_J_STRING, false, 1, 4000 },
};
const size_t ccs_referral_nfields = sizeof(ccs_referral_fields) /
    sizeof(ccs_referral_fields[0]);

static int
refuse(struct ccs_fail *f, const char *code, const char *target,
    const char *state)
{
	if (strcmp(code, "invalid_referral") == 0)
		return ccs_fail(f, CCS_EINVAL, code, "target must be one of "
		    "police_cyber_unit, cert, fiu, consumer_agency, "
		    "another_state, international_hotline");
	if (strcmp(code, "state_required") == 0)
		return ccs_fail(f, CCS_EINVAL, code, "state is required when "
		    "target is another_state");
	if (strcmp(code, "unexpected_state") == 0)
		return ccs_fail(f, CCS_EINVAL, code, "state is only for target "
		    "another_state, not %s", target);
	return ccs_fail(f, CCS_EINVAL, code, "state: the report is already "
	    "routed to %s", state);
}

int
ccs_referral_create(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, const json_t *body,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *routed[CCS_TRIAGE_ROUTES_MAX];
	const char *target = ccs_jstr(body, "target");
	const char *state = ccs_jstr(body, "state");
	const char *note = ccs_jstr(body, "note");
	const char *upd = ccs_jstr(body, "update");
	struct ccs_triage_ref ref;
	const char *code = NULL;
	int rc;

	*out = NULL;
	rc = ccs_triage_load(db, p, id, &ref, f);
	if (rc == CCS_OK)
		rc = ccs_triage_may_write(p, &ref, f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_report_move_ok(ref.status, CCS_REPORT_REFERRED))
		return ccs_triage_bad_move(f, &ref, CCS_REPORT_REFERRED);
	ccs_triage_routed(&ref, routed);
	if (!ccs_report_referral_ok(target, state, routed, ref.nrouted,
	    &code))
		return refuse(f, code, target, state);
	if (state != NULL) {
		rc = ccs_state_known(db, state, "state", f);
		if (rc != CCS_OK)
			return rc;
	}
	const struct ccs_named np[] = {
		CCS_NAMED("id", CCS_VINT(id)),
		CCS_NAMED("target", CCS_VTEXT(target)),
		CCS_NAMED("state", state != NULL ? CCS_VTEXT(state) :
		    CCS_VNULL),
		CCS_NAMED("note", CCS_VTEXT(note != NULL ? note : "")),
		CCS_NAMED("who", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
	};
	rc = ccs_db_exec_named(db, "INSERT INTO public_report_referrals "
	    "(report_id, target, to_state, note, created_by, created_at) "
	    "VALUES (:id, :target, :state, :note, :who, :now)", np,
	    CCS_NNAMED(np), NULL, NULL);
	if (rc == CCS_OK && state != NULL)
		rc = ccs_db_exec(db, "INSERT INTO public_report_routes "
		    "(report_id, state, reason, created_at) VALUES ($1, $2, "
		    "'referral', $3)", (struct ccs_val[]){ CCS_VINT(id),
		    CCS_VTEXT(state), CCS_VINT(now) }, 3, NULL, NULL);
	if (rc == CCS_OK && upd != NULL)
		rc = ccs_triage_write_update(db, p, id, upd, true, now, NULL);
	if (rc == CCS_OK)
		rc = ccs_triage_set_status(db, id, CCS_REPORT_REFERRED, now);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "public_report.refer",
		    "public_report", id, body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return ccs_triage_view(db, keys, p, id, out, f);
}
