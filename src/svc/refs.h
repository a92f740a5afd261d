/*
 * refs.h: the one check of a reference by id that a write makes (the
 * incident a lesson cites, the value a request for information asks
 * about, the incidents a report is related to...). A write may refer only
 * to a record its author may read through the read policy, and it answers
 * a record the author may not read exactly as one that does not exist, so
 * a write is never a way to learn what exists (docs/internals/POLICY.md).
 * Evidence files, referred to by hash, have their own check in
 * svc/evidence.h (ccs_evidence_ref_check) built the same way.
 */
#ifndef CCS_SVC_REFS_H
#define CCS_SVC_REFS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/* The kinds of record a write may refer to by id. New values go at the
 * end, with their row in the table of refs.c. */
enum ccs_ref_kind {
	CCS_REF_INCIDENT = 0,	/* incidents: its marking */
	CCS_REF_VALUE,		/* ind_values: readable when a sighting is */
	CCS_REF_ADVISORY,	/* advisories: its marking */
	CCS_REF_LESSON,		/* lessons: its marking */
	CCS_REF_RFI,		/* requests for information: its marking */
	CCS_REF_NKINDS
};

/**
 * Whether record @p id of @p kind exists and @p p may read it in full
 * (core/tlp.c says CCS_TLP_FULL for its marking, or for one of them). A
 * missing record and an unreadable one both give *ok = false.
 * @param ok OUT
 * @return CCS_OK or a store error (*ok false)
 */
int	ccs_ref_readable(struct ccs_db *db, const struct ccs_principal *p,
	    enum ccs_ref_kind kind, int64_t id, bool *ok /* OUT */);

/**
 * Checks the reference @p id of @p kind in a write by @p p. @p what names
 * the field in the message ("incident_id", "related[2]").
 * @return CCS_OK when ccs_ref_readable says so; otherwise CCS_EINVAL with
 *         the kind's one code ("unknown_incident", "unknown_indicator",
 *         "unknown_advisory", "unknown_lesson", "unknown_rfi") and one
 *         message, the same for a missing and an unreadable record (a
 *         store error fills f with "internal").
 */
int	ccs_ref_check(struct ccs_db *db, const struct ccs_principal *p,
	    enum ccs_ref_kind kind, int64_t id, const char *what,
	    struct ccs_fail *f);

#endif
