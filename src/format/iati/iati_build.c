/*
 * iati_build.c: fills struct ccs_iati_activity from the elements the
 * reader has checked, and applies the rules that need more than one
 * attribute (a value's currency against default-currency, sector codes
 * against their vocabulary, recipient percentages summing to 100, end
 * dates after start dates) at CCS_IATI_CHECK_ALL.
 *
 * Lists live in the reader's arena and grow by copying to a block twice
 * the size (the old copy stays in the arena until the activity is done,
 * so growth costs at most twice the final size). Pointers into a list
 * are taken only while no sibling can be added to it.
 */
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "format/iati/iati_impl.h"
#include "util/err.h"

/* Appends a zeroed entry of @p sz bytes to *arr; NULL after a bound. */
static void *
push(struct iati_rd *r, void *arr, size_t *n, enum iati_cap c, size_t sz)
{
	void **pa = arr;
	char *na;

	if (*n >= r->o.max_items) {
		iati_err(r, CCS_ETOOBIG, NULL, r->frames[r->depth - 1].line,
		    "more than %zu of these in one activity", r->o.max_items);
		return NULL;
	}
	if (*n == r->cap[c]) {
		r->cap[c] = r->cap[c] == 0 ? 4 : r->cap[c] * 2;
		na = iati_strndup(r, NULL, r->cap[c] * sz);
		if (na == NULL)
			return NULL;
		if (*n > 0)
			memcpy(na, *pa, *n * sz);
		*pa = na;
	}
	na = (char *)*pa + *n * sz;
	memset(na, 0, sz);
	(*n)++;
	return na;
}

#define PUSH(r, arr, n, c)	push((r), &(arr), &(n), (c), sizeof(*(arr)))
#define LAST(arr, n)		(&(arr)[(n) - 1])
#define ATTR(name)		iati_attr(r, (name))

static enum iati_el
parent_el(const struct iati_rd *r, const struct iati_frame *fr, size_t up)
{
	size_t i = (size_t)(fr - r->frames);

	return i >= up ? r->frames[i - up].el : E_UNKNOWN;
}

static bool
checking(const struct iati_rd *r)
{
	return r->o.level == CCS_IATI_CHECK_ALL;
}

static void
start_activity(struct iati_rd *r, struct iati_frame *fr)
{
	struct ccs_iati_activity *a = &r->a;

	/* the arena was emptied when the last activity ended */
	memset(a, 0, sizeof(*a));
	memset(r->cap, 0, sizeof(r->cap));
	r->in_act = true;
	a->index = ++r->nact;
	a->line = fr->line;
	a->lang = ATTR("xml:lang");
	a->default_currency = ATTR("default-currency");
	a->last_updated = ATTR("last-updated-datetime");
	a->hierarchy = ATTR("hierarchy");
}

static void
set_org(struct iati_rd *r, struct iati_frame *fr, struct ccs_iati_org *o,
    const char *actid_attr)
{
	const char *sec = ATTR("secondary-reporter");

	o->ref = ATTR("ref");
	o->type = ATTR("type");
	o->role = ATTR("role");
	o->activity_id = ATTR(actid_attr);
	o->secondary = sec != NULL && (strcmp(sec, "1") == 0 ||
	    strcmp(sec, "true") == 0);
	o->line = fr->line;
	fr->tt = &o->name;
}

/* Where a title or description under @p fr's parent puts its text. */
static struct ccs_iati_text *
text_slot(struct iati_rd *r, struct iati_frame *fr, bool title)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_result *res;
	struct ccs_iati_indicator *ind;

	switch (parent_el(r, fr, 1)) {
	case E_ACT:
		if (title) {
			a->title_line = fr->line;
			return &a->title;
		}
		if (fr->index != 1)
			return NULL;
		a->description_type = ATTR("type");
		return &a->description;
	case E_TX:
		return title ? NULL : &LAST(a->transactions,
		    a->ntransactions)->description;
	case E_DOC:
		return title && r->act_doc ? &LAST(a->documents,
		    a->ndocuments)->title : NULL;
	case E_RESULT:
		res = LAST(a->results, a->nresults);
		return title ? &res->title : &res->description;
	case E_IND:
		if (parent_el(r, fr, 2) != E_RESULT)
			return NULL;
		res = LAST(a->results, a->nresults);
		ind = LAST(res->indicators, res->nindicators);
		return title ? &ind->title : &ind->description;
	default:
		return NULL;
	}
}

