/*
 * search.h: full-text search across shared records (incidents, advisories,
 * lessons) and indicator values, TLP-filtered. SQLite answers with FTS5,
 * PostgreSQL with a tsvector index; the words of the query are matched as
 * words (the last one as a prefix), never as query syntax. Results the
 * caller may not read are left out silently: search never reveals that a
 * restricted record contains a word.
 */
#ifndef CCS_SVC_SEARCH_H
#define CCS_SVC_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

#define CCS_SEARCH_PART_MIN	3	/* characters to match inside values */

struct ccs_keyset;

/**
 * Searches for @p q (1..200 bytes) in records of @p kind (incident,
 * advisory, lesson, indicator; NULL for all); a single word of at least
 * CCS_SEARCH_PART_MIN characters also finds the indicator values it is
 * part of. *out: the page of @p ks (sorted by "rank", best first):
 * {items: [{kind, id, title, excerpt, tlp, created_at, rank} or
 * {kind: "indicator", id, title, excerpt, sightings, markings, match,
 * rank}], total, next_cursor, prev_cursor, parts_total}; rank is the
 * result's position, 1 for the best. With @p whole, the array of every
 * result the caller may read, in that order (the CSV; more than 100,000
 * is "export_too_large").
 */
int	ccs_search(struct ccs_db *db, const struct ccs_principal *p,
	    const char *q, const char *kind, struct ccs_keyset *ks,
	    bool whole, json_t **out /* OUT */, struct ccs_fail *f);

#endif
