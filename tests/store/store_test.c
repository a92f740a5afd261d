/*
 * store_test.c: the storage layer, run case by case against SQLite (a fresh
 * file per case) and, when CCSCAP_TEST_PG names a server, against
 * PostgreSQL (a fresh database per case, created through
 * CCSCAP_TEST_PG_ADMIN). The cases are the behaviour a user would notice:
 * schema creation, constraint errors mapped to the right ccs_err, rollback,
 * generated ids, JSON typing, the pool under concurrent writers, and backup
 * and restore, including refusing damaged or hostile files without leaving
 * anything behind, and covering every table of the live catalog.
 *
 * Run both backends with tests/pg-harness.sh; CCSCAP_REQUIRE_PG=1 turns a
 * missing server into a failure instead of a skip.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "store/backup.h"
#include "store/migrate.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

#define URI_MAX		512
#define MAX_DBS		4
#define MAX_STORES	4
#define POOL_SIZE	4
#define NTHREADS	8
#define PER_THREAD	25

/** Which backend a group of cases runs on; passed in as prestate. */
struct backend {
	const char	*kind;	/* "sqlite" or "postgres" */
	unsigned	 seq;	/* databases made so far (unique names) */
};

/** Per-case state: the databases and stores to clean up. */
struct fx {
	struct backend		*bk;			/* borrowed */
	char			 dir[256];		/* temp dir (sqlite) */
	unsigned		 nfiles;		/* sqlite files made */
	char			 dbs[MAX_DBS][64];	/* pg databases made */
	size_t			 ndbs;			/* used entries */
	struct ccs_store	*stores[MAX_STORES];	/* opened stores */
	size_t			 nstores;		/* used entries */
	struct ccs_store	*st;			/* the case's store */
	char			 uri[URI_MAX];		/* its URI */
};

/* ---- database provisioning ---- */

/* Builds the URI of database @p name on the server of @p base. */
static void
pg_uri_for(const char *base, const char *name, char *out, size_t n)
{
	const char *host, *slash, *query;
	int len;

	host = strstr(base, "://");
	assert_non_null(host);
	host += 3;
	slash = strchr(host, '/');
	query = strchr(host, '?');
	if (slash == NULL || (query != NULL && query < slash))
		slash = query != NULL ? query : host + strlen(host);
	len = (int)(slash - base);
	assert_int_equal(ccs_snprintf(out, n, "%.*s/%s%s", len, base, name,
	    query != NULL ? query : ""), CCS_OK);
}

static void
pg_admin(const char *sql)
{
	const char *admin = getenv("CCSCAP_TEST_PG_ADMIN");
	char uri[URI_MAX], err[256] = "";
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	int rc;

	if (admin == NULL) {
		pg_uri_for(getenv("CCSCAP_TEST_PG"), "postgres", uri,
		    sizeof(uri));
		admin = uri;
	}
	rc = ccs_store_open(admin, 1, &st, err, sizeof(err));
	if (rc != CCS_OK)
		fail_msg("admin connection: %s", err);
	db = ccs_store_acquire(st);
	rc = ccs_db_exec_script(db, sql);
	if (rc != CCS_OK)
		fail_msg("%s: %s", sql, ccs_db_errmsg(db));
	ccs_store_release(st, db);
	ccs_store_close(st);
}

/* Makes a new, empty database of @p kind and writes its URI to @p uri. */
static void
new_database(struct fx *fx, const char *kind, char *uri, size_t n)
{
	char sql[256];
	char *name;

	if (strcmp(kind, "sqlite") == 0) {
		assert_int_equal(ccs_snprintf(uri, n, "sqlite:%s/db%u.sqlite",
		    fx->dir, fx->nfiles++), CCS_OK);
		return;
	}
	assert_true(fx->ndbs < MAX_DBS);
	name = fx->dbs[fx->ndbs];
	assert_int_equal(ccs_snprintf(name, sizeof(fx->dbs[0]),
	    "ccs_t_%ld_%u", (long)getpid(), fx->bk->seq++), CCS_OK);
	fx->ndbs++;
	assert_int_equal(ccs_snprintf(sql, sizeof(sql),
	    "DROP DATABASE IF EXISTS %s WITH (FORCE)", name), CCS_OK);
	pg_admin(sql);
	assert_int_equal(ccs_snprintf(sql, sizeof(sql), "CREATE DATABASE %s",
	    name), CCS_OK);
	pg_admin(sql);
	pg_uri_for(getenv("CCSCAP_TEST_PG"), name, uri, n);
}

static struct ccs_store *
open_store(struct fx *fx, const char *uri, unsigned pool)
{
	struct ccs_store *st = NULL;
	char err[256] = "";
	int rc;

	assert_true(fx->nstores < MAX_STORES);
	rc = ccs_store_open(uri, pool, &st, err, sizeof(err));
	if (rc != CCS_OK)
		fail_msg("open %s: %s", uri, err);
	fx->stores[fx->nstores++] = st;
	return st;
}

static int
setup(void **state)
{
	struct backend *bk = *state;
	const char *tmp = getenv("TMPDIR");
	struct fx *fx;

	fx = calloc(1, sizeof(*fx));
	if (fx == NULL)
		return -1;
	fx->bk = bk;
	if (ccs_snprintf(fx->dir, sizeof(fx->dir), "%s/ccs-store-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp") != CCS_OK ||
	    mkdtemp(fx->dir) == NULL) {
		free(fx);
		return -1;
	}
	*state = fx;
	new_database(fx, bk->kind, fx->uri, sizeof(fx->uri));
	fx->st = open_store(fx, fx->uri, POOL_SIZE);
	return 0;
}

static int
teardown(void **state)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	struct fx *fx = *state;
	char path[512], sql[256];
	unsigned i;
	size_t k;

	for (k = 0; k < fx->nstores; k++)
		ccs_store_close(fx->stores[k]);
	for (k = 0; k < fx->ndbs; k++) {
		if (ccs_snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS "
		    "%s WITH (FORCE)", fx->dbs[k]) == CCS_OK)
			pg_admin(sql);
	}
	for (i = 0; i < fx->nfiles; i++) {
		for (k = 0; k < sizeof(sfx) / sizeof(sfx[0]); k++) {
			if (ccs_snprintf(path, sizeof(path), "%s/db%u.sqlite%s",
			    fx->dir, i, sfx[k]) == CCS_OK)
				(void)unlink(path);
		}
	}
	(void)rmdir(fx->dir);
	free(fx);
	return 0;
}

/* ---- helpers ---- */

/*
 * CCS_VTEXT cannot take a string literal or an array under -Wconversion
 * (clang: -Wstring-conversion) or -Waddress (gcc): it tests its argument
 * for NULL. A function has neither problem.
 */
static struct ccs_val
vtext(const char *s)
{
	struct ccs_val v = { .type = s != NULL ? CCS_V_TEXT : CCS_V_NULL,
	    .s = s };

	return v;
}

static struct ccs_db *
migrated(struct ccs_store *st)
{
	struct ccs_db *db;
	char err[256] = "";
	int applied = -1, rc;

	db = ccs_store_acquire(st);
	rc = ccs_migrate(db, &applied, err, sizeof(err));
	if (rc != CCS_OK)
		fail_msg("migrate: %s (%s)", err, ccs_strerror(rc));
	return db;
}

/* Runs one statement in its own write transaction. */
static int
tx_exec(struct ccs_db *db, const char *sql, const struct ccs_val *p,
    size_t n)
{
	int rc;

	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_exec(db, sql, p, n, NULL, NULL);
	if (rc == CCS_OK)
		return ccs_db_commit(db);
	ccs_db_rollback(db);
	return rc;
}

