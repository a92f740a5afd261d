/*
 * page.h: server-rendered HTML pages of the public reporting portal, in
 * the reader's language. A page is built in one bounded buffer; the first
 * failure sticks and the page is then answered as a plain 500. Every
 * value a reporter typed goes through page_text (util/html.h).
 */
#ifndef CCS_HTTP_REPORTING_PAGE_H
#define CCS_HTTP_REPORTING_PAGE_H

#include <stdbool.h>

#include "http/req.h"
#include "util/buf.h"
#include "util/i18n.h"

#define CCS_PAGE_MAX	((size_t)1 << 20)	/* bytes of one page */

struct ccs_page {
	struct ccs_buf		 b;	/* the HTML */
	int			 rc;	/* first failure, or CCS_OK */
	const char		*lang;	/* en, fr, nl, es */
	const struct ccs_i18n	*t;	/* catalogues */
	bool			 failed;	/* the page shows errors */
};

/** Starts a page in @p lang when supported, else in the language of
 * @p r (?lang=, Accept-Language). */
void	ccs_page_init(struct ccs_page *pg, const struct ccs_req *r,
	    const char *lang);
/** The translation of @p msgid (borrowed, not escaped). */
const char *ccs_page_tr(const struct ccs_page *pg, const char *msgid);
/** Appends trusted markup. */
void	ccs_page_raw(struct ccs_page *pg, const char *html);
/** Appends @p s escaped (NULL appends nothing). */
void	ccs_page_text(struct ccs_page *pg, const char *s);
/** Appends the translation of @p msgid, escaped. */
void	ccs_page_t(struct ccs_page *pg, const char *msgid);
/** Appends printf-style trusted markup. */
void	ccs_page_fmt(struct ccs_page *pg, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/**
 * Writes the document head, the header with the language switch (links
 * to @p self with ?lang=, @p query appended, NULL for no switch) and
 * opens <main>. @p title is a msgid; when pg->failed is set the title
 * starts with "Error:" (the GOV.UK pattern).
 */
void	ccs_page_head(struct ccs_page *pg, const char *title,
	    const char *self, const char *query);
/** Closes <main> and the document. */
void	ccs_page_foot(struct ccs_page *pg);
/** Replies the page with @p status (text/html), or a 500, and frees. */
void	ccs_page_reply(struct ccs_page *pg, struct ccs_req *r,
	    unsigned status);

#endif
