/*
 * ind_reads.c: rebuilding ind_reads (ind_reads.h, migration 0032). One
 * statement both backends run the same: the sightings grouped by value,
 * reader set of their marking, TLP and state. Markings whose set is not
 * known yet are left out, as the trigger leaves them out; the rebuild
 * after the reader sets brings them in. The values' unions
 * (ind_unions.h) are rebuilt from the new rows.
 */
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
