/*
 * marking.h: the sharing envelope of shared records (TLP level, the states,
 * organisations and communities an AMBER record is shared with, the named
 * recipients of a RED one). A marking is created once with its record and
 * never changed; every read of a shared record loads its marking columns
 * and asks core/tlp.c through ccs_marking_view(). Also the small helpers
 * sharing services use to read a few records through the policy.
 */
#ifndef CCS_SVC_MARKING_H
#define CCS_SVC_MARKING_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/tlp.h"
#include "store/store.h"
#include "util/fail.h"

/* The request fields of a marking, for a record's field table. */
#define CCS_MARKING_JFIELDS \
	{ "tlp", CCS_J_STRING, true, 1, 20 }, \
	{ "share_states", CCS_J_ARRAY, false, 0, 40 }, \
	{ "communities", CCS_J_ARRAY, false, 0, 20 }, \
	{ "recipients", CCS_J_ARRAY, false, 0, 200 }

/*
 * The marking columns a query selects (join "markings m"), read back by
 * ccs_marking_view() and turned into a "sharing" member by
 * ccs_marking_present().
 */
#define CCS_MARKING_COLS "m.tlp AS m_tlp, m.src_state AS m_src_state, " \
	"m.src_org AS m_src_org, m.author_id AS m_author, m.states AS " \
	"m_states, m.orgs AS m_orgs, m.recipients AS m_recipients, " \
	"m.communities_json AS m_communities, m.recipients_json AS " \
	"m_recipient_logins"

/**
 * Creates the marking of a new record from the body fields "tlp",
 * "share_states", "communities" (AMBER only) and "recipients" (logins;
 * RED only, at least one). @p src_state is the record's source state (may
 * be NULL); the source organisation and author are @p p's.
 * @param id OUT: the new marking's id
 * @return CCS_OK, or CCS_EINVAL with f naming the bad field ("unknown_tlp",
 *         "unknown_state", "unknown_community", "unknown_recipient",
 *         "recipients_required", "sharing_not_applicable").
 */
int	ccs_marking_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, const char *src_state, int64_t now,
	    int64_t *id /* OUT */, struct ccs_fail *f);

/**
 * Creates a marking for an imported record: level @p tlp, source state
 * @p src_state (may be NULL), no author (the importer is in the audit
 * trail), shared with the states in the comma list @p states (AMBER).
 */
int	ccs_marking_create_import(struct ccs_db *db, enum ccs_tlp tlp,
	    const char *src_state, const char *states, int64_t now,
	    int64_t *id /* OUT */);

/**
 * What @p p may know of the record in @p row, a row selected with
 * CCS_MARKING_COLS. The one call every sharing read path makes.
 */
enum ccs_tlp_view ccs_marking_view(const struct ccs_principal *p,
	    const json_t *row);

/**
 * ccs_marking_view() for a streamed row (struct ccs_row) whose marking
 * columns were selected as m_<column> (the interchange's row callbacks).
 * The system principal (the CLI operator) reads everything.
 */
enum ccs_tlp_view ccs_marking_view_row(const struct ccs_principal *p,
    const struct ccs_row *row);

/**
 * Replaces the m_* columns of @p row with "tlp" and "sharing" ({tlp,
 * states, communities, recipients}) for the reply.
 */
void	ccs_marking_present(json_t *row);

/**
 * Keeps the rows of @p rows that @p p may read in full (ccs_marking_view
 * on each row's marking columns), presented with ccs_marking_present();
 * the others are removed. The second check after a query that filtered
 * by reader sets: a row the two disagree on is left out.
 */
void	ccs_marking_keep_full(const struct ccs_principal *p, json_t *rows);

/** Loads marking @p id as a row with the CCS_MARKING_COLS names. */
int	ccs_marking_load(struct ccs_db *db, int64_t id, json_t **out /* OUT */);

/*
 * Reads of a few shared rows with the read policy in the query (issue 15):
 * the reader's sets (reader_sets.h) keep the readable rows in SQL, so a
 * record with millions of unreadable rows costs what its readable ones
 * cost. @p sql selects from a join of "markings m" and ends in its WHERE
 * clause (no ORDER BY, no LIMIT), with at most CCS_MARKING_PARAMS values.
 */
#define CCS_MARKING_PARAMS	8

/**
 * At most @p limit rows of @p sql (selecting CCS_MARKING_COLS) that @p p
 * may read, in the order @p order ("ORDER BY ..."). Each row is
 * confirmed by ccs_marking_view and presented; a row the two would
 * disagree on is left out, never shown.
 * @param items OUT: new array
 * @return CCS_OK, CCS_EINVAL (too many values), a store error
 */
int	ccs_marking_rows(struct ccs_db *db, const struct ccs_principal *p,
	    const char *sql, const char *order, const struct ccs_val *params,
	    size_t nparams, int64_t limit, json_t **items /* OUT */);

/**
 * Whether @p p may read one of the rows of @p sql (selecting
 * CCS_MARKING_COLS): the check of a single record or value (a
 * reference, a file, a value's sightings), one indexed row at most.
 */
int	ccs_marking_any(struct ccs_db *db, const struct ccs_principal *p,
	    const char *sql, const struct ccs_val *params, size_t nparams,
	    bool *yes /* OUT */);

/**
 * Counts the rows of @p sql ("SELECT COUNT(*) FROM ... WHERE ...") that
 * @p p may read (@p readable), or else that @p p may only know exist
 * (CCS_TLP_EXISTS: not RED, and @p p signed in), the "restricted"
 * counts of the replies.
 */
int	ccs_marking_count(struct ccs_db *db, const struct ccs_principal *p,
	    const char *sql, const struct ccs_val *params, size_t nparams,
	    bool readable, int64_t *n /* OUT */);

#endif
