/*
 * report_esc.c: HTML escaping for server-rendered documents. Safe in text
 * and in quoted attribute values; never used inside <script> or <style>
 * (the documents have none). Input comes from JSON strings, which are
 * valid UTF-8; C0 controls other than tab, CR and LF become U+FFFD.
 */
#include "format/report_esc.h"
#include "util/err.h"

/* The entity of @p c, or NULL when it is written as is. */
static const char *
entity(unsigned char c)
{
	if (c == '&')
		return "&amp;";
	if (c == '<')
		return "&lt;";
	if (c == '>')
		return "&gt;";
	if (c == '"')
		return "&quot;";
	if (c == '\'')
		return "&#39;";
	if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
		return "\xef\xbf\xbd";
	return NULL;
}

int
ccs_report_esc(struct ccs_buf *out, const char *s)
{
	const char *p, *run, *ent;
	int rc;

	if (s == NULL)
		return CCS_OK;
	run = s;
	for (p = s; *p != '\0'; p++) {
		ent = entity((unsigned char)*p);
		if (ent == NULL)
			continue;
		rc = ccs_buf_add(out, run, (size_t)(p - run));
		if (rc == CCS_OK)
			rc = ccs_buf_adds(out, ent);
		if (rc != CCS_OK)
			return rc;
		run = p + 1;
	}
	return ccs_buf_add(out, run, (size_t)(p - run));
}
