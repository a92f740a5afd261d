/*
 * assessments.c: submitting and reviewing status records.
 *
 * Every check runs before anything is written, and the whole request is one
 * transaction, so a refused submission stores nothing. Validation also
 * updates the two derived tables the gap analysis reads (status_history:
 * every validated status by date; status_current: the latest per state and
 * lineage); ccs_assess_rebuild recomputes both from the records.
 */
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/platform/audit.h"
#include "svc/standards/assessments.h"
#include "svc/standards/evidence.h"
#include "svc/standards/framework.h"
#include "svc/standards/status_months.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

const struct ccs_jfield ccs_assessment_fields[] = {
	{ "state", CCS_J_STRING, true, 1, 8 },
	{ "standard", CCS_J_STRING, true, 1, 32 },
	{ "as_of", CCS_J_STRING, true, 1, 16 },
	{ "level", CCS_J_INT, true, 0, 0 },
	{ "evidence", CCS_J_NULLSTR, false, 0, 20000 },
	{ "links", CCS_J_ARRAY, false, 0, 20 },
	{ "source", CCS_J_STRING, false, 1, 64 },
	{ "files", CCS_J_ARRAY, false, 0, 10 },
	{ "corrects", CCS_J_INT, false, 0, 0 },
};
const size_t ccs_assessment_nfields = sizeof(ccs_assessment_fields) /
    sizeof(ccs_assessment_fields[0]);

#define ASSESS_COLS "SELECT a.id, a.state_code AS state, s.code AS " \
	"standard, s.title AS standard_title, s.scale, s.met_level, " \
	"a.standard_id, a.lineage_id, a.as_of, a.level, a.evidence, a.links, " \
	"a.source_key AS source, a.author, a.author_id, a.submitted_at, " \
	"a.corrects_id, COALESCE(r.decision, 'pending') AS status, r.reason, " \
	"r.reviewer, r.reviewed_at"
#define ASSESS_FROM "FROM assessments a JOIN standards s ON " \
	"s.id = a.standard_id LEFT JOIN assessment_reviews r ON " \
	"r.assessment_id = a.id"
#define ASSESS_SELECT ASSESS_COLS " " ASSESS_FROM

static int
dbfail(struct ccs_fail *f, struct ccs_db *db, int rc)
{
	return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
	    "status records: %s", ccs_db_errmsg(db));
}

/* Replaces the scale text with a level label and a met flag. */
static void
decorate(json_t *rec)
{
	const char *s = ccs_jstr(rec, "scale"), *l = ccs_jstr(rec, "links");
	json_t *scale = s ? json_loads(s, 0, NULL) : NULL;
	json_t *links = l ? json_loads(l, 0, NULL) : NULL;
	json_int_t level = json_integer_value(json_object_get(rec, "level"));

	json_object_set_new(rec, "level_label", json_incref(json_array_get(
	    scale, (size_t)level)));
	json_object_set_new(rec, "met", json_boolean(level >=
	    json_integer_value(json_object_get(rec, "met_level"))));
	json_object_set_new(rec, "scale", scale ? scale : json_array());
	json_object_set_new(rec, "links", links ? links : json_array());
}

static int
load(struct ccs_db *db, int64_t id, json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *files = NULL;
	int rc;

	rc = ccs_db_query_one(db, ASSESS_SELECT " WHERE a.id = $1", &v, 1, out);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no status record %lld",
		    (long long)id);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT f.sha256, f.filename, "
		    "e.size, e.content_type FROM assessment_files f JOIN "
		    "evidence_files e ON e.sha256 = f.sha256 WHERE "
		    "f.assessment_id = $1 ORDER BY f.filename", &v, 1, &files);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return dbfail(f, db, rc);
	}
	decorate(*out);
	json_object_set_new(*out, "files", files);
	return CCS_OK;
}

static int
check_files(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *files, struct ccs_fail *f)
{
	const json_t *fl;
	const char *sha, *name;
	char what[32];
	size_t i;
	int rc;

	json_array_foreach(files, i, fl) {
		sha = ccs_jstr(fl, "sha256");
		name = ccs_jstr(fl, "filename");
		if (!json_is_object(fl) || json_object_size(fl) != 2 ||
		    sha == NULL || name == NULL || strlen(sha) != 64 ||
		    strlen(name) == 0 || strlen(name) > 200 ||
		    !ccs_text_ok(name) || strchr(name, '/') != NULL)
			return ccs_fail(f, CCS_EINVAL, "invalid_file", "files[%zu] "
			    "must be {\"sha256\", \"filename\"} of an uploaded "
			    "file", i);
		/* Only a file the submitter holds or may read (issue 8,
		 * F1): a hash is often public. */
		(void)ccs_snprintf(what, sizeof(what), "files[%zu]", i);
		rc = ccs_evidence_ref_check(db, p, sha, what,
		    "unknown_evidence", f);
		if (rc != CCS_OK)
			return rc;
	}
	return CCS_OK;
}

