/*
 * crisis_log.c: the append-only decision and communications log (see
 * crisis_log.h).
 *
 * An entry's marking is made from the body as every shared record's is
 * (svc/sharing/marking.h), with the crisis's state as source. A reader
 * must first see the crisis, then each entry through core/tlp.c; the
 * page is cut after that filter, so its total and cursor count only what
 * the reader may see (a crisis log is hundreds of entries, not more).
 */
#include <inttypes.h>
#include <string.h>

#include "svc/crisis/crisis_log.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_crisis_log_fields[] = {
	{ "kind", CCS_J_STRING, true, 1, 20 },
	{ "actor", CCS_J_STRING, true, 1, 200 },
	{ "content", CCS_J_STRING, true, 1, 10000 },
	{ "audience", CCS_J_STRING, true, 1, 20 },
	{ "channel", CCS_J_STRING, true, 1, 20 },
	{ "approved_by", CCS_J_NULLSTR, false, 0, 200 },
	{ "occurred_at", CCS_J_INT, false, 0, 0 },
	CCS_MARKING_JFIELDS
};
const size_t ccs_crisis_log_nfields = sizeof(ccs_crisis_log_fields) /
    sizeof(ccs_crisis_log_fields[0]);

#define LOG_SELECT "SELECT l.id, l.kind, l.actor, l.content, l.audience, " \
	"l.channel, l.approved_by, l.occurred_at, l.author, l.created_at, " \
	CCS_MARKING_COLS " FROM crisis_log l JOIN markings m ON m.id = " \
	"l.marking_id"

/* A word of @p v in field @p name, or the failure naming the words. */
static int
check_word(const struct ccs_vocab *v, const json_t *body, const char *name,
    struct ccs_fail *f)
{
	char allowed[200];

	if (ccs_vocab_has(v, ccs_jstr(body, name)))
		return CCS_OK;
	ccs_crisis_words(v, allowed, sizeof(allowed));
	return ccs_fail(f, CCS_EINVAL, "invalid_value", "%s must be %s", name,
	    allowed);
}

static int
check(const json_t *c, const json_t *body, int64_t now, struct ccs_fail *f)
{
	const json_t *at = json_object_get(body, "occurred_at");
	int rc;

	rc = check_word(&ccs_crisis_log_kinds, body, "kind", f);
	if (rc == CCS_OK)
		rc = check_word(&ccs_crisis_audiences, body, "audience", f);
	if (rc == CCS_OK)
		rc = check_word(&ccs_crisis_channels, body, "channel", f);
	if (rc != CCS_OK)
		return rc;
	if (at != NULL && (json_integer_value(at) > now + 300 ||
	    json_integer_value(at) < json_integer_value(json_object_get(c,
	    "declared_at")) - 30 * 86400))
		return ccs_fail(f, CCS_EINVAL, "invalid_time", "occurred_at "
		    "must be a time (Unix seconds) not in the future and at "
		    "most 30 days before the declaration");
	return CCS_OK;
}

static int
get_entry(struct ccs_db *db, const struct ccs_principal *p, int64_t entry,
    json_t **out, struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(entry);
	int rc;

	rc = ccs_db_query_one(db, LOG_SELECT " WHERE l.id = $1", &v, 1, out);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (ccs_marking_view(p, *out) != CCS_TLP_FULL) {
		/* the author reads what they wrote; an import never writes
		 * here, so this is only a marking the author left out of */
		json_decref(*out);
		*out = json_pack("{s:I, s:b}", "id", (json_int_t)entry,
		    "restricted", 1);
		return CCS_OK;
	}
	ccs_marking_present(*out);
	return CCS_OK;
}

int
ccs_crisis_log_add(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const json_t *body, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	const json_t *at = json_object_get(body, "occurred_at");
	int64_t marking = 0, entry = 0;
	json_t *c = NULL;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load_open(db, p, id, true, &c, f);
	if (rc != CCS_OK)
		return rc;
	rc = check(c, body, now, f);
	if (rc == CCS_OK)
		rc = ccs_marking_create(db, p, body, ccs_jstr(c, "state"), now,
		    &marking, f);
	json_decref(c);
	if (rc != CCS_OK)
		return rc;
	{
		const struct ccs_named np[] = {
			CCS_NAMED("crisis", CCS_VINT(id)),
			CCS_NAMED("marking", CCS_VINT(marking)),
			CCS_NAMED("kind", CCS_VTEXT(ccs_jstr(body, "kind"))),
			CCS_NAMED("actor", CCS_VTEXT(ccs_jstr(body, "actor"))),
			CCS_NAMED("content", CCS_VTEXT(ccs_jstr(body,
			    "content"))),
			CCS_NAMED("aud", CCS_VTEXT(ccs_jstr(body,
			    "audience"))),
			CCS_NAMED("chan", CCS_VTEXT(ccs_jstr(body, "channel"))),
			CCS_NAMED("appr", CCS_VTEXT(ccs_jstr(body,
			    "approved_by"))),
			CCS_NAMED("at", CCS_VINT(at != NULL ?
			    json_integer_value(at) : now)),
			CCS_NAMED("by", CCS_VTEXT(ccs_actor(p))),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO crisis_log "
		    "(crisis_id, marking_id, kind, actor, content, audience, "
		    "channel, approved_by, occurred_at, author, created_at) "
		    "VALUES (:crisis, :marking, :kind, :actor, :content, :aud, "
		    ":chan, :appr, :at, :by, :now) RETURNING id", np,
		    CCS_NNAMED(np), &entry);
	}
	if (rc == CCS_OK)
		rc = ccs_audit_recordf(db, p, "crisis.log", "crisis_log", body,
		    now, "%" PRId64 "/%" PRId64, id, entry);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	return get_entry(db, p, entry, out, f);
}

int
ccs_crisis_log_list(struct ccs_db *db, const struct ccs_principal *p,
    int64_t id, const struct ccs_crisis_page *pg, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *rows = NULL, *page, *it, *c = NULL;
	int64_t total = 0;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_crisis_load(db, p, id, false, &c, f);
	json_decref(c);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_json(db, LOG_SELECT " WHERE l.crisis_id = $1 ORDER "
	    "BY l.id", &v, 1, &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	page = json_array();
	json_array_foreach(rows, i, it) {
		if (page == NULL)
			break;
		if (ccs_marking_view(p, it) != CCS_TLP_FULL)
			continue;
		total++;
		if (json_integer_value(json_object_get(it, "id")) <=
		    pg->after || (int64_t)json_array_size(page) > pg->limit)
			continue;
		ccs_marking_present(it);
		if (json_array_append(page, it) != 0) {
			json_decref(page);
			page = NULL;
		}
	}
	json_decref(rows);
	return ccs_crisis_page_of(page, pg, total, out, f);
}
