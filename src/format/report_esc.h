/*
 * report_esc.h: the HTML escaper of server-rendered documents (report
 * renditions, the public progress page): one function for text and
 * attribute values alike, so no caller picks the wrong one.
 */
#ifndef CCS_REPORT_ESC_H
#define CCS_REPORT_ESC_H

#include "util/buf.h"

/**
 * Appends @p s to @p out with & < > " ' written as entities; NULL appends
 * nothing; @p s is valid UTF-8 (a JSON string).
 * @return CCS_OK, CCS_ETOOBIG, CCS_ENOMEM
 */
int	ccs_report_esc(struct ccs_buf *out, const char *s);

#endif
