/*
 * account_list.c: the accounts as a contract list (svc/listq.h) for
 * administrators: sorted by login (the default), name, role, state,
 * status or creation; filtered by role, state, status, words and the day
 * made; CSV without a secret (no password hash or one-time code secret
 * is ever selected).
 */
#include "core/validate.h"
#include "core/vocab.h"
#include "svc/platform/account_list.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

#define STATUS "CASE WHEN u.disabled <> 0 THEN 'disabled' ELSE 'active' END"

static const struct ccs_keyset_col cols[] = {
	{ "login", "u.login", CCS_KEYSET_TEXT, false },
	{ "display_name", "u.display_name", CCS_KEYSET_TEXT, false },
	{ "role", "u.role", CCS_KEYSET_TEXT, false },
	{ "state_code", "COALESCE(u.state_code, '')", CCS_KEYSET_TEXT, false },
	{ "status", STATUS, CCS_KEYSET_TEXT, false },
	{ "created_at", "u.created_at", CCS_KEYSET_INT, true },
};

static const char *const text[] = {
	"u.login", "u.display_name", "u.role", "u.state_code",
};

static const struct ccs_listq_csvcol csv[] = {
	{ "id", "id", false }, { "login", "login", false },
	{ "display_name", "display_name", false }, { "role", "role", false },
	{ "state", "state_code", false }, { "status", "status", false },
	{ "one_time_code", "totp_enabled", false },
	{ "created_at", "created_at", true },
};

const struct ccs_listq_def ccs_user_list_def = {
	.name = "users",
	.select = "SELECT u.id, u.login, u.display_name, u.role, "
	    "u.state_code, u.totp_enabled, u.disabled, " STATUS " AS status, "
	    "u.created_at",
	.from = "FROM users u WHERE 1 = 1",
	.cols = cols, .ncols = sizeof(cols) / sizeof(cols[0]),
	.id_expr = "u.id", .text = text,
	.ntext = sizeof(text) / sizeof(text[0]),
	.date_expr = "u.created_at", .date_kind = CCS_LISTQ_UNIX,
	.csv = csv, .ncsv = sizeof(csv) / sizeof(csv[0]),
};

int
ccs_user_query(const struct ccs_principal *p, const char *role,
    const char *state, const char *status, struct ccs_keyset *ks,
    const char *q, int64_t from, int64_t to, struct ccs_listq **out,
    struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	size_t n;
	int rc;

	*out = NULL;
	if (ccs_policy_check(p, CCS_ACT_USER_ADMIN, NULL) != CCS_OK)
		return ccs_fail(f, CCS_EPERM, "forbidden", "only an "
		    "administrator may list accounts");
	if (role != NULL && !ccs_vocab_has(&ccs_user_roles, role))
		return ccs_fail(f, CCS_EINVAL, "invalid_role", "role must be a "
		    "role such as ncpoc or coordinator");
	if (state != NULL && !ccs_valid_iso2(state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code",
		    "state must be a two-letter ISO 3166 code such as JM");
	if (status != NULL && !ccs_streq(status, "active") &&
	    !ccs_streq(status, "disabled"))
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be active or disabled");
	rc = ccs_listq_new(&ccs_user_list_def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	ccs_listq_eq(lq, "u.role", CCS_VTEXT(role));
	ccs_listq_eq(lq, "u.state_code", CCS_VTEXT(state));
	if (status != NULL) {
		n = ccs_listq_param(lq, CCS_VTEXT(status));
		ccs_listq_where(lq, " AND " STATUS " = $%zu", n);
	}
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}
