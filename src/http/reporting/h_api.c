/*
 * h_api.c: the JSON submit endpoint for a partner's own report form
 * (issue 12, item 7), with the same checks and limits as the public
 * form: a challenge from GET /api/v1/reporting/challenge is spent with
 * each post (solved: the ordinary per-address limit; unsolved: the
 * stricter one), the answers go through core/reporting, the report
 * through ccs_portal_submit. Answers in JSON, errors in the one error
 * shape with the field named. No files: evidence goes through the form.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/reporting/report.h"
#include "http/reporting/handlers.h"
#include "svc/reporting/portal.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/i18n.h"

#define S	CCS_J_STRING
#define NS	CCS_J_NULLSTR

const struct ccs_jfield ccs_report_api_fields[] = {
	{ "category", S, true, 1, 32 },
	{ "state", S, true, 2, 2 },
	{ "victim_type", S, true, 1, 32 },
	{ "what", S, true, 1, CCS_REP_WHAT_MAX },
	{ "when", NS, false, 0, CCS_REP_LINE_MAX },
	{ "first_contact", NS, false, 0, 32 },
	{ "amount", NS, false, 0, 32 },
	{ "currency", NS, false, 0, 3 },
	{ "method", NS, false, 0, 32 },
	{ "account", NS, false, 0, CCS_REP_LINE_MAX },
	{ "sus_names", NS, false, 0, CCS_REP_LIST_MAX },
	{ "sus_emails", NS, false, 0, CCS_REP_LIST_MAX },
	{ "sus_urls", NS, false, 0, CCS_REP_LIST_MAX },
	{ "sus_ips", NS, false, 0, CCS_REP_LIST_MAX },
	{ "sus_phones", NS, false, 0, CCS_REP_LIST_MAX },
	{ "sus_wallets", NS, false, 0, CCS_REP_LIST_MAX },
	{ "sus_social", NS, false, 0, CCS_REP_LIST_MAX },
	{ "contact_name", NS, false, 0, CCS_REP_LINE_MAX },
	{ "contact_email", NS, false, 0, CCS_REP_LINE_MAX },
	{ "contact_phone", NS, false, 0, CCS_REP_LINE_MAX },
	{ "language", NS, false, 0, 2 },
	{ "pow_challenge", S, true, 1, CCS_PORTAL_CHALLENGE_LEN },
	{ "pow_nonce", NS, false, 0, 32 },
};
const size_t ccs_report_api_nfields = sizeof(ccs_report_api_fields) /
    sizeof(ccs_report_api_fields[0]);

void
ccs_h_report_challenge(struct ccs_req *r)
{
	char ch[CCS_PORTAL_CHALLENGE_LEN];

	ccs_portal_challenge(r->app->report_keys, r->now, ch);
	ccs_reply_json(r, 200, json_pack("{s:s, s:i, s:I}", "challenge", ch,
	    "bits", CCS_PORTAL_POW_BITS, "expires_at", (json_int_t)(r->now +
	    CCS_PORTAL_POW_TTL)));
	ccs_reply_header(r, "Cache-Control", "no-store");
}

static const char *
jget(const struct ccs_req *r, const char *k)
{
	return json_string_value(json_object_get(r->json, k));
}

void
ccs_h_report_api_submit(struct ccs_req *r)
{
	static const char *const sus[CCS_REP_NSUSPECT] = {
		"sus_names", "sus_emails", "sus_urls", "sus_ips",
		"sus_phones", "sus_wallets", "sus_social"
	};
	struct ccs_rep_err errs[CCS_REP_ERRS_MAX];
	struct ccs_fail fl = { 0, NULL, "" };
	char ref[CCS_REPORT_REF_LEN], secret[CCS_PORTAL_SECRET_LEN];
	struct ccs_rep_input in;
	const char *lang = jget(r, "language");
	bool solved = false, known = true;
	size_t i, n;
	int rc;

	/* the limits' counters and the spent challenge stay committed */
	r->commit = true;
	rc = ccs_portal_throttle(r->db, r->app->report_keys, r->ip, "post",
	    r->app->conf->report_posts_hour, r->now, &fl);
	if (rc == CCS_OK)
		rc = ccs_portal_challenge_spend(r->db, r->app->report_keys,
		    jget(r, "pow_challenge"), jget(r, "pow_nonce"), r->now,
		    &solved, &fl);
	if (rc == CCS_OK && !solved)
		rc = ccs_portal_throttle(r->db, r->app->report_keys, r->ip,
		    "nojs", r->app->conf->report_nojs_hour, r->now, &fl);
	if (rc != CCS_OK) {
		r->commit = rc != CCS_EDB && rc != CCS_EBUSY;
		ccs_reply_fail(r, &fl);
		return;
	}
	memset(&in, 0, sizeof(in));
	in.category = jget(r, "category");
	in.state = jget(r, "state");
	in.victim_type = jget(r, "victim_type");
	in.what = jget(r, "what");
	in.when = jget(r, "when");
	in.first_contact = jget(r, "first_contact");
	in.amount = jget(r, "amount");
	in.currency = jget(r, "currency");
	in.method = jget(r, "method");
	in.account = jget(r, "account");
	for (i = 0; i < CCS_REP_NSUSPECT; i++)
		in.suspect[i] = jget(r, sus[i]);
	in.contact_name = jget(r, "contact_name");
	in.contact_email = jget(r, "contact_email");
	in.contact_phone = jget(r, "contact_phone");
	n = ccs_rep_check(&in, errs);
	if (n == 0 && lang != NULL && !ccs_i18n_known(lang)) {
		(void)ccs_fail(&fl, CCS_EINVAL, "invalid_language", "language: "
		    "one of en, fr, nl, es");
		ccs_reply_fail(r, &fl);
		return;
	}
	if (n == 0 && ccs_state_exists(r->db, in.state, &known) == CCS_OK &&
	    !known) {
		(void)ccs_fail(&fl, CCS_EINVAL, "unknown_state", "state: not a "
		    "state of the directory");
		ccs_reply_fail(r, &fl);
		return;
	}
	if (n > 0) {
		/* the first problem, named by its field, in English */
		(void)ccs_fail(&fl, CCS_EINVAL, "invalid_field", "%s: %s",
		    errs[0].field, errs[0].msgid);
		ccs_reply_fail(r, &fl);
		return;
	}
	rc = ccs_portal_submit(r->db, r->app->report_keys, &in, lang != NULL ?
	    lang : "en", r->ip, NULL, 0, r->app->conf->evidence_dir, r->now,
	    ref, secret, &fl);
	if (rc != CCS_OK) {
		r->commit = rc == CCS_EINVAL || rc == CCS_ECONFLICT ||
		    rc == CCS_ETOOBIG;
		r->rollback = !r->commit;
		ccs_reply_fail(r, &fl);
		return;
	}
	r->commit = false;
	ccs_reply_json(r, 201, json_pack("{s:s, s:s, s:s}", "reference", ref,
	    "secret", secret, "status", "submitted"));
	sodium_memzero(secret, sizeof(secret));
	ccs_reply_header(r, "Cache-Control", "no-store");
}
