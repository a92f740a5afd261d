/*
 * legal.h: the rules of the legal harmonisation tracker, pure. The steps
 * of a national instrument (drafting to in force, amended, repealed, and
 * lapsed for a bill that died), the order their dates must keep, which
 * step a matrix cell shows, when an instrument proposes status updates,
 * and the treaty track of a state (Budapest, the Second Additional
 * Protocol). The word lists are core/vocab.h vocabularies, served by
 * GET /api/v1/vocabularies.
 */
#ifndef CCS_CORE_MONITORING_LEGAL_H
#define CCS_CORE_MONITORING_LEGAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/vocab.h"

/** Instrument kinds: act, bill, regulation. */
extern const struct ccs_vocab ccs_legal_kinds;
/** Instrument steps, in the order their dates must keep. */
extern const struct ccs_vocab ccs_legal_statuses;
/** Treaty track steps: not_engaged ... ratified, acceded. */
extern const struct ccs_vocab ccs_legal_treaty_statuses;
/** The treaties tracked: budapest (CETS 185), sap (CETS 224). */
extern const struct ccs_vocab ccs_legal_treaties;
/** The families the matrix groups its rows by. */
extern const struct ccs_vocab ccs_legal_families;

/** Number of instrument steps (ccs_legal_statuses.nwords). */
#define CCS_LEGAL_NSTATUS	9

/**
 * @return the position of @p status in ccs_legal_statuses (0 drafting),
 * or -1 when it is not a step (or NULL)
 */
int	ccs_legal_status_index(const char *status);

/**
 * The strength of a provision a step gives in the matrix: 6 in force or
 * amended (an amended act is in force), 5 assented, 4 passed, 3 in
 * committee, 2 tabled, 1 drafting, 0 lapsed or repealed (no law), -1
 * unknown. The best of a cell's instruments is the cell's.
 */
int	ccs_legal_cell_rank(const char *status);

/** Whether an instrument at @p status is law in force (in_force,
 * amended): the step at which it proposes status updates. */
bool	ccs_legal_in_force(const char *status);

/** Whether @p s is YYYY, YYYY-MM or YYYY-MM-DD, a real date. */
bool	ccs_legal_date_valid(const char *s);

/**
 * Compares two valid dates of any precision on their common precision
 * ("2016" equals "2016-05-01").
 * @return <0, 0, >0 as @p a is before, the same as or after @p b
 */
int	ccs_legal_date_cmp(const char *a, const char *b);

/**
 * Checks the dates of an instrument's steps, @p dates[i] the date of
 * step i of ccs_legal_statuses or NULL: each must be valid and none may
 * be before the date of an earlier step.
 * @param bad OUT: the step at fault (when false)
 * @param earlier OUT: for an order fault, the earlier step it precedes;
 *     -1 when the date itself is invalid
 * @return true when the dates hold
 */
bool	ccs_legal_dates_ok(const char *const dates[CCS_LEGAL_NSTATUS],
	    size_t *bad /* OUT */, int *earlier /* OUT */);

/** A state's track towards one treaty, as given. */
struct ccs_legal_track {
	const char	*status;	/* ccs_legal_treaty_statuses key */
	const char	*requested_on;	/* dates YYYY[-MM[-DD]] or NULL */
	const char	*invited_on;
	const char	*invitation_expires;
	const char	*signed_on;
	const char	*party_on;	/* ratified or acceded */
	const char	*poc_on;	/* 24/7 point of contact designated */
	bool		 poc_designated;
};

/**
 * Checks a treaty track: a known status; every date valid (dates are
 * optional: sources often name a step without its date, such as
 * Grenada's accession); requested <= invited < expiry, invited <= signed
 * <= party; poc_on only with poc_designated.
 * @param field OUT: the field at fault (static), when not NULL returned
 * @return NULL when the track holds, else a stable error code (static)
 */
const char *ccs_legal_track_check(const struct ccs_legal_track *t,
	    const char **field /* OUT */);

/**
 * The invitation's expiry when none is given: @p invited plus five years
 * (Council of Europe invitations to accede are valid for five years),
 * with the same precision, into @p out (11 bytes).
 * @return false when @p invited is not a valid date
 */
bool	ccs_legal_invitation_expiry(const char *invited, char out[11]);

#endif
