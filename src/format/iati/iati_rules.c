/*
 * iati_rules.c: the part of the IATI 2.03 activity schema the reader
 * holds itself, as three tables: element names, which children each
 * element may have and how often, and which attributes with which types.
 *
 * Written from iati-activities-schema.xsd for the elements ccscap keeps
 * and for the simple code-only elements beside them; the larger elements
 * ccscap does not keep (location, contact-info, crs-add, fss...) are
 * counted but their insides are left to the XSD (ccs_iati_read_opts
 * .schema). Non-goal: element order (xsd:sequence), also left to the XSD.
 */
#include <stddef.h>
#include <string.h>

#include "format/iati/iati_impl.h"

static const struct {
	const char	*name;	/* element name */
	unsigned	 flags;	/* EF_* */
} els[E_COUNT] = {
	[E_UNKNOWN] = { "?", EF_SKIP },
	[E_ROOT] = { "iati-activities", 0 },
	[E_ACT] = { "iati-activity", EF_LIST },
	[E_IDENT] = { "iati-identifier", EF_TEXT },
	[E_REPORG] = { "reporting-org", 0 },
	[E_TITLE] = { "title", 0 },
	[E_DESC] = { "description", 0 },
	[E_NARR] = { "narrative", EF_TEXT | EF_LIST },
	[E_PORG] = { "participating-org", EF_LIST },
	[E_OTHERID] = { "other-identifier", EF_LIST },
	[E_OWNER] = { "owner-org", EF_SKIP },
	[E_STATUS] = { "activity-status", 0 },
	[E_ADATE] = { "activity-date", EF_LIST },
	[E_CONTACT] = { "contact-info", EF_LIST | EF_SKIP },
	[E_SCOPE] = { "activity-scope", 0 },
	[E_COUNTRY] = { "recipient-country", EF_LIST },
	[E_REGION] = { "recipient-region", EF_LIST },
	[E_LOCATION] = { "location", EF_LIST | EF_SKIP },
	[E_SECTOR] = { "sector", EF_LIST },
	[E_TAG] = { "tag", EF_LIST },
	[E_CBI] = { "country-budget-items", EF_SKIP },
	[E_HUMSCOPE] = { "humanitarian-scope", EF_LIST | EF_SKIP },
	[E_POLICY] = { "policy-marker", EF_LIST },
	[E_COLLAB] = { "collaboration-type", 0 },
	[E_DFLOW] = { "default-flow-type", 0 },
	[E_DFIN] = { "default-finance-type", 0 },
	[E_DAID] = { "default-aid-type", EF_LIST },
	[E_DTIED] = { "default-tied-status", 0 },
	[E_BUDGET] = { "budget", EF_LIST },
	[E_PLANDISB] = { "planned-disbursement", EF_LIST | EF_SKIP },
	[E_CAPSPEND] = { "capital-spend", 0 },
	[E_TX] = { "transaction", EF_LIST },
	[E_DOC] = { "document-link", EF_LIST },
	[E_REL] = { "related-activity", EF_LIST },
	[E_LEGACY] = { "legacy-data", EF_LIST },
	[E_CONDITIONS] = { "conditions", EF_SKIP },
	[E_RESULT] = { "result", EF_LIST },
	[E_CRSADD] = { "crs-add", EF_SKIP },
	[E_FSS] = { "fss", EF_SKIP },
	[E_PSTART] = { "period-start", 0 },
	[E_PEND] = { "period-end", 0 },
	[E_VALUE] = { "value", EF_TEXT },
	[E_TXTYPE] = { "transaction-type", 0 },
	[E_TXDATE] = { "transaction-date", 0 },
	[E_PROV] = { "provider-org", 0 },
	[E_RECV] = { "receiver-org", 0 },
	[E_DISB] = { "disbursement-channel", 0 },
	[E_FLOW] = { "flow-type", 0 },
	[E_FIN] = { "finance-type", 0 },
	[E_AID] = { "aid-type", EF_LIST },
	[E_TIED] = { "tied-status", 0 },
	[E_CAT] = { "category", EF_LIST },
	[E_LANGUAGE] = { "language", EF_LIST },
	[E_DOCDATE] = { "document-date", 0 },
	[E_IND] = { "indicator", EF_LIST },
	[E_REF] = { "reference", EF_LIST },
	[E_BASELINE] = { "baseline", EF_LIST },
	[E_COMMENT] = { "comment", 0 },
	[E_PERIOD] = { "period", EF_LIST },
	[E_TARGET] = { "target", EF_LIST },
	[E_ACTUAL] = { "actual", EF_LIST },
	[E_DIMENSION] = { "dimension", EF_LIST | EF_SKIP },
};

