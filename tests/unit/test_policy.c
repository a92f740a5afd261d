/*
 * test_policy.c: who may do what (core/policy.c), as the full matrix of
 * role x action x record state (own state, another state, regional). The
 * expectations are written from the plan's rules, independently of the
 * code: NCPOC and CERT users write only their own state's records;
 * administrators and coordinators write anywhere; RIFC analysts, Steering
 * Committee members and partners read but never write contacts; the public
 * sees only the public directory. Minimum standards: every member reads the
 * framework and gaps; NCPOC and CERT users submit status records for their
 * own state, RIFC analysts, coordinators and administrators for any; only
 * RIFC analysts and coordinators validate; coordinators and administrators
 * publish framework versions; evidence is read regionally or by the state
 * it concerns, never by partners. Sharing: NCPOC, CERT, RIFC analysts and
 * coordinators write lessons and RFIs (state roles for their own state);
 * the RIFC and CERT users (own state) send advisories; NCPOC and CERT users
 * acknowledge for their own state; regional coordinators and
 * administrators manage sharing communities.
 *
 * Two walks: test_matrix compares ccs_policy_check with that expectation
 * for every role, with and without a state scope; test_table_walk compares
 * it with the rule table (ccs_policy_rules) read by this file's own
 * interpreter, for every role x principal scope x action x record state,
 * so the table and the check cannot drift apart. test_table_shape keeps
 * the table well formed (every action named and ruled, one rule per action
 * and role).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>

#include <cmocka.h>

#include "core/policy.h"
#include "util/err.h"

enum scope { W_NONE, W_OWN, W_ALL };

struct who {
	const char	*label;		/* for failure messages */
	enum ccs_role	 role;
	const char	*state;		/* scope, "" for regional */
	bool		 system;	/* the CLI operator */
	bool		 signed_in;	/* expected: known party */
	enum scope	 write;		/* expected: contact/org writes */
	bool		 user_admin;	/* expected: manage accounts */
	bool		 audit;		/* expected: read the audit trail */
	enum scope	 submit;	/* expected: submit status records */
	bool		 validate;	/* expected: validate records */
	bool		 publish;	/* expected: publish a framework */
	enum scope	 evidence;	/* expected: read evidence */
	enum scope	 share;		/* expected: write lessons, RFIs */
	enum scope	 advise;	/* expected: send advisories */
	enum scope	 ack;		/* expected: acknowledge advisories */
	bool		 community;	/* expected: manage communities */
};

static const struct who people[] = {
	{ "anonymous", CCS_ROLE_ANONYMOUS, "", false, false, W_NONE, false,
	    false, W_NONE, false, false, W_NONE,
	    W_NONE, W_NONE, W_NONE, false },
	{ "admin", CCS_ROLE_ADMIN, "", false, true, W_ALL, true, true, W_ALL,
	    false, true, W_ALL,
	    W_NONE, W_NONE, W_NONE, true },
	{ "coordinator", CCS_ROLE_COORDINATOR, "", false, true, W_ALL, false,
	    true, W_ALL, true, true, W_ALL,
	    W_ALL, W_NONE, W_NONE, true },
	{ "coordinator@JM", CCS_ROLE_COORDINATOR, "JM", false, true, W_OWN,
	    false, false, W_OWN, false, false, W_OWN,
	    W_OWN, W_NONE, W_NONE, false },
	{ "rifc_analyst", CCS_ROLE_RIFC_ANALYST, "", false, true, W_NONE, false,
	    false, W_ALL, true, false, W_ALL,
	    W_ALL, W_ALL, W_NONE, false },
	{ "ncpoc@JM", CCS_ROLE_NCPOC, "JM", false, true, W_OWN, false, false,
	    W_OWN, false, false, W_OWN,
	    W_OWN, W_NONE, W_OWN, false },
	{ "cert@JM", CCS_ROLE_CERT, "JM", false, true, W_OWN, false, false,
	    W_OWN, false, false, W_OWN,
	    W_OWN, W_OWN, W_OWN, false },
	{ "steering", CCS_ROLE_STEERING, "", false, true, W_NONE, false, false,
	    W_NONE, false, false, W_ALL,
	    W_NONE, W_NONE, W_NONE, false },
	{ "partner", CCS_ROLE_PARTNER, "", false, true, W_NONE, false, false,
	    W_NONE, false, false, W_NONE,
	    W_NONE, W_NONE, W_NONE, false },
	{ "steering@JM", CCS_ROLE_STEERING, "JM", false, true, W_NONE, false,
	    false, W_NONE, false, false, W_OWN,
	    W_NONE, W_NONE, W_NONE, false },
	{ "system", CCS_ROLE_ANONYMOUS, "", true, true, W_ALL, true, true, W_ALL,
	    true, true, W_ALL,
	    W_ALL, W_ALL, W_ALL, true },
	/* the regional roles given a state act as that state only */
	{ "admin@JM", CCS_ROLE_ADMIN, "JM", false, true, W_OWN, false, false,
	    W_OWN, false, false, W_OWN,
	    W_NONE, W_NONE, W_NONE, false },
	{ "rifc_analyst@JM", CCS_ROLE_RIFC_ANALYST, "JM", false, true, W_NONE,
	    false, false, W_OWN, false, false, W_OWN,
	    W_OWN, W_NONE, W_NONE, false },
	{ "partner@JM", CCS_ROLE_PARTNER, "JM", false, true, W_NONE, false,
	    false, W_NONE, false, false, W_NONE,
	    W_NONE, W_NONE, W_NONE, false },
	/* a state role without its state may read but acts nowhere */
	{ "ncpoc", CCS_ROLE_NCPOC, "", false, true, W_NONE, false, false,
	    W_NONE, false, false, W_NONE,
	    W_NONE, W_NONE, W_NONE, false },
	{ "cert", CCS_ROLE_CERT, "", false, true, W_NONE, false, false,
	    W_NONE, false, false, W_NONE,
	    W_NONE, W_NONE, W_NONE, false },
	/* a state does not sign anyone in, nor limit the operator */
	{ "anonymous@JM", CCS_ROLE_ANONYMOUS, "JM", false, false, W_NONE, false,
	    false, W_NONE, false, false, W_NONE,
	    W_NONE, W_NONE, W_NONE, false },
	{ "system@JM", CCS_ROLE_ANONYMOUS, "JM", true, true, W_ALL, true, true,
	    W_ALL, true, true, W_ALL,
	    W_ALL, W_ALL, W_ALL, true },
};

