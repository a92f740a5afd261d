/*
 * h_capacity.h: what the capacity handlers share (private to
 * http/capacity/): reading ?limit= and ?cursor=.
 */
#ifndef CCS_H_CAPACITY_H
#define CCS_H_CAPACITY_H

#include <stdbool.h>

#include "http/req.h"
#include "svc/capacity/cap_common.h"

/** Reads ?limit= (1-200, 50) and ?cursor=, or replies 400; true if read. */
bool	ccs_page_or_reply(struct ccs_req *r, struct ccs_page *page /* OUT */);

#endif
