/*
 * marking_readers.c: the reader keys of markings, kept in a table (see
 * marking_readers.h; the keys themselves are core/tlp_keys.c).
 */
#include <string.h>

#include <jansson.h>

#include "svc/sharing/marking_readers.h"
#include "svc/svc.h"
#include "util/err.h"

struct put {
	struct ccs_db	*db;
	int64_t		 id;
};

static int
put_key(void *arg, const char *key)
{
	struct put *pt = arg;
	struct ccs_val v[2];

	v[0] = CCS_VTEXT(key);
	v[1] = CCS_VINT(pt->id);
	/* a key may come twice (the author's organisation in a list) */
	return ccs_db_exec(pt->db, "INSERT INTO marking_readers (reader, "
	    "marking_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", v, 2, NULL,
	    NULL);
}

int
ccs_marking_readers_put(struct ccs_db *db, int64_t id,
    const struct ccs_marking *m)
{
	struct put pt = { db, id };

	return ccs_tlp_marking_keys(m, put_key, &pt);
}

int
ccs_marking_readers_drop(struct ccs_db *db, int64_t id)
{
	struct ccs_val v = CCS_VINT(id);

	return ccs_db_exec(db, "DELETE FROM marking_readers WHERE "
	    "marking_id = $1", &v, 1, NULL, NULL);
}

/* The keys of one stored marking row (columns as selected below). */
static int
put_row(struct ccs_db *db, const json_t *row)
{
	struct ccs_marking m;

	if (!ccs_tlp_parse(ccs_jstr(row, "tlp"), &m.tlp))
		return CCS_OK;	/* the CHECK makes this impossible: no keys */
	m.src_state = ccs_jstr(row, "src_state");
	m.src_org = json_integer_value(json_object_get(row, "src_org"));
	m.author = json_integer_value(json_object_get(row, "author_id"));
	m.states = ccs_jstr(row, "states");
	m.orgs = ccs_jstr(row, "orgs");
	m.recipients = ccs_jstr(row, "recipients");
	return ccs_marking_readers_put(db,
	    json_integer_value(json_object_get(row, "id")), &m);
}

int
ccs_marking_readers_rebuild(struct ccs_db *db)
{
	json_t *rows = NULL, *row;
	int64_t after = 0;
	size_t i;
	int rc;

	rc = ccs_db_exec(db, "DELETE FROM marking_readers", NULL, 0, NULL,
	    NULL);
	/* a thousand markings at a time, so memory stays flat */
	while (rc == CCS_OK) {
		struct ccs_val v = CCS_VINT(after);

		rc = ccs_db_query_json(db, "SELECT id, tlp, src_state, "
		    "src_org, author_id, states, orgs, recipients FROM "
		    "markings WHERE id > $1 ORDER BY id LIMIT 1000", &v, 1,
		    &rows);
		if (rc != CCS_OK || json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, row) {
			rc = put_row(db, row);
			if (rc != CCS_OK)
				break;
			after = json_integer_value(json_object_get(row, "id"));
		}
		json_decref(rows);
		rows = NULL;
	}
	json_decref(rows);
	return rc;
}

int
ccs_marking_readers_backfill(struct ccs_db *db, bool *done)
{
	return ccs_meta_backfill(db, "markings.readers",
	    ccs_marking_readers_rebuild, done);
}

static int
add_key(void *arg, const char *key)
{
	struct ccs_reader_keys *k = arg;

	if (k->n >= CCS_TLP_PRINCIPAL_KEYS)
		return CCS_ETOOBIG;	/* cannot happen: tlp_keys.h bound */
	memcpy(k->key[k->n], key, strlen(key) + 1);
	k->n++;
	return 0;
}

void
ccs_marking_reader_keys(const struct ccs_principal *p,
    struct ccs_reader_keys *out)
{
	out->n = 0;
	(void)ccs_tlp_principal_keys(p, add_key, out);
}
