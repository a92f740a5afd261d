/*
 * triage_convert.h: turning a public report into an incident in one step.
 * The incident is made by the sharing domain's own ccs_incident_create,
 * so its marking, indicators (the report's suspect identifiers) and
 * correlations are those of any other incident.
 */
#ifndef CCS_SVC_REPORTING_TRIAGE_CONVERT_H
#define CCS_SVC_REPORTING_TRIAGE_CONVERT_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/reporting/report_keys.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** The TLP of an incident made from a public report, unless chosen. */
#define CCS_TRIAGE_CONVERT_TLP	"amber"

/** Body of POST /public-reports/{id}/convert. */
extern const struct ccs_jfield ccs_triage_convert_fields[];
extern const size_t ccs_triage_convert_nfields;

/**
 * Converts report @p id into an incident: {"title", "description",
 * "severity" (default from the priority), "tlp" (default amber),
 * "share_states", "update" (for the reporter)}, all optional. The
 * incident's state is the triager's (the reporter's for the RIFC), its
 * RSIT the report's classification, its indicators the report's valid
 * suspect identifiers. The report's words are not copied: they stay
 * with the teams the report is routed to.
 * @param out OUT: {"report": as ccs_triage_get, "incident": as
 *     ccs_incident_get}
 * @return CCS_OK; CCS_ECONFLICT (invalid_transition: not classified,
 *     converted or closed), CCS_ENOTFOUND, or the incident's refusals
 */
int	ccs_triage_convert(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