#define NPEOPLE	(sizeof(people) / sizeof(people[0]))

static const enum ccs_action actions[] = {
	CCS_ACT_DIRECTORY_PUBLIC, CCS_ACT_CONTACT_READ, CCS_ACT_CONTACT_WRITE,
	CCS_ACT_ORG_READ_ALL, CCS_ACT_ORG_WRITE, CCS_ACT_USER_ADMIN,
	CCS_ACT_AUDIT_READ, CCS_ACT_SELF, CCS_ACT_GAPS_READ,
	CCS_ACT_ASSESS_SUBMIT, CCS_ACT_ASSESS_VALIDATE,
	CCS_ACT_FRAMEWORK_PUBLISH, CCS_ACT_EVIDENCE_READ,
	CCS_ACT_SHARE_REPORT, CCS_ACT_CLUSTERS_READ, CCS_ACT_CLAIM_SUBMIT,
	CCS_ACT_CLAIM_DECIDE,
	CCS_ACT_SHARE_WRITE, CCS_ACT_ADVISORY_SEND, CCS_ACT_ADVISORY_ACK,
	CCS_ACT_COMMUNITY_ADMIN, CCS_ACT_CAPACITY_READ,
	CCS_ACT_INITIATIVE_WRITE, CCS_ACT_INITIATIVE_WRITE_ALL,
	CCS_ACT_NEED_EDIT, CCS_ACT_DUPLICATE_DECIDE, CCS_ACT_RATE_WRITE,
	CCS_ACT_TRAINING_WRITE, CCS_ACT_PROPOSAL_DECIDE, CCS_ACT_TIMELINE_WRITE,
	CCS_ACT_FUNDER_INTEREST_WRITE,
	/* monitoring: meetings, recommendations, plan versions */
	CCS_ACT_MONITORING_READ, CCS_ACT_MEETING_WRITE,
	CCS_ACT_RECOMMENDATION_PROGRESS, CCS_ACT_PLAN_WRITE,
	/* monitoring: reports */
	CCS_ACT_REPORT_CONSLE, CCS_ACT_REPORT_STEERING, CCS_ACT_REPORT_INTEL,
	CCS_ACT_REPORT_DONORS, CCS_ACT_REPORT_RCC, CCS_ACT_REPORT_READ,
	CCS_ACT_REPORT_READ_INTEL, CCS_ACT_PROGRESS_PUBLISH,
	CCS_ACT_PUBLIC_REPORT_READ,
	/* public report triage */
	CCS_ACT_REPORT_TRIAGE,
	/* legal harmonisation tracker */
	CCS_ACT_LEGAL_READ, CCS_ACT_LEGAL_WRITE,
	/* 24/7 preservation requests */
	CCS_ACT_PRESERVATION_READ, CCS_ACT_PRESERVATION_WRITE,
	/* forensics: pooled labs and chain of custody */
	CCS_ACT_LAB_READ, CCS_ACT_LAB_WRITE, CCS_ACT_FORENSIC_REQUEST,
	CCS_ACT_CUSTODY_READ,
	/* cyber crisis management */
	CCS_ACT_CRISIS_READ, CCS_ACT_CRISIS_WRITE,
	CCS_ACT_CRISIS_TEMPLATE_WRITE
};

