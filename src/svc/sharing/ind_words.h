/*
 * ind_words.h: which words of the indicator list's q the substring index
 * of the values finds (issue 15 item 2, migration 0036,
 * docs/internals/LISTS.md "Words").
 *
 * A word matches a value when it occurs, case-insensitively, in its
 * value or its type (ccs_keyset_words: LIKE '%word%'), which no B-tree
 * serves. On SQLite the FTS5 trigram index ind_values_tri finds the
 * values holding a word of three characters or more; the list then adds
 * "v.id IN (those values)" to the same LIKE, which keeps the meaning
 * exact (the index finds a superset: LIKE's % and _ in the word are
 * wildcards there). A word found in many values is left to the walk in
 * the list's order, which stops at a page (the index would read them
 * all), so each candidate word is first counted up to a small limit.
 * On PostgreSQL the pg_trgm indexes serve the LIKE itself: no word here.
 */
#ifndef CCS_SVC_IND_WORDS_H
#define CCS_SVC_IND_WORDS_H

#include <stddef.h>

#include "store/store.h"
#include "svc/keyset.h"

/** The index patterns of q's words, by the word's place in q. */
struct ccs_ind_words {
	char	*pat[CCS_KEYSET_WORDS];	/* "%word%", or NULL: scanned */
};

/** Fills @p w for @p q (NULL or blank: nothing) on @p db.
 * @return CCS_OK or an error of the store (then nothing is set). */
int	ccs_ind_words_plan(struct ccs_db *db, const char *q,
	    struct ccs_ind_words *w /* OUT */);

/** Frees the patterns of @p w. */
void	ccs_ind_words_free(struct ccs_ind_words *w);

/** Appends " AND <vid> IN (values the index finds)" for each word of
 * @p w, binding its pattern in @p params. */
int	ccs_ind_words_where(const struct ccs_ind_words *w, const char *vid,
	    struct ccs_buf *sql, struct ccs_val *params, size_t *np,
	    size_t cap);

#endif
