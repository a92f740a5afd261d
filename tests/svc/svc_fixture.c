/*
 * svc_fixture.c: the service test helper. The store is SQLite's
 * ":memory:" with a pool of one connection (each connection of an
 * in-memory database is its own database), migrated and seeded through the
 * same functions `ccscap init` calls. Accounts are inserted with SQL and a
 * placeholder password hash: services read users by id and role only, and
 * argon2id per account would make every case (and valgrind) slow.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/migrate.h"
#include "svc/platform/audit.h"
#include "svc/directory/directory.h"
#include "svc/monitoring/plan_versions.h"
#include "svc/standards/framework.h"
#include "svc/platform/seed.h"
#include "svc/sharing/reader_sets.h"
#include "svc_fixture.h"
#include "util/err.h"
#include "util/str.h"

static void
add_user(struct svc_fx *fx, struct ccs_principal *p, const char *login,
    enum ccs_role role, const char *state)
{
	struct ccs_val v[4];
	int64_t id = 0;
	int rc;

	v[0] = CCS_VTEXT(login);
	v[1] = CCS_VTEXT(ccs_role_name(role));
	v[2] = CCS_VTEXT(state);
	v[3] = CCS_VINT(fx->now);
	rc = ccs_db_query_int(fx->db, "INSERT INTO users (login, "
	    "display_name, pw_hash, role, state_code, created_at, updated_at) "
	    "VALUES ($1, $1, '!test', $2, $3, $4, $4) RETURNING id", v, 4, &id);
	if (rc != CCS_OK)
		fail_msg("user %s: %s", login, ccs_db_errmsg(fx->db));
	memset(p, 0, sizeof(*p));
	p->role = role;
	p->user_id = id;
	assert_int_equal(ccs_strlcpy(p->login, login, sizeof(p->login)),
	    CCS_OK);
	if (state != NULL)
		assert_int_equal(ccs_strlcpy(p->state, state, sizeof(p->state)),
		    CCS_OK);
}

int
svc_fx_setup(void **state)
{
	struct svc_fx *fx;
	char err[256] = "";
	int loaded = 0, rc;

	fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	fx->now = SVC_NOW;
	rc = ccs_store_open("sqlite::memory:", 1, &fx->st, err, sizeof(err));
	if (rc != CCS_OK)
		fail_msg("store: %s", err);
	fx->db = ccs_store_acquire(fx->st);
	rc = ccs_migrate(fx->db, NULL, err, sizeof(err));
	if (rc != CCS_OK)
		fail_msg("migrate: %s", err);
	svc_begin(fx);
	rc = ccs_seed_load(fx->db, fx->now, &loaded, &fx->f);
	if (rc != CCS_OK || loaded != 1)
		fail_msg("seed: %s", fx->f.message);
	rc = ccs_fw_seed(fx->db, fx->now, &loaded, &fx->f);
	if (rc != CCS_OK || loaded != 1)
		fail_msg("framework seed: %s", fx->f.message);
	/* monitoring: the 2016 plan, whose needs the framework seeded */
	rc = ccs_plan_seed(fx->db, fx->now, &loaded, &fx->f);
	if (rc != CCS_OK || loaded == 0)
		fail_msg("plan seed: %s", fx->f.message);
	add_user(fx, &fx->admin, "admin", CCS_ROLE_ADMIN, NULL);
	add_user(fx, &fx->coord, "coord", CCS_ROLE_COORDINATOR, NULL);
	add_user(fx, &fx->rifc, "rifc.a", CCS_ROLE_RIFC_ANALYST, NULL);
	add_user(fx, &fx->rifc2, "rifc.b", CCS_ROLE_RIFC_ANALYST, NULL);
	add_user(fx, &fx->ncpoc_jm, "ncpoc.jm", CCS_ROLE_NCPOC, "JM");
	add_user(fx, &fx->cert_jm, "cert.jm", CCS_ROLE_CERT, "JM");
	add_user(fx, &fx->ncpoc_tt, "ncpoc.tt", CCS_ROLE_NCPOC, "TT");
	add_user(fx, &fx->cert_bb, "cert.bb", CCS_ROLE_CERT, "BB");
	add_user(fx, &fx->steering, "steering", CCS_ROLE_STEERING, NULL);
	add_user(fx, &fx->partner, "partner", CCS_ROLE_PARTNER, NULL);
	memset(&fx->anon, 0, sizeof(fx->anon));
	assert_int_equal(svc_end(fx, CCS_OK), CCS_OK);
	*state = fx;
	return 0;
}

