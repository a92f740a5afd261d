/*
 * notify.c: subscriptions, inbox entries and outbound notices.
 *
 * Entries and notices are written in the transaction that creates the
 * record, so a record that is rolled back tells nobody. Each candidate is
 * loaded as a principal (role, state, organisation) and asked through
 * ccs_marking_view(), the same decision a read makes; a disabled account
 * gets nothing. Notices leave the platform (mail servers, third-party
 * webhooks), so above TLP:GREEN they say only that a record exists, with
 * its kind, id, level and a link that needs signing in; the title goes out
 * for CLEAR and GREEN only. Delivery itself is svc/platform/delivery.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "svc/platform/audit.h"
#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "svc/platform/notify.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_subscription_fields[] = {
	{ "topic", CCS_J_STRING, true, 1, 20 },
	{ "value", CCS_J_STRING, true, 1, 64 },
	{ "email", CCS_J_STRING, false, 3, 254 },
	{ "webhook_url", CCS_J_STRING, false, 8, 2000 },
};
const size_t ccs_subscription_nfields = sizeof(ccs_subscription_fields) /
    sizeof(ccs_subscription_fields[0]);

static const char *const topics_known[] = {
	"state", "sector", "rsit", "indicator_type"
};

#define USER_COLS "u.id, u.login, u.role, u.state_code, u.organisation_id"

/* The principal of a user row selected with USER_COLS. */
static void
principal_of(const json_t *row, struct ccs_principal *p)
{
	const char *st = ccs_jstr(row, "state_code");

	memset(p, 0, sizeof(*p));
	p->user_id = json_integer_value(json_object_get(row, "id"));
	p->role = ccs_role_parse(ccs_jstr(row, "role"));
	(void)ccs_strlcpy(p->login, ccs_jstr(row, "login") ?
	    ccs_jstr(row, "login") : "", sizeof(p->login));
	if (st != NULL)
		(void)ccs_strlcpy(p->state, st, sizeof(p->state));
	p->org_id = json_integer_value(json_object_get(row, "organisation_id"));
}

/* "advisory" -> "advisories": the API collection of a kind. */
static const char *
collection(const char *kind)
{
	static const char *const map[][2] = {
		{ "advisory", "advisories" }, { "lesson", "lessons" },
		{ "rfi", "rfis" }, { "incident", "incidents" },
		{ "sighting", "sightings" }, { "crisis", "crises" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(map[i][0], kind) == 0)
			return map[i][1];
	}
	return NULL;
}

/* Inserts an inbox entry unless the user has one for the record. */
static int
inbox_add(struct ccs_db *db, int64_t user, const char *kind, int64_t ref,
    int64_t marking, const char *reason, int64_t now, bool *added)
{
	struct ccs_val v[6];
	int64_t n;
	int rc;

	*added = false;
	v[0] = CCS_VINT(user);
	v[1] = CCS_VTEXT(kind);
	v[2] = CCS_VINT(ref);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM inbox WHERE user_id = "
	    "$1 AND kind = $2 AND ref_id = $3", v, 3, &n);
	if (rc != CCS_OK || n > 0)
		return rc;
	v[3] = CCS_VINT(marking);
	v[4] = CCS_VTEXT(reason);
	v[5] = CCS_VINT(now);
	rc = ccs_db_exec(db, "INSERT INTO inbox (user_id, kind, ref_id, "
	    "marking_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
	    v, 6, NULL, NULL);
	*added = rc == CCS_OK;
	return rc;
}

