/*
 * tlp_keys.h: the TLP policy of tlp.c expressed as reader keys, so that a
 * database can answer "which records may this principal read" with an
 * index instead of reading every row and asking ccs_tlp_view() (issue 15).
 *
 * A marking expands, once, into the keys that grant reading it; a
 * principal holds a set of keys; the principal may read the record exactly
 * when the two sets meet. Keys are short texts:
 *   "*"        anyone (CLEAR)
 *   "m"        every signed-in member (GREEN)
 *   "r"        the RIFC (AMBER, AMBER+STRICT)
 *   "u:ID"     one user (the author; RED recipients)
 *   "o:ID"     one organisation (the source; AMBER shared-with)
 *   "s:CC"     one state (the source state; AMBER shared-with)
 * tlp.c stays the one definition of the rules: tests/unit/test_tlp_keys.c
 * proves, over every combination of the TLP matrix, that "the sets meet"
 * and ccs_tlp_may_read() agree. Only reading is expressed here; the
 * "a match exists" disclosure of correlation stays with ccs_tlp_view().
 *
 * Pure: no I/O, no allocation.
 */
#ifndef CCS_TLP_KEYS_H
#define CCS_TLP_KEYS_H

#include "core/tlp.h"

/* Longest key: "u:" and a 19-digit id; list items longer than what any
 * principal can hold are never members (tlp.c) and expand to nothing. */
#define CCS_TLP_KEY_MAX	24

/** Receives one key (NUL-terminated, at most CCS_TLP_KEY_MAX bytes); a
 * non-zero return stops the expansion and is returned by it. */
typedef int (*ccs_tlp_key_fn)(void *arg, const char *key);

/**
 * Calls @p fn for each key that grants reading a record under @p m; the
 * same key may come more than once (the caller ignores repeats).
 * @return 0, or the first non-zero value of @p fn
 */
int	ccs_tlp_marking_keys(const struct ccs_marking *m, ccs_tlp_key_fn fn,
	    void *arg);

/**
 * Calls @p fn for each key @p p holds (at most CCS_TLP_PRINCIPAL_KEYS).
 * @return 0, or the first non-zero value of @p fn
 */
int	ccs_tlp_principal_keys(const struct ccs_principal *p, ccs_tlp_key_fn fn,
	    void *arg);
#define CCS_TLP_PRINCIPAL_KEYS	6

#endif
