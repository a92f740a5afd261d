/*
 * taxii.h: the TAXII 2.1 server's service (issue 14): collections and who
 * may use them, the objects filed in them, POSTs through the STIX import,
 * status resources. The HTTP layer (http/taxii) speaks the protocol; this
 * layer holds every rule that touches the store.
 *
 * Access: a collection is visible to a principal holding a grant on it
 * (per user, per organisation, every signed-in user, or the public); an
 * invisible collection is answered as a missing one. Every object served
 * also passes ccs_marking_view: TLP:RED only to its named recipients,
 * whatever the collection's grants say.
 */
#ifndef CCS_SVC_TAXII_H
#define CCS_SVC_TAXII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/taxii/taxii.h"
#include "core/tlp.h"
#include "store/store.h"
#include "util/fail.h"

#define CCS_TAXII_LIMIT_DEFAULT	100	/* objects per page */
#define CCS_TAXII_LIMIT_MAX	1000	/* largest ?limit= */
#define CCS_TAXII_MATCH_MAX	100	/* values in one match[] */
#define CCS_TAXII_MAX_CONTENT	((size_t)10 << 20)	/* POST bytes */
#define CCS_TAXII_STATUS_KEEP	(48 * 3600)	/* status kept, seconds */

/** A collection as one principal sees it. */
struct ccs_taxii_coll {
	char		 id[64];	/* UUID */
	char		 root[16];	/* API root name */
	enum ccs_tlp	 tlp_max;	/* most restricted TLP it holds */
	bool		 can_read;	/* principal may read objects */
	bool		 can_write;	/* principal may add and delete */
};

/**
 * The collection @p id of API root @p root as @p p sees it.
 * @return CCS_OK; CCS_ENOTFOUND when it does not exist or @p p holds no
 *     grant on it; a store error
 */
int	ccs_taxii_coll_get(struct ccs_db *db, const struct ccs_principal *p,
	    const char *root, const char *id,
	    struct ccs_taxii_coll *c /* OUT */,
	    json_t **resource /* OUT, may be NULL: the TAXII resource */,
	    struct ccs_fail *f);

/** The collections of @p root @p p holds a grant on, as TAXII resources:
 * a new array in *@p out. */
int	ccs_taxii_coll_list(struct ccs_db *db, const struct ccs_principal *p,
	    const char *root, json_t **out /* OUT */, struct ccs_fail *f);

/** The API root names @p p may use (public, caricom-rcc, the national
 * roots of states with a collection @p p sees or of @p p's own state):
 * a new array of strings. */