/* Record states: the principal's own (JM), another (TT), regional. */
static const char *const states[] = { "JM", "TT", NULL, "" };

static int
scoped(enum scope sc, const struct who *w, const char *rs)
{
	if (sc == W_ALL)
		return CCS_OK;
	if (sc == W_OWN && w->state[0] != '\0' && rs != NULL &&
	    strcmp(rs, w->state) == 0)
		return CCS_OK;
	return CCS_EPERM;
}

/*
 * Information sharing, by role: NCPOC and CERT users report and claim for
 * their own state; RIFC analysts report for any state and alone read the
 * cross-state clusters; regional coordinators report and claim for any
 * state and decide claims; nobody else does any of it.
 */
static int
expected_sharing(const struct who *w, enum ccs_action act, const char *rs)
{
	bool regional = w->state[0] == '\0';
	enum scope sc = W_NONE;

	if (w->system)
		return CCS_OK;
	switch (w->role) {
	case CCS_ROLE_COORDINATOR:
		if (act == CCS_ACT_CLAIM_DECIDE)
			return regional ? CCS_OK : CCS_EPERM;
		sc = act == CCS_ACT_CLUSTERS_READ ? W_NONE :
		    regional ? W_ALL : W_OWN;
		break;
	case CCS_ROLE_RIFC_ANALYST:
		if (act == CCS_ACT_CLUSTERS_READ)
			return regional ? CCS_OK : CCS_EPERM;
		sc = act != CCS_ACT_SHARE_REPORT ? W_NONE :
		    regional ? W_ALL : W_OWN;
		break;
	case CCS_ROLE_NCPOC:
	case CCS_ROLE_CERT:
		sc = act == CCS_ACT_SHARE_REPORT || act ==
		    CCS_ACT_CLAIM_SUBMIT ? W_OWN : W_NONE;
		break;
	default:
		break;
	}
	return scoped(sc, w, rs);
}

/*
 * Capacity building: every member reads; partners (with or without a
 * state) and regional coordinators write initiatives, trainings and
 * campaigns (the service checks the partner's organisation); only
 * regional coordinators edit all, edit needs, decide duplicates, record
 * rates and keep the timeline; only regional RIFC analysts decide
 * proposals.
 */
static int
expected_capacity(const struct who *w, enum ccs_action act)
{
	bool regional = w->state[0] == '\0';
	bool coord = w->role == CCS_ROLE_COORDINATOR && regional;

	if (w->system || act == CCS_ACT_CAPACITY_READ)
		return CCS_OK;
	switch (act) {
	case CCS_ACT_PROPOSAL_DECIDE:
		return w->role == CCS_ROLE_RIFC_ANALYST && regional ? CCS_OK :
		    CCS_EPERM;
	case CCS_ACT_INITIATIVE_WRITE:
	case CCS_ACT_TRAINING_WRITE:
	case CCS_ACT_FUNDER_INTEREST_WRITE:
		if (w->role == CCS_ROLE_PARTNER)
			return CCS_OK;
		return coord ? CCS_OK : CCS_EPERM;
	default:
		return coord ? CCS_OK : CCS_EPERM;
	}
}

/*
 * Monitoring: every member reads; regional coordinators and RIFC
 * analysts and the Steering Committee (with or without a state) record
 * meetings and recommendations and keep plan versions; progress is also
 * open to NCPOC, CERT and partner users whatever their state (the
 * service then requires that their state or organisation owns the
 * recommendation). Administrators write nothing here.
 */
static int
expected_monitoring(const struct who *w, enum ccs_action act)
{
	bool regional = w->state[0] == '\0';
	bool secretariat = ((w->role == CCS_ROLE_COORDINATOR ||
	    w->role == CCS_ROLE_RIFC_ANALYST) && regional) ||
	    w->role == CCS_ROLE_STEERING;

	if (w->system || act == CCS_ACT_MONITORING_READ)
		return CCS_OK;
	if (act == CCS_ACT_RECOMMENDATION_PROGRESS &&
	    (w->role == CCS_ROLE_NCPOC || w->role == CCS_ROLE_CERT ||
	    w->role == CCS_ROLE_PARTNER))
		return CCS_OK;
	return secretariat ? CCS_OK : CCS_EPERM;
}

