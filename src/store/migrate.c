/*
 * migrate.c: applies the embedded migrations/NNNN_*.sql files in order.
 * The SQL is shared between backends; the few dialect differences are
 * tokens replaced here ({{id}}: the auto-increment primary key), and lines
 * that start with "--sqlite: " or "--postgres: " are kept, without that
 * prefix, for that backend only (full-text search differs most).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/migrate.h"
#include "store/migration_list.h"
#include "util/asset.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

/*
 * The order is migration_names in src/store/meson.build, which also
 * embeds the files: the one list, so a migration cannot be embedded and
 * not applied, or the other way round.
 */
static const char *const migrations[] = { CCS_MIGRATION_ASSETS };

#define NMIGRATIONS	(sizeof(migrations) / sizeof(migrations[0]))

const char *const ccs_migrate_tables[] = {
	"states", "organisations", "body_seats", "contacts", "users",
	"sessions", "api_tokens", "login_throttle", "audit_head",
	"audit_events", "meta", "needs", "sources", "framework_versions",
	"priority_areas", "specific_areas", "standards", "assessments",
	"assessment_reviews", "evidence_files", "evidence_uploads",
	"assessment_files",
	"status_history", "status_current",
	"communities", "community_members", "markings", "incidents",
	"incident_links", "incident_files", "ind_values", "ind_keys",
	"sightings", "constituency_claims", "state_queue", "advisories",
	"advisory_recipients", "advisory_indicators", "lessons",
	"lesson_incidents", "rfis", "rfi_answers", "subscriptions", "inbox",
	"outbox", "stix_objects", "search_docs",
	"need_standards", "need_versions", "initiatives", "initiative_orgs",
	"initiative_states", "initiative_needs", "initiative_standards",
	"initiative_budgets", "initiative_transactions", "initiative_results",
	"initiative_related", "initiative_documents", "duplicate_decisions",
	"funder_interests", "exchange_rates",
	"trainings", "training_participants", "training_standards", "campaigns",
	"campaign_standards", "proposals", "plan_adoption", "milestones",
	/* monitoring: meetings, recommendations, plan versions */
	"meetings", "meeting_attendees", "plan_versions", "plan_items",
	"recommendations", "recommendation_progress", "plan_evaluations",
	"plan_evaluation_items", "plan_evaluation_scores",
	/* monitoring: reports */
	"reports", "report_files", "monitoring_settings",
	"public_reports", "public_report_routes", "public_report_additions",
	"public_report_files",
	/* public report triage */
	"public_report_triage", "public_report_identifiers",
	"public_report_referrals", "public_report_updates",
	/* legal harmonisation tracker (0012) */
	"legal_rows", "legal_row_standards", "legal_instruments",
	"legal_instrument_dates", "legal_mappings", "legal_treaties",
	/* 24/7 preservation requests (0019) */
	"preservation_requests", "preservation_events",
	/* forensics: pooled labs and chain of custody (0020) */
	"forensic_labs", "forensic_tools", "forensic_examiners",
	"forensic_requests", "evidence_items", "custody_events",
	/* cyber crisis management (0021) */
	"crises", "crisis_incidents", "crisis_escalations", "crisis_team",
	"crisis_log", "crisis_tasks", "crisis_sitreps", "crisis_reviews",
	"crisis_review_recommendations", "crisis_templates",
	"crisis_template_versions",
	/* TAXII 2.1 server (0022) */
	"taxii_collections", "taxii_grants", "taxii_entries", "taxii_status",
	"taxii_sync",
	/* ccscap sync --push watermarks (0025) */
	"taxii_push", NULL
};

/*
 * schema_version is the backup document's "schema_version" and is
 * written by the restoring database's own migrations; search_fts
 * (SQLite's FTS5 index over search_docs, with its shadow tables) is
 * rebuilt by the search_docs triggers as its rows are restored.
 * public_report_throttle and public_report_pow_spent are abuse-control
 * counters that expire within the hour: nothing to restore.
 * initiative_dup_candidates, initiative_coverage, capacity_kept_totals,
 * coverage_cells and coverage_states are derived from the initiatives:
 * restore rebuilds them (svc/capacity/kept.h). reader_sets,
 * reader_set_keys and reader_set_counts are derived from the markings:
 * restore rebuilds them (svc/sharing/reader_sets.h).
 * status_months is derived from status_history: restore rebuilds it
 * (svc/standards/status_months.h). ind_reads is derived from sightings
 * and the markings' reader sets: restore rebuilds it
 * (svc/sharing/ind_reads.h), and with it ind_unions and
 * ind_union_counts (svc/sharing/ind_unions.h). directory_version is a
 * counter the directory's triggers move on; restore's writes move it
 * again (svc/directory/state_cache.h). ind_values_tri (0036, SQLite's
 * trigram index of ind_values) is filled by the ind_values triggers as
 * its rows are restored, as search_fts.
 */
