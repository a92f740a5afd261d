/*
 * iati.h: IATI 2.0x activity XML, read one activity at a time and written
 * as IATI 2.03. The model is the part of the IATI activity standard that
 * the capacity domain keeps (issue 9, item 2); docs/internals/IATI.md says
 * what is read, what is refused and which bounds hold.
 *
 * Every string in the structs below is UTF-8 and NUL-terminated; NULL
 * means "absent". Codes are kept as text, exactly as written ("2" for
 * activity status Implementation, "99" for a sector vocabulary), so the
 * writer gives them back unchanged. Amounts and percentages are decimal
 * text ("1000000.99"), never floating point.
 *
 * The reader hands out structs whose strings live in its own arena:
 * borrowed, valid until the callback returns. The writer only reads the
 * struct it is given, so a caller fills one with its own strings.
 */
#ifndef CCS_IATI_H
#define CCS_IATI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "format/errlist.h"
#include "util/fail.h"

#define CCS_IATI_MAX_DEPTH	32	/* element nesting, root is 1 */
#define CCS_IATI_MAX_TEXT	(64u * 1024)	/* bytes of one text/attr */
#define CCS_IATI_MAX_ATTRS	32	/* attributes on one element */
#define CCS_IATI_MAX_ACTIVITIES	100000	/* activities in one document */
#define CCS_IATI_MAX_ITEMS	2000	/* entries of one list */
#define CCS_IATI_MAX_ACTIVITY	(8u * 1024 * 1024)	/* bytes kept */

/* A text: the first narrative of an element, with its language. */
struct ccs_iati_text {
	const char	*text;	/* first narrative; NULL when none */
	const char	*lang;	/* its xml:lang, or NULL (activity default) */
};

/* A monetary value: <value currency="" value-date="">amount</value>. */
struct ccs_iati_value {
	const char	*amount;	/* xsd:decimal text, trimmed */
	const char	*currency;	/* ISO 4217; NULL: default-currency */
	const char	*value_date;	/* YYYY-MM-DD */
};

/*
 * An organisation: reporting-org, participating-org, provider-org or
 * receiver-org. One organisation holding several roles appears once per
 * role, as IATI writes it.
 */
struct ccs_iati_org {
	const char		*ref;		/* organisation identifier */
	const char		*type;		/* OrganisationType code */
	const char		*role;		/* OrganisationRole 1-4 */
	const char		*activity_id;	/* its activity, if named */
	bool			 secondary;	/* secondary-reporter */
	struct ccs_iati_text	 name;		/* first narrative */
	unsigned long		 line;		/* of its element (read) */
};

struct ccs_iati_date {
	const char		*type;		/* ActivityDateType 1-4 */
	const char		*iso_date;	/* YYYY-MM-DD */
};

/* recipient-country or recipient-region. */
struct ccs_iati_recipient {
	const char		*code;		/* ISO 3166-1 / region code */
	const char		*vocabulary;	/* regions only; NULL: 1 */
	const char		*percentage;	/* decimal text, or NULL */
	struct ccs_iati_text	 name;		/* first narrative */
	unsigned long		 line;		/* of its element (read) */
};

/* sector or tag: a code in a vocabulary (99/98: the reporter's own). */
struct ccs_iati_class {
	const char		*vocabulary;	/* NULL: 1 for sectors */
	const char		*vocabulary_uri;	/* for 98/99 */
	const char		*code;		/* the code */
	const char		*percentage;	/* sectors only; or NULL */
	struct ccs_iati_text	 name;		/* first narrative */
	unsigned long		 line;		/* of its element (read) */
};

struct ccs_iati_budget {
	const char		*type;		/* BudgetType 1-2; NULL: 1 */
	const char		*status;	/* BudgetStatus 1-2; NULL: 1 */
	const char		*period_start;	/* YYYY-MM-DD */
	const char		*period_end;	/* YYYY-MM-DD */
	struct ccs_iati_value	 value;		/* the amount */
};

