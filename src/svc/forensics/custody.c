/*
 * custody.c: evidence items and their custody log (see custody.h).
 *
 * One decision of who reads an item (item_access), used by every path
 * that names one; a caller who may not read it gets the missing item's
 * 404 before anything else is checked. A hand-over reads the last entry,
 * computes the new entry's hash from it (core/forensics/custody.c) and
 * inserts it, moves the holder and records the audit event, all in the
 * request's one transaction; UNIQUE (item_id, seq) refuses a second
 * hand-over racing for the same place.
 */
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/forensics/custody.h"
#include "svc/forensics/requests.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_evidence_item_fields[] = {
	{ "state", CCS_J_STRING, true, 1, 8 },
	{ "kind", CCS_J_STRING, true, 1, 32 },
	{ "description", CCS_J_STRING, true, 1, 2000 },
	{ "copy", CCS_J_STRING, true, 1, 16 },
	{ "parent_id", CCS_J_NULLINT, false, 0, 0 },
	{ "seal", CCS_J_STRING, true, 1, 100 },
	{ "sha256", CCS_J_STRING, true, 1, 100 },
	{ "acquired_at", CCS_J_STRING, true, 1, 40 },
	{ "place", CCS_J_STRING, true, 1, 300 },
	{ "request_id", CCS_J_NULLINT, false, 0, 0 },
};
const size_t ccs_evidence_item_nfields = sizeof(ccs_evidence_item_fields) /
    sizeof(ccs_evidence_item_fields[0]);

const struct ccs_jfield ccs_handover_fields[] = {
	{ "receiver", CCS_J_STRING, true, 1, 64 },
	{ "at", CCS_J_STRING, true, 1, 40 },
	{ "place", CCS_J_STRING, true, 1, 300 },
	{ "reason", CCS_J_STRING, true, 1, 1000 },
	{ "seal", CCS_J_STRING, true, 1, 100 },
	{ "sha256", CCS_J_STRING, true, 1, 100 },
	{ "courier", CCS_J_NULLSTR, false, 0, 300 },
	{ "from_state", CCS_J_NULLSTR, false, 0, 8 },
	{ "to_state", CCS_J_NULLSTR, false, 0, 8 },
};
const size_t ccs_handover_nfields = sizeof(ccs_handover_fields) /
    sizeof(ccs_handover_fields[0]);

#define ITEM_COLS "e.id, e.state_code AS state, e.request_id, e.lab_id, " \
	"e.kind, e.description, e.copy, e.parent_id, e.seal, e.sha256, " \
	"e.acquired_at, e.holder_id, u.login AS holder, e.created_by, " \
	"e.created_at"

#define LINK_COLS "seq, giver, receiver, at, place, reason, seal, sha256, " \
	"hash_ok, courier, from_state, to_state, prev_hash, entry_hash"

/* 25 hours of clock skew between a hand-over's place and the server */
#define FUTURE_SLACK	90000

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static int
not_found(int64_t id, struct ccs_fail *f)
{
	return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no evidence item %lld",
	    (long long)id);
}

/*
 * Loads item @p id into *item (new) when @p p may read it: the owning
 * state's NCPOC and CERT users and the RIFC (custody_read), the holder,
 * the staff of the lab working it. Otherwise, and when missing, 404.
 */
static int
item_access(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **item, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	bool staff = false;
	int rc;

	*item = NULL;
	if (ccs_policy_check(p, CCS_ACT_LAB_READ, NULL) != CCS_OK)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in to see evidence items");
	rc = ccs_db_query_one(db, "SELECT " ITEM_COLS " FROM evidence_items e "
	    "JOIN users u ON u.id = e.holder_id WHERE e.id = $1", &v, 1,
	    item);
	if (rc == CCS_ENOTFOUND)
		return not_found(id, f);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (ccs_policy_check(p, CCS_ACT_CUSTODY_READ, jstr(*item, "state")) ==
	    CCS_OK || (!p->system && jint(*item, "holder_id") == p->user_id))
		return CCS_OK;
	rc = ccs_fx_lab_staff(db, p, jint(*item, "lab_id"), &staff);
	if (rc == CCS_OK && staff)
		return CCS_OK;
	json_decref(*item);
	*item = NULL;
	return rc != CCS_OK ? ccs_dbfail(f, db, rc) : not_found(id, f);
}

