/*
 * gaps.c: building the gap analysis.
 *
 * A snapshot loads the latest framework (standards with their lineage and
 * met level) and one level per (state, lineage): from status_current for
 * "now", or, for a past date, the latest validated status on or before it:
 * the snapshot of the date's month overlaid with that month's history up
 * to the date (svc/standards/status_months.c). The arithmetic of met /
 * not met / no data is core/gap.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "core/gap.h"
#include "core/validate.h"
#include "svc/standards/framework.h"
#include "svc/standards/gaps.h"
#include "svc/standards/status_months.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

struct snap_std {
	int64_t		 lineage;	/* status key */
	int		 met_level;	/* minimum level */
	size_t		 area;		/* index into areas */
	size_t		 specific;	/* index into specifics */
	json_t		*row;		/* borrowed from snap.stds */
};

struct snapshot {
	char		 at[11];	/* date of the analysis */
	int64_t		 version;	/* framework version */
	json_t		*fw;		/* framework document, owned */
	json_t		*states;	/* [{code, name}], owned */
	json_t		*areas;		/* [area objects], borrowed from fw */
	json_t		*specifics;	/* [specific objects], owned array */
	struct snap_std	*stds;		/* standards, in framework order */
	size_t		 nstd;		/* number of standards */
	size_t		 nstates;	/* number of states */
	int		*level;		/* [state * nstd + std], -1 no data */
	char		(*as_of)[11];	/* same shape: date of the status */
};

static void
snap_free(struct snapshot *s)
{
	json_decref(s->fw);
	json_decref(s->states);
	json_decref(s->specifics);
	free(s->stds);
	free(s->level);
	free(s->as_of);
	memset(s, 0, sizeof(*s));
}

static long
find_state(const struct snapshot *s, const char *code)
{
	json_t *st;
	size_t i;

	json_array_foreach(s->states, i, st) {
		if (ccs_streq(json_string_value(json_object_get(st, "code")),
		    code))
			return (long)i;
	}
	return -1;
}

/* Index of @p lineage in the framework (linear: standards are few). */
static long
find_std(const struct snapshot *s, int64_t lineage)
{
	size_t i;

	for (i = 0; i < s->nstd; i++) {
		if (s->stds[i].lineage == lineage)
			return (long)i;
	}
	return -1;
}

struct fill_ctx {
	struct snapshot	*s;	/* target */
};

static int
fill_cb(void *arg, const struct ccs_row *row)
{
	struct fill_ctx *c = arg;
	struct snapshot *s = c->s;
	const char *date;
	int64_t lineage, level;
	long si, ti;

	if (row->ncols != 4 || row->vals[0] == NULL || row->vals[1] == NULL)
		return CCS_EDB;
	if (row->vals[2] == NULL)
		return CCS_OK;	/* nothing validated on or before the date */
	si = find_state(s, row->vals[0]);
	date = row->vals[3];
	if (ccs_parse_i64(row->vals[1], 0, INT64_MAX, &lineage) != CCS_OK ||
	    ccs_parse_i64(row->vals[2], 0, 100, &level) != CCS_OK)
		return CCS_EDB;
	ti = find_std(s, lineage);
	if (si < 0 || ti < 0)
		return CCS_OK;	/* a retired standard or unknown state */
	s->level[(size_t)si * s->nstd + (size_t)ti] = (int)level;
	if (date != NULL)
		(void)ccs_strlcpy(s->as_of[(size_t)si * s->nstd + (size_t)ti],
		    date, 11);
	return CCS_OK;
}

static int
check_date(const char *d, const char *name, const char *today,
    struct ccs_fail *f)
{
	if (!ccs_valid_date(d))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "%s must be a "
		    "date written YYYY-MM-DD", name);
	if (strcmp(d, today) > 0)
		return ccs_fail(f, CCS_EINVAL, "future_date", "%s is in the "
		    "future", name);
	return CCS_OK;
}

static int
snap_load(struct ccs_db *db, const struct ccs_principal *p, const char *at,
    const char *name, const char *only_state, int64_t now, struct snapshot *s,
    struct ccs_fail *f)
{
	struct fill_ctx ctx;
	json_t *a, *sa, *st;
	struct ccs_val vs[2];
	char today[11];
	size_t i, j, k, n = 0, cells;
	int rc;

