/*
 * reports.h: reports to the plan's audiences, made once and kept: who made
 * it, when, the data cut-off, the frozen snapshot of its data with its
 * SHA-256, and the bytes of its PDF, XLSX and HTML renditions (each with
 * its own SHA-256), served as stored forever. docs/internals/REPORTS.md.
 */
#ifndef CCS_SVC_REPORTS_H
#define CCS_SVC_REPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/cap_common.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/* POST /api/v1/reports: audience, from, to, state (rcc only). */
extern const struct ccs_jfield ccs_report_fields[];
extern const size_t ccs_report_nfields;

#define CCS_REPORT_PAGE_MAX	200	/* largest ?limit= of the archive */

/**
 * Makes and stores a report from @p body as @p p, audited in the caller's
 * write transaction. Errors (CCS_EINVAL unless said): "unknown_audience",
 * "invalid_date", "invalid_period", "future_period" (to after today),
 * "state_required" (rcc),
 * "state_not_applicable", "invalid_state_code", "unknown_state";
 * CCS_EPERM/CCS_EAUTH "forbidden" for an audience @p p may not make.
 * @param out OUT: new, the record (as ccs_report_get)
 */
int	ccs_report_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * The record of report @p id: {id, audience, title, from, to, state, tlp,
 * created_by, created_at, cutoff_at, sha256, files:[{format, media_type,
 * size, sha256}]}; a report @p p may not read is "not_found" as a missing
 * one. @param out OUT: new
 */
int	ccs_report_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out /* OUT */, struct ccs_fail *f);

/**
 * ccs_report_get, audited: the read is recorded ("report.read", entity
 * "report", id "N/record") in the caller's write transaction, and a read
 * that cannot be recorded is not answered. @param out OUT: new
 */
int	ccs_report_read(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** The archive as a list (svc/listq.h): created_at (newest first),
 * title, audience, period_from, tlp; q, from/to on created_at. */
extern const struct ccs_listq_def ccs_report_list_def;

/**
 * The reports @p p may read (the rule of a single read: one the reader
 * may not read changes neither the total, a page nor the CSV) for
 * @p audience (NULL any) matching @p q and [@p from, @p to), paged by
 * @p ks, each with its files. *out: free with ccs_listq_free.
 * @return CCS_OK; CCS_EINVAL "unknown_audience"
 */
int	ccs_report_query(struct ccs_db *db, const struct ccs_principal *p,
	    const char *audience, struct ccs_keyset *ks, const char *q,
	    int64_t from, int64_t to, struct ccs_listq **out /* OUT */,
	    struct ccs_fail *f);

/**
 * The stored bytes of rendition @p format ("pdf", "xlsx", "html") of
 * report @p id, checked against their SHA-256; with @p audit the read is
 * audited ("report.read") in the caller's write transaction.
 * @param data OUT: new, caller frees with free(); @param len OUT
 * @param meta OUT: new {format, media_type, size, sha256, filename}
 * @return CCS_OK; "not_found"; CCS_EINVAL "invalid_format";
 * CCS_ECORRUPT "report_corrupt" when the bytes no longer match
 */
int	ccs_report_file(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const char *format, bool audit, int64_t now,
	    char **data /* OUT */,
	    size_t *len /* OUT */, json_t **meta /* OUT */,
	    struct ccs_fail *f);

/**
 * Makes the snapshot and the renditions of a report without storing it
 * (the preview, the CLI and the benchmark). Same checks as create.
 * @param snap OUT: new snapshot
 */
int	ccs_report_build(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **snap /* OUT */,
	    struct ccs_fail *f);

#endif
