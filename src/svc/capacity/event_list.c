/*
 * event_list.c: the training and campaign lists (event_list.h). Every
 * capacity reader reads every training and campaign, so the total is a
 * plain COUNT under the filters. "year" keeps what ran some time in that
 * year; a training's state is any state that took part, a campaign's
 * its own. The audience filter matches the compact JSON array the
 * service writes (vocabulary words hold no LIKE wildcards). The CSV
 * shows the organiser by name and the arrays joined by "; ".
 */
#include <string.h>

#include "core/capacity/events.h"
#include "core/validate.h"
#include "core/vocab.h"
#include "svc/capacity/campaigns.h"
#include "svc/capacity/event_list.h"
#include "svc/capacity/training.h"
#include "util/err.h"
#include "util/str.h"

#define EVENT_SELECT "SELECT t.id, t.start_date AS start, t.end_date AS " \
	"\"end\", t.title, t.status, t.updated_at"

static const struct ccs_keyset_col training_cols[] = {
	{ "start", "t.start_date", CCS_KEYSET_TEXT, false },
	{ "end", "t.end_date", CCS_KEYSET_TEXT, false },
	{ "title", "t.title", CCS_KEYSET_TEXT, false },
	{ "status", "t.status", CCS_KEYSET_TEXT, false },
	{ "updated_at", "t.updated_at", CCS_KEYSET_INT, true },
};

static const struct ccs_keyset_col campaign_cols[] = {
	{ "start", "t.start_date", CCS_KEYSET_TEXT, false },
	{ "end", "t.end_date", CCS_KEYSET_TEXT, false },
	{ "title", "t.title", CCS_KEYSET_TEXT, false },
	{ "status", "t.status", CCS_KEYSET_TEXT, false },
	{ "state", "t.state_code", CCS_KEYSET_TEXT, false },
	{ "updated_at", "t.updated_at", CCS_KEYSET_INT, true },
};

static const char *const training_text[] = {
	"t.title", "t.description", "COALESCE(t.place, '')", "t.topics",
};

static const char *const campaign_text[] = {
	"t.title", "t.description", "t.channel", "t.state_code",
};

static const struct ccs_listq_csvcol training_csv[] = {
	{ "id", "id", false }, { "title", "title", false },
	{ "status", "status", false }, { "start", "start", false },
	{ "end", "end", false }, { "place", "place", false },
	{ "host_state", "host_state", false },
	{ "online", "online", false },
	{ "organiser", "organiser_name", false },
	{ "audiences", "audiences_text", false },
	{ "topics", "topics_text", false },
	{ "states", "states_text", false },
	{ "participants", "participants_total", false },
	{ "initiative_id", "initiative_id", false },
	{ "updated_at", "updated_at", true },
	{ "updated_by", "updated_by", false },
};

static const struct ccs_listq_csvcol campaign_csv[] = {
	{ "id", "id", false }, { "title", "title", false },
	{ "status", "status", false }, { "start", "start", false },
	{ "end", "end", false }, { "state", "state", false },
	{ "channel", "channel", false }, { "reach", "reach", false },
	{ "organiser", "organiser_name", false },
	{ "audiences", "audiences_text", false },
	{ "initiative_id", "initiative_id", false },
	{ "updated_at", "updated_at", true },
	{ "updated_by", "updated_by", false },
};

/* Sets @p row's @p to to the strings of array @p from joined by "; "
 * (nothing when @p row has no such array). */
static void
joined(json_t *row, const char *from, const char *to)
{
	const json_t *a = json_object_get(row, from), *s;
	char buf[4096];
	size_t i, n = 0, len;

	if (!json_is_array(a))
		return;
	buf[0] = '\0';
	json_array_foreach(a, i, s) {
		if (!json_is_string(s))
			continue;
		len = strlen(json_string_value(s));
		if (n + len + 3 > sizeof(buf))
			break;
		if (n > 0) {
			memcpy(buf + n, "; ", 2);
			n += 2;
		}
		memcpy(buf + n, json_string_value(s), len);
		n += len;
		buf[n] = '\0';
	}
	(void)json_object_set_new(row, to, json_string(buf));
}

/* The CSV's flat members: the organiser's name, the arrays joined. */
static void
decorate(json_t *row)
{
	const json_t *org = json_object_get(row, "organiser");

	(void)json_object_set(row, "organiser_name",
	    json_is_object(org) ? json_object_get(org, "name") : json_null());
	joined(row, "audiences", "audiences_text");
	joined(row, "topics", "topics_text");
	joined(row, "states", "states_text");
}