static void
start_recipient(struct iati_rd *r, struct iati_frame *fr, bool country)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_recipient *rc;

	if (parent_el(r, fr, 1) != E_ACT)
		return;	/* a transaction's: not kept, no percentage */
	rc = country ? PUSH(r, a->countries, a->ncountries, C_COUNTRIES) :
	    PUSH(r, a->regions, a->nregions, C_REGIONS);
	if (rc == NULL)
		return;
	rc->code = ATTR("code");
	rc->vocabulary = ATTR("vocabulary");
	rc->percentage = ATTR("percentage");
	rc->line = fr->line;
	fr->tt = &rc->name;
}

static void
start_class(struct iati_rd *r, struct iati_frame *fr, bool sector)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_class *c;
	const char *v = ATTR("vocabulary"), *code = ATTR("code");
	size_t want = 0;

	if (sector && checking(r) && code != NULL) {
		if (v == NULL || strcmp(v, "1") == 0)
			want = 5;
		else if (strcmp(v, "2") == 0)
			want = 3;
		if (want > 0 && (strlen(code) != want ||
		    strspn(code, "0123456789") != want))
			iati_err(r, CCS_EINVAL, "code", fr->line,
			    "\"%s\" is not a %zu-digit DAC code (vocabulary "
			    "%s)", code, want, v != NULL ? v : "1");
	}
	if (parent_el(r, fr, 1) != E_ACT)
		return;
	c = sector ? PUSH(r, a->sectors, a->nsectors, C_SECTORS) :
	    PUSH(r, a->tags, a->ntags, C_TAGS);
	if (c == NULL)
		return;
	c->vocabulary = v;
	c->vocabulary_uri = ATTR("vocabulary-uri");
	c->code = code;
	c->percentage = ATTR("percentage");
	c->line = fr->line;
	fr->tt = &c->name;
}

/* document-link: url, format; category syntax when checking. */
static void
start_doc(struct iati_rd *r, struct iati_frame *fr)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_document *d;
	const char *url = ATTR("url"), *fmt = ATTR("format"), *slash;

	if (checking(r) && url != NULL && !ccs_valid_url(url))
		iati_err(r, CCS_EINVAL, "url", fr->line,
		    "not an http(s) URL of at most 2048 bytes");
	slash = fmt != NULL ? strchr(fmt, '/') : NULL;
	if (checking(r) && fmt != NULL && (slash == NULL || slash == fmt ||
	    slash[1] == '\0' || strpbrk(fmt, " \t;,") != NULL))
		iati_err(r, CCS_EINVAL, "format", fr->line,
		    "\"%s\" is not a MIME type (type/subtype)", fmt);
	r->act_doc = parent_el(r, fr, 1) == E_ACT;
	if (!r->act_doc)
		return;
	d = PUSH(r, a->documents, a->ndocuments, C_DOCS);
	if (d == NULL)
		return;
	d->url = url;
	d->format = fmt;
	r->cap[C_CATS] = 0;
}

static void
start_category(struct iati_rd *r, struct iati_frame *fr)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_document *d;
	const char *code = ATTR("code");
	const char **slot;

	if (checking(r) && code != NULL && (strlen(code) != 3 ||
	    code[0] < 'A' || code[0] > 'Z' ||
	    strspn(code + 1, "0123456789") != 2))
		iati_err(r, CCS_EINVAL, "code", fr->line,
		    "\"%s\" is not a DocumentCategory code (A01, B04...)",
		    code);
	if (!r->act_doc)
		return;
	d = LAST(a->documents, a->ndocuments);
	slot = PUSH(r, d->categories, d->ncategories, C_CATS);
	if (slot != NULL)
		*slot = code;
}

