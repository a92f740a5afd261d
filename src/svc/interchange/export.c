/*
 * export.c: STIX 2.1 export of what a reader may read, and the principal
 * an operator's export runs as.
 *
 * Export reads each table page by page (a keyset in SQL, PAGE_ROWS rows
 * a statement, so no result is held whole) with the read policy in the
 * query: the reader's sets (ccs_reader_sets_where on the record's
 * marking) keep the readable rows, so a reader of 1% of the records never
 * reads the other 99% (issue 15 item 1). Every row is still confirmed by
 * ccs_marking_view before it is written; the operator's export of
 * everything has neither. Objects stream into a ccs_stix_writer. Ids of
 * generated objects are derived from the record (a hash formatted as a
 * UUID), so exporting twice gives the same ids. Each copy of an imported
 * object a reader may read is sent (one per source; see STIX.md).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "format/stix/stix_check.h"
#include "format/stix/stix_pattern.h"
#include "format/stix/stix_stream.h"
#include "svc/interchange/interchange.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/reader_sets.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

struct ex {
	struct ccs_db			*db;
	const struct ccs_principal	*p;
	bool				 all;	/* no marking checks */
	struct ccs_reader_keys		 keys;	/* the reader's */
	struct ccs_stix_writer		*w;
	size_t				 n;	/* objects written */
	bool				 used[CCS_TLP_NLEVELS];	/* referenced */
	bool				 have[CCS_TLP_NLEVELS];	/* written */
	int				 rc;	/* first failure */
	struct ccs_fail			*f;
	/* the value being collected (rows come ordered by value) */
	int64_t				 vid;
	int				 vtlp;	/* least strict readable, -1 */
	char				 vtype[16];
	char				 vvalue[CCS_IND_VALUE_MAX];
	int64_t				 vfirst, vlast;
	int64_t				 vmid;	/* marking of vtlp */
};

#define PAGE_ROWS	500	/* rows a statement reads */

/* Incidents made in ccscap (not held whole as imported STIX objects);
 * the caller appends a condition. */
#define INCIDENT_SQL	"SELECT i.id, i.state_code, i.title, " \
	"i.description, i.rsit_class, i.rsit_type, i.severity, i.status, " \
	"i.stix_id, i.created_at, i.updated_at, i.marking_id, " \
	CCS_MARKING_COLS \
	" FROM incidents i JOIN markings m ON m.id = i.marking_id WHERE " \
	"i.stix_copy IS NULL AND (i.stix_id IS NULL OR NOT EXISTS (SELECT 1 " \
	"FROM stix_objects o WHERE o.stix_id = i.stix_id)) AND "

/* Values seen in sightings made in ccscap (not imported from STIX), a row
 * per value and marking; the caller puts a condition between the two. */
#define VALUE_SQL	"SELECT v.id AS vid, v.type AS vtype, v.value AS " \
	"vvalue, v.first_seen, v.last_seen, m.id AS m_mid, " \
	CCS_MARKING_COLS " FROM sightings s JOIN ind_values v ON v.id = " \
	"s.value_id JOIN markings m ON m.id = s.marking_id WHERE " \
	"s.stix_id IS NULL AND "
#define VALUE_GROUP	" GROUP BY v.id, v.type, v.value, v.first_seen, " \
	"v.last_seen, m.id, m.tlp, m.src_state, m.src_org, m.author_id, " \
	"m.states, m.orgs, m.recipients, m.communities_json, " \
	"m.recipients_json ORDER BY v.id, m.id"

/* Stored STIX objects, in the order they were stored. */
#define OBJECT_SQL	"SELECT o.id AS k_id, o.created_at AS k_at, " \
	"o.stix_id, o.body, " CCS_MARKING_COLS " FROM stix_objects o JOIN " \
	"markings m ON m.id = o.marking_id WHERE o.created_at >= $1 AND "

/* One table read page by page: its SELECT up to the keyset, the keyset
 * after the last row ($2...), the order, and the row callback. */
