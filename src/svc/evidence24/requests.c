/*
 * requests.c: making a 24/7 preservation request.
 *
 * The router has checked the body's shape (ccs_pres_create_fields: every
 * part of the Art. 29 form is required, so a missing part is a 400 that
 * names it); this file checks what the shape cannot: the states, the
 * legal basis against the urgency, each identifier (an IP address needs
 * its time and time zone), the date range and the period (at least the
 * 60 days of Art. 29(7)). Everything is checked before the first write,
 * so a refused request stores nothing. The requested state's 24/7
 * contact is copied from the directory into the request: what was used
 * stays with it even if the directory changes later.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/evidence24/preservation.h"
#include "core/validate.h"
#include "svc/evidence24/reads.h"
#include "svc/evidence24/requests.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define PERIOD_DEFAULT	90	/* days asked for when the body says none */

const struct ccs_jfield ccs_pres_create_fields[] = {
	{ "requested_state", CCS_J_STRING, true, 2, 2 },
	{ "requesting_authority", CCS_J_STRING, true, 1, 300 },
	{ "requesting_contact", CCS_J_STRING, true, 1, 500 },
	{ "legal_basis", CCS_J_STRING, true, 1, 10 },
	{ "domestic_basis", CCS_J_STRING, true, 1, 300 },
	{ "offence", CCS_J_STRING, true, 1, 300 },
	{ "facts", CCS_J_STRING, true, 1, 4000 },
	{ "data_categories", CCS_J_ARRAY, true, 0, 3 },
	{ "identifiers", CCS_J_ARRAY, true, 0, 50 },
	{ "date_from", CCS_J_STRING, true, 10, 10 },
	{ "date_to", CCS_J_STRING, true, 10, 10 },
	{ "link_to_offence", CCS_J_STRING, true, 1, 2000 },
	{ "custodian", CCS_J_STRING, true, 1, 300 },
	{ "custodian_location", CCS_J_STRING, true, 1, 300 },
	{ "preservation_reason", CCS_J_STRING, true, 1, 2000 },
	{ "mla_to_follow", CCS_J_BOOL, true, 0, 0 },
	{ "non_disclosure", CCS_J_BOOL, true, 0, 0 },
	{ "urgency", CCS_J_STRING, true, 1, 20 },
	{ "emergency_reason", CCS_J_STRING, false, 1, 1000 },
	{ "period_days", CCS_J_INT, false, 0, 0 },
};
const size_t ccs_pres_create_nfields = sizeof(ccs_pres_create_fields) /
    sizeof(ccs_pres_create_fields[0]);

static const char insert_sql[] =
	"INSERT INTO preservation_requests (parent_id, requesting_state, "
	"requested_state, status, legal_basis, domestic_basis, "
	"requesting_authority, requesting_contact, requested_contact, "
	"offence, facts, data_subscriber, data_traffic, data_content, "
	"identifiers, date_from, date_to, link_to_offence, custodian, "
	"custodian_location, preservation_reason, mla_to_follow, "
	"non_disclosure, urgency, emergency_reason, period_days, clock_at, "
	"created_by, created_at, updated_at) VALUES (:parent, :ing, :ed, "
	"'draft', :basis, :domestic, :authority, :contact, :edcontact, "
	":offence, :facts, :sub, :traf, :cont, :ids, :dfrom, :dto, :link, "
	":cust, :custloc, :reason, :mla, :nondis, :urgency, :ereason, :period, "
	":noclock, :by, :now, :now) RETURNING id";

static const char *
s_of(const json_t *o, const char *k)
{
	return ccs_jstr(o, k);
}

static int64_t
i_of(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	if (json_is_boolean(v))
		return json_is_true(v) ? 1 : 0;
	return json_integer_value(v);
}

