/*
 * backup.h: backend-neutral backup and restore of a whole ccscap database as
 * one JSON document, used by "ccscap backup FILE" and "ccscap restore FILE".
 * A backup taken from SQLite restores into PostgreSQL and the other way
 * round.
 *
 * Format:
 *   {"format":"ccscap-backup","schema_version":N,"created_at":UNIX,
 *    "tables":{"states":{"columns":["code",...],"rows":[["KE",...],...]},
 *              ...}}
 * with every table of ccs_migrate_tables, parents first; integers as JSON
 * integers, NULL as null, everything else as strings.
 */
#ifndef CCS_BACKUP_H
#define CCS_BACKUP_H

#include <stddef.h>
#include <stdio.h>

#include "store/store.h"

/**
 * Largest single value (or row) ccs_backup_restore accepts: the file
 * itself may be of any size, it is read as a stream.
 */
#define CCS_BACKUP_VALUE_MAX	((size_t)64 << 20)

/**
 * Writes a backup of every table to @p out, all read inside one read
 * transaction so the tables are consistent with each other. Rows are
 * streamed one at a time, so memory use does not grow with the database.
 * @param db a connection not inside a transaction (borrowed)
 * @param out stream to write to (borrowed; flushed, not closed). On error
 * it holds a partial document: the caller should remove the file.
 * @param errmsg buffer for a reason on failure (may be NULL)
 * @return CCS_OK; CCS_EIO when writing failed; CCS_EINVAL when a value
 * cannot be encoded (not UTF-8); a database error otherwise.
 */
int	ccs_backup_write(struct ccs_db *db, FILE *out, char *errmsg,
	    size_t errlen);

/**
 * Restores a backup read from @p in into a freshly migrated database that
 * holds no user data yet (no states, no users), in one write transaction:
 * on any error nothing is written. The file is read as a stream, row by
 * row (restore.c), so memory does not grow with it. Rows the migrations
 * seeded are replaced by the file's. The file must have the same schema
 * version as the database, its tables in the order backup writes them,
 * and only tables and columns that exist in the live schema.
 * @param db a connection not inside a transaction (borrowed)
 * @param in stream to read (borrowed; read to its end, not closed)
 * @param errmsg buffer for a reason on failure, starting with the byte
 * offset where reading stopped ("at byte N, table T, row index R: ...")
 * (may be NULL)
 * @return CCS_OK; CCS_ECONFLICT when the database already holds data;
 * CCS_ETOOBIG for one value over CCS_BACKUP_VALUE_MAX; CCS_EINVAL for a
 * malformed, cut short or mismatched file (another schema version);
 * CCS_EIO when reading failed; or the database error of the failing row
 * (CCS_ECONFLICT, CCS_EREF, CCS_EINVAL, CCS_EDB).
 */
int	ccs_backup_restore(struct ccs_db *db, FILE *in, char *errmsg,
	    size_t errlen);

#endif