static int
check_links(const json_t *links, struct ccs_fail *f)
{
	const json_t *l;
	size_t i;

	json_array_foreach(links, i, l) {
		if (!ccs_valid_url(json_string_value(l)))
			return ccs_fail(f, CCS_EINVAL, "invalid_url", "links[%zu] "
			    "must be an http(s) address", i);
	}
	return CCS_OK;
}

int
ccs_assess_submit(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *state = ccs_jstr(body, "state");
	const char *code = ccs_jstr(body, "standard");
	const char *as_of = ccs_jstr(body, "as_of");
	const char *src = ccs_jstr(body, "source");
	const json_t *links = json_object_get(body, "links");
	const json_t *files = json_object_get(body, "files"), *fl;
	json_t *std = NULL, *corr = NULL;
	struct ccs_val v[3];
	char today[11], *links_txt = NULL;
	bool known;
	int64_t vid, n, level, id, corrects = 0;
	size_t i;
	int rc;

	*out = NULL;
	if (!ccs_valid_iso2(state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state must "
		    "be a two-letter ISO 3166 code such as JM");
	rc = ccs_state_exists(db, state, &known);
	if (rc != CCS_OK)
		return dbfail(f, db, rc);
	if (!known)
		return ccs_fail(f, CCS_EINVAL, "unknown_state", "state '%s' is "
		    "not in the directory", state);
	rc = ccs_policy_check(p, CCS_ACT_ASSESS_SUBMIT, state);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", p->state[0] &&
		    strcmp(p->state, state) != 0 ? "you may submit status "
		    "records for %s only" : "your role may not submit status "
		    "records%s", p->state[0] ? p->state : "");
	rc = ccs_fw_latest(db, &vid, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "no_framework", "no framework version is "
		    "published yet");
	v[0] = CCS_VINT(vid);
	v[1] = CCS_VTEXT(code);
	rc = ccs_db_query_one(db, "SELECT id, lineage_id, nlevels, code FROM "
	    "standards WHERE version_id = $1 AND code = $2", v, 2, &std);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, CCS_EINVAL, "unknown_standard", "'%.40s' is "
		    "not a standard of the current framework", code);
	if (rc != CCS_OK)
		return dbfail(f, db, rc);
	level = json_integer_value(json_object_get(body, "level"));
	if (level < 0 || level >= json_integer_value(json_object_get(std,
	    "nlevels"))) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_level", "level must be "
		    "0-%lld on this standard's scale", (long long)
		    json_integer_value(json_object_get(std, "nlevels")) - 1);
		goto out;
	}
	if (!ccs_valid_date(as_of)) {
		rc = ccs_fail(f, CCS_EINVAL, "invalid_date", "as_of must be a "
		    "date written YYYY-MM-DD");
		goto out;
	}
	ccs_date_of(now, today);
	if (strcmp(as_of, today) > 0) {
		rc = ccs_fail(f, CCS_EINVAL, "future_date", "as_of %s is in the "
		    "future; record what is true today or earlier", as_of);
		goto out;
	}
	if (src == NULL)
		src = p->role == CCS_ROLE_NCPOC || p->role == CCS_ROLE_CERT ?
		    "ncpoc_feedback" : NULL;
	if (src == NULL) {
		rc = ccs_fail(f, CCS_EINVAL, "missing_field", "field 'source' "
		    "is required (a desk study, ncpoc_feedback or "
		    "review_meeting)");
		goto out;
	}
	v[0] = CCS_VTEXT(src);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM sources WHERE key = $1",
	    v, 1, &n);
	if (rc != CCS_OK || n == 0) {
		rc = rc != CCS_OK ? dbfail(f, db, rc) : ccs_fail(f, CCS_EINVAL,
		    "unknown_source", "source '%.60s' is not known", src);
		goto out;
	}
	rc = check_links(links, f);
	if (rc == CCS_OK)
		rc = check_files(db, p, files, f);
	if (rc != CCS_OK)
		goto out;
	if (json_object_get(body, "corrects") != NULL) {
		corrects = json_integer_value(json_object_get(body, "corrects"));
		v[0] = CCS_VINT(corrects);
		rc = ccs_db_query_one(db, "SELECT state_code, lineage_id FROM "
		    "assessments WHERE id = $1", v, 1, &corr);
		if (rc == CCS_OK && (!ccs_streq(ccs_jstr(corr, "state_code"),
		    state) || json_integer_value(json_object_get(corr,
		    "lineage_id")) !=
		    json_integer_value(json_object_get(std, "lineage_id"))))
			rc = CCS_EINVAL;
		json_decref(corr);
		if (rc != CCS_OK) {
			rc = ccs_fail(f, CCS_EINVAL, "invalid_correction",
			    "corrects must name an earlier record of the same "
			    "state and standard");
			goto out;
		}
	}
	links_txt = links ? json_dumps(links, JSON_COMPACT) : ccs_strdup("[]");
	if (links_txt == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
		goto out;
	}
	const struct ccs_named np[] = {
		CCS_NAMED("state", CCS_VTEXT(state)),
		CCS_NAMED("std", CCS_VINT(json_integer_value(
		    json_object_get(std, "id")))),
		CCS_NAMED("lineage", CCS_VINT(json_integer_value(
		    json_object_get(std, "lineage_id")))),
		CCS_NAMED("as_of", CCS_VTEXT(as_of)),
		CCS_NAMED("level", CCS_VINT(level)),
		CCS_NAMED("evidence", CCS_VTEXT(ccs_jstr(body, "evidence"))),
		CCS_NAMED("links", CCS_VTEXT(links_txt)),
		CCS_NAMED("src", CCS_VTEXT(src)),
		CCS_NAMED("author_id",
		    p->user_id ? CCS_VINT(p->user_id) : CCS_VNULL),
		CCS_NAMED("author", CCS_VTEXT(ccs_actor(p))),
		CCS_NAMED("now", CCS_VINT(now)),
		CCS_NAMED("corrects",
		    corrects ? CCS_VINT(corrects) : CCS_VNULL),
	};

	rc = ccs_db_query_int_named(db, "INSERT INTO assessments (state_code, "
	    "standard_id, lineage_id, as_of, level, evidence, links, source_key, "
	    "author_id, author, submitted_at, corrects_id) VALUES (:state, "
	    ":std, :lineage, :as_of, :level, :evidence, :links, :src, "
	    ":author_id, :author, :now, :corrects) RETURNING id", np,
	    CCS_NNAMED(np), &id);
	if (rc != CCS_OK) {
		rc = dbfail(f, db, rc);
		goto out;
	}
	json_array_foreach(files, i, fl) {
		v[0] = CCS_VINT(id);
		v[1] = CCS_VTEXT(ccs_jstr(fl, "sha256"));
		v[2] = CCS_VTEXT(ccs_jstr(fl, "filename"));
		rc = ccs_db_exec(db, "INSERT INTO assessment_files "
		    "(assessment_id, sha256, filename) VALUES ($1, $2, $3)", v, 3,
		    NULL, NULL);
		if (rc == CCS_ECONFLICT) {
			rc = ccs_fail(f, CCS_EINVAL, "invalid_file", "the same "
			    "file is attached twice");
			goto out;
		}
		if (rc != CCS_OK) {
			rc = dbfail(f, db, rc);
			goto out;
		}
	}
	rc = ccs_audit_record(db, p, "assessment.submit", "assessment", id,
	    body, now);
	if (rc != CCS_OK) {
		rc = dbfail(f, db, rc);
		goto out;
	}
	rc = load(db, id, out, f);
