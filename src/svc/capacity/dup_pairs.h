/*
 * dup_pairs.h: the candidate duplicate pairs of every live initiative
 * (not cancelled, not merged into another), found by a sweep over the
 * dates inside each place and scored by core/capacity/rules.c. The rule
 * and its plain SQL equivalent are in docs/internals/CAPACITY.md.
 */
#ifndef CCS_SVC_DUP_PAIRS_H
#define CCS_SVC_DUP_PAIRS_H

#include <stddef.h>
#include <stdint.h>

#include "core/capacity/rules.h"
#include "store/store.h"

/** One live initiative as loaded; all members owned by the set. */
struct ccs_dup_entry {
	struct ccs_dup_item	 d;		/* what the score reads */
	char			*ident;		/* iati_identifier */
	char			*title;
	char			*start;		/* effective start or NULL */
	char			*end;		/* effective end or NULL */
	char			**words;	/* ccs_dup_words() */
	char			**states;	/* recipient codes */
	char			**needs;	/* need refs */
	int64_t			*lineages;	/* standard lineages */
	int64_t			*impl;		/* implementing org ids */
	size_t			 cap[4];	/* allocated lengths */
	uint64_t		 sig[4];	/* one bit per word hash */
	unsigned char		*wbit;		/* each word's bit in sig */
};

/** A candidate: indexes of both entries (a has the lower id). */
struct ccs_dup_cand {
	size_t		a;
	size_t		b;
	struct ccs_dup	d;		/* score, reasons */
};

struct ccs_dup_set;

/**
 * Loads the live initiatives and the decided pairs of @p db.
 * @param out OUT: new, free with ccs_dup_set_free
 */
int	ccs_dup_set_load(struct ccs_db *db, struct ccs_dup_set **out);

/**
 * As ccs_dup_set_load, only the live initiatives whose ids the subquery
 * @p ids_sql (with parameters @p v) returns, and the decisions between
 * them. @p ids_sql is SQL text of this program, never input.
 */
int	ccs_dup_set_load_ids(struct ccs_db *db, const char *ids_sql,
	    const struct ccs_val *v, size_t nv, struct ccs_dup_set **out);

/** The number of initiatives loaded. */
size_t	ccs_dup_set_count(const struct ccs_dup_set *s);

/** The entry of initiative @p id, NULL if not loaded; borrowed. */
const struct ccs_dup_entry *ccs_dup_set_find(const struct ccs_dup_set *s,
	    int64_t id);
void	ccs_dup_set_free(struct ccs_dup_set *s);

/** Entry @p i of @p s (0 <= i < count); borrowed. */
const struct ccs_dup_entry *ccs_dup_set_entry(const struct ccs_dup_set *s,
	    size_t i);

/**
 * Every undecided candidate pair of @p s, highest score first, then by
 * the ids of a and b.
 * @param out OUT: new array, caller frees with free()
 */
int	ccs_dup_set_pairs(struct ccs_dup_set *s, struct ccs_dup_cand **out,
	    size_t *n /* OUT */);

/**
 * The undecided candidate pairs of @p s that initiative @p id is one of,
 * in no order: it is scored against every other initiative loaded (the
 * caller loads those sharing a place and dates). None when @p id is not
 * loaded (cancelled or merged).
 * @param out OUT: new array, caller frees with free()
 */
int	ccs_dup_set_pairs_of(struct ccs_dup_set *s, int64_t id,
	    struct ccs_dup_cand **out, size_t *n /* OUT */);

#endif