/*
 * Monitoring reports: regional coordinators make every audience; the
 * Steering Committee the CONSLE brief and its own report; RIFC analysts
 * the Steering Committee, Heads of Intelligence and RCC reports; an NCPOC
 * the RCC report of their own state. Stored reports are read by members
 * but partners, national roles only for their own state; the AMBER ones
 * by regional coordinators and analysts. The Steering Committee and
 * coordinators publish the progress page.
 */
static int
expected_reports(const struct who *w, enum ccs_action act,
    const char *rs)
{
	bool regional = w->state[0] == '\0';
	enum ccs_role r = w->role;
	bool coord = r == CCS_ROLE_COORDINATOR, rifc = r ==
	    CCS_ROLE_RIFC_ANALYST, steer = r == CCS_ROLE_STEERING;
	bool ok;

	if (w->system)
		return CCS_OK;
	switch (act) {
	case CCS_ACT_REPORT_CONSLE:
	case CCS_ACT_PROGRESS_PUBLISH:
		ok = regional && (coord || steer);
		break;
	case CCS_ACT_REPORT_STEERING:
		ok = regional && (coord || rifc || steer);
		break;
	case CCS_ACT_REPORT_INTEL:
	case CCS_ACT_REPORT_READ_INTEL:
		ok = regional && (coord || rifc);
		break;
	case CCS_ACT_REPORT_DONORS:
		ok = regional && coord;
		break;
	case CCS_ACT_REPORT_RCC:
		ok = (regional && (coord || rifc)) || (r == CCS_ROLE_NCPOC &&
		    !regional && rs != NULL && strcmp(rs, w->state) == 0);
		break;
	case CCS_ACT_REPORT_READ:
		if (r == CCS_ROLE_PARTNER)
			ok = false;
		else if (regional)
			ok = r != CCS_ROLE_NCPOC && r != CCS_ROLE_CERT;
		else
			ok = rs != NULL && strcmp(rs, w->state) == 0;
		break;
	default:
		ok = false;
	}
	return ok ? CCS_OK : CCS_EPERM;
}

/*
 * Public reports: the team (NCPOC, CERT) of a state a report is routed
 * to opens it, and regional RIFC analysts open any; nobody else.
 */
static int
expected_reporting(const struct who *w, const char *rs)
{
	if (w->system)
		return CCS_OK;
	if (w->role == CCS_ROLE_NCPOC || w->role == CCS_ROLE_CERT)
		return scoped(W_OWN, w, rs);
	if (w->role == CCS_ROLE_RIFC_ANALYST)
		return w->state[0] == '\0' ? CCS_OK : CCS_EPERM;
	return CCS_EPERM;
}

/*
 * Legal harmonisation tracker: every member reads; coordinators without
 * a state write any state's instruments and treaty tracks, coordinators
 * with a state and NCPOCs their own state's; nobody else writes.
 */
static int
expected_legal(const struct who *w, enum ccs_action act, const char *rs)
{
	if (w->system || act == CCS_ACT_LEGAL_READ)
		return CCS_OK;
	if (w->role == CCS_ROLE_COORDINATOR)
		return scoped(w->state[0] == '\0' ? W_ALL : W_OWN, w, rs);
	if (w->role == CCS_ROLE_NCPOC)
		return scoped(W_OWN, w, rs);
	return CCS_EPERM;
}

/*
 * 24/7 preservation requests: a state's NCPOC (its law-enforcement 24/7
 * contact) opens and writes the requests of its own state; regional RIFC
 * analysts open any and write none; nobody else sees one.
 */
static int
expected_preservation(const struct who *w, enum ccs_action act,
    const char *rs)
{
	if (w->system)
		return CCS_OK;
	if (w->role == CCS_ROLE_NCPOC)
		return scoped(W_OWN, w, rs);
	if (w->role == CCS_ROLE_RIFC_ANALYST &&
	    act == CCS_ACT_PRESERVATION_READ)
		return w->state[0] == '\0' ? CCS_OK : CCS_EPERM;
	return CCS_EPERM;
}

/*
 * Cyber crisis management: the national team (NCPOC, CERT) of the
 * crisis's state reads and writes it and keeps the state's templates;
 * regional RIFC analysts read and write crises (the service admits them
 * to escalated or RIFC-declared ones only) but not templates; nobody
 * else, whatever their platform role.
 */
