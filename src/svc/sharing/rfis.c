/*
 * rfis.c: requests for information and their answers.
 *
 * Answers have no marking of their own: they are read only as part of
 * their request, after the request's marking has been checked, so an
 * answer is never seen by anyone the question was not shared with. Who
 * may answer is who may read; partners and the Steering Committee may
 * answer a request they were given. A closed request takes no answers.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/tlp.h"
#include "svc/platform/audit.h"
#include "svc/platform/notify.h"
#include "svc/refs.h"
#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/rfis.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_rfi_fields[] = {
	{ "question", CCS_J_STRING, true, 1, 5000 },
	{ "incident_id", CCS_J_INT, false, 0, 0 },
	{ "value_id", CCS_J_INT, false, 0, 0 },
	CCS_MARKING_JFIELDS
};
const size_t ccs_rfi_nfields = sizeof(ccs_rfi_fields) /
    sizeof(ccs_rfi_fields[0]);

const struct ccs_jfield ccs_rfi_answer_fields[] = {
	{ "answer", CCS_J_STRING, true, 1, 20000 },
};
const size_t ccs_rfi_answer_nfields = sizeof(ccs_rfi_answer_fields) /
    sizeof(ccs_rfi_answer_fields[0]);

#define RFI_SELECT "SELECT r.id, r.state_code AS state, r.author_id, " \
	"r.author, r.question, r.incident_id, r.value_id, r.status, " \
	"r.created_at, m.reader_set AS m_reader_set, " CCS_MARKING_COLS \
	" FROM rfis r JOIN markings m ON m.id = r.marking_id"

/* Loads request @p id as @p p may read it (not_found otherwise). */
static int
load(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **row, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	int rc;

	*row = NULL;
	rc = ccs_db_query_one(db, RFI_SELECT " WHERE r.id = $1", &v, 1, row);
	if (rc == CCS_ENOTFOUND || (rc == CCS_OK &&
	    ccs_marking_view(p, *row) != CCS_TLP_FULL)) {
		json_decref(*row);
		*row = NULL;
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no request for "
		    "information %" PRId64, id);
	}
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_rfi_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *state = p->state[0] ? p->state : NULL;
	const json_t *ji = json_object_get(body, "incident_id");
	const json_t *jv = json_object_get(body, "value_id");
	struct ccs_topic topics[2];
	json_t *val = NULL;
	struct ccs_val v[1];
	int64_t marking, id, incident = 0, value = 0;
	size_t ntopics = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_SHARE_WRITE, state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "your role may "
		    "not ask requests for information");
	if (ji != NULL) {
		incident = json_integer_value(ji);
		rc = ccs_ref_check(db, p, CCS_REF_INCIDENT, incident,
		    "incident_id", f);
		if (rc != CCS_OK)
			return rc;
	}
	if (jv != NULL) {
		/* A value seen only in records the asker may not read is
		 * answered as a missing one (issue 8, F4). */
		value = json_integer_value(jv);
		rc = ccs_ref_check(db, p, CCS_REF_VALUE, value, "value_id", f);
		if (rc != CCS_OK)
			return rc;
		v[0] = CCS_VINT(value);
		rc = ccs_db_query_one(db, "SELECT type FROM ind_values WHERE "
		    "id = $1", v, 1, &val);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	rc = ccs_marking_create(db, p, body, state, now, &marking, f);
	if (rc != CCS_OK)
		goto out;
	const struct ccs_named np[] = {
		CCS_NAMED("marking", CCS_VINT(marking)),
		CCS_NAMED("state", CCS_VTEXT(state)),
		CCS_NAMED("author_id",
		    p->user_id > 0 ? CCS_VINT(p->user_id) : CCS_VNULL),
		CCS_NAMED("author", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("question", CCS_VTEXT(ccs_jstr(body, "question"))),
		CCS_NAMED("incident",
		    incident > 0 ? CCS_VINT(incident) : CCS_VNULL),
		CCS_NAMED("value", value > 0 ? CCS_VINT(value) : CCS_VNULL),
		CCS_NAMED("now", CCS_VINT(now)),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO rfis (marking_id, "
	    "state_code, author_id, author, question, incident_id, value_id, "
	    "status, created_at) VALUES (:marking, :state, :author_id, "
	    ":author, :question, :incident, :value, 'open', :now) RETURNING "
	    "id", np, CCS_NNAMED(np), &id);
	if (rc == CCS_OK) {
		rc = ccs_audit_record(db, p, "rfi.create", "rfi", id, body,
		    now);
	}
	if (state != NULL) {
		topics[ntopics].topic = "state";
		topics[ntopics++].value = state;
	}
	if (val != NULL) {
		topics[ntopics].topic = "indicator_type";
		topics[ntopics++].value = ccs_jstr(val, "type");
	}
	/* the question is not a title: notices name the kind and id only */
	if (rc == CCS_OK && ntopics > 0)
		rc = ccs_notify_record(db, "rfi", id, marking, topics, ntopics,
		    NULL, now);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = ccs_rfi_get(db, p, id, out, f);
out:
	json_decref(val);
	return rc;
}

/* Hides links @p p may not follow (the incident, the indicator value);
 * drops the author's id. */
static int
decorate(struct ccs_db *db, const struct ccs_principal *p, json_t *rfi)
{
	static const struct {
		const char		*key;
		enum ccs_ref_kind	 kind;
	} links[] = {
		{ "incident_id", CCS_REF_INCIDENT },
		{ "value_id", CCS_REF_VALUE },
	};
	int64_t id;
	size_t i;
	bool ok;
	int rc;

	(void)json_object_del(rfi, "author_id");
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		id = json_integer_value(json_object_get(rfi, links[i].key));
		if (id <= 0)
			continue;
		rc = ccs_ref_readable(db, p, links[i].kind, id, &ok);
		if (rc != CCS_OK)
			return rc;
		if (!ok)
			(void)json_object_set_new(rfi, links[i].key,
			    json_null());
	}
	return CCS_OK;
}

int
ccs_rfi_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL, *answers = NULL;
	int rc;

	*out = NULL;
	rc = load(db, p, id, &row, f);
	if (rc != CCS_OK)
		return rc;
	ccs_marking_present(row);
	rc = decorate(db, p, row);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT id, state_code AS state, "
		    "author, answer, created_at FROM rfi_answers WHERE rfi_id = "
		    "$1 ORDER BY created_at, id", &v, 1, &answers);
	if (rc != CCS_OK) {
		json_decref(row);
		return ccs_dbfail(f, db, rc);
	}
	(void)json_object_set_new(row, "answers", answers);
	*out = row;
	return CCS_OK;
}

