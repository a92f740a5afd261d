/*
 * framework.h: the minimum-standards framework as a document: priority
 * areas -> specific areas -> standards, each standard with an ordered scale
 * of levels and the level that counts as met, crosswalked to an ITU GCI
 * pillar and an Oxford CMM dimension. Validation is pure and shared by the
 * seed loader and the publish API.
 */
#ifndef CCS_FRAMEWORK_H
#define CCS_FRAMEWORK_H

#include <stdbool.h>

#include <jansson.h>

#include "util/fail.h"

#define CCS_FW_MAX_LEVELS	10
#define CCS_FW_MAX_STANDARDS	500

/**
 * Checks a framework document {"title", "areas":[{"code","name",
 * "specific_areas":[{"code","name","standards":[{"code","title",
 * "description","scale":[..],"met_level","gci_pillar","cmm_dimension",
 * "needs":[..]}]}]}]}. Unknown members are refused. @p needs (may be NULL)
 * is the array of known need refs; when given, every standard's needs must
 * be in it.
 * @return CCS_OK or CCS_EINVAL with a message naming the JSON path.
 */
int	ccs_fw_validate(const json_t *doc, const json_t *needs,
	    struct ccs_fail *f);

/** True for the five ITU GCI pillars. */
bool	ccs_fw_gci_ok(const char *s);
/** True for the Oxford CMM dimensions D1..D5. */
bool	ccs_fw_cmm_ok(const char *s);

#endif
