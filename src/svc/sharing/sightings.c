/*
 * sightings.c: the sightings of one value as a list (sightings.h).
 *
 * Each sighting carries its own marking; the reader's sets keep the
 * readable ones in the query (ccs_shared_list): the total, the order and
 * the CSV hold readable sightings only, and a value none of whose
 * sightings is readable is answered as missing.
 */
#include <inttypes.h>

#include "svc/sharing/lists.h"
#include "svc/sharing/marking.h"
#include "svc/sharing/sightings.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"

const struct ccs_keyset_col ccs_sighting_cols[] = {
	{ "seen_at", "seen_at", CCS_KEYSET_INT, true },
	{ "state", "COALESCE(state, '')", CCS_KEYSET_TEXT, false },
	{ "source", "COALESCE(source, '')", CCS_KEYSET_TEXT,
	    false },
	{ "tlp", "m_tlp", CCS_KEYSET_TEXT, false },
};
const size_t ccs_sighting_ncols = sizeof(ccs_sighting_cols) /
    sizeof(ccs_sighting_cols[0]);

#define SIGHTING_SELECT "SELECT s.id, s.state_code AS state, s.seen_at, " \
	"s.source, s.note, s.incident_id, s.stix_id, s.author, " \
	"m.reader_set AS m_reader_set, " CCS_MARKING_COLS " FROM sightings " \
	"s JOIN markings m ON m.id = s.marking_id WHERE s.value_id = $1"

/* True (in @p *yes) when @p p may read a sighting of @p value_id. */
static int
readable(struct ccs_db *db, const struct ccs_principal *p, int64_t value_id,
    bool *yes)
{
	struct ccs_val v = CCS_VINT(value_id);

	/* one readable sighting, found with the reader's sets by index */
	return ccs_marking_any(db, p, SIGHTING_SELECT, &v, 1, yes);
}

int
ccs_sighting_list(struct ccs_db *db, const struct ccs_principal *p,
    int64_t value_id, const struct ccs_sighting_filter *flt,
    struct ccs_keyset *ks, bool whole, json_t **out, struct ccs_fail *f)
{
	static const char *const words[] = { "COALESCE(s.state_code, '')",
	    "COALESCE(s.source, '')", "COALESCE(s.note, '')",
	    "COALESCE(s.author, '')" };
	struct ccs_val v[4 + CCS_KEYSET_WORDS];
	struct ccs_buf sql;
	size_t n = 4;
	bool yes = false;
	int rc;

	*out = NULL;
	rc = readable(db, p, value_id, &yes);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!yes)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no indicator %"
		    PRId64 " that you may read", value_id);
	v[0] = CCS_VINT(value_id);
	v[1] = CCS_VTEXT(flt->state);
	v[2] = CCS_VINT(flt->from);
	v[3] = CCS_VINT(flt->to);
	ccs_buf_init(&sql, 8192);
	rc = ccs_buf_adds(&sql, SIGHTING_SELECT " AND (CAST($2 AS TEXT) IS "
	    "NULL OR s.state_code = $2) AND s.seen_at >= $3 AND (CAST($4 AS "
	    "BIGINT) = 0 OR s.seen_at < $4)");
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
