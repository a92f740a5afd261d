/*
 * form.h: a 24/7 preservation request as the printable form (PDF) in
 * the order of the T-CY preservation request template, followed by the
 * request's status and history as the platform recorded them.
 */
#ifndef CCS_SVC_EVIDENCE24_FORM_H
#define CCS_SVC_EVIDENCE24_FORM_H

#include <stdint.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/fail.h"

/**
 * Appends the PDF of request @p id to @p out; records
 * "preservation.read" with form "pdf" (write transaction).
 * @return CCS_OK; CCS_ENOTFOUND (missing or unreadable); other errors
 */
int	ccs_pres_pdf(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_buf *out, struct ccs_fail *f);

#endif
