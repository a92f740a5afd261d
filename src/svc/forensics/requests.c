/*
 * requests.c: forensic help requests (see requests.h).
 *
 * Reading is decided in one place, ccs_fx_request_readable, used by the
 * single read, the moves and the evidence items that name a request; the
 * list applies the same rule as SQL. A request the caller may not read
 * is answered as a missing one, before any permission check that could
 * tell them apart.
 */
#include <stdlib.h>
#include <string.h>

#include "core/forensics/request.h"
#include "core/validate.h"
#include "svc/forensics/requests.h"
#include "svc/refs.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_fx_request_fields[] = {
	{ "lab_id", CCS_J_INT, true, 0, 0 },
	{ "state", CCS_J_STRING, true, 1, 8 },
	{ "device_types", CCS_J_ARRAY, true, 0, 10 },
	{ "volume", CCS_J_INT, true, 0, 0 },
	{ "urgency", CCS_J_STRING, true, 1, 16 },
	{ "legal_basis", CCS_J_STRING, true, 1, 1000 },
	{ "incident_id", CCS_J_NULLINT, false, 0, 0 },
	{ "case_ref", CCS_J_NULLSTR, false, 0, 100 },
};
const size_t ccs_fx_request_nfields = sizeof(ccs_fx_request_fields) /
    sizeof(ccs_fx_request_fields[0]);

const struct ccs_jfield ccs_fx_move_fields[] = {
	{ "to", CCS_J_STRING, true, 1, 16 },
	{ "scheduled_for", CCS_J_NULLSTR, false, 0, 10 },
	{ "report", CCS_J_NULLSTR, false, 0, 20000 },
	{ "reason", CCS_J_NULLSTR, false, 0, 1000 },
};
const size_t ccs_fx_move_nfields = sizeof(ccs_fx_move_fields) /
    sizeof(ccs_fx_move_fields[0]);

#define REQ_COLS "r.id, r.lab_id, l.name AS lab_name, r.state_code AS " \
	"state, r.device_types, r.volume, r.urgency, r.legal_basis, " \
	"r.incident_id, r.case_ref, r.status, r.scheduled_for, r.report, " \
	"r.reason, r.created_by, r.created_at, r.updated_by, r.updated_at"
#define REQ_FROM "FROM forensic_requests r JOIN forensic_labs l ON l.id = " \
	"r.lab_id"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int
ccs_fx_request_readable(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, bool *ok, char state[3], int64_t *lab_id)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *r = NULL;
	bool staff = false;
	int rc;

	*ok = false;
	state[0] = '\0';
	*lab_id = 0;
	rc = ccs_db_query_one(db, "SELECT state_code, lab_id FROM "
	    "forensic_requests WHERE id = $1", &v, 1, &r);
	if (rc == CCS_ENOTFOUND)
		return CCS_OK;
	if (rc != CCS_OK)
		return rc;
	(void)ccs_strlcpy(state, jstr(r, "state_code"), 3);
	*lab_id = json_integer_value(json_object_get(r, "lab_id"));
	json_decref(r);
	if (ccs_policy_check(p, CCS_ACT_CUSTODY_READ, state) == CCS_OK) {
		*ok = true;
		return CCS_OK;
	}
	rc = ccs_fx_lab_staff(db, p, *lab_id, &staff);
	*ok = staff;
	return rc;
}

/* A row of a request as the API gives it: the incident link shown only
 * to who may follow it, the device types as an array. */
static int
present(struct ccs_db *db, const struct ccs_principal *p, json_t *row)
{
	json_t *inc = json_object_get(row, "incident_id");
	bool see = false;
	int rc = CCS_OK;

	if (json_is_integer(inc)) {
		rc = ccs_ref_readable(db, p, CCS_REF_INCIDENT,
		    json_integer_value(inc), &see);
		if (rc == CCS_OK && !see)
			rc = json_object_set_new(row, "incident_id",
			    json_null()) == 0 ? CCS_OK : CCS_ENOMEM;
	}
	if (rc == CCS_OK)
		rc = ccs_fx_unjson(row, "device_types");
	return rc;
}

