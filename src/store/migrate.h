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

/**
 * Names of the tables, in dependency order (parents first), NULL-ended:
 * what backup writes and restore reads. A table the migrations create
 * belongs here or in ccs_migrate_unsaved_tables; the store test
 * test_backup_tables fails, on both backends, on a table in neither.
 */
extern const char *const ccs_migrate_tables[];

/**
 * Tables the migrations create that backups leave out on purpose, because
 * they are rebuilt from other data (see migrate.c for each reason);
 * NULL-ended. A backend may lack some of them (SQLite's full-text index).
 */
extern const char *const ccs_migrate_unsaved_tables[];

#endif