static void
start_value(struct iati_rd *r, struct iati_frame *fr)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_value *v = NULL;

	if (checking(r) && ATTR("currency") == NULL &&
	    a->default_currency == NULL)
		iati_err(r, CCS_EINVAL, "currency", fr->line,
		    "missing, and the activity has no default-currency");
	if (parent_el(r, fr, 1) == E_BUDGET)
		v = &LAST(a->budgets, a->nbudgets)->value;
	else if (parent_el(r, fr, 1) == E_TX)
		v = &LAST(a->transactions, a->ntransactions)->value;
	if (v == NULL)
		return;
	v->currency = ATTR("currency");
	v->value_date = ATTR("value-date");
}

static struct ccs_iati_indicator *
cur_ind(struct iati_rd *r)
{
	struct ccs_iati_result *res = LAST(r->a.results, r->a.nresults);

	return LAST(res->indicators, res->nindicators);
}

static void
start_result_part(struct iati_rd *r, struct iati_frame *fr)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_result *res;
	struct ccs_iati_indicator *ind;
	struct ccs_iati_period *p;

	if (fr->el == E_RESULT) {
		res = PUSH(r, a->results, a->nresults, C_RESULTS);
		if (res == NULL)
			return;
		res->type = ATTR("type");
		res->aggregation_status = ATTR("aggregation-status");
		r->cap[C_INDS] = 0;
	} else if (fr->el == E_IND) {
		res = LAST(a->results, a->nresults);
		ind = PUSH(r, res->indicators, res->nindicators, C_INDS);
		if (ind == NULL)
			return;
		ind->measure = ATTR("measure");
		ind->ascending = ATTR("ascending");
		r->cap[C_PERIODS] = 0;
	} else if (fr->el == E_BASELINE) {
		ind = cur_ind(r);
		if (ind->baseline_year == NULL) {
			ind->baseline_year = ATTR("year");
			ind->baseline_value = ATTR("value");
		}
	} else if (fr->el == E_PERIOD) {
		ind = cur_ind(r);
		(void)PUSH(r, ind->periods, ind->nperiods, C_PERIODS);
	} else if (fr->el == E_TARGET || fr->el == E_ACTUAL) {
		ind = cur_ind(r);
		p = LAST(ind->periods, ind->nperiods);
		if (fr->el == E_TARGET && p->target == NULL)
			p->target = ATTR("value");
		else if (fr->el == E_ACTUAL && p->actual == NULL)
			p->actual = ATTR("value");
	}
}

/* period-start / period-end of a budget or of a result period. */
static void
start_period_date(struct iati_rd *r, struct iati_frame *fr)
{
	struct ccs_iati_activity *a = &r->a;
	const char *d = ATTR("iso-date"), **slot = NULL;
	struct ccs_iati_budget *b;
	struct ccs_iati_period *p;
	bool start = fr->el == E_PSTART;

	if (parent_el(r, fr, 1) == E_BUDGET) {
		b = LAST(a->budgets, a->nbudgets);
		slot = start ? &b->period_start : &b->period_end;
	} else if (parent_el(r, fr, 2) == E_IND &&
	    parent_el(r, fr, 3) == E_RESULT) {
		p = LAST(cur_ind(r)->periods, cur_ind(r)->nperiods);
		slot = start ? &p->start : &p->end;
	}
	if (slot != NULL)
		*slot = d;
}