/* The chain facts of stored item @p it. */
static void
item_facts(const json_t *it, struct ccs_custody_item *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->id = jint(it, "id");
	ci->state = jstr(it, "state");
	ci->kind = jstr(it, "kind");
	ci->copy = jstr(it, "copy");
	ci->seal = jstr(it, "seal");
	ci->sha256 = jstr(it, "sha256");
	ci->acquired_at = jint(it, "acquired_at");
}

/* A time field: RFC 3339, not after now (with slack). */
static int
time_field(const json_t *body, const char *k, int64_t now, int64_t *out,
    struct ccs_fail *f)
{
	long long t;

	if (!ccs_parse_time(jstr(body, k), &t))
		return ccs_fail(f, CCS_EINVAL, "invalid_time", "%s must be a "
		    "time such as 2026-11-20T14:05:00-04:00", k);
	if (t > now + FUTURE_SLACK)
		return ccs_fail(f, CCS_EINVAL, "invalid_time", "%s is in the "
		    "future", k);
	*out = (int64_t)t;
	return CCS_OK;
}

static int
sha_field(const json_t *body, char out[CCS_CUSTODY_HEX_LEN],
    struct ccs_fail *f)
{
	if (!ccs_custody_sha_valid(jstr(body, "sha256")))
		return ccs_fail(f, CCS_EINVAL, "invalid_sha256", "sha256 must "
		    "be 64 hexadecimal digits");
	ccs_custody_sha_lower(jstr(body, "sha256"), out);
	return CCS_OK;
}