struct ccs_iati_transaction {
	const char		*ref;		/* the reporter's reference */
	const char		*type;		/* TransactionType 1-13 */
	const char		*date;		/* transaction-date */
	struct ccs_iati_value	 value;		/* the amount */
	struct ccs_iati_text	 description;	/* first narrative */
	struct ccs_iati_org	 provider;	/* provider-org (ref NULL and
						 * name NULL: absent) */
	struct ccs_iati_org	 receiver;	/* receiver-org, likewise */
};

/* One period of an indicator: a target and an actual value. */
struct ccs_iati_period {
	const char		*start;		/* YYYY-MM-DD */
	const char		*end;		/* YYYY-MM-DD */
	const char		*target;	/* target/@value, or NULL */
	const char		*actual;	/* actual/@value, or NULL */
};

struct ccs_iati_indicator {
	const char		*measure;	/* IndicatorMeasure 1-5 */
	const char		*ascending;	/* boolean text, or NULL */
	struct ccs_iati_text	 title;		/* first narrative */
	struct ccs_iati_text	 description;	/* first narrative */
	const char		*baseline_year;	/* baseline/@year, or NULL */
	const char		*baseline_value; /* baseline/@value, or NULL */
	struct ccs_iati_period	*periods;	/* nperiods entries */
	size_t			 nperiods;	/* periods */
};

struct ccs_iati_result {
	const char		*type;		/* ResultType 1, 2, 3, 9 */
	const char		*aggregation_status;	/* boolean text */
	struct ccs_iati_text	 title;		/* first narrative */
	struct ccs_iati_text	 description;	/* first narrative */
	struct ccs_iati_indicator *indicators;	/* nindicators, >= 1 */
	size_t			 nindicators;	/* indicators */
};

struct ccs_iati_related {
	const char		*ref;		/* the other activity */
	const char		*type;		/* RelatedActivityType 1-5 */
};

struct ccs_iati_document {
	const char		*url;		/* http(s) URL */
	const char		*format;	/* MIME type, e.g. text/html */
	struct ccs_iati_text	 title;		/* first narrative */
	const char		**categories;	/* DocumentCategory codes */
	size_t			 ncategories;	/* >= 1 */
};

struct ccs_iati_activity {
	size_t			 index;		/* 1-based, in the document */
	unsigned long		 line;		/* line of <iati-activity> */
	unsigned long		 title_line;	/* line of its <title> */
	const char		*identifier;	/* iati-identifier */
	const char		*lang;		/* default xml:lang, or NULL */
	const char		*default_currency; /* ISO 4217, or NULL */
	const char		*last_updated;	/* xsd:dateTime, or NULL */
	const char		*hierarchy;	/* integer text, or NULL */
	struct ccs_iati_org	 reporting_org;	/* the publisher */
	struct ccs_iati_text	 title;		/* first narrative */
	struct ccs_iati_text	 description;	/* first description's */
	const char		*description_type; /* its @type, or NULL */
	const char		*status;	/* ActivityStatus 1-6 */
	const char		*scope;		/* ActivityScope 1-8, or NULL */
	struct ccs_iati_org	*orgs;		/* participating-org */
	size_t			 norgs;		/* >= 1 */
	struct ccs_iati_date	*dates;		/* activity-date */
	size_t			 ndates;	/* >= 1 */
	struct ccs_iati_recipient *countries;	/* recipient-country */
	size_t			 ncountries;	/* countries */
	struct ccs_iati_recipient *regions;	/* recipient-region */
	size_t			 nregions;	/* regions */
	struct ccs_iati_class	*sectors;	/* sector */
	size_t			 nsectors;	/* sectors */
	struct ccs_iati_class	*tags;		/* tag */
	size_t			 ntags;		/* tags */
	struct ccs_iati_budget	*budgets;	/* budget */
	size_t			 nbudgets;	/* budgets */
	struct ccs_iati_transaction *transactions; /* transaction */
	size_t			 ntransactions;	/* transactions */
	struct ccs_iati_document *documents;	/* document-link */
	size_t			 ndocuments;	/* documents */
	struct ccs_iati_related	*related;	/* related-activity */
	size_t			 nrelated;	/* related */
	struct ccs_iati_result	*results;	/* result */
	size_t			 nresults;	/* results */
};

