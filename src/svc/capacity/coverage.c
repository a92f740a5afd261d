/*
 * coverage.c: the needs x states coverage matrix.
 *
 * An initiative covers a cell when it addresses the need and the state is
 * one of its recipients (a regional share covers every state). Its stage
 * in the cell comes from its status and from the transactions that apply
 * there: a transaction naming a need or a state applies only to that
 * need or state. Cancelled initiatives cover nothing. The cell's stage is
 * the furthest of its initiatives'.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/rules.h"
#include "svc/svc.h"
#include "svc/capacity/coverage.h"
#include "svc/capacity/cap_common.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* Whether initiative row @p in addresses @p need. */
static bool
has_str(const json_t *rows, int64_t id, const char *v)
{
	const json_t *r;
	size_t i;

	json_array_foreach(rows, i, r) {
		if (json_integer_value(json_object_get(r, "i")) == id &&
		    ccs_streq(json_string_value(json_object_get(r, "v")), v))
			return true;
	}
	return false;
}

/* Whether @p id is a recipient of @p state (or regional). */
static bool
covers_state(const json_t *states, int64_t id, const char *state)
{
	const json_t *r, *v;
	size_t i;

	json_array_foreach(states, i, r) {
		if (json_integer_value(json_object_get(r, "i")) != id)
			continue;
		v = json_object_get(r, "v");
		if (json_is_null(v) || ccs_streq(json_string_value(v), state))
			return true;
	}
	return false;
}

/* The stage of initiative @p ini in cell (@p need, @p state). */
static enum ccs_stage
stage_in(const json_t *ini, const json_t *txs, const char *need,
    const char *state)
{
	int64_t id = json_integer_value(json_object_get(ini, "id"));
	int types[64];
	const json_t *t, *tn, *ts;
	size_t i, n = 0;
	enum ccs_stage s, best;

	best = ccs_stage_of((int)json_integer_value(json_object_get(ini,
	    "status")), NULL, 0, json_integer_value(json_object_get(ini,
	    "committed")) > 0);
	json_array_foreach(txs, i, t) {
		if (json_integer_value(json_object_get(t, "i")) != id)
			continue;
		tn = json_object_get(t, "need");
		ts = json_object_get(t, "state");
		if ((json_is_string(tn) && !ccs_streq(json_string_value(tn),
		    need)) || (json_is_string(ts) && !ccs_streq(
		    json_string_value(ts), state)))
			continue;
		types[n++] = (int)json_integer_value(json_object_get(t,
		    "type"));
		if (n == sizeof(types) / sizeof(types[0])) {
			s = ccs_stage_of((int)json_integer_value(
			    json_object_get(ini, "status")), types, n, false);
			best = s > best ? s : best;
			n = 0;
		}
	}
	s = ccs_stage_of((int)json_integer_value(json_object_get(ini,
	    "status")), types, n, false);
	return s > best ? s : best;
}

static int
cmp_ref_rows(const void *x, const void *y)
{
	return ccs_cap_ref_cmp(json_string_value(json_object_get(
	    *(json_t *const *)x, "ref")), json_string_value(json_object_get(
	    *(json_t *const *)y, "ref")));
}

