/*
 * html.c: HTML escaping (see html.h). Runs of safe bytes are copied at
 * once; the five special characters become named or numeric entities.
 * Bytes are not validated as UTF-8 here: input is checked on the way in.
 */
#include <string.h>

#include "util/err.h"
#include "util/html.h"

int
ccs_html_esc(struct ccs_buf *b, const char *s)
{
	const char *ent;
	size_t run;
	int rc = CCS_OK;

	if (s == NULL)
		return CCS_OK;
	while (*s != '\0' && rc == CCS_OK) {
		run = strcspn(s, "&<>\"'");
		if (run > 0)
			rc = ccs_buf_add(b, s, run);
		s += run;
		if (*s == '\0' || rc != CCS_OK)
			break;
		switch (*s) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		default:
			ent = "&#39;";
			break;
		}
		rc = ccs_buf_adds(b, ent);
		s++;
	}
	return rc;
}
