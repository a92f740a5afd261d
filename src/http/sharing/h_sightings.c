/*
 * h_sightings.c: the sightings of one indicator value over HTTP, a list
 * under the contract of docs/internals/LISTS.md (page, total, cursor,
 * sorts, q, from/to, state, CSV).
 */
#include <inttypes.h>

#include "http/list.h"
#include "http/params.h"
#include "http/sharing/handlers.h"
#include "svc/sharing/sightings.h"
#include "util/err.h"
#include "util/str.h"

static const struct ccs_list_csv_col sighting_csv[] = {
	{ "id", "id", CCS_LIST_CSV_INT },
	{ "state", "state", CCS_LIST_CSV_TEXT },
	{ "seen_at", "seen_at", CCS_LIST_CSV_TIME },
	{ "tlp", "tlp", CCS_LIST_CSV_TEXT },
	{ "source", "source", CCS_LIST_CSV_TEXT },
	{ "note", "note", CCS_LIST_CSV_TEXT },
	{ "incident_id", "incident_id", CCS_LIST_CSV_INT },
	{ "author", "author", CCS_LIST_CSV_TEXT },
	{ "stix_id", "stix_id", CCS_LIST_CSV_TEXT },
};

void
ccs_h_indicator_sightings(struct ccs_req *r)
{
	static const char *const filters[] = { "state", NULL };
	struct ccs_fail f = { 0, NULL, "" };
	struct ccs_sighting_filter flt;
	struct ccs_list_req lr;
	json_t *out = NULL;
	char name[48];
	int64_t id;
	int rc;

	if (!ccs_param_id_or_reply(r, "id", &id))
		return;
	/* the value is part of the list's name: a cursor of one value's
	 * sightings is refused on another's */
	if (ccs_snprintf(name, sizeof(name), "sightings/%" PRId64, id) !=
	    CCS_OK) {
		ccs_reply_error(r, 500, "internal", "the list has no name");
		return;
	}
	if (!ccs_list_or_reply(r, name, ccs_sighting_cols,
	    ccs_sighting_ncols, "t.id", filters, &lr))
		return;
	flt.state = ccs_req_query(r, "state");
	flt.q = lr.q;
	flt.from = lr.from;
	flt.to = lr.to;
	rc = ccs_sighting_list(r->db, &r->who, id, &flt, lr.ks, lr.csv, &out,
	    &f);
	ccs_list_req_free(&lr);
	if (rc == CCS_OK && lr.csv) {
		ccs_list_reply_rows_csv(r, out, sighting_csv,
		    sizeof(sighting_csv) / sizeof(sighting_csv[0]),
		    "ccscap-sightings.csv");
		return;
	}
	ccs_reply_result(r, 200, rc, out, &f);
}
