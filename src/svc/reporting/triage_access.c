/*
 * triage_access.c: the triage side's access decision, status writes and
 * the intake that indexes a report's suspect identifiers.
 *
 * Access is core/policy.c's report_triage asked once per routed state:
 * a state team sees the reports of its queue, the RIFC sees all. The
 * decision is made before anything of the report is used, and a refusal
 * is worded exactly as a missing report (issue 8's rule).
 *
 * Intake runs once per report, on the first triage read of its queue
 * (or from the portal's submit): the identifiers are stored as bundling
 * keys so clusters are one indexed query, never a decryption of every
 * report. Identifiers that are not valid of their kind (a typo, "call
 * me") are skipped, not refused: a reporter's mistake must not keep the
 * report out of the queue.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/reporting/clusters_key.h"
#include "core/reporting/report.h"
#include "svc/reporting/report_store.h"
#include "svc/reporting/triage_access.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

/* Every report the portal takes can be indexed (an account, and every
 * list with at most its lines). */
_Static_assert(CCS_REP_NSUSPECT * CCS_REP_LIST_ITEMS + 1 <=
    CCS_TRIAGE_KEYS_MAX, "a valid report may hold more identifiers than "
    "a triage cluster id tells apart");

static int
not_found(struct ccs_fail *f, int64_t id)
{
	return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no public report %"
	    PRId64 " that you may read", id);
}

bool
ccs_triage_may_state(const struct ccs_principal *p, const char *state)
{
	return ccs_policy_check(p, CCS_ACT_PUBLIC_REPORT_READ, state) ==
	    CCS_OK;
}

int
ccs_triage_may_write(const struct ccs_principal *p,
    const struct ccs_triage_ref *ref, struct ccs_fail *f)
{
	size_t i;

	for (i = 0; i < ref->nrouted; i++) {
		if (ccs_policy_check(p, CCS_ACT_REPORT_TRIAGE,
		    ref->routed[i]) == CCS_OK)
			return CCS_OK;
	}
	return ccs_fail(f, CCS_EPERM, "forbidden", "your role may read "
	    "public report %s but not triage it", ref->reference);
}

static int
copy_col(const json_t *row, const char *k, char *dst, size_t n)
{
	const char *s = ccs_jstr(row, k);

	return ccs_strlcpy(dst, s != NULL ? s : "", n);
}

