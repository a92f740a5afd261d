/* migrate.h: versioned schema migrations, applied in order, each atomically. */
#ifndef CCS_MIGRATE_H
#define CCS_MIGRATE_H

#include "store/store.h"

/**
 * Brings the schema of @p db up to date. Each migration runs in its own
 * transaction together with the version bump. @p db must not be in a
 * transaction.
 * @param applied OUT: how many migrations ran (may be NULL)
 * @return CCS_OK, or an error with the failing migration named in @p errmsg.
 */
int	ccs_migrate(struct ccs_db *db, int *applied /* OUT */, char *errmsg,
	    size_t errlen);

/** Current schema version (0 for an empty database). */
int	ccs_migrate_version(struct ccs_db *db, int64_t *version /* OUT */);

/** Highest version this build knows. */
int	ccs_migrate_latest(void);

/** Names of the tables, in dependency order (parents first), NULL-ended. */
extern const char *const ccs_migrate_tables[];

#endif
