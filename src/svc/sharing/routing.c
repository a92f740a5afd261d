/*
 * routing.c: constituency claims and the per-state queue.
 *
 * Claims are few (tens per state), so routing a sighting reads the
 * approved claims and matches in C: a host is under a ccTLD or a claimed
 * domain when it equals it or ends with "." + it; an address or network
 * is in a claimed network when ccs_ind_cidr_contains says so. ASN claims
 * are recorded for the directory but route nothing yet: no indicator type
 * carries an ASN. The reporting state is never routed its own report.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/tlp.h"
#include "core/validate.h"
#include "svc/platform/audit.h"
#include "svc/sharing/marking.h"
#include "svc/platform/notify.h"
#include "svc/sharing/routing.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_claim_fields[] = {
	{ "state", CCS_J_STRING, false, 2, 2 },
	{ "kind", CCS_J_STRING, true, 1, 16 },
	{ "value", CCS_J_STRING, true, 1, 260 },
};
const size_t ccs_claim_nfields = sizeof(ccs_claim_fields) /
    sizeof(ccs_claim_fields[0]);

static int
deny(struct ccs_fail *f, int rc, const char *what)
{
	return ccs_fail(f, rc, rc == CCS_EAUTH ? "authentication_required" :
	    "forbidden", "your role or state may not %s", what);
}

/* Canonical form of a claimed value into @p out. */
static int
claim_value(struct ccs_db *db, const char *state, const char *kind,
    const char *value, char *out, size_t len, struct ccs_fail *f)
{
	enum ccs_ind_type t = CCS_IND_CIDR4;
	struct ccs_val v = CCS_VTEXT(state);
	json_t *st = NULL;
	const char *cc;
	int64_t asn;
	int rc;

	if (strcmp(kind, "cctld") == 0) {
		rc = ccs_db_query_one(db, "SELECT cctld FROM states WHERE code "
		    "= $1", &v, 1, &st);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		cc = ccs_jstr(st, "cctld");
		if (value[0] == '.')
			value++;
		if (cc != NULL && cc[0] == '.')
			cc++;
		if (cc == NULL || strcasecmp(value, cc) != 0) {
			rc = ccs_fail(f, CCS_EINVAL, "invalid_claim", "value: "
			    "%s's country-code top-level domain is '%s'",
			    state, cc ? cc : "?");
			json_decref(st);
			return rc;
		}
		rc = ccs_strlcpy(out, cc, len);
		json_decref(st);
		return rc == CCS_OK ? CCS_OK : ccs_fail(f, rc, "invalid_claim",
		    "value too long");
	}
	if (strcmp(kind, "domain") == 0)
		return ccs_ind_normalise(CCS_IND_DOMAIN, value, out, len, f);
	if (strcmp(kind, "cidr") == 0) {
		t = ccs_ind_refine(t, value);
		if (t != CCS_IND_CIDR4 && t != CCS_IND_CIDR6)
			return ccs_fail(f, CCS_EINVAL, "invalid_claim", "value: "
			    "a network claim is written a.b.c.d/n or x::/n");
		return ccs_ind_normalise(t, value, out, len, f);
	}
	if (strcmp(kind, "asn") == 0) {
		if (strncasecmp(value, "AS", 2) == 0)
			value += 2;
		if (ccs_parse_i64(value, 1, 4294967295LL, &asn) != CCS_OK)
			return ccs_fail(f, CCS_EINVAL, "invalid_claim", "value: "
			    "an ASN is written AS64500 or 64500");
		return ccs_snprintf(out, len, "AS%" PRId64, asn);
	}
	return ccs_fail(f, CCS_EINVAL, "invalid_claim_kind", "kind must be "
	    "cctld, domain, cidr or asn");
}

