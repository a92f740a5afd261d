/*
 * policy.h: who may do what. Every handler and every CLI command asks this
 * module; no other code decides access. Pure: no I/O, no clock.
 */
#ifndef CCS_POLICY_H
#define CCS_POLICY_H

#include <stdbool.h>
#include <stddef.h>
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
	CCS_ACT_COMMUNITY_ADMIN,	/* create sharing communities */
	CCS_ACT_CAPACITY_READ,		/* needs, initiatives, trainings... */
	CCS_ACT_INITIATIVE_WRITE,	/* create and edit initiatives */
	CCS_ACT_INITIATIVE_WRITE_ALL,	/* ... of any organisation */
	CCS_ACT_NEED_EDIT,		/* edit the needs catalogue */
	CCS_ACT_DUPLICATE_DECIDE,	/* decide on duplicate candidates */
	CCS_ACT_RATE_WRITE,		/* record exchange rates */
	CCS_ACT_TRAINING_WRITE,		/* write trainings and campaigns */
	CCS_ACT_PROPOSAL_DECIDE,	/* read and decide proposals */
	CCS_ACT_TIMELINE_WRITE,		/* milestones and adoption date */
	CCS_ACT_FUNDER_INTEREST_WRITE,	/* a funder's areas of interest */
	/* monitoring: meetings, recommendations, plan versions */
	CCS_ACT_MONITORING_READ,	/* meetings, recommendations, plan */
	CCS_ACT_MEETING_WRITE,		/* record meetings, recommendations */
	CCS_ACT_RECOMMENDATION_PROGRESS,	/* report progress (owners) */
	CCS_ACT_PLAN_WRITE,		/* plan versions and evaluations */
	/* monitoring: reports (branch mon-reports) */
	CCS_ACT_REPORT_CONSLE,		/* make a CONSLE brief */
	CCS_ACT_REPORT_STEERING,	/* make a Steering Committee report */
	CCS_ACT_REPORT_INTEL,		/* make a Heads of Intelligence one */
	CCS_ACT_REPORT_DONORS,		/* make a donors' workbook */
	CCS_ACT_REPORT_RCC,		/* make a state's RCC report */
	CCS_ACT_REPORT_READ,		/* read stored reports */
	CCS_ACT_REPORT_READ_INTEL,	/* ... of the TLP:AMBER audience */
	CCS_ACT_PROGRESS_PUBLISH,	/* turn the public progress page on */
	CCS_ACT_PUBLIC_REPORT_READ,	/* open a public report (routed) */
	/* public report triage */
	CCS_ACT_REPORT_TRIAGE,		/* triage public reports */
	/* legal harmonisation tracker */
	CCS_ACT_LEGAL_READ,		/* legal tracker: instruments, matrix */
	CCS_ACT_LEGAL_WRITE,		/* instruments and treaty tracks */
	/* 24/7 preservation requests (evidence24) */
	CCS_ACT_PRESERVATION_READ,	/* open a preservation request */
	CCS_ACT_PRESERVATION_WRITE,	/* make or answer one for a state */
	/* forensics: pooled labs and chain of custody */
	CCS_ACT_LAB_READ,		/* labs, tools, examiners, queue size */
	CCS_ACT_LAB_WRITE,		/* create labs, tools, examiners */
	CCS_ACT_FORENSIC_REQUEST,	/* ask a lab for help (a state's) */
	CCS_ACT_CUSTODY_READ,		/* a state's evidence and custody */
	/* cyber crisis management */
	CCS_ACT_CRISIS_READ,		/* a state's crises (RIFC: escalated) */
	CCS_ACT_CRISIS_WRITE,		/* declare, log, team, tasks, review */
	CCS_ACT_CRISIS_TEMPLATE_WRITE	/* a state's plan and protocol */
};

/** Number of actions (the last one + 1); new actions go before this use. */
#define CCS_ACT_COUNT	((size_t)CCS_ACT_CRISIS_TEMPLATE_WRITE + 1)
/** Number of roles, anonymous included. */
#define CCS_ROLE_COUNT	((size_t)CCS_ROLE_PARTNER + 1)
/** The bit of @p r in a rule's role set. */
#define CCS_ROLE_BIT(r)	(1u << (unsigned)(r))

/**
 * Where a rule lets its roles act, relative to the state scope of the
 * principal and the state of the record (NULL or "" for a regional one).
 */
enum ccs_scope {
	CCS_SCOPE_ANY = 0,	/* any record, with or without a state */
	CCS_SCOPE_STATE,	/* a principal with a state: that state's records;
				   without one: any record, except that a role
				   that needs a state (ncpoc, cert) has none */
	CCS_SCOPE_OWN_STATE,	/* only a principal with a state, and only
				   that state's records */
	CCS_SCOPE_REGIONAL	/* only a principal without a state, on any
				   record */
};

/**
 * One row of the access policy: @c roles may do @c act within @c scope.
 * An action may have several rows (each role set with its own scope); it
 * is allowed when any row allows it, and refused otherwise.
 */
struct ccs_policy_rule {
	enum ccs_action	 act;	/* the action */
	unsigned	 roles;	/* CCS_ROLE_BIT() of each role allowed */
	enum ccs_scope	 scope;	/* where those roles may do it */
};

/**
 * Decides whether @p p may perform @p act on a record of state
 * @p record_state (ISO code, or NULL/"" for a regional record).
 * @return CCS_OK, CCS_EAUTH when signing in would be needed, CCS_EPERM when
 * the principal is known but not allowed.
 */
int	ccs_policy_check(const struct ccs_principal *p, enum ccs_action act,
	    const char *record_state);

/**
 * The rule table that ccs_policy_check applies, for tests and for the
 * generated documentation (docs/internals/POLICY-MATRIX.md).
 * @param n OUT: number of rules
 * @return borrowed, static
 */
const struct ccs_policy_rule *ccs_policy_rules(size_t *n /* OUT */);

/**
 * Decides one rule for a principal of @p role with state scope
 * @p principal_state ("" for none) and a record of @p record_state.
 * @return true when @p scope holds (the role is not checked here)
 */
bool	ccs_scope_holds(enum ccs_scope scope, enum ccs_role role,
	    const char *principal_state, const char *record_state);

/** Stable name of @p act ("contact_write"...), NULL if unknown; static. */
const char *ccs_action_name(enum ccs_action act);
/** One-line description of @p act, NULL if unknown; static. */
const char *ccs_action_summary(enum ccs_action act);

/** Role from its API name ("ncpoc"...); CCS_ROLE_ANONYMOUS if unknown. */
enum ccs_role ccs_role_parse(const char *name);
/** API name of @p role; static. */
const char *ccs_role_name(enum ccs_role role);
/** True when @p role must carry a state scope (ncpoc, cert). */
bool	ccs_role_needs_state(enum ccs_role role);
/** True when @p role must sign in with a TOTP code (admin). */
bool	ccs_role_needs_totp(enum ccs_role role);

#endif