static int
expected_crisis(const struct who *w, enum ccs_action act, const char *rs)
{
	if (w->system)
		return CCS_OK;
	if (w->role == CCS_ROLE_NCPOC || w->role == CCS_ROLE_CERT)
		return scoped(W_OWN, w, rs);
	if (w->role == CCS_ROLE_RIFC_ANALYST &&
	    act != CCS_ACT_CRISIS_TEMPLATE_WRITE)
		return w->state[0] == '\0' ? CCS_OK : CCS_EPERM;
	return CCS_EPERM;
}

/*
 * Forensics: every member reads the labs; coordinators without a state
 * create labs for any owner, NCPOCs for their own state; NCPOC and CERT
 * users ask for help and read evidence of their own state only; RIFC
 * analysts without a state read every state's evidence. (Holders and
 * lab staff are the service's check, not the table's.)
 */
static int
expected_forensics(const struct who *w, enum ccs_action act, const char *rs)
{
	bool state_role = w->role == CCS_ROLE_NCPOC ||
	    w->role == CCS_ROLE_CERT;

	if (w->system || act == CCS_ACT_LAB_READ)
		return CCS_OK;
	switch (act) {
	case CCS_ACT_LAB_WRITE:
		if (w->role == CCS_ROLE_COORDINATOR)
			return w->state[0] == '\0' ? CCS_OK : CCS_EPERM;
		if (w->role == CCS_ROLE_NCPOC)
			return scoped(W_OWN, w, rs);
		return CCS_EPERM;
	case CCS_ACT_FORENSIC_REQUEST:
		return state_role ? scoped(W_OWN, w, rs) : CCS_EPERM;
	case CCS_ACT_CUSTODY_READ:
		if (state_role)
			return scoped(W_OWN, w, rs);
		if (w->role == CCS_ROLE_RIFC_ANALYST)
			return w->state[0] == '\0' ? CCS_OK : CCS_EPERM;
		return CCS_EPERM;
	default:
		return CCS_EPERM;
	}
}

static int
expected(const struct who *w, enum ccs_action act, const char *rs)
{
	if (act == CCS_ACT_DIRECTORY_PUBLIC)
		return CCS_OK;
	if (!w->signed_in)
		return CCS_EAUTH;
	switch (act) {
	case CCS_ACT_CONTACT_READ:
	case CCS_ACT_ORG_READ_ALL:
	case CCS_ACT_SELF:
	case CCS_ACT_GAPS_READ:
		return CCS_OK;
	case CCS_ACT_CONTACT_WRITE:
	case CCS_ACT_ORG_WRITE:
		return scoped(w->write, w, rs);
	case CCS_ACT_ASSESS_SUBMIT:
		return scoped(w->submit, w, rs);
	case CCS_ACT_ASSESS_VALIDATE:
		return w->validate ? CCS_OK : CCS_EPERM;
	case CCS_ACT_FRAMEWORK_PUBLISH:
		return w->publish ? CCS_OK : CCS_EPERM;
	case CCS_ACT_EVIDENCE_READ:
		return scoped(w->evidence, w, rs);
	case CCS_ACT_USER_ADMIN:
		return w->user_admin ? CCS_OK : CCS_EPERM;
	case CCS_ACT_AUDIT_READ:
		return w->audit ? CCS_OK : CCS_EPERM;
	case CCS_ACT_SHARE_REPORT:
	case CCS_ACT_CLAIM_SUBMIT:
	case CCS_ACT_CLUSTERS_READ:
	case CCS_ACT_CLAIM_DECIDE:
		return expected_sharing(w, act, rs);
	case CCS_ACT_SHARE_WRITE:
		return scoped(w->share, w, rs);
	case CCS_ACT_ADVISORY_SEND:
		return scoped(w->advise, w, rs);
	case CCS_ACT_ADVISORY_ACK:
		return scoped(w->ack, w, rs);
	case CCS_ACT_COMMUNITY_ADMIN:
		return w->community ? CCS_OK : CCS_EPERM;
	case CCS_ACT_CAPACITY_READ:
	case CCS_ACT_INITIATIVE_WRITE:
	case CCS_ACT_INITIATIVE_WRITE_ALL:
	case CCS_ACT_NEED_EDIT:
	case CCS_ACT_DUPLICATE_DECIDE:
	case CCS_ACT_RATE_WRITE:
	case CCS_ACT_TRAINING_WRITE:
	case CCS_ACT_TIMELINE_WRITE:
	case CCS_ACT_PROPOSAL_DECIDE:
	case CCS_ACT_FUNDER_INTEREST_WRITE:
		return expected_capacity(w, act);
	case CCS_ACT_MONITORING_READ:
	case CCS_ACT_MEETING_WRITE:
	case CCS_ACT_RECOMMENDATION_PROGRESS:
	case CCS_ACT_PLAN_WRITE:
		return expected_monitoring(w, act);
	case CCS_ACT_REPORT_CONSLE:
	case CCS_ACT_REPORT_STEERING:
	case CCS_ACT_REPORT_INTEL:
	case CCS_ACT_REPORT_DONORS:
	case CCS_ACT_REPORT_RCC:
	case CCS_ACT_REPORT_READ:
	case CCS_ACT_REPORT_READ_INTEL:
	case CCS_ACT_PROGRESS_PUBLISH:
		return expected_reports(w, act, rs);
	case CCS_ACT_PUBLIC_REPORT_READ:
	case CCS_ACT_REPORT_TRIAGE:	/* the same people triage */
		return expected_reporting(w, rs);
	case CCS_ACT_LEGAL_READ:
	case CCS_ACT_LEGAL_WRITE:
		return expected_legal(w, act, rs);
	case CCS_ACT_PRESERVATION_READ:
	case CCS_ACT_PRESERVATION_WRITE:
		return expected_preservation(w, act, rs);
	case CCS_ACT_LAB_READ:
	case CCS_ACT_LAB_WRITE:
	case CCS_ACT_FORENSIC_REQUEST:
	case CCS_ACT_CUSTODY_READ:
		return expected_forensics(w, act, rs);
	case CCS_ACT_CRISIS_READ:
	case CCS_ACT_CRISIS_WRITE:
	case CCS_ACT_CRISIS_TEMPLATE_WRITE:
		return expected_crisis(w, act, rs);
	default:
		return CCS_EPERM;
	}
}