int
ccs_claim_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *state = ccs_jstr(body, "state"), *kind;
	char canon[CCS_IND_VALUE_MAX];
	struct ccs_val v[5];
	int64_t id;
	json_t *audit;
	int rc;

	*out = NULL;
	if (state == NULL)
		state = p->state[0] ? p->state : NULL;
	rc = ccs_state_known(db, state, "state (of the claim)", f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_policy_check(p, CCS_ACT_CLAIM_SUBMIT, state);
	if (rc != CCS_OK)
		return deny(f, rc, "claim a constituency for this state");
	kind = ccs_jstr(body, "kind");
	rc = claim_value(db, state, kind, ccs_jstr(body, "value"), canon,
	    sizeof(canon), f);
	if (rc != CCS_OK)
		return rc;
	v[0] = CCS_VTEXT(state);
	v[1] = CCS_VTEXT(kind);
	v[2] = CCS_VTEXT(canon);
	v[3] = CCS_VTEXT(ccs_actor(p));
	v[4] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO constituency_claims "
	    "(state_code, kind, value, status, claimed_by, created_at) VALUES "
	    "($1, $2, $3, 'pending', $4, $5) RETURNING id", v, 5, &id);
	if (rc == CCS_ECONFLICT)
		return ccs_fail(f, rc, "duplicate_claim", "%s has already "
		    "claimed %s %s", state, kind, canon);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	audit = json_pack("{ss,ss,ss}", "state", state, "kind", kind, "value",
	    canon);
	rc = ccs_audit_record(db, p, "constituency.claim", "constituency_claim",
	    id, audit, now);
	json_decref(audit);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	v[0] = CCS_VINT(id);
	rc = ccs_db_query_one(db, "SELECT id, state_code AS state, kind, value, "
	    "status, claimed_by, decided_by, reason, created_at, decided_at "
	    "FROM constituency_claims WHERE id = $1", v, 1, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* True when two claims of one kind cover the same ground. */
static bool
overlaps(const char *kind, const char *a, const char *b)
{
	char net[CCS_IND_VALUE_MAX], *slash;

	if (strcmp(kind, "cidr") != 0)
		return strcmp(a, b) == 0;
	(void)ccs_strlcpy(net, b, sizeof(net));
	slash = strchr(net, '/');
	if (slash != NULL)
		*slash = '\0';
	if (ccs_ind_cidr_contains(a, net))
		return true;
	(void)ccs_strlcpy(net, a, sizeof(net));
	slash = strchr(net, '/');
	if (slash != NULL)
		*slash = '\0';
	return ccs_ind_cidr_contains(b, net);
}

int
ccs_claim_decide(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, bool approve, const char *reason, int64_t now,
    json_t **out, struct ccs_fail *f)
{
	json_t *c = NULL, *others = NULL, *o, *audit;
	struct ccs_val v[5];
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CLAIM_DECIDE, NULL);
	if (rc != CCS_OK)
		return deny(f, rc, "decide constituency claims");
	if (!approve && (reason == NULL || reason[0] == '\0'))
		return ccs_fail(f, CCS_EINVAL, "reason_required", "reason: say "
		    "why the claim is rejected");
	v[0] = CCS_VINT(id);
	rc = ccs_db_query_one(db, "SELECT id, state_code, kind, value, status "
	    "FROM constituency_claims WHERE id = $1", v, 1, &c);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no claim %" PRId64, id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (strcmp(ccs_jstr(c, "status"), "pending") != 0) {
		rc = ccs_fail(f, CCS_ECONFLICT, "already_decided", "claim %"
		    PRId64 " was already %s", id, ccs_jstr(c, "status"));
		goto out;
	}
	if (approve) {
		v[0] = CCS_VTEXT(ccs_jstr(c, "kind"));
		v[1] = CCS_VTEXT(ccs_jstr(c, "state_code"));
		rc = ccs_db_query_json(db, "SELECT state_code, value FROM "
		    "constituency_claims WHERE status = 'approved' AND kind = "
		    "$1 AND state_code <> $2", v, 2, &others);
		if (rc != CCS_OK) {
			rc = ccs_dbfail(f, db, rc);
			goto out;
		}
		json_array_foreach(others, i, o) {
			if (overlaps(ccs_jstr(c, "kind"), ccs_jstr(c, "value"),
			    ccs_jstr(o, "value"))) {
				rc = ccs_fail(f, CCS_ECONFLICT,
				    "claim_conflict", "%s overlaps %s, already "
				    "approved for %s", ccs_jstr(c, "value"),
				    ccs_jstr(o, "value"), ccs_jstr(o,
				    "state_code"));
				goto out;
			}
		}
	}
	v[0] = CCS_VINT(id);
	v[1] = CCS_VTEXT(approve ? "approved" : "rejected");
	v[2] = CCS_VTEXT(ccs_actor(p));
	v[3] = CCS_VTEXT(reason);
	v[4] = CCS_VINT(now);
	rc = ccs_db_exec(db, "UPDATE constituency_claims SET status = $2, "
	    "decided_by = $3, reason = $4, decided_at = $5 WHERE id = $1", v, 5,
	    NULL, NULL);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	audit = json_pack("{ss,ss?}", "decision", approve ? "approved" :
	    "rejected", "reason", reason);
	rc = ccs_audit_record(db, p, "constituency.decide",
	    "constituency_claim", id, audit, now);
	json_decref(audit);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	v[0] = CCS_VINT(id);
	rc = ccs_db_query_one(db, "SELECT id, state_code AS state, kind, value, "
	    "status, claimed_by, decided_by, reason, created_at, decided_at "
	    "FROM constituency_claims WHERE id = $1", v, 1, out);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	json_decref(c);
	json_decref(others);
	return rc;
}