out:
	free(links_txt);
	json_decref(std);
	return rc;
}

/* Adds a validated record to the derived status tables. */
static int
derive(struct ccs_db *db, const char *state, int64_t lineage,
    const char *as_of, int64_t id, int64_t level, bool months)
{
	struct ccs_val v[5];
	json_t *cur = NULL;
	int rc;
	bool newer = true;

	v[0] = CCS_VTEXT(state);
	v[1] = CCS_VINT(lineage);
	v[2] = CCS_VTEXT(as_of);
	v[3] = CCS_VINT(id);
	v[4] = CCS_VINT(level);
	rc = ccs_db_exec(db, "INSERT INTO status_history (state_code, "
	    "lineage_id, as_of, assessment_id, level) VALUES ($1, $2, $3, $4, "
	    "$5)", v, 5, NULL, NULL);
	/* a rebuild recomputes the monthly snapshots once, at the end */
	if (rc == CCS_OK && months)
		rc = ccs_status_months_add(db, state, lineage, as_of, id,
		    level);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, "SELECT as_of, assessment_id FROM "
	    "status_current WHERE state_code = $1 AND lineage_id = $2", v, 2,
	    &cur);
	if (rc == CCS_ENOTFOUND) {
		return ccs_db_exec(db, "INSERT INTO status_current (state_code, "
		    "lineage_id, as_of, assessment_id, level) VALUES ($1, $2, $3, "
		    "$4, $5)", v, 5, NULL, NULL);
	}
	if (rc != CCS_OK)
		return rc;
	rc = strcmp(ccs_jstr(cur, "as_of"), as_of);
	if (rc > 0 || (rc == 0 && json_integer_value(json_object_get(cur,
	    "assessment_id")) > id))
		newer = false;
	json_decref(cur);
	if (!newer)
		return CCS_OK;
	return ccs_db_exec(db, "UPDATE status_current SET as_of = $3, "
	    "assessment_id = $4, level = $5 WHERE state_code = $1 AND "
	    "lineage_id = $2", v, 5, NULL, NULL);
}

