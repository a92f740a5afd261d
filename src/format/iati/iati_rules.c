/*
 * iati_rules.c: the IATI 2.03 activity schema as the reader holds it, as
 * three tables: element names (with the type of their text), which
 * children each element may have, in which order and how often, and
 * which attributes with which types.
 *
 * Written by hand from iati-activities-schema.xsd and iati-common.xsd
 * (release 2.03) for every element of an activity, so the reader refuses
 * what the schema refuses without the schema being present. Every
 * xsd:sequence of the schema is a sequence here: children out of order
 * are refused, and extension elements (another namespace) only come
 * after the named children, as the schema's trailing xsd:any says. Names
 * that mean two types are told apart by their parent: a result's
 * location (ref only), a description's @type (an activity's only), the
 * percentage of a transaction's sector or recipient (none), a result's
 * and an indicator's reference. Non-goals: xsd:anyURI syntax.
 */
#include <stddef.h>
#include <string.h>

#include "format/iati/iati_impl.h"

static const struct {
	const char	*name;	/* element name */
	unsigned	 flags;	/* EF_* */
	enum iati_kind	 text;	/* EF_TEXT: the type of its text */
} els[E_COUNT] = {
	[E_UNKNOWN] = { "?", EF_SKIP, K_STR },
	[E_ROOT] = { "iati-activities", 0, K_STR },
	[E_ACT] = { "iati-activity", EF_LIST, K_STR },
	[E_IDENT] = { "iati-identifier", EF_TEXT, K_STR },
	[E_REPORG] = { "reporting-org", 0, K_STR },
	[E_TITLE] = { "title", 0, K_STR },
	[E_DESC] = { "description", 0, K_STR },
	[E_NARR] = { "narrative", EF_TEXT | EF_LIST, K_STR },
	[E_PORG] = { "participating-org", EF_LIST, K_STR },
	[E_OTHERID] = { "other-identifier", EF_LIST, K_STR },
	[E_OWNER] = { "owner-org", 0, K_STR },
	[E_STATUS] = { "activity-status", 0, K_STR },
	[E_ADATE] = { "activity-date", EF_LIST, K_STR },
	[E_CONTACT] = { "contact-info", EF_LIST, K_STR },
	[E_SCOPE] = { "activity-scope", 0, K_STR },
	[E_COUNTRY] = { "recipient-country", EF_LIST, K_STR },
	[E_REGION] = { "recipient-region", EF_LIST, K_STR },
	[E_LOCATION] = { "location", EF_LIST, K_STR },
	[E_SECTOR] = { "sector", EF_LIST, K_STR },
	[E_TAG] = { "tag", EF_LIST, K_STR },
	[E_CBI] = { "country-budget-items", 0, K_STR },
	[E_HUMSCOPE] = { "humanitarian-scope", EF_LIST, K_STR },
	[E_POLICY] = { "policy-marker", EF_LIST, K_STR },
	[E_COLLAB] = { "collaboration-type", 0, K_STR },
	[E_DFLOW] = { "default-flow-type", 0, K_STR },
	[E_DFIN] = { "default-finance-type", 0, K_STR },
	[E_DAID] = { "default-aid-type", EF_LIST, K_STR },
	[E_DTIED] = { "default-tied-status", 0, K_STR },
	[E_BUDGET] = { "budget", EF_LIST, K_STR },
	[E_PLANDISB] = { "planned-disbursement", EF_LIST, K_STR },
	[E_CAPSPEND] = { "capital-spend", 0, K_STR },
	[E_TX] = { "transaction", EF_LIST, K_STR },
	[E_DOC] = { "document-link", EF_LIST, K_STR },
	[E_REL] = { "related-activity", EF_LIST | EF_CLOSED, K_STR },
	[E_LEGACY] = { "legacy-data", EF_LIST | EF_CLOSED, K_STR },
	[E_CONDITIONS] = { "conditions", 0, K_STR },
	[E_RESULT] = { "result", EF_LIST, K_STR },
	[E_CRSADD] = { "crs-add", 0, K_STR },
	[E_FSS] = { "fss", 0, K_STR },
	[E_PSTART] = { "period-start", 0, K_STR },
	[E_PEND] = { "period-end", 0, K_STR },
	[E_VALUE] = { "value", EF_TEXT, K_DEC },
	[E_TXTYPE] = { "transaction-type", 0, K_STR },
	[E_TXDATE] = { "transaction-date", 0, K_STR },
	[E_PROV] = { "provider-org", 0, K_STR },
	[E_RECV] = { "receiver-org", 0, K_STR },
	[E_DISB] = { "disbursement-channel", 0, K_STR },
	[E_FLOW] = { "flow-type", 0, K_STR },
	[E_FIN] = { "finance-type", 0, K_STR },
	[E_AID] = { "aid-type", EF_LIST, K_STR },
	[E_TIED] = { "tied-status", 0, K_STR },
	[E_CAT] = { "category", EF_LIST, K_STR },
	[E_LANGUAGE] = { "language", EF_LIST, K_STR },
	[E_DOCDATE] = { "document-date", 0, K_STR },
	[E_IND] = { "indicator", EF_LIST, K_STR },
	[E_REF] = { "reference", EF_LIST, K_STR },
	[E_BASELINE] = { "baseline", EF_LIST, K_STR },
	[E_COMMENT] = { "comment", 0, K_STR },
	[E_PERIOD] = { "period", EF_LIST, K_STR },
	[E_TARGET] = { "target", EF_LIST | EF_CLOSED, K_STR },
	[E_ACTUAL] = { "actual", EF_LIST | EF_CLOSED, K_STR },
	[E_DIMENSION] = { "dimension", EF_LIST, K_STR },
	[E_CORG] = { "organisation", 0, K_STR },
	[E_CDEPT] = { "department", 0, K_STR },
	[E_CPERSON] = { "person-name", 0, K_STR },
	[E_CJOB] = { "job-title", 0, K_STR },
	[E_CTEL] = { "telephone", EF_TEXT | EF_LIST, K_STR },
	[E_CEMAIL] = { "email", EF_TEXT | EF_LIST, K_STR },
	[E_CWEB] = { "website", EF_TEXT | EF_LIST, K_STR },
	[E_CMAIL] = { "mailing-address", EF_LIST, K_STR },
	[E_LREACH] = { "location-reach", 0, K_STR },
	[E_LID] = { "location-id", EF_LIST, K_STR },
	[E_LNAME] = { "name", 0, K_STR },
	[E_LACTDESC] = { "activity-description", 0, K_STR },
	[E_LADMIN] = { "administrative", EF_LIST, K_STR },
	[E_LPOINT] = { "point", 0, K_STR },
	[E_LPOS] = { "pos", EF_TEXT | EF_CLOSED, K_STR },
	[E_LEXACT] = { "exactness", 0, K_STR },
	[E_LCLASS] = { "location-class", 0, K_STR },
	[E_LFEAT] = { "feature-designation", 0, K_STR },
	[E_RLOCATION] = { "location", EF_LIST, K_STR },
	[E_BITEM] = { "budget-item", EF_LIST, K_STR },
	[E_CONDITION] = { "condition", EF_LIST | EF_CLOSED, K_STR },
	[E_FORECAST] = { "forecast", EF_TEXT | EF_LIST, K_DEC },
	[E_OFLAGS] = { "other-flags", EF_LIST, K_STR },
	[E_LTERMS] = { "loan-terms", 0, K_STR },
	[E_RTYPE] = { "repayment-type", 0, K_STR },
	[E_RPLAN] = { "repayment-plan", 0, K_STR },
	[E_CDATE] = { "commitment-date", 0, K_STR },
	[E_RFIRST] = { "repayment-first-date", 0, K_STR },
	[E_RFINAL] = { "repayment-final-date", 0, K_STR },
	[E_LSTATUS] = { "loan-status", 0, K_STR },
	[E_INTREC] = { "interest-received", EF_TEXT | EF_CLOSED, K_DEC },
	[E_PRINOUT] = { "principal-outstanding", EF_TEXT | EF_CLOSED, K_DEC },
	[E_PRINARR] = { "principal-arrears", EF_TEXT | EF_CLOSED, K_DEC },
	[E_INTARR] = { "interest-arrears", EF_TEXT | EF_CLOSED, K_DEC },
	[E_CHANNEL] = { "channel-code", EF_TEXT | EF_CLOSED, K_STR },
};