int
ccs_claim_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, const char *status, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v[2] = { CCS_VTEXT(state), CCS_VTEXT(status) };
	int rc;

	rc = ccs_policy_check(p, CCS_ACT_CONTACT_READ, NULL);
	if (rc != CCS_OK)
		return deny(f, rc, "read constituencies");
	rc = ccs_db_query_json(db, "SELECT id, state_code AS state, kind, "
	    "value, status, claimed_by, decided_by, reason, created_at, "
	    "decided_at FROM constituency_claims WHERE (CAST($1 AS TEXT) IS NULL OR "
	    "state_code = $1) AND (CAST($2 AS TEXT) IS NULL OR status = $2) ORDER BY "
	    "state_code, kind, value", v, 2, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* --- routing ----------------------------------------------------------- */

static bool
host_under(const char *host, const char *dom)
{
	size_t h = strlen(host), d = strlen(dom);

	if (h == d)
		return strcasecmp(host, dom) == 0;
	return h > d && host[h - d - 1] == '.' &&
	    strcasecmp(host + h - d, dom) == 0;
}

/* The host (name or address) and the address a value is about. */
static void
subject_of(enum ccs_ind_type t, const char *canon, char *host, size_t hlen,
    char *addr, size_t alen)
{
	const char *s, *e;
	size_t n;

	host[0] = '\0';
	addr[0] = '\0';
	switch (t) {
	case CCS_IND_DOMAIN:
		(void)ccs_strlcpy(host, canon, hlen);
		break;
	case CCS_IND_EMAIL:
		s = strrchr(canon, '@');
		if (s != NULL)
			(void)ccs_strlcpy(host, s + 1, hlen);
		break;
	case CCS_IND_URL:
		s = strstr(canon, "://");
		if (s == NULL)
			break;
		s += 3;
		if (*s == '[') {
			e = strchr(++s, ']');
		} else {
			e = s + strcspn(s, ":/?#");
		}
		if (e == NULL)
			break;
		n = (size_t)(e - s);
		if (n + 1 > hlen)
			break;
		memcpy(host, s, n);
		host[n] = '\0';
		if (strchr(host, ':') != NULL || strspn(host, "0123456789.") ==
		    n)
			(void)ccs_strlcpy(addr, host, alen);
		break;
	case CCS_IND_IPV4:
	case CCS_IND_IPV6:
		(void)ccs_strlcpy(addr, canon, alen);
		break;
	case CCS_IND_CIDR4:
	case CCS_IND_CIDR6:
		(void)ccs_strlcpy(addr, canon, alen);
		addr[strcspn(addr, "/")] = '\0';
		break;
	default:
		break;
	}
}

static const char *const team_roles[] = { "ncpoc", "cert" };

int
ccs_route(struct ccs_db *db, int64_t marking_id, const char *src_state,
    int64_t sighting_id, int64_t incident_id, enum ccs_ind_type t,
    const char *canon, int64_t now, struct ccs_fail *f)
{
	char host[CCS_IND_DOMAIN_MAX + 2], addr[64], done[256] = ",";
	const char *kind, *value, *st;
	json_t *claims = NULL, *c;
	struct ccs_val v[6];
	bool hit;
	size_t i;
	int rc;

	subject_of(t, canon, host, sizeof(host), addr, sizeof(addr));
	if (host[0] == '\0' && addr[0] == '\0')
		return CCS_OK;
	v[0] = CCS_VTEXT(src_state ? src_state : "");
	rc = ccs_db_query_json(db, "SELECT id, state_code, kind, value FROM "
	    "constituency_claims WHERE status = 'approved' AND state_code <> "
	    "$1 AND kind <> 'asn'", v, 1, &claims);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	json_array_foreach(claims, i, c) {
		kind = ccs_jstr(c, "kind");
		value = ccs_jstr(c, "value");
		st = ccs_jstr(c, "state_code");
		if (kind == NULL || value == NULL || st == NULL)
			continue;
		if (strcmp(kind, "cidr") == 0)
			hit = addr[0] != '\0' && ccs_ind_cidr_contains(value,
			    addr);
		else
			hit = host[0] != '\0' && host_under(host, value);
		if (!hit || ccs_tlp_list_has(done, st))
			continue;
		(void)ccs_snprintf(done + strlen(done), sizeof(done) -
		    strlen(done), "%s,", st);
		v[0] = CCS_VTEXT(st);
		v[1] = CCS_VINT(marking_id);
		v[2] = CCS_VINT(sighting_id);
		v[3] = incident_id > 0 ? CCS_VINT(incident_id) : CCS_VNULL;
		v[4] = CCS_VINT(json_integer_value(json_object_get(c, "id")));
		v[5] = CCS_VINT(now);
		rc = ccs_db_exec(db, "INSERT INTO state_queue (state_code, "
		    "marking_id, sighting_id, incident_id, claim_id, "
		    "created_at) VALUES ($1, $2, $3, $4, $5, $6)", v, 6, NULL,
		    NULL);
		if (rc == CCS_OK)
			rc = ccs_notify_users(db, "sighting", sighting_id,
			    marking_id, &st, 1, team_roles, 2, "routed to your "
			    "state: it falls in your constituency", now);
		if (rc != CCS_OK) {
			json_decref(claims);
			return ccs_dbfail(f, db, rc);
		}
	}
	json_decref(claims);
	return CCS_OK;
}

bool
ccs_queue_scope(const struct ccs_principal *p, const char *state)
{
	if (p->system)
		return true;
	if (p->role == CCS_ROLE_RIFC_ANALYST || p->role ==
	    CCS_ROLE_COORDINATOR)
		return p->state[0] == '\0' || (state != NULL &&
		    strcmp(p->state, state) == 0);
	if (p->role == CCS_ROLE_NCPOC || p->role == CCS_ROLE_CERT)
		return state != NULL && strcmp(p->state, state) == 0;
	return false;
}

#define QUEUE_SELECT "SELECT q.id, q.state_code AS state, q.created_at, " \
	"q.done_at, q.done_by, q.sighting_id, q.incident_id, c.kind AS " \
	"claim_kind, c.value AS claim_value, v.id AS value_id, v.type, " \
	"v.value, s.seen_at, s.state_code AS reported_by, " CCS_MARKING_COLS \
	" FROM state_queue q JOIN markings m ON m.id = q.marking_id JOIN " \
	"constituency_claims c ON c.id = q.claim_id LEFT JOIN sightings s " \
	"ON s.id = q.sighting_id LEFT JOIN ind_values v ON v.id = s.value_id"

int
ccs_queue_done(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[3] = { CCS_VINT(id) };
	json_t *row = NULL;
	int rc;

	rc = ccs_db_query_one(db, QUEUE_SELECT " WHERE q.id = $1", v, 1, &row);
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return ccs_dbfail(f, db, rc);
	if (rc == CCS_ENOTFOUND || ccs_marking_view(p, row) != CCS_TLP_FULL ||
	    !ccs_queue_scope(p, ccs_jstr(row, "state"))) {
		json_decref(row);
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no queue item %"
		    PRId64 " that you may handle", id);
	}
	json_decref(row);
	v[1] = CCS_VTEXT(ccs_actor(p));
	v[2] = CCS_VINT(now);
	rc = ccs_db_exec(db, "UPDATE state_queue SET done_at = $3, done_by = "
	    "$2 WHERE id = $1 AND done_at IS NULL", v, 3, NULL, NULL);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_audit_record(db, p, "queue.done", "state_queue", id, NULL,
	    now);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}