int
ccs_assess_review(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, bool validate, const char *reason, int64_t now,
    struct ccs_fail *f)
{
	struct ccs_val v[6];
	json_t *rec = NULL, *change = NULL;
	int rc;

	rc = ccs_policy_check(p, CCS_ACT_ASSESS_VALIDATE, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "only RIFC "
		    "analysts and coordinators validate status records");
	v[0] = CCS_VINT(id);
	rc = ccs_db_query_one(db, "SELECT a.id, a.state_code, a.lineage_id, "
	    "a.as_of, a.level, a.author_id, a.author, r.decision FROM "
	    "assessments a LEFT JOIN assessment_reviews r ON r.assessment_id = "
	    "a.id WHERE a.id = $1", v, 1, &rec);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no status record %lld",
		    (long long)id);
	if (rc != CCS_OK)
		return dbfail(f, db, rc);
	if (ccs_jstr(rec, "decision") != NULL) {
		rc = ccs_fail(f, CCS_ECONFLICT, "already_reviewed", "record %lld "
		    "was already %s", (long long)id, ccs_jstr(rec, "decision"));
		goto out;
	}
	if ((p->user_id != 0 && json_integer_value(json_object_get(rec,
	    "author_id")) == p->user_id) || ccs_streq(ccs_jstr(rec, "author"),
	    p->login)) {
		rc = ccs_fail(f, CCS_EPERM, "own_submission", "you submitted "
		    "record %lld; another analyst must review it", (long long)id);
		goto out;
	}
	if (!validate && (reason == NULL || reason[0] == '\0')) {
		rc = ccs_fail(f, CCS_EINVAL, "reason_required", "say why the "
		    "record is rejected, so the submitter can correct it");
		goto out;
	}
	v[1] = CCS_VTEXT(validate ? "validated" : "rejected");
	v[2] = CCS_VTEXT(reason && reason[0] ? reason : NULL);
	v[3] = p->user_id ? CCS_VINT(p->user_id) : CCS_VNULL;
	v[4] = CCS_VTEXT(ccs_actor(p));
	v[5] = CCS_VINT(now);
	rc = ccs_db_exec(db, "INSERT INTO assessment_reviews (assessment_id, "
	    "decision, reason, reviewer_id, reviewer, reviewed_at) VALUES ($1, "
	    "$2, $3, $4, $5, $6)", v, 6, NULL, NULL);
	if (rc == CCS_OK && validate)
		rc = derive(db, ccs_jstr(rec, "state_code"), json_integer_value(
		    json_object_get(rec, "lineage_id")), ccs_jstr(rec, "as_of"),
		    id, json_integer_value(json_object_get(rec, "level")), true);
	if (rc != CCS_OK) {
		rc = dbfail(f, db, rc);
		goto out;
	}
	change = json_pack("{s:s, s:s?}", "decision", v[1].s, "reason", v[2].s);
	rc = ccs_audit_record(db, p,
	    validate ? "assessment.validate" : "assessment.reject",
	    "assessment", id, change, now);
	if (rc != CCS_OK)
		rc = dbfail(f, db, rc);
out:
	json_decref(change);
	json_decref(rec);
	return rc;
}

