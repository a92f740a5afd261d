/*
 * legal_summary.c: the legal tracker in figures (see legal_summary.h).
 * It reads through the tracker's own services, so the policy of each
 * read is theirs, and counts; nothing here queries a table.
 */
#include <stdint.h>
#include <string.h>

#include "svc/monitoring/legal_instruments.h"
#include "svc/monitoring/legal_matrix.h"
#include "svc/monitoring/legal_summary.h"
#include "svc/monitoring/legal_treaties.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

/* What the services said. */
struct src {
	json_t	*tracks;	/* treaty list: {items} */
	json_t	*matrix;	/* {rows, states, cells} */
	json_t	*tracked;	/* {ref: true}: Budapest, HIPCAR rows */
	int64_t	 nrows;		/* their number */
	int64_t	 in_force;	/* instruments in force or amended */
};

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

bool
ccs_legal_party(const char *status)
{
	return ccs_streq(status, "ratified") || ccs_streq(status, "acceded");
}

/* The track of @p state for @p treaty (borrowed), or NULL. */
static json_t *
track_of(const struct src *s, const char *state, const char *treaty)
{
	json_t *t;
	size_t i;

	json_array_foreach(json_object_get(s->tracks, "items"), i, t) {
		if (ccs_streq(jstr(t, "state"), state) &&
		    ccs_streq(jstr(t, "treaty"), treaty))
			return t;
	}
	return NULL;
}

/* Budapest and HIPCAR provisions of @p state at rank 6. */
static int64_t
covered(const struct src *s, const char *state)
{
	const json_t *c;
	int64_t n = 0;
	size_t i;

	json_array_foreach(json_object_get(s->matrix, "cells"), i, c) {
		if (ccs_streq(jstr(c, "state"), state) &&
		    json_integer_value(json_object_get(c, "rank")) == 6 &&
		    json_object_get(s->tracked, jstr(c, "provision")) != NULL)
			n++;
	}
	return n;
}

static int
load(struct ccs_db *db, const struct ccs_principal *p, const char *state,
    struct src *s, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VTEXT(state);
	const json_t *r;
	int64_t n = 0;
	size_t i;
	int rc;

	rc = ccs_legal_treaty_list(db, p, state, &s->tracks, f);
	if (rc == CCS_OK)
		rc = ccs_legal_matrix(db, p, state, NULL, &s->matrix, f);
	/* CAST: PostgreSQL cannot type a parameter seen first in IS NULL */
	if (rc == CCS_OK) {
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "legal_instruments WHERE (CAST($1 AS TEXT) IS NULL OR "
		    "state_code = $1) AND status IN ('in_force', 'amended')",
		    &v, 1, &n);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	if (rc != CCS_OK)
		return rc;
	s->in_force = n;
	s->tracked = json_object();
	if (s->tracked == NULL)
		return CCS_ENOMEM;
	json_array_foreach(json_object_get(s->matrix, "rows"), i, r) {
		if (!ccs_streq(jstr(r, "treaty"), "budapest") &&
		    !ccs_streq(jstr(r, "treaty"), "hipcar"))
			continue;
		if (json_object_set_new(s->tracked, jstr(r, "ref"),
		    json_true()) != 0)
			return CCS_ENOMEM;
		s->nrows++;
	}
	return CCS_OK;
}

/* A track past "not engaged" that the tracker does not mark verified. */
static int
unverified(const json_t *t)
{
	return t != NULL && !ccs_streq(jstr(t, "status"), "not_engaged") &&
	    !json_is_true(json_object_get(t, "verified"));
}

/* Adds the per-state lines and the counts to @p out. */
static int
fold(const struct src *s, json_t *out)
{
	int64_t bud = 0, sap = 0, engaged = 0, half = 0, unv = 0, n;
	json_t *lines = json_object_get(out, "states"), *b, *t;
	const json_t *st;
	size_t i;

	json_array_foreach(json_object_get(s->matrix, "states"), i, st) {
		b = track_of(s, jstr(st, "code"), "budapest");
		t = track_of(s, jstr(st, "code"), "sap");
		n = covered(s, jstr(st, "code"));
		if (b != NULL && ccs_legal_party(jstr(b, "status")))
			bud++;
		else if (b != NULL && !ccs_streq(jstr(b, "status"),
		    "not_engaged"))
			engaged++;
		if (t != NULL && ccs_legal_party(jstr(t, "status")))
			sap++;
		if (s->nrows > 0 && n * 2 >= s->nrows)
			half++;
		unv += unverified(b) + unverified(t);
		if (json_array_append_new(lines, json_pack("{s:O, s:O, s:O?, "
		    "s:O?, s:I}", "code", json_object_get(st, "code"), "name",
		    json_object_get(st, "name"), "budapest", b, "sap", t,
		    "covered", (json_int_t)n)) != 0)
			return CCS_ENOMEM;
	}
	if (json_object_set_new(out, "budapest_parties", json_integer(bud)) ||
	    json_object_set_new(out, "sap_parties", json_integer(sap)) ||
	    json_object_set_new(out, "engaged", json_integer(engaged)) ||
	    json_object_set_new(out, "half", json_integer(half)) ||
	    json_object_set_new(out, "unverified", json_integer(unv)))
		return CCS_ENOMEM;
	return CCS_OK;
}

int
ccs_legal_summary(struct ccs_db *db, const struct ccs_principal *p,
    const char *state, json_t **out, struct ccs_fail *f)
{
	struct src s = { NULL, NULL, NULL, 0, 0 };
	json_t *res = NULL;
	int rc;

	*out = NULL;
	rc = load(db, p, state, &s, f);
	if (rc == CCS_ENOMEM)
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (rc == CCS_OK) {
		res = json_pack("{s:I, s:I, s:[]}", "provisions",
		    (json_int_t)s.nrows, "in_force", (json_int_t)s.in_force,
		    "states");
		if (res == NULL || fold(&s, res) != CCS_OK)
			rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
	}
	json_decref(s.tracks);
	json_decref(s.matrix);
	json_decref(s.tracked);
	if (rc != CCS_OK) {
		json_decref(res);
		return rc;
	}
	*out = res;
	return CCS_OK;
}
