/*
 * moves.c: the moves of a 24/7 preservation request.
 *
 * The order of the checks is the order of what a user may learn: a
 * request the user may not open is a 404 (access.c); then the move must
 * exist from the current status (409 invalid_transition, whoever asks);
 * then it must be the user's side's (403); then the body's parts for
 * that move. Only then is anything written: the row (guarded by its
 * version, so two answers at once cannot both win), the history row and
 * the audit event. clock_at is recomputed by core/evidence24 on every
 * move, so the overdue lists never hold a stale deadline.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/evidence24/preservation.h"
#include "core/validate.h"
#include "svc/evidence24/access.h"
#include "svc/evidence24/moves.h"
#include "svc/evidence24/reads.h"
#include "svc/evidence24/requests.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

#define DAY	((int64_t)86400)

const struct ccs_jfield ccs_pres_move_fields[] = {
	{ "action", CCS_J_STRING, true, 1, 40 },
	{ "expires_on", CCS_J_STRING, false, 10, 10 },
	{ "reason", CCS_J_STRING, false, 1, 2000 },
	{ "note", CCS_J_STRING, false, 1, 2000 },
	{ "third_state", CCS_J_STRING, false, 2, 2 },
	{ "provider", CCS_J_STRING, false, 1, 300 },
	{ "provider_location", CCS_J_STRING, false, 1, 300 },
	{ "mla_reference", CCS_J_STRING, false, 1, 200 },
};
const size_t ccs_pres_move_nfields = sizeof(ccs_pres_move_fields) /
    sizeof(ccs_pres_move_fields[0]);

/* The columns a move sets besides status, clock and version. */
struct change {
	int64_t		 sent_at, ack_due_at, acknowledged_at, preserved_at;
	int64_t		 expires_at, disclosed_at, closed_at, mla_filed_at;
	int64_t		 renewals;	/* added to the count */
	const char	*requested_contact;	/* or NULL: unchanged */
	const char	*third_state, *disclosure_note, *outcome_reason;
	const char	*mla_reference;
	char		*owned;		/* freed after the write */
};

static const char update_sql[] =
	"UPDATE preservation_requests SET status = :status, "
	"clock_at = :clock, version = version + 1, updated_at = :now, "
	"sent_at = COALESCE(:sent, sent_at), "
	"ack_due_at = COALESCE(:ackdue, ack_due_at), "
	"acknowledged_at = COALESCE(acknowledged_at, :ack), "
	"preserved_at = COALESCE(preserved_at, :pres), "
	"expires_at = COALESCE(:exp, expires_at), "
	"renewals = renewals + :ren, "
	"disclosed_at = COALESCE(:disc, disclosed_at), "
	"closed_at = COALESCE(:closed, closed_at), "
	"mla_filed_at = COALESCE(:mla, mla_filed_at), "
	"requested_contact = COALESCE(:edcontact, requested_contact), "
	"third_state = COALESCE(:third, third_state), "
	"disclosure_note = COALESCE(:dnote, disclosure_note), "
	"outcome_reason = COALESCE(:outcome, outcome_reason), "
	"mla_reference = COALESCE(:mlaref, mla_reference) "
	"WHERE id = :id AND version = :ver RETURNING version";

static struct ccs_val
t_or_null(int64_t t)
{
	struct ccs_val v = CCS_VNULL;

	if (t > 0)
		v = CCS_VINT(t);
	return v;
}

