/*
 * policy.c: the access rules of ccscap, in one place.
 *
 * A state-scoped principal (an NCPOC or CERT user, or any user given a
 * state) writes only records of its own state and never regional ones.
 * Regional roles (admin, coordinator) write anywhere. Reading contact details
 * needs any signed-in member; the public sees states and bodies only.
 *
 * Minimum standards: any member reads the framework and the gap analysis
 * (the RCC shares it); NCPOC and CERT users submit status records for their
 * own state, RIFC analysts and coordinators for any; only RIFC analysts and
 * coordinators validate (never their own submission: checked by the
 * service, which knows the author); coordinators and admins publish
 * framework versions. Evidence files are read by regional roles and by the
 * users of the state they concern; partners do not read evidence.
 *
 * Information sharing: NCPOC and CERT users report incidents and
 * indicators for their own state, RIFC analysts and coordinators for any;
 * who READS a shared record is core/tlp.c's decision, never this file's.
 * Cross-state clusters are the RIFC analysts'. NCPOC and CERT users claim
 * constituencies (ccTLD, domains, networks, ASNs) for their own state and
 * coordinators for any; coordinators approve or reject claims.
 *
 * Information sharing (who may READ a shared record is core/tlp.c, not
 * this file): NCPOC, CERT, RIFC analysts and coordinators write lessons
 * and requests for information (state roles as their own state);
 * advisories are sent by the RIFC (regionally) and by CERT users (as their
 * own state); NCPOC and CERT users acknowledge for their own state;
 * coordinators and administrators without a state manage sharing
 * communities. Administrators, the Steering Committee and partners do not
 * author shared records: a platform role is not an operational one.
 */
#include <string.h>

#include "core/policy.h"
#include "util/err.h"

static const char *const role_names[] = {
	"anonymous", "admin", "coordinator", "rifc_analyst", "ncpoc", "cert",
	"steering", "partner"
};

enum ccs_role
ccs_role_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return CCS_ROLE_ANONYMOUS;
	for (i = 1; i < sizeof(role_names) / sizeof(role_names[0]); i++) {
		if (strcmp(role_names[i], name) == 0)
			return (enum ccs_role)i;
	}
	return CCS_ROLE_ANONYMOUS;
}

const char *
ccs_role_name(enum ccs_role role)
{
	if ((size_t)role >= sizeof(role_names) / sizeof(role_names[0]))
		return "anonymous";
	return role_names[role];
}

bool
ccs_role_needs_state(enum ccs_role role)
{
	return role == CCS_ROLE_NCPOC || role == CCS_ROLE_CERT;
}

bool
ccs_role_needs_totp(enum ccs_role role)
{
	return role == CCS_ROLE_ADMIN;
}

static bool
in_scope(const struct ccs_principal *p, const char *record_state)
{
	/* A state role without a state is in scope nowhere. */
	if (p->state[0] == '\0')
		return !ccs_role_needs_state(p->role);
	if (record_state == NULL || record_state[0] == '\0')
		return false;
	return strcmp(p->state, record_state) == 0;
}

