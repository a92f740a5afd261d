/*
 * history.c: one state's share of standards met, date by date.
 *
 * The latest framework gives the standards (lineage, met level, priority
 * area). The state's validated statuses are read from status_history in
 * (as_of, assessment_id) order and replayed: after each date the level of a
 * standard is the last one recorded on or before it, which is exactly how
 * the gap analysis picks a level for a past date, so a point here equals
 * GET /api/v1/gaps?at=<that date>. A point is written only for dates on
 * which some level changed; statuses of retired standards (lineages not in
 * the latest framework) are skipped, as in the gap analysis.
 */
#include <stdlib.h>
#include <string.h>

#include "core/gap.h"
#include "core/validate.h"
#include "svc/standards/framework.h"
#include "svc/standards/history.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

struct hist_std {
	int64_t	 lineage;	/* status key */
	int	 met_level;	/* minimum level */
	size_t	 area;		/* index of its priority area */
};

struct replay {
	struct hist_std	*stds;		/* latest framework's */
	size_t		 nstd;		/* number of standards */
	size_t		 nareas;	/* number of priority areas */
	int		*level;		/* [nstd], or CCS_GAP_NODATA */
	int		*prev;		/* [nstd] at the previous date */
	struct ccs_gap_tally *ta;	/* [nareas]: scratch */
	char		 date[11];	/* date being replayed, or "" */
	json_t		*points;	/* output array */
	int		 rc;		/* first error in the callback */
};

static json_t *
tally_json(const struct ccs_gap_tally *t)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:i}", "met", (json_int_t)t->met,
	    "unmet", (json_int_t)t->unmet, "no_data", (json_int_t)t->unknown,
	    "total", (json_int_t)ccs_gap_total(t), "percent_met",
	    (int)((ccs_gap_permille(t) + 5) / 10));
}