static void
exec_ok(struct ccs_db *db, const char *sql)
{
	int rc;

	rc = tx_exec(db, sql, NULL, 0);
	if (rc != CCS_OK)
		fail_msg("%s: %s (%s)", sql, ccs_db_errmsg(db),
		    ccs_strerror(rc));
}

static int64_t
count_rows(struct ccs_db *db, const char *table)
{
	char sql[128];
	int64_t n = -1;

	assert_int_equal(ccs_snprintf(sql, sizeof(sql),
	    "SELECT COUNT(*) AS n FROM %s", table), CCS_OK);
	assert_int_equal(ccs_db_query_int(db, sql, NULL, 0, &n), CCS_OK);
	return n;
}

static const char *const sample_sql[] = {
	"INSERT INTO states (code, name, status, cctld, sort_name) VALUES "
	    "('KE', 'Kenya', 'member', '.ke', 'Kenya'), "
	    "('CI', 'Côte d''Ivoire', 'associate', '.ci', 'Cote'), "
	    "('ZZ', 'Zed \"quoted\" \\ back', 'participant', '.zz', 'Zed')",
	/* the parent (id 3) has a higher id than its child (id 1) */
	"INSERT INTO organisations (id, name, acronym, kind, state_code, "
	    "parent_id, description, website, created_at, updated_at) VALUES "
	    "(3, 'Steering Committee', NULL, 'governance_body', NULL, NULL, "
	    "'line one\nline two\ttab', NULL, 1700000000, 1700000001)",
	"INSERT INTO organisations (id, name, acronym, kind, state_code, "
	    "parent_id, description, website, created_at, updated_at) VALUES "
	    "(1, 'Kenya NCPOC office', '007', 'national_body', 'KE', 3, '', "
	    "'https://example.org/?a=1&b=<x>', 9007199254740993, "
	    "-9223372036854775808)",
	"INSERT INTO organisations (id, name, acronym, kind, state_code, "
	    "parent_id, description, website, created_at, updated_at) VALUES "
	    "(2, '12345', 'RIFC', 'regional_agency', NULL, NULL, NULL, NULL, "
	    "0, 9223372036854775807)",
	"INSERT INTO body_seats (body_id, seat, member_id, note) VALUES "
	    "(3, 'chair', 1, NULL), (3, 'vice', NULL, 'vacant')",
	"INSERT INTO contacts (id, name, title, role, ncpoc_category, "
	    "state_code, organisation_id, email, phone, availability, "
	    "key_fingerprint, version, created_at, updated_at) VALUES "
	    "(1, 'Amina', 'Inspector', 'ncpoc', 'law_enforcement', 'KE', 1, "
	    "'a@example.org', '+254 1', '24/7', NULL, 3, 10, 11), "
	    "(4, 'Chair person', NULL, 'steering_member', NULL, NULL, 3, NULL, "
	    "NULL, NULL, 'ABCD 1234', 1, 12, 13)",
	"INSERT INTO users (id, login, display_name, pw_hash, role, "
	    "state_code, organisation_id, totp_secret, totp_enabled, "
	    "totp_last_step, disabled, failed_logins, locked_until, "
	    "created_at, updated_at) VALUES "
	    "(1, 'admin', 'Admin', '$argon2id$v=19$x', 'admin', NULL, NULL, "
	    "NULL, 0, 0, 0, 0, 0, 1, 2), "
	    "(7, 'amina', 'Amina ✓', '$argon2id$v=19$y', 'ncpoc', 'KE', 1, "
	    "'JBSWY3DP', 1, 5, 0, 2, 0, 3, 4)",
	"INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
	    "expires_at) VALUES ('s1', 7, 'c1', 5, 6)",
	"INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, "
	    "expires_at, revoked) VALUES (2, 1, 'ci', 't1', 7, 0, 1)",
	"INSERT INTO login_throttle (ip, window_start, failures) VALUES "
	    "('192.0.2.1', 100, 3)",
	"UPDATE audit_head SET seq = 2, hash = 'bb' WHERE id = 1",
	"INSERT INTO audit_events (seq, at, actor, action, entity, entity_id, "
	    "digest, prev_hash, hash) VALUES "
	    "(1, 50, 'admin', 'create', 'states', 'KE', 'd1', '00', 'aa'), "
	    "(2, 51, 'admin', 'create', 'users', '7', 'd2', 'aa', 'bb')",
	"INSERT INTO meta (k, v) VALUES ('demo', 'yes'), ('empty', '')",
	"INSERT INTO needs (ref, tbl, need, solutions, partners) VALUES "
	    "('1.1', 1, 'Laws', '[\"a\",\"b\"]', '[]')",
	"INSERT INTO sources (key, title, kind) VALUES ('desk_2023', "
	    "'Desk study 2023', 'desk_study')",
	"INSERT INTO framework_versions (id, version, title, note, "
	    "published_at, published_by) VALUES (1, 1, 'Minimum standards', "
	    "NULL, 100, 'admin')",
	"INSERT INTO priority_areas (id, version_id, code, name, ord) VALUES "
	    "(1, 1, 'PA1', 'Legal', 1)",
	"INSERT INTO specific_areas (id, area_id, code, name, ord) VALUES "
	    "(1, 1, 'SA1', 'Substantive law', 1)",
	"INSERT INTO standards (id, version_id, specific_area_id, lineage_id, "
	    "code, title, description, scale, nlevels, met_level, gci_pillar, "
	    "cmm_dimension, needs, ord) VALUES (1, 1, 1, 1, 'S1', 'Law', "
	    "'Has a law', '[\"none\",\"draft\",\"enacted\"]', 3, 2, 'legal', "
	    "'D4', '[\"1.1\"]', 1)",
	/* a correction (id 1) of a record with a higher id (2) */
	"INSERT INTO assessments (id, state_code, standard_id, lineage_id, "
	    "as_of, level, evidence, links, source_key, author_id, author, "
	    "submitted_at, corrects_id) VALUES (2, 'KE', 1, 1, '2024-06-06', 1, "
	    "NULL, '[]', 'desk_2023', NULL, 'desk', 200, NULL)",
	"INSERT INTO assessments (id, state_code, standard_id, lineage_id, "
	    "as_of, level, evidence, links, source_key, author_id, author, "
	    "submitted_at, corrects_id) VALUES (1, 'KE', 1, 1, '2024-06-07', 2, "
	    "'Act No. 5', '[\"https://example.org\"]', 'ncpoc_feedback', 7, "
	    "'amina', 201, 2)",
	"INSERT INTO assessment_reviews (assessment_id, decision, reason, "
	    "reviewer_id, reviewer, reviewed_at) VALUES (1, 'validated', NULL, "
	    "1, 'admin', 202)",
	"INSERT INTO evidence_files (sha256, size, content_type, uploaded_by, "
	    "created_at) VALUES ('" "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef', 10, 'application/pdf', 'amina', "
	    "203)",
	"INSERT INTO assessment_files (assessment_id, sha256, filename) VALUES "
	    "(1, '0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef', 'act.pdf')",
	"INSERT INTO status_history (state_code, lineage_id, as_of, "
	    "assessment_id, level) VALUES ('KE', 1, '2024-06-07', 1, 2)",
	"INSERT INTO status_current (state_code, lineage_id, as_of, "
	    "assessment_id, level) VALUES ('KE', 1, '2024-06-07', 1, 2)",
	/* indexed for search by a table backups leave out (search_fts) */
	"INSERT INTO search_docs (id, kind, ref_id, marking_id, title, body, "
	    "created_at) VALUES (5, 'indicator', 9, NULL, 'Lure domain', "
	    "'phishing kit seen at example.test', 300)",
};

