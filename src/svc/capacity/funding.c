/*
 * funding.c: funding totals and exchange rates.
 *
 * Each transaction of an initiative that is not cancelled counts at its
 * stage: pledged (types 12, 13), committed (2, 11), disbursed (1, 3) or
 * spent (4). It is attributed whole to the need, state and funder it
 * names; otherwise it is split over the initiative's needs (equally),
 * recipient states (by their shares) and funding organisations (equally)
 * with the largest-remainder method, so every split adds up to the
 * cent. What cannot be attributed is "unassigned"; a regional share is
 * "regional". Sums stay per currency. Reporters that record both an
 * outgoing and an incoming commitment of the same money count it twice:
 * record one side (docs/internals/CAPACITY.md).
 */
#include <inttypes.h>
#include <string.h>

#include "core/capacity/money.h"
#include "core/validate.h"
#include "svc/svc.h"
#include "svc/capacity/cap_common.h"
#include "svc/capacity/funding.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define MAX_SPLIT	500	/* parts of one split (list items) */

const struct ccs_jfield ccs_rate_fields[] = {
	{ "from", CCS_J_STRING, true, 3, 3 },
	{ "to", CCS_J_STRING, true, 3, 3 },
	{ "rate", CCS_J_STRING, true, 1, 40 },
	{ "rate_date", CCS_J_STRING, true, 10, 10 },
	{ "source", CCS_J_STRING, true, 1, 500 },
};
const size_t ccs_rate_nfields = sizeof(ccs_rate_fields) /
    sizeof(ccs_rate_fields[0]);

static const char *
stage_of_tx(json_int_t type)
{
	switch (type) {
	case 12: case 13:
		return "pledged";
	case 2: case 11:
		return "committed";
	case 1: case 3:
		return "disbursed";
	case 4:
		return "spent";
	default:
		return NULL;
	}
}

/* totals[dim][key][currency][stage] += amount */
static int
add(json_t *totals, const char *dim, const char *key, const char *cur,
    const char *stage, int64_t amount)
{
	json_t *d, *k, *c, *s;

	d = json_object_get(totals, dim);
	k = json_object_get(d, key);
	if (k == NULL && json_object_set_new(d, key, json_object()) != 0)
		return CCS_ENOMEM;
	k = json_object_get(d, key);
	c = json_object_get(k, cur);
	if (c == NULL && json_object_set_new(k, cur, json_object()) != 0)
		return CCS_ENOMEM;
	c = json_object_get(k, cur);
	s = json_object_get(c, stage);
	return json_object_set_new(c, stage, json_integer(
	    json_integer_value(s) + amount)) == 0 ? CCS_OK : CCS_ENOMEM;
}

/*
 * Adds @p amount under dimension @p dim: to @p named if given, else split
 * over the values @p col of @p rows of initiative @p id weighted by
 * @p wcol (NULL: equally); @p area also adds the need's priority area.
 */
static int
attribute(json_t *totals, const char *dim, const char *named,
    const json_t *rows, int64_t id, const char *col, const char *wcol,
    const char *cur, const char *stage, int64_t amount, const json_t *areas)
{
	const json_t *r, *keys[MAX_SPLIT];
	int64_t w[MAX_SPLIT], part[MAX_SPLIT];
	const char *k;
	char num[24];
	size_t i, n = 0;
	int rc = CCS_OK;

	if (named != NULL) {
		rc = add(totals, dim, named, cur, stage, amount);
		if (rc == CCS_OK && areas != NULL)
			rc = add(totals, "area", json_string_value(
			    json_object_get(areas, named)) ?
			    json_string_value(json_object_get(areas, named)) :
			    "unassigned", cur, stage, amount);
		return rc;
	}
	json_array_foreach(rows, i, r) {
		if (json_integer_value(json_object_get(r, "i")) != id ||
		    n == MAX_SPLIT)
			continue;
		keys[n] = json_object_get(r, col);
		w[n] = wcol ? json_integer_value(json_object_get(r, wcol)) : 1;
		n++;
	}
	if (n == 0 || !ccs_money_split(amount, w, n, part)) {
		rc = add(totals, dim, "unassigned", cur, stage, amount);
		if (rc == CCS_OK && areas != NULL)
			rc = add(totals, "area", "unassigned", cur, stage,
			    amount);
		return rc;
	}
	for (i = 0; i < n && rc == CCS_OK; i++) {
		if (json_is_integer(keys[i])) {
			(void)ccs_snprintf(num, sizeof(num), "%"
			    JSON_INTEGER_FORMAT, json_integer_value(keys[i]));
			k = num;
		} else {
			k = json_is_string(keys[i]) ?
			    json_string_value(keys[i]) : "regional";
		}
		rc = add(totals, dim, k, cur, stage, part[i]);
		if (rc == CCS_OK && areas != NULL)
			rc = add(totals, "area", json_string_value(
			    json_object_get(areas, k)) ? json_string_value(
			    json_object_get(areas, k)) : "unassigned", cur,
			    stage, part[i]);
	}
	return rc;
}

