/*
 * triage_access.h: who may see a public report on the triage side, and
 * the intake that indexes a report for triage. A report is visible to
 * the NCPOC and CERT users of a state it is routed to (its reporter's
 * state and every state of public_report_routes) and to RIFC analysts;
 * to anyone else it does not exist: the same 404 as a missing id.
 */
#ifndef CCS_SVC_REPORTING_TRIAGE_ACCESS_H
#define CCS_SVC_REPORTING_TRIAGE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "core/reporting/triage_rules.h"
#include "store/store.h"
#include "svc/reporting/report_keys.h"
#include "util/fail.h"

/** States one report may be routed to, at most (the directory's size). */
#define CCS_TRIAGE_ROUTES_MAX	64

/**
 * Suspect identifiers of one report, at most. A cluster's id is its
 * first report's id times this, plus its key's rank among that report's
 * keys (clusters.c), so past it two clusters would share an id. The
 * portal admits far fewer (CCS_REP_NSUSPECT lists of CCS_REP_LIST_ITEMS
 * and an account; checked when triage_access.c compiles); intake refuses
 * a stored body past it (CCS_ETOOBIG) rather than index it.
 */
#define CCS_TRIAGE_KEYS_MAX	65536

/** What the triage side knows of a report before opening it. */
struct ccs_triage_ref {
	int64_t			 id;		/* public_reports.id */
	char			 reference[16];	/* e.g. "R-7K3Q-M9XD" */
	char			 state[3];	/* the reporter's state */
	char			 category[32];	/* the portal's category */
	enum ccs_report_status	 status;	/* parsed status */
	char			 status_key[24];	/* as stored */
	char			 routed[CCS_TRIAGE_ROUTES_MAX][3]; /* states */
	size_t			 nrouted;	/* used in routed */
};

/**
 * Loads report @p id if @p p may read it (public_report_read for one of
 * its routed states); otherwise 404 not_found with the message a missing
 * report gets.
 * @param out OUT: caller's struct
 * @return CCS_OK, CCS_ENOTFOUND, or a store error (with @p f)
 */
int	ccs_triage_load(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, struct ccs_triage_ref *out /* OUT */,
	    struct ccs_fail *f);

/** The routed states of @p ref as a C array view (borrowed). */
void	ccs_triage_routed(const struct ccs_triage_ref *ref,
	    const char *out[CCS_TRIAGE_ROUTES_MAX] /* OUT */);

/** Whether @p p may read the reports routed to @p state
 * (public_report_read; NULL: every state, the RIFC's scope). */
bool	ccs_triage_may_state(const struct ccs_principal *p,
	    const char *state);

/** Whether @p p may triage the loaded report (report_triage for one of
 * its routed states): CCS_OK or 403 forbidden. */
int	ccs_triage_may_write(const struct ccs_principal *p,
	    const struct ccs_triage_ref *ref, struct ccs_fail *f);

/**
 * Indexes report @p id for triage once: opens its body, stores the
 * bundling keys of its suspect identifiers and a triage row with the
 * default priority (core/reporting/triage_rules.h). Does nothing when the
 * report is indexed already. Machine work, not a person's read: no audit
 * event. In the caller's write transaction.
 * @return CCS_OK, CCS_ENOTFOUND, CCS_ECORRUPT, CCS_ETOOBIG (more than
 *         CCS_TRIAGE_KEYS_MAX identifiers), CCS_ENOMEM or a store error
 */
int	ccs_triage_intake(struct ccs_db *db,
	    const struct ccs_report_keys *keys, int64_t id, int64_t now);

/** Indexes every report routed to @p state ("" or NULL: every report)
 * that is not indexed yet; as ccs_triage_intake. */
int	ccs_triage_intake_state(struct ccs_db *db,
	    const struct ccs_report_keys *keys, const char *state,
	    int64_t now);

/** The answer in @p f to the error @p rc of an intake: a body that
 * does not open, one with more than CCS_TRIAGE_KEYS_MAX identifiers
 * (500 "report_too_many_identifiers"), a store error. */
int	ccs_triage_intake_fail(struct ccs_db *db, int rc, struct ccs_fail *f);

/**
 * The suspect identifiers of a report body, as [{"kind", "value"}]: the
 * members "suspect" ({"urls": [...], "emails", "phones", "wallets",
 * "ips", "domains"}), "identifiers" ([{"kind"|"type", "value"}]) and the
 * receiving account, wallet or phone of "money" ({"account"}).
 * @return new array (caller decrefs), or NULL when out of memory
 */
json_t	*ccs_triage_suspects(const json_t *body);

/** Sets @p f to the refusal of an invalid status move and returns
 * CCS_ECONFLICT (409 invalid_transition). */
int	ccs_triage_bad_move(struct ccs_fail *f,
	    const struct ccs_triage_ref *ref, enum ccs_report_status to);

/** Sets public_reports.status of @p id to @p to (and processed_at the
 * first time it leaves "submitted"). */
int	ccs_triage_set_status(struct ccs_db *db, int64_t id,
	    enum ccs_report_status to, int64_t now);

#endif
