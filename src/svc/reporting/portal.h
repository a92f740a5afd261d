/*
 * portal.h: the public side of reporting (issue 12): the proof-of-work
 * challenge of the form, per-address rate limits, a report's submission
 * (checks, duplicate catch, routing, sealing, audit), the reporter's
 * follow-up by reference and secret, the public figures, and the one
 * audited read of a report by a team. The HTTP layer renders pages; every
 * rule is here or in core/reporting.
 */
#ifndef CCS_SVC_REPORTING_PORTAL_H
#define CCS_SVC_REPORTING_PORTAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/reporting/report.h"
#include "store/store.h"
#include "svc/reporting/report_keys.h"
#include "svc/reporting/report_store.h"
#include "util/fail.h"

#define CCS_PORTAL_CHALLENGE_LEN 160	/* challenge text + NUL */
#define CCS_PORTAL_SECRET_LEN	32	/* 5 groups of 4, dashes, NUL */
#define CCS_PORTAL_POW_BITS	14	/* leading zero bits asked */
#define CCS_PORTAL_POW_TTL	7200	/* seconds a challenge lives */
#define CCS_PORTAL_WINDOW	3600	/* rate-limit window, seconds; the
					 * limits are in the configuration
					 * (report_posts_hour...) */
#define CCS_PORTAL_DUP_WINDOW	86400	/* duplicate window, seconds */

/** An evidence file of a submission; borrowed. */
struct ccs_portal_file {
	const char		*name;	/* file name as sent */
	const unsigned char	*data;	/* bytes */
	size_t			 len;	/* their number */
};

/** A new signed challenge "EXPIRES.BITS.RANDOM.MAC" for a form. */
void	ccs_portal_challenge(const struct ccs_report_keys *keys, int64_t now,
	    char out[CCS_PORTAL_CHALLENGE_LEN]);

/**
 * Checks and spends @p challenge (single use) with its @p nonce (NULL
 * or "" when the browser did not solve it).
 * @param solved OUT: true when the nonce solves the challenge
 * @return CCS_OK; CCS_EINVAL "pow_invalid" (forged or missing),
 * "pow_expired", CCS_ECONFLICT "pow_replayed"; or a store error
 */
int	ccs_portal_challenge_spend(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const char *challenge,
	    const char *nonce, int64_t now, bool *solved /* OUT */,
	    struct ccs_fail *f);

/**
 * Counts one hit of @p bucket for address @p ip (kept as a keyed hash)
 * and refuses past @p limit hits in CCS_PORTAL_WINDOW.
 * @return CCS_OK, CCS_ELIMIT "rate_limited", or a store error
 */
int	ccs_portal_throttle(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const char *ip,
	    const char *bucket, int64_t limit, int64_t now,
	    struct ccs_fail *f);

/**
 * Files a report: the answers must have passed ccs_rep_check. Checks the
 * state against the directory (CCS_EINVAL "unknown_state"), catches the
 * same report from the same address within CCS_PORTAL_DUP_WINDOW
 * (CCS_ECONFLICT "duplicate_report"), checks each file's type and size
 * (CCS_EINVAL "forbidden_file_type", CCS_ETOOBIG "evidence_too_large"),
 * routes it (reporter's state, and states whose approved constituency a
 * reported URL, e-mail domain or address falls in), seals and stores it
 * with its files under @p evidence_dir, and records the audit event.
 * @param ref OUT: the reference
 * @param secret OUT: the follow-up secret (shown once, never stored)
 * @return CCS_OK or an error in @p f (the caller rolls back)
 */
int	ccs_portal_submit(struct ccs_db *db, const struct ccs_report_keys *keys,
	    const struct ccs_rep_input *in, const char *lang, const char *ip,
	    const struct ccs_portal_file *files, size_t nfiles,
	    const char *evidence_dir, int64_t now,
	    char ref[CCS_REPORT_REF_LEN] /* OUT */,
	    char secret[CCS_PORTAL_SECRET_LEN] /* OUT */, struct ccs_fail *f);

/**
 * The reporter's view of a report: {"reference", "status",
 * "category", "created_at", "reporter_update", "reporter_update_at",
 * "additions": n}. An unknown reference and a wrong secret take the
 * same time and give the same CCS_ENOTFOUND "no_match".
 * @param id OUT (may be NULL): the report's id when CCS_OK
 */
int	ccs_portal_follow(struct ccs_db *db, const char *ref,
	    const char *secret, int64_t *id /* OUT */,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Adds @p text (at most CCS_REP_ADD_MAX bytes) to report @p id, sealed
 * and audited. */
int	ccs_portal_add(struct ccs_db *db, const struct ccs_report_keys *keys,
	    int64_t id, const char *text, int64_t now, struct ccs_fail *f);

/**
 * Public figures, no content: {"items": [{"state", "month" (YYYY-MM),
 * "received", "processed", "backlog"}], "count"} by state then month;
 * processed counts the reports of that month already triaged, backlog
 * the rest.
 */
int	ccs_portal_figures(struct ccs_db *db, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * Opens report @p id for @p p, when a state it is routed to is @p p's
 * (NCPOC, CERT) or @p p is a RIFC analyst (CCS_ACT_PUBLIC_REPORT_READ);
 * otherwise CCS_ENOTFOUND as for a missing report. Each read is audited
 * ("public_report.read") in the caller's write transaction.
 */
int	ccs_portal_read(struct ccs_db *db, const struct ccs_report_keys *keys,
	    const struct ccs_principal *p, int64_t id, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
