/*
 * policy.h: who may do what. Every handler and every CLI command asks this
 * module; no other code decides access. Pure: no I/O, no clock.
 */
#ifndef CCS_POLICY_H
#define CCS_POLICY_H

#include <stdbool.h>
#include <stdint.h>

enum ccs_role {
	CCS_ROLE_ANONYMOUS = 0,	/* not signed in (the public) */
	CCS_ROLE_ADMIN,		/* platform administrator */
	CCS_ROLE_COORDINATOR,	/* CARICOM IMPACS coordinator */
	CCS_ROLE_RIFC_ANALYST,	/* Regional Intelligence Fusion Centre analyst */
	CCS_ROLE_NCPOC,		/* National Cyber Point of Contact */
	CCS_ROLE_CERT,		/* national CERT staff */
	CCS_ROLE_STEERING,	/* Steering Committee member */
	CCS_ROLE_PARTNER	/* partner agency */
};

/** The signed-in party of a request or command. */
struct ccs_principal {
	enum ccs_role	 role;		/* ANONYMOUS when not signed in */
	int64_t		 user_id;	/* 0 for anonymous and system */
	char		 login[64];	/* for the audit trail */
	char		 state[3];	/* ISO code of the state scope, "" if none */
	int64_t		 org_id;	/* organisation of the user, 0 if none */
	bool		 system;	/* the CLI acting as the operator */
};

enum ccs_action {
	CCS_ACT_DIRECTORY_PUBLIC = 0,	/* states and bodies */
	CCS_ACT_CONTACT_READ,		/* contact details */
	CCS_ACT_CONTACT_WRITE,		/* create, change, remove contacts */
	CCS_ACT_ORG_READ_ALL,		/* every organisation incl. national */
	CCS_ACT_ORG_WRITE,		/* create organisations */
	CCS_ACT_USER_ADMIN,		/* manage accounts */
	CCS_ACT_AUDIT_READ,		/* read the audit trail */
	CCS_ACT_SELF,			/* one's own account (TOTP, session) */
	CCS_ACT_GAPS_READ,		/* framework, status records, gaps */
	CCS_ACT_ASSESS_SUBMIT,		/* submit a status record */
	CCS_ACT_ASSESS_VALIDATE,	/* validate or reject a record */
	CCS_ACT_FRAMEWORK_PUBLISH,	/* publish a framework version */
	CCS_ACT_EVIDENCE_READ,		/* download evidence of a state */
	CCS_ACT_SHARE_REPORT,		/* report incidents and indicators */
	CCS_ACT_CLUSTERS_READ,		/* cross-state clusters (RIFC) */
	CCS_ACT_CLAIM_SUBMIT,		/* claim a constituency for a state */
	CCS_ACT_CLAIM_DECIDE,		/* approve or reject claims */
	CCS_ACT_SHARE_WRITE,		/* create lessons and RFIs */
	CCS_ACT_ADVISORY_SEND,		/* send an advisory */
	CCS_ACT_ADVISORY_ACK,		/* acknowledge for one's state */
	CCS_ACT_COMMUNITY_ADMIN		/* create sharing communities */
};

/**
 * Decides whether @p p may perform @p act on a record of state
 * @p record_state (ISO code, or NULL/"" for a regional record).
 * @return CCS_OK, CCS_EAUTH when signing in would be needed, CCS_EPERM when
 * the principal is known but not allowed.
 */
int	ccs_policy_check(const struct ccs_principal *p, enum ccs_action act,
	    const char *record_state);

/** Role from its API name ("ncpoc"...); CCS_ROLE_ANONYMOUS if unknown. */
enum ccs_role ccs_role_parse(const char *name);
/** API name of @p role; static. */
const char *ccs_role_name(enum ccs_role role);
/** True when @p role must carry a state scope (ncpoc, cert). */
bool	ccs_role_needs_state(enum ccs_role role);
/** True when @p role must sign in with a TOTP code (admin). */
bool	ccs_role_needs_totp(enum ccs_role role);

#endif