#define C(p, c, min, max)	{ p, c, min, max, E_UNKNOWN }
#define N			0	/* maxOccurs="unbounded" */

/* Each parent's children in the order of its xsd:sequence. */
const struct iati_child_rule iati_children[] = {
	C(E_ROOT, E_ACT, 1, N),

	C(E_ACT, E_IDENT, 1, 1),	C(E_ACT, E_REPORG, 1, 1),
	C(E_ACT, E_TITLE, 1, 1),	C(E_ACT, E_DESC, 1, N),
	C(E_ACT, E_PORG, 1, N),		C(E_ACT, E_OTHERID, 0, N),
	C(E_ACT, E_STATUS, 1, 1),	C(E_ACT, E_ADATE, 1, N),
	C(E_ACT, E_CONTACT, 0, N),	C(E_ACT, E_SCOPE, 0, 1),
	C(E_ACT, E_COUNTRY, 0, N),	C(E_ACT, E_REGION, 0, N),
	C(E_ACT, E_LOCATION, 0, N),	C(E_ACT, E_SECTOR, 0, N),
	C(E_ACT, E_TAG, 0, N),		C(E_ACT, E_CBI, 0, 1),
	C(E_ACT, E_HUMSCOPE, 0, N),	C(E_ACT, E_POLICY, 0, N),
	C(E_ACT, E_COLLAB, 0, 1),	C(E_ACT, E_DFLOW, 0, 1),
	C(E_ACT, E_DFIN, 0, 1),		C(E_ACT, E_DAID, 0, N),
	C(E_ACT, E_DTIED, 0, 1),	C(E_ACT, E_BUDGET, 0, N),
	C(E_ACT, E_PLANDISB, 0, N),	C(E_ACT, E_CAPSPEND, 0, 1),
	C(E_ACT, E_TX, 0, N),		C(E_ACT, E_DOC, 0, N),
	C(E_ACT, E_REL, 0, N),		C(E_ACT, E_LEGACY, 0, N),
	C(E_ACT, E_CONDITIONS, 0, 1),	C(E_ACT, E_RESULT, 0, N),
	C(E_ACT, E_CRSADD, 0, 1),	C(E_ACT, E_FSS, 0, 1),

	/* textRequiredType, descriptionBase: narrative 1..n */
	C(E_REPORG, E_NARR, 1, N),	C(E_TITLE, E_NARR, 1, N),
	C(E_DESC, E_NARR, 1, N),	C(E_COMMENT, E_NARR, 1, N),
	C(E_CORG, E_NARR, 1, N),	C(E_CDEPT, E_NARR, 1, N),
	C(E_CPERSON, E_NARR, 1, N),	C(E_CJOB, E_NARR, 1, N),
	C(E_CMAIL, E_NARR, 1, N),	C(E_LNAME, E_NARR, 1, N),
	C(E_LACTDESC, E_NARR, 1, N),	C(E_CONDITION, E_NARR, 1, N),
	/* textType: narrative 0..n */
	C(E_PORG, E_NARR, 0, N),	C(E_ADATE, E_NARR, 0, N),
	C(E_COUNTRY, E_NARR, 0, N),	C(E_REGION, E_NARR, 0, N),
	C(E_SECTOR, E_NARR, 0, N),	C(E_TAG, E_NARR, 0, N),
	C(E_POLICY, E_NARR, 0, N),	C(E_PROV, E_NARR, 0, N),
	C(E_RECV, E_NARR, 0, N),	C(E_OWNER, E_NARR, 0, N),
	C(E_HUMSCOPE, E_NARR, 0, N),

	C(E_OTHERID, E_OWNER, 0, 1),

	C(E_CONTACT, E_CORG, 0, 1),	C(E_CONTACT, E_CDEPT, 0, 1),
	C(E_CONTACT, E_CPERSON, 0, 1),	C(E_CONTACT, E_CJOB, 0, 1),
	C(E_CONTACT, E_CTEL, 0, N),	C(E_CONTACT, E_CEMAIL, 0, N),
	C(E_CONTACT, E_CWEB, 0, N),	C(E_CONTACT, E_CMAIL, 0, N),

	C(E_LOCATION, E_LREACH, 0, 1),	C(E_LOCATION, E_LID, 0, N),
	C(E_LOCATION, E_LNAME, 0, 1),	C(E_LOCATION, E_DESC, 0, 1),
	C(E_LOCATION, E_LACTDESC, 0, 1), C(E_LOCATION, E_LADMIN, 0, N),
	C(E_LOCATION, E_LPOINT, 0, 1),	C(E_LOCATION, E_LEXACT, 0, 1),
	C(E_LOCATION, E_LCLASS, 0, 1),	C(E_LOCATION, E_LFEAT, 0, 1),
	C(E_LPOINT, E_LPOS, 1, 1),

	C(E_CBI, E_BITEM, 1, N),	C(E_BITEM, E_DESC, 0, 1),

	C(E_BUDGET, E_PSTART, 1, 1),	C(E_BUDGET, E_PEND, 1, 1),
	C(E_BUDGET, E_VALUE, 1, 1),

	C(E_PLANDISB, E_PSTART, 1, 1),	C(E_PLANDISB, E_PEND, 0, 1),
	C(E_PLANDISB, E_VALUE, 1, 1),	C(E_PLANDISB, E_PROV, 0, 1),
	C(E_PLANDISB, E_RECV, 0, 1),

	C(E_TX, E_TXTYPE, 1, 1),	C(E_TX, E_TXDATE, 1, 1),
	C(E_TX, E_VALUE, 1, 1),		C(E_TX, E_DESC, 0, 1),
	C(E_TX, E_PROV, 0, 1),		C(E_TX, E_RECV, 0, 1),
	C(E_TX, E_DISB, 0, 1),		C(E_TX, E_SECTOR, 0, N),
	C(E_TX, E_COUNTRY, 0, 1),	C(E_TX, E_REGION, 0, 1),
	C(E_TX, E_FLOW, 0, 1),		C(E_TX, E_FIN, 0, 1),
	C(E_TX, E_AID, 0, N),		C(E_TX, E_TIED, 0, 1),

	C(E_DOC, E_TITLE, 1, 1),	C(E_DOC, E_DESC, 0, 1),
	C(E_DOC, E_CAT, 1, N),		C(E_DOC, E_LANGUAGE, 0, N),
	C(E_DOC, E_DOCDATE, 0, 1),

	C(E_CONDITIONS, E_CONDITION, 0, N),

	C(E_RESULT, E_TITLE, 1, 1),	C(E_RESULT, E_DESC, 0, 1),
	C(E_RESULT, E_DOC, 0, N),	C(E_RESULT, E_REF, 0, N),
	C(E_RESULT, E_IND, 1, N),
	C(E_IND, E_TITLE, 1, 1),	C(E_IND, E_DESC, 0, 1),
	C(E_IND, E_DOC, 0, N),		C(E_IND, E_REF, 0, N),
	C(E_IND, E_BASELINE, 0, N),	C(E_IND, E_PERIOD, 0, N),
	{ E_BASELINE, E_LOCATION, 0, N, E_RLOCATION },
	C(E_BASELINE, E_DIMENSION, 0, N), C(E_BASELINE, E_DOC, 0, N),
	C(E_BASELINE, E_COMMENT, 0, 1),
	C(E_PERIOD, E_PSTART, 1, 1),	C(E_PERIOD, E_PEND, 1, 1),
	C(E_PERIOD, E_TARGET, 0, N),	C(E_PERIOD, E_ACTUAL, 0, N),
	{ E_TARGET, E_LOCATION, 0, N, E_RLOCATION },
	C(E_TARGET, E_DIMENSION, 0, N),	C(E_TARGET, E_COMMENT, 0, 1),
	C(E_TARGET, E_DOC, 0, N),
	{ E_ACTUAL, E_LOCATION, 0, N, E_RLOCATION },
	C(E_ACTUAL, E_DIMENSION, 0, N),	C(E_ACTUAL, E_COMMENT, 0, 1),
	C(E_ACTUAL, E_DOC, 0, N),

	C(E_CRSADD, E_OFLAGS, 0, N),	C(E_CRSADD, E_LTERMS, 0, 1),
	C(E_CRSADD, E_LSTATUS, 0, 1),	C(E_CRSADD, E_CHANNEL, 0, 1),
	C(E_LTERMS, E_RTYPE, 0, 1),	C(E_LTERMS, E_RPLAN, 0, 1),
	C(E_LTERMS, E_CDATE, 0, 1),	C(E_LTERMS, E_RFIRST, 0, 1),
	C(E_LTERMS, E_RFINAL, 0, 1),
	C(E_LSTATUS, E_INTREC, 0, 1),	C(E_LSTATUS, E_PRINOUT, 0, 1),
	C(E_LSTATUS, E_PRINARR, 0, 1),	C(E_LSTATUS, E_INTARR, 0, 1),

	C(E_FSS, E_FORECAST, 0, N),
	C(E_UNKNOWN, E_UNKNOWN, 0, 0)
};