int
svc_fx_teardown(void **state)
{
	struct svc_fx *fx = *state;

	if (fx == NULL)
		return 0;
	ccs_store_release(fx->st, fx->db);
	ccs_store_close(fx->st);
	free(fx);
	*state = NULL;
	return 0;
}

void
svc_begin(struct svc_fx *fx)
{
	memset(&fx->f, 0, sizeof(fx->f));
	assert_int_equal(ccs_db_begin(fx->db, true), CCS_OK);
}

int
svc_end(struct svc_fx *fx, int rc)
{
	if (rc != CCS_OK) {
		ccs_db_rollback(fx->db);
		return rc;
	}
	return ccs_db_commit(fx->db);
}

json_t *
svc_json(const char *text)
{
	json_error_t je;
	json_t *j;

	j = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL)
		fail_msg("bad test JSON at %d: %s: %s", je.line, je.text, text);
	return j;
}

/* Opens a read transaction unless one is open; true when it did. */
static bool
read_tx(struct svc_fx *fx)
{
	int rc;

	if (fx->db->in_tx)
		return false;
	rc = ccs_db_begin(fx->db, false);
	assert_int_equal(rc, CCS_OK);
	return true;
}

int64_t
svc_count(struct svc_fx *fx, const char *sql_from)
{
	char sql[512];
	int64_t n = -1;
	bool own;
	int rc;

	assert_int_equal(ccs_snprintf(sql, sizeof(sql), "SELECT COUNT(*) %s",
	    sql_from), CCS_OK);
	own = read_tx(fx);
	rc = ccs_db_query_int(fx->db, sql, NULL, 0, &n);
	if (rc != CCS_OK)
		fail_msg("%s: %s", sql, ccs_db_errmsg(fx->db));
	if (own)
		ccs_db_rollback(fx->db);
	return n;
}

void
svc_set_copies_ok(struct svc_fx *fx, const char *const *tables, size_t n,
    int64_t min)
{
	char from[256];
	int64_t all, kept;
	size_t i;

	for (i = 0; i < n; i++) {
		assert_int_equal(ccs_snprintf(from, sizeof(from), "FROM %s "
		    "WHERE marking_id IS NOT NULL", tables[i]), CCS_OK);
		all = svc_count(fx, from);
		assert_int_equal(ccs_snprintf(from, sizeof(from), "FROM %s t "
		    "JOIN markings m ON m.id = t.marking_id WHERE "
		    "t.reader_set = m.reader_set", tables[i]), CCS_OK);
		kept = svc_count(fx, from);
		if (all < min || kept != all)
			fail_msg("%s: %lld of %lld rows keep their marking's "
			    "reader set (at least %lld expected)", tables[i],
			    (long long)kept, (long long)all, (long long)min);
	}
}

void
svc_set_copies_follow(struct svc_fx *fx, const char *const *tables,
    size_t n)
{
	int rc;

	svc_begin(fx);
	rc = ccs_db_exec(fx->db, "UPDATE markings SET reader_set = "
	    "reader_set + 1000", NULL, 0, NULL, NULL);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	svc_set_copies_ok(fx, tables, n, 1);
	svc_begin(fx);
	rc = ccs_reader_sets_rebuild(fx->db);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	svc_set_copies_ok(fx, tables, n, 1);
}

static int
head_cb(void *arg, const struct ccs_row *row)
{
	struct svc_snap *s = arg;

	assert_int_equal(row->ncols, 2);
	assert_int_equal(ccs_parse_i64(row->vals[0], 0, INT64_MAX,
	    &s->audit_seq), CCS_OK);
	assert_int_equal(ccs_strlcpy(s->audit_hash, row->vals[1] ?
	    row->vals[1] : "", sizeof(s->audit_hash)), CCS_OK);
	return CCS_OK;
}

