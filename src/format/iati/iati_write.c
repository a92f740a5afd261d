/*
 * iati_write.c: streams activities out as an IATI 2.03 activities
 * document.
 *
 * Each activity is checked first (the rules the reader applies at
 * CCS_IATI_CHECK_ALL, on the struct), then written with libxml2's
 * xmlTextWriter into a memory buffer and copied to the FILE only when
 * whole, so a refused activity leaves nothing behind and memory is one
 * activity. Elements follow the xsd:sequence order of
 * iati-activities-schema.xsd; every text goes through the writer's
 * escaping. Non-goals: the elements the model does not keep.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "format/iati/iati.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define PATH_LEN	256	/* bytes of an error path */

struct ccs_iati_writer {
	FILE		*out;	/* borrowed */
	size_t		 n;	/* activities written */
};

/* The checks of one activity: path prefix, error list, count. */
struct chk {
	char			 base[64];	/* /iati-activities/... */
	struct ccs_errlist	*errs;		/* may be NULL */
	size_t			 n;		/* errors */
	const char		*first;		/* first message (static) */
};

static void	bad(struct chk *c, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

static void
bad(struct chk *c, const char *fmt, ...)
{
	char path[PATH_LEN], rest[160];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(rest, sizeof(rest), fmt, ap);
	va_end(ap);
	/* rest is "path-tail: message" */
	(void)snprintf(path, sizeof(path), "%s%s", c->base, rest);
	if (c->errs != NULL) {
		char *colon = strstr(path, ": ");

		if (colon != NULL) {
			*colon = '\0';
			(void)ccs_errlist_add(c->errs, path, "%s", colon + 2);
		} else {
			(void)ccs_errlist_add(c->errs, path, "invalid");
		}
	}
	c->n++;
}

static bool
txt(const char *s)
{
	return s == NULL || ccs_text_ok(s);
}

static void
code(struct chk *c, enum ccs_iati_list l, const char *v, bool req,
    const char *where)
{
	if (v == NULL) {
		if (req)
			bad(c, "%s: missing", where);
	} else if (!ccs_iati_code_ok(l, v)) {
		bad(c, "%s: \"%.20s\" is not a code of the IATI %s list",
		    where, v, ccs_iati_list_name(l));
	}
}

static void
date(struct chk *c, const char *v, bool req, const char *where)
{
	if (v == NULL) {
		if (req)
			bad(c, "%s: missing", where);
	} else if (!ccs_iati_date_ok(v)) {
		bad(c, "%s: \"%.20s\" is not a date (YYYY-MM-DD)", where, v);
	}
}

static void
text(struct chk *c, const struct ccs_iati_text *t, bool req,
    const char *where)
{
	if (t->text == NULL && req)
		bad(c, "%s/narrative: missing", where);
	if (!txt(t->text) || !txt(t->lang))
		bad(c, "%s/narrative: not valid UTF-8 text", where);
}

static void
value(struct chk *c, const struct ccs_iati_activity *a,
    const struct ccs_iati_value *v, const char *where)
{
	if (v->amount == NULL || !ccs_iati_decimal_ok(v->amount) ||
	    v->amount[0] == '-')
		bad(c, "%s/value: not a non-negative decimal amount", where);
	if (v->currency == NULL && a->default_currency == NULL)
		bad(c, "%s/value/@currency: missing, and no default-currency",
		    where);
	if (v->currency != NULL && !ccs_iati_currency_ok(v->currency))
		bad(c, "%s/value/@currency: not an ISO 4217 code", where);
	date(c, v->value_date, true, "/value/@value-date");
}

static void
check_org(struct chk *c, const struct ccs_iati_org *o, const char *where,
    bool reporting)
{
	if (reporting && (o->ref == NULL || o->type == NULL))
		bad(c, "%s: needs a ref and a type", where);
	if (o->type != NULL)
		code(c, CCS_IATI_ORG_TYPE, o->type, false, where);
	if (!txt(o->ref) || !txt(o->activity_id) || !txt(o->role))
		bad(c, "%s: not valid UTF-8 text", where);
	text(c, &o->name, reporting, where);
}

static void
check_lists(struct chk *c, const struct ccs_iati_activity *a)
{
	char w[96];
	size_t i, j, k;
	const struct ccs_iati_result *res;
	const struct ccs_iati_indicator *ind;

	for (i = 0; i < a->ncountries; i++)
		if (!ccs_iati_country_ok(a->countries[i].code))
			bad(c, "/recipient-country[%zu]/@code: not an ISO "
			    "3166-1 alpha-2 code", i + 1);
	for (i = 0; i < a->nregions; i++) {
		if (a->regions[i].code == NULL || !txt(a->regions[i].code))
			bad(c, "/recipient-region[%zu]/@code: missing", i + 1);
		if (a->regions[i].vocabulary != NULL)
			code(c, CCS_IATI_REGION_VOCAB, a->regions[i].vocabulary,
			    false, "/recipient-region/@vocabulary");
	}
	for (i = 0; i < a->nsectors; i++) {
		if (a->sectors[i].code == NULL || !txt(a->sectors[i].code))
			bad(c, "/sector[%zu]/@code: missing", i + 1);
		if (a->sectors[i].vocabulary != NULL)
			code(c, CCS_IATI_SECTOR_VOCAB, a->sectors[i].vocabulary,
			    false, "/sector/@vocabulary");
	}
	for (i = 0; i < a->ntags; i++) {
		if (a->tags[i].code == NULL || !txt(a->tags[i].code))
			bad(c, "/tag[%zu]/@code: missing", i + 1);
		code(c, CCS_IATI_TAG_VOCAB, a->tags[i].vocabulary, true,
		    "/tag/@vocabulary");
	}
	for (i = 0; i < a->nbudgets; i++) {
		(void)snprintf(w, sizeof(w), "/budget[%zu]", i + 1);
		code(c, CCS_IATI_BUDGET_TYPE, a->budgets[i].type, false, w);
		code(c, CCS_IATI_BUDGET_STATUS, a->budgets[i].status, false,
		    w);
		date(c, a->budgets[i].period_start, true, w);
		date(c, a->budgets[i].period_end, true, w);
		value(c, a, &a->budgets[i].value, w);
	}
	for (i = 0; i < a->ntransactions; i++) {
		(void)snprintf(w, sizeof(w), "/transaction[%zu]", i + 1);
		code(c, CCS_IATI_TRANSACTION_TYPE, a->transactions[i].type,
		    true, w);
		date(c, a->transactions[i].date, true, w);
		value(c, a, &a->transactions[i].value, w);
		text(c, &a->transactions[i].description, false, w);
		check_org(c, &a->transactions[i].provider, w, false);
		check_org(c, &a->transactions[i].receiver, w, false);
		if (!txt(a->transactions[i].ref))
			bad(c, "%s/@ref: not valid UTF-8 text", w);
	}
	for (i = 0; i < a->ndocuments; i++) {
		(void)snprintf(w, sizeof(w), "/document-link[%zu]", i + 1);
		if (a->documents[i].url == NULL || a->documents[i].format ==
		    NULL || a->documents[i].ncategories == 0 ||
		    !txt(a->documents[i].url) || !txt(a->documents[i].format))
			bad(c, "%s: needs a url, a format and a category", w);
		for (j = 0; j < a->documents[i].ncategories; j++)
			if (!txt(a->documents[i].categories[j]) ||
			    a->documents[i].categories[j] == NULL)
				bad(c, "%s/category: missing code", w);
		text(c, &a->documents[i].title, true, w);
	}
	for (i = 0; i < a->nrelated; i++) {
		if (a->related[i].ref == NULL || !txt(a->related[i].ref))
			bad(c, "/related-activity[%zu]/@ref: missing", i + 1);
		code(c, CCS_IATI_RELATED_TYPE, a->related[i].type, true,
		    "/related-activity/@type");
	}
	for (i = 0; i < a->nresults; i++) {
		res = &a->results[i];
		(void)snprintf(w, sizeof(w), "/result[%zu]", i + 1);
		code(c, CCS_IATI_RESULT_TYPE, res->type, true, w);
		text(c, &res->title, true, w);
		text(c, &res->description, false, w);
		if (res->nindicators == 0)
			bad(c, "%s/indicator: missing", w);
		for (j = 0; j < res->nindicators; j++) {
			ind = &res->indicators[j];
			(void)snprintf(w, sizeof(w), "/result[%zu]/indicator"
			    "[%zu]", i + 1, j + 1);
			code(c, CCS_IATI_MEASURE, ind->measure, true, w);
			text(c, &ind->title, true, w);
			text(c, &ind->description, false, w);
			if (ind->baseline_year != NULL &&
			    (strspn(ind->baseline_year, "0123456789") !=
			    strlen(ind->baseline_year) ||
			    strspn(ind->baseline_year, "0") ==
			    strlen(ind->baseline_year) ||
			    strlen(ind->baseline_year) > 9))
				bad(c, "%s/baseline/@year: not a year", w);
			if (!txt(ind->baseline_value))
				bad(c, "%s/baseline: not valid text", w);
			for (k = 0; k < ind->nperiods; k++) {
				date(c, ind->periods[k].start, true, w);
				date(c, ind->periods[k].end, true, w);
				if (!txt(ind->periods[k].target) ||
				    !txt(ind->periods[k].actual))
					bad(c, "%s/period: not valid text", w);
			}
		}
	}
}

/* The rules of the reader at CCS_IATI_CHECK_ALL, on the struct. */
static size_t
check(const struct ccs_iati_activity *a, size_t index,
    struct ccs_errlist *errs)
{
	struct chk c;
	long long sum = 0, v;
	size_t i, n;

	memset(&c, 0, sizeof(c));
	c.errs = errs;
	(void)snprintf(c.base, sizeof(c.base),
	    "/iati-activities/iati-activity[%zu]", index);
	if (a->identifier == NULL || a->identifier[0] == '\0' ||
	    !txt(a->identifier))
		bad(&c, "/iati-identifier: missing");
	if (a->default_currency != NULL &&
	    !ccs_iati_currency_ok(a->default_currency))
		bad(&c, "/@default-currency: not an ISO 4217 code");
	if (a->last_updated != NULL && !ccs_iati_datetime_ok(a->last_updated))
		bad(&c, "/@last-updated-datetime: not an xsd:dateTime");
	if (a->hierarchy != NULL && (strspn(a->hierarchy, "0123456789") !=
	    strlen(a->hierarchy) || a->hierarchy[0] == '\0' ||
	    strlen(a->hierarchy) > 9))
		bad(&c, "/@hierarchy: not an integer");
	if (!txt(a->lang))
		bad(&c, "/@xml:lang: not valid text");
	check_org(&c, &a->reporting_org, "/reporting-org", true);
	text(&c, &a->title, true, "/title");
	text(&c, &a->description, true, "/description");
	code(&c, CCS_IATI_DESCRIPTION_TYPE, a->description_type, false,
	    "/description/@type");
	if (a->norgs == 0)
		bad(&c, "/participating-org: missing");
	for (i = 0; i < a->norgs; i++) {
		code(&c, CCS_IATI_ORG_ROLE, a->orgs[i].role, true,
		    "/participating-org/@role");
		check_org(&c, &a->orgs[i], "/participating-org", false);
	}
	code(&c, CCS_IATI_ACTIVITY_STATUS, a->status, true,
	    "/activity-status/@code");
	if (a->ndates == 0)
		bad(&c, "/activity-date: missing");
	for (i = 0; i < a->ndates; i++) {
		code(&c, CCS_IATI_DATE_TYPE, a->dates[i].type, true,
		    "/activity-date/@type");
		date(&c, a->dates[i].iso_date, true, "/activity-date");
	}
	code(&c, CCS_IATI_SCOPE, a->scope, false, "/activity-scope/@code");
	check_lists(&c, a);
	n = a->ncountries + a->nregions;
	for (i = 0; n > 1 && i < n; i++) {
		const char *p = i < a->ncountries ? a->countries[i].percentage :
		    a->regions[i - a->ncountries].percentage;

		if (!ccs_iati_decimal_e4(p, &v)) {
			bad(&c, "/recipient-country: every recipient needs a "
			    "percentage when there are several");
			sum = 1000000;
			break;
		}
		sum += v;
	}
	if (n > 1 && (sum < 999900 || sum > 1000100))
		bad(&c, "/recipient-country: percentages do not sum to 100");
	return c.n;
}

/* Writing: each helper returns < 0 on a libxml2 error. */
static int
attr(xmlTextWriterPtr tw, const char *name, const char *v)
{
	if (v == NULL)
		return 0;
	return xmlTextWriterWriteAttribute(tw, (const xmlChar *)name,
	    (const xmlChar *)v);
}

static int
start(xmlTextWriterPtr tw, const char *name)
{
	return xmlTextWriterStartElement(tw, (const xmlChar *)name);
}

static int
end(xmlTextWriterPtr tw)
{
	return xmlTextWriterEndElement(tw);
}

/* <name><narrative xml:lang="">text</narrative></name>; none if empty. */
static int
narrative(xmlTextWriterPtr tw, const struct ccs_iati_text *t)
{
	int rc = 0;

	if (t->text == NULL)
		return 0;
	rc |= start(tw, "narrative");
	rc |= attr(tw, "xml:lang", t->lang);
	rc |= xmlTextWriterWriteString(tw, (const xmlChar *)t->text);
	rc |= end(tw);
	return rc;
}

static int
wtext(xmlTextWriterPtr tw, const char *name, const struct ccs_iati_text *t)
{
	int rc = 0;

	if (t->text == NULL)
		return 0;
	rc |= start(tw, name);
	rc |= narrative(tw, t);
	rc |= end(tw);
	return rc;
}

static int
wvalue(xmlTextWriterPtr tw, const struct ccs_iati_value *v)
{
	int rc = 0;

	rc |= start(tw, "value");
	rc |= attr(tw, "currency", v->currency);
	rc |= attr(tw, "value-date", v->value_date);
	rc |= xmlTextWriterWriteString(tw, (const xmlChar *)v->amount);
	rc |= end(tw);
	return rc;
}

static int
wdate(xmlTextWriterPtr tw, const char *name, const char *d)
{
	int rc = 0;

	rc |= start(tw, name);
	rc |= attr(tw, "iso-date", d);
	rc |= end(tw);
	return rc;
}

static int
worg(xmlTextWriterPtr tw, const char *name, const struct ccs_iati_org *o,
    const char *actid)
{
	int rc = 0;

	if (o->ref == NULL && o->name.text == NULL && o->type == NULL)
		return 0;
	rc |= start(tw, name);
	rc |= attr(tw, "ref", o->ref);
	rc |= attr(tw, "type", o->type);
	if (strcmp(name, "participating-org") == 0)
		rc |= attr(tw, "role", o->role);
	if (strcmp(name, "reporting-org") == 0 && o->secondary)
		rc |= attr(tw, "secondary-reporter", "1");
	if (actid != NULL)
		rc |= attr(tw, actid, o->activity_id);
	rc |= narrative(tw, &o->name);
	rc |= end(tw);
	return rc;
}

static int
wclass(xmlTextWriterPtr tw, const char *name, const struct ccs_iati_class *c)
{
	int rc = 0;

	rc |= start(tw, name);
	rc |= attr(tw, "vocabulary", c->vocabulary);
	rc |= attr(tw, "vocabulary-uri", c->vocabulary_uri);
	rc |= attr(tw, "code", c->code);
	rc |= attr(tw, "percentage", c->percentage);
	rc |= narrative(tw, &c->name);
	rc |= end(tw);
	return rc;
}

static int
wrecipient(xmlTextWriterPtr tw, const char *name,
    const struct ccs_iati_recipient *r)
{
	int rc = 0;

	rc |= start(tw, name);
	rc |= attr(tw, "code", r->code);
	rc |= attr(tw, "vocabulary", r->vocabulary);
	rc |= attr(tw, "percentage", r->percentage);
	rc |= narrative(tw, &r->name);
	rc |= end(tw);
	return rc;
}

static int
wtransaction(xmlTextWriterPtr tw, const struct ccs_iati_transaction *t)
{
	int rc = 0;

	rc |= start(tw, "transaction");
	rc |= attr(tw, "ref", t->ref);
	rc |= start(tw, "transaction-type");
	rc |= attr(tw, "code", t->type);
	rc |= end(tw);
	rc |= wdate(tw, "transaction-date", t->date);
	rc |= wvalue(tw, &t->value);
	rc |= wtext(tw, "description", &t->description);
	rc |= worg(tw, "provider-org", &t->provider, "provider-activity-id");
	rc |= worg(tw, "receiver-org", &t->receiver, "receiver-activity-id");
	rc |= end(tw);
	return rc;
}

static int
wdocument(xmlTextWriterPtr tw, const struct ccs_iati_document *d)
{
	size_t i;
	int rc = 0;

	rc |= start(tw, "document-link");
	rc |= attr(tw, "url", d->url);
	rc |= attr(tw, "format", d->format);
	rc |= wtext(tw, "title", &d->title);
	for (i = 0; i < d->ncategories; i++) {
		rc |= start(tw, "category");
		rc |= attr(tw, "code", d->categories[i]);
		rc |= end(tw);
	}
	rc |= end(tw);
	return rc;
}

static int
windicator(xmlTextWriterPtr tw, const struct ccs_iati_indicator *ind)
{
	const struct ccs_iati_period *p;
	size_t i;
	int rc = 0;

	rc |= start(tw, "indicator");
	rc |= attr(tw, "measure", ind->measure);
	rc |= attr(tw, "ascending", ind->ascending);
	rc |= wtext(tw, "title", &ind->title);
	rc |= wtext(tw, "description", &ind->description);
	if (ind->baseline_year != NULL) {
		rc |= start(tw, "baseline");
		rc |= attr(tw, "year", ind->baseline_year);
		rc |= attr(tw, "value", ind->baseline_value);
		rc |= end(tw);
	}
	for (i = 0; i < ind->nperiods; i++) {
		p = &ind->periods[i];
		rc |= start(tw, "period");
		rc |= wdate(tw, "period-start", p->start);
		rc |= wdate(tw, "period-end", p->end);
		if (p->target != NULL) {
			rc |= start(tw, "target");
			rc |= attr(tw, "value", p->target);
			rc |= end(tw);
		}
		if (p->actual != NULL) {
			rc |= start(tw, "actual");
			rc |= attr(tw, "value", p->actual);
			rc |= end(tw);
		}
		rc |= end(tw);
	}
	rc |= end(tw);
	return rc;
}

static int
wresult(xmlTextWriterPtr tw, const struct ccs_iati_result *res)
{
	size_t i;
	int rc = 0;

	rc |= start(tw, "result");
	rc |= attr(tw, "type", res->type);
	rc |= attr(tw, "aggregation-status", res->aggregation_status);
	rc |= wtext(tw, "title", &res->title);
	rc |= wtext(tw, "description", &res->description);
	for (i = 0; i < res->nindicators; i++)
		rc |= windicator(tw, &res->indicators[i]);
	rc |= end(tw);
	return rc;
}

static int
wbudget(xmlTextWriterPtr tw, const struct ccs_iati_budget *b)
{
	int rc = 0;

	rc |= start(tw, "budget");
	rc |= attr(tw, "type", b->type);
	rc |= attr(tw, "status", b->status);
	rc |= wdate(tw, "period-start", b->period_start);
	rc |= wdate(tw, "period-end", b->period_end);
	rc |= wvalue(tw, &b->value);
	rc |= end(tw);
	return rc;
}

/* The activity, in the schema's element order. */
static int
wactivity(xmlTextWriterPtr tw, const struct ccs_iati_activity *a)
{
	size_t i;
	int rc = 0;

	rc |= start(tw, "iati-activity");
	rc |= attr(tw, "last-updated-datetime", a->last_updated);
	rc |= attr(tw, "xml:lang", a->lang);
	rc |= attr(tw, "default-currency", a->default_currency);
	rc |= attr(tw, "hierarchy", a->hierarchy);
	rc |= xmlTextWriterWriteElement(tw, (const xmlChar *)"iati-identifier",
	    (const xmlChar *)a->identifier);
	rc |= worg(tw, "reporting-org", &a->reporting_org, NULL);
	rc |= wtext(tw, "title", &a->title);
	rc |= start(tw, "description");
	rc |= attr(tw, "type", a->description_type);
	rc |= narrative(tw, &a->description);
	rc |= end(tw);
	for (i = 0; i < a->norgs; i++)
		rc |= worg(tw, "participating-org", &a->orgs[i], "activity-id");
	rc |= start(tw, "activity-status");
	rc |= attr(tw, "code", a->status);
	rc |= end(tw);
	for (i = 0; i < a->ndates; i++) {
		rc |= start(tw, "activity-date");
		rc |= attr(tw, "type", a->dates[i].type);
		rc |= attr(tw, "iso-date", a->dates[i].iso_date);
		rc |= end(tw);
	}
	if (a->scope != NULL) {
		rc |= start(tw, "activity-scope");
		rc |= attr(tw, "code", a->scope);
		rc |= end(tw);
	}
	for (i = 0; i < a->ncountries; i++)
		rc |= wrecipient(tw, "recipient-country", &a->countries[i]);
	for (i = 0; i < a->nregions; i++)
		rc |= wrecipient(tw, "recipient-region", &a->regions[i]);
	for (i = 0; i < a->nsectors; i++)
		rc |= wclass(tw, "sector", &a->sectors[i]);
	for (i = 0; i < a->ntags; i++)
		rc |= wclass(tw, "tag", &a->tags[i]);
	for (i = 0; i < a->nbudgets; i++)
		rc |= wbudget(tw, &a->budgets[i]);
	for (i = 0; i < a->ntransactions; i++)
		rc |= wtransaction(tw, &a->transactions[i]);
	for (i = 0; i < a->ndocuments; i++)
		rc |= wdocument(tw, &a->documents[i]);
	for (i = 0; i < a->nrelated; i++) {
		rc |= start(tw, "related-activity");
		rc |= attr(tw, "ref", a->related[i].ref);
		rc |= attr(tw, "type", a->related[i].type);
		rc |= end(tw);
	}
	for (i = 0; i < a->nresults; i++)
		rc |= wresult(tw, &a->results[i]);
	rc |= end(tw);
	return rc;
}

int
ccs_iati_writer_new(FILE *out, const char *generated,
    struct ccs_iati_writer **w, struct ccs_fail *f)
{
	*w = NULL;
	if (generated != NULL && !ccs_iati_datetime_ok(generated))
		return ccs_fail(f, CCS_EINVAL, "iati_invalid",
		    "generated-datetime is not an xsd:dateTime");
	*w = ccs_calloc(1, sizeof(**w));
	if (*w == NULL)
		return ccs_fail(f, CCS_ENOMEM, "iati_nomem", "out of memory");
	(*w)->out = out;
	/* the root is written by hand: its only values were checked */
	if (fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<iati-activities version=\"2.03\"%s%s%s>\n",
	    generated != NULL ? " generated-datetime=\"" : "",
	    generated != NULL ? generated : "",
	    generated != NULL ? "\"" : "") < 0) {
		ccs_iati_writer_free(*w);
		*w = NULL;
		return ccs_fail(f, CCS_EIO, "iati_io", "writing failed");
	}
	return CCS_OK;
}

