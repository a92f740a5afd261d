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
 *
 * Capacity building: initiatives, needs, coverage and funding are not
 * shared under TLP; every member reads them. Partners create and edit
 * initiatives in which their own organisation holds a role (the service
 * checks the organisation, which this table cannot hold); coordinators
 * edit every initiative and the needs catalogue, decide on duplicate
 * candidates and record exchange rates. Every member also reads
 * trainings, awareness campaigns and the plan's timeline; coordinators
 * write any training or campaign,
 * partners those their own organisation organises or delivers (the
 * organisation is checked by svc/capacity/, which knows the record);
 * RIFC analysts read and decide the status updates that completed work
 * proposes; coordinators keep the timeline.
 *
 * Monitoring and review: every member reads meetings, recommendations,
 * plan versions and evaluations (the minutes of a meeting may carry a TLP
 * marking, which core/tlp.c decides). Coordinators and RIFC analysts
 * (regionally) and the Steering Committee record meetings and their
 * recommendations and keep the plan's versions and evaluations. Progress
 * on a recommendation is reported by those writers and by NCPOC, CERT
 * and partner users for the recommendations their own state or
 * organisation owns (the owner is checked by svc/monitoring/, which
 * knows the record).
 *
 * Monitoring reports: who makes a report depends on its audience (the
 * CONSLE brief: coordinators and the Steering Committee; the Steering
 * Committee report: also RIFC analysts; the TLP:AMBER Heads of
 * Intelligence and FIUs report: only coordinators and RIFC analysts, the
 * regional roles that read AMBER incident statistics; the donors'
 * workbook: coordinators; a state's RCC report: regional coordinators and
 * analysts, or that state's NCPOC). Stored reports are read by members
 * other than partners (national roles: their own state's only), the AMBER
 * ones by coordinators and analysts, the donors' workbook by every member
 * (capacity_read). The Steering Committee or a coordinator turns the
 * public progress page on.
 *
 * Public report triage: a report from the public is opened
 * (public_report_read) and triaged (report_triage) by the NCPOC and CERT
 * users of a state it is routed to (the service checks the routes, one
 * call per routed state) and by RIFC analysts for every state; nobody
 * else, not even coordinators or administrators, reads what a citizen
 * wrote. Converting a report also needs share_report.
 *
 * Legal harmonisation: every member reads the tracker (national law and
 * treaty status are public facts); coordinators without a state write
 * any state's instruments and treaty track, and a state's NCPOC (and a
 * coordinator given a state) that state's only.
 *
 * 24/7 preservation requests: the platform has no law-enforcement role;
 * a state's NCPOC account stands for its law-enforcement 24/7 point of
 * contact. A request is opened (preservation_read) by the NCPOCs of the
 * two states it concerns, requesting and requested (the service checks
 * one call per state), and by RIFC analysts; nobody else, not even
 * coordinators, administrators or the state's CERT, sees it. Only those
 * NCPOCs write it, each for its own side of the request (the service
 * knows which move belongs to which side).
 *
 * Forensic labs: every member reads the pooled labs, their tools,
 * examiners and queue size; coordinators create labs for any owner, a
 * state's NCPOC for that state (lab staff, the users of the lab's
 * organisation, add tools and examiners: checked by svc/forensics/,
 * which knows the lab). A state's NCPOC and CERT users ask a lab for
 * help for their own state; the lab's staff move the request. Evidence
 * items and their custody log are read by the owning state's NCPOC and
 * CERT users (custody_read) and by RIFC analysts, and besides them only
 * by the item's holder and the staff of the lab working it (the
 * service's check, which knows both); anyone else gets 404.
 */
#include <string.h>

#include "core/policy.h"
#include "util/err.h"

#define ROLES_MEMBERS	(CCS_ROLE_BIT(CCS_ROLE_ADMIN) | \
	CCS_ROLE_BIT(CCS_ROLE_COORDINATOR) | \
	CCS_ROLE_BIT(CCS_ROLE_RIFC_ANALYST) | CCS_ROLE_BIT(CCS_ROLE_NCPOC) | \
	CCS_ROLE_BIT(CCS_ROLE_CERT) | CCS_ROLE_BIT(CCS_ROLE_STEERING) | \
	CCS_ROLE_BIT(CCS_ROLE_PARTNER))
