/*
 * marking.c: creating the sharing envelope of a record and reading records
 * through it.
 *
 * Communities and recipients are resolved when the record is created, into
 * the comma lists core/tlp.c reads, so a later change to a community never
 * widens or narrows who reads an old record: what the sender saw when
 * sharing is what holds. The lists are bounded by the field table (40
 * states, 20 communities, 200 recipients).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/platform/audit.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* Appends "X," to a comma list that starts with ",". */
static int
list_add(struct ccs_buf *b, const char *item)
{
	int rc = CCS_OK;

	if (b->len == 0)
		rc = ccs_buf_adds(b, ",");
	if (rc == CCS_OK && !ccs_tlp_list_has(ccs_buf_str(b), item))
		rc = ccs_buf_printf(b, "%s,", item);
	return rc;
}

struct resolve {
	struct ccs_buf	*states;
	struct ccs_buf	*orgs;
	int		 rc;
};

static int
member_cb(void *arg, const struct ccs_row *row)
{
	struct resolve *r = arg;

	if (row->vals[0] != NULL)
		r->rc = list_add(r->orgs, row->vals[0]);
	else if (row->vals[1] != NULL)
		r->rc = list_add(r->states, row->vals[1]);
	return r->rc;
}

static int
add_states(struct ccs_db *db, const json_t *arr, struct ccs_buf *states,
    struct ccs_fail *f)
{
	const json_t *it;
	char what[32];
	size_t i;
	int rc;

	json_array_foreach(arr, i, it) {
		const char *code = json_string_value(it);

		(void)ccs_snprintf(what, sizeof(what), "share_states[%zu]", i);
		rc = ccs_state_known(db, code, what, f);
		if (rc != CCS_OK)
			return rc;
		rc = list_add(states, code);
		if (rc != CCS_OK)
			return ccs_fail(f, rc, "internal", "out of memory");
	}
	return CCS_OK;
}

static int
add_communities(struct ccs_db *db, const json_t *arr, struct ccs_buf *states,
    struct ccs_buf *orgs, struct ccs_fail *f)
{
	struct resolve r = { states, orgs, CCS_OK };
	const json_t *it;
	struct ccs_val v;
	int64_t cid;
	size_t i;
	int rc;

