/*
 * ind_list.c: the list of indicator values (GET /api/v1/indicators), as
 * far as the reader may see them: a value is listed when one of its
 * sightings is readable, and everything shown, filtered or sorted on
 * (times, counts, reporting states, the TLP markings of item 3) comes
 * from readable sightings only, so a TLP:RED sighting the reader may not
 * read changes neither the rows, nor the total, nor their order.
 *
 * The policy is decided in C (ccs_marking_view), per group of sightings
 * sharing a value, marking and state; SQL narrows by type and q= and
 * groups. The page is cut by ccs_keyset_page_array. Not a goal: lists
 * of millions of sightings (each request reads every group that matches
 * the SQL filters once; see docs/internals/LISTS.md).
 */
#include <string.h>

#include "svc/sharing/indicators.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"

#define NPARAMS		(1 + CCS_KEYSET_WORDS)

const struct ccs_keyset_col ccs_ind_list_cols[] = {
	{ "last_seen", "last_seen", CCS_KEYSET_INT, true },
	{ "first_seen", "first_seen", CCS_KEYSET_INT, true },
	{ "value", "value", CCS_KEYSET_TEXT, false },
	{ "type", "type", CCS_KEYSET_TEXT, false },
	{ "sightings", "sightings", CCS_KEYSET_INT, true },
};
const size_t ccs_ind_list_ncols = sizeof(ccs_ind_list_cols) /
    sizeof(ccs_ind_list_cols[0]);

/* What the reader may see of one value, built group by group. */
struct acc {
	json_t		*row;		/* id, type, value, warning */
	int64_t		 visible;	/* readable sightings */
	int64_t		 restricted;	/* sightings known only to exist */
	int64_t		 first;		/* earliest readable seen_at */
	int64_t		 last;		/* latest readable seen_at */
	json_t		*states;	/* states of readable sightings */
	unsigned	 tlps;		/* bit per TLP of readable ones */
};

static void
acc_add(struct acc *a, const struct ccs_principal *p, const json_t *g)
{
	int64_t n = json_integer_value(json_object_get(g, "n"));
	int64_t first = json_integer_value(json_object_get(g, "first"));
	int64_t last = json_integer_value(json_object_get(g, "last"));
	const char *st = ccs_jstr(g, "state");
	enum ccs_tlp t;
	const json_t *it;
	size_t i;
	bool dup = st == NULL;

	switch (ccs_marking_view(p, g)) {
	case CCS_TLP_FULL:
		break;
	case CCS_TLP_EXISTS:
		a->restricted += n;
		return;
	case CCS_TLP_NONE:
	default:
		return;
	}
	if (a->visible == 0 || first < a->first)
		a->first = first;
	if (a->visible == 0 || last > a->last)
		a->last = last;
	a->visible += n;
	if (ccs_tlp_parse(ccs_jstr(g, "m_tlp"), &t))
		a->tlps |= 1u << t;
	json_array_foreach(a->states, i, it) {
		if (!dup && strcmp(json_string_value(it), st) == 0)
			dup = true;
	}
	if (!dup)
		(void)json_array_append_new(a->states, json_string(st));
}

static bool
has_state(const json_t *states, const char *st)
{
	const json_t *it;
	size_t i;

	json_array_foreach(states, i, it) {
		if (strcmp(json_string_value(it), st) == 0)
			return true;
	}
	return false;
}

/* Finishes @p a into @p all when the reader may see it and it passes
 * the filters of @p flt; resets @p a. */
static int
acc_flush(struct acc *a, const struct ccs_ind_filter *flt, json_t *all)
{
	json_t *tl = NULL;
	int t, rc = CCS_OK;

	if (a->row == NULL)
		return CCS_OK;
	if (a->visible == 0 || a->last < flt->since ||
	    (flt->from != 0 && a->last < flt->from) ||
	    (flt->to != 0 && a->last >= flt->to) ||
	    (flt->state != NULL && !has_state(a->states, flt->state)))
		goto out;
	tl = json_array();
	/* strictest first: the label a reader must honour leads */
	for (t = CCS_TLP_NLEVELS - 1; tl != NULL && t >= 0; t--) {
		if (a->tlps & (1u << t))
			(void)json_array_append_new(tl, json_string(
			    ccs_tlp_name((enum ccs_tlp)t)));
	}
	if (tl == NULL ||
	    json_object_set_new(a->row, "first_seen",
	    json_integer(a->first)) != 0 ||
	    json_object_set_new(a->row, "last_seen",
	    json_integer(a->last)) != 0 ||
	    json_object_set_new(a->row, "sightings",
	    json_integer(a->visible)) != 0 ||
	    json_object_set_new(a->row, "sightings_restricted",
	    json_integer(a->restricted)) != 0 ||
	    json_object_set(a->row, "states", a->states) != 0 ||
	    json_object_set_new(a->row, "markings", tl) != 0 ||
	    json_array_append(all, a->row) != 0)
		rc = CCS_ENOMEM;
out:
	json_decref(a->row);
	json_decref(a->states);
	memset(a, 0, sizeof(*a));
	return rc;
}