struct walk {
	const char	*head;
	const char	*after;
	const char	*order;
	size_t		 nkeys;		/* values of the keyset */
	ccs_row_cb	 cb;
};

static int obj_row(void *arg, const struct ccs_row *row);
static int incident_row(void *arg, const struct ccs_row *row);
static int value_row(void *arg, const struct ccs_row *row);

static const struct walk walks[] = {
	{ OBJECT_SQL, "(o.created_at > $2 OR (o.created_at = $2 AND "
	    "(o.stix_id > $3 OR (o.stix_id = $3 AND o.id > $4))))",
	    " ORDER BY o.created_at, o.stix_id, o.id", 3, obj_row },
	{ INCIDENT_SQL "i.updated_at >= $1 AND ", "i.id > $2",
	    " ORDER BY i.id", 1, incident_row },
	{ VALUE_SQL "s.created_at >= $1 AND ", "(v.id > $2 OR (v.id = $2 "
	    "AND m.id > $3))", VALUE_GROUP, 2, value_row },
};

/* Where a walk is: the keyset of the last row read. */
struct pos {
	struct ex		*ex;
	const struct walk	*w;
	int64_t			 k[2];
	char			 sid[320];
	size_t			 rows;	/* read by this statement */
};

static const char *
col(const struct ccs_row *row, const char *name)
{
	size_t i;

	for (i = 0; i < row->ncols; i++) {
		if (strcmp(row->names[i], name) == 0)
			return row->vals[i];
	}
	return NULL;
}

static int64_t
col_int(const struct ccs_row *row, const char *name)
{
	const char *s = col(row, name);

	return s ? strtoll(s, NULL, 10) : 0;
}

/* Keeps the keyset of @p row, then hands it to the walk's callback. */
static int
pos_row(void *arg, const struct ccs_row *row)
{
	struct pos *ps = arg;
	const char *sid;

	ps->rows++;
	if (ps->w->cb == obj_row) {
		ps->k[0] = col_int(row, "k_at");
		ps->k[1] = col_int(row, "k_id");
		sid = col(row, "stix_id");
		(void)ccs_strlcpy(ps->sid, sid ? sid : "", sizeof(ps->sid));
	} else if (ps->w->cb == incident_row)
		ps->k[0] = col_int(row, "id");
	else {
		ps->k[0] = col_int(row, "vid");
		ps->k[1] = col_int(row, "m_mid");
	}
	return ps->w->cb(ps->ex, row);
}

/* Runs walk @p w from @p since to its end, PAGE_ROWS rows a statement. */
static int
walk_all(struct ex *ex, const struct walk *w, int64_t since)
{
	struct ccs_val v[5 + CCS_TLP_PRINCIPAL_KEYS];
	struct pos ps;
	struct ccs_buf sql;
	size_t np;
	int rc;

	memset(&ps, 0, sizeof(ps));
	ps.ex = ex;
	ps.w = w;
	ps.k[0] = INT64_MIN;
	ccs_buf_init(&sql, 16384);
	do {
		ccs_buf_reset(&sql);
		v[0] = CCS_VINT(since);
		v[1] = CCS_VINT(ps.k[0]);
		v[2] = w->nkeys == 3 ? CCS_VTEXT(ps.sid) : CCS_VINT(ps.k[1]);
		v[3] = CCS_VINT(ps.k[1]);
		np = 1 + w->nkeys;
		rc = ccs_buf_adds(&sql, w->head);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&sql, w->after);
		if (rc == CCS_OK && !ex->all)
			rc = ccs_reader_sets_where(&ex->keys, "m.reader_set",
			    &sql, v, &np, sizeof(v) / sizeof(v[0]) - 1);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&sql, w->order);
		if (rc == CCS_OK) {
			v[np++] = CCS_VINT(PAGE_ROWS);
			rc = ccs_buf_printf(&sql, " LIMIT $%zu", np);
		}
		if (rc != CCS_OK) {
			rc = ccs_fail(ex->f, rc, "internal", "out of memory");
			break;
		}
		ps.rows = 0;
		rc = ccs_db_exec(ex->db, ccs_buf_str(&sql), v, np, pos_row,
		    &ps);
	} while (rc == CCS_OK && ps.rows == PAGE_ROWS);
	ccs_buf_free(&sql);
	return rc;
}

