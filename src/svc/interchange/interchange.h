/*
 * interchange.h: threat-intel import and export. STIX 2.1 bundles are
 * imported from a stream (any size: one object in memory at a time) and
 * exported as a stream; MISP event JSON and indicator CSV are imported
 * from a buffer. Every imported object lands in the store's own model
 * (sightings with automatic correlation, incidents) and, for STIX, whole
 * in stix_objects too, so a bundle round-trips object for object.
 *
 * Imports run inside the caller's one write transaction; the caller
 * commits only on CCS_OK and not a dry run, and rolls back otherwise, so a
 * failed, refused or killed import leaves the store as it was.
 */
#ifndef CCS_SVC_INTERCHANGE_H
#define CCS_SVC_INTERCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/tlp.h"
#include "format/errlist.h"
#include "store/store.h"
#include "util/fail.h"

#define CCS_IX_MAX_OBJECTS	10000000	/* STIX objects per import */
#define CCS_IX_MAX_ERRORS	100		/* errors listed */
#define CCS_IX_EXPORT_HTTP_MAX	(64u * 1024 * 1024)	/* API export cap */

struct ccs_ix_opts {
	enum ccs_tlp	 tlp;		/* TLP of unmarked records */
	const char	*state;		/* reporting state, NULL: the caller's */
	bool		 partial;	/* skip invalid objects, store the rest */
	bool		 dry_run;	/* the caller will roll back */
	size_t		 max_object;	/* bytes of one STIX object; 0 default */
	size_t		 max_objects;	/* 0: CCS_IX_MAX_OBJECTS */
	/* Called for each object stored, or skipped as a version already
	 * stored, with its compact text and the import's marking of its
	 * TLP (kept); a non-zero return stops the import. May be NULL. */
	int		(*on_stored)(void *arg, size_t index, const json_t *obj,
			    const char *text, size_t len, int64_t marking_id,
			    bool skipped);
	void		*stored_arg;	/* passed to on_stored */
	/* Called after every chunk read; may be NULL. */
	void		(*progress)(void *arg, uint64_t bytes, size_t objects);
	void		*progress_arg;	/* passed to progress */
};

struct ccs_ix_counts {
	size_t	 objects;	/* objects / attributes / rows read */
	size_t	 sightings;	/* sightings stored */
	size_t	 incidents;	/* incidents stored or updated */
	size_t	 passthrough;	/* STIX objects stored whole */
	size_t	 skipped;	/* duplicates, older versions, unused types */
	size_t	 invalid;	/* objects refused */
	size_t	 errors;	/* errors found (listed up to the cap) */
};

/**
 * Imports a STIX 2.1 bundle read from @p in (borrowed, not closed) as
 * @p p: each object is checked (ccs_stix_check), stored whole in
 * stix_objects (a newer "modified" replaces, an older or equal version is
 * skipped), and mapped: indicators and ccscap's SCOs to sightings,
 * sighting SROs to sightings of their indicator's values, incidents to
 * incidents. TLP comes from object_marking_refs, else @p o->tlp.
 * @param errs borrowed: every problem with its JSON path
 * @param c OUT: counts
 * @return CCS_OK (with @p o->partial, also when objects were skipped);
 *     CCS_EINVAL "import_failed" (errors in @p errs; nothing may be
 *     committed) or another code from the bundle reader ("stix_syntax"...);
 *     CCS_EPERM / CCS_EAUTH; a store error
 */
int	ccs_ix_import_stix(struct ccs_db *db, const struct ccs_principal *p,
	    FILE *in, const struct ccs_ix_opts *o, int64_t now,
	    struct ccs_ix_counts *c /* OUT */, struct ccs_errlist *errs,
	    struct ccs_fail *f);

/** The strictest TLP of @p obj's object_marking_refs; false if none. */
bool	ccs_ix_object_tlp(const json_t *obj, enum ccs_tlp *out /* OUT */);