/* Inserts entry @p l of item @p item_id; the hash is computed here. */
static int
insert_link(struct ccs_db *db, int64_t item_id, struct ccs_custody_link *l,
    int64_t giver_id, int64_t receiver_id, bool ok, int64_t now,
    char hash[CCS_CUSTODY_HEX_LEN])
{
	ccs_custody_hash(l, hash);
	l->entry_hash = hash;
	{
		struct ccs_named nv[] = {
			CCS_NAMED("item", CCS_VINT(item_id)),
			CCS_NAMED("seq", CCS_VINT(l->seq)),
			CCS_NAMED("gid", giver_id != 0 ? CCS_VINT(giver_id) :
			    CCS_VNULL),
			CCS_NAMED("giver", CCS_VTEXT(l->giver)),
			CCS_NAMED("rid", CCS_VINT(receiver_id)),
			CCS_NAMED("receiver", CCS_VTEXT(l->receiver)),
			CCS_NAMED("at", CCS_VINT(l->at)),
			CCS_NAMED("place", CCS_VTEXT(l->place)),
			CCS_NAMED("reason", CCS_VTEXT(l->reason)),
			CCS_NAMED("seal", CCS_VTEXT(l->seal)),
			CCS_NAMED("sha", CCS_VTEXT(l->sha256)),
			CCS_NAMED("ok", CCS_VINT(ok ? 1 : 0)),
			CCS_NAMED("courier", CCS_VTEXT(l->courier)),
			CCS_NAMED("fs", CCS_VTEXT(l->from_state)),
			CCS_NAMED("ts", CCS_VTEXT(l->to_state)),
			CCS_NAMED("prev", CCS_VTEXT(l->prev_hash)),
			CCS_NAMED("hash", CCS_VTEXT(hash)),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		return ccs_db_exec_named(db, "INSERT INTO custody_events "
		    "(item_id, seq, giver_id, giver, receiver_id, receiver, "
		    "at, place, reason, seal, sha256, hash_ok, courier, "
		    "from_state, to_state, prev_hash, entry_hash, recorded_at) "
		    "VALUES "
		    "(:item, :seq, :gid, :giver, :rid, :receiver, :at, :place, "
		    ":reason, :seal, :sha, :ok, :courier, :fs, :ts, :prev, "
		    ":hash, :now)", nv, CCS_NNAMED(nv), NULL, NULL);
	}
}

/* Checks the references of a new item: request, parent. */
static int
item_refs(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t *lab_id, struct ccs_fail *f)
{
	const json_t *req = json_object_get(body, "request_id");
	const json_t *par = json_object_get(body, "parent_id");
	const char *state = jstr(body, "state");
	json_t *pi = NULL;
	int64_t lab = 0;
	bool ok = false, staff = false;
	char st[3];
	int rc;

	*lab_id = 0;
	if (json_is_integer(req)) {
		rc = ccs_fx_request_readable(db, p, json_integer_value(req),
		    &ok, st, &lab);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (!ok || strcmp(st, state) != 0)
			return ccs_fail(f, CCS_EINVAL, "unknown_request",
			    "request_id: no forensic request %lld of %s that "
			    "you may read", (long long)json_integer_value(req),
			    state);
		*lab_id = lab;
		rc = ccs_fx_lab_staff(db, p, lab, &staff);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	if (!staff && ccs_policy_check(p, CCS_ACT_FORENSIC_REQUEST, state) !=
	    CCS_OK)
		return ccs_fail(f, CCS_EPERM, "forbidden", "state: evidence of "
		    "%s is recorded by its NCPOC and CERT users, or by the "
		    "staff of the lab working its request", state);
	if (json_is_integer(par)) {
		struct ccs_fail pf = { 0, NULL, "" };

		rc = item_access(db, p, json_integer_value(par), &pi, &pf);
		if (rc == CCS_OK && strcmp(jstr(pi, "state"), state) != 0)
			rc = CCS_ENOTFOUND;
		json_decref(pi);
		if (rc == CCS_ENOTFOUND || rc == CCS_EAUTH)
			return ccs_fail(f, CCS_EINVAL, "unknown_item",
			    "parent_id: no evidence item %lld of %s that you "
			    "may read", (long long)json_integer_value(par),
			    state);
		if (rc != CCS_OK) {
			*f = pf;
			return rc;
		}
	} else if (!ccs_streq(jstr(body, "copy"), "original"))
		return ccs_fail(f, CCS_EINVAL, "parent_required", "parent_id: "
		    "a working copy or a derived item names the item it "
		    "comes from");
	return CCS_OK;
}

/* Adds "verification" (the whole chain checked) to @p item. */
static int
add_verification(struct ccs_db *db, json_t *item)
{
	struct ccs_custody_report rep;
	int rc;

	rc = ccs_custody_check(db, jint(item, "id"), &rep);
	if (rc != CCS_OK)
		return rc;
	if (json_object_set_new(item, "verification", json_pack("{s:b, s:I, "
	    "s:o, s:s?, s:I, s:o}", "intact", rep.intact, "entries",
	    (json_int_t)rep.links, "broken_seq", rep.broken_seq >= 0 ?
	    json_integer(rep.broken_seq) : json_null(), "reason", rep.intact ?
	    NULL : rep.reason, "mismatches", (json_int_t)rep.mismatches,
	    "first_mismatch", rep.first_mismatch >= 0 ? json_integer(
	    rep.first_mismatch) : json_null())) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* Item @p id as the API gives it; @p view: record the view. */
static int
item_read(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    bool view, int64_t now, json_t **out, struct ccs_fail *f)
{
	json_t *it = NULL;
	int rc;

	*out = NULL;
	rc = item_access(db, p, id, &it, f);
	if (rc != CCS_OK)
		return rc;
	rc = add_verification(db, it);
	if (rc == CCS_OK && json_object_set_new(it, "you_hold",
	    json_boolean(!p->system && jint(it, "holder_id") ==
	    p->user_id)) != 0)
		rc = CCS_ENOMEM;
	if (rc == CCS_OK && view)
		rc = ccs_audit_record(db, p, "evidence_item.view",
		    "evidence_item", id, NULL, now);
	if (rc != CCS_OK) {
		json_decref(it);
		return ccs_dbfail(f, db, rc);
	}
	*out = it;
	return CCS_OK;
}

int
ccs_evidence_item_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	struct ccs_custody_item ci;
	struct ccs_custody_link l;
	char sha[CCS_CUSTODY_HEX_LEN], gen[CCS_CUSTODY_HEX_LEN];
	char hash[CCS_CUSTODY_HEX_LEN];
	const char *state = jstr(body, "state");
	int64_t at = 0, id = 0, lab = 0;
	int rc;

	*out = NULL;
	if (ccs_policy_check(p, CCS_ACT_LAB_READ, NULL) != CCS_OK ||
	    p->system)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in to record evidence");
	rc = ccs_state_known(db, state, "state", f);
	if (rc != CCS_OK)
		return rc;
	if (!ccs_vocab_has(&ccs_evidence_kinds, jstr(body, "kind")))
		return ccs_fail(f, CCS_EINVAL, "invalid_kind", "kind must be a "
		    "word of evidence_kinds (GET /api/v1/vocabularies)");
	if (!ccs_vocab_has(&ccs_evidence_copies, jstr(body, "copy")))
		return ccs_fail(f, CCS_EINVAL, "invalid_copy", "copy must be "
		    "original, working_copy or derived");
	rc = item_refs(db, p, body, &lab, f);
	if (rc != CCS_OK)
		return rc;
	rc = sha_field(body, sha, f);
	if (rc == CCS_OK)
		rc = time_field(body, "acquired_at", now, &at, f);
	if (rc != CCS_OK)
		return rc;
	{
		const json_t *par = json_object_get(body, "parent_id");
		const json_t *req = json_object_get(body, "request_id");
		struct ccs_named nv[] = {
			CCS_NAMED("state", CCS_VTEXT(state)),
			CCS_NAMED("req", json_is_integer(req) ? CCS_VINT(
			    json_integer_value(req)) : CCS_VNULL),
			CCS_NAMED("lab", lab != 0 ? CCS_VINT(lab) : CCS_VNULL),
			CCS_NAMED("kind", CCS_VTEXT(jstr(body, "kind"))),
			CCS_NAMED("desc", CCS_VTEXT(jstr(body, "description"))),
			CCS_NAMED("copy", CCS_VTEXT(jstr(body, "copy"))),
			CCS_NAMED("par", json_is_integer(par) ? CCS_VINT(
			    json_integer_value(par)) : CCS_VNULL),
			CCS_NAMED("seal", CCS_VTEXT(jstr(body, "seal"))),
			CCS_NAMED("sha", CCS_VTEXT(sha)),
			CCS_NAMED("at", CCS_VINT(at)),
			CCS_NAMED("holder", CCS_VINT(p->user_id)),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO evidence_items "
		    "(state_code, request_id, lab_id, kind, description, copy, "
		    "parent_id, seal, sha256, acquired_at, holder_id, "
		    "created_by, created_at) VALUES (:state, :req, :lab, "
		    ":kind, :desc, :copy, :par, :seal, :sha, :at, :holder, "
		    ":by, :now) RETURNING id", nv, CCS_NNAMED(nv), &id);
	}
	memset(&ci, 0, sizeof(ci));
	ci.id = id;
	ci.state = state;
	ci.kind = jstr(body, "kind");
	ci.copy = jstr(body, "copy");
	ci.seal = jstr(body, "seal");
	ci.sha256 = sha;
	ci.acquired_at = at;
	ccs_custody_genesis(&ci, gen);
	memset(&l, 0, sizeof(l));
	l.seq = 0;
	l.giver = "";
	l.receiver = p->login;
	l.at = at;
	l.place = jstr(body, "place");
	l.reason = "acquisition";
	l.seal = jstr(body, "seal");
	l.sha256 = sha;
	l.courier = "";
	l.from_state = "";
	l.to_state = "";
	l.prev_hash = gen;
	if (rc == CCS_OK)
		rc = insert_link(db, id, &l, 0, p->user_id, true, now, hash);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "evidence_item.create",
		    "evidence_item", id, body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return item_read(db, p, id, false, now, out, f);
}

int
ccs_evidence_item_get(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, int64_t now, json_t **out, struct ccs_fail *f)
{
	return item_read(db, p, id, true, now, out, f);
}

#define ITEM_LIST_FROM "FROM evidence_items e JOIN users u ON u.id = " \
	"e.holder_id"
#define ITEM_MISMATCHES "(SELECT COUNT(*) FROM custody_events c WHERE " \
	"c.item_id = e.id AND c.hash_ok = 0)"

static const struct ccs_keyset_col item_cols[] = {
	{ "acquired_at", "e.acquired_at", CCS_KEYSET_INT, true },
	{ "created_at", "e.created_at", CCS_KEYSET_INT, true },
	{ "state", "e.state_code", CCS_KEYSET_TEXT, false },
	{ "kind", "e.kind", CCS_KEYSET_TEXT, false },
	{ "seal", "e.seal", CCS_KEYSET_TEXT, false },
	{ "holder", "u.login", CCS_KEYSET_TEXT, false },
	{ "mismatches", ITEM_MISMATCHES, CCS_KEYSET_INT, true },
};

static const char *const item_text[] = {
	"e.description", "e.seal", "e.kind", "e.state_code", "u.login",
	"e.sha256",
};

static const struct ccs_listq_csvcol item_csv[] = {
	{ "id", "id", false }, { "state", "state", false },
	{ "kind", "kind", false }, { "copy", "copy", false },
	{ "description", "description", false }, { "seal", "seal", false },
	{ "sha256", "sha256", false }, { "holder", "holder", false },
	{ "hash_mismatches", "mismatches", false },
	{ "request_id", "request_id", false }, { "lab_id", "lab_id", false },
	{ "parent_id", "parent_id", false },
	{ "acquired_at", "acquired_at", true },
	{ "created_at", "created_at", true },
};

const struct ccs_listq_def ccs_evidence_item_list_def = {
	.name = "evidence_items",
	.select = "SELECT " ITEM_COLS ", " ITEM_MISMATCHES " AS mismatches",
	.from = ITEM_LIST_FROM " WHERE 1 = 1",
	.cols = item_cols, .ncols = sizeof(item_cols) / sizeof(item_cols[0]),
	.id_expr = "e.id", .text = item_text,
	.ntext = sizeof(item_text) / sizeof(item_text[0]),
	.date_expr = "e.acquired_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = item_csv, .ncsv = sizeof(item_csv) / sizeof(item_csv[0]),
};

int
ccs_evidence_item_query(const struct ccs_principal *p,
    const struct ccs_evidence_filter *flt, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	size_t n, m;
	int rc;

	*out = NULL;
	if (ccs_policy_check(p, CCS_ACT_LAB_READ, NULL) != CCS_OK)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in to see evidence items");
	if (flt->state != NULL && !ccs_valid_iso2(flt->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	if (flt->kind != NULL && !ccs_vocab_has(&ccs_evidence_kinds,
	    flt->kind))
		return ccs_fail(f, CCS_EINVAL, "invalid_kind", "kind must be a "
		    "word of evidence_kinds (GET /api/v1/vocabularies)");
	rc = ccs_listq_new(&ccs_evidence_item_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	/* item_access as SQL: one clause for the total, a page, the CSV */
	if (ccs_policy_check(p, CCS_ACT_CUSTODY_READ, NULL) != CCS_OK) {
		n = ccs_listq_param(lq, CCS_VINT(p->user_id));
		m = ccs_listq_param(lq, CCS_VINT(p->org_id));
		ccs_listq_where(lq, " AND (e.holder_id = $%zu OR e.lab_id IN "
		    "(SELECT id FROM forensic_labs WHERE org_id = $%zu AND "
		    "$%zu <> 0)", n, m, m);
		if (ccs_policy_check(p, CCS_ACT_CUSTODY_READ, p->state) ==
		    CCS_OK) {
			n = ccs_listq_param(lq, CCS_VTEXT(p->state));
			ccs_listq_where(lq, " OR e.state_code = $%zu", n);
		}
		ccs_listq_where(lq, ")");
	}
	ccs_listq_eq(lq, "e.state_code", CCS_VTEXT(flt->state));
	ccs_listq_eq(lq, "e.kind", CCS_VTEXT(flt->kind));
	if (flt->lab_id != 0)
		ccs_listq_eq(lq, "e.lab_id", CCS_VINT(flt->lab_id));
	if (flt->request_id != 0)
		ccs_listq_eq(lq, "e.request_id", CCS_VINT(flt->request_id));
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

/* Checks the jurisdiction fields of a hand-over: both or neither, known
 * and different states, and then a courier. */
static int
transfer_fields(struct ccs_db *db, const json_t *body, struct ccs_fail *f)
{
	const char *fs = jstr(body, "from_state"), *ts = jstr(body,
	    "to_state"), *c = jstr(body, "courier");
	int rc;

	if (fs == NULL && ts == NULL)
		return CCS_OK;
	if (fs == NULL || ts == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_transfer", "%s: a "
		    "transfer between jurisdictions names both from_state and "
		    "to_state", fs == NULL ? "from_state" : "to_state");
	rc = ccs_state_known(db, fs, "from_state", f);
	if (rc == CCS_OK)
		rc = ccs_state_known(db, ts, "to_state", f);
	if (rc != CCS_OK)
		return rc;
	if (strcmp(fs, ts) == 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_transfer", "to_state: "
		    "a transfer between jurisdictions goes to another state");
	if (c == NULL || c[0] == '\0')
		return ccs_fail(f, CCS_EINVAL, "courier_required", "courier: "
		    "a transfer between jurisdictions names its courier");
	return CCS_OK;
}

int
ccs_custody_handover(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_custody_link l;
	struct ccs_val v[2];
	json_t *it = NULL, *last = NULL, *rcv = NULL;
	char sha[CCS_CUSTODY_HEX_LEN], hash[CCS_CUSTODY_HEX_LEN];
	int64_t at = 0;
	bool ok;
	int rc;

	*out = NULL;
	rc = item_access(db, p, id, &it, f);
	if (rc != CCS_OK)
		return rc;
	if (p->system || jint(it, "holder_id") != p->user_id) {
		rc = ccs_fail(f, CCS_EPERM, "not_holder", "only who holds the "
		    "item hands it over; it is held by %s", jstr(it,
		    "holder"));
		goto out;
	}
	rc = sha_field(body, sha, f);
	if (rc == CCS_OK)
		rc = time_field(body, "at", now, &at, f);
	if (rc == CCS_OK)
		rc = transfer_fields(db, body, f);
	if (rc != CCS_OK)
		goto out;
	v[0] = CCS_VTEXT(jstr(body, "receiver"));
	rc = ccs_db_query_one(db, "SELECT id, login FROM users WHERE login = "
	    "$1 AND disabled = 0", v, 1, &rcv);
	if (rc == CCS_ENOTFOUND) {
		rc = ccs_fail(f, CCS_EINVAL, "unknown_receiver", "receiver: no "
		    "active account with that login");
		goto out;
	}
	if (rc == CCS_OK && jint(rcv, "id") == p->user_id) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_receiver", "receiver: "
		    "you hold the item already");
		goto out;
	}
	v[0] = CCS_VINT(id);
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, "SELECT seq, at, entry_hash FROM "
		    "custody_events WHERE item_id = $1 ORDER BY seq DESC LIMIT "
		    "1", v, 1, &last);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	if (at < jint(last, "at")) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_time", "at is before the "
		    "entry before it");
		goto out;
	}
	memset(&l, 0, sizeof(l));
	l.seq = jint(last, "seq") + 1;
	l.giver = p->login;
	l.receiver = jstr(rcv, "login");
	l.at = at;
	l.place = jstr(body, "place");
	l.reason = jstr(body, "reason");
	l.seal = jstr(body, "seal");
	l.sha256 = sha;
	l.courier = jstr(body, "courier") ? jstr(body, "courier") : "";
	l.from_state = jstr(body, "from_state") ? jstr(body, "from_state") :
	    "";
	l.to_state = jstr(body, "to_state") ? jstr(body, "to_state") : "";
	l.prev_hash = jstr(last, "entry_hash");
	ok = strcmp(sha, jstr(it, "sha256")) == 0;
	rc = insert_link(db, id, &l, p->user_id, jint(rcv, "id"), ok, now,
	    hash);
	if (rc == CCS_ECONFLICT) {
		/* another hand-over of the item took this place first */
		rc = ccs_fail(f, rc, "handover_conflict", "the item was handed "
		    "over meanwhile; reload it");
		goto out;
	}
	v[0] = CCS_VINT(jint(rcv, "id"));
	v[1] = CCS_VINT(id);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "UPDATE evidence_items SET holder_id = $1 "
		    "WHERE id = $2", v, 2, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "evidence_item.handover",
		    "evidence_item", id, body, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	*out = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:s, "
	    "s:s, s:s, s:s}", "seq", (json_int_t)l.seq, "giver", l.giver,
	    "receiver", l.receiver, "at", (json_int_t)l.at, "place", l.place,
	    "reason", l.reason, "seal", l.seal, "sha256", l.sha256,
	    "hash_ok", ok, "courier", l.courier, "from_state", l.from_state,
	    "to_state", l.to_state, "entry_hash", hash);
	if (*out == NULL)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
out:
	json_decref(it);
	json_decref(last);
	json_decref(rcv);
	return rc;
}

int
ccs_custody_log(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    const struct ccs_fx_page *pg, bool all, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v[3];
	json_t *it = NULL, *rows = NULL, *r, *page;
	int64_t total = 0;
	size_t i;
	int rc;

	*out = NULL;
	rc = item_access(db, p, id, &it, f);
	if (rc != CCS_OK)
		return rc;
	v[0] = CCS_VINT(id);
	v[1] = CCS_VINT(all ? 0 : pg->after);
	v[2] = CCS_VINT(all ? INT64_MAX / 2 : pg->limit + 1);
	rc = add_verification(db, it);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM custody_events "
		    "WHERE item_id = $1", v, 1, &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT " LINK_COLS " FROM "
		    "custody_events WHERE item_id = $1 AND seq >= $2 ORDER BY "
		    "seq LIMIT $3", v, 3, &rows);
	json_array_foreach(rows, i, r) {
		if (rc == CCS_OK && (json_object_set_new(r, "id",
		    json_integer(jint(r, "seq") + 1)) != 0 ||
		    json_object_set_new(r, "hash_ok", json_boolean(jint(r,
		    "hash_ok") != 0)) != 0))
			rc = CCS_ENOMEM;
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, all ? "custody.export" :
		    "custody.view", "evidence_item", id, NULL, now);
	if (rc != CCS_OK) {
		json_decref(it);
		json_decref(rows);
		return ccs_dbfail(f, db, rc);
	}
	/* the cursor is the next seq to send: "id" is seq + 1 */
	page = ccs_fx_page(rows, all ? INT64_MAX / 2 : pg->limit, total);
	json_array_foreach(json_object_get(page, "items"), i, r)
		(void)json_object_del(r, "id");
	if (page == NULL || json_object_set_new(page, "item", it) != 0) {
		json_decref(page);
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	if (json_object_set(page, "verification", json_object_get(it,
	    "verification")) != 0) {
		json_decref(page);
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	*out = page;
	return CCS_OK;
}

/* Streaming state of ccs_custody_check. */
struct walk_arg {
	struct ccs_custody_walk	 w;	/* the check */
};

static const char *
col(const struct ccs_row *row, size_t i)
{
	return i < row->ncols && row->vals[i] != NULL ? row->vals[i] : "";
}

static int64_t
col_int(const struct ccs_row *row, size_t i)
{
	int64_t x = 0;

	(void)ccs_parse_i64(col(row, i), INT64_MIN, INT64_MAX, &x);
	return x;
}

static int
walk_row(void *arg, const struct ccs_row *row)
{
	struct walk_arg *a = arg;
	struct ccs_custody_link l;

	/* the columns of LINK_COLS, in order */
	memset(&l, 0, sizeof(l));
	l.seq = col_int(row, 0);
	l.giver = col(row, 1);
	l.receiver = col(row, 2);
	l.at = col_int(row, 3);
	l.place = col(row, 4);
	l.reason = col(row, 5);
	l.seal = col(row, 6);
	l.sha256 = col(row, 7);
	l.courier = col(row, 9);
	l.from_state = col(row, 10);
	l.to_state = col(row, 11);
	l.prev_hash = col(row, 12);
	l.entry_hash = col(row, 13);
	/*
	 * After a break the walk ignores the rest. Returning non-zero would
	 * stop the query early but mark the caller's transaction failed
	 * (store.c), and an audited read must still commit its event.
	 */
	(void)ccs_custody_walk_step(&a->w, &l);
	return CCS_OK;
}

int
ccs_custody_check(struct ccs_db *db, int64_t id,
    struct ccs_custody_report *rep)
{
	struct ccs_custody_item ci;
	struct walk_arg a;
	struct ccs_val v = CCS_VINT(id);
	json_t *it = NULL;
	int rc;

	memset(rep, 0, sizeof(*rep));
	rc = ccs_db_query_one(db, "SELECT e.id, e.state_code AS state, "
	    "e.kind, e.copy, e.seal, e.sha256, e.acquired_at FROM "
	    "evidence_items e WHERE e.id = $1", &v, 1, &it);
	if (rc != CCS_OK)
		return rc;
	item_facts(it, &ci);
	ccs_custody_walk_init(&a.w, &ci);
	rc = ccs_db_exec(db, "SELECT " LINK_COLS " FROM custody_events WHERE "
	    "item_id = $1 ORDER BY seq", &v, 1, walk_row, &a);
	ccs_custody_walk_end(&a.w, rep);
	json_decref(it);
	return rc;
}
