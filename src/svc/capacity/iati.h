/*
 * iati.h: IATI 2.0x activity XML in and IATI 2.03 out for initiatives
 * (issue 9, item 3). The reader and writer are format/iati/iati.h; this
 * module maps an activity to the JSON ccs_initiative_create takes and an
 * initiative back to an activity, and runs the import inside the
 * caller's one write transaction.
 */
#ifndef CCS_SVC_CAPACITY_IATI_H
#define CCS_SVC_CAPACITY_IATI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/policy.h"
#include "format/errlist.h"
#include "format/iati/iati.h"
#include "store/store.h"
#include "util/fail.h"

#define CCS_CAP_IATI_MAX_ERRORS	100	/* errors listed */

struct ccs_cap_iati_opts {
	bool			 dry_run;	/* the caller rolls back */
	/* May be NULL: the XSD checked while reading; borrowed. */
	const struct ccs_iati_schema *schema;
	/* Called after every activity; may be NULL. */
	void			(*progress)(void *arg, size_t activities);
	void			*progress_arg;	/* passed to progress */
};

struct ccs_cap_iati_counts {
	size_t	activities;	/* activities read */
	size_t	created;	/* initiatives created */
	size_t	updated;	/* existing initiatives updated */
	size_t	errors;		/* errors found (listed up to the cap) */
};

/**
 * Imports the IATI activities document read from @p in (borrowed, not
 * closed) as @p p, one initiative per activity, inside the caller's
 * write transaction: the caller commits only on CCS_OK and not a dry
 * run. Organisations are matched by iati_ref, else by exact name; one not
 * in the directory is refused (never created). An activity whose
 * iati-identifier exists updates that initiative under PATCH's rules
 * (not_your_organisation otherwise). Every error goes to @p errs as
 * (element path, "line N: ...").
 * @param c OUT: counts
 * @return CCS_OK; CCS_EINVAL "import_failed" (errors in @p errs);
 *     CCS_EPERM / CCS_EAUTH (may not write initiatives at all);
 *     CCS_ETOOBIG; a store error
 */
int	ccs_cap_iati_import(struct ccs_db *db, const struct ccs_principal *p,
	    FILE *in, const struct ccs_cap_iati_opts *o, int64_t now,
	    struct ccs_cap_iati_counts *c /* OUT */, struct ccs_errlist *errs,
	    struct ccs_fail *f);

/**
 * The reply of an import: {"counts": {...}, "errors": [{"path",
 * "message"}], "errors_total", "dry_run"}. New; NULL when out of memory.
 */
json_t	*ccs_cap_iati_report(const struct ccs_cap_iati_counts *c,
	    const struct ccs_errlist *errs, bool dry_run);

/**
 * Writes every initiative @p p may read (all, for any member) to @p out
 * (borrowed) as one IATI 2.03 document, one initiative at a time.
 * @p generated is the xsd:dateTime of the document or NULL.
 * @param n OUT, may be NULL: activities written
 * @param errs may be NULL: why the writer refused an initiative
 * @return CCS_OK; CCS_EINVAL "export_failed"; CCS_ENOTFOUND
 *     "nothing_to_export"; CCS_EIO; a store error
 */
int	ccs_cap_iati_export(struct ccs_db *db, const struct ccs_principal *p,
	    FILE *out, const char *generated, size_t *n /* OUT */,
	    struct ccs_errlist *errs, struct ccs_fail *f);

#endif
