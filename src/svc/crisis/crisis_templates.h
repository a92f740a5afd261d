/*
 * crisis_templates.h: each state's national cyber crisis plan and
 * incident-response protocol, versioned: every edit is a new version
 * and the history stays readable. Written by the state's national team,
 * read by it and by the RIFC.
 */
#ifndef CCS_SVC_CRISIS_TEMPLATES_H
#define CCS_SVC_CRISIS_TEMPLATES_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/crisis/crisis_common.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /crisis-templates/{state}/{kind}/versions. */
extern const struct ccs_jfield ccs_crisis_template_fields[];
extern const size_t ccs_crisis_template_nfields;

/** The templates of @p state ({state, items: one per kind, with its
 * current version or null}). */
int	ccs_crisis_template_list(struct ccs_db *db,
	    const struct ccs_principal *p, const char *state,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Version @p version (0: the current one) of a template. */
int	ccs_crisis_template_get(struct ccs_db *db,
	    const struct ccs_principal *p, const char *state, const char *kind,
	    int64_t version, json_t **out /* OUT */, struct ccs_fail *f);

/** The versions of a template, newest first, as a page (cursor: the
 * version below which to go on). */
int	ccs_crisis_template_history(struct ccs_db *db,
	    const struct ccs_principal *p, const char *state, const char *kind,
	    const struct ccs_crisis_page *pg, json_t **out /* OUT */,
	    struct ccs_fail *f);

/**
 * Writes the next version of a template: "base_version" must be the
 * current one (0 for the first), else version_conflict.
 */
int	ccs_crisis_template_write(struct ccs_db *db,
	    const struct ccs_principal *p, const char *state, const char *kind,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

#endif