static int
write_row(struct ccs_db *db, const struct ccs_pres_ref *ref,
    enum ccs_pres_status to, const struct change *c, int64_t now)
{
	int64_t exp = c->expires_at > 0 ? c->expires_at : ref->expires_at;
	int64_t ackdue = c->ack_due_at > 0 ? c->ack_due_at : ref->ack_due_at;
	int64_t clock = ccs_pres_clock(to, ackdue, exp), ver = 0;
	const struct ccs_named np[] = {
		CCS_NAMED("status", CCS_VTEXT(ccs_pres_status_name(to))),
		CCS_NAMED("clock", CCS_VINT(clock > 0 ? clock :
		    CCS_PRES_NO_CLOCK)),
		CCS_NAMED("now", CCS_VINT(now)),
		CCS_NAMED("sent", t_or_null(c->sent_at)),
		CCS_NAMED("ackdue", t_or_null(c->ack_due_at)),
		CCS_NAMED("ack", t_or_null(c->acknowledged_at)),
		CCS_NAMED("pres", t_or_null(c->preserved_at)),
		CCS_NAMED("exp", t_or_null(c->expires_at)),
		CCS_NAMED("ren", CCS_VINT(c->renewals)),
		CCS_NAMED("disc", t_or_null(c->disclosed_at)),
		CCS_NAMED("closed", t_or_null(c->closed_at)),
		CCS_NAMED("mla", t_or_null(c->mla_filed_at)),
		CCS_NAMED("edcontact", CCS_VTEXT(c->requested_contact)),
		CCS_NAMED("third", CCS_VTEXT(c->third_state)),
		CCS_NAMED("dnote", CCS_VTEXT(c->disclosure_note)),
		CCS_NAMED("outcome", CCS_VTEXT(c->outcome_reason)),
		CCS_NAMED("mlaref", CCS_VTEXT(c->mla_reference)),
		CCS_NAMED("id", CCS_VINT(ref->id)),
		CCS_NAMED("ver", CCS_VINT(ref->version)),
	};

	return ccs_db_query_int_named(db, update_sql, np, CCS_NNAMED(np),
	    &ver);
}

/* "expires_on" (a date: data kept through that day, UTC) or, when
 * @p dflt_days > 0 and the body has none, now + that many days. */
static int
expiry(const json_t *body, int64_t now, int64_t dflt_days, int64_t floor,
    int64_t *out, struct ccs_fail *f)
{
	const char *s = ccs_jstr(body, "expires_on");
	long long t;

	if (s == NULL && dflt_days > 0) {
		*out = now + dflt_days * DAY;
		return CCS_OK;
	}
	if (s == NULL)
		return ccs_fail(f, CCS_EINVAL, "expiry_required", "expires_on "
		    "is required: the date the data is kept until");
	if (!ccs_valid_date(s) || !ccs_parse_time(s, &t))
		return ccs_fail(f, CCS_EINVAL, "invalid_expiry", "expires_on "
		    "must be a date YYYY-MM-DD");
	*out = (int64_t)t + DAY - 1;
	if (*out < now + CCS_PRES_MIN_DAYS * DAY || *out <= floor)
		return ccs_fail(f, CCS_EINVAL, "expiry_too_soon", "expires_on "
		    "must be at least %d days from today (Budapest Convention "
		    "Art. 29(7))%s", CCS_PRES_MIN_DAYS, floor > 0 ? " and "
		    "after the current expiry" : "");
	if (!ccs_pres_expiry_ok(now, *out))
		return ccs_fail(f, CCS_EINVAL, "expiry_too_late", "expires_on "
		    "must be at most %d days from today; renew later instead",
		    CCS_PRES_MAX_DAYS);
	return CCS_OK;
}

/* Art. 30: the follow-on request to the third state, a draft of the
 * requesting state with this request's form and the provider found. */
static int
follow_on(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_pres_ref *ref, const json_t *body, int64_t now,
    int64_t *kid)
{
	struct ccs_val v = CCS_VINT(ref->id);
	json_t *row = NULL;
	char *contact = NULL;
	const char *loc = ccs_jstr(body, "provider_location");
	int rc;

	rc = ccs_db_query_one(db, "SELECT * FROM preservation_requests "
	    "WHERE id = $1", &v, 1, &row);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_pres_contact_of(db, ccs_jstr(body, "third_state"),
	    &contact);
	(void)json_object_set_new(row, "requested_state", json_string(
	    ccs_jstr(body, "third_state")));
	(void)json_object_set_new(row, "custodian", json_string(ccs_jstr(body,
	    "provider")));
	(void)json_object_set_new(row, "custodian_location", json_string(
	    loc != NULL ? loc : ccs_jstr(body, "third_state")));
	(void)json_object_set_new(row, "requested_contact", contact ?
	    json_string(contact) : json_null());
	if (rc == CCS_OK)
		rc = ccs_pres_insert(db, p, row, ref->id, now, kid);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "preservation.follow_on",
		    "preservation_request", *kid, row, now);
	free(contact);
	json_decref(row);
	return rc;
}