/* Fills every table with awkward but valid data. */
static void
populate(struct ccs_db *db)
{
	size_t i;

	for (i = 0; i < sizeof(sample_sql) / sizeof(sample_sql[0]); i++)
		exec_ok(db, sample_sql[i]);
}

/*
 * Returns the whole table as compact JSON text; caller frees. Generated
 * columns (PostgreSQL's search_docs.tsv) are left out, as backups leave
 * them out: they are the database's, not data, and SQLite has none.
 */
static char *
table_json(struct ccs_db *db, const char *table)
{
	struct ccs_val v = vtext(table);
	char sql[1024];
	json_t *rows = NULL, *cols = NULL;
	const char *list = "*";
	char *s;

	if (strcmp(ccs_db_backend(db), "postgres") == 0) {
		if (ccs_db_query_json(db, "SELECT string_agg(quote_ident("
		    "attname), ', ' ORDER BY attnum) AS cols FROM pg_attribute "
		    "WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT "
		    "attisdropped AND attgenerated = ''", &v, 1, &cols) !=
		    CCS_OK)
			fail_msg("columns of %s: %s", table, ccs_db_errmsg(db));
		list = json_string_value(json_object_get(json_array_get(cols,
		    0), "cols"));
		assert_non_null(list);
	}
	assert_int_equal(ccs_snprintf(sql, sizeof(sql),
	    "SELECT %s FROM %s ORDER BY 1, 2", list, table), CCS_OK);
	json_decref(cols);
	if (ccs_db_query_json(db, sql, NULL, 0, &rows) != CCS_OK)
		fail_msg("%s: %s", sql, ccs_db_errmsg(db));
	s = json_dumps(rows, JSON_COMPACT);
	json_decref(rows);
	assert_non_null(s);
	return s;
}

/* Counts the search documents that full-text search finds for @p word. */
static int64_t
search_hits(struct ccs_db *db, const char *word)
{
	struct ccs_val v = vtext(word);
	int64_t n = -1;

	if (ccs_db_query_int(db, strcmp(ccs_db_backend(db), "postgres") == 0 ?
	    "SELECT COUNT(*) FROM search_docs WHERE tsv @@ "
	    "plainto_tsquery('simple', $1)" :
	    "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH $1",
	    &v, 1, &n) != CCS_OK)
		fail_msg("search: %s", ccs_db_errmsg(db));
	return n;
}

/* Asserts that every table holds the same rows in both databases. */
static void
assert_same_tables(struct ccs_db *a, struct ccs_db *b)
{
	char *ja, *jb;
	size_t i;

	for (i = 0; ccs_migrate_tables[i] != NULL; i++) {
		ja = table_json(a, ccs_migrate_tables[i]);
		jb = table_json(b, ccs_migrate_tables[i]);
		if (strcmp(ja, jb) != 0)
			fail_msg("table %s differs:\n%s\n%s",
			    ccs_migrate_tables[i], ja, jb);
		free(ja);
		free(jb);
	}
}

/*
 * Returns every table of @p db as one JSON text (caller frees): what a
 * refused restore must leave exactly as it was.
 */
static char *
snapshot(struct ccs_db *db)
{
	struct ccs_buf all;
	size_t i;
	char *t;

	ccs_buf_init(&all, (size_t)64 << 20);
	for (i = 0; ccs_migrate_tables[i] != NULL; i++) {
		t = table_json(db, ccs_migrate_tables[i]);
		assert_int_equal(ccs_buf_printf(&all, "%s:%s\n",
		    ccs_migrate_tables[i], t), CCS_OK);
		free(t);
	}
	return ccs_buf_steal(&all);
}

static void
assert_unchanged(struct ccs_db *db, const char *before)
{
	char *now;

	now = snapshot(db);
	if (strcmp(now, before) != 0)
		fail_msg("database changed:\n%s\nwas:\n%s", now, before);
	free(now);
}

static FILE *
backup_of(struct ccs_db *db)
{
	char err[256] = "";
	FILE *f;
	int rc;

	f = tmpfile();
	assert_non_null(f);
	rc = ccs_backup_write(db, f, err, sizeof(err));
	if (rc != CCS_OK)
		fail_msg("backup: %s (%s)", err, ccs_strerror(rc));
	rewind(f);
	return f;
}

static json_t *
load_backup(FILE *f)
{
	json_error_t jerr;
	json_t *doc;

	rewind(f);
	doc = json_loadf(f, 0, &jerr);
	if (doc == NULL)
		fail_msg("backup is not JSON: %s", jerr.text);
	return doc;
}

static FILE *
file_of(const json_t *doc)
{
	FILE *f;

	f = tmpfile();
	assert_non_null(f);
	assert_int_equal(json_dumpf(doc, f, JSON_COMPACT), 0);
	rewind(f);
	return f;
}

/* Restores @p f into @p db, expecting @p want; returns the message. */
static void
restore_expect(struct ccs_db *db, FILE *f, int want, const char *needle)
{
	char err[512] = "";
	int rc;

	rewind(f);
	rc = ccs_backup_restore(db, f, err, sizeof(err));
	if (rc != want)
		fail_msg("restore gave %s, wanted %s: %s", ccs_strerror(rc),
		    ccs_strerror(want), err);
	if (needle != NULL && strstr(err, needle) == NULL)
		fail_msg("restore message lacks \"%s\": %s", needle, err);
}

/* ---- cases ---- */

static void
test_migrate(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db;
	char err[256] = "";
	int64_t version = -1;
	int applied = -1;
	size_t i;

	db = ccs_store_acquire(fx->st);
	assert_int_equal(ccs_migrate(db, &applied, err, sizeof(err)), CCS_OK);
	assert_int_equal(applied, ccs_migrate_latest());
	/* every table exists; only seeded reference rows are there */
	for (i = 0; ccs_migrate_tables[i] != NULL; i++)
		assert_true(count_rows(db, ccs_migrate_tables[i]) >= 0);
	assert_int_equal(count_rows(db, "audit_head"), 1);
	assert_int_equal(count_rows(db, "states"), 0);
	assert_int_equal(count_rows(db, "users"), 0);
	assert_int_equal(ccs_migrate_version(db, &version), CCS_OK);
	assert_int_equal(version, ccs_migrate_latest());
	assert_int_equal(ccs_migrate(db, &applied, err, sizeof(err)), CCS_OK);
	assert_int_equal(applied, 0);
	assert_string_equal(ccs_db_backend(db), fx->bk->kind);
	ccs_store_release(fx->st, db);
}

/* True when @p name is in the NULL-ended @p list. */
static bool
listed(const char *const *list, const char *name)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(list[i], name) == 0)
			return true;
	}
	return false;
}

/*
 * The tables the live catalog holds, as a JSON array of {"name": ...}
 * (caller decrefs). SQLite's own tables (sqlite_*) and the shadow tables
 * of a virtual table (search_fts_data...) are part of something else.
 */
static json_t *
catalog_tables(struct ccs_db *db)
{
	json_t *rows = NULL;
	const char *sql;

	sql = strcmp(ccs_db_backend(db), "postgres") == 0 ?
	    "SELECT table_name AS name FROM information_schema.tables "
	    "WHERE table_schema = current_schema() AND "
	    "table_type = 'BASE TABLE' ORDER BY 1" :
	    "SELECT t.name AS name FROM sqlite_master t WHERE "
	    "t.type = 'table' AND t.name NOT LIKE 'sqlite!_%' ESCAPE '!' "
	    "AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE "
	    "v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND "
	    "t.name LIKE v.name || '!_%' ESCAPE '!') ORDER BY 1";
	if (ccs_db_query_json(db, sql, NULL, 0, &rows) != CCS_OK)
		fail_msg("%s: %s", sql, ccs_db_errmsg(db));
	return rows;
}

