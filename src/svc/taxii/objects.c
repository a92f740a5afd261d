/*
 * objects.c: the objects filed in TAXII collections: pages of objects,
 * manifests and versions; delete; filing a version; publishing what the
 * store holds into the collections its marking fits.
 *
 * A page is one query ordered by date_added from the cursor on, with the
 * filters and the read policy in SQL (issue 15): the reader's sets
 * (ccs_reader_sets_where on the entry's copy of its marking's set,
 * migration 0041, in the walk's index) keep the readable rows, so the
 * database walks the date_added index and stops after limit + 1 of them,
 * whatever share of the collection the reader may read, and reads an
 * entry and its marking only for the rows kept. Each
 * row is still confirmed by ccs_marking_view; should the two ever
 * disagree, the row is left out and the query repeated from the last row
 * read until the page is full or the collection ends, so a page never
 * stops short silently and "more" is exact.
 *
 * Versions are the reader's: "first" and "last" are the first and last
 * version of an object among those the reader may read, so a version
 * they may not read neither shows nor moves either end.
 *
 * match[] lists are bound one value per parameter ($n): the SQL text is
 * built here because the number of values varies; no value is ever
 * printed into it.
 */
#include <stdlib.h>
#include <string.h>

#include "svc/interchange/interchange.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/svc.h"
#include "svc/taxii/taxii.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define MAX_PARAMS	(4 * CCS_TAXII_MATCH_MAX + 8 + CCS_TLP_PRINCIPAL_KEYS)

/* The SQL of a query and its parameters. */
struct sq {
	struct ccs_buf		 sql;
	struct ccs_val		 v[MAX_PARAMS];
	/* the values bound, copied out of the match[] lists */
	char			 keys[3 * CCS_TAXII_MATCH_MAX][320];
	size_t			 nv;
	size_t			 nkeys;
	bool			 oom;
	bool			 everyone;	/* the system reads all */
	bool			 walk;	/* SQLite: the walk's index by name */
	struct ccs_reader_keys	 readers;	/* the reader's keys */
	/* " AND x.reader_set IN (...)": the reader's sets again, for the
	 * versions' subqueries, with the parameters the main clause bound */
	char			 xsets[96 + 8 * CCS_TLP_PRINCIPAL_KEYS];
};

static void
add(struct sq *s, const char *text)
{
	if (ccs_buf_add(&s->sql, text, strlen(text)) != CCS_OK)
		s->oom = true;
}

/* Appends "$n" for value @p v. */
static void
param(struct sq *s, struct ccs_val v)
{
	char num[16];

	if (s->nv >= MAX_PARAMS) {
		s->oom = true;
		return;
	}
	s->v[s->nv++] = v;
	(void)ccs_snprintf(num, sizeof(num), "$%zu", s->nv);
	add(s, num);
}

/* The next comma-separated item of *@p p into @p out; false at the end. */
static bool
next_item(const char **p, char *out, size_t len, bool *too_long)
{
	const char *s = *p, *comma;
	size_t n;

	if (s == NULL || *s == '\0')
		return false;
	comma = strchr(s, ',');
	n = comma ? (size_t)(comma - s) : strlen(s);
	*too_long = n >= len;
	(void)ccs_snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), s);
	*p = comma ? comma + 1 : s + n;
	return true;
}

/* Checks a match[] list: 1..CCS_TAXII_MATCH_MAX items, each ok(). */
static int
check_list(const char *name, const char *list, bool (*ok)(const char *),
    struct ccs_fail *f)
{
	const char *p = list;
	char item[320];
	bool too_long = false;
	size_t n = 0;

