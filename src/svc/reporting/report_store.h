/*
 * report_store.h: rows of public_reports and public_report_routes, with
 * the report body and contact details sealed on the way in and opened on
 * the way out (report_keys.h). No policy here: callers (svc/reporting/
 * portal.c for the reporter, the triage services for teams) decide who
 * may read and record the audit event of each read.
 */
#ifndef CCS_SVC_REPORTING_REPORT_STORE_H
#define CCS_SVC_REPORTING_REPORT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "store/store.h"
#include "svc/reporting/report_keys.h"

#define CCS_REPORT_REF_LEN	16	/* R-7K3Q-M9XD + NUL, padded */

/** A new report; every pointer borrowed for the call. */
struct ccs_report_new {
	const char	*category;	/* core/reporting category code */
	const char	*state;		/* reporter's state, ISO code */
	const char	*victim_type;	/* individual, business, government */
	const char	*language;	/* en, fr, nl, es */
	const char	*body;		/* JSON text of the report, sealed */
	const char	*contact;	/* JSON text or NULL (anonymous) */
	const char	*secret_hash;	/* hex hash of the follow-up secret */
	const char	*dedupe_hash;	/* hex keyed hash, content+address */
};

/** One routing of a report to a state. */
struct ccs_report_route {
	char		 state[3];	/* ISO code */
	char		 reason[160];	/* "reporter_state", "cctld:.jm"... */
};

/** A new random reference like "R-7K3Q-M9XD" (Crockford base32, 40 bits). */
void	ccs_report_reference_new(char out[CCS_REPORT_REF_LEN]);

/**
 * Inserts a report and its routes in the caller's write transaction,
 * with a fresh reference (retried while taken).
 * @param ref OUT: the reference given
 * @param id OUT: the new row's id
 * @return CCS_OK, CCS_ENOMEM, or a store error (the caller rolls back)
 */
int	ccs_report_store_create(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const struct ccs_report_new *r,
	    const struct ccs_report_route *routes, size_t nroutes, int64_t now,
	    char ref[CCS_REPORT_REF_LEN] /* OUT */, int64_t *id /* OUT */);

/**
 * Report @p id with its body and contact opened: {"id", "reference",
 * "state", "category", "victim_type", "status", "language", "anonymous",
 * "reporter_update", "reporter_update_at", "processed_at", "created_at",
 * "updated_at", "body": object, "contact": object or null, "routes":
 * [{"state","reason"}], "additions": [{"text","created_at"}]}.
 * @param out OUT: new object, caller decrefs
 * @return CCS_OK, CCS_ENOTFOUND, CCS_ECORRUPT (a sealed value does not
 * open with the keyring), CCS_ENOMEM or a store error
 */
int	ccs_report_store_get(struct ccs_db *db,
	    const struct ccs_report_keys *keys, int64_t id,
	    json_t **out /* OUT */);

/**
 * The id and secret hash of the report with @p reference.
 * @return CCS_OK, CCS_ENOTFOUND or a store error
 */
int	ccs_report_store_find(struct ccs_db *db, const char *reference,
	    int64_t *id /* OUT */,
	    char secret_hash[CCS_REPORT_HASH_HEX] /* OUT */);

/**
 * Seals @p text as information the reporter adds to report @p id.
 * @return CCS_OK, CCS_ENOTFOUND, CCS_ENOMEM or a store error
 */
int	ccs_report_store_add(struct ccs_db *db,
	    const struct ccs_report_keys *keys, int64_t id, const char *text,
	    int64_t now);

#endif