	memset(s, 0, sizeof(*s));
	ccs_date_of(now, today);
	if (at != NULL) {
		rc = check_date(at, name, today, f);
		if (rc != CCS_OK)
			return rc;
	}
	(void)ccs_strlcpy(s->at, at ? at : today, sizeof(s->at));
	rc = ccs_fw_get(db, p, 0, &s->fw, f);
	if (rc != CCS_OK)
		return rc;
	s->version = json_integer_value(json_object_get(s->fw, "version"));
	s->areas = json_object_get(s->fw, "areas");
	s->specifics = json_array();
	json_array_foreach(s->areas, i, a) {
		json_array_foreach(json_object_get(a, "specific_areas"), j, sa) {
			json_array_append(s->specifics, sa);
			n += json_array_size(json_object_get(sa, "standards"));
		}
	}
	s->stds = ccs_calloc(n ? n : 1, sizeof(*s->stds));
	if (s->stds == NULL)
		goto oom;
	n = 0;
	{
		size_t spec = 0;

		json_array_foreach(s->areas, i, a) {
			json_array_foreach(json_object_get(a, "specific_areas"),
			    j, sa) {
				json_array_foreach(json_object_get(sa,
				    "standards"), k, st) {
					s->stds[n].lineage = json_integer_value(
					    json_object_get(st, "lineage_id"));
					s->stds[n].met_level = (int)
					    json_integer_value(json_object_get(
					    st, "met_level"));
					s->stds[n].area = i;
					s->stds[n].specific = spec;
					s->stds[n].row = st;
					n++;
				}
				spec++;
			}
		}
	}
	s->nstd = n;
	rc = ccs_db_query_json(db, "SELECT code, name, status FROM states ORDER "
	    "BY sort_name", NULL, 0, &s->states);
	if (rc != CCS_OK)
		goto dberr;
	s->nstates = json_array_size(s->states);
	if (!ccs_mul_sz(s->nstates, s->nstd, &cells))
		goto oom;
	s->level = ccs_calloc(cells ? cells : 1, sizeof(*s->level));
	s->as_of = ccs_calloc(cells ? cells : 1, sizeof(*s->as_of));
	if (s->level == NULL || s->as_of == NULL)
		goto oom;
	for (i = 0; i < cells; i++)
		s->level[i] = CCS_GAP_NODATA;
	ctx.s = s;
	/* A one-state report reads that state's rows only. */
	vs[0] = CCS_VTEXT(s->at);
	vs[1] = CCS_VTEXT(only_state);
	if (at == NULL || strcmp(at, today) >= 0) {
		rc = ccs_db_exec(db, only_state ? "SELECT state_code, lineage_id, "
		    "level, as_of FROM status_current WHERE state_code = $2" :
		    "SELECT state_code, lineage_id, level, as_of FROM "
		    "status_current", vs, 2, fill_cb, &ctx);
	} else {
		/* the month's snapshot and its days up to the date */
		rc = ccs_status_months_at(db, s->at, only_state, fill_cb, &ctx);
	}
	if (rc != CCS_OK)
		goto dberr;
	return CCS_OK;
oom:
	snap_free(s);
	return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
dberr:
	snap_free(s);
	return ccs_fail(f, rc, "internal", "gap analysis: %s",
	    ccs_db_errmsg(db));
}

static json_t *
tally_json(const struct ccs_gap_tally *t)
{
	size_t n = ccs_gap_total(t);

	return json_pack("{s:I, s:I, s:I, s:I, s:i}", "met", (json_int_t)t->met,
	    "unmet", (json_int_t)t->unmet, "no_data", (json_int_t)t->unknown,
	    "total", (json_int_t)n, "percent_met",
	    (int)((ccs_gap_permille(t) + 5) / 10));
}

static const char *const state_names[] = { "met", "unmet", "no_data" };

/* Label of @p level on the standard's scale, or NULL. */
static json_t *
label(const json_t *std, int level)
{
	if (level < 0)
		return json_null();
	return json_incref(json_array_get(json_object_get(std, "scale"),
	    (size_t)level));
}

