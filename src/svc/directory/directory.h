/*
 * directory.h: the regional directory: states, organisations and bodies,
 * and contacts (NCPOCs, 24/7 e-evidence contacts, CERT duty contacts,
 * Steering Committee members). Every function checks the access policy for
 * the principal it is given; writes append audit events in the caller's
 * transaction.
 */
#ifndef CCS_SVC_DIRECTORY_H
#define CCS_SVC_DIRECTORY_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** The plan: each member state nominates two NCPOCs. */
#define CCS_NCPOCS_PER_STATE	2

/** One state, with its contacts and national bodies for signed-in users. */
int	ccs_dir_state(struct ccs_db *db, const struct ccs_principal *p,
	    const char *code, json_t **out, struct ccs_fail *f);

int	ccs_dir_org(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out, struct ccs_fail *f);
/** Creates an organisation from a validated request body. */
int	ccs_dir_org_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);

int	ccs_dir_contact(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, json_t **out, struct ccs_fail *f);
int	ccs_dir_contact_create(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f);
/** Applies a partial update; a "version" member must match if given. */
int	ccs_dir_contact_update(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now, json_t **out,
	    struct ccs_fail *f);
int	ccs_dir_contact_delete(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, struct ccs_fail *f);

/** Field tables for request validation (jsonv), exported for the API. */
extern const struct ccs_jfield ccs_contact_fields[];
extern const size_t ccs_contact_nfields;
extern const struct ccs_jfield ccs_org_fields[];
extern const size_t ccs_org_nfields;

#endif