/*
 * Backup writes the tables of ccs_migrate_tables: every table of the
 * migrated schema must be there, or be left out on purpose in
 * ccs_migrate_unsaved_tables, or backups silently drop it.
 */
static void
test_backup_tables(void **state)
{
	struct fx *fx = *state;
	struct ccs_buf why;
	struct ccs_db *db;
	const char *name;
	json_t *rows, *row;
	size_t i, k;

	db = migrated(fx->st);
	rows = catalog_tables(db);
	ccs_buf_init(&why, 1u << 16);
	json_array_foreach(rows, k, row) {
		name = json_string_value(json_object_get(row, "name"));
		assert_non_null(name);
		if (!listed(ccs_migrate_tables, name) &&
		    !listed(ccs_migrate_unsaved_tables, name))
			assert_int_equal(ccs_buf_printf(&why, "table %s is in "
			    "the %s schema but missing from backup: add it to "
			    "ccs_migrate_tables (src/store/migrate.c, parents "
			    "first) or, with the reason, to "
			    "ccs_migrate_unsaved_tables\n", name,
			    fx->bk->kind), CCS_OK);
	}
	for (i = 0; ccs_migrate_tables[i] != NULL; i++) {
		name = ccs_migrate_tables[i];
		json_array_foreach(rows, k, row) {
			if (strcmp(json_string_value(json_object_get(row,
			    "name")), name) == 0)
				break;
		}
		if (k == json_array_size(rows))
			assert_int_equal(ccs_buf_printf(&why, "table %s is "
			    "in ccs_migrate_tables but not in the %s schema\n",
			    name, fx->bk->kind), CCS_OK);
		if (listed(ccs_migrate_unsaved_tables, name))
			assert_int_equal(ccs_buf_printf(&why, "table %s is "
			    "both saved and unsaved\n", name), CCS_OK);
	}
	json_decref(rows);
	if (ccs_buf_str(&why)[0] != '\0')
		fail_msg("%s", ccs_buf_str(&why));
	ccs_buf_free(&why);
	ccs_store_release(fx->st, db);
}

static const char state_ins[] = "INSERT INTO states (code, name, status, "
    "cctld, sort_name) VALUES ($1, $2, $3, '.xx', $2)";

static void
test_unique_conflict(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);
	struct ccs_val v[3] = { vtext("KE"), vtext("Kenya"),
	    vtext("member") };
	json_t *row = NULL;

	assert_int_equal(tx_exec(db, state_ins, v, 3), CCS_OK);
	/* same primary key */
	v[1] = vtext("Kenya again");
	assert_int_equal(tx_exec(db, state_ins, v, 3), CCS_ECONFLICT);
	assert_true(ccs_db_errmsg(db)[0] != '\0');
	/* same UNIQUE name */
	v[0] = vtext("KX");
	v[1] = vtext("Kenya");
	assert_int_equal(tx_exec(db, state_ins, v, 3), CCS_ECONFLICT);
	assert_int_equal(count_rows(db, "states"), 1);
	assert_int_equal(ccs_db_query_one(db, "SELECT name FROM states WHERE "
	    "code = 'KE'", NULL, 0, &row), CCS_OK);
	assert_string_equal(json_string_value(json_object_get(row, "name")),
	    "Kenya");
	json_decref(row);
	ccs_store_release(fx->st, db);
}

static void
test_fk_violation(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);

	assert_int_equal(tx_exec(db, "INSERT INTO organisations (name, kind, "
	    "state_code, created_at, updated_at) VALUES ('X', 'other', 'QQ', "
	    "1, 1)", NULL, 0), CCS_EREF);
	assert_true(ccs_db_errmsg(db)[0] != '\0');
	assert_int_equal(tx_exec(db, "INSERT INTO sessions (token_hash, "
	    "user_id, csrf_token, created_at, expires_at) VALUES ('t', 42, "
	    "'c', 1, 2)", NULL, 0), CCS_EREF);
	assert_int_equal(count_rows(db, "organisations"), 0);
	ccs_store_release(fx->st, db);
}

static void
test_check_violation(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);
	struct ccs_val v[3] = { vtext("KE"), vtext("Kenya"),
	    vtext("overlord") };

	assert_int_equal(tx_exec(db, state_ins, v, 3), CCS_EINVAL);
	/* NOT NULL is an invalid-input error too */
	v[2] = CCS_VNULL;
	assert_int_equal(tx_exec(db, state_ins, v, 3), CCS_EINVAL);
	assert_int_equal(count_rows(db, "states"), 0);
	ccs_store_release(fx->st, db);
}

static void
test_rollback(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);
	struct ccs_val v[3] = { vtext("KE"), vtext("Kenya"),
	    vtext("member") };

	assert_int_equal(ccs_db_begin(db, true), CCS_OK);
	assert_int_equal(ccs_db_exec(db, state_ins, v, 3, NULL, NULL), CCS_OK);
	assert_int_equal(count_rows(db, "states"), 1);
	ccs_db_rollback(db);
	ccs_db_rollback(db);	/* safe twice */
	assert_int_equal(count_rows(db, "states"), 0);

	/* releasing a connection mid-transaction discards it too */
	assert_int_equal(ccs_db_begin(db, true), CCS_OK);
	assert_int_equal(ccs_db_exec(db, state_ins, v, 3, NULL, NULL), CCS_OK);
	ccs_store_release(fx->st, db);
	db = ccs_store_acquire(fx->st);
	assert_int_equal(count_rows(db, "states"), 0);
	/* a second begin inside a transaction is refused */
	assert_int_equal(ccs_db_begin(db, false), CCS_OK);
	assert_int_equal(ccs_db_begin(db, false), CCS_EINVAL);
	assert_int_equal(ccs_db_commit(db), CCS_OK);
	assert_int_equal(ccs_db_commit(db), CCS_EINVAL);
	ccs_store_release(fx->st, db);
}

static void
test_returning_id(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);
	static const char sql[] = "INSERT INTO organisations (name, kind, "
	    "created_at, updated_at) VALUES ($1, 'other', 1, 1) RETURNING id";
	struct ccs_val v = vtext("First");
	int64_t id1 = 0, id2 = 0, none = 77;

	assert_int_equal(ccs_db_begin(db, true), CCS_OK);
	assert_int_equal(ccs_db_query_int(db, sql, &v, 1, &id1), CCS_OK);
	v = vtext("Second");
	assert_int_equal(ccs_db_query_int(db, sql, &v, 1, &id2), CCS_OK);
	assert_int_equal(ccs_db_commit(db), CCS_OK);
	assert_true(id1 > 0);
	assert_int_equal(id2, id1 + 1);
	assert_int_equal(ccs_db_query_int(db, "SELECT id FROM organisations "
	    "WHERE name = 'nobody'", NULL, 0, &none), CCS_ENOTFOUND);
	assert_int_equal(none, 77);
	ccs_store_release(fx->st, db);
}