/* What the exporting reader may know of @p row; its TLP in *@p tlp. */
static enum ccs_tlp_view
row_view(const struct ex *ex, const struct ccs_row *row, enum ccs_tlp *tlp)
{
	if (!ccs_tlp_parse(col(row, "m_tlp"), tlp))
		*tlp = CCS_TLP_RED;
	if (ex->all)
		return CCS_TLP_FULL;
	return ccs_marking_view_row(ex->p, row);
}

static void
stamp(int64_t t, char *out, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(out, len,
	    "%Y-%m-%dT%H:%M:%S.000Z", &tm) == 0)
		(void)ccs_strlcpy(out, "1970-01-01T00:00:00.000Z", len);
}

/* "<type>--<uuid>" derived from @p seed: the same record, the same id. */
static void
derived_id(const char *type, const char *seed, char *out, size_t len)
{
	unsigned char h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)seed,
	    strlen(seed), (const unsigned char *)"ccscap-stix-id", 14);
	h[6] = (unsigned char)((h[6] & 0x0F) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);
	(void)ccs_snprintf(out, len, "%s--%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x", type, h[0], h[1], h[2], h[3],
	    h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13],
	    h[14], h[15]);
}

static int
emit(struct ex *ex, json_t *obj)
{
	int rc;

	if (obj == NULL)
		return ccs_fail(ex->f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_stix_writer_add(ex->w, obj, ex->f);
	json_decref(obj);
	if (rc == CCS_OK)
		ex->n++;
	return rc;
}

static int
obj_row(void *arg, const struct ccs_row *row)
{
	struct ex *ex = arg;
	const char *body = col(row, "body"), *id = col(row, "stix_id");
	enum ccs_tlp tlp, t;
	json_t *obj;

	if (row_view(ex, row, &tlp) != CCS_TLP_FULL)
		return CCS_OK;
	obj = body ? json_loads(body, 0, NULL) : NULL;
	if (obj == NULL) {
		ex->rc = ccs_fail(ex->f, CCS_ECORRUPT, "internal", "stored STIX "
		    "object %.80s is unreadable", id ? id : "?");
		return ex->rc;
	}
	if (ccs_stix_tlp_of_marking(id, &t)) {
		/* each source keeps a copy of the same public definition */
		if (ex->have[t]) {
			json_decref(obj);
			return CCS_OK;
		}
		ex->have[t] = true;
	}
	ex->rc = emit(ex, obj);
	return ex->rc;
}

/* The STIX "incident" of an incidents row marked @p tlp (new, NULL when
 * out of memory): the one mapping of ccscap's own incidents. */
static json_t *
incident_obj(const struct ccs_row *row, enum ccs_tlp tlp)
{
	char id[80], created[32], modified[32], seed[64], rsit[100];
	const char *sid = col(row, "stix_id");

	if (sid != NULL)
		(void)ccs_strlcpy(id, sid, sizeof(id));
	else {
		(void)ccs_snprintf(seed, sizeof(seed), "incident:%s:%s",
		    col(row, "id"), col(row, "created_at"));
		derived_id("incident", seed, id, sizeof(id));
	}
	stamp(col_int(row, "created_at"), created, sizeof(created));
	stamp(col_int(row, "updated_at"), modified, sizeof(modified));
	(void)ccs_snprintf(rsit, sizeof(rsit), "%s:%s", col(row,
	    "rsit_class"), col(row, "rsit_type"));
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:[s], s:s, "
	    "s:s, s:s, s:s}", "type", "incident", "spec_version", "2.1", "id",
	    id, "created", created, "modified", modified, "name", col(row,
	    "title"), "description", col(row, "description") ? col(row,
	    "description") : "", "object_marking_refs",
	    ccs_stix_tlp_marking_id(tlp), "x_ccscap_state", col(row,
	    "state_code"), "x_ccscap_rsit", rsit, "x_ccscap_severity",
	    col(row, "severity"), "x_ccscap_status", col(row, "status"));
}

