/*
 * objects.h: the STIX objects imports stored whole (stix_objects: reports,
 * threat actors, attack patterns, malware, relationships, identities...)
 * as a reader sees them: a list by type with a total and keyset paging,
 * and one object with its references and relationships resolved to the
 * copies the reader may read, and the ccscap records made from it.
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
#include "util/fail.h"

#define CCS_IXO_MAX_REFS	200	/* references resolved on one page */
#define CCS_IXO_MAX_RELS	500	/* relationships listed each way */

enum ccs_ixo_sort {
	CCS_IXO_STORED = 0,	/* when the copy was stored (the default) */
	CCS_IXO_MODIFIED,	/* the object's own "modified" */
	CCS_IXO_TYPE,
	CCS_IXO_NAME
};

struct ccs_ixo_query {
	const char		*type;	/* one STIX type; NULL: every type */
	const char		*q;	/* words in the name, description, id */
	int64_t			 from;	/* stored at or after; 0: any */
	int64_t			 to;	/* stored before; 0: any */
	enum ccs_ixo_sort	 sort;
	bool			 desc;
	int64_t			 limit;	/* rows of a page */
	int64_t			 at;	/* row id the page starts after, 0 */
	bool			 before;	/* the page ends before @p at */
	bool			 all;	/* every match (CSV): no paging */
};

struct ccs_ixo_page {
	json_t	*items;		/* new: {id, stix_id, type, name, ...} */
	json_t	*types;		/* new: {type: matches} over every type */
	int64_t	 total;		/* matches the reader may read */
	int64_t	 offset;	/* position of the page's first row */
	int64_t	 first_id;	/* row ids at both ends of the page */
	int64_t	 last_id;
	bool	 has_prev;
	bool	 has_next;
};

/**
 * The page of @p q that @p p may read, in @p pg (members new, free with
 * ccs_ixo_page_clear).
 * @return CCS_OK; CCS_EINVAL "invalid_cursor" when the row the cursor
 *     names is no longer in the list; a store error
 */
int	ccs_ixo_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_ixo_query *q, struct ccs_ixo_page *pg /* OUT */,
	    struct ccs_fail *f);

/** Releases the members of @p pg; safe on a zeroed page. */
void	ccs_ixo_page_clear(struct ccs_ixo_page *pg);

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
