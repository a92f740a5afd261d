/*
 * tlp.h: the Traffic Light Protocol 2.0 as the access policy of every
 * shared record (incident, sighting, advisory, lesson, request for
 * information). Every list, read, search, export and correlation path asks
 * ccs_tlp_view(); no other code decides who reads a shared record.
 *
 * The rules (docs design "Access"):
 *   CLEAR         anyone, signed in or not;
 *   GREEN         every signed-in member of the community;
 *   AMBER         the source organisation (and the record's author), the
 *                 RIFC, the source state and the states and organisations
 *                 it was shared with;
 *   AMBER+STRICT  the source organisation (and the author) and the RIFC;
 *   RED           the author and the named recipients only.
 * "The RIFC" is the rifc_analyst role. Administrators, coordinators,
 * the Steering Committee and partners get no more than any member: a
 * platform role is not a need to know.
 *
 * Correlation and routing disclose less than a read: a user who may not
 * read a record still learns that a match exists (CCS_TLP_EXISTS) when the
 * record is GREEN, AMBER or AMBER+STRICT and the user is signed in; a RED
 * record is never disclosed at all (CCS_TLP_NONE).
 *
 * Pure: no I/O, no clock.
 */
#ifndef CCS_TLP_H
#define CCS_TLP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/policy.h"

/* Stored by name; the order is the order of restriction. */
enum ccs_tlp {
	CCS_TLP_CLEAR = 0,
	CCS_TLP_GREEN,
	CCS_TLP_AMBER,
	CCS_TLP_AMBER_STRICT,
	CCS_TLP_RED
};
#define CCS_TLP_NLEVELS	5

/** What a principal may know of one record. */
enum ccs_tlp_view {
	CCS_TLP_NONE = 0,	/* nothing, not even that it exists */
	CCS_TLP_EXISTS,		/* that a match exists, at its level, no more */
	CCS_TLP_FULL		/* the record */
};

/**
 * The sharing envelope of one record, fixed when the record is created.
 * The lists are comma-separated with a comma at each end (",JM,BB,",
 * ",12,40,") so membership is one substring test; "" or NULL is empty.
 * All pointers are borrowed.
 */
struct ccs_marking {
	enum ccs_tlp	 tlp;
	const char	*src_state;	/* ISO code of the source state or "" */
	int64_t		 src_org;	/* source organisation id, 0 if none */
	int64_t		 author;	/* author's user id, 0 for imports */
	const char	*states;	/* AMBER: states shared with */
	const char	*orgs;		/* AMBER: organisations shared with */
	const char	*recipients;	/* RED: named users (ids) */
};

/**
 * Parses a TLP name: "clear", "green", "amber", "amber+strict", "red", in
 * any case, with or without a "tlp:" prefix; "white" (TLP 1.0) is CLEAR.
 * @return true with *out set, false for anything else.
 */
bool	ccs_tlp_parse(const char *name, enum ccs_tlp *out /* OUT */);
/** @return "clear", "green", "amber", "amber+strict" or "red" (static). */
const char *ccs_tlp_name(enum ccs_tlp tlp);

/** True when @p p belongs to the Regional Intelligence Fusion Centre. */
bool	ccs_tlp_is_rifc(const struct ccs_principal *p);

/**
 * The one access decision for shared records: what @p p may know of a
 * record under marking @p m. A NULL marking or principal gives NONE.
 */
enum ccs_tlp_view ccs_tlp_view(const struct ccs_principal *p,
	    const struct ccs_marking *m);

/** Shorthand: ccs_tlp_view() == CCS_TLP_FULL. */
bool	ccs_tlp_may_read(const struct ccs_principal *p,
	    const struct ccs_marking *m);

/**
 * True when @p item ("JM", "12") is in the comma list @p list
 * (",JM,BB,"). Items containing a comma are never members.
 */
bool	ccs_tlp_list_has(const char *list, const char *item);

#endif
