/*
 * proposals.h: closing the loop. When an initiative (IATI status entering
 * 3 finalisation or 4 closed), a training or an awareness campaign
 * completes, the platform proposes a status update for each standard it
 * targets in each state it covered, where the state does not meet that
 * standard yet (core/capacity/closing.h decides which). The RIFC accepts
 * a proposal, which becomes a normal status record awaiting validation
 * (svc/standards/assessments.h), or dismisses it with a reason. A
 * proposal is decided once and never made twice for the same source,
 * state and standard.
 */
#ifndef CCS_SVC_CAPACITY_PROPOSALS_H
#define CCS_SVC_CAPACITY_PROPOSALS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/capacity/closing.h"
#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/**
 * Makes the proposals of record @p id of @p kind, which has just
 * completed, in the caller's transaction, with one audit event when any
 * is made (actor "system": the platform proposes).
 * @param made OUT, may be NULL: number of proposals made
 * @return CCS_OK or a store error
 */
int	ccs_proposals_make(struct ccs_db *db, enum ccs_cap_kind kind,
	    int64_t id, int64_t now, size_t *made /* OUT */);

/**
 * The hook of initiatives: call after a write that moved initiative @p id
 * into finalisation or closed (ccs_cap_initiative_completes).
 * @return CCS_OK or a store error
 */
int	ccs_proposals_for_initiative(struct ccs_db *db, int64_t now,
	    int64_t id);

/** Proposal @p id as the API shows it (new), for the list
 * (svc/capacity/proposal_list.h). @return CCS_OK, CCS_ENOTFOUND, ... */
int	ccs_proposal_load(struct ccs_db *db, int64_t id,
	    json_t **out /* OUT */);
/** The refusal of a reader who is not a RIFC analyst (401 or 403). */
int	ccs_proposal_refuse(const struct ccs_principal *p, int rc,
	    struct ccs_fail *f);

/**
 * Accepts proposal @p id: submits the status record it proposes through
 * ccs_assess_submit (source capacity_completion, evidence naming the
 * source record) and marks it accepted. *out is the proposal (new).
 */
int	ccs_proposal_accept(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** Dismisses proposal @p id with @p reason (required). */
int	ccs_proposal_dismiss(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const char *reason, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