static void
test_query_json_types(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);
	struct ccs_val v[2] = { vtext("12345"), CCS_VINT(INT64_MAX) };
	json_t *rows = NULL, *o, *one = NULL;

	exec_ok(db, "INSERT INTO states (code, name, status, cctld, "
	    "sort_name) VALUES ('KE', 'Kenya', 'member', '.ke', 'Kenya')");
	assert_int_equal(tx_exec(db, "INSERT INTO organisations (name, "
	    "acronym, kind, state_code, created_at, updated_at) VALUES ($1, "
	    "'007', 'other', 'KE', $2, -1)", v, 2), CCS_OK);
	assert_int_equal(ccs_db_query_json(db, "SELECT id, name, acronym, "
	    "description, state_code, created_at, updated_at FROM "
	    "organisations", NULL, 0, &rows), CCS_OK);
	assert_int_equal(json_array_size(rows), 1);
	o = json_array_get(rows, 0);
	assert_true(json_is_integer(json_object_get(o, "id")));
	/* text that looks like a number stays text on both backends */
	assert_true(json_is_string(json_object_get(o, "name")));
	assert_string_equal(json_string_value(json_object_get(o, "name")),
	    "12345");
	assert_string_equal(json_string_value(json_object_get(o, "acronym")),
	    "007");
	assert_true(json_is_null(json_object_get(o, "description")));
	assert_string_equal(json_string_value(json_object_get(o,
	    "state_code")), "KE");
	assert_true(json_integer_value(json_object_get(o, "created_at")) ==
	    INT64_MAX);
	assert_true(json_integer_value(json_object_get(o, "updated_at")) ==
	    -1);
	assert_int_equal(json_object_size(o), 7);
	json_decref(rows);

	/* a row count, and SUM of a BIGINT (numeric on PostgreSQL) */
	assert_int_equal(ccs_db_query_json(db, "SELECT COUNT(*) AS n, "
	    "SUM(created_at) AS total FROM organisations", NULL, 0, &rows),
	    CCS_OK);
	o = json_array_get(rows, 0);
	assert_true(json_is_integer(json_object_get(o, "n")));
	assert_int_equal(json_integer_value(json_object_get(o, "n")), 1);
	assert_true(json_is_integer(json_object_get(o, "total")));
	assert_true(json_integer_value(json_object_get(o, "total")) ==
	    INT64_MAX);
	json_decref(rows);

	assert_int_equal(ccs_db_query_json(db, "SELECT code FROM states "
	    "WHERE code = $1", v, 1, &rows), CCS_OK);
	assert_int_equal(json_array_size(rows), 0);
	json_decref(rows);
	assert_int_equal(ccs_db_query_one(db, "SELECT code FROM states WHERE "
	    "code = 'XX'", NULL, 0, &one), CCS_ENOTFOUND);
	assert_null(one);
	ccs_store_release(fx->st, db);
}

/*
 * Named parameters end to end: a name used twice, a :: cast and a colon in
 * a literal on both backends; a refused text never runs, says why with the
 * SQL, and fails the transaction like a failed statement.
 */
static void
test_named(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);
	const struct ccs_named np[] = {
		CCS_NAMED("code", CCS_VTEXT("KE")),
		CCS_NAMED("name", CCS_VTEXT("Kenya")),
	};
	const struct ccs_named bad[] = { CCS_NAMED("nope", CCS_VINT(1)) };
	json_t *rows = NULL, *one = NULL, *sentinel;
	int64_t n = -1;

	assert_int_equal(ccs_db_begin(db, true), CCS_OK);
	assert_int_equal(ccs_db_exec_named(db, "INSERT INTO states (code, "
	    "name, status, cctld, sort_name) VALUES (:code, :name, 'member', "
	    "'.ke', :name)", np, 2, NULL, NULL), CCS_OK);
	assert_int_equal(ccs_db_commit(db), CCS_OK);
	assert_int_equal(ccs_db_query_int_named(db, "SELECT COUNT(*) FROM "
	    "states WHERE code = :code AND sort_name = :name AND name = "
	    "CAST(:name AS TEXT) AND 'a:b' = 'a:b'", np, 2, &n), CCS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ccs_db_query_json_named(db, "SELECT code, "
	    "name || ':x' AS n FROM states WHERE name = :name AND "
	    "code = :code", np, 2, &rows), CCS_OK);
	assert_int_equal(json_array_size(rows), 1);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(rows, 0), "n")), "Kenya:x");
	json_decref(rows);
	assert_int_equal(ccs_db_query_one_named(db, "SELECT code FROM states "
	    "WHERE code = :code AND name <> :name", np, 2, &one),
	    CCS_ENOTFOUND);
	assert_null(one);

	/* refused: not run, the reason and the SQL, the transaction failed */
	assert_int_equal(ccs_db_begin(db, true), CCS_OK);
	sentinel = json_array();
	rows = sentinel;
	assert_int_equal(ccs_db_query_json_named(db, "DELETE FROM states "
	    "WHERE code = :code", bad, 1, &rows), CCS_EINVAL);
	assert_null(rows);
	json_decref(sentinel);
	assert_non_null(strstr(ccs_db_errmsg(db), "unknown parameter :code"));
	assert_non_null(strstr(ccs_db_errmsg(db), "DELETE FROM states"));
	assert_int_equal(ccs_db_commit(db), CCS_EDB);
	assert_int_equal(count_rows(db, "states"), 1);
	/* the next statement clears the message */
	assert_int_equal(ccs_db_query_int(db, "SELECT 1", NULL, 0, &n),
	    CCS_OK);
	assert_null(strstr(ccs_db_errmsg(db), "named parameters"));
	ccs_store_release(fx->st, db);
}

/* More distinct statements than the cache holds; parameters as SQLite. */
static void
test_statement_cache(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);
	struct ccs_val v[2] = { CCS_VINT(40), vtext("ignored") };
	char sql[128];
	int64_t got, n;
	int round, k;

	for (round = 0; round < 2; round++) {
		for (k = 0; k < 150; k++) {
			assert_int_equal(ccs_snprintf(sql, sizeof(sql),
			    "SELECT CAST($1 AS BIGINT) + %d AS v", k), CCS_OK);
			got = -1;
			/* an extra parameter is ignored, as SQLite does */
			assert_int_equal(ccs_db_query_int(db, sql, v, 2, &got),
			    CCS_OK);
			assert_int_equal(got, 40 + k);
		}
	}
	if (strcmp(fx->bk->kind, "postgres") == 0) {
		assert_int_equal(ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "pg_prepared_statements", NULL, 0, &n), CCS_OK);
		assert_true(n <= 64);
	}
	ccs_store_release(fx->st, db);
}

struct worker {
	struct ccs_store	*st;		/* shared pool */
	int			 id;		/* thread number */
	int			 failures;	/* errors other than busy */
	int			 retries;	/* busy retries */
	char			 err[256];	/* first failure */
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct timespec pause = { 0, 1000000 };
	struct ccs_val v[2];
	struct ccs_db *db;
	char key[32];
	int i, attempt, rc;

	for (i = 0; i < PER_THREAD; i++) {
		if (ccs_snprintf(key, sizeof(key), "w%d-%d", w->id, i) !=
		    CCS_OK) {
			w->failures++;
			continue;
		}
		v[0] = vtext(key);
		v[1] = CCS_VINT(i);
		for (attempt = 0;; attempt++) {
			db = ccs_store_acquire(w->st);
			rc = ccs_db_begin(db, true);
			if (rc == CCS_OK)
				rc = ccs_db_exec(db, "UPDATE audit_head SET "
				    "seq = seq + 1 WHERE id = 1", NULL, 0, NULL,
				    NULL);
			if (rc == CCS_OK)
				rc = ccs_db_exec(db, "INSERT INTO meta (k, v) "
				    "VALUES ($1, $2)", v, 2, NULL, NULL);
			if (rc == CCS_OK)
				rc = ccs_db_commit(db);
			if (rc != CCS_OK && w->err[0] == '\0' &&
			    rc != CCS_EBUSY)
				(void)ccs_strlcpy(w->err, ccs_db_errmsg(db),
				    sizeof(w->err));
			ccs_store_release(w->st, db);
			if (rc == CCS_OK)
				break;
			if (rc != CCS_EBUSY || attempt >= 1000) {
				w->failures++;
				break;
			}
			w->retries++;
			(void)nanosleep(&pause, NULL);
		}
	}
	return NULL;
}