/* {key: {cur: {stage: minor}}} -> [{key, totals: {cur: {stage: "x"}}}] */
static json_t *
present_dim(const json_t *dim)
{
	json_t *out = json_array(), *tot, *stg, *c;
	const json_t *k, *cv, *sv;
	const char *key, *cur, *stage;
	char txt[CCS_MONEY_FMTLEN];
	int exp;

	json_object_foreach((json_t *)dim, key, k) {
		tot = json_object();
		json_object_foreach((json_t *)k, cur, cv) {
			exp = ccs_currency_exponent(cur);
			stg = json_object();
			json_object_foreach((json_t *)cv, stage, sv) {
				ccs_money_format(json_integer_value(sv),
				    exp < 0 ? 0 : exp, txt);
				(void)json_object_set_new(stg, stage,
				    json_string(txt));
			}
			(void)json_object_set_new(tot, cur, stg);
		}
		c = json_pack("{s:s, s:o}", "key", key, "totals", tot);
		(void)json_array_append_new(out, c);
	}
	return out;
}

/* The latest rate from each currency of @p totals into @p to. */
static int
rates_for(struct ccs_db *db, const json_t *currencies, const char *to,
    json_t *rates, json_t *missing)
{
	struct ccs_val v[2];
	const char *cur;
	const json_t *x;
	json_t *row;
	int rc;

	json_object_foreach((json_t *)currencies, cur, x) {
		if (strcmp(cur, to) == 0)
			continue;
		v[0] = CCS_VTEXT(cur);
		v[1] = CCS_VTEXT(to);
		row = NULL;
		rc = ccs_db_query_one(db, "SELECT from_ccy AS \"from\", to_ccy "
		    "AS \"to\", rate, rate_date, source FROM exchange_rates "
		    "WHERE from_ccy = $1 AND to_ccy = $2 ORDER BY rate_date "
		    "DESC LIMIT 1", v, 2, &row);
		if (rc == CCS_ENOTFOUND) {
			(void)json_array_append_new(missing, json_string(cur));
			continue;
		}
		if (rc != CCS_OK)
			return rc;
		(void)json_object_set_new(rates, cur, row);
	}
	return CCS_OK;
}

/* One dimension converted into @p to: [{key, totals: {stage: "x"}}]. */
static json_t *
convert_dim(const json_t *dim, const char *to, const json_t *rates)
{
	json_t *out = json_array(), *stg, *sums = json_object();
	const json_t *k, *cv, *sv, *r;
	const char *key, *cur, *stage;
	char txt[CCS_MONEY_FMTLEN];
	struct ccs_rate rate;
	int64_t conv;
	int exp, texp = ccs_currency_exponent(to);

	json_object_foreach((json_t *)dim, key, k) {
		json_object_clear(sums);
		json_object_foreach((json_t *)k, cur, cv) {
			exp = ccs_currency_exponent(cur);
			r = json_object_get(rates, cur);
			if (strcmp(cur, to) != 0 && (r == NULL ||
			    !ccs_rate_parse(json_string_value(json_object_get(
			    r, "rate")), &rate)))
				continue;
			json_object_foreach((json_t *)cv, stage, sv) {
				conv = json_integer_value(sv);
				if (strcmp(cur, to) != 0 && !ccs_money_convert(
				    conv, exp, &rate, texp, &conv))
					continue;
				(void)json_object_set_new(sums, stage,
				    json_integer(json_integer_value(
				    json_object_get(sums, stage)) + conv));
			}
		}
		stg = json_object();
		json_object_foreach(sums, stage, sv) {
			ccs_money_format(json_integer_value(sv), texp, txt);
			(void)json_object_set_new(stg, stage, json_string(txt));
		}
		(void)json_array_append_new(out, json_pack("{s:s, s:o}", "key",
		    key, "totals", stg));
	}
	json_decref(sums);
	return out;
}