const struct ccs_keyset_col ccs_rfi_list_cols[] = {
	{ "created_at", "created_at", CCS_KEYSET_INT, true },
	{ "status", "COALESCE(status, '')", CCS_KEYSET_TEXT, false },
	{ "state", "COALESCE(state, '')", CCS_KEYSET_TEXT, false },
};
const size_t ccs_rfi_list_ncols = sizeof(ccs_rfi_list_cols) /
    sizeof(ccs_rfi_list_cols[0]);

struct deco {
	struct ccs_db			*db;	/* the store */
	const struct ccs_principal	*p;	/* the reader */
};

static int
deco_cb(void *arg, json_t *row)
{
	struct deco *d = arg;

	return decorate(d->db, d->p, row);
}

int
ccs_rfi_list(struct ccs_db *db, const struct ccs_principal *p,
    const char *status, const char *q, int64_t from, int64_t to,
    struct ccs_keyset *ks, bool whole, json_t **out, struct ccs_fail *f)
{
	static const char *const words[] = { "r.question", "r.state_code" };
	struct ccs_val v[3 + CCS_KEYSET_WORDS];
	struct deco d = { db, p };
	struct ccs_buf sql;
	size_t n = 3;
	int rc;

	*out = NULL;
	ccs_buf_init(&sql, 8192);
	v[0] = CCS_VTEXT(status);
	v[1] = CCS_VINT(from);
	v[2] = CCS_VINT(to);
	rc = ccs_buf_adds(&sql, RFI_SELECT " WHERE (CAST($1 AS TEXT) IS NULL "
	    "OR r.status = $1) AND r.created_at >= $2 AND (CAST($3 AS "
	    "BIGINT) = 0 OR r.created_at < $3)");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &sql, q, words,
		    sizeof(words) / sizeof(words[0]), v, &n,
		    sizeof(v) / sizeof(v[0]));
	if (rc == CCS_EINVAL) {
		ccs_buf_free(&sql);
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	}
	if (rc == CCS_OK)
		rc = ccs_shared_list(db, p, ccs_buf_str(&sql), v, n, ks, whole,
		    deco_cb, &d, out);
	ccs_buf_free(&sql);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}

int
ccs_rfi_answer(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    const json_t *body, int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[5];
	json_t *row = NULL;
	int64_t aid;
	int rc;

	rc = load(db, p, id, &row, f);
	if (rc != CCS_OK)
		return rc;
	if (strcmp(ccs_jstr(row, "status"), "open") != 0) {
		json_decref(row);
		return ccs_fail(f, CCS_ECONFLICT, "rfi_closed", "request %"
		    PRId64 " is closed and takes no more answers", id);
	}
	json_decref(row);
	if (p->role == CCS_ROLE_ANONYMOUS && !p->system)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in to answer");
	v[0] = CCS_VINT(id);
	v[1] = CCS_VTEXT(p->state[0] ? p->state : NULL);
	v[2] = CCS_VTEXT(ccs_actor(p));
	v[3] = CCS_VTEXT(ccs_jstr(body, "answer"));
	v[4] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO rfi_answers (rfi_id, state_code, "
	    "author, answer, created_at) VALUES ($1, $2, $3, $4, $5) "
	    "RETURNING id", v, 5, &aid);
	if (rc == CCS_OK) {
		rc = ccs_audit_recordf(db, p, "rfi.answer", "rfi", body, now,
		    "%" PRId64 "/%" PRId64, id, aid);
	}
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_rfi_close(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *row = NULL;
	bool author, closed;
	int rc;

	rc = load(db, p, id, &row, f);
	if (rc != CCS_OK)
		return rc;
	author = p->user_id > 0 && json_integer_value(json_object_get(row,
	    "author_id")) == p->user_id;
	closed = strcmp(ccs_jstr(row, "status"), "closed") == 0;
	json_decref(row);
	if (!author && !ccs_tlp_is_rifc(p) && !p->system)
		return ccs_fail(f, CCS_EPERM, "forbidden", "only the author or "
		    "the RIFC closes a request for information");
	if (closed)
		return ccs_fail(f, CCS_ECONFLICT, "already_closed", "request %"
		    PRId64 " is already closed", id);
	rc = ccs_db_exec(db, "UPDATE rfis SET status = 'closed' WHERE id = $1",
	    &v, 1, NULL, NULL);
	if (rc == CCS_OK) {
		rc = ccs_audit_record(db, p, "rfi.close", "rfi", id, NULL, now);
	}
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}
