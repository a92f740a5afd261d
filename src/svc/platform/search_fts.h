/*
 * search_fts.h: the full-text hits of a search (search.c), ranked, paged
 * and counted in SQL, the read policy in the query (issue 15 item 1).
 *
 * A hit's place is (key, -doc id), ascending: key is the relevance as an
 * integer the statement computes, times 10^12 and truncated, so a cursor
 * holds it exactly and the next statement compares it with the same
 * computation, never with a float printed and parsed back. Relevances
 * closer than 10^-12 are ties, broken by the newer record first.
 *
 * The relevance depends on the document and the words alone, never on
 * other documents, so a record the reader may not read changes no
 * other's place: PostgreSQL's ts_rank, and on SQLite a BM25 term weight
 * without the inverse document frequency and with a fixed length norm
 * (FTS5's bm25() counts every document holding a word, readable or not).
 */
#ifndef CCS_SVC_SEARCH_FTS_H
#define CCS_SVC_SEARCH_FTS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"

#define CCS_SEARCH_FTS_WORDS	16	/* words of a query */

/* A place in the order of the hits. */
struct ccs_search_at {
	int64_t	key;	/* relevance, ascending */
	int64_t	id;	/* minus the document's id */
};

/* The query of one search: the backend query text, the kind (NULL: any
 * record) and the reader. */
struct ccs_search_fts {
	struct ccs_db			*db;
	const struct ccs_principal	*p;
	const char			*fq;
	const char			*kind;
	bool				 pg;
	const char	*words[CCS_SEARCH_FTS_WORDS]; /* lower case */
	size_t		 nwords;
};

/**
 * At most @p limit hits (0: every hit) after @p at (NULL: from the
 * first), or with @p back before it in the reverse order, that the
 * reader may read: one statement. Rows {kind, ref (the record's id), id
 * (minus the document's), rank (the key), total (every readable hit),
 * pos (the hit's position among them, from 1), title, excerpt,
 * created_at, tlp}.
 */
int	ccs_search_fts_page(const struct ccs_search_fts *s,
	    const struct ccs_search_at *at, bool back, int64_t limit,
	    json_t **rows /* OUT */);

/** How many hits the reader may read, for a page that shows none. */
int	ccs_search_fts_count(const struct ccs_search_fts *s,
	    int64_t *total /* OUT */);

#endif