	json_array_foreach(arr, i, it) {
		v = CCS_VTEXT(json_string_value(it));
		if (v.type == CCS_V_NULL)
			return ccs_fail(f, CCS_EINVAL, "invalid_community",
			    "communities[%zu] must be a community name", i);
		rc = ccs_db_query_int(db, "SELECT id FROM communities WHERE "
		    "name = $1", &v, 1, &cid);
		if (rc == CCS_ENOTFOUND)
			return ccs_fail(f, CCS_EINVAL, "unknown_community",
			    "communities[%zu]: no sharing community is named "
			    "'%.60s'", i, v.s);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		v = CCS_VINT(cid);
		rc = ccs_db_exec(db, "SELECT org_id, state_code FROM "
		    "community_members WHERE community_id = $1", &v, 1,
		    member_cb, &r);
		if (rc != CCS_OK)
			return r.rc != CCS_OK ? ccs_fail(f, r.rc, "internal",
			    "out of memory") : ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

static int
add_recipients(struct ccs_db *db, const json_t *arr, struct ccs_buf *ids,
    struct ccs_fail *f)
{
	const json_t *it;
	struct ccs_val v;
	char s[24];
	int64_t uid;
	size_t i;
	int rc;

	json_array_foreach(arr, i, it) {
		v = CCS_VTEXT(json_string_value(it));
		if (v.type == CCS_V_NULL)
			return ccs_fail(f, CCS_EINVAL, "invalid_recipient",
			    "recipients[%zu] must be a user's login", i);
		rc = ccs_db_query_int(db, "SELECT id FROM users WHERE login = "
		    "$1 AND disabled = 0", &v, 1, &uid);
		if (rc == CCS_ENOTFOUND)
			return ccs_fail(f, CCS_EINVAL, "unknown_recipient",
			    "recipients[%zu]: no active user '%.60s'", i, v.s);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		(void)ccs_snprintf(s, sizeof(s), "%" PRId64, uid);
		rc = list_add(ids, s);
		if (rc != CCS_OK)
			return ccs_fail(f, rc, "internal", "out of memory");
	}
	return CCS_OK;
}

static int
insert(struct ccs_db *db, enum ccs_tlp tlp, const char *src_state,
    int64_t org, int64_t author, const char *states, const char *orgs,
    const char *recips, const char *comm_json, const char *recip_json,
    int64_t now, int64_t *id)
{
	struct ccs_named np[] = {
		CCS_NAMED("tlp", CCS_VTEXT(ccs_tlp_name(tlp))),
		CCS_NAMED("src_state",
		    CCS_VTEXT(src_state && src_state[0] ? src_state : NULL)),
		CCS_NAMED("org", org > 0 ? CCS_VINT(org) : CCS_VNULL),
		CCS_NAMED("author", author > 0 ? CCS_VINT(author) : CCS_VNULL),
		CCS_NAMED("states", CCS_VTEXT(states)),
		CCS_NAMED("orgs", CCS_VTEXT(orgs)),
		CCS_NAMED("recips", CCS_VTEXT(recips)),
		CCS_NAMED("comm_json", CCS_VTEXT(comm_json)),
		CCS_NAMED("recip_json", CCS_VTEXT(recip_json)),
		CCS_NAMED("now", CCS_VINT(now)),
		CCS_NAMED("set", CCS_VNULL),
	};
	const struct ccs_marking m = {
		tlp, src_state, org, author, states, orgs, recips
	};
	int64_t set_id = 0;
	int rc;

	/* its reader set in the same transaction (reader_sets.h) */
	rc = ccs_reader_set_of(db, &m, &set_id);
	if (rc != CCS_OK)
		return rc;
	np[CCS_NNAMED(np) - 1].val = CCS_VINT(set_id);
	return ccs_db_query_int_named(db, "INSERT INTO markings (tlp, "
	    "src_state, src_org, author_id, states, orgs, recipients, "
	    "communities_json, recipients_json, created_at, reader_set) "
	    "VALUES (:tlp, :src_state, :org, :author, :states, :orgs, "
	    ":recips, :comm_json, :recip_json, :now, :set) RETURNING id", np,
	    CCS_NNAMED(np), id);
}

int
ccs_marking_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, const char *src_state, int64_t now, int64_t *id,
    struct ccs_fail *f)
{
	const json_t *sst = json_object_get(body, "share_states");
	const json_t *com = json_object_get(body, "communities");
	const json_t *rcp = json_object_get(body, "recipients");
	struct ccs_buf states, orgs, ids;
	char *cj = NULL, *rj = NULL;
	enum ccs_tlp tlp;
	int rc;

