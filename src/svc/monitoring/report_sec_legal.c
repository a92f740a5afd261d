/*
 * report_sec_legal.c: legal harmonisation, read from the legal tracker
 * (svc/monitoring/legal_treaties.h and legal_matrix.h) as the author:
 * the headline (Parties to the Budapest Convention and its Second
 * Additional Protocol, national instruments in force, the states whose
 * instruments in force give effect to at least half of the Budapest and
 * HIPCAR provisions), then, except in the two-page CONSLE brief, one line
 * per state: each treaty's step with its dates and the share of those
 * provisions an instrument in force covers, and the gap analysis's legal
 * environment area (PA4), which the brief's status table already shows.
 *
 * The tracker records the current step of each fact, not its history, so
 * the figures are those at the data cut-off whatever the period; the
 * section says so. An author the policy refuses gets no figures and a
 * sentence saying they are not shown (never a zero).
 */
#include <stdint.h>
#include <string.h>

#include "svc/monitoring/legal_instruments.h"
#include "svc/monitoring/legal_matrix.h"
#include "svc/monitoring/legal_treaties.h"
#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

#define LEGAL_AREA	"PA4"	/* Legal environment, in every version */

/* What the tracker says, loaded once for the section. */
struct legal_src {
	json_t	*tracks;	/* treaty list: {items} */
	json_t	*matrix;	/* {rows, states, cells} */
	json_t	*tracked;	/* {ref: true}: Budapest, HIPCAR rows */
	int64_t	 nrows;		/* their number */
	int64_t	 in_force;	/* instruments in force or amended */
};

/* Per-state figures of the headline. */
struct legal_sum {
	int64_t	states, bud_party, sap_party, engaged, half, unverified;
};

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static bool
party(const char *status)
{
	return ccs_streq(status, "ratified") || ccs_streq(status, "acceded");
}

/* The track of @p state for @p treaty in @p src (borrowed), or NULL. */
static const json_t *
track_of(const struct legal_src *src, const char *state, const char *treaty)
{
	const json_t *t;
	size_t i;

	json_array_foreach(json_object_get(src->tracks, "items"), i, t) {
		if (ccs_streq(jstr(t, "state"), state) &&
		    ccs_streq(jstr(t, "treaty"), treaty))
			return t;
	}
	return NULL;
}

/* Budapest and HIPCAR provisions of @p state an instrument in force
 * covers (matrix rank 6). */
static int64_t
covered(const struct legal_src *src, const char *state)
{
	const json_t *c;
	int64_t n = 0;
	size_t i;

	json_array_foreach(json_object_get(src->matrix, "cells"), i, c) {
		if (ccs_streq(jstr(c, "state"), state) &&
		    json_integer_value(json_object_get(c, "rank")) == 6 &&
		    json_object_get(src->tracked, jstr(c, "provision")) != NULL)
			n++;
	}
	return n;
}

static int64_t
pct(int64_t n, int64_t of)
{
	return of > 0 ? (n * 100 + of / 2) / of : 0;
}

/* A track in words: "Acceded 2013-02-07", "Invited 2020-01-15, expires
 * 2025-01-15", "Not engaged"; "(not verified)" when so marked. */
static void
track_words(const json_t *t, char *out, size_t size)
{
	const char *st = t ? jstr(t, "status") : "not_engaged";
	const char *name = t ? jstr(t, "status_name") : "Not engaged";
	const char *d = NULL, *exp = NULL;
	bool unverified = t != NULL && !ccs_streq(st, "not_engaged") &&
	    !json_is_true(json_object_get(t, "verified"));

	if (party(st))
		d = jstr(t, "party_on");
	else if (ccs_streq(st, "signed"))
		d = jstr(t, "signed_on");
	else if (ccs_streq(st, "invited")) {
		d = jstr(t, "invited_on");
		exp = jstr(t, "invitation_expires");
	} else if (ccs_streq(st, "invitation_requested"))
		d = jstr(t, "requested_on");
	(void)ccs_snprintf(out, size, "%s%s%s%s%s%s", name ? name : "",
	    d ? " " : (party(st) ? " (date not recorded)" : ""), d ? d : "",
	    exp ? ", expires " : "", exp ? exp : "",
	    unverified ? " (not verified)" : "");
}