const char *const ccs_migrate_unsaved_tables[] = {
	"schema_version", "search_fts",
	"public_report_throttle", "public_report_pow_spent",
	"initiative_dup_candidates", "initiative_coverage",
	"capacity_kept_totals", "coverage_cells", "coverage_states",
	"reader_sets", "reader_set_keys", "reader_set_counts",
	"status_months", "ind_reads", "ind_unions", "ind_union_counts",
	"directory_version", "ind_values_tri", NULL
};

int
ccs_migrate_latest(void)
{
	return (int)NMIGRATIONS;
}

/* Appends one line of a migration, keeping or dropping dialect lines. */
static int
expand_line(const char *line, size_t len, const char *backend,
    struct ccs_buf *out)
{
	static const char *const tags[] = { "--sqlite: ", "--postgres: " };
	size_t i, n;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		n = strlen(tags[i]);
		if (len < n || strncmp(line, tags[i], n) != 0)
			continue;
		if (strncmp(tags[i] + 2, backend, strlen(backend)) != 0 ||
		    tags[i][2 + strlen(backend)] != ':')
			return CCS_OK;
		line += n;
		len -= n;
		break;
	}
	return ccs_buf_add(out, line, len);
}

static int
expand(const char *sql, const char *backend, struct ccs_buf *out)
{
	const char *id = strcmp(backend, "postgres") == 0 ?
	    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" :
	    "INTEGER PRIMARY KEY";
	struct ccs_buf lines;
	const char *p, *tok, *nl;
	size_t len;
	int rc;

	ccs_buf_init(&lines, 1u << 20);
	for (p = sql; *p != '\0'; p += len) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		rc = expand_line(p, len, backend, &lines);
		if (rc != CCS_OK)
			goto out;
	}
	for (p = ccs_buf_str(&lines); (tok = strstr(p, "{{id}}")) != NULL;
	    p = tok + 6) {
		rc = ccs_buf_add(out, p, (size_t)(tok - p));
		if (rc == CCS_OK)
			rc = ccs_buf_adds(out, id);
		if (rc != CCS_OK)
			goto out;
	}
	rc = ccs_buf_adds(out, p);
out:
	ccs_buf_free(&lines);
	return rc;
}

int
ccs_migrate_version(struct ccs_db *db, int64_t *version)
{
	int rc;

	rc = ccs_db_exec_script(db, "CREATE TABLE IF NOT EXISTS "
	    "schema_version (version BIGINT NOT NULL)");
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_int(db, "SELECT COALESCE(MAX(version), 0) FROM "
	    "schema_version", NULL, 0, version);
	return rc;
}

int
ccs_migrate(struct ccs_db *db, int *applied, char *errmsg, size_t errlen)
{
	const struct ccs_asset *a;
	struct ccs_buf sql;
	int64_t have = 0, cur = 0;
	struct ccs_val v;
	size_t i;
	int rc, n = 0;

	ccs_buf_init(&sql, 1u << 20);
	if (applied)
		*applied = 0;
	rc = ccs_db_begin(db, true);
	if (rc != CCS_OK)
		goto fail;
	rc = ccs_migrate_version(db, &have);
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		goto fail;
	if (have > (int64_t)NMIGRATIONS) {
		(void)ccs_snprintf(errmsg, errlen, "database schema version "
		    "%lld is newer than this program (%zu): upgrade ccscap",
		    (long long)have, NMIGRATIONS);
		return CCS_EINVAL;
	}
	for (i = (size_t)have; i < NMIGRATIONS; i++) {
		a = ccs_asset_find(migrations[i]);
		if (a == NULL) {
			rc = CCS_EINVAL;
			goto fail;
		}
		ccs_buf_reset(&sql);
		rc = expand((const char *)a->data, ccs_db_backend(db), &sql);
		if (rc != CCS_OK)
			goto fail;
		rc = ccs_db_begin(db, true);
		if (rc != CCS_OK)
			goto fail;
		/*
		 * Several servers may start at once on one PostgreSQL: the
		 * write transaction serialises them, and whoever comes second
		 * finds the migration applied and skips it.
		 */
		rc = ccs_migrate_version(db, &cur);
		if (rc == CCS_OK && cur > (int64_t)i) {
			rc = ccs_db_commit(db);
			if (rc != CCS_OK)
				goto fail;
			continue;
		}
		if (rc == CCS_OK)
			rc = ccs_db_exec_script(db, ccs_buf_str(&sql));
		v = CCS_VINT((int64_t)i + 1);
		if (rc == CCS_OK)
			rc = ccs_db_exec(db, "INSERT INTO schema_version (version)"
			    " VALUES ($1)", &v, 1, NULL, NULL);
		if (rc == CCS_OK)
			rc = ccs_db_commit(db);
		if (rc != CCS_OK)
			goto fail;
		n++;
	}
	ccs_buf_free(&sql);
	if (applied)
		*applied = n;
	return CCS_OK;
fail:
	if (errmsg && errlen && errmsg[0] == '\0')
		(void)ccs_snprintf(errmsg, errlen, "migration %zu failed: %s",
		    (size_t)have + (size_t)n + 1, ccs_db_errmsg(db));
	ccs_db_rollback(db);
	ccs_buf_free(&sql);
	return rc;
}