void
iati_build_start(struct iati_rd *r, struct iati_frame *fr)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_transaction *t;
	struct ccs_iati_date *d;
	struct ccs_iati_budget *b;
	struct ccs_iati_related *rel;
	enum iati_el up = parent_el(r, fr, 1);

	if (fr->el == E_ACT) {
		start_activity(r, fr);
		return;
	}
	if (!r->in_act || up == E_UNKNOWN)
		return;
	switch (fr->el) {
	case E_REPORG:
		set_org(r, fr, &a->reporting_org, "");
		break;
	case E_PORG:
		if (PUSH(r, a->orgs, a->norgs, C_ORGS) != NULL)
			set_org(r, fr, LAST(a->orgs, a->norgs), "activity-id");
		break;
	case E_TITLE:
	case E_DESC:
		fr->tt = text_slot(r, fr, fr->el == E_TITLE);
		break;
	case E_STATUS:
		a->status = ATTR("code");
		break;
	case E_SCOPE:
		a->scope = ATTR("code");
		break;
	case E_ADATE:
		d = PUSH(r, a->dates, a->ndates, C_DATES);
		if (d != NULL) {
			d->type = ATTR("type");
			d->iso_date = ATTR("iso-date");
		}
		break;
	case E_COUNTRY:
	case E_REGION:
		start_recipient(r, fr, fr->el == E_COUNTRY);
		break;
	case E_SECTOR:
	case E_TAG:
		start_class(r, fr, fr->el == E_SECTOR);
		break;
	case E_BUDGET:
		b = PUSH(r, a->budgets, a->nbudgets, C_BUDGETS);
		if (b != NULL) {
			b->type = ATTR("type");
			b->status = ATTR("status");
		}
		break;
	case E_PSTART:
	case E_PEND:
		start_period_date(r, fr);
		break;
	case E_VALUE:
		start_value(r, fr);
		break;
	case E_TX:
		t = PUSH(r, a->transactions, a->ntransactions, C_TX);
		if (t != NULL)
			t->ref = ATTR("ref");
		break;
	case E_TXTYPE:
		LAST(a->transactions, a->ntransactions)->type = ATTR("code");
		break;
	case E_TXDATE:
		LAST(a->transactions, a->ntransactions)->date =
		    ATTR("iso-date");
		break;
	case E_PROV:
		if (up == E_TX)	/* not a planned disbursement's */
			set_org(r, fr, &LAST(a->transactions,
			    a->ntransactions)->provider,
			    "provider-activity-id");
		break;
	case E_RECV:
		if (up == E_TX)
			set_org(r, fr, &LAST(a->transactions,
			    a->ntransactions)->receiver,
			    "receiver-activity-id");
		break;
	case E_DOC:
		start_doc(r, fr);
		break;
	case E_CAT:
		start_category(r, fr);
		break;
	case E_REL:
		rel = PUSH(r, a->related, a->nrelated, C_REL);
		if (rel != NULL) {
			rel->ref = ATTR("ref");
			rel->type = ATTR("type");
		}
		break;
	case E_RESULT:
	case E_IND:
	case E_BASELINE:
	case E_PERIOD:
	case E_TARGET:
	case E_ACTUAL:
		if (fr->el == E_RESULT || parent_el(r, fr, 1) == E_RESULT ||
		    parent_el(r, fr, 2) == E_RESULT ||
		    parent_el(r, fr, 3) == E_RESULT)
			start_result_part(r, fr);
		break;
	default:
		break;
	}
}

/* Sum of recipient percentages: each given, 100 within 0.01. */
static void
check_percentages(struct iati_rd *r, struct iati_frame *fr)
{
	const struct ccs_iati_activity *a = &r->a;
	const struct ccs_iati_recipient *rc;
	long long sum = 0, v;
	size_t i, n = a->ncountries + a->nregions;

	if (n < 2)
		return;
	for (i = 0; i < n; i++) {
		rc = i < a->ncountries ? &a->countries[i] :
		    &a->regions[i - a->ncountries];
		if (rc->percentage == NULL) {
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "recipient %s has no percentage, and there are %zu"
			    " recipients", rc->code, n);
			return;
		}
		if (!ccs_iati_decimal_e4(rc->percentage, &v))
			return;	/* said at the attribute */
		sum += v;
	}
	if (sum < 999900 || sum > 1000100)
		iati_err(r, CCS_EINVAL, NULL, fr->line,
		    "recipient percentages sum to %lld.%04lld, not 100",
		    sum / 10000, sum % 10000);
}