/* The request @p id as the API gives it; no access check. */
static int
load(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	int rc;

	rc = ccs_db_query_one(db, "SELECT " REQ_COLS " " REQ_FROM " WHERE "
	    "r.id = $1", &v, 1, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no forensic request %lld",
		    (long long)id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = present(db, p, *out);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

static int
not_found(int64_t id, struct ccs_fail *f)
{
	return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no forensic request "
	    "%lld", (long long)id);
}

int
ccs_fx_request_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *state = jstr(body, "state");
	const json_t *inc = json_object_get(body, "incident_id");
	json_int_t vol = json_integer_value(json_object_get(body, "volume"));
	struct ccs_val lv = CCS_VINT(json_integer_value(json_object_get(body,
	    "lab_id")));
	char *devs = NULL;
	int64_t id = 0, n = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_FORENSIC_REQUEST, state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "state: a "
		    "state's NCPOC and CERT users ask for help for their own "
		    "state only");
	rc = ccs_state_known(db, state, "state", f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM forensic_labs WHERE "
	    "id = $1", &lv, 1, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_lab", "lab_id: no "
		    "forensic lab %lld", (long long)lv.i);
	if (vol < 1 || vol > 100000)
		return ccs_fail(f, CCS_EINVAL, "invalid_volume", "volume must "
		    "be 1-100000 devices or items");
	if (!ccs_vocab_has(&ccs_forensic_urgencies, jstr(body, "urgency")))
		return ccs_fail(f, CCS_EINVAL, "invalid_urgency", "urgency "
		    "must be routine, urgent or emergency");
	if (json_is_integer(inc)) {
		rc = ccs_ref_check(db, p, CCS_REF_INCIDENT,
		    json_integer_value(inc), "incident_id", f);
		if (rc != CCS_OK)
			return rc;
	} else if (jstr(body, "case_ref") == NULL ||
	    jstr(body, "case_ref")[0] == '\0')
		return ccs_fail(f, CCS_EINVAL, "case_required", "incident_id "
		    "or case_ref: name the incident or the case");
	rc = ccs_fx_words(json_object_get(body, "device_types"),
	    &ccs_forensic_devices, "device_types", "invalid_device_type", 10,
	    true, &devs, f);
	if (rc != CCS_OK)
		return rc;
	{
		struct ccs_named nv[] = {
			CCS_NAMED("lab", lv),
			CCS_NAMED("state", CCS_VTEXT(state)),
			CCS_NAMED("devs", CCS_VTEXT(devs)),
			CCS_NAMED("vol", CCS_VINT(vol)),
			CCS_NAMED("urg", CCS_VTEXT(jstr(body, "urgency"))),
			CCS_NAMED("basis", CCS_VTEXT(jstr(body,
			    "legal_basis"))),
			CCS_NAMED("inc", json_is_integer(inc) ? CCS_VINT(
			    json_integer_value(inc)) : CCS_VNULL),
			CCS_NAMED("case", CCS_VTEXT(jstr(body, "case_ref"))),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO "
		    "forensic_requests (lab_id, state_code, device_types, "
		    "volume, urgency, legal_basis, incident_id, case_ref, "
		    "status, created_by, created_at, updated_by, updated_at) "
		    "VALUES (:lab, :state, :devs, :vol, :urg, :basis, :inc, "
		    ":case, 'requested', :by, :now, :by, :now) RETURNING id",
		    nv, CCS_NNAMED(nv), &id);
	}
	free(devs);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "forensic_request.create",
		    "forensic_request", id, body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return load(db, p, id, out, f);
}

int
ccs_fx_request_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, int64_t now, json_t **out, struct ccs_fail *f)
{
	int64_t lab;
	char st[3];
	bool ok;
	int rc;

	*out = NULL;
	if (ccs_policy_check(p, CCS_ACT_LAB_READ, NULL) != CCS_OK)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in to see forensic requests");
	rc = ccs_fx_request_readable(db, p, id, &ok, st, &lab);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!ok)
		return not_found(id, f);
	rc = ccs_audit_record(db, p, "forensic_request.view",
	    "forensic_request", id, NULL, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return load(db, p, id, out, f);
}