static int
incident_row(void *arg, const struct ccs_row *row)
{
	struct ex *ex = arg;
	enum ccs_tlp tlp;

	if (row_view(ex, row, &tlp) != CCS_TLP_FULL)
		return CCS_OK;
	ex->used[tlp] = true;
	ex->rc = emit(ex, incident_obj(row, tlp));
	return ex->rc;
}

/* The STIX "indicator" of the value collected in @p ex, marked with its
 * least strict readable TLP, in *@p out (new; NULL when the value has no
 * STIX pattern): the one mapping of ccscap's own indicators. */
static int
indicator_obj(struct ex *ex, json_t **out)
{
	char id[80], seed[CCS_IND_VALUE_MAX + 32], first[32], last[32];
	struct ccs_buf pat;
	enum ccs_ind_type t;
	int rc;

	*out = NULL;
	if (ccs_ind_type_parse(ex->vtype, &t) != CCS_OK)
		return CCS_OK;
	ccs_buf_init(&pat, CCS_STIX_PATTERN_MAX);
	rc = ccs_stix_pattern_build(t, ex->vvalue, &pat, NULL);
	if (rc != CCS_OK) {
		ccs_buf_free(&pat);
		return rc == CCS_ENOMEM ? ccs_fail(ex->f, rc, "internal",
		    "out of memory") : CCS_OK;
	}
	(void)ccs_snprintf(seed, sizeof(seed), "indicator:%s:%s", ex->vtype,
	    ex->vvalue);
	derived_id("indicator", seed, id, sizeof(id));
	stamp(ex->vfirst, first, sizeof(first));
	stamp(ex->vlast > ex->vfirst ? ex->vlast : ex->vfirst, last,
	    sizeof(last));
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:[s], s:s}", "type", "indicator", "spec_version", "2.1", "id", id,
	    "created", first, "modified", last, "name", ex->vvalue, "pattern",
	    ccs_buf_str(&pat), "pattern_type", "stix", "pattern_version", "2.1",
	    "valid_from", first, "object_marking_refs",
	    ccs_stix_tlp_marking_id((enum ccs_tlp)ex->vtlp), "x_ccscap_type",
	    ex->vtype);
	ccs_buf_free(&pat);
	if (*out == NULL)
		return ccs_fail(ex->f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

static int
flush_value(struct ex *ex)
{
	json_t *o;
	int rc;

	if (ex->vid == 0 || ex->vtlp < 0)
		return CCS_OK;
	ex->vid = 0;
	rc = indicator_obj(ex, &o);
	if (rc != CCS_OK || o == NULL)
		return rc;
	ex->used[ex->vtlp] = true;
	return emit(ex, o);
}

static int
value_row(void *arg, const struct ccs_row *row)
{
	struct ex *ex = arg;
	int64_t vid = col_int(row, "vid");
	enum ccs_tlp tlp;

	if (vid != ex->vid) {
		ex->rc = flush_value(ex);
		if (ex->rc != CCS_OK)
			return ex->rc;
		ex->vid = vid;
		ex->vtlp = -1;
		(void)ccs_strlcpy(ex->vtype, col(row, "vtype") ? col(row,
		    "vtype") : "", sizeof(ex->vtype));
		(void)ccs_strlcpy(ex->vvalue, col(row, "vvalue") ? col(row,
		    "vvalue") : "", sizeof(ex->vvalue));
		ex->vfirst = col_int(row, "first_seen");
		ex->vlast = col_int(row, "last_seen");
	}
	if (row_view(ex, row, &tlp) == CCS_TLP_FULL && (ex->vtlp < 0 ||
	    (int)tlp < ex->vtlp)) {
		ex->vtlp = (int)tlp;
		ex->vmid = col_int(row, "m_mid");
	}
	return CCS_OK;
}

int
ccs_ix_export_stix(struct ccs_db *db, const struct ccs_principal *p,
    bool all, int64_t since, FILE *out, size_t *n, char *bundle_id,
    size_t idlen, struct ccs_fail *f)
{
	struct ex ex;
	size_t i;
	int rc;

	if (n != NULL)
		*n = 0;
	memset(&ex, 0, sizeof(ex));
	ex.db = db;
	ex.p = p;
	ex.all = all || p->system;
	ex.f = f;
	ccs_reader_keys_of(p, &ex.keys);
	if (p->role == CCS_ROLE_ANONYMOUS && !all)
		return ccs_fail(f, CCS_EAUTH, "authentication_required", "sign "
		    "in to export");
	rc = ccs_stix_writer_new(out, NULL, &ex.w, f);
	if (rc != CCS_OK)
		return rc;
	ex.vid = 0;
	for (i = 0; rc == CCS_OK && i < sizeof(walks) / sizeof(walks[0]); i++)
		rc = walk_all(&ex, &walks[i], since);
	if (rc == CCS_OK)
		rc = flush_value(&ex);
	for (i = 0; rc == CCS_OK && i < CCS_TLP_NLEVELS; i++) {
		if (ex.used[i] && !ex.have[i])
			rc = emit(&ex, ccs_stix_tlp_marking_object(
			    (enum ccs_tlp)i));
	}
	if (rc != CCS_OK) {
		if (ex.rc != CCS_OK)
			rc = ex.rc;
		else if (f == NULL || f->code == NULL)
			rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_stix_writer_finish(ex.w, f);
	if (rc != CCS_OK)
		goto out;
	if (bundle_id != NULL)
		(void)ccs_strlcpy(bundle_id, ccs_stix_writer_id(ex.w), idlen);
	if (n != NULL)
		*n = ex.n;
out:
	ccs_stix_writer_free(ex.w);
	return rc;
}

/* What ccs_ix_incident_stix collects from its one row. */
struct one {
	json_t	*obj;
	int64_t	 mid;
};

static int
one_row(void *arg, const struct ccs_row *row)
{
	struct one *o = arg;
	enum ccs_tlp tlp;

	if (!ccs_tlp_parse(col(row, "m_tlp"), &tlp))
		tlp = CCS_TLP_RED;
	json_decref(o->obj);
	o->obj = incident_obj(row, tlp);
	o->mid = col_int(row, "marking_id");
	return o->obj != NULL ? CCS_OK : CCS_ENOMEM;
}

int
ccs_ix_incident_stix(struct ccs_db *db, int64_t id, json_t **obj,
    int64_t *marking_id, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	struct one o = { NULL, 0 };
	int rc;

	*obj = NULL;
	rc = ccs_db_exec(db, INCIDENT_SQL "i.id = $1", &v, 1, one_row, &o);
	if (rc == CCS_ENOMEM)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	else if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
	else if (o.obj == NULL)
		return CCS_ENOTFOUND;
	if (rc != CCS_OK) {
		json_decref(o.obj);
		return rc;
	}
	*obj = o.obj;
	if (marking_id != NULL)
		*marking_id = o.mid;
	return CCS_OK;
}

/*
 * The least strict TLP among value @p ex->vid's own sightings (not
 * imported from STIX) into ex->vtlp, and the first marking with it into
 * ex->vmid, as value_row finds them over the export's rows; a TLP that
 * does not parse counts as RED. One row per TLP comes back, not one per
 * sighting: a value reported 20,000 times is republished on each report.
 */
static int
least_strict(struct ex *ex)
{
	struct ccs_val v = CCS_VINT(ex->vid);
	json_t *rows = NULL, *row;
	enum ccs_tlp tlp;
	int64_t mid;
	size_t i;
	int rc;

	ex->vtlp = -1;
	rc = ccs_db_query_json(ex->db, "SELECT m.tlp AS tlp, MIN(m.id) AS mid "
	    "FROM sightings s JOIN markings m ON m.id = s.marking_id WHERE "
	    "s.value_id = $1 AND s.stix_id IS NULL GROUP BY m.tlp", &v, 1,
	    &rows);
	json_array_foreach(rows, i, row) {
		if (!ccs_tlp_parse(ccs_jstr(row, "tlp"), &tlp))
			tlp = CCS_TLP_RED;
		mid = json_integer_value(json_object_get(row, "mid"));
		if (ex->vtlp < 0 || (int)tlp < ex->vtlp || ((int)tlp ==
		    ex->vtlp && mid < ex->vmid)) {
			ex->vtlp = (int)tlp;
			ex->vmid = mid;
		}
	}
	json_decref(rows);
	return rc;
}

int
ccs_ix_indicator_stix(struct ccs_db *db, int64_t value_id, json_t **obj,
    int64_t *marking_id, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(value_id);
	json_t *row = NULL;
	struct ex ex;
	int rc;

	*obj = NULL;
	memset(&ex, 0, sizeof(ex));
	ex.db = db;
	ex.all = true;
	ex.f = f;
	rc = ccs_db_query_one(db, "SELECT type, value, first_seen, last_seen "
	    "FROM ind_values WHERE id = $1", &v, 1, &row);
	if (rc == CCS_ENOTFOUND)
		return rc;
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	ex.vid = value_id;
	(void)ccs_strlcpy(ex.vtype, ccs_jstr(row, "type") ? ccs_jstr(row,
	    "type") : "", sizeof(ex.vtype));
	(void)ccs_strlcpy(ex.vvalue, ccs_jstr(row, "value") ? ccs_jstr(row,
	    "value") : "", sizeof(ex.vvalue));
	ex.vfirst = json_integer_value(json_object_get(row, "first_seen"));
	ex.vlast = json_integer_value(json_object_get(row, "last_seen"));
	json_decref(row);
	rc = least_strict(&ex);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (ex.vtlp < 0)
		return CCS_ENOTFOUND;
	rc = indicator_obj(&ex, obj);
	if (rc != CCS_OK)
		return rc;
	if (*obj == NULL)
		return CCS_ENOTFOUND;
	if (marking_id != NULL)
		*marking_id = ex.vmid;
	return CCS_OK;
}

int
ccs_ix_export_audit(struct ccs_db *db, const struct ccs_principal *p,
    bool all, int64_t since, size_t n, const char *bundle_id, int64_t now,
    struct ccs_fail *f)
{
	json_t *ev;
	int rc;

	ev = json_pack("{s:s, s:b, s:I, s:I}", "bundle", bundle_id, "all", all,
	    "since", (json_int_t)since, "objects", (json_int_t)n);
	rc = ev ? ccs_audit_recordf(db, p, "interchange.export", "export", ev,
	    now, "%s", "stix") : CCS_ENOMEM;
	json_decref(ev);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_ix_principal(struct ccs_db *db, const char *login,
    struct ccs_principal *p, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VTEXT(login);
	json_t *row = NULL;
	int rc;

	memset(p, 0, sizeof(*p));
	rc = ccs_db_query_one(db, "SELECT id, role, state_code, "
	    "organisation_id FROM users WHERE login = $1 AND disabled = 0", &v,
	    1, &row);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "unknown_user", "no active user '%.60s'",
		    login ? login : "");
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	p->role = ccs_role_parse(ccs_jstr(row, "role"));
	p->user_id = json_integer_value(json_object_get(row, "id"));
	p->org_id = json_integer_value(json_object_get(row,
	    "organisation_id"));
	(void)ccs_strlcpy(p->login, login, sizeof(p->login));
	if (ccs_jstr(row, "state_code") != NULL)
		(void)ccs_strlcpy(p->state, ccs_jstr(row, "state_code"),
		    sizeof(p->state));
	json_decref(row);
	return CCS_OK;
}