	if (list == NULL)
		return CCS_OK;
	if (list[0] == '\0')
		return ccs_fail(f, CCS_EINVAL, "invalid_query", "%s is empty",
		    name);
	while (next_item(&p, item, sizeof(item), &too_long)) {
		if (too_long || !ok(item))
			return ccs_fail(f, CCS_EINVAL, "invalid_query", "%s: "
			    "'%.60s' is not a valid value", name, item);
		if (++n > CCS_TAXII_MATCH_MAX)
			return ccs_fail(f, CCS_EINVAL, "invalid_query", "%s "
			    "lists more than %d values", name,
			    CCS_TAXII_MATCH_MAX);
	}
	return CCS_OK;
}

static bool
type_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 3 || n > 250)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <=
		    '9') || s[i] == '-'))
			return false;
	return true;
}

static bool
id_ok(const char *s)
{
	const char *dd = strstr(s, "--");
	char type[256];

	if (dd == NULL || (size_t)(dd - s) >= sizeof(type) || strlen(dd + 2) !=
	    36)
		return false;
	(void)ccs_snprintf(type, sizeof(type), "%.*s", (int)(dd - s), s);
	return type_ok(type);
}

static bool
version_ok(const char *s)
{
	int64_t us;

	return ccs_streq(s, "first") || ccs_streq(s, "last") ||
	    ccs_streq(s, "all") || ccs_taxii_ts_parse(s, &us);
}

static bool
spec_ok(const char *s)
{
	return strlen(s) == 3 && s[0] >= '0' && s[0] <= '9' && s[1] == '.' &&
	    s[2] >= '0' && s[2] <= '9';
}

int
ccs_taxii_query_check(const struct ccs_taxii_query *q, struct ccs_fail *f)
{
	int rc;

	rc = check_list("match[id]", q->match_id, id_ok, f);
	if (rc == CCS_OK)
		rc = check_list("match[type]", q->match_type, type_ok, f);
	if (rc == CCS_OK)
		rc = check_list("match[version]", q->match_version,
		    version_ok, f);
	if (rc == CCS_OK)
		rc = check_list("match[spec_version]", q->match_spec, spec_ok,
		    f);
	if (rc == CCS_OK && (q->limit < 1 || q->limit > CCS_TAXII_LIMIT_MAX))
		rc = ccs_fail(f, CCS_EINVAL, "invalid_query", "limit must be "
		    "1 to %d", CCS_TAXII_LIMIT_MAX);
	return rc;
}

/* " AND col IN ($a, $b...)" for a comma list. */
static void
in_list(struct sq *s, const char *col, const char *list)
{
	const char *p = list;
	char item[320];
	bool first = true, too_long;

	if (list == NULL)
		return;
	add(s, " AND ");
	add(s, col);
	add(s, " IN (");
	while (next_item(&p, item, sizeof(item), &too_long)) {
		if (!first)
			add(s, ", ");
		first = false;
		/* the value must outlive the query: bind the list's own
		 * text through a copy kept in the keys table */
		if (s->nkeys >= 3 * CCS_TAXII_MATCH_MAX) {
			s->oom = true;
			return;
		}
		(void)ccs_strlcpy(s->keys[s->nkeys], item,
		    sizeof(s->keys[0]));
		param(s, CCS_VTEXT(s->keys[s->nkeys]));
		s->nkeys++;
	}
	add(s, ")");
}

/* "NOT EXISTS (a version @p cmp e's the reader may read)": e is the
 * reader's last (">") or first ("<") version. */
static void
beyond(struct sq *s, const char *cmp)
{
	add(s, "NOT EXISTS (SELECT 1 FROM taxii_entries x WHERE "
	    "x.collection_id = e.collection_id AND x.stix_id = e.stix_id AND "
	    "x.version ");
	add(s, cmp);
	add(s, " e.version");
	add(s, s->xsets);
	add(s, ")");
}

/* The version filter: OR of first, last and exact versions; none for
 * "all". */