/* Validation levels: see ccs_iati_read_opts.level. */
enum ccs_iati_level {
	CCS_IATI_CHECK_ALL = 0,	/* schema rules held here + codelists and
				 * ccscap's rules (the default) */
	CCS_IATI_CHECK_SCHEMA	/* only the schema rules held here: codes
				 * are not looked up (previews, the schema's
				 * own test documents, whose codes are "xx") */
};

struct ccs_iati_schema;

struct ccs_iati_read_opts {
	enum ccs_iati_level	 level;		/* default CCS_IATI_CHECK_ALL */
	size_t			 max_activities; /* 0: the MAX_ default */
	size_t			 max_depth;	/* 0: CCS_IATI_MAX_DEPTH */
	size_t			 max_text;	/* 0: CCS_IATI_MAX_TEXT */
	size_t			 max_attrs;	/* 0: CCS_IATI_MAX_ATTRS */
	size_t			 max_items;	/* 0: CCS_IATI_MAX_ITEMS */
	size_t			 max_activity;	/* 0: CCS_IATI_MAX_ACTIVITY */
	/*
	 * May be NULL. When set, the document is also validated against
	 * this XSD while it streams (the rules the reader does not hold
	 * itself: element order, elements it skips); borrowed.
	 */
	const struct ccs_iati_schema *schema;
};

/*
 * The activity callback: @p a and all it points to are borrowed until the
 * callback returns. It is called only while the document is error-free
 * so far; a non-zero return stops reading and becomes the reader's
 * return value.
 */
typedef int (*ccs_iati_activity_fn)(void *arg,
    const struct ccs_iati_activity *a);

/**
 * Reads an IATI 2.0x activities document from @p in (borrowed, not
 * closed) in bounded memory, calling @p fn for each activity in order.
 * Errors are added to @p errs (may be NULL) as (element path, "line N:
 * what"), e.g. ("/iati-activities/iati-activity[3]/budget[2]/value/
 * @currency", "line 42: \"XYZ\" is not an ISO 4217 currency code"); the
 * reader goes on after an error to report the others, but calls @p fn no
 * more. A DTD, an entity reference, a version other than 2.0x, or a bound
 * exceeded stops it. Activities delivered before an error are
 * provisional: a caller stores them in one transaction and commits only
 * when this returns CCS_OK.
 * @param o may be NULL (defaults)
 * @param f may be NULL; filled with the first error on failure
 * @return CCS_OK; CCS_EINVAL (errors in @p errs), CCS_ETOOBIG (a bound),
 *     CCS_EIO, CCS_ENOMEM; or the callback's non-zero value
 */
int	ccs_iati_read(FILE *in, const struct ccs_iati_read_opts *o,
	    ccs_iati_activity_fn fn, void *arg, struct ccs_errlist *errs,
	    struct ccs_fail *f);
/** As ccs_iati_read, from @p len bytes at @p buf (borrowed). */
int	ccs_iati_read_mem(const char *buf, size_t len,
	    const struct ccs_iati_read_opts *o, ccs_iati_activity_fn fn,
	    void *arg, struct ccs_errlist *errs, struct ccs_fail *f);

/**
 * Loads the IATI activities XSD at @p path (iati-activities-schema.xsd,
 * with iati-common.xsd and xml.xsd beside it; no network). Load it once
 * at startup and share it between readers (read-only).
 * @param out OUT: the schema; free with ccs_iati_schema_free
 * @return CCS_OK, CCS_EIO (unreadable or not a schema), CCS_ENOMEM
 */
int	ccs_iati_schema_load(const char *path,
	    struct ccs_iati_schema **out /* OUT */, struct ccs_fail *f);
/** Frees @p s; NULL is a no-op. */
void	ccs_iati_schema_free(struct ccs_iati_schema *s);

struct ccs_iati_writer;

/**
 * Starts an <iati-activities version="2.03"> document on @p out
 * (borrowed; it must stay open until ccs_iati_writer_free).
 * @p generated is an xsd:dateTime ("2026-05-01T10:00:00Z") or NULL.
 * @param w OUT: new writer; free with ccs_iati_writer_free
 * @return CCS_OK, CCS_EINVAL (bad @p generated), CCS_EIO, CCS_ENOMEM
 */
