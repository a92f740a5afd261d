/*
 * legal_matrix.h: the legal harmonisation matrix: the provisions (rows:
 * Budapest Convention and Second Additional Protocol articles, HIPCAR
 * model sections) against the states, each cell the best step any of the
 * state's instruments has reached for that provision and the instruments
 * and sections behind it. Read by every member.
 */
#ifndef CCS_SVC_MONITORING_LEGAL_MATRIX_H
#define CCS_SVC_MONITORING_LEGAL_MATRIX_H

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/listq.h"
#include "util/fail.h"

/** The provisions as a list (svc/listq.h): ord (the matrix's order),
 * ref, treaty, family, title; q over ref, title, treaty, family and
 * number; no date. */
extern const struct ccs_listq_def ccs_legal_provision_list_def;

/**
 * The provisions of @p treaty (budapest, sap, hipcar or NULL) matching
 * @p q, paged by @p ks, each with the standard codes of the latest
 * framework it shows met; @p from or @p to (non-zero) is refused with
 * "invalid_date". *out: free with ccs_listq_free.
 */
int	ccs_legal_provision_query(const struct ccs_principal *p,
	    const char *treaty, struct ccs_keyset *ks, const char *q,
	    int64_t from, int64_t to, struct ccs_listq **out /* OUT */,
	    struct ccs_fail *f);

/**
 * The matrix: {"rows": [provision], "states": [{code, name, in_force}],
 * "cells": [{state, provision, status, status_name, rank, partial,
 * instruments: [{id, name, number, status, sections}]}]} where only cells
 * with an instrument appear. @p state (or NULL) keeps one state's column,
 * @p treaty (budapest, sap, hipcar or NULL) one treaty's rows. *out new.
 */
int	ccs_legal_matrix(struct ccs_db *db, const struct ccs_principal *p,
	    const char *state, const char *treaty, json_t **out /* OUT */,
	    struct ccs_fail *f);

#endif