static void
version_filter(struct sq *s, const char *list)
{
	const char *p = list;
	char item[320];
	bool first = true, too_long;

	for (p = list; next_item(&p, item, sizeof(item), &too_long);)
		if (ccs_streq(item, "all"))
			return;
	add(s, " AND (");
	for (p = list; next_item(&p, item, sizeof(item), &too_long);) {
		if (!first)
			add(s, " OR ");
		first = false;
		if (ccs_streq(item, "last")) {
			/* latest is kept by ccs_taxii_file: no later version
			 * at all, so none the reader may read either */
			add(s, "(e.latest = 1");
			if (!s->everyone) {
				add(s, " OR ");
				beyond(s, ">");
			}
			add(s, ")");
			continue;
		}
		if (ccs_streq(item, "first")) {
			beyond(s, "<");
			continue;
		}
		if (s->nkeys >= 3 * CCS_TAXII_MATCH_MAX) {
			s->oom = true;
			return;
		}
		ccs_ix_sortable_time(item, s->keys[s->nkeys],
		    sizeof(s->keys[0]));
		add(s, "e.version = ");
		param(s, CCS_VTEXT(s->keys[s->nkeys]));
		s->nkeys++;
	}
	add(s, ")");
}

/* " AND e.reader_set IN (...)": the rows the reader may read
 * (ccs_reader_sets_where), and the same sets over the same parameters
 * for the versions' subqueries in s->xsets. */
static void
reader_clause(struct sq *s)
{
	size_t first = s->nv, i, n;

	s->xsets[0] = '\0';
	if (s->everyone)
		return;
	if (ccs_reader_sets_where(&s->readers, "e.reader_set", &s->sql, s->v,
	    &s->nv, MAX_PARAMS) != CCS_OK) {
		s->oom = true;
		return;
	}
	if (s->nv == first) {	/* no key: reads nothing */
		(void)ccs_strlcpy(s->xsets, " AND 1 = 0", sizeof(s->xsets));
		return;
	}
	(void)ccs_strlcpy(s->xsets, " AND x.reader_set IN (SELECT set_id "
	    "FROM reader_set_keys WHERE reader IN (", sizeof(s->xsets));
	for (i = first; i < s->nv; i++) {
		n = strlen(s->xsets);
		if (ccs_snprintf(s->xsets + n, sizeof(s->xsets) - n, "%s$%zu",
		    i > first ? ", " : "", i + 1) != CCS_OK)
			s->oom = true;
	}
	n = strlen(s->xsets);
	if (ccs_snprintf(s->xsets + n, sizeof(s->xsets) - n, "))") != CCS_OK)
		s->oom = true;
}

/* The WHERE clause shared by lists and delete (no paging). */
static void
where(struct sq *s, const struct ccs_taxii_coll *c,
    const struct ccs_taxii_query *q)
{
	const char *version = q->match_version;

	/* Without statistics SQLite's planner ties the unique
	 * (collection_id, date_added) with the walk's index, which also
	 * holds the set, and took the one whose every skipped row is a
	 * table read (a reader of 1%'s first page at 1,000,000 entries,
	 * p50 under wrk -c4: 18.4 ms, 3.1 ms with the walk's index).
	 * Named only for a walk of the collection: an object's versions
	 * use the object's index. */
	add(s, " FROM taxii_entries e ");
	if (s->walk && q->object_id == NULL && q->match_id == NULL)
		add(s, "INDEXED BY taxii_entries_walk ");
	add(s, "JOIN markings m ON m.id = e.marking_id WHERE "
	    "e.collection_id = ");
	param(s, CCS_VTEXT(c->id));
	if (q->object_id != NULL) {
		add(s, " AND e.stix_id = ");
		param(s, CCS_VTEXT(q->object_id));
	}
	if (q->has_added_after) {
		add(s, " AND e.date_added > ");
		param(s, CCS_VINT(q->added_after));
	}
	in_list(s, "e.stix_id", q->match_id);
	in_list(s, "e.type", q->match_type);
	in_list(s, "e.spec_version", q->match_spec);
	reader_clause(s);
	if (version == NULL)
		version = q->view == CCS_TAXII_VERSIONS ? "all" : "last";
	version_filter(s, version);
}