/* Takes the pool's one connection and gives it back (test_pool_stats). */
static void *
blocked_main(void *arg)
{
	struct ccs_store *st = arg;

	ccs_store_release(st, ccs_store_acquire(st));
	return NULL;
}

/*
 * /metrics reports pool pressure from these counters: a check-out that
 * finds every connection busy is one wait, timed until the connection
 * comes back; one that finds a free connection is not.
 */
static void
test_pool_stats(void **state)
{
	struct fx *fx = *state;
	struct ccs_store *st = open_store(fx, fx->uri, 1);
	struct ccs_store_stats s;
	struct timespec tick = { 0, 5000000 }, hold = { 0, 30000000 };
	struct ccs_db *db;
	pthread_t th;
	int i;

	ccs_store_stats(st, &s);
	assert_int_equal(s.size, 1);
	assert_int_equal(s.in_use, 0);
	assert_true(s.acquires == 0 && s.waits == 0 && s.wait_us == 0);
	db = ccs_store_acquire(st);
	ccs_store_stats(st, &s);
	assert_int_equal(s.in_use, 1);
	assert_true(s.acquires == 1 && s.waits == 0);
	assert_int_equal(pthread_create(&th, NULL, blocked_main, st), 0);
	/* until the other thread is blocked on the one connection */
	for (i = 0; i < 1000; i++) {
		ccs_store_stats(st, &s);
		if (s.waiting == 1)
			break;
		(void)nanosleep(&tick, NULL);
	}
	assert_int_equal(s.waiting, 1);
	(void)nanosleep(&hold, NULL);
	ccs_store_release(st, db);
	assert_int_equal(pthread_join(th, NULL), 0);
	ccs_store_stats(st, &s);
	assert_int_equal(s.waiting, 0);
	assert_int_equal(s.in_use, 0);
	assert_true(s.acquires == 2);
	assert_true(s.waits == 1);
	assert_true(s.wait_us >= 30000);
}