	ccs_buf_init(&states, 4096);
	ccs_buf_init(&orgs, 4096);
	ccs_buf_init(&ids, 8192);
	if (!ccs_tlp_parse(ccs_jstr(body, "tlp"), &tlp)) {
		rc = ccs_fail(f, CCS_EINVAL, "unknown_tlp", "tlp must be one of "
		    "clear, green, amber, amber+strict, red (TLP 2.0)");
		goto out;
	}
	if (tlp != CCS_TLP_AMBER && (json_array_size(sst) > 0 ||
	    json_array_size(com) > 0)) {
		rc = ccs_fail(f, CCS_EINVAL, "sharing_not_applicable",
		    "share_states and communities apply to TLP:AMBER only; "
		    "TLP:%s has fixed readers", ccs_tlp_name(tlp));
		goto out;
	}
	if (tlp != CCS_TLP_RED && json_array_size(rcp) > 0) {
		rc = ccs_fail(f, CCS_EINVAL, "sharing_not_applicable",
		    "recipients apply to TLP:RED only");
		goto out;
	}
	if (tlp == CCS_TLP_RED && json_array_size(rcp) == 0) {
		rc = ccs_fail(f, CCS_EINVAL, "recipients_required", "TLP:RED "
		    "needs at least one named recipient (a login)");
		goto out;
	}
	rc = add_states(db, sst, &states, f);
	if (rc == CCS_OK)
		rc = add_communities(db, com, &states, &orgs, f);
	if (rc == CCS_OK)
		rc = add_recipients(db, rcp, &ids, f);
	if (rc != CCS_OK)
		goto out;
	cj = com ? json_dumps(com, JSON_COMPACT) : NULL;
	rj = rcp ? json_dumps(rcp, JSON_COMPACT) : NULL;
	rc = insert(db, tlp, src_state, p->org_id, p->user_id,
	    ccs_buf_str(&states), ccs_buf_str(&orgs), ccs_buf_str(&ids),
	    cj ? cj : "[]", rj ? rj : "[]", now, id);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	free(cj);
	free(rj);
	ccs_buf_free(&states);
	ccs_buf_free(&orgs);
	ccs_buf_free(&ids);
	return rc;
}

int
ccs_marking_create_import(struct ccs_db *db, enum ccs_tlp tlp,
    const char *src_state, const char *states, int64_t now, int64_t *id)
{
	return insert(db, tlp, src_state, 0, 0, states ? states : "", "", "",
	    "[]", "[]", now, id);
}

enum ccs_tlp_view
ccs_marking_view(const struct ccs_principal *p, const json_t *row)
{
	struct ccs_marking m;

	if (!ccs_tlp_parse(ccs_jstr(row, "m_tlp"), &m.tlp))
		return CCS_TLP_NONE;	/* unreadable marking: fail closed */
	m.src_state = ccs_jstr(row, "m_src_state");
	m.src_org = json_integer_value(json_object_get(row, "m_src_org"));
	m.author = json_integer_value(json_object_get(row, "m_author"));
	m.states = ccs_jstr(row, "m_states");
	m.orgs = ccs_jstr(row, "m_orgs");
	m.recipients = ccs_jstr(row, "m_recipients");
	return ccs_tlp_view(p, &m);
}

/* ",JM,BB," -> ["JM","BB"] */
static json_t *
list_json(const char *list)
{
	json_t *a = json_array();
	const char *s, *e;

	for (s = list ? list : ""; a != NULL && *s != '\0'; s = e) {
		if (*s == ',') {
			e = s + 1;
			continue;
		}
		e = strchr(s, ',');
		if (e == NULL)
			e = s + strlen(s);
		(void)json_array_append_new(a, json_stringn(s,
		    (size_t)(e - s)));
	}
	return a;
}

void
ccs_marking_present(json_t *row)
{
	json_t *sh = json_object(), *c, *r, *ss;
	const char *tlp = ccs_jstr(row, "m_tlp");

	c = json_loads(ccs_jstr(row, "m_communities") ?
	    ccs_jstr(row, "m_communities") : "[]", 0, NULL);
	r = json_loads(ccs_jstr(row, "m_recipient_logins") ?
	    ccs_jstr(row, "m_recipient_logins") : "[]", 0, NULL);
	(void)json_object_set_new(row, "tlp", json_string(tlp ? tlp : "red"));
	if (sh != NULL) {
		(void)json_object_set_new(sh, "tlp", json_string(tlp ? tlp :
		    "red"));
		ss = json_object_get(row, "m_src_state");
		(void)json_object_set_new(sh, "source_state", ss ?
		    json_incref(ss) : json_null());
		(void)json_object_set_new(sh, "states",
		    list_json(ccs_jstr(row, "m_states")));
		(void)json_object_set_new(sh, "communities", c ? c :
		    json_array());
		(void)json_object_set_new(sh, "recipients", r ? r :
		    json_array());
		(void)json_object_set_new(row, "sharing", sh);
	} else {
		json_decref(c);
		json_decref(r);
	}
	(void)json_object_del(row, "m_tlp");
	(void)json_object_del(row, "m_src_state");
	(void)json_object_del(row, "m_src_org");
	(void)json_object_del(row, "m_author");
	(void)json_object_del(row, "m_states");
	(void)json_object_del(row, "m_orgs");
	(void)json_object_del(row, "m_recipients");
	(void)json_object_del(row, "m_communities");
	(void)json_object_del(row, "m_recipient_logins");
	(void)json_object_del(row, "m_reader_set");
}

int
ccs_marking_load(struct ccs_db *db, int64_t id, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);

	return ccs_db_query_one(db, "SELECT " CCS_MARKING_COLS " FROM "
	    "markings m WHERE m.id = $1", &v, 1, out);
}

/* The caller's values, then the reader's sets after @p sql (@p keys,
 * filled here, holds the texts bound until the query has run). */
static int
policy_sql(const struct ccs_principal *p, const char *sql, bool readable,
    const struct ccs_val *params, size_t nparams, struct ccs_val *v,
    size_t *np, size_t cap, struct ccs_reader_keys *keys, struct ccs_buf *q)
{
	int rc;

	if (nparams > CCS_MARKING_PARAMS)
		return CCS_EINVAL;
	if (nparams > 0)
		memcpy(v, params, nparams * sizeof(*v));
	*np = nparams;
	ccs_reader_keys_of(p, keys);
	rc = ccs_buf_adds(q, sql);
	if (rc == CCS_OK && readable)
		return ccs_reader_sets_where(keys, "m.reader_set", q, v, np,
		    cap);
	/* known to exist: not RED, and only to a signed-in reader (tlp.c) */
	if (rc == CCS_OK)
		rc = ccs_buf_adds(q, " AND m.tlp <> 'red'");
	return rc != CCS_OK ? rc : ccs_reader_sets_where_not(keys,
	    "m.reader_set", q, v, np, cap);
}

