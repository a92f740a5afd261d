/*
 * outbox_stats.c: the outbox's backlog per channel for /metrics: what is
 * waiting, how long the oldest has waited, and what was given up after
 * CCS_DELIVERY_MAX_ATTEMPTS. Counts only, never a notice's content, so it
 * is no reader of shared records. One grouped query over the notices not
 * sent, which the outbox_due index (sent_at, next_at) finds.
 */
#include <stdlib.h>
#include <string.h>

#include "svc/platform/delivery.h"
#include "svc/platform/outbox_stats.h"
#include "util/err.h"

const char *
ccs_outbox_channel_name(enum ccs_outbox_channel c)
{
	return c == CCS_OUTBOX_EMAIL ? "email" : "webhook";
}

static int64_t
int_of(const json_t *row, const char *key)
{
	const json_t *v = json_object_get(row, key);

	/* SUM() is text on some backends and NULL over no row */
	if (json_is_integer(v))
		return (int64_t)json_integer_value(v);
	if (json_is_string(v))
		return strtoll(json_string_value(v), NULL, 10);
	if (json_is_real(v))
		return (int64_t)json_real_value(v);
	return 0;
}

int
ccs_outbox_backlog(struct ccs_db *db, int64_t now,
    struct ccs_outbox_backlog out[CCS_OUTBOX_NCHANNELS])
{
	struct ccs_outbox_backlog *b;
	struct ccs_val v[1];
	json_t *rows = NULL, *row;
	const char *ch;
	size_t i;
	int64_t oldest;
	int rc;

	memset(out, 0, sizeof(*out) * CCS_OUTBOX_NCHANNELS);
	v[0] = CCS_VINT(CCS_DELIVERY_MAX_ATTEMPTS);
	rc = ccs_db_begin(db, false);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT channel, "
		    "SUM(CASE WHEN attempts < $1 THEN 1 ELSE 0 END) "
		    "AS pending, "
		    "MIN(CASE WHEN attempts < $1 THEN created_at END) "
		    "AS oldest, "
		    "SUM(CASE WHEN attempts >= $1 THEN 1 ELSE 0 END) "
		    "AS given_up "
		    "FROM outbox WHERE sent_at IS NULL GROUP BY channel", v, 1,
		    &rows);
	ccs_db_rollback(db);
	if (rc != CCS_OK)
		return rc;
	json_array_foreach(rows, i, row) {
		ch = json_string_value(json_object_get(row, "channel"));
		if (ch == NULL)
			continue;
		/* the CHECK constraint allows these two only */
		b = &out[strcmp(ch, "email") == 0 ? CCS_OUTBOX_EMAIL :
		    CCS_OUTBOX_WEBHOOK];

		b->pending = int_of(row, "pending");
		b->given_up = int_of(row, "given_up");
		oldest = int_of(row, "oldest");
		b->oldest_age = b->pending > 0 && oldest > 0 && now > oldest ?
		    now - oldest : 0;
	}
	json_decref(rows);
	return CCS_OK;
}