/* Every value @p p may see that matches @p flt, unsorted. */
static int
ind_rows(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_ind_filter *flt, struct ccs_keyset *ks, json_t **out)
{
	static const char *const words[] = { "v.value", "v.type" };
	struct ccs_val pv[NPARAMS];
	struct ccs_buf sql;
	struct acc a;
	json_t *rows = NULL, *all = NULL, *g;
	size_t np = 1, i;
	int rc;

	*out = NULL;
	memset(&a, 0, sizeof(a));
	ccs_buf_init(&sql, 8192);
	pv[0] = CCS_VTEXT(flt->type);
	rc = ccs_buf_adds(&sql, "SELECT v.id, v.type, v.value, v.warning, "
	    "s.state_code AS state, COUNT(*) AS n, MIN(s.seen_at) AS first, "
	    "MAX(s.seen_at) AS last, " CCS_MARKING_COLS " FROM ind_values v "
	    "JOIN sightings s ON s.value_id = v.id JOIN markings m ON m.id = "
	    "s.marking_id WHERE (CAST($1 AS TEXT) IS NULL OR v.type = $1)");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &sql, flt->q, words, 2, pv, &np,
		    NPARAMS);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&sql, " GROUP BY v.id, v.type, v.value, "
		    "v.warning, s.state_code, m.id, m.tlp, m.src_state, "
		    "m.src_org, m.author_id, m.states, m.orgs, m.recipients, "
		    "m.communities_json, m.recipients_json ORDER BY v.id");
	if (rc != CCS_OK)
		goto out;
	rc = ccs_db_query_json(db, ccs_buf_str(&sql), pv, np, &rows);
	if (rc != CCS_OK)
		goto out;
	all = json_array();
	if (all == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	json_array_foreach(rows, i, g) {
		int64_t id = json_integer_value(json_object_get(g, "id"));

		if (a.row != NULL && json_integer_value(json_object_get(a.row,
		    "id")) != id) {
			rc = acc_flush(&a, flt, all);
			if (rc != CCS_OK)
				goto out;
		}
		if (a.row == NULL) {
			a.row = json_pack("{sIsOsOsO}", "id", (json_int_t)id,
			    "type", json_object_get(g, "type"), "value",
			    json_object_get(g, "value"), "warning",
			    json_object_get(g, "warning"));
			a.states = json_array();
			if (a.row == NULL || a.states == NULL) {
				rc = CCS_ENOMEM;
				goto out;
			}
		}
		acc_add(&a, p, g);
	}
	rc = acc_flush(&a, flt, all);
	if (rc != CCS_OK)
		goto out;
	*out = all;
	all = NULL;
out:
	json_decref(a.row);
	json_decref(a.states);
	json_decref(all);
	json_decref(rows);
	ccs_buf_free(&sql);
	return rc;
}

int
ccs_ind_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_ind_filter *flt, struct ccs_keyset *ks, bool whole,
    json_t **out, struct ccs_fail *f)
{
	json_t *all = NULL, *page = NULL;
	int64_t total;
	int rc;

	*out = NULL;
	rc = ind_rows(db, p, flt, ks, &all);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	total = (int64_t)json_array_size(all);
	rc = ccs_keyset_page_array(ks, all, &page);
	if (rc == CCS_OK && whole) {
		*out = all;
		json_decref(page);
		return CCS_OK;
	}
	json_decref(all);
	if (rc == CCS_OK)
		rc = ccs_keyset_reply(ks, page, total, out);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "the list could not be "
		    "made");
	return CCS_OK;
}