#define VIEW_CACHE	8	/* markings whose view a page remembers */

struct collect {
	const struct ccs_principal	*p;
	/* the view of the last markings seen: a collection's entries share
	 * a few markings, and a view depends only on p and the marking */
	int64_t				 view_id[VIEW_CACHE];
	enum ccs_tlp_view		 view[VIEW_CACHE];
	size_t				 nview;
	json_t				*rows;
	int64_t				 want;	/* rows to keep, +1 for more */
	int64_t				 seen;	/* rows read this query */
	int64_t				 last_date;	/* last row read */
	int64_t				 last_seq;
	bool				 oom;
};

/* ccs_marking_view_row of @p row, remembered by its marking id. */
static enum ccs_tlp_view
view_of(struct collect *k, const struct ccs_row *row)
{
	int64_t id = strtoll(row->vals[5], NULL, 10);
	enum ccs_tlp_view v;
	size_t i;

	for (i = 0; i < k->nview; i++)
		if (k->view_id[i] == id)
			return k->view[i];
	v = ccs_marking_view_row(k->p, row);
	i = k->nview < VIEW_CACHE ? k->nview++ : (size_t)id % VIEW_CACHE;
	k->view_id[i] = id;
	k->view[i] = v;
	return v;
}

static int
collect_row(void *arg, const struct ccs_row *row)
{
	struct collect *k = arg;
	json_t *o;

	k->seen++;
	k->last_seq = strtoll(row->vals[0], NULL, 10);
	k->last_date = strtoll(row->vals[1], NULL, 10);
	if ((int64_t)json_array_size(k->rows) >= k->want ||
	    view_of(k, row) != CCS_TLP_FULL)
		return CCS_OK;
	o = json_pack("{s:I, s:I, s:s, s:s, s:s}", "seq",
	    (json_int_t)k->last_seq, "date_added", (json_int_t)k->last_date,
	    "id", row->vals[2], "version", row->vals[3], "body", row->vals[4]);
	if (o == NULL || json_array_append_new(k->rows, o) != 0) {
		k->oom = true;
		return CCS_ENOMEM;
	}
	return CCS_OK;
}

void
ccs_taxii_page_free(struct ccs_taxii_page *pg)
{
	if (pg == NULL)
		return;
	json_decref(pg->rows);
	pg->rows = NULL;
}

int
ccs_taxii_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_taxii_coll *c, const struct ccs_taxii_query *q,
    struct ccs_taxii_page *pg, struct ccs_fail *f)
{
	struct collect k;
	struct sq *s = NULL;
	int64_t cur_date = q->cur_date, batch;
	bool has_cur = q->has_cursor;
	json_t *last;
	size_t n;
	int rc = CCS_OK;

