/*
 * legal_matrix.c: the provisions and the state x provision matrix (see
 * legal_matrix.h).
 *
 * The matrix is three queries (rows, states, every mapping joined to its
 * instrument) folded here: a cell keeps the best rank of
 * core/monitoring/legal.h's ccs_legal_cell_rank over its mappings, and
 * lists every instrument that maps a section to it, so a lapsed bill
 * beside an act in force is still seen. The size is bounded by the
 * provisions and states tables, not by a page.
 */
#include <stdlib.h>
#include <string.h>

#include "core/monitoring/legal.h"
#include "core/validate.h"
#include "svc/monitoring/legal_matrix.h"
#include "svc/standards/framework.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t
jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static int
refuse(int rc, struct ccs_fail *f)
{
	return ccs_fail(f, rc, "authentication_required", "sign in to see "
	    "the legal tracker");
}

/* The rows of @p treaty (NULL: all), with their standards. */
static int
load_rows(struct ccs_db *db, const char *treaty, json_t **rows)
{
	struct ccs_val v[2];
	json_t *links = NULL, *r, *l;
	int64_t vid = 0;
	size_t i, j;
	int rc;

	*rows = NULL;
	rc = ccs_fw_latest(db, &vid, NULL);
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return rc;
	v[0] = CCS_VTEXT(treaty);
	v[1] = CCS_VINT(vid);
	/* CAST: PostgreSQL cannot type a parameter seen first in IS NULL */
	rc = ccs_db_query_json(db, "SELECT id, ref, treaty, family, number, "
	    "title, verified, source_url FROM legal_rows WHERE CAST($1 AS "
	    "TEXT) IS NULL OR treaty = $1 ORDER BY ord, id", v, 1, rows);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT t.row_id, s.code FROM "
		    "legal_row_standards t JOIN standards s ON s.lineage_id = "
		    "t.lineage_id AND s.version_id = $1 ORDER BY s.code", v + 1,
		    1, &links);
	json_array_foreach(*rows, i, r) {
		if (rc != CCS_OK)
			break;
		if (json_object_set_new(r, "verified", json_boolean(jint(r,
		    "verified") != 0)) != 0 || json_object_set_new(r,
		    "standards", json_array()) != 0) {
			rc = CCS_ENOMEM;
			break;
		}
		json_array_foreach(links, j, l) {
			if (jint(l, "row_id") == jint(r, "id") &&
			    json_array_append(json_object_get(r, "standards"),
			    json_object_get(l, "code")) != 0)
				rc = CCS_ENOMEM;
		}
	}
	json_decref(links);
	if (rc != CCS_OK) {
		json_decref(*rows);
		*rows = NULL;
	}
	return rc;
}

static const struct ccs_keyset_col prov_cols[] = {
	{ "ord", "ord", CCS_KEYSET_INT, false },
	{ "ref", "ref", CCS_KEYSET_TEXT, false },
	{ "treaty", "treaty", CCS_KEYSET_TEXT, false },
	{ "family", "family", CCS_KEYSET_TEXT, false },
	{ "title", "title", CCS_KEYSET_TEXT, false },
};

static const char *const prov_text[] = {
	"ref", "title", "treaty", "family", "number",
};

static const struct ccs_listq_csvcol prov_csv[] = {
	{ "id", "id", false }, { "ref", "ref", false },
	{ "treaty", "treaty", false }, { "family", "family", false },
	{ "number", "number", false }, { "title", "title", false },
	{ "verified", "verified", false },
	{ "standards", "standards", false },
	{ "source_url", "source_url", false },
};

const struct ccs_listq_def ccs_legal_provision_list_def = {
	.name = "legal_provisions",
	.select = "SELECT id, ref, treaty, family, number, title, ord, "
	    "verified, source_url",
	.from = "FROM legal_rows WHERE 1 = 1",
	.cols = prov_cols, .ncols = sizeof(prov_cols) / sizeof(prov_cols[0]),
	.id_expr = "id", .text = prov_text,
	.ntext = sizeof(prov_text) / sizeof(prov_text[0]),
	.csv = prov_csv, .ncsv = sizeof(prov_csv) / sizeof(prov_csv[0]),
};