/* Closes the date in r->date: a point if any level changed on it. */
static int
close_date(struct replay *r)
{
	struct ccs_gap_tally all = { 0, 0, 0 };
	enum ccs_gap_state gs;
	json_t *areas, *pt;
	size_t i, changed = 0;

	if (r->date[0] == '\0')
		return CCS_OK;
	for (i = 0; i < r->nstd; i++) {
		if (r->level[i] != r->prev[i])
			changed++;
	}
	if (changed == 0)
		return CCS_OK;
	memset(r->ta, 0, r->nareas * sizeof(*r->ta));
	for (i = 0; i < r->nstd; i++) {
		gs = ccs_gap_classify(r->level[i], r->stds[i].met_level);
		ccs_gap_add(&all, gs);
		ccs_gap_add(&r->ta[r->stds[i].area], gs);
		r->prev[i] = r->level[i];
	}
	areas = json_array();
	for (i = 0; areas != NULL && i < r->nareas; i++) {
		if (json_array_append_new(areas, tally_json(&r->ta[i])) != 0) {
			json_decref(areas);
			areas = NULL;
		}
	}
	pt = areas ? json_pack("{s:s, s:I, s:o, s:o}", "date", r->date,
	    "changed", (json_int_t)changed, "summary", tally_json(&all),
	    "areas", areas) : NULL;
	if (pt == NULL || json_array_append_new(r->points, pt) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* Remembers the callback's error (exec returns it, this keeps ENOMEM). */
static int
cb_fail(struct replay *r, int rc)
{
	r->rc = rc;
	return rc;
}

static int
replay_cb(void *arg, const struct ccs_row *row)
{
	struct replay *r = arg;
	int64_t lineage, level;
	size_t i;
	int rc;

	if (row->ncols != 3 || row->vals[0] == NULL || row->vals[1] == NULL ||
	    row->vals[2] == NULL || !ccs_valid_date(row->vals[1]) ||
	    ccs_parse_i64(row->vals[0], 0, INT64_MAX, &lineage) != CCS_OK ||
	    ccs_parse_i64(row->vals[2], 0, 100, &level) != CCS_OK)
		return cb_fail(r, CCS_EDB);
	if (strcmp(row->vals[1], r->date) != 0) {
		rc = close_date(r);
		if (rc != CCS_OK)
			return cb_fail(r, rc);
		(void)ccs_strlcpy(r->date, row->vals[1], sizeof(r->date));
	}
	/* linear: a framework has tens of standards */
	for (i = 0; i < r->nstd; i++) {
		if (r->stds[i].lineage == lineage) {
			r->level[i] = (int)level;
			break;
		}
	}
	return CCS_OK;
}

/* Fills r->stds from the framework document and returns its areas. */
static int
load_standards(const json_t *fw, struct replay *r)
{
	const json_t *a, *sa, *st;
	size_t i, j, k, n = 0;

	json_array_foreach(json_object_get(fw, "areas"), i, a) {
		json_array_foreach(json_object_get(a, "specific_areas"), j,
		    sa)
			n += json_array_size(json_object_get(sa, "standards"));
	}
	r->nareas = json_array_size(json_object_get(fw, "areas"));
	r->stds = ccs_calloc(n ? n : 1, sizeof(*r->stds));
	r->level = ccs_calloc(n ? n : 1, sizeof(*r->level));
	r->prev = ccs_calloc(n ? n : 1, sizeof(*r->prev));
	r->ta = ccs_calloc(r->nareas ? r->nareas : 1, sizeof(*r->ta));
	if (r->stds == NULL || r->level == NULL || r->prev == NULL ||
	    r->ta == NULL)
		return CCS_ENOMEM;
	json_array_foreach(json_object_get(fw, "areas"), i, a) {
		json_array_foreach(json_object_get(a, "specific_areas"), j,
		    sa) {
			json_array_foreach(json_object_get(sa, "standards"), k,
			    st) {
				r->stds[r->nstd].lineage = json_integer_value(
				    json_object_get(st, "lineage_id"));
				r->stds[r->nstd].met_level = (int)
				    json_integer_value(json_object_get(st,
				    "met_level"));
				r->stds[r->nstd].area = i;
				r->level[r->nstd] = CCS_GAP_NODATA;
				r->prev[r->nstd] = CCS_GAP_NODATA;
				r->nstd++;
			}
		}
	}
	return CCS_OK;
}

int
ccs_gaps_history(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, json_t **out, struct ccs_fail *f)
{
	struct replay r;
	json_t *fw = NULL, *st = NULL, *areas = NULL, *a;
	struct ccs_val v;
	size_t i;
	int rc;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	if (state == NULL)
		return ccs_fail(f, CCS_EINVAL, "state_required", "give a state "
		    "(?state=JM)");
	if (!ccs_valid_iso2(state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	/* the framework read also checks that the caller may see gaps */
	rc = ccs_fw_get(db, p, 0, &fw, f);
	if (rc != CCS_OK)
		return rc;
	v = CCS_VTEXT(state);
	rc = ccs_db_query_one(db, "SELECT code, name, status FROM states WHERE "
	    "code = $1", &v, 1, &st);
	if (rc == CCS_ENOTFOUND) {
		rc = ccs_fail(f, rc, "unknown_state", "state '%s' is not in "
		    "the directory", state);
		goto out;
	}
	if (rc != CCS_OK)
		goto dberr;
	rc = load_standards(fw, &r);
	r.points = json_array();
	areas = json_array();
	if (rc != CCS_OK || r.points == NULL || areas == NULL)
		goto oom;
	json_array_foreach(json_object_get(fw, "areas"), i, a) {
		if (json_array_append_new(areas, json_pack("{s:O, s:O}", "code",
		    json_object_get(a, "code"), "name", json_object_get(a,
		    "name"))) != 0)
			goto oom;
	}
	rc = ccs_db_exec(db, "SELECT lineage_id, as_of, level FROM "
	    "status_history WHERE state_code = $1 ORDER BY as_of, "
	    "assessment_id", &v, 1, replay_cb, &r);
	if (rc == CCS_OK)
		rc = close_date(&r);
	if (rc == CCS_ENOMEM || r.rc == CCS_ENOMEM)
		goto oom;
	if (rc != CCS_OK)
		goto dberr;
	*out = json_pack("{s:O, s:O, s:O, s:O}", "state", st, "version",
	    json_object_get(fw, "version"), "areas", areas, "points",
	    r.points);
	if (*out == NULL)
		goto oom;
	rc = CCS_OK;
	goto out;
oom:
	rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	goto out;
dberr:
	rc = ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
	    "status history: %s", ccs_db_errmsg(db));
out:
	json_decref(fw);
	json_decref(st);
	json_decref(areas);
	json_decref(r.points);
	free(r.stds);
	free(r.level);
	free(r.prev);
	free(r.ta);
	return rc;
}
