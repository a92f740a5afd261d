/*
 * labs.h: the pooled forensic labs: each owned by a state or a regional
 * body (an organisation of the directory, whose users are its staff),
 * with its capabilities, device types, capacity and queue, its tools and
 * their licences (warned 90 and 30 days before expiry) and its certified
 * examiners with their skills and languages. Every member reads them.
 */
#ifndef CCS_SVC_FORENSICS_LABS_H
#define CCS_SVC_FORENSICS_LABS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/forensics/fx_common.h"
#include "svc/listq.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /labs, /labs/{id}/tools, /labs/{id}/examiners. */
extern const struct ccs_jfield ccs_lab_fields[];
extern const size_t ccs_lab_nfields;
extern const struct ccs_jfield ccs_lab_tool_fields[];
extern const size_t ccs_lab_tool_nfields;
extern const struct ccs_jfield ccs_lab_examiner_fields[];
extern const size_t ccs_lab_examiner_nfields;

/** Creates a lab; coordinators, or an NCPOC for a lab of their state.
 * *out is the stored lab (new). */
int	ccs_lab_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** The list of labs (svc/listq.h): name, org_name, capacity, queue,
 * created_at; q over names, owner, state, capabilities and devices. */
extern const struct ccs_listq_def ccs_lab_list_def;

/** The labs matching @p q and [@p from, @p to) (created), paged by
 * @p ks, each with its queue, waiting requests and free places.
 * Members. *out: free with ccs_listq_free. */
int	ccs_lab_query(const struct ccs_principal *p, struct ccs_keyset *ks,
	    const char *q, int64_t from, int64_t to,
	    struct ccs_listq **out /* OUT */, struct ccs_fail *f);

/** One lab with its tools (licence warnings as of @p now) and
 * examiners; 404 not_found when missing. Members. */
int	ccs_lab_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** Adds a tool to lab @p id (its staff or who may write labs). */
int	ccs_lab_tool_add(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Adds an examiner to lab @p id (as ccs_lab_tool_add). */
int	ccs_lab_examiner_add(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
