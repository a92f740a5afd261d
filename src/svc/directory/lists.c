/*
 * lists.c: the directory's lists under the list contract
 * (docs/internals/LISTS.md): contacts and organisations are listq lists
 * (SQL filters and counts them), the states a list of 21 rows sorted and
 * cut in C (keyed by their ISO code, which SQL cannot turn into the
 * integer id a cursor needs the same way on both backends).
 *
 * The policy is the one the directory always had: every member reads
 * every contact (contact_read), the public reads the regional and
 * international organisations only and the states without their contact
 * counts; the gaps are for members.
 */
#include <string.h>

#include "core/validate.h"
#include "core/vocab.h"
#include "svc/directory/directory.h"
#include "svc/directory/lists.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"

static int
deny(struct ccs_fail *f, int rc, const char *what)
{
	if (rc == CCS_EAUTH)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "%s", what);
	return ccs_fail(f, rc, "forbidden", "your role or state does not "
	    "allow you to %s", what);
}

static int
state_ok(const char *state, struct ccs_fail *f)
{
	if (state != NULL && !ccs_valid_iso2(state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code",
		    "state must be a two-letter ISO 3166 code such as JM");
	return CCS_OK;
}

/* Contacts: by name by default, or by state, role, organisation or the
 * last change. */
static const struct ccs_keyset_col contact_cols[] = {
	{ "name", "c.name", CCS_KEYSET_TEXT, false },
	{ "state", "COALESCE(c.state_code, '')", CCS_KEYSET_TEXT, false },
	{ "role", "c.role", CCS_KEYSET_TEXT, false },
	{ "organisation", "COALESCE(o.name, '')", CCS_KEYSET_TEXT, false },
	{ "updated_at", "c.updated_at", CCS_KEYSET_INT, true },
};

static const char *const contact_text[] = {
	"c.name", "c.title", "o.name", "c.email", "c.phone", "c.role",
	"c.state_code", "c.availability",
};

static const struct ccs_listq_csvcol contact_csv[] = {
	{ "id", "id", false }, { "name", "name", false },
	{ "title", "title", false }, { "role", "role", false },
	{ "ncpoc_category", "ncpoc_category", false },
	{ "state", "state", false }, { "organisation", "organisation", false },
	{ "email", "email", false }, { "phone", "phone", false },
	{ "availability", "availability", false },
	{ "key_fingerprint", "key_fingerprint", false },
	{ "updated_at", "updated_at", true },
};

const struct ccs_listq_def ccs_dir_contact_list_def = {
	.name = "contacts",
	.select = "SELECT c.id, c.name, c.title, c.role, c.ncpoc_category, "
	    "c.state_code AS state, c.organisation_id, o.name AS "
	    "organisation, c.email, c.phone, c.availability, "
	    "c.key_fingerprint, c.version, c.created_at, c.updated_at",
	.from = "FROM contacts c LEFT JOIN organisations o ON o.id = "
	    "c.organisation_id WHERE 1 = 1",
	.cols = contact_cols,
	.ncols = sizeof(contact_cols) / sizeof(contact_cols[0]),
	.id_expr = "c.id", .text = contact_text,
	.ntext = sizeof(contact_text) / sizeof(contact_text[0]),
	.date_expr = "c.updated_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = contact_csv,
	.ncsv = sizeof(contact_csv) / sizeof(contact_csv[0]),
};

int
ccs_dir_contact_query(const struct ccs_principal *p, const char *state,
    const char *role, struct ccs_keyset *ks, const char *q, int64_t from,
    int64_t to, struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CONTACT_READ, state);
	if (rc != CCS_OK)
		return deny(f, rc, "see contact details");
	rc = state_ok(state, f);
	if (rc != CCS_OK)
		return rc;
	if (role != NULL && !ccs_vocab_has(&ccs_contact_roles, role))
		return ccs_fail(f, CCS_EINVAL, "invalid_role", "role must be "
		    "one of ncpoc, e_evidence_24x7, cert_duty, "
		    "steering_member");
	rc = ccs_listq_new(&ccs_dir_contact_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "c.state_code", CCS_VTEXT(state));
	ccs_listq_eq(lq, "c.role", CCS_VTEXT(role));
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

/* Organisations: by name by default, or by kind, acronym, state or the
 * last change. */
static const struct ccs_keyset_col org_cols[] = {
	{ "name", "o.name", CCS_KEYSET_TEXT, false },
	{ "kind", "o.kind", CCS_KEYSET_TEXT, false },
	{ "acronym", "COALESCE(o.acronym, '')", CCS_KEYSET_TEXT, false },
	{ "state", "COALESCE(o.state_code, '')", CCS_KEYSET_TEXT, false },
	{ "updated_at", "o.updated_at", CCS_KEYSET_INT, true },
};

static const char *const org_text[] = {
	"o.name", "o.acronym", "o.kind", "o.state_code", "o.description",
};

static const struct ccs_listq_csvcol org_csv[] = {
	{ "id", "id", false }, { "name", "name", false },
	{ "acronym", "acronym", false }, { "kind", "kind", false },
	{ "state", "state", false }, { "parent_id", "parent_id", false },
	{ "website", "website", false },
	{ "description", "description", false },
	{ "updated_at", "updated_at", true },
};

const struct ccs_listq_def ccs_dir_org_list_def = {
	.name = "organisations",
	.select = "SELECT o.id, o.name, o.acronym, o.kind, o.state_code AS "
	    "state, o.parent_id, o.description, o.website, o.updated_at",
	.from = "FROM organisations o WHERE 1 = 1",
	.cols = org_cols, .ncols = sizeof(org_cols) / sizeof(org_cols[0]),
	.id_expr = "o.id", .text = org_text,
	.ntext = sizeof(org_text) / sizeof(org_text[0]),
	.date_expr = "o.updated_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = org_csv, .ncsv = sizeof(org_csv) / sizeof(org_csv[0]),
};

int
ccs_dir_org_query(const struct ccs_principal *p, const char *kind,
    const char *state, struct ccs_keyset *ks, const char *q, int64_t from,
    int64_t to, struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	int rc;

	*out = NULL;
	if (kind != NULL && !ccs_vocab_has(&ccs_org_kinds, kind))
		return ccs_fail(f, CCS_EINVAL, "invalid_kind", "kind must be "
		    "one of governance_body, regional_agency, "
		    "international_partner, national_body, private_sector, "
		    "academic, other");
	rc = state_ok(state, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_listq_new(&ccs_dir_org_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	/* the public: no national bodies or private companies */
	if (ccs_policy_check(p, CCS_ACT_ORG_READ_ALL, NULL) != CCS_OK)
		ccs_listq_where(lq, " AND o.kind IN ('governance_body', "
		    "'regional_agency', 'international_partner', 'academic')");
	ccs_listq_eq(lq, "o.kind", CCS_VTEXT(kind));
	ccs_listq_eq(lq, "o.state_code", CCS_VTEXT(state));
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

/* States: by the directory's sort name by default. */
const struct ccs_keyset_col ccs_dir_state_cols[] = {
	{ "sort_name", "s.sort_name", CCS_KEYSET_TEXT, false },
	{ "name", "s.name", CCS_KEYSET_TEXT, false },
	{ "code", "s.code", CCS_KEYSET_TEXT, false },
	{ "status", "s.status", CCS_KEYSET_TEXT, false },
	{ "ncpoc_count", "ncpoc_count", CCS_KEYSET_INT, false },
	{ "e_evidence_count", "e_evidence_count", CCS_KEYSET_INT, false },
	{ "cert_duty_count", "cert_duty_count", CCS_KEYSET_INT, false },
};
const size_t ccs_dir_state_ncols = sizeof(ccs_dir_state_cols) /
    sizeof(ccs_dir_state_cols[0]);

static const char *const state_text[] = {
	"s.name", "s.code", "s.status", "s.cctld",
};

#define COUNT_OF(role) "(SELECT COUNT(*) FROM contacts c WHERE " \
	"c.state_code = s.code AND c.role = '" role "')"

/* The integer a cursor keeps for a state: its two code letters. */
static void
add_id(json_t *o)
{
	const char *c = ccs_jstr(o, "code");

	(void)json_object_set_new(o, "id", json_integer(c[0] != '\0' ?
	    ((unsigned char)c[0] << 8) | (unsigned char)c[1] : 0));
}

int
ccs_dir_state_list(struct ccs_db *db, const struct ccs_principal *p,
    bool only_gaps, struct ccs_keyset *ks, const char *q, bool whole,
    json_t **out, struct ccs_fail *f)
{
	bool member = ccs_policy_check(p, CCS_ACT_CONTACT_READ, NULL) ==
	    CCS_OK;
	struct ccs_val v[CCS_KEYSET_WORDS + 1];
	json_t *all = NULL, *page = NULL, *o;
	struct ccs_buf sql;
	size_t i, n = 0;
	int rc;

	*out = NULL;
	if (only_gaps && !member)
		return deny(f, CCS_EAUTH, "see contact gaps");
	ccs_buf_init(&sql, 8192);
	rc = ccs_buf_adds(&sql, member ? "SELECT s.code, s.name, s.status, "
	    "s.cctld, s.sort_name, " COUNT_OF("ncpoc") " AS ncpoc_count, "
	    COUNT_OF("e_evidence_24x7") " AS e_evidence_count, "
	    COUNT_OF("cert_duty") " AS cert_duty_count FROM states s WHERE "
	    "1 = 1" : "SELECT s.code, s.name, s.status, s.cctld, s.sort_name "
	    "FROM states s WHERE 1 = 1");
	if (rc == CCS_OK && only_gaps)
		rc = ccs_buf_printf(&sql, " AND %s < %d", COUNT_OF("ncpoc"),
		    CCS_NCPOCS_PER_STATE);
	if (rc == CCS_OK && q != NULL) {
		rc = ccs_keyset_words(ks, &sql, q, state_text,
		    sizeof(state_text) / sizeof(state_text[0]), v, &n,
		    sizeof(v) / sizeof(v[0]));
		if (rc == CCS_EINVAL) {
			ccs_buf_free(&sql);
			return ccs_fail(f, rc, "invalid_query", "q may hold at "
			    "most %d words", CCS_KEYSET_WORDS);
		}
	}
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, ccs_buf_str(&sql), v, n, &all);
	ccs_buf_free(&sql);
	if (rc != CCS_OK)
		return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
		    "the directory could not be read");
	json_array_foreach(all, i, o) {
		add_id(o);
		if (member)
			(void)json_object_set_new(o, "ncpoc_gap", json_boolean(
			    json_integer_value(json_object_get(o,
			    "ncpoc_count")) < CCS_NCPOCS_PER_STATE));
	}
	rc = ccs_keyset_page_array(ks, all, &page);
	if (rc == CCS_OK && whole) {
		*out = all;
		all = NULL;
	} else if (rc == CCS_OK) {
		rc = ccs_keyset_reply(ks, page, (int64_t)json_array_size(all),
		    out);
		page = NULL;
	}
	json_decref(all);
	json_decref(page);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "the states could not be "
		    "paged");
	return CCS_OK;
}
