/*
 * cursor.h: the TAXII `next` cursor: stateless, so paging survives a
 * restart and any number of servers sharing the database and key. It
 * holds the (date_added, entry id) of the last object served and a MAC
 * over them and the query it belongs to (collection, view, filters,
 * reader), keyed from the installation key: a cursor that was changed,
 * or that belongs to another query, does not verify.
 */
#ifndef CCS_SVC_TAXII_CURSOR_H
#define CCS_SVC_TAXII_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/crypto.h"

#define CCS_TAXII_QHASH_LEN	16	/* bytes of a query hash */
#define CCS_TAXII_CURSOR_LEN	64	/* text, NUL included */

/** Hashes the canonical text of a query (@p n bytes) into @p qh. */
void	ccs_taxii_query_hash(const char *canon, size_t n,
	    unsigned char qh[CCS_TAXII_QHASH_LEN] /* OUT */);

/** Writes the cursor after (@p date, @p seq) for query @p qh. */
void	ccs_taxii_cursor_make(const unsigned char key[CCS_SECRET_KEY_LEN],
	    const unsigned char qh[CCS_TAXII_QHASH_LEN], int64_t date,
	    int64_t seq, char out[CCS_TAXII_CURSOR_LEN] /* OUT */);

/** Reads cursor @p in of query @p qh. @return false when it does not
 * verify (changed, truncated, made for another query or key) */
bool	ccs_taxii_cursor_read(const unsigned char key[CCS_SECRET_KEY_LEN],
	    const unsigned char qh[CCS_TAXII_QHASH_LEN], const char *in,
	    int64_t *date /* OUT */, int64_t *seq /* OUT */);

#endif