void
ccs_marking_keep_full(const struct ccs_principal *p, json_t *rows)
{
	json_t *row;
	size_t i;

	for (i = 0; i < json_array_size(rows); ) {
		row = json_array_get(rows, i);
		if (ccs_marking_view(p, row) != CCS_TLP_FULL) {
			(void)json_array_remove(rows, i);
			continue;
		}
		ccs_marking_present(row);
		i++;
	}
}

int
ccs_marking_rows(struct ccs_db *db, const struct ccs_principal *p,
    const char *sql, const char *order, const struct ccs_val *params,
    size_t nparams, int64_t limit, json_t **items)
{
	struct ccs_val v[CCS_MARKING_PARAMS + CCS_TLP_PRINCIPAL_KEYS + 1];
	struct ccs_reader_keys keys;
	json_t *rows = NULL;
	struct ccs_buf q;
	size_t np = 0;
	int rc;

	*items = NULL;
	ccs_buf_init(&q, 1u << 16);
	rc = policy_sql(p, sql, true, params, nparams, v, &np,
	    sizeof(v) / sizeof(v[0]) - 1, &keys, &q);
	if (rc == CCS_OK) {
		v[np++] = CCS_VINT(limit > 0 ? limit : 0);
		rc = ccs_buf_printf(&q, " %s LIMIT $%zu", order ? order : "",
		    np);
	}
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&q), v, np, &rows);
	ccs_buf_free(&q);
	if (rc != CCS_OK)
		return rc;
	ccs_marking_keep_full(p, rows);
	*items = rows;
	return CCS_OK;
}

int
ccs_marking_any(struct ccs_db *db, const struct ccs_principal *p,
    const char *sql, const struct ccs_val *params, size_t nparams, bool *yes)
{
	json_t *one = NULL;
	int rc;

	rc = ccs_marking_rows(db, p, sql, NULL, params, nparams, 1, &one);
	*yes = rc == CCS_OK && json_array_size(one) > 0;
	json_decref(one);
	return rc;
}

int
ccs_marking_count(struct ccs_db *db, const struct ccs_principal *p,
    const char *sql, const struct ccs_val *params, size_t nparams,
    bool readable, int64_t *n)
{
	struct ccs_val v[CCS_MARKING_PARAMS + CCS_TLP_PRINCIPAL_KEYS];
	struct ccs_reader_keys keys;
	struct ccs_buf q;
	size_t np = 0;
	int rc;

	*n = 0;
	if (!readable && (p == NULL || p->role == CCS_ROLE_ANONYMOUS))
		return CCS_OK;
	ccs_buf_init(&q, 1u << 16);
	rc = policy_sql(p, sql, readable, params, nparams, v, &np,
	    sizeof(v) / sizeof(v[0]), &keys, &q);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, ccs_buf_str(&q), v, np, n);
	ccs_buf_free(&q);
	return rc;
}

/*
 * What @p p may know of the record whose marking columns (CCS_MARKING_COLS)
 * are in @p row. The CLI is the operator, who holds the database anyway.
 */
enum ccs_tlp_view
ccs_marking_view_row(const struct ccs_principal *p, const struct ccs_row *row)
{
	static const char *const ints[] = { "m_src_org", "m_author" };
	json_t *j;
	enum ccs_tlp_view view;
	size_t i, k;

	if (p->system)
		return CCS_TLP_FULL;
	j = json_object();
	for (i = 0; j != NULL && i < row->ncols; i++) {
		bool isint = false;

		if (strncmp(row->names[i], "m_", 2) != 0 || row->vals[i] ==
		    NULL)
			continue;
		for (k = 0; k < 2; k++)
			isint |= strcmp(row->names[i], ints[k]) == 0;
		(void)json_object_set_new(j, row->names[i], isint ?
		    json_integer(strtoll(row->vals[i], NULL, 10)) :
		    json_string(row->vals[i]));
	}
	view = j ? ccs_marking_view(p, j) : CCS_TLP_NONE;
	json_decref(j);
	return view;
}