const struct ccs_listq_def ccs_training_list_def = {
	.name = "trainings",
	.select = EVENT_SELECT,
	.from = "FROM trainings t WHERE 1 = 1",
	.cols = training_cols,
	.ncols = sizeof(training_cols) / sizeof(training_cols[0]),
	.id_expr = "t.id", .text = training_text,
	.ntext = sizeof(training_text) / sizeof(training_text[0]),
	.date_expr = "t.start_date", .date_kind = CCS_LISTQ_DAY,
	.csv = training_csv,
	.ncsv = sizeof(training_csv) / sizeof(training_csv[0]),
	.decorate = decorate, .load = ccs_training_load,
};

const struct ccs_listq_def ccs_campaign_list_def = {
	.name = "campaigns",
	.select = EVENT_SELECT ", t.state_code AS state",
	.from = "FROM campaigns t WHERE 1 = 1",
	.cols = campaign_cols,
	.ncols = sizeof(campaign_cols) / sizeof(campaign_cols[0]),
	.id_expr = "t.id", .text = campaign_text,
	.ntext = sizeof(campaign_text) / sizeof(campaign_text[0]),
	.date_expr = "t.start_date", .date_kind = CCS_LISTQ_DAY,
	.csv = campaign_csv,
	.ncsv = sizeof(campaign_csv) / sizeof(campaign_csv[0]),
	.decorate = decorate, .load = ccs_campaign_load,
};

/* Checks @p flt against the vocabularies of the list @p def. */
static int
check(const struct ccs_listq_def *def, const struct ccs_event_filter *flt,
    struct ccs_fail *f)
{
	const struct ccs_vocab *aud = def == &ccs_campaign_list_def ?
	    &ccs_campaign_audiences : &ccs_training_audiences;

	if (flt->state != NULL && !ccs_valid_iso2(flt->state))
		return ccs_fail(f, CCS_EINVAL, "invalid_state_code", "state "
		    "must be a two-letter ISO 3166 code such as JM");
	if (flt->status != NULL && !ccs_vocab_has(&ccs_event_statuses,
	    flt->status))
		return ccs_fail(f, CCS_EINVAL, "invalid_status", "status must "
		    "be planned, completed or cancelled");
	if (flt->audience != NULL && !ccs_vocab_has(aud, flt->audience))
		return ccs_fail(f, CCS_EINVAL, "unknown_audience", "audience "
		    "'%.40s' is not in the vocabulary", flt->audience);
	return CCS_OK;
}

int
ccs_event_query(const struct ccs_principal *p,
    const struct ccs_listq_def *def, const struct ccs_event_filter *flt,
    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
    struct ccs_listq **out, struct ccs_fail *f)
{
	struct ccs_listq *lq = NULL;
	char y[11], like[64];
	size_t a, b;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_CAPACITY_READ, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "authentication_required", "sign in to "
		    "see %s", def->name);
	rc = check(def, flt, f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_listq_new(def, ks, &lq);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "out of memory");
	if (flt->state != NULL && def == &ccs_campaign_list_def) {
		ccs_listq_eq(lq, "t.state_code", CCS_VTEXT(flt->state));
	} else if (flt->state != NULL) {
		a = ccs_listq_param(lq, CCS_VTEXT(flt->state));
		ccs_listq_where(lq, " AND EXISTS (SELECT 1 FROM "
		    "training_participants tp WHERE tp.training_id = t.id AND "
		    "tp.state_code = $%zu)", a);
	}
	if (flt->year != 0) {
		(void)ccs_snprintf(y, sizeof(y), "%04lld-01-01",
		    (long long)flt->year);
		a = ccs_listq_param_copy(lq, y);
		(void)ccs_snprintf(y, sizeof(y), "%04lld-12-31",
		    (long long)flt->year);
		b = ccs_listq_param_copy(lq, y);
		ccs_listq_where(lq, " AND t.end_date >= $%zu AND t.start_date "
		    "<= $%zu", a, b);
	}
	if (flt->audience != NULL) {
		(void)ccs_snprintf(like, sizeof(like), "%%\"%s\"%%",
		    flt->audience);
		a = ccs_listq_param_copy(lq, like);
		ccs_listq_where(lq, " AND t.audiences LIKE $%zu", a);
	}
	ccs_listq_eq(lq, "t.status", CCS_VTEXT(flt->status));
	rc = ccs_listq_filters(lq, q, from, to, f);
	if (rc != CCS_OK) {
		ccs_listq_free(lq);
		return rc;
	}
	*out = lq;
	return CCS_OK;
}
