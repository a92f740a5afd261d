/*
 * recipients.h: the people a TLP:RED record (an incident, a lesson, an
 * advisory) may name as its recipients, found by name or organisation
 * for the form's picker, so authors choose people instead of typing
 * sign-in names. The rule is the marking's (svc/sharing/marking.c): every
 * active account may be named; disabled ones may not.
 */
#ifndef CCS_SVC_RECIPIENTS_H
#define CCS_SVC_RECIPIENTS_H

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/keyset.h"
#include "util/fail.h"

/* The sort columns of the list (the first is the default). */
extern const struct ccs_keyset_col ccs_recipient_cols[];
extern const size_t ccs_recipient_ncols;

/**
 * One page of the accounts @p p may name as recipients, other than
 * @p p, whose name, organisation or login holds every word of @p q (NULL:
 * all), paged by @p ks. @p p must be allowed to write shared records.
 * *@p out: {items: [{id, login, name, organisation, state, role}],
 * total, next_cursor, prev_cursor} (new).
 * @return CCS_OK; CCS_EPERM / CCS_EAUTH; CCS_EINVAL "invalid_query"; a
 *     store error
 */
int	ccs_recipient_search(struct ccs_db *db, const struct ccs_principal *p,
	    struct ccs_keyset *ks, const char *q, json_t **out /* OUT */,
	    struct ccs_fail *f);

#endif
