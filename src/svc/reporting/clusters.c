/*
 * clusters.c: bundles of public reports that name the same suspect.
 *
 * The bundling keys were stored at intake (triage_access.c), so a cluster
 * is one indexed self-join of public_report_identifiers. The reports of a
 * cluster are filtered by the reader's access in the same query (VISIBLE
 * below): a report the reader may not triage is neither listed nor
 * counted, so a cluster never reveals another state's report.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "svc/listq.h"
#include "svc/reporting/clusters.h"
#include "svc/reporting/triage_access.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

/* The reports :me may triage (:all = 1 for the RIFC) within the queue of
 * :state ('' every state). */
#define VISIBLE "(:all = 1 OR r.state = :me OR EXISTS (SELECT 1 FROM " \
	"public_report_routes x WHERE x.report_id = r.id AND x.state = " \
	":me)) AND (:state = '' OR r.state = :state OR EXISTS (SELECT 1 " \
	"FROM public_report_routes y WHERE y.report_id = r.id AND y.state = " \
	":state))"
#define MEMBERS "SELECT r.id, r.reference, r.state, r.category, r.status, " \
	"r.created_at FROM public_report_identifiers i JOIN public_reports " \
	"r ON r.id = i.report_id WHERE i.bundle_key = :key AND " VISIBLE \
	" ORDER BY r.created_at, r.id"

/* The members of the cluster of bundle key @p key that @p p may read. */
static int
members(struct ccs_db *db, const struct ccs_principal *p, const char *state,
    const char *key, json_t **out)
{
	const struct ccs_named np[] = {
		CCS_NAMED("key", CCS_VTEXT(key)),
		CCS_NAMED("all", CCS_VINT(ccs_triage_may_state(p, NULL) ? 1 :
		    0)),
		CCS_NAMED("me", CCS_VTEXT(p->state)),
		CCS_NAMED("state", CCS_VTEXT(state)),
	};

	return ccs_db_query_json_named(db, MEMBERS, np, CCS_NNAMED(np), out);
}

int
ccs_clusters_of(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_triage_ref ref;
	struct ccs_val v = CCS_VINT(id);
	json_t *ks = NULL, *e, *m = NULL, *ids = NULL, *r;
	size_t i, j, k;
	bool seen;
	int rc;

	*out = NULL;
	rc = ccs_triage_load(db, p, id, &ref, f);
	if (rc != CCS_OK)
		return rc;
	/* Every report not indexed yet, so none is missing from a bundle. */
	rc = ccs_triage_intake_state(db, keys, "", now);
	if (rc == CCS_ETOOBIG)
		return ccs_triage_intake_fail(db, rc, f);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT bundle_key, kind, value "
		    "FROM public_report_identifiers WHERE report_id = $1 "
		    "ORDER BY kind, value", &v, 1, &ks);
	ids = json_array();
	if (rc == CCS_OK && ids == NULL)
		rc = CCS_ENOMEM;
	json_array_foreach(ks, i, e) {
		if (rc != CCS_OK)
			break;
		rc = members(db, p, "", ccs_jstr(e, "bundle_key"), &m);
		if (rc != CCS_OK)
			break;
		json_array_foreach(m, j, r) {
			int64_t rid = json_integer_value(json_object_get(r,
			    "id"));
			json_t *x;

			seen = rid == id;
			json_array_foreach(ids, k, x) {
				if (json_integer_value(x) == rid)
					seen = true;
			}
			if (!seen)
				(void)json_array_append_new(ids,
				    json_integer(rid));
		}
		(void)json_object_set_new(e, "reports", m);
		(void)json_object_del(e, "bundle_key");
		m = NULL;
	}
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "public_report.cluster_read",
		    "public_report", id, NULL, now);
	if (rc == CCS_OK) {
		*out = json_pack("{s:I, s:s, s:o, s:o}", "report_id",
		    (json_int_t)id, "reference", ref.reference, "keys", ks,
		    "report_ids", ids);
		ks = ids = NULL;
		if (*out == NULL)
			rc = CCS_ENOMEM;
	}
	json_decref(ks);
	json_decref(ids);
	if (rc == CCS_ECORRUPT || rc == CCS_ENOMEM)
		return ccs_fail(f, rc, "internal", "public report %s could not "
		    "be opened", ref.reference);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

/*
 * The list of clusters: the groups of VISIBLE identifiers ($1 :all, $2
 * :me, $3 :state, always the query's first three parameters), keyset
 * paged over the grouped rows. A cluster's id is stable: the id of its
 * first report (readable by the reader; later reports have greater ids)
 * times 65536 (CCS_TRIAGE_KEYS_MAX), plus the rank of its key among that
 * report's keys (fixed at intake, which refuses a report with more), so
 * no two clusters share one and none moves when reports come in.
 */