/* Checks the third state of an Art. 30 disclosure. */
static int
third_state(struct ccs_db *db, const struct ccs_pres_ref *ref,
    const json_t *body, struct ccs_fail *f)
{
	const char *t = ccs_jstr(body, "third_state");
	int rc;

	if (t == NULL)
		return ccs_fail(f, CCS_EINVAL, "third_state_required",
		    "third_state is required: the state where the provider "
		    "in the path was found (Art. 30)");
	if (!ccs_valid_iso2(t))
		return ccs_fail(f, CCS_EINVAL, "unknown_state", "third_state "
		    "must be a two-letter ISO code");
	rc = ccs_state_known(db, t, "third_state", f);
	if (rc != CCS_OK)
		return rc;
	if (strcmp(t, ref->requesting) == 0 || strcmp(t, ref->requested) == 0)
		return ccs_fail(f, CCS_EINVAL, "third_state_is_party",
		    "third_state must be a state other than the two of this "
		    "request");
	if (ccs_jstr(body, "provider") == NULL)
		return ccs_fail(f, CCS_EINVAL, "provider_required", "provider "
		    "is required: the service provider found in %s", t);
	return CCS_OK;
}

/* Fills @p c for @p act from @p body; refuses missing parts. */
static int
prepare(struct ccs_db *db, const struct ccs_pres_ref *ref,
    enum ccs_pres_action act, const json_t *body, int64_t now,
    struct change *c, struct ccs_fail *f)
{
	int64_t period = 0;
	int rc = CCS_OK;

	switch (act) {
	case CCS_PRES_SEND:
		rc = ccs_pres_contact_of(db, ref->requested, &c->owned);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (c->owned == NULL)
			return ccs_fail(f, CCS_ECONFLICT, "no_24x7_contact",
			    "the directory has no 24/7 e-evidence contact for "
			    "%s; add one before sending", ref->requested);
		c->requested_contact = c->owned;
		c->sent_at = now;
		c->ack_due_at = now + ccs_pres_ack_window(ref->emergency);
		break;
	case CCS_PRES_ACKNOWLEDGE:
		c->acknowledged_at = now;
		break;
	case CCS_PRES_PRESERVE:
		rc = ccs_db_query_int(db, "SELECT period_days FROM "
		    "preservation_requests WHERE id = $1", &CCS_VINT(ref->id),
		    1, &period);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		c->acknowledged_at = c->preserved_at = now;
		rc = expiry(body, now, period, 0, &c->expires_at, f);
		break;
	case CCS_PRES_RENEW:
		c->renewals = 1;
		rc = expiry(body, now, 0, ref->expires_at, &c->expires_at, f);
		break;
	case CCS_PRES_DISCLOSE_PARTLY:
		rc = third_state(db, ref, body, f);
		c->disclosed_at = now;
		c->third_state = ccs_jstr(body, "third_state");
		c->disclosure_note = ccs_jstr(body, "note");
		break;
	case CCS_PRES_FULFIL:
		c->closed_at = now;
		break;
	case CCS_PRES_REFUSE:
		c->outcome_reason = ccs_jstr(body, "reason");
		c->closed_at = now;
		if (c->outcome_reason == NULL)
			rc = ccs_fail(f, CCS_EINVAL, "reason_required",
			    "reason is required to refuse a request");
		break;
	case CCS_PRES_EXPIRE:
		c->closed_at = now;
		if (ccs_pres_due_at(ref->status, ref->ack_due_at,
		    ref->expires_at, now) != CCS_PRES_DUE_LAPSED)
			rc = ccs_fail(f, CCS_ECONFLICT, "not_expired", "the "
			    "preservation has not reached its expiry yet");
		break;
	case CCS_PRES_WITHDRAW:
		c->outcome_reason = ccs_jstr(body, "reason");
		c->closed_at = now;
		break;
	case CCS_PRES_RECORD_MLA:
		c->mla_reference = ccs_jstr(body, "mla_reference");
		c->mla_filed_at = now;
		if (c->mla_reference == NULL)
			rc = ccs_fail(f, CCS_EINVAL, "mla_reference_required",
			    "mla_reference is required: the reference of the "
			    "mutual legal assistance request");
		break;
	}
	return rc;
}