/* Queues one notice; the body says no more than the TLP level allows. */
static int
outbox_add(struct ccs_db *db, const char *channel, const char *target,
    const char *kind, int64_t ref, const char *tlp, const char *title,
    const char *reason, int64_t now)
{
	bool open = strcmp(tlp, "clear") == 0 || strcmp(tlp, "green") == 0;
	const char *coll = collection(kind);
	char link[160], subject[160], level[20];
	struct ccs_buf text;
	struct ccs_val v[6];
	json_t *body = NULL;
	char *js = NULL;
	size_t i;
	int rc;

	for (i = 0; tlp[i] != '\0' && i + 1 < sizeof(level); i++)
		level[i] = (char)(tlp[i] >= 'a' && tlp[i] <= 'z' ? tlp[i] - 32 :
		    tlp[i]);
	level[i] = '\0';
	if (coll != NULL)
		rc = ccs_snprintf(link, sizeof(link), "/api/v1/%s/%" PRId64,
		    coll, ref);
	else
		rc = ccs_snprintf(link, sizeof(link), "/api/v1/%.40s/%" PRId64,
		    kind, ref);
	if (rc == CCS_OK)
		rc = ccs_snprintf(subject, sizeof(subject), "ccscap: new %.40s "
		    "%" PRId64 " (TLP:%s)", kind, ref, level);
	if (rc != CCS_OK)
		return rc;
	ccs_buf_init(&text, 16384);
	if (strcmp(channel, "webhook") == 0) {
		body = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "event",
		    "new_record", "kind", kind, "id", (json_int_t)ref, "tlp",
		    tlp, "link", link, "reason", reason);
		if (body != NULL && open && title != NULL)
			(void)json_object_set_new(body, "title",
			    json_string(title));
		js = body ? json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS) :
		    NULL;
		rc = js ? ccs_buf_adds(&text, js) : CCS_ENOMEM;
	} else {
		rc = ccs_buf_printf(&text, "A new %s (TLP:%s) matches your "
		    "ccscap subscription (%s).\r\n\r\n", kind, level, reason);
		if (rc == CCS_OK && open && title != NULL)
			rc = ccs_buf_printf(&text, "Title: %s\r\n\r\n", title);
		if (rc == CCS_OK)
			rc = ccs_buf_printf(&text, "Sign in to read it: %s\r\n",
			    link);
	}
	if (rc == CCS_OK) {
		v[0] = CCS_VTEXT(channel);
		v[1] = CCS_VTEXT(target);
		v[2] = CCS_VTEXT(subject);
		v[3] = CCS_VTEXT(ccs_buf_str(&text));
		v[4] = CCS_VINT(now);
		rc = ccs_db_exec(db, "INSERT INTO outbox (channel, target, "
		    "subject, body, next_at, created_at) VALUES ($1, $2, $3, "
		    "$4, $5, $5)", v, 5, NULL, NULL);
	}
	free(js);
	json_decref(body);
	ccs_buf_free(&text);
	return rc;
}

static bool
may_read(const json_t *marking, const json_t *user)
{
	struct ccs_principal p;

	principal_of(user, &p);
	return ccs_marking_view(&p, marking) == CCS_TLP_FULL;
}