/**
 * @p ts (a valid STIX timestamp) with its fraction padded or cut to nine
 * digits into @p out (at least 31 bytes): in that one width, text order is
 * time order on both backends (whatever the collation).
 */
void	ccs_ix_sortable_time(const char *ts, char *out, size_t len);

/** MISP event JSON in @p buf: each event an incident, its attributes
 * sightings linked to it (TLP from tags; an attribute's overrides).
 * @return as ccs_ix_import_stix */
int	ccs_ix_import_misp(struct ccs_db *db, const struct ccs_principal *p,
	    const char *buf, size_t len, const struct ccs_ix_opts *o,
	    int64_t now, struct ccs_ix_counts *c /* OUT */,
	    struct ccs_errlist *errs, struct ccs_fail *f);

/** Indicator CSV (type,value[,seen_at,note,tlp]) in @p buf: one
 * sighting per row. @return as ccs_ix_import_stix */
int	ccs_ix_import_csv(struct ccs_db *db, const struct ccs_principal *p,
	    const char *buf, size_t len, const struct ccs_ix_opts *o,
	    int64_t now, struct ccs_ix_counts *c /* OUT */,
	    struct ccs_errlist *errs, struct ccs_fail *f);

/**
 * The reply of an import: {"counts": {...}, "errors": [{"path",
 * "message"}], "errors_total", "dry_run"}. New; NULL when out of memory.
 */
json_t	*ccs_ix_report(const struct ccs_ix_counts *c,
	    const struct ccs_errlist *errs, bool dry_run);

/**
 * Writes a STIX 2.1 bundle to @p out of everything @p p may read (every
 * record through ccs_marking_view), or of everything when @p all (the
 * operator's full export): pass-through objects as stored, incidents as
 * "incident", each value with sightings not imported from STIX as an
 * "indicator" with its pattern, and the TLP 2.0 marking definitions used.
 * Only records stored or changed at or after @p since (0: all). The
 * caller records the export with ccs_ix_export_audit.
 * @param n OUT, may be NULL: objects written
 * @param bundle_id OUT, may be NULL: the bundle's id (@p idlen bytes)
 */
int	ccs_ix_export_stix(struct ccs_db *db, const struct ccs_principal *p,
	    bool all, int64_t since, FILE *out, size_t *n /* OUT */,
	    char *bundle_id /* OUT */, size_t idlen, struct ccs_fail *f);

/**
 * The STIX rendering of incident @p id made in ccscap, exactly as
 * ccs_ix_export_stix writes it, in *@p obj (new), and its marking.
 * @return CCS_OK; CCS_ENOTFOUND when there is no such incident or it is
 *     held whole as an imported STIX object; a store error
 */
int	ccs_ix_incident_stix(struct ccs_db *db, int64_t id, json_t **obj,
	    int64_t *marking_id /* OUT, may be NULL */, struct ccs_fail *f);

/**
 * The STIX "indicator" of value @p value_id as ccs_ix_export_stix writes
 * it for a reader of everything: from its sightings made in ccscap,
 * marked with their least strict TLP; that sighting's marking in
 * *@p marking_id.
 * @return CCS_OK; CCS_ENOTFOUND when no such sighting or no STIX pattern
 */
int	ccs_ix_indicator_stix(struct ccs_db *db, int64_t value_id,
	    json_t **obj, int64_t *marking_id /* OUT, may be NULL */,
	    struct ccs_fail *f);

/** Appends the audit event of an export (needs a write transaction). */
int	ccs_ix_export_audit(struct ccs_db *db, const struct ccs_principal *p,
	    bool all, int64_t since, size_t n, const char *bundle_id,
	    int64_t now, struct ccs_fail *f);

/** The principal of active user @p login (for exports run by the
 * operator on a user's behalf). @return CCS_OK, CCS_ENOTFOUND */
int	ccs_ix_principal(struct ccs_db *db, const char *login,
	    struct ccs_principal *p /* OUT */, struct ccs_fail *f);

#endif
