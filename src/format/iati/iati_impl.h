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
	/* contact-info */
	E_CORG, E_CDEPT, E_CPERSON, E_CJOB, E_CTEL, E_CEMAIL, E_CWEB, E_CMAIL,
	/* location, and a result's location (resultLocationBase) */
	E_LREACH, E_LID, E_LNAME, E_LACTDESC, E_LADMIN, E_LPOINT, E_LPOS,
	E_LEXACT, E_LCLASS, E_LFEAT, E_RLOCATION,
	/* country-budget-items, conditions, fss */
	E_BITEM, E_CONDITION, E_FORECAST,
	/* crs-add */
	E_OFLAGS, E_LTERMS, E_RTYPE, E_RPLAN, E_CDATE, E_RFIRST, E_RFINAL,
	E_LSTATUS, E_INTREC, E_PRINOUT, E_PRINARR, E_INTARR, E_CHANNEL,
	E_COUNT
};

#define EF_TEXT	0x1	/* simple content: text, no child elements */
#define EF_LIST	0x2	/* always shown with its [index] in paths */
#define EF_SKIP	0x4	/* its subtree is not checked (unknown only) */
#define EF_CLOSED 0x8	/* no attributes from other namespaces */

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
	K_COUNTRY,	/* ISO 3166-1 alpha-2 when codes are checked */
	K_NNINT,	/* xsd:nonNegativeInteger */
	K_LANG		/* xml:lang: xsd:language or empty */
};

struct iati_attr_rule {
	enum iati_el		 el;	/* the element */
	enum iati_el		 parent; /* only under it; E_UNKNOWN: any */
	const char		*name;	/* "ref", "xml:lang" */
	enum iati_kind		 kind;	/* value type */
	bool			 req;	/* use="required" */
	enum ccs_iati_list	 list;	/* for K_CODE */
};

/*
 * A parent's rules are contiguous in iati_children and in the order of
 * its xsd:sequence, so a child's rule coming before the previous child's
 * is an element out of order.
 */
struct iati_child_rule {
	enum iati_el	 parent;	/* the parent */
	enum iati_el	 child;		/* an allowed child, by name */
	unsigned	 min;		/* minOccurs */
	unsigned	 max;		/* maxOccurs; 0: unbounded */
	enum iati_el	 as;		/* its type here when not child's own
					 * (a result's location); else 0 */
};

extern const struct iati_child_rule iati_children[];
extern const struct iati_attr_rule iati_attrs[];

/** The element id of @p name (E_UNKNOWN when not known). */
enum iati_el iati_el_of(const char *name);
/** The element's name ("?" for E_UNKNOWN), flags and text kind. */
const char *iati_el_name(enum iati_el el);
unsigned iati_el_flags(enum iati_el el);
enum iati_kind iati_el_text(enum iati_el el);
/** The child rule for @p child under @p parent, or NULL. */
const struct iati_child_rule *iati_child_rule(enum iati_el parent,
	    enum iati_el child);
/** The attribute rule for @p name on @p el under @p parent, or NULL. */
const struct iati_attr_rule *iati_attr_rule(enum iati_el el,
	    enum iati_el parent, const char *name);

#define IATI_NAME_LEN	48	/* bytes of a name kept for paths */
#define IATI_PATH_LEN	512	/* bytes of a path */

struct iati_frame {
	enum iati_el	 el;		/* element id */
	char		 name[IATI_NAME_LEN]; /* as written (cut) */
	size_t		 index;		/* 1-based among same-name siblings */
	unsigned long	 line;		/* line of its start tag */
	bool		 skip;		/* subtree not checked */
	bool		 text_err;	/* "text not allowed" said once */
	bool		 ext;		/* an extension child was seen */
	const struct iati_child_rule *last; /* the last child's rule */
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
