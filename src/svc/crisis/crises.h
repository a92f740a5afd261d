/*
 * crises.h: a cyber crisis: declared by a state's national team (or the
 * RIFC) from one or more incidents the declarer may read, with a
 * severity on the shared 0-4 scale. Levels 3 and 4 escalate it from the
 * national team to the RCC through the RIFC and to the political level:
 * each level reached is recorded once, the RIFC analysts and the state's
 * team find it in their inbox, and the state's subscribers get a notice
 * (svc/platform/notify.h). The status moves by core/crisis/crisis.h.
 */
#ifndef CCS_SVC_CRISES_H
#define CCS_SVC_CRISES_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/crisis/crisis_common.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /crises. */
extern const struct ccs_jfield ccs_crisis_fields[];
extern const size_t ccs_crisis_nfields;
/** Fields of PATCH /crises/{id} (version required by the service). */
extern const struct ccs_jfield ccs_crisis_patch_fields[];
extern const size_t ccs_crisis_patch_nfields;

/** Default situation report cadence, hours. */
#define CCS_CRISIS_CADENCE_DEFAULT	6
/** Most incidents one crisis is declared from. */
#define CCS_CRISIS_INCIDENTS_MAX	20

/** Filters of the list; NULL does not filter. */
struct ccs_crisis_filter {
	const char	*state;		/* ISO code */
	const char	*status;	/* a crisis status */
};

/**
 * Declares a crisis (new *out, as ccs_crisis_get). The state is the
 * declarer's (a regional RIFC analyst names it in "state"); every
 * incident id must be one @p p may read (unknown_incident otherwise).
 */
int	ccs_crisis_declare(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** One crisis with its incidents (those @p p may read), team,
 * escalations, review and situation report clock; not_found when
 * hidden. */
int	ccs_crisis_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** The list of crises (svc/listq.h): declared_at (newest first),
 * updated_at, severity, status, state, title; from/to on declared_at. */
extern const struct ccs_listq_def ccs_crisis_list_def;

/**
 * The crises @p p may see (a state's users their state's, the RIFC the
 * ones it declared or that were escalated: one SQL clause, so a hidden
 * crisis changes neither the total, a page nor the CSV) matching
 * @p flt, @p q and [@p from, @p to), paged by @p ks, each with its
 * situation report clock at @p now. *out: free with ccs_listq_free.
 */
int	ccs_crisis_query(const struct ccs_principal *p,
	    const struct ccs_crisis_filter *flt, int64_t now,
	    struct ccs_keyset *ks, const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

/**
 * Changes status, severity, title, summary or cadence of crisis @p id at
 * "version". Reaching level 3 or 4 escalates (as on declaration); the
 * status "reviewed" is reached only by filing the review.
 */
int	ccs_crisis_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