static int
event(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    enum ccs_pres_action act, enum ccs_pres_status from,
    enum ccs_pres_status to, const char *note, int64_t now)
{
	const struct ccs_named np[] = {
		CCS_NAMED("id", CCS_VINT(id)),
		CCS_NAMED("act", CCS_VTEXT(ccs_pres_action_name(act))),
		CCS_NAMED("from", CCS_VTEXT(ccs_pres_status_name(from))),
		CCS_NAMED("to", CCS_VTEXT(ccs_pres_status_name(to))),
		CCS_NAMED("note", CCS_VTEXT(note ? note : "")),
		CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	return ccs_db_exec_named(db, "INSERT INTO preservation_events "
	    "(request_id, action, from_status, to_status, note, created_by, "
	    "created_at) VALUES (:id, :act, :from, :to, :note, :by, :now)",
	    np, CCS_NNAMED(np), NULL, NULL);
}

/* The note of the history row: the reason, note or reference given. */
static const char *
note_of(const json_t *body)
{
	const char *k[] = { "reason", "note", "mla_reference", "expires_on" };
	size_t i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (ccs_jstr(body, k[i]) != NULL)
			return ccs_jstr(body, k[i]);
	return NULL;
}

int
ccs_pres_move_apply(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_pres_ref ref;
	struct change c;
	enum ccs_pres_action act;
	enum ccs_pres_status to;
	enum ccs_pres_side side;
	char aname[64];
	int64_t kid = 0;
	int rc;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	rc = ccs_pres_load(db, p, id, &ref, f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_pres_action_parse(ccs_jstr(body, "action"), &act))
		return ccs_fail(f, CCS_EINVAL, "invalid_action", "action must "
		    "be one of send, acknowledge, preserve, renew, "
		    "disclose_partly, fulfil, refuse, expire, withdraw, "
		    "record_mla");
	if (!ccs_pres_move(ref.status, act, &to, &side))
		return ccs_fail(f, CCS_ECONFLICT, "invalid_transition", "a "
		    "%s request cannot %s", ccs_pres_status_name(ref.status),
		    ccs_pres_action_name(act));
	if (!ccs_pres_may_act(p, &ref, side))
		return ccs_fail(f, CCS_EPERM, "forbidden", "only the %s "
		    "state's NCPOC may %s this request", side ==
		    CCS_PRES_REQUESTING ? "requesting" : "requested",
		    ccs_pres_action_name(act));
	rc = prepare(db, &ref, act, body, now, &c, f);
	if (rc != CCS_OK)
		goto out;
	rc = write_row(db, &ref, to, &c, now);
	if (rc == CCS_ENOTFOUND) {
		rc = ccs_fail(f, CCS_ECONFLICT, "stale", "the request changed "
		    "while you were answering it; reload and try again");
		goto out;
	}
	if (rc == CCS_OK && act == CCS_PRES_DISCLOSE_PARTLY)
		rc = follow_on(db, p, &ref, body, now, &kid);
	if (rc == CCS_OK)
		rc = event(db, p, id, act, ref.status, to, note_of(body), now);
	if (rc == CCS_OK && ccs_snprintf(aname, sizeof(aname),
	    "preservation.%s", ccs_pres_action_name(act)) != CCS_OK)
		rc = CCS_ENOMEM;
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, aname, "preservation_request", id,
		    body, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_pres_get(db, p, id, now, false, "json", out, f);
	/* the follow-on is named only to those who may open it */
	if (rc == CCS_OK && kid > 0 && ccs_pres_may_read(p, ref.requesting,
	    ccs_jstr(body, "third_state")))
		(void)json_object_set_new(*out, "follow_on_id",
		    json_integer(kid));
out:
	free(c.owned);
	return rc;
}
