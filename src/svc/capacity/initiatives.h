/*
 * initiatives.h: capacity-building initiatives (projects, programmes,
 * training series) on the IATI 2.03 activity model: organisations with
 * roles, recipient states with shares, the needs and standards they
 * address, budgets, transactions, results, related initiatives and
 * documents. Every member reads them (they are not TLP-shared records);
 * partners write those in which their organisation holds a role,
 * coordinators all. Every write is audited in its transaction.
 */
#ifndef CCS_SVC_INITIATIVES_H
#define CCS_SVC_INITIATIVES_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/capacity/cap_common.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Top-level request fields of a new initiative (POST). */
extern const struct ccs_jfield ccs_initiative_fields[];
extern const size_t ccs_initiative_nfields;
/** Those of a change (PATCH): the same and "version", none required. */
extern const struct ccs_jfield ccs_initiative_patch_fields[];
extern const size_t ccs_initiative_patch_nfields;

/** List filters; NULL / 0 means "any". */
struct ccs_initiative_filter {
	const char	*state;		/* recipient state code */
	const char	*need;		/* need ref addressed */
	int64_t		 partner;	/* organisation in any role */
	int64_t		 funder;	/* organisation in the funding role */
	int64_t		 status;	/* IATI activity status */
	int64_t		 year;		/* active at some time that year */
};

/**
 * Creates an initiative from a body already checked against
 * ccs_initiative_fields. Every nested field and every id it refers to is
 * checked before anything is written; a failure names the field and
 * writes nothing the caller's transaction keeps (the router rolls back).
 * An importer (IATI) builds the same object per activity and calls this
 * once per activity inside one transaction.
 * @param out OUT: the stored initiative (new), may be NULL
 * @param id OUT: its id, may be NULL
 */
int	ccs_initiative_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, int64_t *id,
	    struct ccs_fail *f);
/**
 * Changes an initiative: @p body holds "version" (the one read; 409
 * stale_version otherwise) and the fields to change; a list given
 * replaces the stored list.
 */
int	ccs_initiative_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);

/**
 * As ccs_initiative_create and ccs_initiative_update, except that the
 * duplicate candidates of the initiative are left to the caller, who
 * calls ccs_cap_kept_refresh_ids (kept.h) with every id written
 * before the transaction ends: an import refreshes once for all its
 * activities (one rebuild when they are many).
 */
int	ccs_initiative_create_deferred(struct ccs_db *db,
	    const struct ccs_principal *p, const json_t *body, int64_t now,
	    int64_t *id, struct ccs_fail *f);
int	ccs_initiative_update_deferred(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, const json_t *body,
	    int64_t now, json_t **out, struct ccs_fail *f);
/** One initiative with every list; not_found when absent. */
int	ccs_initiative_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out, struct ccs_fail *f);
/** The stored initiative @p id as JSON (no policy check): new. */
int	ccs_initiative_load(struct ccs_db *db, int64_t id, json_t **out);

#endif