int
ccs_notify_record(struct ccs_db *db, const char *kind, int64_t ref_id,
    int64_t marking_id, const struct ccs_topic *topics, size_t ntopics,
    const char *title, int64_t now)
{
	json_t *marking = NULL, *rows = NULL, *row, *seen = NULL;
	const char *tlp, *to, *url;
	char reason[120], key[2100];
	struct ccs_val v[2];
	bool added;
	size_t t, i;
	int rc;

	rc = ccs_marking_load(db, marking_id, &marking);
	if (rc != CCS_OK)
		return rc;
	tlp = ccs_jstr(marking, "m_tlp");
	seen = json_object();	/* "u:ID" and "channel target" already done */
	if (seen == NULL || tlp == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	for (t = 0; t < ntopics; t++) {
		if (topics[t].topic == NULL || topics[t].value == NULL)
			continue;
		v[0] = CCS_VTEXT(topics[t].topic);
		v[1] = CCS_VTEXT(topics[t].value);
		rc = ccs_db_query_json(db, "SELECT s.id AS sub_id, s.email, "
		    "s.email_to, s.webhook_url, " USER_COLS " FROM subscriptions "
		    "s JOIN users u ON u.id = s.user_id WHERE s.topic = $1 AND "
		    "s.value = $2 AND u.disabled = 0 ORDER BY s.id", v, 2, &rows);
		if (rc != CCS_OK)
			goto out;
		json_array_foreach(rows, i, row) {
			if (!may_read(marking, row))
				continue;
			(void)ccs_snprintf(reason, sizeof(reason), "subscribed to "
			    "%s %.64s", topics[t].topic, topics[t].value);
			(void)ccs_snprintf(key, sizeof(key), "u:%" PRId64,
			    (int64_t)json_integer_value(json_object_get(row,
			    "id")));
			if (json_object_get(seen, key) == NULL) {
				(void)json_object_set_new(seen, key,
				    json_true());
				rc = inbox_add(db, json_integer_value(
				    json_object_get(row, "id")), kind, ref_id,
				    marking_id, reason, now, &added);
				if (rc != CCS_OK)
					goto out;
			}
			to = ccs_jstr(row, "email_to");
			url = ccs_jstr(row, "webhook_url");
			if (json_integer_value(json_object_get(row, "email")) &&
			    to != NULL && ccs_snprintf(key, sizeof(key),
			    "email %s", to) == CCS_OK &&
			    json_object_get(seen, key) == NULL) {
				(void)json_object_set_new(seen, key,
				    json_true());
				rc = outbox_add(db, "email", to, kind, ref_id, tlp,
				    title, reason, now);
				if (rc != CCS_OK)
					goto out;
			}
			if (url != NULL && ccs_snprintf(key, sizeof(key),
			    "webhook %s", url) == CCS_OK &&
			    json_object_get(seen, key) == NULL) {
				(void)json_object_set_new(seen, key,
				    json_true());
				rc = outbox_add(db, "webhook", url, kind, ref_id,
				    tlp, title, reason, now);
				if (rc != CCS_OK)
					goto out;
			}
		}
		json_decref(rows);
		rows = NULL;
	}
out:
	json_decref(rows);
	json_decref(seen);
	json_decref(marking);
	return rc;
}

int
ccs_notify_users(struct ccs_db *db, const char *kind, int64_t ref_id,
    int64_t marking_id, const char *const *states, size_t nstates,
    const char *const *roles, size_t nroles, const char *reason,
    int64_t now)
{
	json_t *marking = NULL, *rows = NULL, *row;
	struct ccs_val v[2];
	bool added;
	size_t s, r, i;
	int rc;

	rc = ccs_marking_load(db, marking_id, &marking);
	if (rc != CCS_OK)
		return rc;
	for (s = 0; s < nstates && rc == CCS_OK; s++) {
		for (r = 0; r < nroles && rc == CCS_OK; r++) {
			v[0] = CCS_VTEXT(states[s]);
			v[1] = CCS_VTEXT(roles[r]);
			rc = ccs_db_query_json(db, "SELECT " USER_COLS " FROM "
			    "users u WHERE u.state_code = $1 AND u.role = $2 "
			    "AND u.disabled = 0 ORDER BY u.id", v, 2, &rows);
			if (rc != CCS_OK)
				break;
			json_array_foreach(rows, i, row) {
				if (!may_read(marking, row))
					continue;
				rc = inbox_add(db, json_integer_value(
				    json_object_get(row, "id")), kind, ref_id,
				    marking_id, reason, now, &added);
				if (rc != CCS_OK)
					break;
			}
			json_decref(rows);
			rows = NULL;
		}
	}
	json_decref(marking);
	return rc;
}

int
ccs_notify_regional(struct ccs_db *db, const char *kind, int64_t ref_id,
    int64_t marking_id, const char *role, const char *reason, int64_t now)
{
	json_t *marking = NULL, *rows = NULL, *row;
	struct ccs_val v = CCS_VTEXT(role);
	bool added;
	size_t i;
	int rc;

	rc = ccs_marking_load(db, marking_id, &marking);
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT " USER_COLS " FROM users u "
		    "WHERE u.state_code IS NULL AND u.role = $1 AND "
		    "u.disabled = 0 ORDER BY u.id", &v, 1, &rows);
	json_array_foreach(rows, i, row) {
		if (rc != CCS_OK)
			break;
		if (!may_read(marking, row))
			continue;
		rc = inbox_add(db, json_integer_value(json_object_get(row,
		    "id")), kind, ref_id, marking_id, reason, now, &added);
	}
	json_decref(rows);
	json_decref(marking);
	return rc;
}

