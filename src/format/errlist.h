/*
 * errlist.h: a bounded list of (path, message) errors found in one import
 * document, so a user sees every problem at once ("objects[3].valid_until:
 * must be later than valid_from", "line 7.value: ..."). Shared by the
 * STIX checker, the MISP reader and the indicator CSV reader.
 */
#ifndef CCS_ERRLIST_H
#define CCS_ERRLIST_H

#include <stddef.h>

#define CCS_ERRLIST_DEFAULT	100	/* errors kept when cap is 0 */
#define CCS_ERRLIST_MAX		10000	/* largest cap accepted */

struct ccs_errlist;

/**
 * Returns a new, empty list that keeps the first @p cap errors (0 means
 * CCS_ERRLIST_DEFAULT) and only counts the rest. Free with
 * ccs_errlist_free.
 * @return the list, or NULL when out of memory or @p cap is above
 *     CCS_ERRLIST_MAX
 */
struct ccs_errlist *ccs_errlist_new(size_t cap);
/** Frees @p l; NULL is a no-op. */
void	ccs_errlist_free(struct ccs_errlist *l);
/** Forgets every error (the list can be reused). */
void	ccs_errlist_clear(struct ccs_errlist *l);

/**
 * Adds one error. @p path may be NULL or "" (the document itself). A
 * message longer than 255 bytes is cut and ends in "...".
 * @return CCS_OK (also when the list is full: the error is then only
 *     counted), or CCS_ENOMEM
 */
int	ccs_errlist_add(struct ccs_errlist *l, const char *path,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** Errors kept (at most the cap). */
size_t	ccs_errlist_count(const struct ccs_errlist *l);
/** Errors found, kept or not. */
size_t	ccs_errlist_total(const struct ccs_errlist *l);
/** Path of error @p i ("" for the document); borrowed from @p l, NULL
 * past the end. */
const char *ccs_errlist_path(const struct ccs_errlist *l, size_t i);
/** Message of error @p i; borrowed from @p l, NULL past the end. */
const char *ccs_errlist_message(const struct ccs_errlist *l, size_t i);

#endif