#define ROLES_ALL	(ROLES_MEMBERS | CCS_ROLE_BIT(CCS_ROLE_ANONYMOUS))
#define ADMIN		CCS_ROLE_BIT(CCS_ROLE_ADMIN)
#define COORD		CCS_ROLE_BIT(CCS_ROLE_COORDINATOR)
#define RIFC		CCS_ROLE_BIT(CCS_ROLE_RIFC_ANALYST)
#define NCPOC		CCS_ROLE_BIT(CCS_ROLE_NCPOC)
#define CERT		CCS_ROLE_BIT(CCS_ROLE_CERT)
#define PARTNER		CCS_ROLE_BIT(CCS_ROLE_PARTNER)
#define STEERING	CCS_ROLE_BIT(CCS_ROLE_STEERING)

/* Who may do what: read with the paragraphs above. */
static const struct ccs_policy_rule rules[] = {
	/* the directory */
	{ CCS_ACT_DIRECTORY_PUBLIC, ROLES_ALL, CCS_SCOPE_ANY },
	{ CCS_ACT_CONTACT_READ, ROLES_MEMBERS, CCS_SCOPE_ANY },
	{ CCS_ACT_CONTACT_WRITE, ADMIN | COORD | NCPOC | CERT,
	    CCS_SCOPE_STATE },
	{ CCS_ACT_ORG_READ_ALL, ROLES_MEMBERS, CCS_SCOPE_ANY },
	{ CCS_ACT_ORG_WRITE, ADMIN | COORD | NCPOC | CERT, CCS_SCOPE_STATE },
	/* the platform */
	{ CCS_ACT_USER_ADMIN, ADMIN, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_AUDIT_READ, ADMIN | COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_SELF, ROLES_MEMBERS, CCS_SCOPE_ANY },
	/* minimum standards */
	{ CCS_ACT_GAPS_READ, ROLES_MEMBERS, CCS_SCOPE_ANY },
	{ CCS_ACT_ASSESS_SUBMIT, ADMIN | COORD | RIFC | NCPOC | CERT,
	    CCS_SCOPE_STATE },
	{ CCS_ACT_ASSESS_VALIDATE, RIFC | COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_FRAMEWORK_PUBLISH, COORD | ADMIN, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_EVIDENCE_READ, ROLES_MEMBERS & ~PARTNER, CCS_SCOPE_STATE },
	/* information sharing */
	{ CCS_ACT_SHARE_REPORT, COORD | RIFC | NCPOC | CERT, CCS_SCOPE_STATE },
	{ CCS_ACT_CLUSTERS_READ, RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_CLAIM_SUBMIT, COORD | NCPOC | CERT, CCS_SCOPE_STATE },
	{ CCS_ACT_CLAIM_DECIDE, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_SHARE_WRITE, COORD | RIFC | NCPOC | CERT, CCS_SCOPE_STATE },
	{ CCS_ACT_ADVISORY_SEND, RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_ADVISORY_SEND, CERT, CCS_SCOPE_STATE },
	{ CCS_ACT_ADVISORY_ACK, NCPOC | CERT, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_COMMUNITY_ADMIN, COORD | ADMIN, CCS_SCOPE_REGIONAL },
	/* capacity building */
	{ CCS_ACT_CAPACITY_READ, ROLES_MEMBERS, CCS_SCOPE_ANY },
	{ CCS_ACT_INITIATIVE_WRITE, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_INITIATIVE_WRITE, PARTNER, CCS_SCOPE_ANY },
	{ CCS_ACT_INITIATIVE_WRITE_ALL, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_NEED_EDIT, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_DUPLICATE_DECIDE, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_RATE_WRITE, COORD, CCS_SCOPE_REGIONAL },
	/* capacity building: trainings, campaigns, proposals, timeline */
	{ CCS_ACT_TRAINING_WRITE, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_TRAINING_WRITE, PARTNER, CCS_SCOPE_ANY },
	{ CCS_ACT_PROPOSAL_DECIDE, RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_TIMELINE_WRITE, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_FUNDER_INTEREST_WRITE, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_FUNDER_INTEREST_WRITE, PARTNER, CCS_SCOPE_ANY },
	/* monitoring: meetings, recommendations, plan versions */
	{ CCS_ACT_MONITORING_READ, ROLES_MEMBERS, CCS_SCOPE_ANY },
	{ CCS_ACT_MEETING_WRITE, COORD | RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_MEETING_WRITE, STEERING, CCS_SCOPE_ANY },
	{ CCS_ACT_RECOMMENDATION_PROGRESS, COORD | RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_RECOMMENDATION_PROGRESS, STEERING | NCPOC | CERT | PARTNER,
	    CCS_SCOPE_ANY },
	{ CCS_ACT_PLAN_WRITE, COORD | RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_PLAN_WRITE, STEERING, CCS_SCOPE_ANY },
	/* monitoring: reports and the public progress page */
	{ CCS_ACT_REPORT_CONSLE, COORD | STEERING, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_REPORT_STEERING, COORD | RIFC | STEERING,
	    CCS_SCOPE_REGIONAL },
	{ CCS_ACT_REPORT_INTEL, COORD | RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_REPORT_DONORS, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_REPORT_RCC, COORD | RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_REPORT_RCC, NCPOC, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_REPORT_READ, ROLES_MEMBERS & ~PARTNER, CCS_SCOPE_STATE },
	{ CCS_ACT_REPORT_READ_INTEL, COORD | RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_PROGRESS_PUBLISH, STEERING | COORD,
	    CCS_SCOPE_REGIONAL },
	/* public reports: the routed state's team, and the RIFC */
	{ CCS_ACT_PUBLIC_REPORT_READ, NCPOC | CERT, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_PUBLIC_REPORT_READ, RIFC, CCS_SCOPE_REGIONAL },
	/* public report triage */
	{ CCS_ACT_REPORT_TRIAGE, NCPOC | CERT, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_REPORT_TRIAGE, RIFC, CCS_SCOPE_REGIONAL },
	/* legal harmonisation tracker */
	{ CCS_ACT_LEGAL_READ, ROLES_MEMBERS, CCS_SCOPE_ANY },
	{ CCS_ACT_LEGAL_WRITE, COORD | NCPOC, CCS_SCOPE_STATE },
	/* 24/7 preservation requests: the two states' NCPOCs, the RIFC */
	{ CCS_ACT_PRESERVATION_READ, NCPOC, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_PRESERVATION_READ, RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_PRESERVATION_WRITE, NCPOC, CCS_SCOPE_OWN_STATE },
	/* forensics: pooled labs and chain of custody */
	{ CCS_ACT_LAB_READ, ROLES_MEMBERS, CCS_SCOPE_ANY },
	{ CCS_ACT_LAB_WRITE, COORD, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_LAB_WRITE, NCPOC, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_FORENSIC_REQUEST, NCPOC | CERT, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_CUSTODY_READ, NCPOC | CERT, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_CUSTODY_READ, RIFC, CCS_SCOPE_REGIONAL },
	/* cyber crisis management */
	{ CCS_ACT_CRISIS_READ, NCPOC | CERT, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_CRISIS_READ, RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_CRISIS_WRITE, NCPOC | CERT, CCS_SCOPE_OWN_STATE },
	{ CCS_ACT_CRISIS_WRITE, RIFC, CCS_SCOPE_REGIONAL },
	{ CCS_ACT_CRISIS_TEMPLATE_WRITE, NCPOC | CERT, CCS_SCOPE_OWN_STATE },
};

