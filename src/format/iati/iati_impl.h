/*
 * iati_impl.h: private to src/format/iati/. The element and attribute
 * tables (iati_rules.c), the reader's state shared by the SAX glue
 * (iati_read.c) and the builders that fill struct ccs_iati_activity
 * (iati_build.c).
 */
#ifndef CCS_IATI_IMPL_H
#define CCS_IATI_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "format/errlist.h"
#include "format/iati/iati.h"
#include "util/buf.h"

/* Every element the reader knows; E_UNKNOWN is any other name. */
enum iati_el {
	E_UNKNOWN, E_ROOT, E_ACT, E_IDENT, E_REPORG, E_TITLE, E_DESC, E_NARR,
	E_PORG, E_OTHERID, E_OWNER, E_STATUS, E_ADATE, E_CONTACT, E_SCOPE,
	E_COUNTRY, E_REGION, E_LOCATION, E_SECTOR, E_TAG, E_CBI, E_HUMSCOPE,
	E_POLICY, E_COLLAB, E_DFLOW, E_DFIN, E_DAID, E_DTIED, E_BUDGET,
	E_PLANDISB, E_CAPSPEND, E_TX, E_DOC, E_REL, E_LEGACY, E_CONDITIONS,
	E_RESULT, E_CRSADD, E_FSS, E_PSTART, E_PEND, E_VALUE, E_TXTYPE,
	E_TXDATE, E_PROV, E_RECV, E_DISB, E_FLOW, E_FIN, E_AID, E_TIED,
	E_CAT, E_LANGUAGE, E_DOCDATE, E_IND, E_REF, E_BASELINE, E_COMMENT,
	E_PERIOD, E_TARGET, E_ACTUAL, E_DIMENSION,
	E_COUNT
};

#define EF_TEXT	0x1	/* text content allowed (kept) */
#define EF_LIST	0x2	/* always shown with its [index] in paths */
#define EF_SKIP	0x4	/* known, but its subtree is not checked */

/* Attribute value kinds, checked as the schema types them. */
enum iati_kind {
	K_STR,		/* any string */
	K_DATE,		/* xsd:date, held to YYYY-MM-DD */
	K_DATETIME,	/* xsd:dateTime */
	K_BOOL,		/* true false 1 0 */
	K_INT,		/* xsd:int */
	K_POSINT,	/* xsd:positiveInteger */
	K_DEC,		/* xsd:decimal */
	K_PCT,		/* xsd:decimal; with codes checked, 0-100 */
	K_CODE,		/* a code of list .list when codes are checked */
	K_CURRENCY,	/* ISO 4217 when codes are checked */
	K_COUNTRY	/* ISO 3166-1 alpha-2 when codes are checked */
};

struct iati_attr_rule {
	enum iati_el		 el;	/* the element */
	const char		*name;	/* "ref", "xml:lang" */
	enum iati_kind		 kind;	/* value type */
	bool			 req;	/* use="required" */
	enum ccs_iati_list	 list;	/* for K_CODE */
};

struct iati_child_rule {
	enum iati_el	 parent;	/* the parent */
	enum iati_el	 child;		/* an allowed child */
	unsigned	 min;		/* minOccurs */
	unsigned	 max;		/* maxOccurs; 0: unbounded */
};

extern const struct iati_child_rule iati_children[];
extern const struct iati_attr_rule iati_attrs[];

/** The element id of @p name (E_UNKNOWN when not known). */
enum iati_el iati_el_of(const char *name);
/** The element's name ("?" for E_UNKNOWN) and flags. */
const char *iati_el_name(enum iati_el el);
unsigned iati_el_flags(enum iati_el el);
/** The child rule for @p child under @p parent, or NULL. */
const struct iati_child_rule *iati_child_rule(enum iati_el parent,
	    enum iati_el child);
/** The attribute rule for @p name on @p el, or NULL. */
const struct iati_attr_rule *iati_attr_rule(enum iati_el el,
	    const char *name);

#define IATI_NAME_LEN	48	/* bytes of a name kept for paths */
#define IATI_PATH_LEN	512	/* bytes of a path */

struct iati_frame {
	enum iati_el	 el;		/* element id */
	char		 name[IATI_NAME_LEN]; /* as written (cut) */
	size_t		 index;		/* 1-based among same-name siblings */
	unsigned long	 line;		/* line of its start tag */
	bool		 skip;		/* subtree not checked */
	bool		 text_err;	/* "text not allowed" said once */
	struct ccs_iati_text *tt;	/* where its narrative goes */
	uint32_t	 counts[E_COUNT];	/* children seen, by id */
};

struct iati_attr {
	const char	*name;		/* borrowed from the parser */
	const char	*value;		/* in the arena */
};

struct iati_blk;

/* List capacities, for growing the activity's arrays in the arena. */
enum iati_cap {
	C_ORGS, C_DATES, C_COUNTRIES, C_REGIONS, C_SECTORS, C_TAGS,
	C_BUDGETS, C_TX, C_DOCS, C_REL, C_RESULTS, C_INDS, C_PERIODS, C_CATS,
	C_COUNT
};

struct iati_rd {
	struct ccs_iati_read_opts o;	/* options, defaults filled in */
	xmlParserCtxtPtr	 ctxt;	/* the push parser */
	ccs_iati_activity_fn	 fn;	/* the activity callback */
	void			*arg;	/* its argument */
	struct ccs_errlist	*errs;	/* may be NULL */
	struct ccs_fail		*f;	/* may be NULL */
	int			 rc;	/* first error's code; CCS_OK */
	size_t			 nerr;	/* errors found */
	bool			 stop;	/* a fatal error: stop parsing */
	struct iati_frame	*frames; /* max_depth + 1 */
	size_t			 depth;	/* frames in use */
	struct ccs_buf		 text;	/* text of the current element */
	struct iati_attr	*attrs;	/* max_attrs, of the current start */
	size_t			 nattrs; /* in use */
	size_t			 nact;	/* activities started */
	bool			 in_act; /* inside an iati-activity */
	bool			 act_doc; /* inside an activity document-link */
	struct ccs_iati_activity a;	/* the activity being read */
	size_t			 cap[C_COUNT];	/* capacities */
	struct iati_blk		*blk;	/* arena blocks, newest first */
	size_t			 arena;	/* arena bytes in use */
};

/** Reports an error at the current frame (attribute @p attr may be
 * NULL); @p rc != CCS_EINVAL also stops the reader. */
void	iati_err(struct iati_rd *r, int rc, const char *attr,
	    unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
/** Copies @p len bytes into the arena (NUL added); NULL after a fatal
 * error (bounds, memory). */
char	*iati_strndup(struct iati_rd *r, const char *s, size_t len);
/** Frees the arena. */
void	iati_arena_free(struct iati_rd *r);
/** The value of attribute @p name of the current start tag, or NULL. */
const char *iati_attr(const struct iati_rd *r, const char *name);

/* Builders (iati_build.c), called once the element's rules passed. */
void	iati_build_start(struct iati_rd *r, struct iati_frame *fr);
void	iati_build_end(struct iati_rd *r, struct iati_frame *fr,
	    const char *text);

#endif
