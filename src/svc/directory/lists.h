/*
 * lists.h: the directory's lists under the list contract: contacts and
 * organisations (svc/listq.h, answered by http/listq.h) and the states
 * (21 rows sorted and cut in C, with a total, cursors and CSV).
 */
#ifndef CCS_SVC_DIRECTORY_LISTS_H
#define CCS_SVC_DIRECTORY_LISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "svc/listq.h"
#include "util/fail.h"

/** Contacts: sorts name (default), state, role, organisation,
 * updated_at; from/to on the last change. */
extern const struct ccs_listq_def ccs_dir_contact_list_def;
/** Organisations: sorts name (default), kind, acronym, state,
 * updated_at; from/to on the last change. */
extern const struct ccs_listq_def ccs_dir_org_list_def;
/** States: sorts sort_name (default), name, code, status and the three
 * contact counts. */
extern const struct ccs_keyset_col ccs_dir_state_cols[];
extern const size_t ccs_dir_state_ncols;

/**
 * The contacts @p p may read (contact_read), of @p state and @p role
 * when given (NULL: any).
 * @return CCS_OK with *out; CCS_EAUTH, CCS_EPERM; CCS_EINVAL
 *     (invalid_state_code, invalid_role, invalid_query, invalid_date)
 */
int	ccs_dir_contact_query(const struct ccs_principal *p,
	    const char *state, const char *role, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

/**
 * The organisations @p p may read (the public: regional and
 * international ones only), of @p kind and @p state when given.
 * @return CCS_OK with *out; CCS_EINVAL (invalid_kind,
 *     invalid_state_code, invalid_query, invalid_date)
 */
int	ccs_dir_org_query(const struct ccs_principal *p, const char *kind,
	    const char *state, struct ccs_keyset *ks, const char *q,
	    int64_t from, int64_t to, struct ccs_listq **out /* OUT */,
	    struct ccs_fail *f);

/**
 * Every state matching @p q (and, with @p only_gaps, fewer than two
 * NCPOCs: members only), with the contact counts and "ncpoc_gap" for
 * members; the page of @p ks ({"items", "count", "total",
 * "next_cursor", "prev_cursor"}) or, with @p whole, every row in order.
 * @return CCS_OK; CCS_EAUTH (gaps for the public); CCS_EINVAL
 *     (invalid_query)
 */
int	ccs_dir_state_list(struct ccs_db *db, const struct ccs_principal *p,
	    bool only_gaps, struct ccs_keyset *ks, const char *q, bool whole,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