int
ccs_policy_check(const struct ccs_principal *p, enum ccs_action act,
    const char *record_state)
{
	bool signed_in = p != NULL && (p->system ||
	    p->role != CCS_ROLE_ANONYMOUS);

	if (act == CCS_ACT_DIRECTORY_PUBLIC)
		return CCS_OK;
	if (!signed_in)
		return CCS_EAUTH;
	if (p->system)
		return CCS_OK;
	switch (act) {
	case CCS_ACT_CONTACT_READ:
	case CCS_ACT_ORG_READ_ALL:
	case CCS_ACT_SELF:
		return CCS_OK;
	case CCS_ACT_CONTACT_WRITE:
	case CCS_ACT_ORG_WRITE:
		if (!in_scope(p, record_state))
			return CCS_EPERM;
		switch (p->role) {
		case CCS_ROLE_ADMIN:
		case CCS_ROLE_COORDINATOR:
		case CCS_ROLE_NCPOC:
		case CCS_ROLE_CERT:
			return CCS_OK;
		default:
			return CCS_EPERM;
		}
	case CCS_ACT_GAPS_READ:
		return CCS_OK;
	case CCS_ACT_ASSESS_SUBMIT:
		if (!in_scope(p, record_state))
			return CCS_EPERM;
		switch (p->role) {
		case CCS_ROLE_ADMIN:
		case CCS_ROLE_COORDINATOR:
		case CCS_ROLE_RIFC_ANALYST:
		case CCS_ROLE_NCPOC:
		case CCS_ROLE_CERT:
			return CCS_OK;
		default:
			return CCS_EPERM;
		}
	case CCS_ACT_ASSESS_VALIDATE:
		return (p->role == CCS_ROLE_RIFC_ANALYST ||
		    p->role == CCS_ROLE_COORDINATOR) && p->state[0] == '\0' ?
		    CCS_OK : CCS_EPERM;
	case CCS_ACT_FRAMEWORK_PUBLISH:
		return (p->role == CCS_ROLE_COORDINATOR ||
		    p->role == CCS_ROLE_ADMIN) && p->state[0] == '\0' ?
		    CCS_OK : CCS_EPERM;
	case CCS_ACT_EVIDENCE_READ:
		if (p->role == CCS_ROLE_PARTNER)
			return CCS_EPERM;
		return in_scope(p, record_state) ? CCS_OK : CCS_EPERM;
	case CCS_ACT_SHARE_REPORT:
	case CCS_ACT_SHARE_WRITE:
	case CCS_ACT_CLAIM_SUBMIT:
		if (!in_scope(p, record_state))
			return CCS_EPERM;
		switch (p->role) {
		case CCS_ROLE_COORDINATOR:
		case CCS_ROLE_NCPOC:
		case CCS_ROLE_CERT:
			return CCS_OK;
		case CCS_ROLE_RIFC_ANALYST:
			return act == CCS_ACT_CLAIM_SUBMIT ? CCS_EPERM : CCS_OK;
		default:
			return CCS_EPERM;
		}
	case CCS_ACT_CLUSTERS_READ:
		return p->role == CCS_ROLE_RIFC_ANALYST && p->state[0] == '\0' ?
		    CCS_OK : CCS_EPERM;
	case CCS_ACT_CLAIM_DECIDE:
		return p->role == CCS_ROLE_COORDINATOR && p->state[0] == '\0' ?
		    CCS_OK : CCS_EPERM;
	case CCS_ACT_ADVISORY_SEND:
		if (p->role == CCS_ROLE_RIFC_ANALYST && p->state[0] == '\0')
			return CCS_OK;
		return p->role == CCS_ROLE_CERT && in_scope(p, record_state) ?
		    CCS_OK : CCS_EPERM;
	case CCS_ACT_ADVISORY_ACK:
		return (p->role == CCS_ROLE_NCPOC || p->role == CCS_ROLE_CERT) &&
		    p->state[0] != '\0' && in_scope(p, record_state) ?
		    CCS_OK : CCS_EPERM;
	case CCS_ACT_COMMUNITY_ADMIN:
		return (p->role == CCS_ROLE_COORDINATOR ||
		    p->role == CCS_ROLE_ADMIN) && p->state[0] == '\0' ?
		    CCS_OK : CCS_EPERM;
	case CCS_ACT_USER_ADMIN:
		return p->role == CCS_ROLE_ADMIN && p->state[0] == '\0' ?
		    CCS_OK : CCS_EPERM;
	case CCS_ACT_AUDIT_READ:
		return (p->role == CCS_ROLE_ADMIN ||
		    p->role == CCS_ROLE_COORDINATOR) && p->state[0] == '\0' ?
		    CCS_OK : CCS_EPERM;
	default:
		return CCS_EPERM;
	}
}
