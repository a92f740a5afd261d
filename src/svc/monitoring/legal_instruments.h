/*
 * legal_instruments.h: a state's national instruments (acts, bills,
 * regulations) in the legal harmonisation tracker: their steps from
 * drafting to in force (core/monitoring/legal.h) with the date of each,
 * and their sections mapped to the provisions of the matrix (Budapest
 * Convention articles, Second Additional Protocol articles, HIPCAR model
 * sections). An instrument in force proposes status updates of the
 * legal-environment standards its provisions show met, through the
 * capacity domain's proposals (svc/capacity/proposals.h).
 */
#ifndef CCS_SVC_MONITORING_LEGAL_INSTRUMENTS_H
#define CCS_SVC_MONITORING_LEGAL_INSTRUMENTS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /legal/instruments (and, none required, of PATCH). */
extern const struct ccs_jfield ccs_legal_instrument_fields[];
extern const size_t ccs_legal_instrument_nfields;

/** Largest page of the legal lists. */
#define CCS_LEGAL_PAGE_MAX	200

struct ccs_legal_filter {
	const char	*state;		/* ISO code or NULL */
	const char	*status;	/* a step or NULL */
	const char	*kind;		/* act, bill, regulation or NULL */
};

/**
 * Creates an instrument from a body checked against the field table:
 * every reference and date is checked before anything is written, then
 * the instrument, its dates and mappings and the audit event are written
 * in the caller's transaction, and its proposals made when it is in
 * force. *out is the stored instrument (new) with "proposals_made".
 * Coordinators; a state's NCPOC for that state.
 */
int	ccs_legal_instrument_create(struct ccs_db *db,
	    const struct ccs_principal *p, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Merges @p body onto instrument @p id (arrays and "dates" replaced
 * whole) and writes it as ccs_legal_instrument_create would. */
int	ccs_legal_instrument_update(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, const json_t *body,
	    int64_t now, json_t **out /* OUT */, struct ccs_fail *f);

/** One instrument (new); 404 not_found when missing. Members. */
int	ccs_legal_instrument_get(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** The list of instruments (svc/listq.h): state, name, kind, status,
 * updated_at; q over names, numbers, states, kinds, steps and notes;
 * from/to on the last change. Each row is the full instrument. */
extern const struct ccs_listq_def ccs_legal_instrument_list_def;

/** The instruments matching @p flt, @p q and [@p from, @p to), paged
 * by @p ks. *out: free with ccs_listq_free. */
int	ccs_legal_instrument_query(const struct ccs_principal *p,
	    const struct ccs_legal_filter *flt, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

/**
 * Writes instrument @p m (a full body) for the seed: the checks of the
 * API, marked seeded, no proposals (a seeded fact is not a decision).
 * Skipped when the state already has an instrument of that name.
 * @param added OUT: 1 when written, 0 when skipped
 */
int	ccs_legal_instrument_seed(struct ccs_db *db, const json_t *m,
	    int64_t now, int *added /* OUT */, struct ccs_fail *f);

#endif
