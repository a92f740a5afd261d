/*
 * framework.h: storing and reading versions of the minimum-standards
 * framework, the plan's needs and the status sources. Publishing never
 * changes an old version: status records keep pointing at the standard they
 * were made under, and a standard whose code, scale and met level are
 * unchanged continues the same lineage, so its status carries across.
 */
#ifndef CCS_SVC_FRAMEWORK_H
#define CCS_SVC_FRAMEWORK_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/** Loads needs, desk-study sources and framework version 1 from the
 * compiled-in seed when no version exists. @p loaded OUT: 1 if loaded. */
int	ccs_fw_seed(struct ccs_db *db, int64_t now, int *loaded /* OUT */,
	    struct ccs_fail *f);

/**
 * Publishes @p doc (validated here) as the next version.
 * @param version OUT: the new version number
 */
int	ccs_fw_publish(struct ccs_db *db, const struct ccs_principal *p,
	    const json_t *doc, int64_t now, int64_t *version /* OUT */,
	    struct ccs_fail *f);

/**
 * The framework of @p version (0: the latest) as a new JSON object:
 * {"version","title","published_at","areas":[{..,"specific_areas":[{..,
 * "standards":[{id, code, title, description, scale, met_level, ...}]}]}]}.
 */
int	ccs_fw_get(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t version, json_t **out /* OUT */, struct ccs_fail *f);

/** Version list, newest first. */
int	ccs_fw_versions(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** The plan's needs with the standards of the latest version that meet
 * each one. */
int	ccs_fw_needs(struct ccs_db *db, const struct ccs_principal *p,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Id of the latest version (CCS_ENOTFOUND before the seed). */
int	ccs_fw_latest(struct ccs_db *db, int64_t *version_id /* OUT */,
	    int64_t *version /* OUT, may be NULL */);

#endif