int
ccs_funding_totals(struct ccs_db *db, const struct ccs_principal *p,
    const char *convert, json_t **out, struct ccs_fail *f)
{
	static const char *const dims[] = { "area", "need", "state",
	    "funder", "year" };
	json_t *txs = NULL, *ineeds = NULL, *istates = NULL, *ifund = NULL,
	    *areas = NULL, *totals = NULL, *by = NULL, *curs = NULL;
	json_t *t, *row, *rates, *missing, *conv;
	const char *stage, *cur;
	char year[5], fund[24];
	int64_t id, amount;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "read funding");
	if (convert != NULL && ccs_currency_exponent(convert) < 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_currency", "convert "
		    "must be an ISO 4217 currency code such as USD");
	rc = ccs_db_query_json(db, "SELECT t.initiative_id AS i, t.type, "
	    "t.tx_date, t.amount, t.currency, t.provider_org_id, t.need_ref, "
	    "t.state_code FROM initiative_transactions t JOIN initiatives x "
	    "ON x.id = t.initiative_id WHERE x.status <> 5 AND "
	    "x.merged_into IS NULL ORDER BY t.id",
	    NULL, 0, &txs);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT initiative_id AS i, "
		    "need_ref AS v FROM initiative_needs ORDER BY "
		    "initiative_id, need_ref", NULL, 0, &ineeds);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT initiative_id AS i, "
		    "state_code AS v, pct FROM initiative_states ORDER BY "
		    "initiative_id, id", NULL, 0, &istates);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT initiative_id AS i, org_id "
		    "AS v FROM initiative_orgs WHERE role = 1 ORDER BY "
		    "initiative_id, org_id", NULL, 0, &ifund);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT ref, tbl FROM needs", NULL,
		    0, &row);
	if (rc != CCS_OK)
		goto out;
	areas = json_object();
	json_array_foreach(row, i, t)
		(void)json_object_set_new(areas, json_string_value(
		    json_object_get(t, "ref")), json_sprintf("PA%"
		    JSON_INTEGER_FORMAT, json_integer_value(json_object_get(t,
		    "tbl"))));
	json_decref(row);
	totals = json_pack("{s:{}, s:{}, s:{}, s:{}, s:{}}", "area", "need",
	    "state", "funder", "year");
	curs = json_object();
	json_array_foreach(txs, i, t) {
		stage = stage_of_tx(json_integer_value(json_object_get(t,
		    "type")));
		if (stage == NULL || rc != CCS_OK)
			continue;
		id = json_integer_value(json_object_get(t, "i"));
		amount = json_integer_value(json_object_get(t, "amount"));
		cur = json_string_value(json_object_get(t, "currency"));
		(void)json_object_set_new(curs, cur, json_true());
		rc = attribute(totals, "need", json_string_value(
		    json_object_get(t, "need_ref")), ineeds, id, "v", NULL, cur,
		    stage, amount, areas);
		if (rc == CCS_OK)
			rc = attribute(totals, "state", json_string_value(
			    json_object_get(t, "state_code")), istates, id, "v",
			    "pct", cur, stage, amount, NULL);
		fund[0] = '\0';
		if (json_is_integer(json_object_get(t, "provider_org_id")))
			(void)ccs_snprintf(fund, sizeof(fund), "%"
			    JSON_INTEGER_FORMAT, json_integer_value(
			    json_object_get(t, "provider_org_id")));
		if (rc == CCS_OK)
			rc = attribute(totals, "funder", fund[0] ? fund : NULL,
			    ifund, id, "v", NULL, cur, stage, amount, NULL);
		(void)ccs_strlcpy(year, json_string_value(json_object_get(t,
		    "tx_date")), sizeof(year));
		if (rc == CCS_OK)
			rc = add(totals, "year", year, cur, stage, amount);
	}
	if (rc != CCS_OK)
		goto out;
	by = json_object();
	for (i = 0; i < sizeof(dims) / sizeof(dims[0]); i++)
		(void)json_object_set_new(by, dims[i], present_dim(
		    json_object_get(totals, dims[i])));
	*out = json_pack("{s:O, s:[s,s,s,s]}", "by", by, "stages", "pledged",
	    "committed", "disbursed", "spent");
	if (*out != NULL && convert != NULL) {
		rates = json_object();
		missing = json_array();
		rc = rates_for(db, curs, convert, rates, missing);
		conv = json_object();
		for (i = 0; rc == CCS_OK && i < sizeof(dims) / sizeof(dims[0]);
		    i++)
			(void)json_object_set_new(conv, dims[i], convert_dim(
			    json_object_get(totals, dims[i]), convert, rates));
		(void)json_object_set_new(*out, "converted", json_pack(
		    "{s:s, s:o, s:o, s:o}", "currency", convert, "rates", rates,
		    "missing", missing, "by", conv));
	}
	if (*out == NULL && rc == CCS_OK)
		rc = CCS_ENOMEM;