	memset(pg, 0, sizeof(*pg));
	memset(&k, 0, sizeof(k));
	k.p = p;
	k.want = q->limit + 1;
	k.rows = json_array();
	s = calloc(1, sizeof(*s));
	if (k.rows == NULL || s == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	s->everyone = p->system;
	s->walk = strcmp(ccs_db_backend(db), "sqlite") == 0;
	ccs_reader_keys_of(p, &s->readers);
	for (;;) {
		ccs_buf_init(&s->sql, CCS_NAMED_SQL_MAX);
		s->nv = 0;
		s->nkeys = 0;
		add(s, "SELECT e.id, e.date_added, e.stix_id, e.version_text, "
		    "e.body, e.marking_id, " CCS_MARKING_COLS);
		where(s, c, q);
		/* date_added is unique in a collection (0022): the cursor
		 * is a plain range, an index range scan on both backends */
		if (has_cur) {
			add(s, " AND e.date_added > ");
			param(s, CCS_VINT(cur_date));
		}
		batch = k.want - (int64_t)json_array_size(k.rows);
		add(s, " ORDER BY e.date_added LIMIT ");
		param(s, CCS_VINT(batch));
		if (s->oom) {
			ccs_buf_free(&s->sql);
			rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
			goto out;
		}
		k.seen = 0;
		rc = ccs_db_exec(db, ccs_buf_str(&s->sql), s->v, s->nv,
		    collect_row, &k);
		ccs_buf_free(&s->sql);
		if (rc != CCS_OK) {
			rc = k.oom ? ccs_fail(f, CCS_ENOMEM, "internal", "out "
			    "of memory") : ccs_dbfail(f, db, rc);
			goto out;
		}
		if (k.seen < batch || (int64_t)json_array_size(k.rows) >=
		    k.want)
			break;
		has_cur = true;
		cur_date = k.last_date;
	}
	n = json_array_size(k.rows);
	pg->more = (int64_t)n > q->limit;
	if (pg->more)
		(void)json_array_remove(k.rows, n - 1);
	n = json_array_size(k.rows);
	if (n > 0) {
		last = json_array_get(k.rows, n - 1);
		pg->last_date = json_integer_value(json_object_get(last,
		    "date_added"));
		pg->last_seq = json_integer_value(json_object_get(last,
		    "seq"));
	}
	pg->rows = k.rows;
	k.rows = NULL;
out:
	json_decref(k.rows);
	free(s);
	return rc;
}

/* Flags the newest version left of @p sid in @p coll as the latest. */
static int
relatest(struct ccs_db *db, const char *coll, const char *sid)
{
	struct ccs_val v[2];

	v[0] = CCS_VTEXT(coll);
	v[1] = CCS_VTEXT(sid);
	return ccs_db_exec(db, "UPDATE taxii_entries SET latest = 1 WHERE "
	    "collection_id = $1 AND stix_id = $2 AND latest = 0 AND NOT "
	    "EXISTS (SELECT 1 FROM taxii_entries x WHERE x.collection_id = "
	    "$1 AND x.stix_id = $2 AND x.version > taxii_entries.version)",
	    v, 2, NULL, NULL);
}

int
ccs_taxii_delete(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_taxii_coll *c, const struct ccs_taxii_query *q,
    int64_t now, struct ccs_fail *f)
{
	struct ccs_taxii_query all = *q;
	struct ccs_taxii_page pg;
	struct ccs_val v;
	json_t *row, *ev;
	size_t i, n = 0;
	int rc;

	/* the collection's grant opens it; the role must still be one
	 * that reports shared records, as for a POST (the import) */
	rc = ccs_policy_check(p, CCS_ACT_SHARE_REPORT,
	    p->state[0] ? p->state : NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden",
		    "your role may not remove shared records");
	all.view = CCS_TAXII_VERSIONS;
	if (all.match_version == NULL)
		all.match_version = "all";
	all.limit = CCS_TAXII_LIMIT_MAX;
	all.has_added_after = false;
	do {
		rc = ccs_taxii_list(db, p, c, &all, &pg, f);
		if (rc != CCS_OK)
			return rc;
		json_array_foreach(pg.rows, i, row) {
			v = CCS_VINT(json_integer_value(json_object_get(row,
			    "seq")));
			rc = ccs_db_exec(db, "DELETE FROM taxii_entries WHERE "
			    "id = $1", &v, 1, NULL, NULL);
			if (rc != CCS_OK) {
				ccs_taxii_page_free(&pg);
				return ccs_dbfail(f, db, rc);
			}
			n++;
		}
		all.has_cursor = true;
		all.cur_date = pg.last_date;
		all.cur_seq = pg.last_seq;
		ccs_taxii_page_free(&pg);
	} while (pg.more);
	if (n == 0)
		return ccs_fail(f, CCS_ENOTFOUND, "object_not_found", "no "
		    "object '%s' matching the filters in this collection",
		    q->object_id);
	rc = relatest(db, c->id, q->object_id);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ev = json_pack("{s:s, s:s?, s:I}", "object", q->object_id,
	    "match_version", q->match_version, "deleted", (json_int_t)n);
	if (ev == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_audit_recordf(db, p, "taxii.delete", "taxii_collection", ev,
	    now, "%s", c->id);
	json_decref(ev);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* The peer that a pull of version @p key of @p id came from, if any:
 * new, caller frees; NULL when none. */
static int
pulled_from(struct ccs_db *db, const char *id, const char *key,
    char **origin)
{
	struct ccs_val v[2];
	json_t *row = NULL;
	int rc;

	*origin = NULL;
	v[0] = CCS_VTEXT(id);
	v[1] = CCS_VTEXT(key);
	rc = ccs_db_query_one(db, "SELECT origin FROM taxii_entries WHERE "
	    "stix_id = $1 AND version = $2 AND origin IS NOT NULL LIMIT 1",
	    v, 2, &row);
	if (rc == CCS_OK && ccs_jstr(row, "origin") != NULL) {
		*origin = strdup(ccs_jstr(row, "origin"));
		if (*origin == NULL)
			rc = CCS_ENOMEM;
	}
	json_decref(row);
	return rc == CCS_ENOTFOUND ? CCS_OK : rc;
}

int
ccs_taxii_file(struct ccs_db *db, const char *coll, const json_t *obj,
    const char *text, size_t len, int64_t marking_id, const char *origin,
    int64_t now_us, bool *added, struct ccs_fail *f)
{
	const char *id = ccs_jstr(obj, "id"), *type = ccs_jstr(obj, "type");
	const char *ver = ccs_jstr(obj, "modified"), *spec;
	char key[40], ts[CCS_TAXII_TS_LEN], *body = NULL, *peer = NULL;
	struct ccs_val v[3], vc[2];
	int64_t n = 0, date = 0;
	bool latest;
	int rc;

	if (added != NULL)
		*added = false;
	if (id == NULL || type == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_object", "an object "
		    "needs a type and an id");
	if (ver == NULL)
		ver = ccs_jstr(obj, "created");
	spec = ccs_jstr(obj, "spec_version");
	v[0] = CCS_VTEXT(coll);
	v[1] = CCS_VTEXT(id);
	if (ver != NULL) {
		ccs_ix_sortable_time(ver, key, sizeof(key));
		v[2] = CCS_VTEXT(key);
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM taxii_entries "
		    "WHERE collection_id = $1 AND stix_id = $2 AND version = "
		    "$3", v, 3, &n);
	} else	/* no version of its own (an SCO): one entry per id */
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM taxii_entries "
		    "WHERE collection_id = $1 AND stix_id = $2", v, 2, &n);
	if (rc != CCS_OK || n > 0)
		goto out;
	/* a version a pull brought in stays the peer's wherever it is
	 * filed again (a new collection, a catch-up publish), so a push
	 * never sends it back */
	if (origin == NULL && ver != NULL) {
		rc = pulled_from(db, id, key, &peer);
		if (rc != CCS_OK)
			goto out;
		origin = peer;
	}
	vc[0] = CCS_VTEXT(coll);
	vc[1] = CCS_VINT(now_us);
	rc = ccs_db_query_int(db, "UPDATE taxii_collections SET last_added = "
	    "CASE WHEN last_added + 1 > $2 THEN last_added + 1 ELSE $2 END "
	    "WHERE id = $1 RETURNING last_added", vc, 2, &date);
	if (rc != CCS_OK)
		goto out;
	/* the latest flag, under the collection row's lock: this version
	 * is the newest unless one is newer; then the older ones are not */
	n = 0;
	if (ver != NULL) {
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM taxii_entries "
		    "WHERE collection_id = $1 AND stix_id = $2 AND version > "
		    "$3", v, 3, &n);
		if (rc == CCS_OK && n == 0)
			rc = ccs_db_exec(db, "UPDATE taxii_entries SET "
			    "latest = 0 WHERE collection_id = $1 AND stix_id "
			    "= $2 AND latest = 1 AND version < $3", v, 3, NULL,
			    NULL);
		if (rc != CCS_OK)
			goto out;
	}
	latest = n == 0;
	if (ver == NULL) {
		ccs_taxii_ts_format(date, ts);
		ver = ts;
		ccs_ix_sortable_time(ts, key, sizeof(key));
	}
	body = text != NULL ? strndup(text, len) : json_dumps(obj,
	    JSON_COMPACT);
	if (body == NULL) {
		free(peer);
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	{
		const struct ccs_named np[] = {
			CCS_NAMED("coll", CCS_VTEXT(coll)),
			CCS_NAMED("date", CCS_VINT(date)),
			CCS_NAMED("id", CCS_VTEXT(id)),
			CCS_NAMED("type", CCS_VTEXT(type)),
			CCS_NAMED("ver", CCS_VTEXT(key)),
			CCS_NAMED("vtext", CCS_VTEXT(ver)),
			CCS_NAMED("spec", CCS_VTEXT(spec ? spec : "2.1")),
			CCS_NAMED("mid", CCS_VINT(marking_id)),
			CCS_NAMED("body", CCS_VTEXT(body)),
			CCS_NAMED("origin", CCS_VTEXT(origin)),
			CCS_NAMED("latest", CCS_VINT(latest ? 1 : 0)),
		};

		rc = ccs_db_exec_named(db, "INSERT INTO taxii_entries "
		    "(collection_id, date_added, stix_id, type, version, "
		    "version_text, spec_version, marking_id, body, origin, "
		    "latest) VALUES (:coll, :date, :id, :type, :ver, :vtext, "
		    ":spec, :mid, :body, :origin, :latest)", np,
		    CCS_NNAMED(np), NULL, NULL);
	}
	free(body);
	if (rc == CCS_OK && added != NULL)
		*added = true;
out:
	free(peer);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_taxii_publish_one(struct ccs_db *db, const json_t *obj,
    int64_t marking_id, const char *only, int64_t now_us, size_t *n,
    struct ccs_fail *f)
{
	json_t *colls = NULL, *mark = NULL, *co;
	const char *sid = ccs_jstr(obj, "id"), *ver = ccs_jstr(obj, "modified");
	struct ccs_val v[4];
	enum ccs_taxii_circle circle;
	enum ccs_tlp tlp, max;
	char state[3], key[40], *body = NULL;
	size_t j, added = 0;
	bool one;
	int rc;

	if (n != NULL)
		*n = 0;
	if (sid == NULL || ver == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_object", "a record "
		    "filed in TAXII needs an id and a modified time");
	v[0] = CCS_VINT(marking_id);
	rc = ccs_db_query_one(db, "SELECT tlp, src_state FROM markings WHERE "
	    "id = $1", v, 1, &mark);
	v[1] = CCS_VTEXT(only);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, only != NULL ? "SELECT id, root, "
		    "tlp_max FROM taxii_collections WHERE id = $1" : "SELECT "
		    "id, root, tlp_max FROM taxii_collections ORDER BY id",
		    &v[1], only ? 1 : 0, &colls);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	if (!ccs_tlp_parse(ccs_jstr(mark, "tlp"), &tlp) ||
	    json_array_size(colls) == 0)
		goto out;
	body = json_dumps(obj, JSON_COMPACT);
	if (body == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	ccs_ix_sortable_time(ver, key, sizeof(key));
	json_array_foreach(colls, j, co) {
		if (!ccs_tlp_parse(ccs_jstr(co, "tlp_max"), &max) ||
		    !ccs_taxii_root_parse(ccs_jstr(co, "root"), &circle,
		    state) || !ccs_taxii_fits(circle, state, max, tlp,
		    ccs_jstr(mark, "src_state")))
			continue;
		/* a change within the second a version is stamped with: the
		 * old text leaves, the new one gets a new date_added */
		v[0] = CCS_VTEXT(ccs_jstr(co, "id"));
		v[1] = CCS_VTEXT(sid);
		v[2] = CCS_VTEXT(key);
		v[3] = CCS_VTEXT(body);
		rc = ccs_db_exec(db, "DELETE FROM taxii_entries WHERE "
		    "collection_id = $1 AND stix_id = $2 AND version = $3 AND "
		    "body <> $4", v, 4, NULL, NULL);
		if (rc != CCS_OK) {
			rc = ccs_dbfail(f, db, rc);
			goto out;
		}
		rc = ccs_taxii_file(db, ccs_jstr(co, "id"), obj, body,
		    strlen(body), marking_id, NULL, now_us, &one, f);
		if (rc != CCS_OK)
			goto out;
		added += one;
	}
	if (n != NULL)
		*n = added;
out:
	free(body);
	json_decref(mark);
	json_decref(colls);
	return rc;
}

int
ccs_taxii_publish(struct ccs_db *db, int64_t since, int64_t now_us,
    const char *only, size_t *n, struct ccs_fail *f)
{
	json_t *colls = NULL, *rows = NULL, *row, *co, *obj;
	struct ccs_val v[3];
	enum ccs_taxii_circle circle;
	enum ccs_tlp tlp, max;
	char state[3];
	int64_t after = 0;
	size_t i, j, added = 0;
	bool one;
	int rc;

	if (n != NULL)
		*n = 0;
	v[0] = CCS_VTEXT(only);
	rc = ccs_db_query_json(db, only != NULL ? "SELECT id, root, tlp_max "
	    "FROM taxii_collections WHERE id = $1" : "SELECT id, root, "
	    "tlp_max FROM taxii_collections ORDER BY id", v, only ? 1 : 0,
	    &colls);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (json_array_size(colls) == 0)
		goto out;
	for (;;) {
		v[0] = CCS_VINT(since);
		v[1] = CCS_VINT(after);
		v[2] = CCS_VINT(500);
		rc = ccs_db_query_json(db, "SELECT o.id, o.body, o.marking_id, "
		    "m.tlp, m.src_state FROM stix_objects o JOIN markings m ON "
		    "m.id = o.marking_id WHERE o.created_at >= $1 AND "
		    "o.id > $2 ORDER BY o.id LIMIT $3", v, 3, &rows);
		if (rc != CCS_OK) {
			rc = ccs_dbfail(f, db, rc);
			goto out;
		}
		if (json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, row) {
			after = json_integer_value(json_object_get(row, "id"));
			if (!ccs_tlp_parse(ccs_jstr(row, "tlp"), &tlp))
				continue;
			obj = json_loads(ccs_jstr(row, "body"), 0, NULL);
			if (obj == NULL)
				continue;
			json_array_foreach(colls, j, co) {
				if (!ccs_tlp_parse(ccs_jstr(co, "tlp_max"),
				    &max) || !ccs_taxii_root_parse(ccs_jstr(co,
				    "root"), &circle, state) ||
				    !ccs_taxii_fits(circle, state, max, tlp,
				    ccs_jstr(row, "src_state")))
					continue;
				rc = ccs_taxii_file(db, ccs_jstr(co, "id"),
				    obj, ccs_jstr(row, "body"), strlen(
				    ccs_jstr(row, "body")), json_integer_value(
				    json_object_get(row, "marking_id")),
				    NULL, now_us, &one, f);
				if (rc != CCS_OK) {
					json_decref(obj);
					goto out;
				}
				added += one;
			}
			json_decref(obj);
		}
		json_decref(rows);
		rows = NULL;
	}
	if (n != NULL)
		*n = added;
out:
	json_decref(rows);
	json_decref(colls);
	return rc;
}
