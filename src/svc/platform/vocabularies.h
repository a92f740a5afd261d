/*
 * vocabularies.h: every word list a page or a client needs, in one answer
 * (GET /api/v1/vocabularies): the closed lists of core/vocab.h and
 * core/incident.h, the incident status workflow, and the data
 * vocabularies of incident reports (RSIT, sectors, crime links). Every
 * word is public: published taxonomies and the plan's own names.
 */
#ifndef CCS_SVC_VOCABULARIES_H
#define CCS_SVC_VOCABULARIES_H

#include <jansson.h>

#include "util/fail.h"

/**
 * Builds the answer of GET /api/v1/vocabularies.
 * @param out OUT: new object, caller decrefs: "rsit", "sectors",
 *     "crime_links" (data/seed/sharing.json), "severities" and "statuses"
 *     (keys), "status_moves" ({status: [statuses it may move to]}) and
 *     "words" ({vocabulary: [{"key", "name", "plural"?}]})
 * @return CCS_OK; CCS_ENOMEM or CCS_EINVAL ("internal") with @p f
 */
int	ccs_vocabularies_get(json_t **out /* OUT */, struct ccs_fail *f);

#endif