int
ccs_gaps_state(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, const char *at, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct snapshot s;
	struct ccs_gap_tally all = { 0, 0, 0 }, *ta = NULL, *tsp = NULL;
	json_t *areas, *a, *sl, *std;
	enum ccs_gap_state gs;
	size_t i, j, nspec;
	long si;
	int rc, lv;

	*out = NULL;
	if (state == NULL)
		return ccs_fail(f, CCS_EINVAL, "state_required", "give a state "
		    "(?state=JM)");
	if (!ccs_valid_iso2(state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state must "
		    "be a two-letter ISO 3166 code such as JM");
	rc = snap_load(db, p, at, "at", state, now, &s, f);
	if (rc != CCS_OK)
		return rc;
	si = find_state(&s, state);
	if (si < 0) {
		snap_free(&s);
		return ccs_fail(f, CCS_ENOTFOUND, "unknown_state", "state '%s' "
		    "is not in the directory", state);
	}
	nspec = json_array_size(s.specifics);
	ta = ccs_calloc(json_array_size(s.areas) + 1, sizeof(*ta));
	tsp = ccs_calloc(nspec + 1, sizeof(*tsp));
	if (ta == NULL || tsp == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	for (i = 0; i < s.nstd; i++) {
		lv = s.level[(size_t)si * s.nstd + i];
		gs = ccs_gap_classify(lv, s.stds[i].met_level);
		ccs_gap_add(&all, gs);
		ccs_gap_add(&ta[s.stds[i].area], gs);
		ccs_gap_add(&tsp[s.stds[i].specific], gs);
		std = s.stds[i].row;
		json_object_set_new(std, "level", lv < 0 ? json_null() :
		    json_integer(lv));
		json_object_set_new(std, "level_label", label(std, lv));
		json_object_set_new(std, "met_label", label(std,
		    s.stds[i].met_level));
		json_object_set_new(std, "status", json_string(
		    state_names[gs]));
		json_object_set_new(std, "as_of", lv < 0 ? json_null() :
		    json_string(s.as_of[(size_t)si * s.nstd + i]));
	}
	areas = json_array();
	json_array_foreach(s.areas, i, a) {
		json_object_set_new(a, "summary", tally_json(&ta[i]));
		json_array_append(areas, a);
	}
	json_array_foreach(s.specifics, j, sl)
		json_object_set_new(sl, "summary", tally_json(&tsp[j]));
	*out = json_pack("{s:O, s:I, s:s, s:o, s:o}", "state",
	    json_array_get(s.states, (size_t)si), "version",
	    (json_int_t)s.version, "at", s.at, "summary", tally_json(&all),
	    "areas", areas);
	rc = *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
out:
	free(ta);
	free(tsp);
	snap_free(&s);
	return rc;
}

int
ccs_gaps_matrix(struct ccs_db *db, const struct ccs_principal *p,
    const char *at, int64_t now, json_t **out, struct ccs_fail *f)
{
	struct snapshot s;
	struct ccs_gap_tally *ta = NULL, *tsp = NULL, all;
	json_t *rows, *row, *alist, *slist, *a, *sa, *cols_a, *cols_s;
	size_t i, j, na, nspec;
	int rc = CCS_OK;

	*out = NULL;
	rc = snap_load(db, p, at, "at", NULL, now, &s, f);
	if (rc != CCS_OK)
		return rc;
	na = json_array_size(s.areas);
	nspec = json_array_size(s.specifics);
	ta = ccs_calloc(na + 1, sizeof(*ta));
	tsp = ccs_calloc(nspec + 1, sizeof(*tsp));
	rows = json_array();
	cols_a = json_array();
	cols_s = json_array();
	if (ta == NULL || tsp == NULL || rows == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	json_array_foreach(s.areas, i, a)
		json_array_append_new(cols_a, json_pack("{s:O, s:O}", "code",
		    json_object_get(a, "code"), "name", json_object_get(a,
		    "name")));
	json_array_foreach(s.specifics, j, sa)
		json_array_append_new(cols_s, json_pack("{s:O, s:O, s:I}",
		    "code", json_object_get(sa, "code"), "name",
		    json_object_get(sa, "name"), "standards", (json_int_t)
		    json_array_size(json_object_get(sa, "standards"))));
	for (i = 0; i < s.nstates; i++) {
		memset(ta, 0, (na + 1) * sizeof(*ta));
		memset(tsp, 0, (nspec + 1) * sizeof(*tsp));
		memset(&all, 0, sizeof(all));
		for (j = 0; j < s.nstd; j++) {
			enum ccs_gap_state gs = ccs_gap_classify(
			    s.level[i * s.nstd + j], s.stds[j].met_level);

			ccs_gap_add(&all, gs);
			ccs_gap_add(&ta[s.stds[j].area], gs);
			ccs_gap_add(&tsp[s.stds[j].specific], gs);
		}
		alist = json_array();
		slist = json_array();
		for (j = 0; j < na; j++)
			json_array_append_new(alist, tally_json(&ta[j]));
		for (j = 0; j < nspec; j++)
			json_array_append_new(slist, tally_json(&tsp[j]));
		row = json_pack("{s:O, s:O, s:O, s:o, s:o, s:o}", "code",
		    json_object_get(json_array_get(s.states, i), "code"), "name",
		    json_object_get(json_array_get(s.states, i), "name"),
		    "status", json_object_get(json_array_get(s.states, i),
		    "status"), "summary", tally_json(&all), "areas", alist,
		    "specific_areas", slist);
		json_array_append_new(rows, row);
	}
	*out = json_pack("{s:I, s:s, s:o, s:o, s:o}", "version",
	    (json_int_t)s.version, "at", s.at, "areas", cols_a,
	    "specific_areas", cols_s, "states", rows);
	cols_a = cols_s = rows = NULL;
	if (*out == NULL)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
out:
	json_decref(rows);
	json_decref(cols_a);
	json_decref(cols_s);
	free(ta);
	free(tsp);
	snap_free(&s);
	return rc;
}

int
ccs_gaps_changes(struct ccs_db *db, const struct ccs_principal *p,
    const char *from, const char *to, const char *state, int64_t now,
    json_t **out, struct ccs_fail *f)
{
	struct snapshot a, b;
	json_t *list, *std, *st;
	enum ccs_gap_state ga, gb;
	const char *dir;
	size_t i, j;
	int rc, la, lb;

	*out = NULL;
	if (from == NULL || to == NULL)
		return ccs_fail(f, CCS_EINVAL, "missing_field", "give both from "
		    "and to dates (YYYY-MM-DD)");
	if (state != NULL && !ccs_valid_iso2(state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state must "
		    "be a two-letter ISO 3166 code such as JM");
	if (strcmp(from, to) > 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_range", "from must not "
		    "be after to");
	rc = snap_load(db, p, from, "from", state, now, &a, f);
	if (rc != CCS_OK)
		return rc;
	rc = snap_load(db, p, to, "to", state, now, &b, f);
	if (rc != CCS_OK) {
		snap_free(&a);
		return rc;
	}
	list = json_array();
	for (i = 0; i < b.nstates; i++) {
		st = json_array_get(b.states, i);
		if (state != NULL && !ccs_streq(json_string_value(
		    json_object_get(st, "code")), state))
			continue;
		for (j = 0; j < b.nstd; j++) {
			la = a.level[i * a.nstd + j];
			lb = b.level[i * b.nstd + j];
			if (la == lb)
				continue;
			std = b.stds[j].row;
			ga = ccs_gap_classify(la, b.stds[j].met_level);
			gb = ccs_gap_classify(lb, b.stds[j].met_level);
			dir = lb > la ? "improved" : "regressed";
			json_array_append_new(list, json_pack("{s:O, s:O, s:O, "
			    "s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:b}", "state",
			    json_object_get(st, "code"), "standard",
			    json_object_get(std, "code"), "title",
			    json_object_get(std, "title"), "from_level",
			    la < 0 ? json_null() : json_integer(la),
			    "from_label", label(std, la), "to_level",
			    lb < 0 ? json_null() : json_integer(lb), "to_label",
			    label(std, lb), "from_status", state_names[ga],
			    "to_status", state_names[gb], "direction", dir,
			    "now_met", gb == CCS_GAP_MET));
		}
	}
	*out = json_pack("{s:s, s:s, s:I, s:o}", "from", a.at, "to", b.at,
	    "count", (json_int_t)json_array_size(list), "changes", list);
	snap_free(&a);
	snap_free(&b);
	return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}

static unsigned
state_permille(const struct snapshot *s, size_t si)
{
	struct ccs_gap_tally t = { 0, 0, 0 };
	size_t j;

	for (j = 0; j < s->nstd; j++)
		ccs_gap_add(&t, ccs_gap_classify(s->level[si * s->nstd + j],
		    s->stds[j].met_level));
	return ccs_gap_permille(&t);
}

struct rank {
	size_t		state;		/* index */
	unsigned	now_pm;		/* share met at 'at' */
	unsigned	then_pm;	/* share met at 'since' */
	const char	*code;		/* for ties */
};

static int
cmp_rank(const void *x, const void *y)
{
	const struct rank *a = x, *b = y;

	if (a->now_pm != b->now_pm)
		return a->now_pm < b->now_pm ? 1 : -1;
	return strcmp(a->code, b->code);
}

int
ccs_gaps_ranking(struct ccs_db *db, const struct ccs_principal *p,
    const char *at, const char *since, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	struct snapshot a, b;
	struct rank *r = NULL;
	char before[11];
	json_t *list, *st;
	size_t i;
	int rc;

	*out = NULL;
	rc = snap_load(db, p, at, "at", NULL, now, &a, f);
	if (rc != CCS_OK)
		return rc;
	if (since == NULL) {
		/* One year before the analysis date (29 February -> 28). */
		int y = (a.at[0] - '0') * 1000 + (a.at[1] - '0') * 100 +
		    (a.at[2] - '0') * 10 + (a.at[3] - '0') - 1;

		if (ccs_snprintf(before, sizeof(before), "%04d%s", y,
		    strcmp(a.at + 4, "-02-29") == 0 ? "-02-28" : a.at + 4) !=
		    CCS_OK || y < 1900) {
			snap_free(&a);
			return ccs_fail(f, CCS_EINVAL, "invalid_date", "give "
			    "since (YYYY-MM-DD)");
		}
		since = before;
	}
	rc = snap_load(db, p, since, "since", NULL, now, &b, f);
	if (rc != CCS_OK) {
		snap_free(&a);
		return rc;
	}
	r = ccs_calloc(a.nstates + 1, sizeof(*r));
	if (r == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	for (i = 0; i < a.nstates; i++) {
		r[i].state = i;
		r[i].now_pm = state_permille(&a, i);
		r[i].then_pm = state_permille(&b, i);
		r[i].code = json_string_value(json_object_get(json_array_get(
		    a.states, i), "code"));
	}
	qsort(r, a.nstates, sizeof(*r), cmp_rank);
	list = json_array();
	for (i = 0; i < a.nstates; i++) {
		st = json_array_get(a.states, r[i].state);
		json_array_append_new(list, json_pack("{s:I, s:O, s:O, s:i, "
		    "s:i, s:i}", "rank", (json_int_t)i + 1, "code",
		    json_object_get(st, "code"), "name", json_object_get(st,
		    "name"), "percent_met", (int)((r[i].now_pm + 5) / 10),
		    "percent_met_since", (int)((r[i].then_pm + 5) / 10),
		    "change_points", (int)((r[i].now_pm + 5) / 10) -
		    (int)((r[i].then_pm + 5) / 10)));
	}
	*out = json_pack("{s:s, s:s, s:I, s:o}", "at", a.at, "since", b.at,
	    "version", (json_int_t)a.version, "states", list);
	if (*out == NULL)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
out:
	free(r);
	snap_free(&a);
	snap_free(&b);
	return rc;
}

int
ccs_gaps_unmet(struct ccs_db *db, const struct ccs_principal *p,
    const char *at, int64_t now, json_t **out, struct ccs_fail *f)
{
	struct snapshot s;
	json_t *list, *std;
	size_t i, j, nodata;
	bool any;
	int rc;

	*out = NULL;
	rc = snap_load(db, p, at, "at", NULL, now, &s, f);
	if (rc != CCS_OK)
		return rc;
	list = json_array();
	for (j = 0; j < s.nstd; j++) {
		any = false;
		nodata = 0;
		for (i = 0; i < s.nstates; i++) {
			int lv = s.level[i * s.nstd + j];

			if (ccs_gap_classify(lv, s.stds[j].met_level) ==
			    CCS_GAP_MET)
				any = true;
			if (lv < 0)
				nodata++;
		}
		if (any)
			continue;
		std = s.stds[j].row;
		json_array_append_new(list, json_pack("{s:O, s:O, s:O, s:I}",
		    "code", json_object_get(std, "code"), "title",
		    json_object_get(std, "title"), "met_label",
		    json_array_get(json_object_get(std, "scale"),
		    (size_t)s.stds[j].met_level), "states_without_data",
		    (json_int_t)nodata));
	}
	*out = json_pack("{s:s, s:I, s:I, s:o}", "at", s.at, "version",
	    (json_int_t)s.version, "count", (json_int_t)json_array_size(list),
	    "standards", list);
	snap_free(&s);
	return *out ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal", "out of "
	    "memory");
}
