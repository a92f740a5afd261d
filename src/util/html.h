/*
 * html.h: the one HTML escaper of the server-rendered pages (style rule
 * 15): text and attribute values alike, so a value typed by the public is
 * never markup wherever it is written.
 */
#ifndef CCS_HTML_H
#define CCS_HTML_H

#include "util/buf.h"

/**
 * Appends @p s to @p b with & < > " ' escaped as entities (so the result
 * is safe in element text and in quoted attribute values). NULL appends
 * nothing.
 * @return CCS_OK, CCS_ETOOBIG or CCS_ENOMEM (from the buffer)
 */
int	ccs_html_esc(struct ccs_buf *b, const char *s);

#endif
