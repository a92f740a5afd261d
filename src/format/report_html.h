/*
 * report_html.h: a report's snapshot (svc/monitoring/report_sections.h
 * describes its blocks) as one HTML document: headings, paragraphs,
 * tables with captions; the traffic light and the heat map cells carry
 * their words and numbers, the classes only add colour (/app.css).
 */
#ifndef CCS_REPORT_HTML_H
#define CCS_REPORT_HTML_H

#include <jansson.h>

#include "util/buf.h"

/**
 * Appends the document of @p snap (borrowed) to @p out.
 * @return CCS_OK, CCS_EINVAL when @p snap lacks the expected shape,
 * CCS_ETOOBIG past @p out's bound, CCS_ENOMEM
 */
int	ccs_report_html(const json_t *snap, struct ccs_buf *out);

/**
 * Appends only the blocks of one section (the public progress page uses
 * it for its tables). @return as ccs_report_html
 */
int	ccs_report_html_blocks(const json_t *blocks, struct ccs_buf *out);

#endif
