/*
 * ind_reads.c: rebuilding ind_reads (ind_reads.h, migration 0032), and
 * the sum of a value's rows as one reader sees it. One
 * statement both backends run the same: the sightings grouped by value,
 * reader set of their marking, TLP and state. Markings whose set is not
 * known yet are left out, as the trigger leaves them out; the rebuild
 * after the reader sets brings them in. The values' unions
 * (ind_unions.h) are rebuilt from the new rows.
 */
#include <string.h>

#include "core/tlp.h"
#include "svc/sharing/ind_reads.h"
#include "svc/sharing/ind_unions.h"
#include "svc/svc.h"
#include "util/err.h"

int
ccs_ind_reads_rebuild(struct ccs_db *db)
{
	int rc;

	rc = ccs_db_exec(db, "DELETE FROM ind_reads", NULL, 0, NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "INSERT INTO ind_reads (value_id, set_id, "
		    "tlp, state, n, first_seen, last_seen) SELECT s.value_id, "
		    "m.reader_set, m.tlp, COALESCE(s.state_code, ''), "
		    "COUNT(*), MIN(s.seen_at), MAX(s.seen_at) FROM sightings s "
		    "JOIN markings m ON m.id = s.marking_id WHERE m.reader_set "
		    "IS NOT NULL GROUP BY s.value_id, m.reader_set, m.tlp, "
		    "COALESCE(s.state_code, '')", NULL, 0, NULL, NULL);
	/* the unions of the values are read from these rows */
	if (rc == CCS_OK)
		rc = ccs_ind_unions_rebuild(db);
	return rc;
}

int
ccs_ind_reads_backfill(struct ccs_db *db, bool *done)
{
	return ccs_meta_backfill(db, "indicators.reads", ccs_ind_reads_rebuild,
	    done);
}

int
ccs_ind_acc_add(struct ccs_ind_acc *a, const struct ccs_principal *p,
    const json_t *row)
{
	int64_t n = json_integer_value(json_object_get(row, "n"));
	int64_t first = json_integer_value(json_object_get(row, "first"));
	int64_t last = json_integer_value(json_object_get(row, "last"));
	const char *st = ccs_jstr(row, "state");
	const json_t *prev;
	enum ccs_tlp t;

	if (!ccs_tlp_parse(ccs_jstr(row, "tlp"), &t))
		return CCS_OK;		/* unreadable marking: fail closed */
	if (json_integer_value(json_object_get(row, "ok")) == 0) {
		/* ccs_tlp_view: what may not be read, if not RED, exists */
		if (t != CCS_TLP_RED && p->role != CCS_ROLE_ANONYMOUS)
			a->restricted += n;
		return CCS_OK;
	}
	if (a->visible == 0 || first < a->first)
		a->first = first;
	if (a->visible == 0 || last > a->last)
		a->last = last;
	a->visible += n;
	a->tlps |= 1u << t;
	/* rows come sorted by state: a repeat follows its first */
	prev = json_array_get(a->states, json_array_size(a->states) - 1);
	if (st != NULL && st[0] != '\0' && (prev == NULL ||
	    strcmp(json_string_value(prev), st) != 0) &&
	    json_array_append_new(a->states, json_string(st)) != 0)
		return CCS_ENOMEM;
	return CCS_OK;
}