/* Reads the tracker as the author; the policy's refusal as it comes. */
static int
load_src(const struct ccs_report_ctx *ctx, struct legal_src *src,
    struct ccs_fail *f)
{
	struct ccs_legal_filter flt;
	static const char *const steps[] = { "in_force", "amended" };
	const json_t *r;
	json_t *page;
	size_t i;
	int rc;

	rc = ccs_legal_treaty_list(ctx->db, ctx->p, ctx->state, &src->tracks,
	    f);
	if (rc == CCS_OK)
		rc = ccs_legal_matrix(ctx->db, ctx->p, ctx->state, NULL,
		    &src->matrix, f);
	for (i = 0; rc == CCS_OK && i < 2; i++) {
		page = NULL;
		memset(&flt, 0, sizeof(flt));
		flt.state = ctx->state;
		flt.status = steps[i];
		flt.limit = 1;
		rc = ccs_legal_instrument_list(ctx->db, ctx->p, &flt, &page, f);
		if (rc == CCS_OK)
			src->in_force += json_integer_value(json_object_get(
			    page, "total"));
		json_decref(page);
	}
	if (rc != CCS_OK)
		return rc;
	src->tracked = json_object();
	if (src->tracked == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	json_array_foreach(json_object_get(src->matrix, "rows"), i, r) {
		if (!ccs_streq(jstr(r, "treaty"), "budapest") &&
		    !ccs_streq(jstr(r, "treaty"), "hipcar"))
			continue;
		if (json_object_set_new(src->tracked, jstr(r, "ref"),
		    json_true()) != 0)
			return ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
		src->nrows++;
	}
	return CCS_OK;
}

static void
src_free(struct legal_src *src)
{
	json_decref(src->tracks);
	json_decref(src->matrix);
	json_decref(src->tracked);
}

/* Counts the headline's figures; appends a line per state to @p table
 * (NULL: none). */
static int
per_state(const struct legal_src *src, json_t *table, struct legal_sum *sum)
{
	const json_t *s, *b, *p;
	char bw[160], pw[160], share[64];
	const char *code;
	int64_t n;
	size_t i;

	memset(sum, 0, sizeof(*sum));
	json_array_foreach(json_object_get(src->matrix, "states"), i, s) {
		code = jstr(s, "code");
		b = track_of(src, code, "budapest");
		p = track_of(src, code, "sap");
		n = covered(src, code);
		sum->states++;
		if (b != NULL && party(jstr(b, "status")))
			sum->bud_party++;
		else if (b != NULL && !ccs_streq(jstr(b, "status"),
		    "not_engaged"))
			sum->engaged++;
		if (p != NULL && party(jstr(p, "status")))
			sum->sap_party++;
		if (src->nrows > 0 && n * 2 >= src->nrows)
			sum->half++;
		sum->unverified += (b != NULL && !ccs_streq(jstr(b, "status"),
		    "not_engaged") && !json_is_true(json_object_get(b,
		    "verified"))) + (p != NULL && !ccs_streq(jstr(p, "status"),
		    "not_engaged") && !json_is_true(json_object_get(p,
		    "verified")));
		if (table == NULL)
			continue;
		track_words(b, bw, sizeof(bw));
		track_words(p, pw, sizeof(pw));
		(void)ccs_snprintf(share, sizeof(share),
		    "%lld of %lld (%lld%%)", (long long)n,
		    (long long)src->nrows, (long long)pct(n, src->nrows));
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[s, s, s, s]", jstr(s, "name"), bw, pw, share))
		    != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

/* The headline: one or two sentences. */
static void
headline(const struct ccs_report_ctx *ctx, const struct legal_src *src,
    const struct legal_sum *sum, char *out, size_t size)
{
	const json_t *st = json_array_get(json_object_get(src->matrix,
	    "states"), 0);
	char bw[160], pw[160];
	int64_t n;

	if (ctx->state != NULL && st != NULL) {
		track_words(track_of(src, jstr(st, "code"), "budapest"), bw,
		    sizeof(bw));
		track_words(track_of(src, jstr(st, "code"), "sap"), pw,
		    sizeof(pw));
		n = covered(src, jstr(st, "code"));
		(void)ccs_snprintf(out, size, "%s: Budapest Convention: %s; "
		    "Second Additional Protocol: %s. %lld national "
		    "instrument(s) in force, giving effect to %lld of %lld "
		    "Budapest Convention and HIPCAR provisions (%lld%%).",
		    jstr(st, "name"), bw, pw, (long long)src->in_force,
		    (long long)n, (long long)src->nrows,
		    (long long)pct(n, src->nrows));
		return;
	}
	(void)ccs_snprintf(out, size, "%lld of %lld states are Parties to the "
	    "Budapest Convention (ratified or acceded) and %lld to its Second "
	    "Additional Protocol; %lld more have asked to join, been invited "
	    "or signed. %lld national instrument(s) in force; in %lld of %lld "
	    "states they give effect to at least half of the Budapest "
	    "Convention and HIPCAR provisions.", (long long)sum->bud_party,
	    (long long)sum->states, (long long)sum->sap_party,
	    (long long)sum->engaged, (long long)src->in_force,
	    (long long)sum->half, (long long)sum->states);
}

/* The gap analysis's legal environment area, as before the tracker. */
static int
gap_area(const struct ccs_report_ctx *ctx, json_t *sec, struct ccs_fail *f)
{
	const json_t *gaps, *a, *s, *t;
	int64_t met = 0, total = 0, half = 0, states = 0;
	char text[400];
	size_t i, j, area = SIZE_MAX;
	int rc;

	rc = ccs_report_gaps(ctx, false, &gaps, f);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(json_object_get(gaps, "areas"), j, a) {
		if (ccs_streq(jstr(a, "code"), LEGAL_AREA))
			area = j;
	}
	if (area == SIZE_MAX)
		return CCS_OK;
	json_array_foreach(json_object_get(gaps, "states"), i, s) {
		if (ctx->state != NULL && !ccs_streq(ctx->state, jstr(s,
		    "code")))
			continue;
		t = json_array_get(json_object_get(s, "areas"), area);
		met += json_integer_value(json_object_get(t, "met"));
		total += json_integer_value(json_object_get(t, "total"));
		states++;
		if (json_integer_value(json_object_get(t, "percent_met")) >= 50)
			half++;
	}
	(void)ccs_snprintf(text, sizeof(text), "Legal environment (%s) in the "
	    "gap analysis: %lld of %lld standards met (%lld%%); %lld of %lld "
	    "state(s) meet at least half of them.", LEGAL_AREA,
	    (long long)met, (long long)total, (long long)pct(met, total),
	    (long long)half, (long long)states);
	if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return CCS_OK;
}

int
ccs_rsec_legal(const struct ccs_report_ctx *ctx, json_t *sec,
    struct ccs_fail *f)
{
	static const char *const cols[] = { "State", "text",
	    "Budapest Convention", "text", "Second Additional Protocol",
	    "text", "Budapest and HIPCAR provisions in force", "text", NULL };
	struct legal_src src = { NULL, NULL, NULL, 0, 0 };
	struct legal_sum sum;
	json_t *table = NULL;
	char text[800];
	bool brief = ctx->audience == CCS_AUD_CONSLE;
	int rc;

	rc = load_src(ctx, &src, f);
	if (rc == CCS_EPERM || rc == CCS_EAUTH) {
		src_free(&src);
		if (json_object_set_new(sec, "available", json_false()) != 0 ||
		    ccs_rb_add(sec, ccs_rb_para("Not shown: the author of this "
		    "report may not read the legal harmonisation tracker, so "
		    "this section has no figures. It is not a zero.")) !=
		    CCS_OK)
			return ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
		return CCS_OK;
	}
	if (rc != CCS_OK)
		goto out;
	if (!brief && ctx->state == NULL) {
		table = ccs_rb_table("Treaty track and provisions in force, "
		    "per state", cols);
		if (table == NULL)
			goto oom;
	}
	if (per_state(&src, table, &sum) != CCS_OK)
		goto oom;
	headline(ctx, &src, &sum, text, sizeof(text));
	if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	if (table != NULL) {
		rc = ccs_rb_add(sec, table);
		table = NULL;
		if (rc != CCS_OK)
			goto oom;
	}
	if (!brief) {
		(void)ccs_snprintf(text, sizeof(text), "From the legal tracker "
		    "at the data cut-off: it records each instrument's and "
		    "treaty's current step with its dates, not a history. "
		    "%lld treaty fact(s) above are marked not verified.",
		    (long long)sum.unverified);
		if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
			goto oom;
	}
	/* the brief's status table already shows PA4 */
	rc = brief ? CCS_OK : gap_area(ctx, sec, f);
	goto out;
oom:
	rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
out:
	json_decref(table);
	src_free(&src);
	return rc;
}