/* The sorts of the list; the default is the newest submission first. */
static const struct ccs_keyset_col assess_cols[] = {
	{ "submitted_at", "a.submitted_at", CCS_KEYSET_INT, true },
	{ "as_of", "a.as_of", CCS_KEYSET_TEXT, true },
	{ "state", "a.state_code", CCS_KEYSET_TEXT, false },
	{ "standard", "s.code", CCS_KEYSET_TEXT, false },
	{ "status", "COALESCE(r.decision, 'pending')", CCS_KEYSET_TEXT, false },
	{ "level", "a.level", CCS_KEYSET_INT, true },
};

static const char *const assess_text[] = {
	"a.state_code", "s.code", "s.title", "a.evidence", "a.author",
	"a.source_key",
};

static const struct ccs_listq_csvcol assess_csv[] = {
	{ "id", "id", false }, { "state", "state", false },
	{ "standard", "standard", false },
	{ "standard_title", "standard_title", false },
	{ "as_of", "as_of", false }, { "level", "level", false },
	{ "level_label", "level_label", false }, { "met", "met", false },
	{ "status", "status", false }, { "source", "source", false },
	{ "author", "author", false },
	{ "submitted_at", "submitted_at", true },
	{ "reviewer", "reviewer", false },
	{ "reviewed_at", "reviewed_at", true }, { "reason", "reason", false },
	{ "evidence", "evidence", false },
	{ "corrects_id", "corrects_id", false },
};

const struct ccs_listq_def ccs_assess_list = {
	.name = "assessments", .select = ASSESS_COLS,
	.from = ASSESS_FROM " WHERE 1 = 1",
	.cols = assess_cols,
	.ncols = sizeof(assess_cols) / sizeof(assess_cols[0]),
	.id_expr = "a.id", .text = assess_text,
	.ntext = sizeof(assess_text) / sizeof(assess_text[0]),
	.date_expr = "a.submitted_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = assess_csv, .ncsv = sizeof(assess_csv) / sizeof(assess_csv[0]),
	.decorate = decorate,
};

int
ccs_assess_query(const struct ccs_principal *p,
    const struct ccs_assess_filter *flt, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	size_t n;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_GAPS_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see status records");
	if (flt->state != NULL && !ccs_valid_iso2(flt->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code",
		    "state must be a two-letter ISO 3166 code such as JM");
	if (flt->status != NULL && !ccs_streq(flt->status, "pending") &&
	    !ccs_streq(flt->status, "validated") && !ccs_streq(flt->status,
	    "rejected"))
		return ccs_fail(f, CCS_EINVAL, "invalid_status",
		    "status must be pending, validated or rejected");
	rc = ccs_listq_new(&ccs_assess_list, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "a.state_code", CCS_VTEXT(flt->state));
	ccs_listq_eq(lq, "COALESCE(r.decision, 'pending')",
	    CCS_VTEXT(flt->status));
	ccs_listq_eq(lq, "s.code", CCS_VTEXT(flt->standard));
	if (flt->older_than > 0) {
		n = ccs_listq_param(lq, CCS_VINT(flt->now -
		    flt->older_than * 86400));
		ccs_listq_where(lq, " AND a.submitted_at <= $%zu", n);
	}
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}

int
ccs_assess_get(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    json_t **out, struct ccs_fail *f)
{
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_GAPS_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see status records");
	return load(db, id, out, f);
}


int
ccs_assess_rebuild(struct ccs_db *db)
{
	json_t *rows = NULL, *r;
	size_t i;
	int rc;

	rc = ccs_db_exec(db, "DELETE FROM status_current", NULL, 0, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "DELETE FROM status_history", NULL, 0, NULL,
		    NULL);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT a.id, a.state_code, "
		    "a.lineage_id, a.as_of, a.level FROM assessments a JOIN "
		    "assessment_reviews r ON r.assessment_id = a.id WHERE "
		    "r.decision = 'validated' ORDER BY a.id", NULL, 0, &rows);
	json_array_foreach(rows, i, r) {
		if (rc != CCS_OK)
			break;
		rc = derive(db, ccs_jstr(r, "state_code"), json_integer_value(
		    json_object_get(r, "lineage_id")), ccs_jstr(r, "as_of"),
		    json_integer_value(json_object_get(r, "id")),
		    json_integer_value(json_object_get(r, "level")), false);
	}
	json_decref(rows);
	if (rc == CCS_OK)
		rc = ccs_status_months_rebuild(db);
	return rc;
}
