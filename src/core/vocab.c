/*
 * vocab.c: the plan's closed word lists, keys and the words people read.
 *
 * The keys must match the CHECK constraints of the migrations (the
 * database keeps its own guard) and, for account roles, core/policy.c;
 * test_vocab.c checks the latter. Adding a word here is enough for the
 * API, the validation and the pages; renaming a key is a migration.
 */
#include <string.h>

#include "core/capacity/events.h"
#include "core/crisis/crisis.h"
#include "core/monitoring/evaluation.h"
#include "core/monitoring/recommendations.h"
#include "core/incident.h"
#include "core/reporting/report.h"
#include "core/reporting/triage_rules.h"
#include "core/forensics/custody.h"
#include "core/forensics/request.h"
#include "core/monitoring/legal.h"
#include "core/evidence24/preservation.h"
#include "core/vocab.h"

#define VOCAB(var, name, words) \
	const struct ccs_vocab var = { name, words, \
	    sizeof(words) / sizeof(words[0]) }

static const struct ccs_word contact_roles[] = {
	{ "ncpoc", "NCPOC", "NCPOCs" },
	{ "e_evidence_24x7", "24/7 e-evidence contact",
	    "24/7 e-evidence contacts" },
	{ "cert_duty", "CERT duty contact", "CERT duty contacts" },
	{ "steering_member", "Steering Committee member",
	    "Steering Committee members" },
};
VOCAB(ccs_contact_roles, "contact_roles", contact_roles);

static const struct ccs_word ncpoc_categories[] = {
	{ "law_enforcement", "Law enforcement", NULL },
	{ "ict_ministry", "ICT ministry", NULL },
	{ "parliamentary", "Parliamentary", NULL },
	{ "judiciary", "Judiciary", NULL },
	{ "other", "Other", NULL },
};
VOCAB(ccs_ncpoc_categories, "ncpoc_categories", ncpoc_categories);

/* Public kinds first: the bodies page lists them in this order. */
static const struct ccs_word org_kinds[] = {
	{ "governance_body", "Governance body", "Governance bodies" },
	{ "regional_agency", "Regional agency", "Regional agencies" },
	{ "international_partner", "International partner",
	    "International partners" },
	{ "academic", "Academic", "Academic partners" },
	{ "national_body", "National body", "National bodies" },
	{ "private_sector", "Private sector", "Private sector" },
	{ "other", "Other", "Other organisations" },
};
VOCAB(ccs_org_kinds, "organisation_kinds", org_kinds);

/* Lower case: pages use them inside sentences ("your role is partner"). */
static const struct ccs_word user_roles[] = {
	{ "admin", "administrator", NULL },
	{ "coordinator", "coordinator", NULL },
	{ "rifc_analyst", "RIFC analyst", NULL },
	{ "ncpoc", "NCPOC", NULL },
	{ "cert", "CERT", NULL },
	{ "steering", "Steering Committee", NULL },
	{ "partner", "partner", NULL },
};
VOCAB(ccs_user_roles, "user_roles", user_roles);

static const struct ccs_word state_statuses[] = {
	{ "member", "Member state", "Member states" },
	{ "associate", "Associate member", "Associate members" },
	{ "participant", "Other participant", "Other participants" },
};
VOCAB(ccs_state_statuses, "state_statuses", state_statuses);

static const struct ccs_word gci_pillars[] = {
	{ "legal", "Legal", NULL },
	{ "technical", "Technical", NULL },
	{ "organizational", "Organisational", NULL },
	{ "capacity_development", "Capacity development", NULL },
	{ "cooperation", "Cooperation", NULL },
};
VOCAB(ccs_gci_pillars, "gci_pillars", gci_pillars);

static const struct ccs_word cmm_dimensions[] = {
	{ "D1", "D1 Cybersecurity policy and strategy", NULL },
	{ "D2", "D2 Cyber culture and society", NULL },
	{ "D3", "D3 Cybersecurity education, training and skills", NULL },
	{ "D4", "D4 Legal and regulatory frameworks", NULL },
	{ "D5", "D5 Standards, organisations and technologies", NULL },
};
VOCAB(ccs_cmm_dimensions, "cmm_dimensions", cmm_dimensions);

const struct ccs_vocab *const ccs_vocabs[] = {
	&ccs_severities, &ccs_incident_statuses, &ccs_contact_roles,
	&ccs_ncpoc_categories, &ccs_org_kinds, &ccs_user_roles,
	&ccs_state_statuses, &ccs_gci_pillars, &ccs_cmm_dimensions,
	&ccs_training_audiences, &ccs_participant_roles,
	&ccs_campaign_audiences, &ccs_campaign_channels, &ccs_event_statuses,
	/* monitoring: meetings, recommendations, plan versions */
	&ccs_meeting_kinds, &ccs_rec_timeframes, &ccs_rec_statuses,
	&ccs_plan_changes, &ccs_eval_progress, &ccs_dac_criteria,
	/* public reports (core/reporting) */
	&ccs_rep_categories, &ccs_rep_victims, &ccs_rep_contacts,
	&ccs_rep_methods, &ccs_rep_statuses,
	/* public report triage */
	&ccs_report_statuses, &ccs_report_priorities, &ccs_report_referrals,
	/* legal harmonisation tracker */
	&ccs_legal_kinds, &ccs_legal_statuses, &ccs_legal_treaty_statuses,
	&ccs_legal_treaties, &ccs_legal_families,
	/* 24/7 preservation requests (core/evidence24) */
	&ccs_pres_statuses, &ccs_pres_actions, &ccs_pres_legal_bases,
	&ccs_pres_urgencies, &ccs_pres_data_categories,
	&ccs_pres_identifier_kinds, &ccs_pres_dues,
	/* forensics: pooled labs and chain of custody */
	&ccs_forensic_statuses, &ccs_forensic_urgencies, &ccs_forensic_devices,
	&ccs_evidence_copies, &ccs_evidence_kinds,
	/* cyber crisis management */
	&ccs_crisis_statuses, &ccs_crisis_roles, &ccs_crisis_log_kinds,
	&ccs_crisis_audiences, &ccs_crisis_channels, &ccs_crisis_task_statuses,
	&ccs_crisis_template_kinds, &ccs_crisis_tiers,
};
const size_t ccs_nvocabs = sizeof(ccs_vocabs) / sizeof(ccs_vocabs[0]);

const struct ccs_word *
ccs_vocab_word(const struct ccs_vocab *v, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < v->nwords; i++) {
		if (strcmp(v->words[i].key, key) == 0)
			return &v->words[i];
	}
	return NULL;
}

bool
ccs_vocab_has(const struct ccs_vocab *v, const char *key)
{
	return ccs_vocab_word(v, key) != NULL;
}