int
ccs_coverage(struct ccs_db *db, const struct ccs_principal *p,
    json_t **out, struct ccs_fail *f)
{
	json_t *needs = NULL, *states = NULL, *inis = NULL, *ineeds = NULL,
	    *istates = NULL, *txs = NULL, *cells, *by_state, *stages, *sorted;
	json_t *s, *ini, *list, *unc, *unf, **v = NULL;
	const char *ref, *code;
	enum ccs_stage st, best;
	size_t i, j, k, nn;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read coverage");
	rc = ccs_db_query_json(db, "SELECT ref, tbl AS plan_table, need FROM "
	    "needs", NULL, 0, &needs);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT code, name FROM states "
		    "ORDER BY sort_name", NULL, 0, &states);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT i.id, i.iati_identifier, "
		    "i.title, i.status, (SELECT COUNT(*) FROM "
		    "initiative_budgets b WHERE b.initiative_id = i.id AND "
		    "b.status = 2) AS committed FROM initiatives i WHERE "
		    "i.status <> 5 ORDER BY i.id", NULL, 0, &inis);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT initiative_id AS i, "
		    "need_ref AS v FROM initiative_needs", NULL, 0, &ineeds);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT initiative_id AS i, "
		    "state_code AS v FROM initiative_states", NULL, 0,
		    &istates);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT initiative_id AS i, type, "
		    "need_ref AS need, state_code AS state FROM "
		    "initiative_transactions", NULL, 0, &txs);
	nn = json_array_size(needs);
	if (rc == CCS_OK && nn > 0) {
		v = ccs_calloc(nn, sizeof(*v));
		if (v == NULL)
			rc = CCS_ENOMEM;
	}
	if (rc != CCS_OK)
		goto out;
	for (i = 0; i < nn; i++)
		v[i] = json_array_get(needs, i);
	if (nn > 1)
		qsort(v, nn, sizeof(*v), cmp_ref_rows);
	sorted = json_array();
	for (i = 0; i < nn; i++) {
		(void)json_object_set_new(v[i], "priority_area", json_sprintf(
		    "PA%" JSON_INTEGER_FORMAT, json_integer_value(
		    json_object_get(v[i], "plan_table"))));
		(void)json_array_append(sorted, v[i]);
	}
	cells = json_array();
	by_state = json_array();
	json_array_foreach(states, j, s)
		(void)json_array_append_new(by_state, json_pack("{s:O, s:[], "
		    "s:[]}", "state", json_object_get(s, "code"), "uncovered",
		    "unfunded"));
	for (i = 0; i < nn; i++) {
		ref = json_string_value(json_object_get(v[i], "ref"));
		json_array_foreach(states, j, s) {
			code = json_string_value(json_object_get(s, "code"));
			best = CCS_STAGE_UNCOVERED;
			list = json_array();
			json_array_foreach(inis, k, ini) {
				int64_t id = json_integer_value(
				    json_object_get(ini, "id"));

				if (!has_str(ineeds, id, ref) ||
				    !covers_state(istates, id, code))
					continue;
				st = stage_in(ini, txs, ref, code);
				best = st > best ? st : best;
				(void)json_array_append_new(list, json_pack(
				    "{s:I, s:O, s:O, s:s}", "id",
				    (json_int_t)id, "iati_identifier",
				    json_object_get(ini, "iati_identifier"),
				    "title", json_object_get(ini, "title"),
				    "stage", ccs_stage_name(st)));
			}
			(void)json_array_append_new(cells, json_pack("{s:s, "
			    "s:s, s:s, s:o}", "need", ref, "state", code,
			    "stage", ccs_stage_name(best), "initiatives",
			    list));
			unc = json_object_get(json_array_get(by_state, j),
			    "uncovered");
			unf = json_object_get(json_array_get(by_state, j),
			    "unfunded");
			if (best == CCS_STAGE_UNCOVERED)
				(void)json_array_append_new(unc,
				    json_string(ref));
			else if (best == CCS_STAGE_PIPELINE)
				(void)json_array_append_new(unf,
				    json_string(ref));
		}
	}
	stages = json_array();
	for (i = CCS_STAGE_UNCOVERED; i <= CCS_STAGE_COMPLETED; i++)
		(void)json_array_append_new(stages, json_string(ccs_stage_name(
		    (enum ccs_stage)i)));
	*out = json_pack("{s:o, s:o, s:O, s:o, s:o}", "stages", stages,
	    "needs", sorted, "states", states, "cells", cells, "by_state",
	    by_state);
	if (*out == NULL)
		rc = CCS_ENOMEM;
out:
	free(v);
	json_decref(needs);
	json_decref(states);
	json_decref(inis);
	json_decref(ineeds);
	json_decref(istates);
	json_decref(txs);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}