int	ccs_taxii_roots(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Whether @p root names an API root (a national root's state must be in
 * the directory). */
int	ccs_taxii_root_exists(struct ccs_db *db, const char *root,
	    bool *exists /* OUT */);

/**
 * Creates a collection (operator, CLI) and files into it what is already
 * stored and fits it. @param id OUT: the new UUID (64 bytes)
 */
int	ccs_taxii_coll_add(struct ccs_db *db, const struct ccs_principal *actor,
	    const char *root, const char *title, const char *description,
	    enum ccs_tlp tlp_max, int64_t now, int64_t now_us,
	    char id[64] /* OUT */, struct ccs_fail *f);

/** Grants (or with both false, revokes) read/write on collection @p id:
 * @p kind "user" (@p ref a login), "org" (@p ref an organisation id),
 * "any" or "public". */
int	ccs_taxii_grant(struct ccs_db *db, const struct ccs_principal *actor,
	    const char *id, const char *kind, const char *ref, bool can_read,
	    bool can_write, int64_t now, struct ccs_fail *f);

/** What a list reads: objects, manifest, one object, its versions. */
enum ccs_taxii_view {
	CCS_TAXII_OBJECTS = 0,
	CCS_TAXII_MANIFEST,
	CCS_TAXII_OBJECT,
	CCS_TAXII_VERSIONS
};

/** A query on a collection's objects; strings borrowed. */
struct ccs_taxii_query {
	enum ccs_taxii_view	 view;
	const char		*object_id;	/* OBJECT, VERSIONS */
	bool			 has_added_after;
	int64_t			 added_after;	/* microseconds */
	int64_t			 limit;		/* 1..CCS_TAXII_LIMIT_MAX */
	const char		*match_id;	/* comma lists, NULL: none */
	const char		*match_type;
	const char		*match_version;
	const char		*match_spec;
	bool			 has_cursor;	/* resume after: */
	int64_t			 cur_date;	/* date_added */
	int64_t			 cur_seq;	/* entry id */
};

/** One page: rows {id, date_added, version, body} in date_added order. */
struct ccs_taxii_page {
	json_t	*rows;		/* new array */
	bool	 more;		/* rows after the last one */
	int64_t	 last_date;	/* of the last row, for the cursor */
	int64_t	 last_seq;
};

/**
 * Checks the match[] filters of @p q.
 * @return CCS_OK or CCS_EINVAL with f naming the parameter
 */
int	ccs_taxii_query_check(const struct ccs_taxii_query *q,
	    struct ccs_fail *f);

/** A page of collection @p c for @p p (readable objects only). */
int	ccs_taxii_list(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_taxii_coll *c, const struct ccs_taxii_query *q,
	    struct ccs_taxii_page *pg /* OUT */, struct ccs_fail *f);

/** Frees a page's rows. */
void	ccs_taxii_page_free(struct ccs_taxii_page *pg);

/**
 * Deletes from collection @p c the versions of @p q->object_id matching
 * @p q's version and spec_version filters that @p p may read.
 * @return CCS_OK; CCS_ENOTFOUND when none matched
 */
int	ccs_taxii_delete(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_taxii_coll *c, const struct ccs_taxii_query *q,
	    int64_t now, struct ccs_fail *f);

/**
 * Files one object version into collection @p coll (text @p text of
 * @p len bytes, marking @p marking_id): a new entry with the next
 * date_added, unless that version is already there. @p origin: the peer
 * a pull brought it from, NULL when made or imported here (only those
 * are pushed).
 * @param added OUT, may be NULL
 */
int	ccs_taxii_file(struct ccs_db *db, const char *coll, const json_t *obj,
	    const char *text, size_t len, int64_t marking_id,
	    const char *origin, int64_t now_us, bool *added /* OUT */,
	    struct ccs_fail *f);

/**
 * Files the STIX objects stored or changed at or after @p since (unix
 * seconds) into every collection their marking fits (ccs_taxii_fits), or
 * only into @p only when not NULL: records made in ccscap appear in the
 * collections their markings allow. Run in the importing transaction.
 * @param n OUT, may be NULL: entries added
 */
int	ccs_taxii_publish(struct ccs_db *db, int64_t since, int64_t now_us,
	    const char *only, size_t *n /* OUT */, struct ccs_fail *f);

/**
 * Files one record made in ccscap, rendered by the STIX export mapping
 * (@p obj, with an id and "modified"), marked @p marking_id, into every
 * collection its marking fits (only @p only when not NULL): a new
 * version gets a new date_added; a version whose text changed within its
 * second replaces the old entry with a new date_added. Run in the
 * writing transaction.
 * @param n OUT, may be NULL: entries added
 */
int	ccs_taxii_publish_one(struct ccs_db *db, const json_t *obj,
	    int64_t marking_id, const char *only, int64_t now_us,
	    size_t *n /* OUT */, struct ccs_fail *f);

/**
 * Files incident @p id, made or changed in ccscap, into the collections
 * its marking fits (ccs_taxii_publish_one); an incident held as an
 * imported STIX object is left to its import.
 */
int	ccs_taxii_publish_incident(struct ccs_db *db, int64_t id,
	    const char *only, int64_t now_us, size_t *n /* OUT, may be NULL */,
	    struct ccs_fail *f);

/**
 * Files the indicator of value @p value_id (as the STIX export renders
 * it from the sightings made in ccscap) into the collections the
 * marking of its least strict sighting fits.
 */
int	ccs_taxii_publish_indicator(struct ccs_db *db, int64_t value_id,
	    const char *only, int64_t now_us, size_t *n /* OUT, may be NULL */,
	    struct ccs_fail *f);

/**
 * Files the incidents changed and the indicators seen in ccscap at or
 * after @p since (unix seconds) into every collection they fit, or only
 * @p only (ccs_taxii_publish calls it after the stored STIX objects).
 * @param n OUT, may be NULL: entries added
 */
int	ccs_taxii_publish_records(struct ccs_db *db, int64_t since,
	    const char *only, int64_t now_us, size_t *n /* OUT */,
	    struct ccs_fail *f);

/**
 * A POST to collection @p c: the envelope in @p body goes through the
 * STIX import (ccs_ix_import_stix, partial: per-object failures are
 * listed, the rest stored) and each stored object is filed in @p c. The
 * status resource is stored and returned in *@p status (new).
 * @return CCS_OK; CCS_EINVAL (f: "invalid_envelope"); CCS_EPERM; a store
 *     error
 */
int	ccs_taxii_add(struct ccs_db *db, const struct ccs_principal *p,
	    const struct ccs_taxii_coll *c, const char *body, size_t len,
	    int64_t now, int64_t now_us, json_t **status /* OUT */,
	    struct ccs_fail *f);

/** Status resource @p id of @p root, if @p p made it. @return CCS_OK or
 * CCS_ENOTFOUND */
int	ccs_taxii_status_get(struct ccs_db *db, const struct ccs_principal *p,
	    const char *root, const char *id, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