static void
test_pool_concurrency(void **state)
{
	struct fx *fx = *state;
	struct worker w[NTHREADS];
	pthread_t th[NTHREADS];
	struct ccs_db *db;
	int64_t seq = -1;
	int64_t before;
	int i;

	db = migrated(fx->st);
	before = count_rows(db, "meta");
	ccs_store_release(fx->st, db);
	memset(w, 0, sizeof(w));
	for (i = 0; i < NTHREADS; i++) {
		w[i].st = fx->st;
		w[i].id = i;
		assert_int_equal(pthread_create(&th[i], NULL, worker_main,
		    &w[i]), 0);
	}
	for (i = 0; i < NTHREADS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	for (i = 0; i < NTHREADS; i++) {
		if (w[i].failures != 0)
			fail_msg("worker %d: %d failures: %s", i, w[i].failures,
			    w[i].err);
	}
	db = ccs_store_acquire(fx->st);
	assert_int_equal(count_rows(db, "meta"),
	    before + NTHREADS * PER_THREAD);
	assert_int_equal(ccs_db_query_int(db, "SELECT seq FROM audit_head",
	    NULL, 0, &seq), CCS_OK);
	assert_int_equal(seq, NTHREADS * PER_THREAD);
	ccs_store_release(fx->st, db);
}

static void
test_backup_roundtrip(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *src, *dst;
	struct ccs_store *st2;
	char uri2[URI_MAX];
	json_t *a, *b;
	FILE *f, *f2;
	int64_t id = 0;

	src = migrated(fx->st);
	populate(src);
	f = backup_of(src);

	new_database(fx, fx->bk->kind, uri2, sizeof(uri2));
	st2 = open_store(fx, uri2, 1);
	dst = migrated(st2);
	restore_expect(dst, f, CCS_OK, NULL);
	assert_same_tables(src, dst);
	/* the full-text index is not in the file: restore rebuilt it */
	assert_int_equal(search_hits(dst, "phishing"), 1);

	/* the same data backs up to the same document */
	f2 = backup_of(dst);
	a = load_backup(f);
	b = load_backup(f2);
	assert_int_equal(json_object_del(a, "created_at"), 0);
	assert_int_equal(json_object_del(b, "created_at"), 0);
	assert_true(json_equal(a, b));
	assert_true(json_is_integer(json_object_get(a, "schema_version")));
	json_decref(a);
	json_decref(b);
	fclose(f2);

	/* new rows get ids past the restored ones */
	assert_int_equal(ccs_db_begin(dst, true), CCS_OK);
	assert_int_equal(ccs_db_query_int(dst, "INSERT INTO organisations "
	    "(name, kind, created_at, updated_at) VALUES ('New', 'other', 1, "
	    "1) RETURNING id", NULL, 0, &id), CCS_OK);
	assert_int_equal(id, 4);
	assert_int_equal(ccs_db_query_int(dst, "INSERT INTO framework_versions "
	    "(version, title, published_at, published_by) VALUES (2, 'v2', 1, "
	    "'admin') RETURNING id", NULL, 0, &id), CCS_OK);
	assert_int_equal(id, 2);
	assert_int_equal(ccs_db_commit(dst), CCS_OK);

	fclose(f);
	ccs_store_release(st2, dst);
	ccs_store_release(fx->st, src);
}

static void
test_restore_refuses_nonempty(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *src, *dst;
	struct ccs_store *st2;
	char uri2[URI_MAX], *before;
	json_t *row = NULL;
	FILE *f;

	src = migrated(fx->st);
	populate(src);
	f = backup_of(src);

	new_database(fx, fx->bk->kind, uri2, sizeof(uri2));
	st2 = open_store(fx, uri2, 1);
	dst = migrated(st2);
	exec_ok(dst, "INSERT INTO states (code, name, status, cctld, "
	    "sort_name) VALUES ('UG', 'Uganda', 'member', '.ug', 'Uganda')");
	before = snapshot(dst);
	restore_expect(dst, f, CCS_ECONFLICT, "already holds data");
	assert_unchanged(dst, before);
	free(before);
	assert_int_equal(count_rows(dst, "states"), 1);
	assert_int_equal(ccs_db_query_one(dst, "SELECT code FROM states", NULL,
	    0, &row), CCS_OK);
	assert_string_equal(json_string_value(json_object_get(row, "code")),
	    "UG");
	json_decref(row);
	assert_int_equal(count_rows(dst, "organisations"), 0);
	/* and the source is of course also refused */
	restore_expect(src, f, CCS_ECONFLICT, NULL);

	fclose(f);
	ccs_store_release(st2, dst);
	ccs_store_release(fx->st, src);
}

/*
 * Restores @p doc (borrowed) into @p db, expects a refusal, and checks the
 * database still equals @p before.
 */
static void
refuse_doc(struct ccs_db *db, const json_t *doc, int want,
    const char *needle, const char *before)
{
	FILE *f;

	f = file_of(doc);
	restore_expect(db, f, want, needle);
	fclose(f);
	assert_unchanged(db, before);
}

/* A copy of @p doc with @p n more meta rows; row n0 + @p dup repeats a key. */
static json_t *
with_meta_rows(const json_t *doc, size_t n, size_t dup, size_t *n0)
{
	json_t *bad, *meta, *row;
	char key[32];
	size_t k, kcol;

	bad = json_deep_copy(doc);
	assert_non_null(bad);
	meta = json_object_get(json_object_get(bad, "tables"), "meta");
	kcol = strcmp(json_string_value(json_array_get(json_object_get(meta,
	    "columns"), 0)), "k") == 0 ? 0 : 1;
	*n0 = json_array_size(json_object_get(meta, "rows"));
	for (k = 0; k < n; k++) {
		assert_int_equal(ccs_snprintf(key, sizeof(key), "bulk%03zu",
		    k == dup ? (size_t)7 : k), CCS_OK);
		row = kcol == 0 ? json_pack("[s,s]", key, "v") :
		    json_pack("[s,s]", "v", key);
		assert_non_null(row);
		assert_int_equal(json_array_append_new(json_object_get(meta,
		    "rows"), row), 0);
	}
	return bad;
}

/*
 * Rows go into the database by batches: 300 more rows of meta with a
 * repeated key at row 200 are refused naming that row, and nothing
 * remains.
 */
static void
bulk_meta(struct ccs_db *db, const json_t *doc, const char *before)
{
	char needle[64];
	size_t n0;
	json_t *bad;

	bad = with_meta_rows(doc, 300, 200, &n0);
	assert_int_equal(ccs_snprintf(needle, sizeof(needle), "table meta, "
	    "row index %zu", n0 + 200), CCS_OK);
	refuse_doc(db, bad, CCS_ECONFLICT, needle, before);
	json_decref(bad);
}

/*
 * Restores @p doc cut short at a spread of byte offsets (in the header,
 * in every part of the tables, one byte before the end): each is refused
 * as cut short, naming the byte where the file ended, and leaves the
 * database equal to @p before.
 */
static void
cut_short_everywhere(struct ccs_db *db, const json_t *doc,
    const char *before)
{
	char *text, needle[64], err[512];
	size_t len, cut, k;
	FILE *g;

	text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_non_null(text);
	len = strlen(text);
	for (k = 1; k <= 9; k++) {
		cut = k < 9 ? len * k / 9 : len - 1;
		g = tmpfile();
		assert_non_null(g);
		assert_int_equal(fwrite(text, 1, cut, g), cut);
		rewind(g);
		assert_int_equal(ccs_snprintf(needle, sizeof(needle),
		    "at byte %zu", cut), CCS_OK);
		err[0] = '\0';
		assert_int_equal(ccs_backup_restore(db, g, err, sizeof(err)),
		    CCS_EINVAL);
		if (strstr(err, "cut short") == NULL ||
		    strstr(err, needle) == NULL)
			fail_msg("cut at %zu of %zu: %s", cut, len, err);
		fclose(g);
	}
	free(text);
	assert_unchanged(db, before);
}

static void
bulk_ok(struct fx *fx, const json_t *doc)
{
	char uri[URI_MAX];
	struct ccs_store *st;
	struct ccs_db *db;
	size_t n0;
	json_t *good;
	FILE *g;

	good = with_meta_rows(doc, 300, SIZE_MAX, &n0);
	new_database(fx, fx->bk->kind, uri, sizeof(uri));
	st = open_store(fx, uri, 1);
	db = migrated(st);
	g = file_of(good);
	restore_expect(db, g, CCS_OK, NULL);
	fclose(g);
	assert_int_equal(count_rows(db, "meta"), (int64_t)(n0 + 300));
	json_decref(good);
	ccs_store_release(st, db);
}

static void
test_restore_refuses_corrupt(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *src, *dst;
	struct ccs_store *st2;
	char uri2[URI_MAX], *text, *fresh;
	json_t *doc, *bad, *t;
	size_t len;
	FILE *f, *g;

	src = migrated(fx->st);
	populate(src);
	f = backup_of(src);
	doc = load_backup(f);

	new_database(fx, fx->bk->kind, uri2, sizeof(uri2));
	st2 = open_store(fx, uri2, 1);
	dst = migrated(st2);
	fresh = snapshot(dst);

	/* truncated file */
	text = json_dumps(doc, JSON_COMPACT);
	assert_non_null(text);
	len = strlen(text);
	g = tmpfile();
	assert_non_null(g);
	assert_int_equal(fwrite(text, 1, len / 2, g), len / 2);
	restore_expect(dst, g, CCS_EINVAL, "not valid JSON");
	fclose(g);
	free(text);
	assert_unchanged(dst, fresh);

	/* unknown table */
	bad = json_deep_copy(doc);
	assert_int_equal(json_object_set_new(json_object_get(bad, "tables"),
	    "evil", json_pack("{s:[s],s:[[s]]}", "columns", "x", "rows",
	    "y")), 0);
	refuse_doc(dst, bad, CCS_EINVAL, "unknown table", fresh);
	json_decref(bad);

	/* hostile column name */
	bad = json_deep_copy(doc);
	t = json_object_get(json_object_get(bad, "tables"), "states");
	assert_int_equal(json_array_set_new(json_object_get(t, "columns"), 1,
	    json_string("name; DROP TABLE x")), 0);
	refuse_doc(dst, bad, CCS_EINVAL, "invalid name", fresh);
	json_decref(bad);

	/* a well-formed column that does not exist */
	bad = json_deep_copy(doc);
	t = json_object_get(json_object_get(bad, "tables"), "states");
	assert_int_equal(json_array_set_new(json_object_get(t, "columns"), 1,
	    json_string("nickname")), 0);
	refuse_doc(dst, bad, CCS_EINVAL, "does not exist", fresh);
	json_decref(bad);

	/* another schema version */
	bad = json_deep_copy(doc);
	assert_int_equal(json_object_set_new(bad, "schema_version",
	    json_integer(999)), 0);
	refuse_doc(dst, bad, CCS_EINVAL, "schema version", fresh);
	json_decref(bad);

	/* a row that breaks a constraint half-way: nothing may remain */
	bad = json_deep_copy(doc);
	t = json_object_get(json_object_get(bad, "tables"), "contacts");
	assert_int_equal(json_array_set_new(json_array_get(json_object_get(t,
	    "rows"), 1), 5, json_string("XX")), 0);
	refuse_doc(dst, bad, CCS_EREF, "table contacts, row index 1", fresh);
	json_decref(bad);

	/* a value of the wrong JSON type */
	bad = json_deep_copy(doc);
	t = json_object_get(json_object_get(bad, "tables"), "meta");
	assert_int_equal(json_array_set_new(json_array_get(json_object_get(t,
	    "rows"), 0), 1, json_real(1.5)), 0);
	refuse_doc(dst, bad, CCS_EINVAL, "table meta, row index 0", fresh);
	json_decref(bad);

	/* duplicate keys */
	g = tmpfile();
	assert_non_null(g);
	assert_true(fputs("{\"format\":\"ccscap-backup\",\"format\":"
	    "\"ccscap-backup\"}", g) >= 0);
	restore_expect(dst, g, CCS_EINVAL, "\"format\" appears twice");
	fclose(g);

	/* bytes that are not JSON at all: refused at the first byte */
	g = tmpfile();
	assert_non_null(g);
	assert_int_equal(ftruncate(fileno(g), 4096), 0);
	restore_expect(dst, g, CCS_EINVAL, "not valid JSON");
	fclose(g);

	/* a newer schema is named as such */
	bad = json_deep_copy(doc);
	assert_int_equal(json_object_set_new(bad, "schema_version",
	    json_integer(ccs_migrate_latest() + 1)), 0);
	refuse_doc(dst, bad, CCS_EINVAL, "newer than this ccscap", fresh);
	json_decref(bad);

	/* the tables out of the order backup writes them */
	bad = json_deep_copy(doc);
	t = json_object_get(json_object_get(bad, "tables"), "states");
	json_incref(t);
	assert_int_equal(json_object_del(json_object_get(bad, "tables"),
	    "states"), 0);
	assert_int_equal(json_object_set_new(json_object_get(bad, "tables"),
	    "states", t), 0);
	refuse_doc(dst, bad, CCS_EINVAL, "table states is missing", fresh);
	json_decref(bad);

	/* rows go in by batches: a bad row deep in a big table is named */
	bulk_meta(dst, doc, fresh);

	/* cut short anywhere, even after rows went in: nothing remains */
	cut_short_everywhere(dst, doc, fresh);
	assert_unchanged(dst, fresh);

	/* 300 more rows, several batches and a short one, all go in */
	bulk_ok(fx, doc);

	/* after all that, the real backup still restores */
	restore_expect(dst, f, CCS_OK, NULL);
	assert_same_tables(src, dst);
	/* the full-text index is not in the file: restore rebuilt it */
	assert_int_equal(search_hits(dst, "phishing"), 1);

	free(fresh);
	json_decref(doc);
	fclose(f);
	ccs_store_release(st2, dst);
	ccs_store_release(fx->st, src);
}

/* A backup taken on one backend restores on the other. */
static void
test_cross_backend(void **state)
{
	struct fx *fx = *state;
	struct ccs_store *lite;
	struct ccs_db *pg, *sq, *pg2;
	char uri[URI_MAX];
	FILE *f;

	new_database(fx, "sqlite", uri, sizeof(uri));
	lite = open_store(fx, uri, 1);
	sq = migrated(lite);
	populate(sq);
	f = backup_of(sq);
	pg = migrated(fx->st);
	restore_expect(pg, f, CCS_OK, NULL);
	assert_same_tables(sq, pg);
	fclose(f);

	/* and back: postgres to a second sqlite file */
	f = backup_of(pg);
	new_database(fx, "sqlite", uri, sizeof(uri));
	pg2 = migrated(open_store(fx, uri, 1));
	restore_expect(pg2, f, CCS_OK, NULL);
	assert_same_tables(pg, pg2);
	fclose(f);
	ccs_store_release(fx->st, pg);
	ccs_store_release(lite, sq);
}

/* Rows of meta the PostgreSQL cases write (key 'a'); migrations add
 * rows of their own. */
static int64_t
meta_a(struct ccs_db *db)
{
	int64_t n = -1;

	assert_int_equal(ccs_db_query_int(db, "SELECT COUNT(*) FROM meta "
	    "WHERE k = 'a'", NULL, 0, &n), CCS_OK);
	return n;
}

/* A server-side disconnect fails one call, then the connection heals. */
static void
test_pg_lost_connection(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);
	int64_t n = -1;

	/* outside a transaction */
	assert_int_equal(ccs_db_exec_script(db, "SELECT "
	    "pg_terminate_backend(pg_backend_pid())"), CCS_EDB);
	assert_non_null(strstr(ccs_db_errmsg(db), "lost"));
	assert_int_equal(ccs_db_query_int(db, "SELECT COUNT(*) FROM states",
	    NULL, 0, &n), CCS_OK);
	assert_int_equal(n, 0);

	/* inside one: the rest of the transaction must not run */
	assert_int_equal(ccs_db_begin(db, true), CCS_OK);
	assert_int_equal(ccs_db_exec(db, "SELECT "
	    "pg_terminate_backend(pg_backend_pid())", NULL, 0, NULL, NULL),
	    CCS_EDB);
	assert_int_equal(ccs_db_exec(db, "INSERT INTO meta (k, v) VALUES "
	    "('a', 'b')", NULL, 0, NULL, NULL), CCS_EDB);
	assert_int_equal(ccs_db_commit(db), CCS_EDB);
	assert_int_equal(meta_a(db), 0);
	assert_int_equal(tx_exec(db, "INSERT INTO meta (k, v) VALUES ('a', "
	    "'b')", NULL, 0), CCS_OK);
	assert_int_equal(meta_a(db), 1);
	ccs_store_release(fx->st, db);
}

