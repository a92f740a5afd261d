/*
 * triage.h: a team's work on one public report: reading it (every read
 * audited), classifying it (RSIT class and type, priority, imminent
 * harm), writing an update for the reporter or a note for the teams, and
 * closing it. Referral is referrals.h, conversion into an incident
 * triage_convert.h, the queue queue.h, clusters clusters.h. Every call
 * runs in the caller's write transaction; a refused call stores nothing.
 */
#ifndef CCS_SVC_REPORTING_TRIAGE_H
#define CCS_SVC_REPORTING_TRIAGE_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/reporting/report_keys.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Body of PATCH /public-reports/{id}: rsit, priority, imminent_harm. */
extern const struct ccs_jfield ccs_triage_classify_fields[];
extern const size_t ccs_triage_classify_nfields;
/** Body of POST /public-reports/{id}/updates: body, for_reporter. */
extern const struct ccs_jfield ccs_triage_update_fields[];
extern const size_t ccs_triage_update_nfields;
/** Body of POST /public-reports/{id}/close: reason, update. */
extern const struct ccs_jfield ccs_triage_close_fields[];
extern const size_t ccs_triage_close_nfields;

/**
 * Report @p id as its triagers see it: the opened report (body, contact,
 * routes, what the reporter added), its classification, cluster size,
 * updates, referrals, the incident it became (when @p p may read it) and
 * the statuses it may move to. Records the audit event
 * "public_report.read" (so the caller must be in a write transaction).
 * @param out OUT: new object, caller decrefs
 * @return CCS_OK; CCS_ENOTFOUND (also when @p p may not read it)
 */
int	ccs_triage_get(struct ccs_db *db, const struct ccs_report_keys *keys,
	    const struct ccs_principal *p, int64_t id, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** ccs_triage_get without the audit event, for the answer of a write
 * whose own event covers the read. */
int	ccs_triage_view(struct ccs_db *db, const struct ccs_report_keys *keys,
	    const struct ccs_principal *p, int64_t id,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Classifies report @p id: "rsit" ("class:type" of the RSIT taxonomy),
 * "priority" (urgent, high, normal, low; never below the floor of
 * core/reporting/triage_rules.h), "imminent_harm". A received report
 * becomes triaged; a referred one stays referred.
 * @return CCS_OK with *out as ccs_triage_get; CCS_EINVAL (invalid_rsit,
 *     invalid_priority, priority_below_floor), CCS_ECONFLICT
 *     (invalid_transition), CCS_ENOTFOUND
 */
int	ccs_triage_classify(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Adds an update: with "for_reporter" true it is what the follow-up page
 * shows the reporter (public_reports.reporter_update), otherwise a note
 * for the teams. *out: {"id", "body", "for_reporter", "created_by",
 * "created_at"}.
 */
int	ccs_triage_add_update(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Closes report @p id with a "reason" (a note for the teams) and an
 * optional "update" for the reporter. 409 invalid_transition when
 * closed already. *out as ccs_triage_get. */
int	ccs_triage_close(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Inserts an update row and, for the reporter, copies it to
 * public_reports (shared by close, referral and conversion). */
int	ccs_triage_write_update(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, const char *text,
	    bool for_reporter, int64_t now,
	    int64_t *uid /* OUT, may be NULL */);

#endif