static const struct ccs_keyset_col req_cols[] = {
	{ "created_at", "r.created_at", CCS_KEYSET_INT, true },
	{ "updated_at", "r.updated_at", CCS_KEYSET_INT, true },
	{ "status", "r.status", CCS_KEYSET_TEXT, false },
	{ "urgency", "r.urgency", CCS_KEYSET_TEXT, false },
	{ "state", "r.state_code", CCS_KEYSET_TEXT, false },
	{ "lab_name", "l.name", CCS_KEYSET_TEXT, false },
};

static const char *const req_text[] = {
	"l.name", "r.state_code", "r.urgency", "r.status", "r.legal_basis",
	"COALESCE(r.case_ref, '')", "r.device_types",
};

static const struct ccs_listq_csvcol req_csv[] = {
	{ "id", "id", false }, { "lab", "lab_name", false },
	{ "state", "state", false }, { "urgency", "urgency", false },
	{ "status", "status", false }, { "volume", "volume", false },
	{ "device_types", "device_types", false },
	{ "case_ref", "case_ref", false },
	{ "incident_id", "incident_id", false },
	{ "scheduled_for", "scheduled_for", false },
	{ "created_at", "created_at", true },
	{ "updated_at", "updated_at", true },
};

const struct ccs_listq_def ccs_fx_request_list_def = {
	.name = "forensic_requests", .select = "SELECT " REQ_COLS,
	.from = REQ_FROM " WHERE 1 = 1",
	.cols = req_cols, .ncols = sizeof(req_cols) / sizeof(req_cols[0]),
	.id_expr = "r.id", .text = req_text,
	.ntext = sizeof(req_text) / sizeof(req_text[0]),
	.date_expr = "r.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = req_csv, .ncsv = sizeof(req_csv) / sizeof(req_csv[0]),
};

static int
present_row(struct ccs_db *db, json_t *row, const void *ctx)
{
	return present(db, ctx, row);
}