out:
	json_decref(txs);
	json_decref(ineeds);
	json_decref(istates);
	json_decref(ifund);
	json_decref(areas);
	json_decref(totals);
	json_decref(by);
	json_decref(curs);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

int
ccs_rate_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *from = ccs_jstr(body, "from"), *to = ccs_jstr(body, "to");
	struct ccs_rate rate;
	struct ccs_val v[7];
	int64_t id = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_RATE_WRITE, NULL);
	if (rc != CCS_OK)
		return ccs_cap_denied(f, rc, "record exchange rates");
	if (ccs_currency_exponent(from) < 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_currency", "from must "
		    "be an ISO 4217 currency code");
	if (ccs_currency_exponent(to) < 0 || strcmp(from, to) == 0)
		return ccs_fail(f, CCS_EINVAL, "unknown_currency", "to must be "
		    "an ISO 4217 currency code other than from");
	if (!ccs_rate_parse(ccs_jstr(body, "rate"), &rate))
		return ccs_fail(f, CCS_EINVAL, "invalid_rate", "rate must be a "
		    "positive decimal such as \"0.7412\" (at most 12 "
		    "decimals)");
	if (!ccs_valid_date(ccs_jstr(body, "rate_date")))
		return ccs_fail(f, CCS_EINVAL, "invalid_date", "rate_date must "
		    "be a date YYYY-MM-DD");
	v[0] = CCS_VTEXT(from);
	v[1] = CCS_VTEXT(to);
	v[2] = CCS_VTEXT(ccs_jstr(body, "rate"));
	v[3] = CCS_VTEXT(ccs_jstr(body, "rate_date"));
	v[4] = CCS_VTEXT(ccs_jstr(body, "source"));
	v[5] = CCS_VTEXT(ccs_actor(p));
	v[6] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "INSERT INTO exchange_rates (from_ccy, "
	    "to_ccy, rate, rate_date, source, created_by, created_at) VALUES "
	    "($1, $2, $3, $4, $5, $6, $7) RETURNING id", v, 7, &id);
	if (rc == CCS_ECONFLICT)
		return ccs_fail(f, rc, "rate_exists", "a rate from %s to %s on "
		    "%s is recorded already", from, to, ccs_jstr(body,
		    "rate_date"));
	if (rc == CCS_OK) {
		rc = ccs_audit_record(db, p, "rate.create", "exchange_rate",
		    id, body, now);
	}
	v[0] = CCS_VINT(id);
	if (rc == CCS_OK)
		rc = ccs_db_query_one(db, "SELECT id, from_ccy AS \"from\", "
		    "to_ccy AS \"to\", rate, rate_date, source, created_by, "
		    "created_at FROM exchange_rates WHERE id = $1", v, 1, out);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return CCS_OK;
}