#define LIST_VISIBLE "($1 = 1 OR r.state = $2 OR EXISTS (SELECT 1 FROM " \
	"public_report_routes x WHERE x.report_id = r.id AND x.state = " \
	"$2)) AND ($3 = '' OR r.state = $3 OR EXISTS (SELECT 1 FROM " \
	"public_report_routes y WHERE y.report_id = r.id AND y.state = $3))"

static const struct ccs_keyset_col cols[] = {
	{ "size", "c.size", CCS_KEYSET_INT, true },
	{ "latest_at", "c.latest_at", CCS_KEYSET_INT, true },
	{ "first_at", "c.first_at", CCS_KEYSET_INT, true },
	{ "kind", "c.kind", CCS_KEYSET_TEXT, false },
	{ "value", "c.value", CCS_KEYSET_TEXT, false },
};

static const char *const text[] = { "c.kind", "c.value" };

static const struct ccs_listq_csvcol csv[] = {
	{ "id", "id", false }, { "kind", "kind", false },
	{ "value", "value", false }, { "size", "size", false },
	{ "first_received_at", "first_at", true },
	{ "latest_received_at", "latest_at", true },
	{ "references", "references", false },
};

const struct ccs_listq_def ccs_clusters_list_def = {
	.name = "public-report-clusters",
	.select = "SELECT c.id, c.kind, c.value, c.size, c.first_at, "
	    "c.latest_at, c.bundle_key",
	.from = "FROM (SELECT g.*, g.first_id * 65536 + (SELECT COUNT(*) "
	    "FROM public_report_identifiers z WHERE z.report_id = g.first_id "
	    "AND z.bundle_key < g.bundle_key) AS id FROM (SELECT "
	    "i.bundle_key, i.kind, i.value, COUNT(*) AS size, MIN(r.id) AS "
	    "first_id, MIN(r.created_at) AS first_at, MAX(r.created_at) AS "
	    "latest_at FROM public_report_identifiers i JOIN public_reports "
	    "r ON r.id = i.report_id WHERE " LIST_VISIBLE " GROUP BY "
	    "i.bundle_key, i.kind, i.value HAVING COUNT(*) > 1) g) c WHERE "
	    "1 = 1",
	.cols = cols, .ncols = sizeof(cols) / sizeof(cols[0]),
	.id_expr = "c.id", .text = text,
	.ntext = sizeof(text) / sizeof(text[0]),
	.date_expr = "c.latest_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = csv, .ncsv = sizeof(csv) / sizeof(csv[0]),
};

/* Each cluster shown gets its reports (as the reader may read them) and
 * the read is audited, page by page and CSV block by block. */
static int
shown(struct ccs_db *db, json_t *rows, void *arg)
{
	const struct ccs_clusters_seen *a = arg;
	json_t *e, *m = NULL, *x;
	struct ccs_buf refs;
	size_t i, j;
	int rc = CCS_OK;

	ccs_buf_init(&refs, 1u << 20);
	json_array_foreach(rows, i, e) {
		rc = members(db, a->p, a->state, ccs_jstr(e, "bundle_key"), &m);
		if (rc != CCS_OK)
			break;
		ccs_buf_reset(&refs);
		json_array_foreach(m, j, x) {
			if (rc == CCS_OK)
				rc = ccs_buf_printf(&refs, "%s%s", j > 0 ? " " :
				    "", ccs_jstr(x, "reference"));
		}
		(void)json_object_set_new(e, "reports", m);
		(void)json_object_set_new(e, "references", json_string(
		    ccs_buf_str(&refs) ? ccs_buf_str(&refs) : ""));
		(void)json_object_del(e, "bundle_key");
		if (rc != CCS_OK)
			break;
	}
	ccs_buf_free(&refs);
	if (rc != CCS_OK)
		return rc;
	return ccs_audit_recordf(db, a->p, "public_report.clusters_read",
	    "public_report_clusters", NULL, a->now, "%s", a->state[0] ?
	    a->state : "all");
}

int
ccs_clusters_query(struct ccs_db *db, const struct ccs_report_keys *keys,
    struct ccs_clusters_seen *seen, struct ccs_keyset *ks, const char *q,
    int64_t from, int64_t to, struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_triage_intake_state(db, keys, "", seen->now);
	if (rc != CCS_OK)
		return ccs_triage_intake_fail(db, rc, f);
	rc = ccs_listq_new(&ccs_clusters_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	/* $1, $2, $3 of LIST_VISIBLE, in this order */
	(void)ccs_listq_param(lq, CCS_VINT(ccs_triage_may_state(seen->p,
	    NULL) ? 1 : 0));
	(void)ccs_listq_param(lq, CCS_VTEXT(seen->p->state));
	(void)ccs_listq_param(lq, CCS_VTEXT(seen->state));
	ccs_listq_shown(lq, shown, seen);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}
