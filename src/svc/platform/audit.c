/*
 * audit.c: appending to and verifying the audit chain. Writers serialise
 * on the single audit_head row (UPDATE takes its row lock on PostgreSQL;
 * SQLite write transactions are already exclusive), so sequence numbers are
 * gap-free and each event chains to the one committed before it.
 */
#include <stdio.h>
#include <string.h>

#include "core/audit_chain.h"
#include "svc/platform/audit.h"
#include "util/err.h"
#include "util/str.h"

struct head {
	int64_t	seq;			/* new sequence number */
	char	hash[CCS_HEX256_LEN];	/* previous hash */
	int	found;			/* row seen */
};

static int
head_cb(void *arg, const struct ccs_row *row)
{
	struct head *h = arg;

	if (row->ncols != 2 || row->vals[0] == NULL || row->vals[1] == NULL)
		return CCS_ECORRUPT;
	if (ccs_parse_i64(row->vals[0], 1, INT64_MAX, &h->seq) != CCS_OK ||
	    ccs_strlcpy(h->hash, row->vals[1], sizeof(h->hash)) != CCS_OK)
		return CCS_ECORRUPT;
	h->found = 1;
	return CCS_OK;
}

int
ccs_audit_append(struct ccs_db *db, const char *actor, const char *action,
    const char *entity, const char *entity_id, const json_t *change,
    int64_t now)
{
	struct ccs_audit_event ev;
	struct head h = { 0, "", 0 };
	char digest[CCS_HEX256_LEN], hash[CCS_HEX256_LEN];
	struct ccs_val v[1];
	int rc;

	rc = ccs_audit_digest(change, digest);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_exec(db, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 "
	    "RETURNING seq, hash", NULL, 0, head_cb, &h);
	if (rc != CCS_OK)
		return rc;
	if (!h.found)
		return CCS_ECORRUPT;
	ev.seq = h.seq;
	ev.at = now;
	ev.actor = actor;
	ev.action = action;
	ev.entity = entity;
	ev.entity_id = entity_id;
	ev.digest = digest;
	ev.prev_hash = h.hash;
	ccs_audit_hash(&ev, hash);
	v[0] = CCS_VTEXT(hash);
	rc = ccs_db_exec(db, "UPDATE audit_head SET hash = $1 WHERE id = 1", v,
	    1, NULL, NULL);
	if (rc != CCS_OK)
		return rc;
	const struct ccs_named np[] = {
		CCS_NAMED("seq", CCS_VINT(ev.seq)),
		CCS_NAMED("at", CCS_VINT(now)),
		CCS_NAMED("actor", CCS_VTEXT(actor)),
		CCS_NAMED("action", CCS_VTEXT(action)),
		CCS_NAMED("entity", CCS_VTEXT(entity)),
		CCS_NAMED("entity_id", CCS_VTEXT(entity_id)),
		CCS_NAMED("digest", CCS_VTEXT(digest)),
		CCS_NAMED("prev_hash", CCS_VTEXT(h.hash)),
		CCS_NAMED("hash", CCS_VTEXT(hash)),
	};

	return ccs_db_exec_named(db, "INSERT INTO audit_events (seq, at, "
	    "actor, action, entity, entity_id, digest, prev_hash, hash) VALUES "
	    "(:seq, :at, :actor, :action, :entity, :entity_id, :digest, "
	    ":prev_hash, :hash)", np, CCS_NNAMED(np), NULL, NULL);
}

struct verify {
	struct ccs_audit_report	*rep;			/* output */
	int64_t			 expect;		/* next seq */
	char			 prev[CCS_HEX256_LEN];	/* last hash */
};

static int
broken(struct verify *vf, int64_t seq, const char *why)
{
	vf->rep->bad_seq = seq;
	(void)ccs_snprintf(vf->rep->reason, sizeof(vf->rep->reason), "%s", why);
	return CCS_ECORRUPT;
}

static int
verify_cb(void *arg, const struct ccs_row *row)
{
	struct verify *vf = arg;
	struct ccs_audit_event ev;
	char hash[CCS_HEX256_LEN];
	size_t i;

	if (row->ncols != 9)
		return CCS_EDB;
	for (i = 0; i < row->ncols; i++) {
		if (row->vals[i] == NULL)
			return broken(vf, vf->expect, "a field is NULL");
	}
	if (ccs_parse_i64(row->vals[0], 1, INT64_MAX, &ev.seq) != CCS_OK ||
	    ccs_parse_i64(row->vals[1], INT64_MIN, INT64_MAX, &ev.at) != CCS_OK)
		return broken(vf, vf->expect, "sequence or time is not a number");
	if (ev.seq != vf->expect)
		return broken(vf, vf->expect, ev.seq > vf->expect ?
		    "event is missing (gap in sequence)" :
		    "sequence number repeated");
	ev.actor = row->vals[2];
	ev.action = row->vals[3];
	ev.entity = row->vals[4];
	ev.entity_id = row->vals[5];
	ev.digest = row->vals[6];
	ev.prev_hash = row->vals[7];
	if (strcmp(ev.prev_hash, vf->prev) != 0)
		return broken(vf, ev.seq, "prev_hash does not match the hash "
		    "of the previous event");
	ccs_audit_hash(&ev, hash);
	if (strcmp(hash, row->vals[8]) != 0)
		return broken(vf, ev.seq, "stored hash does not match the "
		    "event's contents (the event was altered)");
	memcpy(vf->prev, hash, sizeof(hash));
	vf->expect++;
	vf->rep->events++;
	return CCS_OK;
}

int
ccs_audit_verify(struct ccs_db *db, struct ccs_audit_report *rep)
{
	struct verify vf;
	json_t *head = NULL;
	int64_t seq;
	int rc;

	memset(rep, 0, sizeof(*rep));
	vf.rep = rep;
	vf.expect = 1;
	memcpy(vf.prev, ccs_audit_genesis, sizeof(vf.prev));
	rc = ccs_db_exec(db, "SELECT seq, at, actor, action, entity, entity_id, "
	    "digest, prev_hash, hash FROM audit_events ORDER BY seq", NULL, 0,
	    verify_cb, &vf);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_db_query_one(db, "SELECT seq, hash FROM audit_head WHERE "
	    "id = 1", NULL, 0, &head);
	if (rc != CCS_OK)
		return broken(&vf, vf.expect, "the chain head row is missing");
	seq = json_integer_value(json_object_get(head, "seq"));
	if (seq != vf.expect - 1)
		rc = broken(&vf, vf.expect, "events after the last stored one "
		    "were removed (head is ahead)");
	else if (!ccs_streq(json_string_value(json_object_get(head, "hash")),
	    vf.prev))
		rc = broken(&vf, seq, "head hash does not match the last event");
	json_decref(head);
	return rc;
}

int
ccs_audit_list(struct ccs_db *db, int64_t limit, json_t **out)
{
	struct ccs_val v = CCS_VINT(limit);

	return ccs_db_query_json(db, "SELECT seq, at, actor, action, entity, "
	    "entity_id, digest, hash FROM audit_events ORDER BY seq DESC "
	    "LIMIT $1", &v, 1, out);
}
