/*
 * backup_cat.h: the catalog helpers shared by backup.c and restore.c;
 * private to src/store/.
 */
#ifndef CCS_STORE_BACKUP_CAT_H
#define CCS_STORE_BACKUP_CAT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

#define MAX_COLS	64	/* as in the backends */
#define NAME_MAX_LEN	63	/* PostgreSQL's identifier limit */
#define SQL_MAX		8192	/* generated statements stay far below */
#define FORMAT_NAME	"ccscap-backup"

struct ccs_buf;

/** Column names of one table, in catalog order. */
struct ccs_bk_colset {
	char	*names[MAX_COLS];	/* owned */
	size_t	 n;			/* number of names */
};

/** Self-referencing foreign keys of one table, as column indexes. */
struct ccs_bk_selfref {
	size_t	 from[MAX_COLS];	/* referencing column */
	size_t	 to[MAX_COLS];		/* referenced (unique) column */
	size_t	 n;			/* number of pairs */
};

/** Formats a reason into @p errmsg (may be NULL); a long one ends "...". */
void	ccs_bk_say(char *errmsg, size_t errlen, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/** True for a name that may be quoted into SQL: [a-z0-9_]{1,63}. */
bool	ccs_bk_name_ok(const char *s);
/** True for a table of ccs_migrate_tables. */
bool	ccs_bk_known_table(const char *name);
bool	ccs_bk_is_postgres(struct ccs_db *db);
/** Frees the names of @p c and empties it. */
void	ccs_bk_colset_free(struct ccs_bk_colset *c);
/**
 * Reads the live column names of @p table into @p out (empty when the
 * table does not exist); free with ccs_bk_colset_free.
 */
int	ccs_bk_live_columns(struct ccs_db *db, const char *table,
	    struct ccs_bk_colset *out /* OUT */);
/** True when @p name is in @p c; its index goes to *idx (may be NULL). */
bool	ccs_bk_colset_find(const struct ccs_bk_colset *c, const char *name,
	    size_t *idx /* OUT */);
/**
 * The single-column foreign keys of @p table that point at @p table
 * itself, as indexes into @p cols.
 */
int	ccs_bk_self_references(struct ccs_db *db, const char *table,
	    const struct ccs_bk_colset *cols, struct ccs_bk_selfref *out);
/** Appends "a", "b", ... (names already checked by ccs_bk_name_ok). */
int	ccs_bk_add_names(struct ccs_buf *b, const struct ccs_bk_colset *cols);

#endif