/* ---------------------------------------------------------- subscriptions */

#define SUB_SELECT "SELECT id, topic, value, email_to AS email, webhook_url, " \
	"created_at FROM subscriptions"

int
ccs_sub_create(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const char *topic = ccs_jstr(body, "topic");
	const char *value = ccs_jstr(body, "value");
	const char *email = ccs_jstr(body, "email");
	const char *url = ccs_jstr(body, "webhook_url");
	struct ccs_val v[6];
	bool exists;
	int64_t id, n;
	size_t i;
	bool known = false;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_SELF, NULL);
	if (rc != CCS_OK || p->user_id <= 0)
		return ccs_fail(f, CCS_EAUTH, "authentication_required",
		    "sign in as a user to subscribe");
	for (i = 0; i < sizeof(topics_known) / sizeof(topics_known[0]); i++)
		known = known || strcmp(topics_known[i], topic) == 0;
	if (!known)
		return ccs_fail(f, CCS_EINVAL, "unknown_topic", "topic must be "
		    "one of state, sector, rsit, indicator_type");
	if (strcmp(topic, "state") == 0) {
		if (!ccs_valid_iso2(value))
			return ccs_fail(f, CCS_EINVAL, "invalid_state_code",
			    "value must be a two-letter state code for topic "
			    "state");
		rc = ccs_state_exists(db, value, &exists);
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
		if (!exists)
			return ccs_fail(f, CCS_EINVAL, "unknown_state", "value: "
			    "state '%s' is not in the directory", value);
	}
	if (email != NULL && !ccs_valid_email(email))
		return ccs_fail(f, CCS_EINVAL, "invalid_email", "email must be "
		    "an e-mail address");
	if (url != NULL && !ccs_valid_url(url))
		return ccs_fail(f, CCS_EINVAL, "invalid_url", "webhook_url must "
		    "be an http(s) address");
	v[0] = CCS_VINT(p->user_id);
	v[1] = CCS_VTEXT(topic);
	v[2] = CCS_VTEXT(value);
	v[3] = CCS_VINT(email != NULL);
	v[4] = CCS_VTEXT(email);
	v[5] = CCS_VTEXT(url);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM subscriptions WHERE "
	    "user_id = $1 AND topic = $2 AND value = $3", v, 3, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n > 0)
		return ccs_fail(f, CCS_ECONFLICT, "already_subscribed", "you "
		    "already subscribe to %s %s", topic, value);
	{
		struct ccs_val w[7] = { v[0], v[1], v[2], v[3], v[4], v[5],
		    CCS_VINT(now) };

		rc = ccs_db_query_int(db, "INSERT INTO subscriptions (user_id, "
		    "topic, value, email, email_to, webhook_url, created_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id", w, 7,
		    &id);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	rc = ccs_audit_record(db, p, "subscription.create", "subscription", id,
	    body, now);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	v[0] = CCS_VINT(id);
	rc = ccs_db_query_one(db, SUB_SELECT " WHERE id = $1", v, 1, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_sub_list(struct ccs_db *db, const struct ccs_principal *p, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(p->user_id);
	int rc;

	*out = NULL;
	rc = ccs_db_query_json(db, SUB_SELECT " WHERE user_id = $1 ORDER BY "
	    "id", &v, 1, out);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_sub_delete(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[2] = { CCS_VINT(id), CCS_VINT(p->user_id) };
	int64_t n;
	int rc;

	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM subscriptions WHERE "
	    "id = $1 AND user_id = $2", v, 2, &n);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (n == 0 || p->user_id <= 0)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "you have no "
		    "subscription %" PRId64, id);
	rc = ccs_db_exec(db, "DELETE FROM subscriptions WHERE id = $1 AND "
	    "user_id = $2", v, 2, NULL, NULL);
	if (rc == CCS_OK) {
		rc = ccs_audit_record(db, p, "subscription.delete",
		    "subscription", id, NULL, now);
	}
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* ------------------------------------------------------------------ inbox */

const struct ccs_keyset_col ccs_inbox_list_cols[] = {
	{ "created_at", "created_at", CCS_KEYSET_INT, true },
	{ "kind", "kind", CCS_KEYSET_TEXT, false },
	{ "title", "COALESCE(title, '')", CCS_KEYSET_TEXT, false },
	{ "reason", "COALESCE(reason, '')", CCS_KEYSET_TEXT, false },
	{ "read_at", "COALESCE(read_at, 0)", CCS_KEYSET_INT, true },
};
const size_t ccs_inbox_list_ncols = sizeof(ccs_inbox_list_cols) /
    sizeof(ccs_inbox_list_cols[0]);

int
ccs_inbox_list(struct ccs_db *db, const struct ccs_principal *p,
    const struct ccs_inbox_filter *flt, struct ccs_keyset *ks, bool whole,
    json_t **out, struct ccs_fail *f)
{
	static const char *const words[] = { "i.kind",
	    "COALESCE(i.reason, '')", "COALESCE(d.title, '')" };
	struct ccs_val v[4 + CCS_KEYSET_WORDS];
	struct ccs_buf sql;
	size_t n = 4;
	int rc;

	*out = NULL;
	v[0] = CCS_VINT(p->user_id);
	v[1] = CCS_VINT(flt->unread ? 1 : 0);
	v[2] = CCS_VINT(flt->from);
	v[3] = CCS_VINT(flt->to);
	ccs_buf_init(&sql, 8192);
	/* The title is the record's search document (lessons, advisories);
	 * it is shown only because the marking check passes. Every entry
	 * is decided through its record's marking (ccs_shared_list), so
	 * the total counts only entries the reader may still read. */
	rc = ccs_buf_adds(&sql, "SELECT i.id, i.kind, i.ref_id, i.reason, "
	    "i.created_at, i.read_at, d.title, m.reader_set AS m_reader_set, "
	    CCS_MARKING_COLS " FROM "
	    "inbox i JOIN markings m ON m.id = i.marking_id LEFT JOIN "
	    "search_docs d ON d.kind = i.kind AND d.ref_id = i.ref_id WHERE "
	    "i.user_id = $1 AND (CAST($2 AS BIGINT) = 0 OR i.read_at IS "
	    "NULL) AND i.created_at >= $3 AND (CAST($4 AS BIGINT) = 0 OR "
	    "i.created_at < $4)");
	if (rc == CCS_OK)
		rc = ccs_keyset_words(ks, &sql, flt->q, words,
		    sizeof(words) / sizeof(words[0]), v, &n,
		    sizeof(v) / sizeof(v[0]));
	if (rc == CCS_EINVAL) {
		ccs_buf_free(&sql);
		return ccs_fail(f, rc, "invalid_query", "q may hold at most %d "
		    "words", CCS_KEYSET_WORDS);
	}
	if (rc == CCS_OK)
		rc = ccs_shared_list(db, p, ccs_buf_str(&sql), v, n, ks, whole,
		    NULL, NULL, out);
	ccs_buf_free(&sql);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

int
ccs_inbox_read(struct ccs_db *db, const struct ccs_principal *p, int64_t id,
    int64_t now, struct ccs_fail *f)
{
	struct ccs_val v[3] = { CCS_VINT(id), CCS_VINT(p->user_id),
	    CCS_VINT(now) };
	json_t *row = NULL;
	int rc;

	rc = ccs_db_query_one(db, "SELECT i.read_at, " CCS_MARKING_COLS
	    " FROM inbox i JOIN markings m ON m.id = i.marking_id WHERE i.id "
	    "= $1 AND i.user_id = $2", v, 2, &row);
	if (rc == CCS_ENOTFOUND || (rc == CCS_OK &&
	    ccs_marking_view(p, row) != CCS_TLP_FULL)) {
		json_decref(row);
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no inbox entry "
		    "%" PRId64, id);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (json_is_null(json_object_get(row, "read_at"))) {
		rc = ccs_db_exec(db, "UPDATE inbox SET read_at = $3 WHERE id = "
		    "$1 AND user_id = $2", v, 3, NULL, NULL);
		if (rc == CCS_OK)
			rc = ccs_audit_record(db, p, "inbox.read", "inbox", id,
			    NULL, now);
	}
	json_decref(row);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}