int
ccs_triage_load(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, struct ccs_triage_ref *out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL, *routes = NULL, *e;
	bool may = false;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = ccs_db_query_one(db, "SELECT id, reference, state, category, "
	    "status FROM public_reports WHERE id = $1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND)
		return not_found(f, id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_db_query_json(db, "SELECT state FROM public_report_routes "
	    "WHERE report_id = $1 UNION SELECT state FROM public_reports "
	    "WHERE id = $1 ORDER BY 1", &v, 1, &routes);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	out->id = id;
	if (copy_col(row, "reference", out->reference,
	    sizeof(out->reference)) != CCS_OK ||
	    copy_col(row, "state", out->state, sizeof(out->state)) != CCS_OK ||
	    copy_col(row, "category", out->category, sizeof(out->category)) !=
	    CCS_OK || copy_col(row, "status", out->status_key,
	    sizeof(out->status_key)) != CCS_OK ||
	    json_array_size(routes) > CCS_TRIAGE_ROUTES_MAX) {
		rc = ccs_fail(f, CCS_EDB, "internal", "public report %" PRId64
		    " has a value the triage side cannot hold", id);
		goto out;
	}
	/* A status this side does not know (the portal's own) reads as
	 * received: the workflow then refuses what it must. */
	if (!ccs_report_status_parse(out->status_key, &out->status))
		out->status = CCS_REPORT_RECEIVED;
	json_array_foreach(routes, i, e) {
		(void)copy_col(e, "state", out->routed[i],
		    sizeof(out->routed[i]));
		out->nrouted++;
		if (ccs_triage_may_state(p, out->routed[i]))
			may = true;
	}
	if (!may)
		rc = not_found(f, id);
out:
	json_decref(row);
	json_decref(routes);
	return rc;
}

void
ccs_triage_routed(const struct ccs_triage_ref *ref,
    const char *out[CCS_TRIAGE_ROUTES_MAX])
{
	size_t i;

	for (i = 0; i < ref->nrouted; i++)
		out[i] = ref->routed[i];
}

int
ccs_triage_bad_move(struct ccs_fail *f, const struct ccs_triage_ref *ref,
    enum ccs_report_status to)
{
	const char *hint = "";

	if (ref->status == CCS_REPORT_RECEIVED)
		hint = ": classify it first";
	else if (ref->status == CCS_REPORT_CONVERTED)
		hint = ": it is an incident now";
	else if (ref->status == CCS_REPORT_CLOSED)
		hint = ": it is closed";
	return ccs_fail(f, CCS_ECONFLICT, "invalid_transition", "public "
	    "report %s cannot go from %s to %s%s", ref->reference,
	    ref->status_key, ccs_report_status_name(to), hint);
}

int
ccs_triage_set_status(struct ccs_db *db, int64_t id,
    enum ccs_report_status to, int64_t now)
{
	const struct ccs_named np[] = {
		CCS_NAMED("id", CCS_VINT(id)),
		CCS_NAMED("status", CCS_VTEXT(ccs_report_status_name(to))),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	return ccs_db_exec_named(db, "UPDATE public_reports SET status = "
	    ":status, updated_at = :now, processed_at = COALESCE("
	    "processed_at, :now) WHERE id = :id", np, CCS_NNAMED(np), NULL,
	    NULL);
}

/* Appends {kind, value} for each string of array member @p k of @p o. */
static int
add_list(json_t *out, const json_t *o, const char *k, const char *kind)
{
	const json_t *e;
	size_t i;

	json_array_foreach(json_object_get(o, k), i, e) {
		if (!json_is_string(e))
			continue;
		if (json_array_append_new(out, json_pack("{s:s, s:O}", "kind",
		    kind, "value", e)) != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

/* The kind of a "receiving" value: a wallet, a phone, an e-mail; NULL
 * for none, and @p rc CCS_ENOMEM when that could not be decided. */
static const char *
guess_kind(const char *v, int *rc)
{
	char key[CCS_BUNDLE_KEY_MAX];
	static const char *const kinds[] = { "wallet", "email", "phone",
		"url" };
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		*rc = ccs_bundle_key(kinds[i], v, key, sizeof(key), NULL, NULL);
		if (*rc == CCS_ENOMEM)
			return NULL;
		if (*rc == CCS_OK)
			return kinds[i];
	}
	*rc = CCS_OK;
	return NULL;
}

json_t *
ccs_triage_suspects(const json_t *body)
{
	static const struct {
		const char	*member;	/* in body.suspect */
		const char	*kind;		/* the identifier's kind */
	} lists[] = {
		{ "urls", "url" }, { "emails", "email" }, { "phones", "phone" },
		{ "wallets", "wallet" }, { "ips", "ip" },
		{ "domains", "domain" },
	};
	const json_t *sus = json_object_get(body, "suspect"), *e;
	const char *kind, *v;
	json_t *out = json_array();
	size_t i;
	int rc = CCS_OK;

	if (out == NULL)
		return NULL;
	for (i = 0; rc == CCS_OK && i < sizeof(lists) / sizeof(lists[0]); i++)
		rc = add_list(out, sus, lists[i].member, lists[i].kind);
	json_array_foreach(json_object_get(body, "identifiers"), i, e) {
		kind = ccs_jstr(e, "kind") ? ccs_jstr(e, "kind") :
		    ccs_jstr(e, "type");
		v = ccs_jstr(e, "value");
		if (rc == CCS_OK && kind != NULL && v != NULL)
			rc = json_array_append_new(out, json_pack("{s:s, s:s}",
			    "kind", kind, "value", v)) == 0 ? CCS_OK :
			    CCS_ENOMEM;
	}
	v = ccs_jstr(json_object_get(body, "money"), "account");
	kind = v != NULL && rc == CCS_OK ? guess_kind(v, &rc) : NULL;
	if (rc == CCS_OK && kind != NULL)
		rc = json_array_append_new(out, json_pack("{s:s, s:s}", "kind",
		    kind, "value", v)) == 0 ? CCS_OK : CCS_ENOMEM;
	if (rc != CCS_OK) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static int
store_keys(struct ccs_db *db, int64_t id, const json_t *suspects)
{
	char key[CCS_BUNDLE_KEY_MAX], canon[CCS_IND_VALUE_MAX];
	const char *kind;
	const json_t *e;
	size_t i;
	int rc;

	json_array_foreach(suspects, i, e) {
		kind = ccs_jstr(e, "kind");
		rc = ccs_bundle_key(kind, ccs_jstr(e, "value"), key,
		    sizeof(key), NULL, canon);
		if (rc == CCS_ENOMEM)
			return rc;
		if (rc != CCS_OK)
			continue;
		const struct ccs_named np[] = {
			CCS_NAMED("id", CCS_VINT(id)),
			CCS_NAMED("key", CCS_VTEXT(key)),
			CCS_NAMED("kind", CCS_VTEXT(kind)),
			CCS_NAMED("value", CCS_VTEXT(canon)),
		};
		rc = ccs_db_exec_named(db, "INSERT INTO "
		    "public_report_identifiers (report_id, bundle_key, kind, "
		    "value) VALUES (:id, :key, :kind, :value) ON CONFLICT DO "
		    "NOTHING", np, CCS_NNAMED(np), NULL, NULL);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

int
ccs_triage_intake(struct ccs_db *db, const struct ccs_report_keys *keys,
    int64_t id, int64_t now)
{
	struct ccs_val v = CCS_VINT(id);
	enum ccs_report_priority pr;
	json_t *rep = NULL, *sus = NULL;
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM public_report_triage "
	    "WHERE report_id = $1", &v, 1, &n);
	if (rc != CCS_OK || n > 0)
		return rc;
	rc = ccs_report_store_get(db, keys, id, &rep);
	if (rc != CCS_OK)
		return rc;
	/* body_enc is NOT NULL: no body means the store ran out of memory
	 * building the answer, and the keys would be silently missing. */
	if (!json_is_object(json_object_get(rep, "body"))) {
		json_decref(rep);
		return CCS_ENOMEM;
	}
	sus = ccs_triage_suspects(json_object_get(rep, "body"));
	if (sus == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	/* a body the portal never made: refused, not cut (triage_access.h) */
	if (json_array_size(sus) > CCS_TRIAGE_KEYS_MAX) {
		rc = CCS_ETOOBIG;
		goto out;
	}
	rc = store_keys(db, id, sus);
	if (rc != CCS_OK)
		goto out;
	pr = ccs_report_priority_default(ccs_jstr(rep, "category"), false);
	const struct ccs_named np[] = {
		CCS_NAMED("id", CCS_VINT(id)),
		CCS_NAMED("pr", CCS_VTEXT(ccs_report_priority_name(pr))),
		CCS_NAMED("rank", CCS_VINT((int64_t)pr)),
		CCS_NAMED("now", CCS_VINT(now)),
	};
	rc = ccs_db_exec_named(db, "INSERT INTO public_report_triage "
	    "(report_id, priority, priority_rank, indexed_at, updated_at) "
	    "VALUES (:id, :pr, :rank, :now, :now)", np, CCS_NNAMED(np), NULL,
	    NULL);
out:
	json_decref(sus);
	json_decref(rep);
	return rc;
}

int
ccs_triage_intake_state(struct ccs_db *db,
    const struct ccs_report_keys *keys, const char *state, int64_t now)
{
	bool all = state == NULL || state[0] == '\0';
	struct ccs_val v = CCS_VTEXT(all ? "" : state);
	json_t *ids = NULL, *e;
	size_t i;
	int rc;

	if (all)
		rc = ccs_db_query_json(db, "SELECT r.id FROM public_reports r "
		    "WHERE NOT EXISTS (SELECT 1 FROM public_report_triage t "
		    "WHERE t.report_id = r.id) ORDER BY r.id", NULL, 0, &ids);
	else
		rc = ccs_db_query_json(db, "SELECT r.id FROM public_reports r "
		    "WHERE (r.state = $1 OR EXISTS (SELECT 1 FROM "
		    "public_report_routes x WHERE x.report_id = r.id AND "
		    "x.state = $1)) AND NOT EXISTS (SELECT 1 FROM "
		    "public_report_triage t WHERE t.report_id = r.id) ORDER BY "
		    "r.id", &v, 1, &ids);
	json_array_foreach(ids, i, e) {
		if (rc != CCS_OK)
			break;
		rc = ccs_triage_intake(db, keys, json_integer_value(
		    json_object_get(e, "id")), now);
	}
	json_decref(ids);
	return rc;
}

int
ccs_triage_intake_fail(struct ccs_db *db, int rc, struct ccs_fail *f)
{
	if (rc == CCS_ECORRUPT)
		return ccs_fail(f, rc, "internal", "a public report does not "
		    "open with the configured key ring");
	if (rc == CCS_ETOOBIG)
		return ccs_fail(f, CCS_ECORRUPT, "report_too_many_identifiers",
		    "a stored public report names more than %d suspect "
		    "identifiers, more than triage can bundle: it was not "
		    "made by the portal; remove it or its identifiers",
		    CCS_TRIAGE_KEYS_MAX);
	return ccs_dbfail(f, db, rc);
}
