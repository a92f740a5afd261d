/*
 * state_cache.h: rendered replies of GET /api/v1/states/{code}, kept per
 * state and per "may read contacts", valid while the directory's version
 * in the database (migration 0034) is the one they were read under.
 */
#ifndef CCS_SVC_DIRECTORY_STATE_CACHE_H
#define CCS_SVC_DIRECTORY_STATE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

struct ccs_dir_cache;

/**
 * A new, empty cache (thread-safe), or NULL without memory.
 * Returns new, caller frees with ccs_dir_cache_free.
 */
struct ccs_dir_cache *ccs_dir_cache_new(void);
/** Frees the cache and every reply in it; NULL is a no-op. */
void	ccs_dir_cache_free(struct ccs_dir_cache *c);

/**
 * The directory's version: changes whenever a state, contact or
 * organisation row does (triggers of migration 0034), in any server.
 */
int	ccs_dir_version(struct ccs_db *db, int64_t *out /* OUT */);

/**
 * A copy of the reply kept for (@p code, @p contacts) if it was read
 * under @p version. @p out is new (caller frees with free()).
 * @return CCS_OK, CCS_ENOTFOUND (none, or stale), CCS_ENOMEM
 */
int	ccs_dir_cache_get(struct ccs_dir_cache *c, const char *code,
	    bool contacts, int64_t version, char **out /* OUT */,
	    size_t *len /* OUT */);
/**
 * Keeps a copy of @p len bytes at @p body as the reply for (@p code,
 * @p contacts) read under @p version, replacing the one kept.
 * @return CCS_OK, CCS_EINVAL (not a state code), CCS_ENOMEM
 */
int	ccs_dir_cache_put(struct ccs_dir_cache *c, const char *code,
	    bool contacts, int64_t version, const char *body, size_t len);

/**
 * GET /api/v1/states/{code} as compact JSON text: ccs_dir_state's reply
 * for @p p, from @p c when the directory has not changed since it was
 * kept there (@p c may be NULL: always rendered). The token or session
 * was checked by the caller in @p db's transaction.
 * @param out OUT: new, caller frees with free()
 * @return CCS_OK, or ccs_dir_state's errors in @p f
 */
int	ccs_dir_state_text(struct ccs_db *db, struct ccs_dir_cache *c,
	    const struct ccs_principal *p, const char *code,
	    char **out /* OUT */, size_t *len /* OUT */, struct ccs_fail *f);

#endif