static void
principal(const struct who *w, struct ccs_principal *p)
{
	memset(p, 0, sizeof(*p));
	p->role = w->role;
	p->system = w->system;
	p->user_id = w->signed_in && !w->system ? 7 : 0;
	memcpy(p->login, w->label, strlen(w->label) + 1);
	memcpy(p->state, w->state, strlen(w->state) + 1);
}

static void
test_matrix(void **state)
{
	struct ccs_principal p;
	size_t i, a, s, n = 0;
	int got, want;

	(void)state;
	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++) {
		principal(&people[i], &p);
		for (a = 0; a < sizeof(actions) / sizeof(actions[0]); a++) {
			for (s = 0; s < sizeof(states) / sizeof(states[0]); s++) {
				got = ccs_policy_check(&p, actions[a], states[s]);
				want = expected(&people[i], actions[a], states[s]);
				if (got != want)
					fail_msg("%s, action %d, record state %s: "
					    "got %d, want %d", people[i].label,
					    (int)actions[a], states[s] ? states[s] :
					    "(regional)", got, want);
				n++;
			}
		}
	}
	assert_int_equal(n, NPEOPLE * CCS_ACT_COUNT * 4);
}

/* Every role appears in people[] both without and with a state. */
static void
test_people_cover_roles(void **state)
{
	size_t r, i, regional, scoped;

	(void)state;
	assert_int_equal(sizeof(actions) / sizeof(actions[0]), CCS_ACT_COUNT);
	for (r = 0; r < CCS_ROLE_COUNT; r++) {
		regional = scoped = 0;
		for (i = 0; i < NPEOPLE; i++) {
			if (people[i].system || (size_t)people[i].role != r)
				continue;
			if (people[i].state[0] == '\0')
				regional++;
			else
				scoped++;
		}
		if (regional == 0 || scoped == 0)
			fail_msg("people[] lacks role %s %s", ccs_role_name(
			    (enum ccs_role)r), regional == 0 ? "without a "
			    "state" : "with a state");
	}
}

/*
 * This file's own reading of one rule's scope, from the words of
 * policy.h, so a slip in ccs_scope_holds shows up as a difference.
 */
static bool
rule_holds(const struct ccs_policy_rule *rule, enum ccs_role role,
    const char *ps, const char *rs)
{
	bool own = ps[0] != '\0' && rs != NULL && strcmp(ps, rs) == 0;

	switch (rule->scope) {
	case CCS_SCOPE_ANY:
		return true;
	case CCS_SCOPE_STATE:
		if (ps[0] != '\0')
			return own;
		return role != CCS_ROLE_NCPOC && role != CCS_ROLE_CERT;
	case CCS_SCOPE_OWN_STATE:
		return own;
	case CCS_SCOPE_REGIONAL:
		return ps[0] == '\0';
	}
	fail_msg("rule with unknown scope %d", (int)rule->scope);
	return false;
}