/* COMMIT after a failed statement must not report success. */
static void
test_pg_commit_after_error(void **state)
{
	struct fx *fx = *state;
	struct ccs_db *db = migrated(fx->st);

	assert_int_equal(ccs_db_begin(db, true), CCS_OK);
	assert_int_equal(ccs_db_exec(db, "INSERT INTO meta (k, v) VALUES "
	    "('a', 'b')", NULL, 0, NULL, NULL), CCS_OK);
	assert_int_equal(ccs_db_exec(db, "INSERT INTO meta (k, v) VALUES "
	    "('a', 'c')", NULL, 0, NULL, NULL), CCS_ECONFLICT);
	assert_int_equal(ccs_db_commit(db), CCS_EDB);
	assert_int_equal(meta_a(db), 0);
	ccs_store_release(fx->st, db);
}

#define CASE(f, bk) \
	cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, bk)

#define COMMON(bk) \
	CASE(test_migrate, bk), \
	CASE(test_backup_tables, bk), \
	CASE(test_unique_conflict, bk), \
	CASE(test_fk_violation, bk), \
	CASE(test_check_violation, bk), \
	CASE(test_rollback, bk), \
	CASE(test_returning_id, bk), \
	CASE(test_query_json_types, bk), \
	CASE(test_named, bk), \
	CASE(test_statement_cache, bk), \
	CASE(test_pool_concurrency, bk), \
	CASE(test_pool_stats, bk), \
	CASE(test_backup_roundtrip, bk), \
	CASE(test_restore_refuses_nonempty, bk), \
	CASE(test_restore_refuses_corrupt, bk)

int
main(void)
{
	struct backend sqlite_bk = { "sqlite", 0 };
	struct backend pg_bk = { "postgres", 0 };
	const char *pg = getenv("CCSCAP_TEST_PG");
	const char *require = getenv("CCSCAP_REQUIRE_PG");
	const struct CMUnitTest sqlite_tests[] = {
		COMMON(&sqlite_bk),
	};
	const struct CMUnitTest pg_tests[] = {
		COMMON(&pg_bk),
		CASE(test_cross_backend, &pg_bk),
		CASE(test_pg_lost_connection, &pg_bk),
		CASE(test_pg_commit_after_error, &pg_bk),
	};
	int failed;

	failed = cmocka_run_group_tests_name("store/sqlite", sqlite_tests,
	    NULL, NULL);
	if (pg == NULL || *pg == '\0') {
		if (require != NULL && strcmp(require, "1") == 0) {
			fprintf(stderr, "store/postgres: CCSCAP_REQUIRE_PG=1 "
			    "but CCSCAP_TEST_PG is not set (run under "
			    "tests/pg-harness.sh)\n");
			return 1;
		}
		printf("store/postgres: skipped (CCSCAP_TEST_PG not set)\n");
		return failed;
	}
#if CCS_HAVE_POSTGRES
	failed += cmocka_run_group_tests_name("store/postgres", pg_tests,
	    NULL, NULL);
#else
	(void)pg_tests;
	fprintf(stderr, "store/postgres: CCSCAP_TEST_PG is set but this build "
	    "has no PostgreSQL backend\n");
	failed++;
#endif
	return failed;
}