const struct iati_child_rule iati_children[] = {
	{ E_ROOT, E_ACT, 1, 0 },

	{ E_ACT, E_IDENT, 1, 1 },	{ E_ACT, E_REPORG, 1, 1 },
	{ E_ACT, E_TITLE, 1, 1 },	{ E_ACT, E_DESC, 1, 0 },
	{ E_ACT, E_PORG, 1, 0 },	{ E_ACT, E_OTHERID, 0, 0 },
	{ E_ACT, E_STATUS, 1, 1 },	{ E_ACT, E_ADATE, 1, 0 },
	{ E_ACT, E_CONTACT, 0, 0 },	{ E_ACT, E_SCOPE, 0, 1 },
	{ E_ACT, E_COUNTRY, 0, 0 },	{ E_ACT, E_REGION, 0, 0 },
	{ E_ACT, E_LOCATION, 0, 0 },	{ E_ACT, E_SECTOR, 0, 0 },
	{ E_ACT, E_TAG, 0, 0 },		{ E_ACT, E_CBI, 0, 1 },
	{ E_ACT, E_HUMSCOPE, 0, 0 },	{ E_ACT, E_POLICY, 0, 0 },
	{ E_ACT, E_COLLAB, 0, 1 },	{ E_ACT, E_DFLOW, 0, 1 },
	{ E_ACT, E_DFIN, 0, 1 },	{ E_ACT, E_DAID, 0, 0 },
	{ E_ACT, E_DTIED, 0, 1 },	{ E_ACT, E_BUDGET, 0, 0 },
	{ E_ACT, E_PLANDISB, 0, 0 },	{ E_ACT, E_CAPSPEND, 0, 1 },
	{ E_ACT, E_TX, 0, 0 },		{ E_ACT, E_DOC, 0, 0 },
	{ E_ACT, E_REL, 0, 0 },		{ E_ACT, E_LEGACY, 0, 0 },
	{ E_ACT, E_CONDITIONS, 0, 1 },	{ E_ACT, E_RESULT, 0, 0 },
	{ E_ACT, E_CRSADD, 0, 1 },	{ E_ACT, E_FSS, 0, 1 },

	{ E_REPORG, E_NARR, 1, 0 },	{ E_TITLE, E_NARR, 1, 0 },
	{ E_DESC, E_NARR, 1, 0 },	{ E_COMMENT, E_NARR, 1, 0 },
	{ E_PORG, E_NARR, 0, 0 },	{ E_ADATE, E_NARR, 0, 0 },
	{ E_COUNTRY, E_NARR, 0, 0 },	{ E_REGION, E_NARR, 0, 0 },
	{ E_SECTOR, E_NARR, 0, 0 },	{ E_TAG, E_NARR, 0, 0 },
	{ E_POLICY, E_NARR, 0, 0 },	{ E_PROV, E_NARR, 0, 0 },
	{ E_RECV, E_NARR, 0, 0 },	{ E_OTHERID, E_OWNER, 0, 1 },

	{ E_BUDGET, E_PSTART, 1, 1 },	{ E_BUDGET, E_PEND, 1, 1 },
	{ E_BUDGET, E_VALUE, 1, 1 },

	{ E_TX, E_TXTYPE, 1, 1 },	{ E_TX, E_TXDATE, 1, 1 },
	{ E_TX, E_VALUE, 1, 1 },	{ E_TX, E_DESC, 0, 1 },
	{ E_TX, E_PROV, 0, 1 },		{ E_TX, E_RECV, 0, 1 },
	{ E_TX, E_DISB, 0, 1 },		{ E_TX, E_SECTOR, 0, 0 },
	{ E_TX, E_COUNTRY, 0, 1 },	{ E_TX, E_REGION, 0, 1 },
	{ E_TX, E_FLOW, 0, 1 },		{ E_TX, E_FIN, 0, 1 },
	{ E_TX, E_AID, 0, 0 },		{ E_TX, E_TIED, 0, 1 },

	{ E_DOC, E_TITLE, 1, 1 },	{ E_DOC, E_DESC, 0, 1 },
	{ E_DOC, E_CAT, 1, 0 },		{ E_DOC, E_LANGUAGE, 0, 0 },
	{ E_DOC, E_DOCDATE, 0, 1 },

	{ E_RESULT, E_TITLE, 1, 1 },	{ E_RESULT, E_DESC, 0, 1 },
	{ E_RESULT, E_DOC, 0, 0 },	{ E_RESULT, E_REF, 0, 0 },
	{ E_RESULT, E_IND, 1, 0 },
	{ E_IND, E_TITLE, 1, 1 },	{ E_IND, E_DESC, 0, 1 },
	{ E_IND, E_DOC, 0, 0 },		{ E_IND, E_REF, 0, 0 },
	{ E_IND, E_BASELINE, 0, 0 },	{ E_IND, E_PERIOD, 0, 0 },
	{ E_BASELINE, E_LOCATION, 0, 0 }, { E_BASELINE, E_DIMENSION, 0, 0 },
	{ E_BASELINE, E_DOC, 0, 0 },	{ E_BASELINE, E_COMMENT, 0, 1 },
	{ E_PERIOD, E_PSTART, 1, 1 },	{ E_PERIOD, E_PEND, 1, 1 },
	{ E_PERIOD, E_TARGET, 0, 0 },	{ E_PERIOD, E_ACTUAL, 0, 0 },
	{ E_TARGET, E_LOCATION, 0, 0 },	{ E_TARGET, E_DIMENSION, 0, 0 },
	{ E_TARGET, E_COMMENT, 0, 1 },	{ E_TARGET, E_DOC, 0, 0 },
	{ E_ACTUAL, E_LOCATION, 0, 0 },	{ E_ACTUAL, E_DIMENSION, 0, 0 },
	{ E_ACTUAL, E_COMMENT, 0, 1 },	{ E_ACTUAL, E_DOC, 0, 0 },
	{ E_UNKNOWN, E_UNKNOWN, 0, 0 }
};

