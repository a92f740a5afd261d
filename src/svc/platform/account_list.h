/*
 * account_list.h: the accounts as a contract list for administrators
 * (svc/listq.h; answered by http/listq.h).
 */
#ifndef CCS_SVC_PLATFORM_ACCOUNT_LIST_H
#define CCS_SVC_PLATFORM_ACCOUNT_LIST_H

#include <stdint.h>

#include "core/policy.h"
#include "svc/keyset.h"
#include "svc/listq.h"
#include "util/fail.h"

/** Sorts login (default), display_name, role, state_code, status
 * (active, disabled), created_at; ?q= over login, name, role and
 * state; from/to on the day made. Rows carry no secret. */
extern const struct ccs_listq_def ccs_user_list_def;

/**
 * The accounts of @p role, @p state and @p status ("active",
 * "disabled") when given (NULL: any), for an administrator.
 * @return CCS_OK with *out; CCS_EPERM (forbidden); CCS_EINVAL
 *     (invalid_role, invalid_state_code, invalid_status, invalid_query,
 *     invalid_date)
 */
int	ccs_user_query(const struct ccs_principal *p, const char *role,
	    const char *state, const char *status, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

#endif
