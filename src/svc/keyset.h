/*
 * keyset.h: keyset paging shared by every list (issue 11 item 2, the list
 * contract in docs/internals/LISTS.md). A list declares the columns it
 * may be sorted by; a request picks one, an order, a page size and
 * perhaps a cursor. The cursor is opaque to clients: the sort value and
 * id of the row it continues from, the direction, and a MAC keyed from
 * the installation key over those and a hash of the query (list, sort,
 * order, filters, reader), so a cursor that was changed or that belongs
 * to another query does not verify. Never OFFSET: every ORDER BY ends
 * on the id, and a page starts strictly after (or before) its cursor.
 */
#ifndef CCS_SVC_KEYSET_H
#define CCS_SVC_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/fail.h"

#define CCS_KEYSET_LIMIT_DEFAULT 50	/* rows of a page without limit= */
#define CCS_KEYSET_LIMIT_MAX	200	/* most rows of one page */
#define CCS_KEYSET_TEXT_MAX	2048	/* bytes of a text sort value */
#define CCS_KEYSET_CURSOR_MAX	2816	/* cursor text, NUL included */
#define CCS_KEYSET_NPARAMS	2	/* parameters ccs_keyset_where adds */
#define CCS_KEYSET_WORDS	8	/* words of a q= filter */
#define CCS_KEYSET_Q_MAX	200	/* bytes of a q= filter */

/** The type of a sort column's value. */
enum ccs_keyset_kind {
	CCS_KEYSET_INT = 0,	/* 64-bit integer (ids, unix times) */
	CCS_KEYSET_TEXT		/* text, compared by the database */
};

/** One column a list may be sorted by. */
struct ccs_keyset_col {
	const char		*name;	/* sort= name; the row member too */
	const char		*expr;	/* SQL expression, never NULL */
	enum ccs_keyset_kind	 kind;	/* type of its value */
	bool			 desc;	/* default order is descending */
};

struct ccs_keyset;

/**
 * A new paging state for a list sorted by @p cols (the first is the
 * default sort) with @p id_expr as the tie-breaker (an integer column,
 * "v.id"). @p cols and @p id_expr are borrowed for the life of the state.
 * Rows the list returns must carry each sort value under the column's
 * name and the id under "id".
 * @return CCS_OK, CCS_EINVAL (no columns), CCS_ENOMEM
 */
int	ccs_keyset_new(const struct ccs_keyset_col *cols, size_t ncols,
	    const char *id_expr, struct ccs_keyset **out /* OUT */);
/**
 * A new state for the same list, sort and order as @p ks, at its first
 * row, @p limit rows a page (1..CCS_KEYSET_LIMIT_MAX), with no cursor
 * and no key: for reading a whole list (CSV), never for a reply.
 */
int	ccs_keyset_restart(const struct ccs_keyset *ks, int64_t limit,
	    struct ccs_keyset **out /* OUT */);
/** Frees @p ks (NULL is a no-op) and wipes its key. */
void	ccs_keyset_free(struct ccs_keyset *ks);

/**
 * Sets the page size from the request text @p limit (NULL: the default).
 * @return CCS_OK or CCS_EINVAL with code "invalid_limit"
 */
int	ccs_keyset_limit(struct ccs_keyset *ks, const char *limit,
	    struct ccs_fail *f);
/**
 * Sets the sort from the request texts @p sort and @p order ("asc" or
 * "desc"; NULL: the column's default). The message of "invalid_sort"
 * names the allowed columns.
 * @return CCS_OK, CCS_EINVAL ("invalid_sort", "invalid_order")
 */
int	ccs_keyset_sort(struct ccs_keyset *ks, const char *sort,
	    const char *order, struct ccs_fail *f);
/**
 * Folds one part of the query (a filter, the list's name, the reader)
 * into the hash a cursor is bound to; NULL @p value differs from "".
 * Call before ccs_keyset_cursor, in the same order for every request.
 */
void	ccs_keyset_bind(struct ccs_keyset *ks, const char *name,
	    const char *value);
/** ccs_keyset_bind() of an integer. */
void	ccs_keyset_bind_int(struct ccs_keyset *ks, const char *name,
	    int64_t value);
/**
 * Reads the request's cursor (NULL or "": the first page) with the
 * installation @p key, which is kept to sign the cursors of the reply.
 * Call after ccs_keyset_sort and every ccs_keyset_bind.
 * @return CCS_OK or CCS_EINVAL with code "invalid_cursor"
 */
int	ccs_keyset_cursor(struct ccs_keyset *ks,
	    const unsigned char key[CCS_SECRET_KEY_LEN], const char *cursor,
	    struct ccs_fail *f);

/**
 * Appends " AND (<after the cursor>)" to @p sql when there is a cursor
 * (nothing otherwise), with its values as parameters after the @p *np
 * already in @p params (room for @p cap). The values are borrowed from
 * @p ks. @return CCS_OK, CCS_ETOOBIG (no room), CCS_ENOMEM
 */
int	ccs_keyset_where(const struct ccs_keyset *ks, struct ccs_buf *sql,
	    struct ccs_val *params, size_t *np /* IN/OUT */, size_t cap);
/**
 * Appends " ORDER BY <expr> <dir>, <id> <dir>"; reversed while reading a
 * previous page (ccs_keyset_reply puts the rows back in order).
 */