static const char *
date_of_type(const struct ccs_iati_activity *a, const char *type)
{
	size_t i;

	for (i = 0; i < a->ndates; i++)
		if (a->dates[i].type != NULL &&
		    strcmp(a->dates[i].type, type) == 0)
			return a->dates[i].iso_date;
	return NULL;
}

static void
check_dates(struct iati_rd *r, struct iati_frame *fr)
{
	const struct ccs_iati_activity *a = &r->a;
	static const char *const pairs[][2] = { { "1", "3" }, { "2", "4" } };
	const char *s, *e;
	size_t i;

	for (i = 0; i < 2; i++) {
		s = date_of_type(a, pairs[i][0]);
		e = date_of_type(a, pairs[i][1]);
		if (s != NULL && e != NULL && strcmp(e, s) < 0)
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "%s end %s is before its start %s",
			    i == 0 ? "planned" : "actual", e, s);
	}
	for (i = 0; i < a->nbudgets; i++) {
		s = a->budgets[i].period_start;
		e = a->budgets[i].period_end;
		if (s != NULL && e != NULL && strcmp(e, s) < 0)
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "budget %zu ends (%s) before it starts (%s)",
			    i + 1, e, s);
	}
}

static void
end_activity(struct iati_rd *r, struct iati_frame *fr)
{
	int rc;

	if (checking(r)) {
		check_percentages(r, fr);
		check_dates(r, fr);
	}
	r->in_act = false;
	if (r->nerr == 0 && !r->stop && r->fn != NULL) {
		rc = r->fn(r->arg, &r->a);
		if (rc != 0) {
			r->rc = rc;
			r->nerr++;
			r->stop = true;
			xmlStopParser(r->ctxt);
		}
	}
	iati_arena_free(r);
	memset(&r->a, 0, sizeof(r->a));
}

void
iati_build_end(struct iati_rd *r, struct iati_frame *fr, const char *text)
{
	struct ccs_iati_activity *a = &r->a;
	struct ccs_iati_text *tt;
	struct ccs_iati_org *o;
	enum iati_el up = parent_el(r, fr, 1);

	if (fr->el == E_ACT) {
		end_activity(r, fr);
		return;
	}
	if (!r->in_act)
		return;
	switch (fr->el) {
	case E_IDENT:
		a->identifier = text;
		if (checking(r) && (text == NULL || text[0] == '\0'))
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "the iati-identifier is empty");
		break;
	case E_NARR:
		tt = r->frames[r->depth - 2].tt;
		if (tt != NULL && tt->text == NULL) {
			tt->text = text;
			tt->lang = ATTR("xml:lang");
		}
		break;
	case E_VALUE:
		if (text == NULL)
			break;
		if (!ccs_iati_decimal_ok(text))
			break;	/* said by the reader */
		if (checking(r) && text[0] == '-')
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "amount %s is negative", text);
		if (up == E_BUDGET)
			LAST(a->budgets, a->nbudgets)->value.amount = text;
		else if (up == E_TX)
			LAST(a->transactions, a->ntransactions)->value.amount =
			    text;
		break;
	case E_PORG:
		o = LAST(a->orgs, a->norgs);
		if (checking(r) && (o->ref == NULL || o->ref[0] == '\0') &&
		    o->name.text == NULL)
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "participating-org has neither a ref nor a name");
		break;
	case E_DOC:
		r->act_doc = false;
		break;
	default:
		break;
	}
}
