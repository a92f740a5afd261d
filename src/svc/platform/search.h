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

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/**
 * Searches for @p q (1..200 bytes) in records of @p kind (incident,
 * advisory, lesson, indicator; NULL for all). *out: new array of
 * {kind, id, title, excerpt, tlp, created_at}, best first.
 */
int	ccs_search(struct ccs_db *db, const struct ccs_principal *p,
	    const char *q, const char *kind, int64_t limit,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
