/*
 * reader_sets.h: the reader keys of markings (core/tlp_keys.h) kept as
 * reader sets (migration 0031), so a query keeps only the rows a
 * principal may read with an index instead of asking core/tlp.c row by
 * row, and counts them without reading them.
 *
 * Markings whose keys are the same share one set (reader_sets, keyed by
 * the SHA-256 of the sorted keys; reader_set_keys lists each set's keys).
 * A marking's set is found or made with the marking (marking.c) and kept
 * in markings.reader_set; reader_set_counts holds, per kind of record and
 * set, how many records there are (kept by triggers). All three are
 * derived: rebuilt from the markings on the first open after the
 * migration and after a restore.
 */
#ifndef CCS_SVC_READER_SETS_H
#define CCS_SVC_READER_SETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/policy.h"
#include "core/tlp_keys.h"
#include "store/store.h"
#include "util/buf.h"

/** The set of marking @p m's keys, made if it is new (inside the
 * caller's write transaction). Keys are sorted, so the order in which
 * a marking lists its states or recipients does not matter. */
int	ccs_reader_set_of(struct ccs_db *db, const struct ccs_marking *m,
	    int64_t *set_id /* OUT */);

/** Recomputes every set, every marking's set and the counts (inside the
 * caller's write transaction). */
int	ccs_reader_sets_rebuild(struct ccs_db *db);

/**
 * Rebuilds when migration 0031 or a restore asked for it (meta row
 * markings.reader_sets), in its own write transaction; *done says
 * whether it did.
 */
int	ccs_reader_sets_backfill(struct ccs_db *db, bool *done /* OUT */);

/* A principal's keys, bound as query parameters (kept alive by the
 * caller until the query has run). */
struct ccs_reader_keys {
	char	key[CCS_TLP_PRINCIPAL_KEYS][CCS_TLP_KEY_MAX + 1];
	size_t	n;
};

/** Fills @p out with the keys of @p p. */
void	ccs_reader_keys_of(const struct ccs_principal *p,
	    struct ccs_reader_keys *out /* OUT */);

/**
 * Appends " AND <col> IN (SELECT set_id FROM reader_set_keys WHERE
 * reader IN (...))" to @p sql, binding @p k's keys after the @p *np
 * parameters already in @p v (room for @p cap). @p col is the query's
 * markings.reader_set column ("m.reader_set").
 * @return CCS_OK, CCS_ETOOBIG (no room), CCS_ENOMEM
 */
int	ccs_reader_sets_where(const struct ccs_reader_keys *k,
	    const char *col, struct ccs_buf *sql, struct ccs_val *v,
	    size_t *np /* IN/OUT */, size_t cap);

/** The opposite clause: " AND NOT (<col> IN (...))", the rows @p k may
 * not read (a NULL set, not yet computed, is neither). */
int	ccs_reader_sets_where_not(const struct ccs_reader_keys *k,
	    const char *col, struct ccs_buf *sql, struct ccs_val *v,
	    size_t *np /* IN/OUT */, size_t cap);

/** How many records of @p kind ("incident") @p k may read, from the
 * counts alone. */
int	ccs_reader_sets_count(struct ccs_db *db,
	    const struct ccs_reader_keys *k, const char *kind,
	    int64_t *n /* OUT */);

#endif
