/*
 * listq.h: the SQL half of the list contract (docs/internals/LISTS.md)
 * for lists the database can filter and count itself (no TLP policy in
 * C): one WHERE clause built from the list's filters, its policy
 * clauses, q and from/to, shared by the total, the keyset page and the
 * whole list as CSV (read page by page). A list declares a struct
 * ccs_listq_def once; the handler reads the query with
 * ccs_listq_or_reply (http/listq.h), the service adds its filters.
 */
#ifndef CCS_SVC_LISTQ_H
#define CCS_SVC_LISTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "util/buf.h"
#include "util/fail.h"

#define CCS_LISTQ_PARAMS	32	/* SQL parameters of one query */

/** How the list's main date is stored. */
enum ccs_listq_date {
	CCS_LISTQ_NODATE = 0,	/* the list has no date: from/to refused */
	CCS_LISTQ_UNIX,		/* integer unix seconds */
	CCS_LISTQ_DAY		/* text starting YYYY-MM-DD */
};

/** One CSV column: its header and the member of the row it shows;
 * @p unix_time writes an integer as 2026-11-01T09:30:00Z. */
struct ccs_listq_csvcol {
	const char	*header;
	const char	*member;
	bool		 unix_time;
};

/** A list, declared once (every pointer static). */
struct ccs_listq_def {
	const char		*name;		/* bound into its cursors */
	const char		*select;	/* "SELECT ... " column list */
	const char		*from;		/* "FROM ... WHERE 1 = 1" */
	const struct ccs_keyset_col *cols;	/* sorts, default first */
	size_t			 ncols;
	const char		*id_expr;	/* tie-breaker, "a.id" */
	const char *const	*text;		/* ?q= searches these (text) */
	size_t			 ntext;
	const char		*date_expr;	/* ?from=/?to= compare this */
	enum ccs_listq_date	 date_kind;
	const struct ccs_listq_csvcol *csv;	/* CSV columns */
	size_t			 ncsv;
	/* or NULL: the SQL of the total when nothing filters the list (no
	 * clause added), a count kept with the rows rather than COUNT(*) */
	const char		*total_all;
	void			(*decorate)(json_t *row); /* or NULL */
	/* or NULL: replaces each row by the full record of its id (new),
	 * keeping the row's members it lacks (the sort values) */
	int			(*load)(struct ccs_db *db, int64_t id,
				    json_t **out);
};

struct ccs_listq;

/**
 * New query of @p def (borrowed) paged by @p ks (borrowed: the request's,
 * sort, page size and cursor already read); free with ccs_listq_free.
 * @return CCS_OK or CCS_ENOMEM
 */
int	ccs_listq_new(const struct ccs_listq_def *def, struct ccs_keyset *ks,
	    struct ccs_listq **out /* OUT */);
/** Frees @p lq (not its keyset); NULL is a no-op. */
void	ccs_listq_free(struct ccs_listq *lq);

/**
 * Adds a parameter for a clause; @p v's text is borrowed until the query
 * is freed. @return its number ($n), 0 when there is no room (the query
 * then fails with CCS_ETOOBIG).
 */
size_t	ccs_listq_param(struct ccs_listq *lq, struct ccs_val v);
/** ccs_listq_param() of a copy of @p s, kept with the query. */
size_t	ccs_listq_param_copy(struct ccs_listq *lq, const char *s);
/** After decorate, @p fn(row, copy of @p arg) on every row read (a
 * rule of the request, such as today's date for "overdue"). */
void	ccs_listq_present(struct ccs_listq *lq,
	    void (*fn)(json_t *row, const char *arg), const char *arg);
/**
 * @p fn(db, rows, @p arg) on every page of rows as it is shown: the
 * page's items (after the cut) and each block of the CSV. A list whose
 * every read is audited records the ids it shows here; an error fails
 * the page or the CSV. @p fn may add members to the rows (never change
 * a sort value). @p arg is borrowed until the query is freed.
 */
void	ccs_listq_shown(struct ccs_listq *lq,
	    int (*fn)(struct ccs_db *db, json_t *rows, void *arg),
	    void *arg);
/**
 * After present, @p fn(db, row, @p ctx) on every row read: a rule of
 * the reader that SQL cannot hold (a link shown only to who may follow
 * it). @p ctx is borrowed; an error of @p fn fails the page or CSV.
 */
void	ccs_listq_each(struct ccs_listq *lq,
	    int (*fn)(struct ccs_db *db, json_t *row, const void *ctx),
	    const void *ctx);
/** Appends @p fmt (" AND ...", printf-style, parameters as $%zu) to
 * the WHERE clause. An error is kept for the page or CSV. */
void	ccs_listq_where(struct ccs_listq *lq, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/** " AND <expr> = $n" with @p v, unless @p v is NULL or NULL text. */
void	ccs_listq_eq(struct ccs_listq *lq, const char *expr, struct ccs_val v);
/**
 * The contract's own filters: every word of @p q inside one of the
 * list's text expressions; the main date in [@p from, @p to) (unix
 * seconds, 0: open). @return CCS_OK, CCS_EINVAL "invalid_query" (too
 * many words, or a list without text) or "invalid_date" (a list without
 * a date)
 */
int	ccs_listq_filters(struct ccs_listq *lq, const char *q, int64_t from,
	    int64_t to, struct ccs_fail *f);

/** One page: {"items", "total", "next_cursor", "prev_cursor"}; new. */
int	ccs_listq_page(struct ccs_db *db, struct ccs_listq *lq,
	    json_t **out /* OUT */, struct ccs_fail *f);
/**
 * The whole list in the chosen sort (from its first row, whatever the
 * cursor), as CSV appended to @p out (its max bounds the size), a header
 * line first. @return CCS_OK, CCS_ETOOBIG ("export_too_large")
 */
int	ccs_listq_csv(struct ccs_db *db, struct ccs_listq *lq,
	    struct ccs_buf *out, struct ccs_fail *f);

#endif