int
ccs_iati_writer_add(struct ccs_iati_writer *w,
    const struct ccs_iati_activity *a, struct ccs_errlist *errs,
    struct ccs_fail *f)
{
	xmlBufferPtr buf = NULL;
	xmlTextWriterPtr tw = NULL;
	size_t nbad, len;
	int rc;

	nbad = check(a, w->n + 1, errs);
	if (nbad > 0)
		return ccs_fail(f, CCS_EINVAL, "iati_invalid",
		    "activity %zu: %zu problem%s, not written", w->n + 1, nbad,
		    nbad == 1 ? "" : "s");
	rc = CCS_ENOMEM;
	buf = xmlBufferCreate();
	if (buf == NULL)
		goto out;
	tw = xmlNewTextWriterMemory(buf, 0);
	if (tw == NULL)
		goto out;
	(void)xmlTextWriterSetIndent(tw, 1);
	(void)xmlTextWriterSetIndentString(tw, (const xmlChar *)"  ");
	rc = CCS_EIO;
	if (wactivity(tw, a) < 0 || xmlTextWriterFlush(tw) < 0)
		goto out;
	len = (size_t)xmlBufferLength(buf);
	if (fwrite(xmlBufferContent(buf), 1, len, w->out) != len ||
	    fputc('\n', w->out) == EOF)
		goto out;
	w->n++;
	rc = CCS_OK;
out:
	xmlFreeTextWriter(tw);
	xmlBufferFree(buf);
	if (rc == CCS_ENOMEM)
		return ccs_fail(f, rc, "iati_nomem", "out of memory");
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "iati_io", "writing activity %zu failed",
		    w->n + 1);
	return CCS_OK;
}

int
ccs_iati_writer_finish(struct ccs_iati_writer *w, struct ccs_fail *f)
{
	if (w->n == 0)
		return ccs_fail(f, CCS_EINVAL, "iati_empty",
		    "an IATI document needs at least one activity");
	if (fputs("</iati-activities>\n", w->out) == EOF ||
	    fflush(w->out) != 0)
		return ccs_fail(f, CCS_EIO, "iati_io", "writing failed");
	return CCS_OK;
}

void
ccs_iati_writer_free(struct ccs_iati_writer *w)
{
	free(w);
}