/* Names and summaries of the actions, indexed by enum ccs_action. */
static const struct {
	const char	*name;		/* stable, for docs and messages */
	const char	*summary;	/* one line, for docs */
} actions[CCS_ACT_COUNT] = {
	[CCS_ACT_DIRECTORY_PUBLIC] = { "directory_public",
	    "read states and regional bodies" },
	[CCS_ACT_CONTACT_READ] = { "contact_read", "read contact details" },
	[CCS_ACT_CONTACT_WRITE] = { "contact_write",
	    "create, change and remove contacts" },
	[CCS_ACT_ORG_READ_ALL] = { "org_read_all",
	    "read every organisation, national ones included" },
	[CCS_ACT_ORG_WRITE] = { "org_write", "create organisations" },
	[CCS_ACT_USER_ADMIN] = { "user_admin", "manage accounts" },
	[CCS_ACT_AUDIT_READ] = { "audit_read", "read the audit trail" },
	[CCS_ACT_SELF] = { "self",
	    "one's own account (one-time codes, session)" },
	[CCS_ACT_GAPS_READ] = { "gaps_read",
	    "read the framework, status records and gaps" },
	[CCS_ACT_ASSESS_SUBMIT] = { "assess_submit",
	    "submit a status record" },
	[CCS_ACT_ASSESS_VALIDATE] = { "assess_validate",
	    "validate or reject a status record (never one's own)" },
	[CCS_ACT_FRAMEWORK_PUBLISH] = { "framework_publish",
	    "publish a framework version" },
	[CCS_ACT_EVIDENCE_READ] = { "evidence_read",
	    "download a state's evidence files" },
	[CCS_ACT_SHARE_REPORT] = { "share_report",
	    "report incidents and indicators" },
	[CCS_ACT_CLUSTERS_READ] = { "clusters_read",
	    "read cross-state clusters" },
	[CCS_ACT_CLAIM_SUBMIT] = { "claim_submit",
	    "claim a constituency for a state" },
	[CCS_ACT_CLAIM_DECIDE] = { "claim_decide",
	    "approve or reject constituency claims" },
	[CCS_ACT_SHARE_WRITE] = { "share_write",
	    "write lessons and requests for information" },
	[CCS_ACT_ADVISORY_SEND] = { "advisory_send", "send an advisory" },
	[CCS_ACT_ADVISORY_ACK] = { "advisory_ack",
	    "acknowledge an advisory for one's state" },
	[CCS_ACT_COMMUNITY_ADMIN] = { "community_admin",
	    "create sharing communities" },
	[CCS_ACT_CAPACITY_READ] = { "capacity_read",
	    "read needs, initiatives, coverage, funding, trainings, "
	    "campaigns and the timeline" },
	[CCS_ACT_INITIATIVE_WRITE] = { "initiative_write",
	    "create and edit initiatives (partners: their organisation's)" },
	[CCS_ACT_INITIATIVE_WRITE_ALL] = { "initiative_write_all",
	    "edit any organisation's initiatives" },
	[CCS_ACT_NEED_EDIT] = { "need_edit", "edit the needs catalogue" },
	[CCS_ACT_DUPLICATE_DECIDE] = { "duplicate_decide",
	    "decide on duplicate initiative candidates" },
	[CCS_ACT_RATE_WRITE] = { "rate_write", "record exchange rates" },
	[CCS_ACT_TRAINING_WRITE] = { "training_write",
	    "write trainings and campaigns (partners: their organisation's)" },
	[CCS_ACT_PROPOSAL_DECIDE] = { "proposal_decide",
	    "read and decide the status updates completed work proposes" },
	[CCS_ACT_TIMELINE_WRITE] = { "timeline_write",
	    "set the adoption date and update milestones" },
	[CCS_ACT_FUNDER_INTEREST_WRITE] = { "funder_interest_write",
	    "record funders' areas of interest (partners: their own)" },
	/* monitoring: meetings, recommendations, plan versions */
	[CCS_ACT_MONITORING_READ] = { "monitoring_read",
	    "read meetings, recommendations, plan versions, evaluations" },
	[CCS_ACT_MEETING_WRITE] = { "meeting_write",
	    "record meetings and their recommendations" },
	[CCS_ACT_RECOMMENDATION_PROGRESS] = { "recommendation_progress",
	    "report progress on a recommendation (owners: their own)" },
	[CCS_ACT_PLAN_WRITE] = { "plan_write",
	    "derive plan versions, change items, evaluate a version" },
	[CCS_ACT_REPORT_CONSLE] = { "report_consle",
	    "make the two-page CONSLE brief" },
	[CCS_ACT_REPORT_STEERING] = { "report_steering",
	    "make the Steering Committee report" },
	[CCS_ACT_REPORT_INTEL] = { "report_intel",
	    "make the TLP:AMBER Heads of Intelligence and FIUs report" },
	[CCS_ACT_REPORT_DONORS] = { "report_donors",
	    "make the donors' workbook of unfunded needs" },
	[CCS_ACT_REPORT_RCC] = { "report_rcc",
	    "make a state's RCC periodic report (NCPOCs: their state's)" },
	[CCS_ACT_REPORT_READ] = { "report_read",
	    "read stored CONSLE, Steering Committee and RCC reports "
	    "(national roles: their state's RCC reports)" },
	[CCS_ACT_REPORT_READ_INTEL] = { "report_read_intel",
	    "read stored Heads of Intelligence and FIUs reports" },
	[CCS_ACT_PROGRESS_PUBLISH] = { "progress_publish",
	    "turn the public progress page on or off" },
	[CCS_ACT_PUBLIC_REPORT_READ] = { "public_report_read",
	    "open a public report routed to the state (audited)" },
	/* public report triage */
	[CCS_ACT_REPORT_TRIAGE] = { "report_triage",
	    "classify, update, refer, convert and close the public reports "
	    "routed to one's state" },
	[CCS_ACT_LEGAL_READ] = { "legal_read",
	    "read the legal tracker: instruments, matrix, treaty tracks" },
	[CCS_ACT_LEGAL_WRITE] = { "legal_write",
	    "write national instruments and treaty tracks (a state's own)" },
	/* 24/7 preservation requests */
	[CCS_ACT_PRESERVATION_READ] = { "preservation_read",
	    "open a 24/7 preservation request of one's state, as the "
	    "requesting or the requested side (audited)" },
	[CCS_ACT_PRESERVATION_WRITE] = { "preservation_write",
	    "make, send and answer 24/7 preservation requests for one's "
	    "state" },
	/* forensics: pooled labs and chain of custody */
	[CCS_ACT_LAB_READ] = { "lab_read",
	    "read forensic labs, their tools, examiners and queue size" },
	[CCS_ACT_LAB_WRITE] = { "lab_write",
	    "create forensic labs (NCPOCs: their state's)" },
	[CCS_ACT_FORENSIC_REQUEST] = { "forensic_request",
	    "ask a forensic lab for help for one's state" },
	[CCS_ACT_CUSTODY_READ] = { "custody_read",
	    "read a state's evidence items and custody logs (also the "
	    "holder and the lab working the item)" },
	/* cyber crisis management */
	[CCS_ACT_CRISIS_READ] = { "crisis_read",
	    "read a state's crises (RIFC: once escalated or RIFC-declared)" },
	[CCS_ACT_CRISIS_WRITE] = { "crisis_write",
	    "declare a crisis, keep its log, team, tasks, reports, review" },
	[CCS_ACT_CRISIS_TEMPLATE_WRITE] = { "crisis_template_write",
	    "write a new version of the state's crisis plan or protocol" },
};

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

