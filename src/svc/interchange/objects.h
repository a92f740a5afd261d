/*
 * objects.h: the STIX objects imports stored whole (stix_objects: reports,
 * threat actors, attack patterns, malware, relationships, identities...)
 * as a reader sees them: a list by type with a total and keyset paging
 * (the read policy in its query), and one object with its references
 * and relationships resolved to the copies the reader may read, and the
 * ccscap records made from it.
 * Every row passes ccs_marking_view(); a copy the reader may not read is
 * answered exactly as one never stored.
 */
#ifndef CCS_SVC_INTERCHANGE_OBJECTS_H
#define CCS_SVC_INTERCHANGE_OBJECTS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "util/fail.h"

#define CCS_IXO_MAX_REFS	200	/* references resolved on one page */
#define CCS_IXO_MAX_RELS	500	/* relationships listed each way */

#define CCS_IXO_NCOLS	4	/* sorts of the list */

/** The list's filters (the cursor is the request's keyset). */
struct ccs_ixo_filter {
	const char	*type;	/* one STIX type; NULL: every type */
	const char	*q;	/* words in the name, description, id, type */
	int64_t		 from;	/* stored at or after; 0: any */
	int64_t		 to;	/* stored before; 0: any */
};

/**
 * The sorts of the list for @p db's dialect (CCS_IXO_NCOLS: stored,
 * modified, type, name; the name is read from the body in SQL), for
 * ccs_keyset_new with the tie-breaker "o.id".
 */
const struct ccs_keyset_col *ccs_ixo_list_cols(const struct ccs_db *db);

/**
 * The page at @p ks's position of the copies matching @p flt that @p p
 * may read, the policy in the query (object_list.c): *@p out (new) is
 * {items: [{id, stix_id, type, name, modified, stored_at, tlp, sharing}],
 * count, total, offset (the position of the first item), next_cursor,
 * prev_cursor, types: {type: matches before the type filter}}; with
 * @p whole, the array of every match instead (the CSV).
 * @return CCS_OK; CCS_ETOOBIG "export_too_large" (whole, more than
 *     100,000 rows); CCS_EINVAL "invalid_query" (too many words); a
 *     store error
 */
int	ccs_ixo_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_ixo_filter *flt, struct ccs_keyset *ks,
	    bool whole, json_t **out /* OUT */, struct ccs_fail *f);

/**
 * One stored object: @p ref is a row id ("42") or a STIX id (the newest
 * copy @p p may read). *@p out (new): {id, stix_id, type, name, tlp,
 * sharing, modified, stored_at, object, refs: [{property, stix_id, id,
 * type, name}], relationships: {outgoing, incoming}, incidents,
 * indicators, copies}.
 * @return CCS_OK; CCS_ENOTFOUND "not_found" for a missing or unreadable
 *     object; a store error
 */
int	ccs_ixo_get(struct ccs_db *db, const struct ccs_principal *p,
	    const char *ref, json_t **out /* OUT */, struct ccs_fail *f);

/**
 * The row id of the newest copy of STIX id @p sid that @p p may read, in
 * *@p id; 0 when there is none (missing and unreadable alike).
 * @return CCS_OK or a store error
 */
int	ccs_ixo_find(struct ccs_db *db, const struct ccs_principal *p,
	    const char *sid, int64_t *id /* OUT */);

/**
 * Incident @p id as a STIX 2.1 bundle for @p p: the object it was
 * imported from as stored, or the "incident" ccscap writes for it (as the
 * export does), and its TLP marking definition. *@p out is new.
 * @return CCS_OK; CCS_ENOTFOUND "not_found" for a missing or unreadable
 *     incident; a store error
 */
int	ccs_ixo_incident_bundle(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** The display name of STIX object @p obj: its name, else what names it
 * (a relationship's type, an observable's value), else its id. Borrowed
 * from @p obj or static. */
const char *ccs_ixo_name(const json_t *obj);

#endif