int	ccs_iati_writer_new(FILE *out, const char *generated,
	    struct ccs_iati_writer **w /* OUT */, struct ccs_fail *f);
/**
 * Writes one activity (borrowed). It is checked first as the reader
 * checks an activity at CCS_IATI_CHECK_ALL, so what is written reads
 * back and validates against the 2.03 schema; problems go to @p errs
 * (may be NULL) with the path the element will have.
 * @return CCS_OK, CCS_EINVAL (nothing written), CCS_EIO, CCS_ENOMEM
 */
int	ccs_iati_writer_add(struct ccs_iati_writer *w,
	    const struct ccs_iati_activity *a, struct ccs_errlist *errs,
	    struct ccs_fail *f);
/** Closes the document and flushes. @return CCS_OK, CCS_EINVAL (no
 * activity written: the schema needs one), CCS_EIO */
int	ccs_iati_writer_finish(struct ccs_iati_writer *w, struct ccs_fail *f);
/** Frees @p w (does not finish the document); NULL is a no-op. */
void	ccs_iati_writer_free(struct ccs_iati_writer *w);

/*
 * The code lists held (docs/internals/IATI.md names their sources).
 * Each returns true when @p code is in the list.
 */
enum ccs_iati_list {
	CCS_IATI_ORG_ROLE,		/* OrganisationRole 1-4 */
	CCS_IATI_ORG_TYPE,		/* OrganisationType */
	CCS_IATI_ACTIVITY_STATUS,	/* 1-6 */
	CCS_IATI_DATE_TYPE,		/* ActivityDateType 1-4 */
	CCS_IATI_SCOPE,			/* ActivityScope 1-8 */
	CCS_IATI_SECTOR_VOCAB,		/* SectorVocabulary */
	CCS_IATI_TAG_VOCAB,		/* TagVocabulary */
	CCS_IATI_REGION_VOCAB,		/* RegionVocabulary */
	CCS_IATI_BUDGET_TYPE,		/* 1-2 */
	CCS_IATI_BUDGET_STATUS,		/* 1-2 */
	CCS_IATI_TRANSACTION_TYPE,	/* 1-13 */
	CCS_IATI_RESULT_TYPE,		/* 1, 2, 3, 9 */
	CCS_IATI_MEASURE,		/* IndicatorMeasure 1-5 */
	CCS_IATI_RELATED_TYPE,		/* RelatedActivityType 1-5 */
	CCS_IATI_DESCRIPTION_TYPE,	/* DescriptionType 1-4 */
	CCS_IATI_NLISTS
};

/** True when @p code is in code list @p list. */
bool	ccs_iati_code_ok(enum ccs_iati_list list, const char *code);
/** The list's IATI name ("ActivityStatus"), for messages. */
const char *ccs_iati_list_name(enum ccs_iati_list list);
/** True when @p code is a current ISO 4217 currency (upper case). */
bool	ccs_iati_currency_ok(const char *code);
/** True when @p code is an ISO 3166-1 alpha-2 country (or XK, Kosovo,
 * which the IATI Country list carries). */
bool	ccs_iati_country_ok(const char *code);
/** True when @p s is an xsd:decimal ("-1", "1000.50", ".5"). */
bool	ccs_iati_decimal_ok(const char *s);
/**
 * Parses a non-negative decimal with at most 100 integer digits into
 * ten-thousandths (digits past the fourth decimal are dropped), for
 * percentage sums. @return false when not a non-negative decimal or
 * too large.
 */
bool	ccs_iati_decimal_e4(const char *s, long long *out /* OUT */);
/** True when @p s is YYYY-MM-DD, a real calendar date. */
bool	ccs_iati_date_ok(const char *s);
/** True when @p s is an xsd:dateTime: YYYY-MM-DDThh:mm:ss[.f][Z|+hh:mm] */
bool	ccs_iati_datetime_ok(const char *s);

#endif
