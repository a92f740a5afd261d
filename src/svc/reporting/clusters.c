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

#include "svc/reporting/clusters.h"
#include "svc/reporting/triage_access.h"
#include "svc/svc.h"
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
#define GROUPS "FROM public_report_identifiers i JOIN public_reports r ON " \
	"r.id = i.report_id WHERE " VISIBLE " GROUP BY i.bundle_key, " \
	"i.kind, i.value HAVING COUNT(*) > 1"

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

int
ccs_clusters_list(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, const char *state, int64_t limit,
    int64_t offset, int64_t now, json_t **out, struct ccs_fail *f)
{
	const struct ccs_named np[] = {
		CCS_NAMED("all", CCS_VINT(ccs_triage_may_state(p, NULL) ? 1 :
		    0)),
		CCS_NAMED("me", CCS_VTEXT(p->state)),
		CCS_NAMED("state", CCS_VTEXT(state)),
		CCS_NAMED("lim", CCS_VINT(limit + 1)),
		CCS_NAMED("off", CCS_VINT(offset)),
	};
	json_t *items = NULL, *e, *m = NULL;
	int64_t total = 0;
	char cur[24] = "";
	bool more;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_triage_intake_state(db, keys, "", now);
	if (rc == CCS_OK)
		rc = ccs_db_query_int_named(db, "SELECT COUNT(*) FROM (SELECT "
		    "i.bundle_key " GROUPS ") g", np, CCS_NNAMED(np) - 2,
		    &total);
	if (rc == CCS_OK)
		rc = ccs_db_query_json_named(db, "SELECT i.bundle_key, i.kind, "
		    "i.value, COUNT(*) AS size " GROUPS " ORDER BY COUNT(*) "
		    "DESC, i.bundle_key LIMIT :lim OFFSET :off", np,
		    CCS_NNAMED(np), &items);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	more = json_array_size(items) > (size_t)limit;
	if (more)
		(void)json_array_remove(items, (size_t)limit);
	json_array_foreach(items, i, e) {
		rc = members(db, p, state, ccs_jstr(e, "bundle_key"), &m);
		if (rc != CCS_OK)
			break;
		(void)json_object_set_new(e, "reports", m);
		(void)json_object_del(e, "bundle_key");
	}
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "public_report.clusters_read",
		    "public_report_clusters", NULL, now, "%s", state[0] ?
		    state : "all");
	if (rc != CCS_OK) {
		json_decref(items);
		return ccs_dbfail(f, db, rc);
	}
	if (more)
		(void)ccs_snprintf(cur, sizeof(cur), "%" PRId64, offset +
		    limit);
	*out = json_pack("{s:o, s:I, s:I, s:o}", "items", items, "count",
	    (json_int_t)json_array_size(items), "total", (json_int_t)total,
	    "next_cursor", more ? json_string(cur) : json_null());
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}