#define A(el, n, k, req, l)	{ el, E_UNKNOWN, n, k, req, l }
#define S(el, n, req)		{ el, E_UNKNOWN, n, K_STR, req, 0 }
#define AP(el, p, n, k, req)	{ el, p, n, k, req, 0 }
#define D(el)			A(el, "iso-date", K_DATE, 1, 0)
#define CODE(el)		S(el, "code", 1)

const struct iati_attr_rule iati_attrs[] = {
	S(E_ROOT, "version", 1),
	A(E_ROOT, "generated-datetime", K_DATETIME, 0, 0),
	S(E_ROOT, "linked-data-default", 0),

	A(E_ACT, "last-updated-datetime", K_DATETIME, 0, 0),
	A(E_ACT, "xml:lang", K_LANG, 0, 0),
	A(E_ACT, "default-currency", K_CURRENCY, 0, 0),
	A(E_ACT, "humanitarian", K_BOOL, 0, 0),
	A(E_ACT, "hierarchy", K_INT, 0, 0),
	S(E_ACT, "linked-data-uri", 0),
	S(E_ACT, "budget-not-provided", 0),

	A(E_NARR, "xml:lang", K_LANG, 0, 0),
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
	S(E_OWNER, "ref", 0),
	{ E_DESC, E_ACT, "type", K_CODE, 0, CCS_IATI_DESCRIPTION_TYPE },
	A(E_STATUS, "code", K_CODE, 1, CCS_IATI_ACTIVITY_STATUS),
	A(E_ADATE, "type", K_CODE, 1, CCS_IATI_DATE_TYPE),
	D(E_ADATE),
	S(E_CONTACT, "type", 0),
	A(E_SCOPE, "code", K_CODE, 1, CCS_IATI_SCOPE),
	A(E_COUNTRY, "code", K_COUNTRY, 1, 0),
	AP(E_COUNTRY, E_ACT, "percentage", K_PCT, 0),
	S(E_REGION, "code", 1),
	A(E_REGION, "vocabulary", K_CODE, 0, CCS_IATI_REGION_VOCAB),
	S(E_REGION, "vocabulary-uri", 0),
	AP(E_REGION, E_ACT, "percentage", K_PCT, 0),

	S(E_LOCATION, "ref", 0),
	CODE(E_LREACH),
	CODE(E_LID),			S(E_LID, "vocabulary", 1),
	CODE(E_LADMIN),			S(E_LADMIN, "vocabulary", 1),
	A(E_LADMIN, "level", K_NNINT, 0, 0),
	S(E_LPOINT, "srsName", 1),
	CODE(E_LEXACT),			CODE(E_LCLASS),
	CODE(E_LFEAT),
	S(E_RLOCATION, "ref", 0),

	A(E_SECTOR, "vocabulary", K_CODE, 0, CCS_IATI_SECTOR_VOCAB),
	S(E_SECTOR, "vocabulary-uri", 0),
	S(E_SECTOR, "code", 1),
	AP(E_SECTOR, E_ACT, "percentage", K_PCT, 0),
	A(E_TAG, "vocabulary", K_CODE, 1, CCS_IATI_TAG_VOCAB),
	S(E_TAG, "vocabulary-uri", 0),
	S(E_TAG, "code", 1),
	S(E_CBI, "vocabulary", 1),
	CODE(E_BITEM),
	A(E_BITEM, "percentage", K_PCT, 0, 0),
	S(E_HUMSCOPE, "type", 1),
	S(E_HUMSCOPE, "vocabulary", 1),
	S(E_HUMSCOPE, "vocabulary-uri", 0),
	CODE(E_HUMSCOPE),
	S(E_POLICY, "code", 1),
	S(E_POLICY, "vocabulary", 0),
	S(E_POLICY, "vocabulary-uri", 0),
	S(E_POLICY, "significance", 0),
	CODE(E_COLLAB),			CODE(E_DFLOW),
	CODE(E_DFIN),
	CODE(E_DAID),			S(E_DAID, "vocabulary", 0),
	CODE(E_DTIED),
	A(E_CAPSPEND, "percentage", K_DEC, 1, 0),
	S(E_LEGACY, "name", 1),
	S(E_LEGACY, "value", 1),
	S(E_LEGACY, "iati-equivalent", 0),

	A(E_BUDGET, "type", K_CODE, 0, CCS_IATI_BUDGET_TYPE),
	A(E_BUDGET, "status", K_CODE, 0, CCS_IATI_BUDGET_STATUS),
	S(E_PLANDISB, "type", 0),
	D(E_PSTART),			D(E_PEND),
	A(E_VALUE, "currency", K_CURRENCY, 0, 0),
	A(E_VALUE, "value-date", K_DATE, 1, 0),

	S(E_TX, "ref", 0),
	A(E_TX, "humanitarian", K_BOOL, 0, 0),
	A(E_TXTYPE, "code", K_CODE, 1, CCS_IATI_TRANSACTION_TYPE),
	D(E_TXDATE),
	S(E_PROV, "ref", 0),
	S(E_PROV, "provider-activity-id", 0),
	A(E_PROV, "type", K_CODE, 0, CCS_IATI_ORG_TYPE),
	S(E_RECV, "ref", 0),
	S(E_RECV, "receiver-activity-id", 0),
	A(E_RECV, "type", K_CODE, 0, CCS_IATI_ORG_TYPE),
	CODE(E_DISB),			CODE(E_FLOW),
	CODE(E_FIN),
	CODE(E_AID),			S(E_AID, "vocabulary", 0),
	CODE(E_TIED),

	S(E_DOC, "url", 1),
	S(E_DOC, "format", 1),
	CODE(E_CAT),			CODE(E_LANGUAGE),
	D(E_DOCDATE),
	S(E_REL, "ref", 1),
	A(E_REL, "type", K_CODE, 1, CCS_IATI_RELATED_TYPE),
	A(E_CONDITIONS, "attached", K_BOOL, 1, 0),
	S(E_CONDITION, "type", 1),

	A(E_RESULT, "type", K_CODE, 1, CCS_IATI_RESULT_TYPE),
	A(E_RESULT, "aggregation-status", K_BOOL, 0, 0),
	A(E_IND, "measure", K_CODE, 1, CCS_IATI_MEASURE),
	A(E_IND, "ascending", K_BOOL, 0, 0),
	A(E_IND, "aggregation-status", K_BOOL, 0, 0),
	AP(E_REF, E_RESULT, "code", K_STR, 1),
	AP(E_REF, E_RESULT, "vocabulary", K_STR, 1),
	AP(E_REF, E_RESULT, "vocabulary-uri", K_STR, 0),
	AP(E_REF, E_IND, "vocabulary", K_STR, 1),
	AP(E_REF, E_IND, "code", K_STR, 1),
	AP(E_REF, E_IND, "indicator-uri", K_STR, 0),
	A(E_BASELINE, "year", K_POSINT, 1, 0),
	A(E_BASELINE, "iso-date", K_DATE, 0, 0),
	S(E_BASELINE, "value", 0),
	S(E_DIMENSION, "name", 0),
	S(E_DIMENSION, "value", 0),
	S(E_TARGET, "value", 0),
	S(E_ACTUAL, "value", 0),

	S(E_OFLAGS, "code", 1),
	A(E_OFLAGS, "significance", K_BOOL, 1, 0),
	A(E_LTERMS, "rate-1", K_DEC, 0, 0),
	A(E_LTERMS, "rate-2", K_DEC, 0, 0),
	CODE(E_RTYPE),			CODE(E_RPLAN),
	D(E_CDATE),			D(E_RFIRST),
	D(E_RFINAL),
	A(E_LSTATUS, "year", K_DEC, 1, 0),
	A(E_LSTATUS, "currency", K_CURRENCY, 0, 0),
	A(E_LSTATUS, "value-date", K_DATE, 1, 0),
	A(E_FSS, "extraction-date", K_DATE, 1, 0),
	A(E_FSS, "priority", K_BOOL, 0, 0),
	A(E_FSS, "phaseout-year", K_DEC, 0, 0),
	A(E_FORECAST, "year", K_DEC, 1, 0),
	A(E_FORECAST, "currency", K_CURRENCY, 0, 0),
	A(E_FORECAST, "value-date", K_DATE, 0, 0),
	{ E_UNKNOWN, E_UNKNOWN, NULL, K_STR, 0, 0 }
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

enum iati_kind
iati_el_text(enum iati_el el)
{
	return (unsigned)el < E_COUNT ? els[el].text : K_STR;
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
iati_attr_rule(enum iati_el el, enum iati_el parent, const char *name)
{
	const struct iati_attr_rule *a;

	for (a = iati_attrs; a->name != NULL; a++)
		if (a->el == el && (a->parent == E_UNKNOWN ||
		    a->parent == parent) && strcmp(a->name, name) == 0)
			return a;
	return NULL;
}