int
ccs_pres_insert(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *row, int64_t parent_id, int64_t now, int64_t *id)
{
	const struct ccs_named np[] = {
		CCS_NAMED("parent", parent_id > 0 ? CCS_VINT(parent_id) :
		    CCS_VNULL),
		CCS_NAMED("ing", CCS_VTEXT(s_of(row, "requesting_state"))),
		CCS_NAMED("ed", CCS_VTEXT(s_of(row, "requested_state"))),
		CCS_NAMED("basis", CCS_VTEXT(s_of(row, "legal_basis"))),
		CCS_NAMED("domestic", CCS_VTEXT(s_of(row, "domestic_basis"))),
		CCS_NAMED("authority", CCS_VTEXT(s_of(row,
		    "requesting_authority"))),
		CCS_NAMED("contact", CCS_VTEXT(s_of(row,
		    "requesting_contact"))),
		CCS_NAMED("edcontact", CCS_VTEXT(s_of(row,
		    "requested_contact"))),
		CCS_NAMED("offence", CCS_VTEXT(s_of(row, "offence"))),
		CCS_NAMED("facts", CCS_VTEXT(s_of(row, "facts"))),
		CCS_NAMED("sub", CCS_VINT(i_of(row, "data_subscriber"))),
		CCS_NAMED("traf", CCS_VINT(i_of(row, "data_traffic"))),
		CCS_NAMED("cont", CCS_VINT(i_of(row, "data_content"))),
		CCS_NAMED("ids", CCS_VTEXT(s_of(row, "identifiers"))),
		CCS_NAMED("dfrom", CCS_VTEXT(s_of(row, "date_from"))),
		CCS_NAMED("dto", CCS_VTEXT(s_of(row, "date_to"))),
		CCS_NAMED("link", CCS_VTEXT(s_of(row, "link_to_offence"))),
		CCS_NAMED("cust", CCS_VTEXT(s_of(row, "custodian"))),
		CCS_NAMED("custloc", CCS_VTEXT(s_of(row,
		    "custodian_location"))),
		CCS_NAMED("reason", CCS_VTEXT(s_of(row,
		    "preservation_reason"))),
		CCS_NAMED("mla", CCS_VINT(i_of(row, "mla_to_follow"))),
		CCS_NAMED("nondis", CCS_VINT(i_of(row, "non_disclosure"))),
		CCS_NAMED("urgency", CCS_VTEXT(s_of(row, "urgency"))),
		CCS_NAMED("ereason", CCS_VTEXT(s_of(row, "emergency_reason"))),
		CCS_NAMED("period", CCS_VINT(i_of(row, "period_days"))),
		CCS_NAMED("noclock", CCS_VINT(CCS_PRES_NO_CLOCK)),
		CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	return ccs_db_query_int_named(db, insert_sql, np, CCS_NNAMED(np), id);
}

int
ccs_pres_contact_of(struct ccs_db *db, const char *state, char **out)
{
	struct ccs_val v = CCS_VTEXT(state);
	json_t *rows = NULL, *c;
	struct ccs_buf b;
	const char *parts[] = { "title", "phone", "email", "availability" };
	const char *s;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_db_query_json(db, "SELECT name, title, phone, email, "
	    "availability FROM contacts WHERE state_code = $1 AND role = "
	    "'e_evidence_24x7' ORDER BY id", &v, 1, &rows);
	if (rc != CCS_OK || json_array_size(rows) == 0) {
		json_decref(rows);
		return rc;
	}
	c = json_array_get(rows, 0);
	ccs_buf_init(&b, 4096);
	rc = ccs_buf_adds(&b, s_of(c, "name") ? s_of(c, "name") : "");
	for (i = 0; rc == CCS_OK && i < 4; i++) {
		s = s_of(c, parts[i]);
		if (s != NULL && s[0] != '\0')
			rc = ccs_buf_printf(&b, "; %s", s);
	}
	json_decref(rows);
	if (rc == CCS_OK) {
		*out = ccs_buf_steal(&b);
		if (*out == NULL)
			rc = CCS_ENOMEM;
	}
	ccs_buf_free(&b);
	return rc;
}

/* data_categories -> the three 0/1 columns of @p row. */
static int
categories(const json_t *body, json_t *row, struct ccs_fail *f)
{
	static const char *const cols[] = { "data_subscriber",
	    "data_traffic", "data_content" };
	const json_t *a = json_object_get(body, "data_categories"), *e;
	size_t i, k;
	int n = 0;

	for (k = 0; k < 3; k++)
		(void)json_object_set_new(row, cols[k], json_integer(0));
	json_array_foreach(a, i, e) {
		for (k = 0; k < 3; k++)
			if (ccs_streq(json_string_value(e), cols[k] + 5))
				break;
		if (k == 3)
			return ccs_fail(f, CCS_EINVAL, "invalid_data_category",
			    "data_categories[%zu] must be subscriber, traffic "
			    "or content", i);
		(void)json_object_set_new(row, cols[k], json_integer(1));
		n++;
	}
	if (n == 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_data_category",
		    "data_categories must name at least one of subscriber, "
		    "traffic, content");
	return CCS_OK;
}

/* identifiers: each {kind, value, seen_at?, timezone?}; stored as JSON. */
static int
identifiers(const json_t *body, json_t *row, struct ccs_fail *f)
{
	const json_t *a = json_object_get(body, "identifiers"), *e, *v;
	const char *code = NULL, *k;
	json_t *keep = json_array();
	char *text;
	size_t i;

	if (keep == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	if (json_array_size(a) == 0) {
		json_decref(keep);
		return ccs_fail(f, CCS_EINVAL, "invalid_identifier",
		    "identifiers must name at least one account, IP address, "
		    "URL or other identifier of the data to preserve");
	}
	json_array_foreach(a, i, e) {
		json_object_foreach((json_t *)e, k, v) {
			if (!json_is_string(v) || (strcmp(k, "kind") != 0 &&
			    strcmp(k, "value") != 0 && strcmp(k, "seen_at") !=
			    0 && strcmp(k, "timezone") != 0) ||
			    !ccs_text_ok(json_string_value(v)))
				code = "invalid_identifier";
		}
		if (!json_is_object(e) || code != NULL ||
		    !ccs_pres_identifier_ok(s_of(e, "kind"), s_of(e, "value"),
		    s_of(e, "seen_at"), s_of(e, "timezone"), &code)) {
			json_decref(keep);
			return ccs_fail(f, CCS_EINVAL, code ? code :
			    "invalid_identifier", "identifiers[%zu] must be "
			    "{kind, value, seen_at, timezone}: a known kind, "
			    "a value, and for an IP address the time it was "
			    "seen (RFC 3339) and its time zone (UTC or "
			    "+hh:mm)", i);
		}
		(void)json_array_append_new(keep, json_pack("{s:s, s:s, s:s?, "
		    "s:s?}", "kind", s_of(e, "kind"), "value", s_of(e,
		    "value"), "seen_at", s_of(e, "seen_at"), "timezone",
		    s_of(e, "timezone")));
	}
	text = json_dumps(keep, JSON_COMPACT);
	json_decref(keep);
	if (text == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	(void)json_object_set_new(row, "identifiers", json_string(text));
	free(text);
	return CCS_OK;
}

static int
dates_and_period(const json_t *body, json_t *row, struct ccs_fail *f)
{
	const char *from = s_of(body, "date_from"), *to = s_of(body,
	    "date_to");
	const json_t *pd = json_object_get(body, "period_days");
	int64_t days = pd ? json_integer_value(pd) : PERIOD_DEFAULT;

	if (!ccs_valid_date(from))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "date_from "
		    "must be a date YYYY-MM-DD");
	if (!ccs_valid_date(to))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "date_to must "
		    "be a date YYYY-MM-DD");
	if (strcmp(from, to) > 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_date_range",
		    "date_from must not be after date_to");
	if (days < CCS_PRES_MIN_DAYS)
		return ccs_fail(f, CCS_EINVAL, "period_too_short",
		    "period_days must be at least %d (Budapest Convention "
		    "Art. 29(7))", CCS_PRES_MIN_DAYS);
	if (days > CCS_PRES_MAX_DAYS)
		return ccs_fail(f, CCS_EINVAL, "period_too_long",
		    "period_days must be at most %d; renew instead",
		    CCS_PRES_MAX_DAYS);
	(void)json_object_set_new(row, "period_days", json_integer(days));
	return CCS_OK;
}

/* The states: the maker's own asks, another existing one is asked. */
static int
states(struct ccs_db *db, const struct ccs_principal *p, const json_t *body,
    json_t *row, struct ccs_fail *f)
{
	const char *ed = s_of(body, "requested_state");
	int rc;

	if (p->state[0] == '\0' || ccs_policy_check(p,
	    CCS_ACT_PRESERVATION_WRITE, p->state) != CCS_OK)
		return ccs_fail(f, CCS_EPERM, "forbidden", "only a state's "
		    "law-enforcement 24/7 contact (NCPOC) makes preservation "
		    "requests");
	if (!ccs_valid_iso2(ed))
		return ccs_fail(f, CCS_EINVAL, "unknown_state",
		    "requested_state must be a two-letter ISO code");
	rc = ccs_state_known(db, ed, "requested_state", f);
	if (rc != CCS_OK)
		return rc;
	if (strcmp(ed, p->state) == 0)
		return ccs_fail(f, CCS_EINVAL, "same_state", "requested_state "
		    "must be another state than yours (%s)", p->state);
	(void)json_object_set_new(row, "requesting_state",
	    json_string(p->state));
	(void)json_object_set_new(row, "requested_state", json_string(ed));
	return CCS_OK;
}

static const char *const copied[] = {
	"legal_basis", "domestic_basis", "requesting_authority",
	"requesting_contact", "offence", "facts", "date_from", "date_to",
	"link_to_offence", "custodian", "custodian_location",
	"preservation_reason", "mla_to_follow", "non_disclosure", "urgency",
	"emergency_reason",
};

int
ccs_pres_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	json_t *row = json_object(), *v;
	const char *code = NULL;
	char *contact = NULL;
	int64_t id = 0;
	size_t i;
	int rc;

	*out = NULL;
	if (row == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	rc = states(db, p, body, row, f);
	if (rc == CCS_OK && !ccs_pres_basis_ok(s_of(body, "legal_basis"),
	    s_of(body, "urgency"), s_of(body, "emergency_reason"), &code))
		rc = ccs_fail(f, CCS_EINVAL, code, "legal_basis must be art29, "
		    "art30 or sap9 and urgency normal or emergency; sap9 is "
		    "for emergencies, and an emergency needs "
		    "emergency_reason (the risk to life)");
	if (rc == CCS_OK)
		rc = categories(body, row, f);
	if (rc == CCS_OK)
		rc = identifiers(body, row, f);
	if (rc == CCS_OK)
		rc = dates_and_period(body, row, f);
	for (i = 0; rc == CCS_OK && i < sizeof(copied) / sizeof(copied[0]);
	    i++) {
		v = json_object_get(body, copied[i]);
		if (v != NULL)
			(void)json_object_set(row, copied[i], v);
	}
	if (rc == CCS_OK) {
		rc = ccs_pres_contact_of(db, s_of(row, "requested_state"),
		    &contact);
		if (rc == CCS_OK && contact != NULL)
			(void)json_object_set_new(row, "requested_contact",
			    json_string(contact));
		if (rc == CCS_OK)
			rc = ccs_pres_insert(db, p, row, 0, now, &id);
		if (rc == CCS_OK)
			rc = ccs_audit_record(db, p, "preservation.create",
			    "preservation_request", id, row, now);
		if (rc != CCS_OK)
			rc = ccs_dbfail(f, db, rc);
	}
	free(contact);
	json_decref(row);
	if (rc != CCS_OK)
		return rc;
	return ccs_pres_get(db, p, id, now, false, "json", out, f);
}