int	ccs_keyset_order(const struct ccs_keyset *ks, struct ccs_buf *sql);
/**
 * ccs_keyset_where() and ccs_keyset_order() on @p expr and @p id_expr
 * instead of the column's and the list's, for a list whose query reads
 * its sort value from another table than its declaration names. The
 * condition also bounds @p expr alone, so that an index on it is entered
 * at the cursor rather than read from its start.
 */
int	ccs_keyset_where_on(const struct ccs_keyset *ks, const char *expr,
	    const char *id_expr, struct ccs_buf *sql, struct ccs_val *params,
	    size_t *np /* IN/OUT */, size_t cap);
int	ccs_keyset_order_on(const struct ccs_keyset *ks, const char *expr,
	    const char *id_expr, struct ccs_buf *sql);
/**
 * The position of the request's cursor, for a list that writes its own
 * condition (search: ranks of several sources): false on the first page;
 * else its integer sort value, its id, and whether it reads backwards
 * (a previous page).
 */
bool	ccs_keyset_at(const struct ccs_keyset *ks, int64_t *ival /* OUT */,
	    int64_t *id /* OUT */, bool *back /* OUT */);
/** Rows to read for one page: the limit and one more, to know whether
 * another page follows. */
int64_t	ccs_keyset_fetch(const struct ccs_keyset *ks);
/** The page size. */
int64_t	ccs_keyset_page_size(const struct ccs_keyset *ks);
/** The sort column chosen. */
const struct ccs_keyset_col *ccs_keyset_column(const struct ccs_keyset *ks);
/** True when the chosen order is descending. */
bool	ccs_keyset_desc(const struct ccs_keyset *ks);

/**
 * Appends " AND (...)" so that every word of @p q (up to
 * CCS_KEYSET_WORDS, split on spaces) occurs, case-insensitively, inside
 * at least one of the @p ncols SQL text expressions @p cols (LIKE with
 * '%' and '_' escaped; both backends). Nothing when @p q has no word.
 * The patterns are kept in @p ks and bound as parameters after @p *np.
 * @return CCS_OK, CCS_EINVAL (more than CCS_KEYSET_WORDS words),
 *         CCS_ETOOBIG (no room in @p params), CCS_ENOMEM
 */
int	ccs_keyset_words(struct ccs_keyset *ks, struct ccs_buf *sql,
	    const char *q, const char *const *cols, size_t ncols,
	    struct ccs_val *params, size_t *np /* IN/OUT */, size_t cap);

/** Frees the patterns of earlier ccs_keyset_words() calls once their
 * query has run, so that a second query of the request can bind the
 * words again. */
void	ccs_keyset_words_free(struct ccs_keyset *ks);

/**
 * The reply of a page, {"items", "count" (rows on this page), "total",
 * "next_cursor", "prev_cursor"},
 * from @p rows (stolen; at most ccs_keyset_fetch() rows in the order of
 * ccs_keyset_order) and the count of every row the reader may read.
 * @return CCS_OK, CCS_EINVAL (a row lacks its sort value or id),
 *         CCS_ETOOBIG (a text sort value over CCS_KEYSET_TEXT_MAX),
 *         CCS_ENOMEM
 */
int	ccs_keyset_reply(struct ccs_keyset *ks, json_t *rows, int64_t total,
	    json_t **out /* OUT */);
/**
 * For lists filtered in C (the TLP policy), where SQL can neither count
 * nor limit: sorts @p all (every row the reader may read, each with its
 * sort value and "id"; null counts as 0 or "") in place by the chosen
 * column and order, text by its bytes, ties by id, and picks the page
 * at the cursor as ccs_keyset_reply expects it. The total is the size
 * of @p all.
 * @param page OUT: new array of at most ccs_keyset_fetch() rows
 * @return CCS_OK, CCS_EINVAL (a row without an integer id), CCS_ENOMEM
 */
int	ccs_keyset_page_array(const struct ccs_keyset *ks, json_t *all,
	    json_t **page /* OUT */);
/**
 * Moves the position to just after @p row (forward), for a caller that
 * reads the whole list page by page (CSV).
 * @return CCS_OK, CCS_EINVAL, CCS_ETOOBIG as ccs_keyset_reply
 */
int	ccs_keyset_advance(struct ccs_keyset *ks, const json_t *row);

/** Reads one page at @p ks's position into *rows (a new array, at most
 * ccs_keyset_fetch() rows in order); non-zero stops the collection. */
typedef int (*ccs_keyset_page_fn)(void *arg, struct ccs_keyset *ks,
    json_t **rows /* OUT */);

/**
 * Every row of a list whose pages @p fn reads in SQL, in the sort and
 * order of the request's @p req, from the first row, 200 rows a page
 * (keyset_collect.c). For a CSV: more than @p max rows is CCS_ETOOBIG,
 * never a list cut short.
 * @param out OUT: new array of every row
 * @return CCS_OK, CCS_ETOOBIG, CCS_ENOMEM, or @p fn's error
 */
int	ccs_keyset_collect(const struct ccs_keyset *req, size_t max,
	    ccs_keyset_page_fn fn, void *arg, json_t **out /* OUT */);

#endif
