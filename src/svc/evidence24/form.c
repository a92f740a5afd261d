/*
 * form.c: the printable preservation request.
 *
 * The sections follow the T-CY template for a request for the expedited
 * preservation of stored computer data (Art. 29): the requesting
 * authority, the requested 24/7 contact, the legal basis, the offence
 * and facts, the data and its link to the offence, the custodian and its
 * location, why preservation is needed, that mutual legal assistance
 * will follow, confidentiality and urgency; then what the platform
 * recorded (status, clocks, history), so a printout is a complete record
 * of the request as it stood when printed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/evidence24/preservation.h"
#include "core/validate.h"
#include "format/preservation_pdf.h"
#include "svc/evidence24/form.h"
#include "svc/evidence24/reads.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

static const char *
s_of(const json_t *o, const char *k)
{
	const char *s = ccs_jstr(o, k);

	return s ? s : "";
}

/* "Jamaica (JM)" */
static json_t *
state_label(struct ccs_db *db, const char *code)
{
	struct ccs_val v = CCS_VTEXT(code);
	json_t *row = NULL, *out;

	if (code == NULL || code[0] == '\0')
		return json_string("");
	if (ccs_db_query_one(db, "SELECT name FROM states WHERE code = $1",
	    &v, 1, &row) != CCS_OK)
		return json_string(code);
	out = json_sprintf("%s (%s)", s_of(row, "name"), code);
	json_decref(row);
	return out;
}

static json_t *
when(const json_t *o, const char *k)
{
	json_int_t t = json_integer_value(json_object_get(o, k));
	char buf[21];

	if (t <= 0)
		return json_string("");
	ccs_time_fmt((long long)t, buf);
	return json_string(buf);
}

static json_t *
word(const struct ccs_vocab *v, const char *key)
{
	const struct ccs_word *w = ccs_vocab_word(v, key);

	return json_string(w ? w->name : key ? key : "");
}

static json_t *
yes_no(const json_t *o, const char *k, const char *yes, const char *no)
{
	return json_string(json_is_true(json_object_get(o, k)) ? yes : no);
}

/* Each identifier on its own line, with its time and zone. */
static json_t *
identifiers(const json_t *o)
{
	const json_t *e;
	json_t *s = json_string("");
	size_t i;

	json_array_foreach(json_object_get(o, "identifiers"), i, e) {
		json_t *n = json_sprintf("%s%s%s: %s%s%s%s%s",
		    json_string_value(s), i ? "\n" : "", s_of(e, "kind"),
		    s_of(e, "value"), ccs_jstr(e, "seen_at") ? ", seen " : "",
		    s_of(e, "seen_at"), ccs_jstr(e, "timezone") ? " " : "",
		    s_of(e, "timezone"));

		json_decref(s);
		s = n;
		if (s == NULL)
			break;
	}
	return s;
}

static json_t *
categories(const json_t *o)
{
	const json_t *e;
	json_t *s = json_string("");
	size_t i;

	json_array_foreach(json_object_get(o, "data_categories"), i, e) {
		const struct ccs_word *w = ccs_vocab_word(
		    &ccs_pres_data_categories, json_string_value(e));
		json_t *n = json_sprintf("%s%s%s", json_string_value(s), i ?
		    "; " : "", w ? w->name : "");

		json_decref(s);
		s = n;
		if (s == NULL)
			break;
	}
	return s;
}

static json_t *
history(const json_t *o)
{
	const json_t *e;
	json_t *s = json_string("");
	char t[21];
	size_t i;

	json_array_foreach(json_object_get(o, "events"), i, e) {
		json_t *n;

		ccs_time_fmt((long long)json_integer_value(json_object_get(e,
		    "created_at")), t);
		n = json_sprintf("%s%s%s %s by %s (%s to %s)%s%s",
		    json_string_value(s), i ? "\n" : "", t, s_of(e, "action"),
		    s_of(e, "created_by"), s_of(e, "from_status"), s_of(e,
		    "to_status"), ccs_jstr(e, "note") && s_of(e, "note")[0] ?
		    ": " : "", s_of(e, "note"));
		json_decref(s);
		s = n;
		if (s == NULL)
			break;
	}
	return s;
}

static json_t *
section(const char *title, json_t *fields)
{
	return json_pack("{s:s, s:o}", "title", title, "fields", fields);
}

