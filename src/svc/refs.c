/*
 * refs.c: references by id in writes, checked through the read policy.
 *
 * Each kind is one row: the query that selects the marking columns of the
 * rows that make the record readable (its own marking, or for an
 * indicator value the marking of each of its sightings), and the one
 * error code a refused reference gets. The reader's sets keep the
 * readable rows in the query (ccs_marking_any) and ccs_marking_view()
 * confirms the row found, so a reference can never be accepted where a
 * read of the same record would be refused. A missing record and an
 * unreadable one take the same path to the same answer; the message
 * names only what the caller sent. Non-goal: records that are not
 * shared under a marking (states, organisations, status records) are
 * readable by every member and keep their own checks.
 */
#include <inttypes.h>

#include "svc/sharing/marking.h"
#include "svc/refs.h"
#include "svc/svc.h"
#include "util/err.h"

static const struct ref_kind {
	const char	*code;	/* the answer for missing and unreadable */
	const char	*noun;	/* for the message */
	const char	*sql;	/* marking rows of record $1, no ORDER BY */
} kinds[CCS_REF_NKINDS] = {
	[CCS_REF_INCIDENT] = { "unknown_incident", "incident",
	    "SELECT i.id, " CCS_MARKING_COLS " FROM incidents i JOIN "
	    "markings m ON m.id = i.marking_id WHERE i.id = $1" },
	/* A value is readable when one of its sightings is (as for
	 * GET /indicators/{id}): one readable sighting, found by index. */
	[CCS_REF_VALUE] = { "unknown_indicator", "indicator value",
	    "SELECT " CCS_MARKING_COLS " FROM sightings s JOIN markings m ON "
	    "m.id = s.marking_id WHERE s.value_id = $1" },
	[CCS_REF_ADVISORY] = { "unknown_advisory", "advisory",
	    "SELECT a.id, " CCS_MARKING_COLS " FROM advisories a JOIN "
	    "markings m ON m.id = a.marking_id WHERE a.id = $1" },
	[CCS_REF_LESSON] = { "unknown_lesson", "lesson",
	    "SELECT l.id, " CCS_MARKING_COLS " FROM lessons l JOIN markings m "
	    "ON m.id = l.marking_id WHERE l.id = $1" },
	[CCS_REF_RFI] = { "unknown_rfi", "request for information",
	    "SELECT r.id, " CCS_MARKING_COLS " FROM rfis r JOIN markings m ON "
	    "m.id = r.marking_id WHERE r.id = $1" },
};

int
ccs_ref_readable(struct ccs_db *db, const struct ccs_principal *p,
    enum ccs_ref_kind kind, int64_t id, bool *ok)
{
	struct ccs_val v = CCS_VINT(id);

	*ok = false;
	if ((unsigned)kind >= CCS_REF_NKINDS || id <= 0)
		return CCS_OK;
	/* the reader's sets in the query: one readable row, by index */
	return ccs_marking_any(db, p, kinds[kind].sql, &v, 1, ok);
}

int
ccs_ref_check(struct ccs_db *db, const struct ccs_principal *p,
    enum ccs_ref_kind kind, int64_t id, const char *what,
    struct ccs_fail *f)
{
	bool ok;
	int rc;

	if ((unsigned)kind >= CCS_REF_NKINDS)
		return ccs_fail(f, CCS_EINVAL, "internal", "unknown reference "
		    "kind");
	rc = ccs_ref_readable(db, p, kind, id, &ok);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (!ok)
		return ccs_fail(f, CCS_EINVAL, kinds[kind].code, "%s: no %s %"
		    PRId64 " that you may read", what, kinds[kind].noun, id);
	return CCS_OK;
}