/* A provision of the list with the standards of the latest framework. */
static int
provision_row(struct ccs_db *db, json_t *r, const void *ctx)
{
	struct ccs_val v[2];
	json_t *codes = NULL, *std, *l;
	int64_t vid = 0;
	size_t i;
	int rc;

	(void)ctx;
	rc = ccs_fw_latest(db, &vid, NULL);
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return rc;
	v[0] = CCS_VINT(jint(r, "id"));
	v[1] = CCS_VINT(vid);
	rc = ccs_db_query_json(db, "SELECT s.code FROM legal_row_standards t "
	    "JOIN standards s ON s.lineage_id = t.lineage_id AND "
	    "s.version_id = $2 WHERE t.row_id = $1 ORDER BY s.code", v, 2,
	    &codes);
	if (rc != CCS_OK)
		return rc;
	std = json_array();
	rc = std != NULL ? CCS_OK : CCS_ENOMEM;
	json_array_foreach(codes, i, l) {
		if (rc == CCS_OK && json_array_append(std, json_object_get(l,
		    "code")) != 0)
			rc = CCS_ENOMEM;
	}
	json_decref(codes);
	if (rc != CCS_OK) {
		json_decref(std);
		return rc;
	}
	if (json_object_set_new(r, "standards", std) != 0 ||
	    json_object_set_new(r, "verified", json_boolean(jint(r,
	    "verified") != 0)) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}

int
ccs_legal_provision_query(const struct ccs_principal *p, const char *treaty,
    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
    struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_READ, NULL);
	if (rc != CCS_OK)
		return refuse(rc, f);
	if (treaty != NULL && !ccs_streq(treaty, "budapest") &&
	    !ccs_streq(treaty, "sap") && !ccs_streq(treaty, "hipcar"))
		return ccs_fail(f, CCS_EINVAL, "invalid_treaty", "treaty must "
		    "be budapest, sap or hipcar");
	rc = ccs_listq_new(&ccs_legal_provision_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "treaty", CCS_VTEXT(treaty));
	ccs_listq_each(lq, provision_row, NULL);
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

/* Adds mapping row @p m to the cell it falls in, in @p cells. */
static int
fold(json_t *cells, json_t *index, const json_t *m)
{
	const char *st = jstr(m, "status");
	char key[96];
	json_t *cell, *insts, *inst, *x;
	int rank = ccs_legal_cell_rank(st);
	size_t i;

	if (ccs_snprintf(key, sizeof(key), "%s|%s", jstr(m, "state"),
	    jstr(m, "ref")) != CCS_OK)
		return CCS_EINVAL;
	cell = json_object_get(index, key);
	if (cell == NULL) {
		cell = json_pack("{s:s, s:s, s:i, s:b, s:[]}", "state",
		    jstr(m, "state"), "provision", jstr(m, "ref"), "rank", -2,
		    "partial", true, "instruments");
		if (cell == NULL ||
		    json_object_set_new(index, key, cell) != 0 ||
		    json_array_append(cells, cell) != 0)
			return CCS_ENOMEM;
	}
	if (rank > jint(cell, "rank")) {
		if (json_object_set_new(cell, "rank",
		    json_integer(rank)) != 0 ||
		    json_object_set_new(cell, "status", json_string(st)) != 0 ||
		    json_object_set_new(cell, "status_name", json_string(
		    ccs_vocab_word(&ccs_legal_statuses, st)->name)) != 0 ||
		    json_object_set_new(cell, "partial", json_true()) != 0)
			return CCS_ENOMEM;
	}
	/* full when any mapping at the best rank is not partial */
	if (rank == jint(cell, "rank") && jint(m, "partial") == 0 &&
	    json_object_set_new(cell, "partial", json_false()) != 0)
		return CCS_ENOMEM;
	insts = json_object_get(cell, "instruments");
	inst = NULL;
	json_array_foreach(insts, i, x) {
		if (jint(x, "id") == jint(m, "instrument_id"))
			inst = x;
	}
	if (inst == NULL) {
		inst = json_pack("{s:O, s:O, s:O, s:s, s:[]}", "id",
		    json_object_get(m, "instrument_id"), "name",
		    json_object_get(m, "name"), "number", json_object_get(m,
		    "number"), "status", st, "sections");
		if (inst == NULL || json_array_append_new(insts, inst) != 0)
			return CCS_ENOMEM;
	}
	return json_array_append(json_object_get(inst, "sections"),
	    json_object_get(m, "section")) == 0 ? CCS_OK : CCS_ENOMEM;
}

int
ccs_legal_matrix(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, const char *treaty, json_t **out, struct ccs_fail *f)
{
	json_t *rows = NULL, *states = NULL, *maps = NULL, *cells = NULL;
	json_t *index = NULL, *m, *s, *c;
	struct ccs_val v[2];
	size_t i, j;
	int64_t n;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_LEGAL_READ, NULL);
	if (rc != CCS_OK)
		return refuse(rc, f);
	if (state != NULL) {
		rc = ccs_state_known(db, state, "state", f);
		if (rc != CCS_OK)
			return rc;
	}
	if (treaty != NULL && !ccs_streq(treaty, "budapest") &&
	    !ccs_streq(treaty, "sap") && !ccs_streq(treaty, "hipcar"))
		return ccs_fail(f, CCS_EINVAL, "invalid_treaty", "treaty must "
		    "be budapest, sap or hipcar");
	v[0] = CCS_VTEXT(state);
	v[1] = CCS_VTEXT(treaty);
	rc = load_rows(db, treaty, &rows);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT code, name FROM states "
		    "WHERE CAST($1 AS TEXT) IS NULL OR code = $1 ORDER BY "
		    "sort_name, code", v, 1, &states);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT i.state_code AS state, "
		    "r.ref, i.id AS instrument_id, i.name, i.number, i.status, "
		    "m.section, m.partial FROM legal_mappings m JOIN "
		    "legal_instruments i ON i.id = m.instrument_id JOIN "
		    "legal_rows r ON r.id = m.row_id WHERE (CAST($1 AS TEXT) "
		    "IS NULL OR i.state_code = $1) AND (CAST($2 AS TEXT) IS "
		    "NULL OR r.treaty = $2) ORDER BY i.state_code, r.ord, "
		    "i.id, m.ord", v, 2, &maps);
	cells = json_array();
	index = json_object();
	if (rc == CCS_OK && (cells == NULL || index == NULL))
		rc = CCS_ENOMEM;
	json_array_foreach(maps, i, m) {
		if (rc != CCS_OK)
			break;
		rc = fold(cells, index, m);
	}
	/* per state: how many provisions some instrument in force covers */
	json_array_foreach(states, i, s) {
		n = 0;
		json_array_foreach(cells, j, c) {
			if (ccs_streq(jstr(c, "state"), jstr(s, "code")) &&
			    jint(c, "rank") == 6)
				n++;
		}
		if (rc == CCS_OK && json_object_set_new(s, "in_force",
		    json_integer((json_int_t)n)) != 0)
			rc = CCS_ENOMEM;
	}
	if (rc == CCS_OK) {
		*out = json_pack("{s:O, s:O, s:O}", "rows", rows, "states",
		    states, "cells", cells);
		if (*out == NULL)
			rc = CCS_ENOMEM;
	}
	json_decref(index);
	json_decref(cells);
	json_decref(maps);
	json_decref(states);
	json_decref(rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}