#define F(l, v)	json_pack("[s, o]", (l), (v))
#define T(l, k)	json_pack("[s, s]", (l), s_of(o, (k)))

static json_t *
build(struct ccs_db *db, const json_t *o, int64_t id)
{
	char sub[200];

	(void)ccs_snprintf(sub, sizeof(sub), "Request %" PRId64 ", made %s "
	    "by %s. Printed from ccscap.", id, "", s_of(o, "created_by"));
	return json_pack("{s:s+, s:s, s:s, s:[o,o,o,o,o,o,o,o,o,o,o]}",
	    "title", "Request for expedited preservation of stored computer "
	    "data ", json_is_true(json_object_get(o, "non_disclosure")) ?
	    "(confidential)" : "",
	    "marking", "LAW ENFORCEMENT ONLY",
	    "subtitle", sub,
	    "sections",
	    section("Requesting authority", json_pack("[o,o,o]",
		F("Requesting state", state_label(db, s_of(o,
		"requesting_state"))),
		T("Authority", "requesting_authority"),
		T("24/7 point of contact", "requesting_contact"))),
	    section("Requested 24/7 point of contact", json_pack("[o,o]",
		F("Requested state", state_label(db, s_of(o,
		"requested_state"))),
		T("24/7 contact (directory)", "requested_contact"))),
	    section("Legal basis", json_pack("[o,o]",
		F("Convention article", word(&ccs_pres_legal_bases,
		ccs_jstr(o, "legal_basis"))),
		T("Domestic law", "domestic_basis"))),
	    section("Offence and summary of facts", json_pack("[o,o]",
		T("Offence", "offence"), T("Summary of facts", "facts"))),
	    section("Stored computer data to be preserved", json_pack(
		"[o,o,o,o]", F("Categories", categories(o)),
		F("Identifiers", identifiers(o)),
		F("Date range", json_sprintf("%s to %s", s_of(o, "date_from"),
		s_of(o, "date_to"))),
		T("Relationship to the offence", "link_to_offence"))),
	    section("Custodian of the data and location of the computer "
		"system", json_pack("[o,o]", T("Custodian or service provider",
		"custodian"), T("Location", "custodian_location"))),
	    section("Necessity of preservation", json_pack("[o,o]",
		T("Why the data must be preserved", "preservation_reason"),
		F("Period asked for", json_sprintf("%" JSON_INTEGER_FORMAT
		" days (at least 60, Art. 29(7))", json_integer_value(
		json_object_get(o, "period_days")))))),
	    section("Mutual legal assistance", json_pack("[o,o]",
		F("Request for mutual assistance to follow", yes_no(o,
		"mla_to_follow", "Yes: a request for mutual assistance for the "
		"search, seizure or disclosure of the data will follow",
		"No")), T("MLA reference", "mla_reference"))),
	    section("Confidentiality", json_pack("[o]",
		F("Non-disclosure", yes_no(o, "non_disclosure", "The "
		"requesting state asks that the request and its execution "
		"not be disclosed to the subscriber or third parties",
		"No confidentiality requested")))),
	    section("Urgency", json_pack("[o,o]",
		F("Urgency", word(&ccs_pres_urgencies, ccs_jstr(o,
		"urgency"))), T("Risk to life", "emergency_reason"))),
	    section("Status and history", json_pack("[o,o,o,o,o,o,o,o]",
		F("Status", word(&ccs_pres_statuses, ccs_jstr(o, "status"))),
		F("Sent", when(o, "sent_at")),
		F("Acknowledgement due", when(o, "ack_due_at")),
		F("Acknowledged", when(o, "acknowledged_at")),
		F("Preserved", when(o, "preserved_at")),
		F("Preserved until", when(o, "expires_at")),
		T("Refusal or withdrawal reason", "outcome_reason"),
		F("History", history(o)))));
}

int
ccs_pres_pdf(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, struct ccs_buf *out, struct ccs_fail *f)
{
	json_t *o = NULL, *doc;
	int rc;

	rc = ccs_pres_get(db, p, id, now, true, "pdf", &o, f);
	if (rc != CCS_OK)
		return rc;
	doc = build(db, o, id);
	json_decref(o);
	if (doc == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = ccs_form_pdf(doc, out);
	json_decref(doc);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "the request could not be "
		    "printed (%s)", ccs_strerror(rc));
	return CCS_OK;
}
