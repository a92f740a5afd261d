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

#include "svc/monitoring/legal_summary.h"
#include "svc/monitoring/report_sections.h"
#include "util/err.h"
#include "util/str.h"

#define LEGAL_AREA	"PA4"	/* Legal environment, in every version */

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
	bool party = ccs_legal_party(st);
	bool unverified = t != NULL && !ccs_streq(st, "not_engaged") &&
	    !json_is_true(json_object_get(t, "verified"));

	if (party)
		d = jstr(t, "party_on");
	else if (ccs_streq(st, "signed"))
		d = jstr(t, "signed_on");
	else if (ccs_streq(st, "invited")) {
		d = jstr(t, "invited_on");
		exp = jstr(t, "invitation_expires");
	} else if (ccs_streq(st, "invitation_requested"))
		d = jstr(t, "requested_on");
	(void)ccs_snprintf(out, size, "%s%s%s%s%s%s", name ? name : "",
	    d ? " " : (party ? " (date not recorded)" : ""), d ? d : "",
	    exp ? ", expires " : "", exp ? exp : "",
	    unverified ? " (not verified)" : "");
}

/* One line per state of summary @p sum in @p table. */
static int
per_state(const json_t *sum, json_t *table)
{
	const json_t *s;
	char bw[160], pw[160], share[64];
	int64_t n = jint(sum, "provisions");
	size_t i;

	json_array_foreach(json_object_get(sum, "states"), i, s) {
		track_words(json_object_get(s, "budapest"), bw, sizeof(bw));
		track_words(json_object_get(s, "sap"), pw, sizeof(pw));
		(void)ccs_snprintf(share, sizeof(share),
		    "%lld of %lld (%lld%%)", (long long)jint(s, "covered"),
		    (long long)n, (long long)pct(jint(s, "covered"), n));
		if (json_array_append_new(json_object_get(table, "rows"),
		    json_pack("[s, s, s, s]", jstr(s, "name"), bw, pw, share))
		    != 0)
			return CCS_ENOMEM;
	}
	return CCS_OK;
}

/* The headline: one or two sentences. */
static void
headline(const struct ccs_report_ctx *ctx, const json_t *sum, char *out,
    size_t size)
{
	const json_t *st = json_array_get(json_object_get(sum, "states"), 0);
	int64_t nrows = jint(sum, "provisions");
	int64_t nstates = (int64_t)json_array_size(json_object_get(sum,
	    "states"));
	char bw[160], pw[160];

	if (ctx->state != NULL && st != NULL) {
		track_words(json_object_get(st, "budapest"), bw, sizeof(bw));
		track_words(json_object_get(st, "sap"), pw, sizeof(pw));
		(void)ccs_snprintf(out, size, "%s: Budapest Convention: %s; "
		    "Second Additional Protocol: %s. %lld national "
		    "instrument(s) in force, giving effect to %lld of %lld "
		    "Budapest Convention and HIPCAR provisions (%lld%%).",
		    jstr(st, "name"), bw, pw, (long long)jint(sum, "in_force"),
		    (long long)jint(st, "covered"), (long long)nrows,
		    (long long)pct(jint(st, "covered"), nrows));
		return;
	}
	(void)ccs_snprintf(out, size, "%lld of %lld states are Parties to the "
	    "Budapest Convention (ratified or acceded) and %lld to its Second "
	    "Additional Protocol; %lld more have asked to join, been invited "
	    "or signed. %lld national instrument(s) in force; in %lld of %lld "
	    "states they give effect to at least half of the Budapest "
	    "Convention and HIPCAR provisions.",
	    (long long)jint(sum, "budapest_parties"), (long long)nstates,
	    (long long)jint(sum, "sap_parties"), (long long)jint(sum,
	    "engaged"), (long long)jint(sum, "in_force"), (long long)jint(sum,
	    "half"), (long long)nstates);
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
	json_t *sum = NULL, *table = NULL;
	char text[800];
	bool brief = ctx->audience == CCS_AUD_CONSLE;
	int rc;

	rc = ccs_legal_summary(ctx->db, ctx->p, ctx->state, &sum, f);
	if (rc == CCS_EPERM || rc == CCS_EAUTH) {
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
		return rc;
	headline(ctx, sum, text, sizeof(text));
	if (ccs_rb_add(sec, ccs_rb_para(text)) != CCS_OK)
		goto oom;
	if (!brief && ctx->state == NULL) {
		table = ccs_rb_table("Treaty track and provisions in force, "
		    "per state", cols);
		if (table == NULL || per_state(sum, table) != CCS_OK)
			goto oom;
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
		    (long long)jint(sum, "unverified"));
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
	json_decref(sum);
	return rc;
}