#define A(el, n, k, req, l)	{ el, n, k, req, l }
#define S(el, n, req)		{ el, n, K_STR, req, 0 }

const struct iati_attr_rule iati_attrs[] = {
	S(E_ROOT, "version", 1),
	A(E_ROOT, "generated-datetime", K_DATETIME, 0, 0),
	S(E_ROOT, "linked-data-default", 0),

	A(E_ACT, "last-updated-datetime", K_DATETIME, 0, 0),
	S(E_ACT, "xml:lang", 0),
	A(E_ACT, "default-currency", K_CURRENCY, 0, 0),
	A(E_ACT, "humanitarian", K_BOOL, 0, 0),
	A(E_ACT, "hierarchy", K_INT, 0, 0),
	S(E_ACT, "linked-data-uri", 0),
	S(E_ACT, "budget-not-provided", 0),

	S(E_NARR, "xml:lang", 0),
	S(E_REPORG, "ref", 1),
	A(E_REPORG, "type", K_CODE, 1, CCS_IATI_ORG_TYPE),
	A(E_REPORG, "secondary-reporter", K_BOOL, 0, 0),
	S(E_PORG, "ref", 0),
	A(E_PORG, "type", K_CODE, 0, CCS_IATI_ORG_TYPE),
	A(E_PORG, "role", K_CODE, 1, CCS_IATI_ORG_ROLE),
	S(E_PORG, "activity-id", 0),
	S(E_PORG, "crs-channel-code", 0),
	S(E_OTHERID, "ref", 1),
	S(E_OTHERID, "type", 1),
	A(E_DESC, "type", K_CODE, 0, CCS_IATI_DESCRIPTION_TYPE),
	A(E_STATUS, "code", K_CODE, 1, CCS_IATI_ACTIVITY_STATUS),
	A(E_ADATE, "type", K_CODE, 1, CCS_IATI_DATE_TYPE),
	A(E_ADATE, "iso-date", K_DATE, 1, 0),
	A(E_SCOPE, "code", K_CODE, 1, CCS_IATI_SCOPE),
	A(E_COUNTRY, "code", K_COUNTRY, 1, 0),
	A(E_COUNTRY, "percentage", K_PCT, 0, 0),
	S(E_REGION, "code", 1),
	A(E_REGION, "vocabulary", K_CODE, 0, CCS_IATI_REGION_VOCAB),
	S(E_REGION, "vocabulary-uri", 0),
	A(E_REGION, "percentage", K_PCT, 0, 0),
	A(E_SECTOR, "vocabulary", K_CODE, 0, CCS_IATI_SECTOR_VOCAB),
	S(E_SECTOR, "vocabulary-uri", 0),
	S(E_SECTOR, "code", 1),
	A(E_SECTOR, "percentage", K_PCT, 0, 0),
	A(E_TAG, "vocabulary", K_CODE, 1, CCS_IATI_TAG_VOCAB),
	S(E_TAG, "vocabulary-uri", 0),
	S(E_TAG, "code", 1),
	S(E_POLICY, "code", 1),
	S(E_POLICY, "vocabulary", 0),
	S(E_POLICY, "vocabulary-uri", 0),
	S(E_POLICY, "significance", 0),
	S(E_COLLAB, "code", 1),
	S(E_DFLOW, "code", 1),
	S(E_DFIN, "code", 1),
	S(E_DAID, "code", 1),
	S(E_DAID, "vocabulary", 0),
	S(E_DTIED, "code", 1),
	A(E_CAPSPEND, "percentage", K_DEC, 1, 0),
	S(E_LEGACY, "name", 1),
	S(E_LEGACY, "value", 1),
	S(E_LEGACY, "iati-equivalent", 0),

	A(E_BUDGET, "type", K_CODE, 0, CCS_IATI_BUDGET_TYPE),
	A(E_BUDGET, "status", K_CODE, 0, CCS_IATI_BUDGET_STATUS),
	A(E_PSTART, "iso-date", K_DATE, 1, 0),
	A(E_PEND, "iso-date", K_DATE, 1, 0),
	A(E_VALUE, "currency", K_CURRENCY, 0, 0),
	A(E_VALUE, "value-date", K_DATE, 1, 0),

	S(E_TX, "ref", 0),
	A(E_TX, "humanitarian", K_BOOL, 0, 0),
	A(E_TXTYPE, "code", K_CODE, 1, CCS_IATI_TRANSACTION_TYPE),
	A(E_TXDATE, "iso-date", K_DATE, 1, 0),
	S(E_PROV, "ref", 0),
	S(E_PROV, "provider-activity-id", 0),
	A(E_PROV, "type", K_CODE, 0, CCS_IATI_ORG_TYPE),
	S(E_RECV, "ref", 0),
	S(E_RECV, "receiver-activity-id", 0),
	A(E_RECV, "type", K_CODE, 0, CCS_IATI_ORG_TYPE),
	S(E_DISB, "code", 1),
	S(E_FLOW, "code", 1),
	S(E_FIN, "code", 1),
	S(E_AID, "code", 1),
	S(E_AID, "vocabulary", 0),
	S(E_TIED, "code", 1),

	S(E_DOC, "url", 1),
	S(E_DOC, "format", 1),
	S(E_CAT, "code", 1),
	S(E_LANGUAGE, "code", 1),
	A(E_DOCDATE, "iso-date", K_DATE, 1, 0),
	S(E_REL, "ref", 1),
	A(E_REL, "type", K_CODE, 1, CCS_IATI_RELATED_TYPE),

	A(E_RESULT, "type", K_CODE, 1, CCS_IATI_RESULT_TYPE),
	A(E_RESULT, "aggregation-status", K_BOOL, 0, 0),
	A(E_IND, "measure", K_CODE, 1, CCS_IATI_MEASURE),
	A(E_IND, "ascending", K_BOOL, 0, 0),
	A(E_IND, "aggregation-status", K_BOOL, 0, 0),
	S(E_REF, "vocabulary", 1),
	S(E_REF, "code", 1),
	S(E_REF, "indicator-uri", 0),
	A(E_BASELINE, "year", K_POSINT, 1, 0),
	A(E_BASELINE, "iso-date", K_DATE, 0, 0),
	S(E_BASELINE, "value", 0),
	S(E_TARGET, "value", 0),
	S(E_ACTUAL, "value", 0),
	{ E_UNKNOWN, NULL, K_STR, 0, 0 }
};

enum iati_el
iati_el_of(const char *name)
{
	int i;

	for (i = E_ROOT; i < E_COUNT; i++)
		if (strcmp(els[i].name, name) == 0)
			return (enum iati_el)i;
	return E_UNKNOWN;
}

const char *
iati_el_name(enum iati_el el)
{
	return (unsigned)el < E_COUNT ? els[el].name : "?";
}

unsigned
iati_el_flags(enum iati_el el)
{
	return (unsigned)el < E_COUNT ? els[el].flags : EF_SKIP;
}

const struct iati_child_rule *
iati_child_rule(enum iati_el parent, enum iati_el child)
{
	const struct iati_child_rule *c;

	for (c = iati_children; c->parent != E_UNKNOWN; c++)
		if (c->parent == parent && c->child == child)
			return c;
	return NULL;
}

const struct iati_attr_rule *
iati_attr_rule(enum iati_el el, const char *name)
{
	const struct iati_attr_rule *a;

	for (a = iati_attrs; a->name != NULL; a++)
		if (a->el == el && strcmp(a->name, name) == 0)
			return a;
	return NULL;
}