static bool
table_allows(enum ccs_role role, const char *ps, enum ccs_action act,
    const char *rs)
{
	const struct ccs_policy_rule *rules;
	size_t i, n;

	rules = ccs_policy_rules(&n);
	for (i = 0; i < n; i++) {
		if (rules[i].act == act &&
		    (rules[i].roles & CCS_ROLE_BIT(role)) != 0 &&
		    rule_holds(&rules[i], role, ps, rs))
			return true;
	}
	return false;
}

/* What the table says for @p p, with the two rules outside it. */
static int
table_expect(const struct ccs_principal *p, enum ccs_action act,
    const char *rs)
{
	if (table_allows(CCS_ROLE_ANONYMOUS, "", act, rs))
		return CCS_OK;
	if (!p->system && p->role == CCS_ROLE_ANONYMOUS)
		return CCS_EAUTH;
	if (p->system)
		return CCS_OK;
	return table_allows(p->role, p->state, act, rs) ? CCS_OK : CCS_EPERM;
}

static void
test_table_walk(void **state)
{
	static const char *const pstates[] = { "", "JM" };
	struct ccs_principal p;
	size_t r, ps, sys, a, s, n = 0;
	int got, want;

	(void)state;
	for (r = 0; r < CCS_ROLE_COUNT; r++)
	for (ps = 0; ps < 2; ps++)
	for (sys = 0; sys < 2; sys++)
	for (a = 0; a <= CCS_ACT_COUNT; a++)	/* one unknown action too */
	for (s = 0; s < sizeof(states) / sizeof(states[0]); s++) {
		memset(&p, 0, sizeof(p));
		p.role = (enum ccs_role)r;
		p.system = sys != 0;
		memcpy(p.state, pstates[ps], strlen(pstates[ps]) + 1);
		got = ccs_policy_check(&p, (enum ccs_action)a, states[s]);
		want = table_expect(&p, (enum ccs_action)a, states[s]);
		if (got != want)
			fail_msg("%s%s%s, %s, record state %s: check says %d, "
			    "the table %d", sys ? "system " : "",
			    ccs_role_name((enum ccs_role)r),
			    ps ? "@JM" : "", a < CCS_ACT_COUNT ?
			    ccs_action_name((enum ccs_action)a) : "(unknown)",
			    states[s] ? states[s] : "(regional)", got, want);
		n++;
	}
	assert_int_equal(n, CCS_ROLE_COUNT * 2 * 2 * (CCS_ACT_COUNT + 1) * 4);
}

/* The table is well formed: what the matrix document relies on. */
static void
test_table_shape(void **state)
{
	const struct ccs_policy_rule *rules;
	unsigned seen[CCS_ACT_COUNT] = { 0 };
	const unsigned all = CCS_ROLE_BIT(CCS_ROLE_COUNT) - 1u;
	const char *name, *c;
	size_t i, j, n;

	(void)state;
	rules = ccs_policy_rules(&n);
	assert_true(n >= CCS_ACT_COUNT);
	for (i = 0; i < n; i++) {
		assert_true((size_t)rules[i].act < CCS_ACT_COUNT);
		assert_int_not_equal(rules[i].roles, 0);
		assert_int_equal(rules[i].roles & ~all, 0);
		assert_true(rules[i].scope == CCS_SCOPE_ANY ||
		    rules[i].scope == CCS_SCOPE_STATE ||
		    rules[i].scope == CCS_SCOPE_OWN_STATE ||
		    rules[i].scope == CCS_SCOPE_REGIONAL);
		/* one rule per action and role: a cell has one meaning */
		if ((seen[rules[i].act] & rules[i].roles) != 0)
			fail_msg("%s: two rules name the same role",
			    ccs_action_name(rules[i].act));
		seen[rules[i].act] |= rules[i].roles;
		/* the public has no state to be scoped by */
		if ((rules[i].roles & CCS_ROLE_BIT(CCS_ROLE_ANONYMOUS)) != 0)
			assert_int_equal(rules[i].scope, CCS_SCOPE_ANY);
	}
	for (i = 0; i < CCS_ACT_COUNT; i++) {
		name = ccs_action_name((enum ccs_action)i);
		if (name == NULL || ccs_action_summary((enum ccs_action)i) ==
		    NULL)
			fail_msg("action %zu has no name or summary", i);
		if (seen[i] == 0)
			fail_msg("action %s has no rule", name);
		for (c = name; *c != '\0'; c++)
			assert_true((*c >= 'a' && *c <= 'z') || *c == '_');
		for (j = 0; j < i; j++)
			assert_string_not_equal(name,
			    ccs_action_name((enum ccs_action)j));
	}
	assert_null(ccs_action_name((enum ccs_action)CCS_ACT_COUNT));
	assert_null(ccs_action_summary((enum ccs_action)CCS_ACT_COUNT));
}