const struct ccs_policy_rule *
ccs_policy_rules(size_t *n)
{
	*n = sizeof(rules) / sizeof(rules[0]);
	return rules;
}

const char *
ccs_action_name(enum ccs_action act)
{
	if ((size_t)act >= CCS_ACT_COUNT)
		return NULL;
	return actions[act].name;
}

const char *
ccs_action_summary(enum ccs_action act)
{
	if ((size_t)act >= CCS_ACT_COUNT)
		return NULL;
	return actions[act].summary;
}

bool
ccs_scope_holds(enum ccs_scope scope, enum ccs_role role,
    const char *principal_state, const char *record_state)
{
	bool has_state = principal_state != NULL && principal_state[0] != '\0';
	bool same = has_state && record_state != NULL &&
	    strcmp(principal_state, record_state) == 0;

	switch (scope) {
	case CCS_SCOPE_ANY:
		return true;
	case CCS_SCOPE_STATE:
		/* A state role without a state is in scope nowhere. */
		if (!has_state)
			return !ccs_role_needs_state(role);
		return same;
	case CCS_SCOPE_OWN_STATE:
		return same;
	case CCS_SCOPE_REGIONAL:
		return !has_state;
	default:
		return false;
	}
}

/* True when some rule lets @p role with @p pstate do @p act. */
static bool
allowed(enum ccs_role role, const char *pstate, enum ccs_action act,
    const char *record_state)
{
	size_t i;

	if ((size_t)role >= CCS_ROLE_COUNT)
		return false;
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (rules[i].act != act ||
		    (rules[i].roles & CCS_ROLE_BIT(role)) == 0)
			continue;
		if (ccs_scope_holds(rules[i].scope, role, pstate, record_state))
			return true;
	}
	return false;
}

int
ccs_policy_check(const struct ccs_principal *p, enum ccs_action act,
    const char *record_state)
{
	/* What the public may do, everyone may. */
	if (allowed(CCS_ROLE_ANONYMOUS, "", act, record_state))
		return CCS_OK;
	if (p == NULL || (!p->system && p->role == CCS_ROLE_ANONYMOUS))
		return CCS_EAUTH;
	if (p->system)
		return CCS_OK;
	return allowed(p->role, p->state, act, record_state) ? CCS_OK :
	    CCS_EPERM;
}