int
ccs_fx_request_query(const struct ccs_principal *p,
    const struct ccs_fx_request_filter *flt, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	size_t n;
	int rc;

	*out = NULL;
	if (ccs_policy_check(p, CCS_ACT_LAB_READ, NULL) != CCS_OK)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in to see forensic requests");
	if (flt->state != NULL && !ccs_valid_iso2(flt->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	if (flt->status != NULL && !ccs_vocab_has(&ccs_forensic_statuses,
	    flt->status))
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be a word of forensic_statuses");
	rc = ccs_listq_new(&ccs_fx_request_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	/* who may read: the rule of ccs_fx_request_readable, as SQL */
	if (ccs_policy_check(p, CCS_ACT_CUSTODY_READ, NULL) != CCS_OK) {
		n = ccs_listq_param(lq, CCS_VINT(p->org_id));
		ccs_listq_where(lq, " AND (r.lab_id IN (SELECT id FROM "
		    "forensic_labs WHERE org_id = $%zu AND $%zu <> 0)", n, n);
		if (ccs_policy_check(p, CCS_ACT_CUSTODY_READ, p->state) ==
		    CCS_OK) {
			n = ccs_listq_param(lq, CCS_VTEXT(p->state));
			ccs_listq_where(lq, " OR r.state_code = $%zu", n);
		}
		ccs_listq_where(lq, ")");
	}
	if (flt->lab_id != 0)
		ccs_listq_eq(lq, "r.lab_id", CCS_VINT(flt->lab_id));
	ccs_listq_eq(lq, "r.state_code", CCS_VTEXT(flt->state));
	ccs_listq_eq(lq, "r.status", CCS_VTEXT(flt->status));
	ccs_listq_each(lq, present_row, p);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

static const char *const move_msgs[] = {
	[CCS_FMOVE_UNKNOWN] = "to must be a word of forensic_statuses",
	[CCS_FMOVE_INVALID] = "to: the request cannot move there from "
	    "its status",
	[CCS_FMOVE_PARTY] = "to: that step is the other party's",
	[CCS_FMOVE_NEEDS_DATE] = "scheduled_for: a date YYYY-MM-DD is "
	    "needed to schedule",
	[CCS_FMOVE_NEEDS_REPORT] = "report: a request closes with its report",
	[CCS_FMOVE_NEEDS_REASON] = "reason: say why",
};
static const char *const move_codes[] = {
	[CCS_FMOVE_UNKNOWN] = "invalid_status",
	[CCS_FMOVE_INVALID] = "invalid_transition",
	[CCS_FMOVE_PARTY] = "forbidden",
	[CCS_FMOVE_NEEDS_DATE] = "scheduled_for_required",
	[CCS_FMOVE_NEEDS_REPORT] = "report_required",
	[CCS_FMOVE_NEEDS_REASON] = "reason_required",
};

int
ccs_fx_request_move(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_forensic_step s;
	enum ccs_forensic_move m;
	enum ccs_forensic_party party;
	json_t *cur = NULL;
	const char *date = jstr(body, "scheduled_for");
	int64_t lab;
	char st[3];
	bool ok, staff = false;
	int rc;

	*out = NULL;
	if (ccs_policy_check(p, CCS_ACT_LAB_READ, NULL) != CCS_OK)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in to move forensic requests");
	rc = ccs_fx_request_readable(db, p, id, &ok, st, &lab);
	if (rc == CCS_OK && ok)
		rc = ccs_fx_lab_staff(db, p, lab, &staff);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!ok)
		return not_found(id, f);
	if (!staff && ccs_policy_check(p, CCS_ACT_FORENSIC_REQUEST, st) !=
	    CCS_OK)
		return ccs_fail(f, CCS_EPERM, "forbidden", "only the lab's "
		    "staff and the requesting state's NCPOC and CERT users "
		    "move a request");
	party = staff ? CCS_FORENSIC_LAB : CCS_FORENSIC_REQUESTER;
	rc = load(db, p, id, &cur, f);
	if (rc != CCS_OK)
		return rc;
	memset(&s, 0, sizeof(s));
	s.to = jstr(body, "to");
	s.has_date = date != NULL && ccs_valid_date(date);
	s.has_report = jstr(body, "report") != NULL &&
	    jstr(body, "report")[0] != '\0';
	s.has_reason = jstr(body, "reason") != NULL &&
	    jstr(body, "reason")[0] != '\0';
	m = ccs_forensic_move_check(jstr(cur, "status"), party, &s);
	if (m != CCS_FMOVE_OK) {
		json_decref(cur);
		return ccs_fail(f, m == CCS_FMOVE_PARTY ? CCS_EPERM :
		    m == CCS_FMOVE_INVALID ? CCS_ECONFLICT : CCS_EINVAL,
		    move_codes[m], "%s", move_msgs[m]);
	}
	json_decref(cur);
	{
		struct ccs_named nv[] = {
			CCS_NAMED("to", CCS_VTEXT(s.to)),
			CCS_NAMED("date", CCS_VTEXT(date)),
			CCS_NAMED("report", CCS_VTEXT(jstr(body, "report"))),
			CCS_NAMED("reason", CCS_VTEXT(jstr(body, "reason"))),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
			CCS_NAMED("id", CCS_VINT(id)),
		};

		rc = ccs_db_exec_named(db, "UPDATE forensic_requests SET "
		    "status = :to, scheduled_for = COALESCE(:date, "
		    "scheduled_for), report = COALESCE(:report, report), "
		    "reason = COALESCE(:reason, reason), updated_by = :by, "
		    "updated_at = :now WHERE id = :id", nv, CCS_NNAMED(nv),
		    NULL, NULL);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "forensic_request.move",
		    "forensic_request", id, body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return load(db, p, id, out, f);
}
