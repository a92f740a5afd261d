/*
 * requests.h: a state's request for help from a pooled forensic lab:
 * device types, volume, urgency, legal basis, and the incident (checked
 * through the read policy: one the requester may not read is answered
 * as a missing one) or a case reference. The lab accepts, schedules,
 * works and closes it with a report (core/forensics/request.h). Read by
 * the requesting state's NCPOC and CERT users, the RIFC and the lab's
 * staff; anyone else gets 404. Every view and change is audited.
 */
#ifndef CCS_SVC_FORENSICS_REQUESTS_H
#define CCS_SVC_FORENSICS_REQUESTS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/forensics/fx_common.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /forensic-requests and of a move. */
extern const struct ccs_jfield ccs_fx_request_fields[];
extern const size_t ccs_fx_request_nfields;
extern const struct ccs_jfield ccs_fx_move_fields[];
extern const size_t ccs_fx_move_nfields;

/** Filter of a list: lab, state, status (NULL/0 any). */
struct ccs_fx_request_filter {
	int64_t		 lab_id;	/* 0: any */
	const char	*state;		/* requesting state or NULL */
	const char	*status;	/* a status or NULL */
};

/** Creates a request (NCPOC, CERT of the state); *out the stored one. */
int	ccs_fx_request_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** One request, audited as viewed; 404 for who may not read it. */
int	ccs_fx_request_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** The list of requests (svc/listq.h): created_at, updated_at, status,
 * urgency, state, lab_name; q, from/to on created_at. */
extern const struct ccs_listq_def ccs_fx_request_list_def;

/**
 * The requests @p p may read (the rule of ccs_fx_request_readable, as
 * SQL: not one of them changes the total, a page or the CSV) matching
 * @p flt, @p q and [@p from, @p to), paged by @p ks; an incident link
 * is shown only to who may follow it. *out: free with ccs_listq_free.
 */
int	ccs_fx_request_query(const struct ccs_principal *p,
	    const struct ccs_fx_request_filter *flt, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

/** Moves request @p id ({to, scheduled_for, report, reason}). */
int	ccs_fx_request_move(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/**
 * Whether @p p may read request @p id; *state (3 bytes) and *lab_id get
 * its requesting state and lab. A missing request gives *ok false.
 */
int	ccs_fx_request_readable(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, bool *ok /* OUT */,
	    char state[3] /* OUT */, int64_t *lab_id /* OUT */);

#endif