/* The same rules spelled out for the cases people ask about. */
static void
test_examples(void **state)
{
	struct ccs_principal ncpoc, admin, analyst;

	(void)state;
	principal(&people[5], &ncpoc);
	principal(&people[1], &admin);
	principal(&people[4], &analyst);
	assert_int_equal(ccs_policy_check(&ncpoc, CCS_ACT_CONTACT_WRITE, "JM"),
	    CCS_OK);
	assert_int_equal(ccs_policy_check(&ncpoc, CCS_ACT_CONTACT_WRITE, "TT"),
	    CCS_EPERM);
	assert_int_equal(ccs_policy_check(&ncpoc, CCS_ACT_CONTACT_WRITE, NULL),
	    CCS_EPERM);
	assert_int_equal(ccs_policy_check(&ncpoc, CCS_ACT_CONTACT_WRITE, "jm"),
	    CCS_EPERM);
	assert_int_equal(ccs_policy_check(&ncpoc, CCS_ACT_CONTACT_READ, "TT"),
	    CCS_OK);
	assert_int_equal(ccs_policy_check(&admin, CCS_ACT_CONTACT_WRITE, "TT"),
	    CCS_OK);
	assert_int_equal(ccs_policy_check(&admin, CCS_ACT_CONTACT_WRITE, NULL),
	    CCS_OK);
	assert_int_equal(ccs_policy_check(&analyst, CCS_ACT_CONTACT_WRITE,
	    NULL), CCS_EPERM);
	assert_int_equal(ccs_policy_check(&analyst, CCS_ACT_CONTACT_READ, NULL),
	    CCS_OK);
	/* no principal at all is the public */
	assert_int_equal(ccs_policy_check(NULL, CCS_ACT_DIRECTORY_PUBLIC, NULL),
	    CCS_OK);
	assert_int_equal(ccs_policy_check(NULL, CCS_ACT_CONTACT_READ, NULL),
	    CCS_EAUTH);
	/* an action the code does not know is refused, not allowed */
	assert_int_equal(ccs_policy_check(&admin, (enum ccs_action)99, NULL),
	    CCS_EPERM);
}

static void
test_roles(void **state)
{
	static const char *const names[] = {
		"admin", "coordinator", "rifc_analyst", "ncpoc", "cert",
		"steering", "partner"
	};
	enum ccs_role r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		r = ccs_role_parse(names[i]);
		assert_int_not_equal(r, CCS_ROLE_ANONYMOUS);
		assert_string_equal(ccs_role_name(r), names[i]);
	}
	assert_int_equal(ccs_role_parse("anonymous"), CCS_ROLE_ANONYMOUS);
	assert_int_equal(ccs_role_parse("Admin"), CCS_ROLE_ANONYMOUS);
	assert_int_equal(ccs_role_parse("root"), CCS_ROLE_ANONYMOUS);
	assert_int_equal(ccs_role_parse(""), CCS_ROLE_ANONYMOUS);
	assert_int_equal(ccs_role_parse(NULL), CCS_ROLE_ANONYMOUS);
	assert_int_equal(ccs_role_parse("admin "), CCS_ROLE_ANONYMOUS);
	assert_string_equal(ccs_role_name(CCS_ROLE_ANONYMOUS), "anonymous");
	assert_string_equal(ccs_role_name((enum ccs_role)42), "anonymous");

	assert_true(ccs_role_needs_state(CCS_ROLE_NCPOC));
	assert_true(ccs_role_needs_state(CCS_ROLE_CERT));
	assert_false(ccs_role_needs_state(CCS_ROLE_ADMIN));
	assert_false(ccs_role_needs_state(CCS_ROLE_COORDINATOR));
	assert_false(ccs_role_needs_state(CCS_ROLE_RIFC_ANALYST));
	assert_true(ccs_role_needs_totp(CCS_ROLE_ADMIN));
	assert_false(ccs_role_needs_totp(CCS_ROLE_NCPOC));
	assert_false(ccs_role_needs_totp(CCS_ROLE_COORDINATOR));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_people_cover_roles),
		cmocka_unit_test(test_table_walk),
		cmocka_unit_test(test_table_shape),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_roles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