void
svc_snap_take(struct svc_fx *fx, struct svc_snap *s)
{
	char from[160];
	bool own;
	size_t i;
	int rc;

	memset(s, 0, sizeof(*s));
	own = read_tx(fx);
	for (i = 0; ccs_migrate_tables[i] != NULL; i++) {
		assert_true(i < SVC_MAX_TABLES);
		assert_int_equal(ccs_snprintf(from, sizeof(from), "FROM %s",
		    ccs_migrate_tables[i]), CCS_OK);
		s->rows[i] = svc_count(fx, from);
	}
	s->ntables = i;
	rc = ccs_db_exec(fx->db, "SELECT seq, hash FROM audit_head WHERE "
	    "id = 1", NULL, 0, head_cb, s);
	assert_int_equal(rc, CCS_OK);
	if (own)
		ccs_db_rollback(fx->db);
}

void
svc_snap_assert_equal(const struct svc_snap *a, const struct svc_snap *b,
    const char *what)
{
	size_t i;

	for (i = 0; i < a->ntables; i++) {
		if (a->rows[i] != b->rows[i])
			fail_msg("%s: table %s has %lld rows, expected %lld",
			    what, ccs_migrate_tables[i], (long long)b->rows[i],
			    (long long)a->rows[i]);
	}
	if (a->audit_seq != b->audit_seq ||
	    strcmp(a->audit_hash, b->audit_hash) != 0)
		fail_msg("%s: audit head moved from %lld to %lld", what,
		    (long long)a->audit_seq, (long long)b->audit_seq);
}

void
svc_snap_delta(const struct svc_snap *a, const struct svc_snap *b, char *out,
    size_t outlen)
{
	size_t i, len = 0;
	int n;

	out[0] = '\0';
	for (i = 0; i < a->ntables; i++) {
		if (a->rows[i] == b->rows[i])
			continue;
		n = snprintf(out + len, outlen - len, "%s%s:%+lld",
		    len ? "," : "", ccs_migrate_tables[i],
		    (long long)(b->rows[i] - a->rows[i]));
		assert_true(n > 0 && (size_t)n < outlen - len);
		len += (size_t)n;
	}
}

void
svc_audit_ok(struct svc_fx *fx)
{
	struct ccs_audit_report rep;
	bool own;
	int rc;

	memset(&rep, 0, sizeof(rep));
	own = read_tx(fx);
	rc = ccs_audit_verify(fx->db, &rep);
	if (own)
		ccs_db_rollback(fx->db);
	if (rc != CCS_OK)
		fail_msg("audit chain broken at event %lld: %s",
		    (long long)rep.bad_seq, rep.reason);
	assert_true(rep.events > 0);
}

int64_t
svc_add_contact(struct svc_fx *fx, const struct ccs_principal *p,
    const char *body)
{
	json_t *b = svc_json(body), *out = NULL;
	int64_t id;
	int rc;

	svc_begin(fx);
	rc = ccs_dir_contact_create(fx->db, p, b, fx->now, &out, &fx->f);
	rc = svc_end(fx, rc);
	if (rc != CCS_OK)
		fail_msg("contact %s: %s %s", body, fx->f.code ? fx->f.code :
		    "", fx->f.message);
	id = json_integer_value(json_object_get(out, "id"));
	assert_true(id > 0);
	json_decref(out);
	json_decref(b);
	return id;
}

void
svc_add_evidence(struct svc_fx *fx, const struct ccs_principal *who,
    const char *sha256)
{
	struct ccs_val v[4] = { CCS_VTEXT(sha256), CCS_VINT(fx->now),
	    CCS_VTEXT(who->login), CCS_VINT(who->user_id) };
	int rc;

	/* as an upload by @p who: a record may attach only files its author
	 * uploaded or may already read (svc/standards/evidence.c) */
	svc_begin(fx);
	rc = ccs_db_exec(fx->db, "INSERT INTO evidence_files (sha256, size, "
	    "content_type, uploaded_by, created_at) VALUES ($1, 5, "
	    "'text/plain', $3, $2) ON CONFLICT (sha256) DO NOTHING", v, 3,
	    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(fx->db, "INSERT INTO evidence_uploads "
		    "(sha256, user_id, created_at) VALUES ($1, $4, $2)", v, 4,
		    NULL, NULL);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}
