/*
 * rules.h: the pure rules of capacity building: IATI codes, recipient
 * shares, date order, the funding stage of an initiative for one
 * coverage cell, and the duplicate score of a pair of initiatives. The
 * services gather rows; these functions decide.
 */
#ifndef CCS_CAP_RULES_H
#define CCS_CAP_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* IATI ActivityStatus */
#define CCS_IATI_STATUS_PIPELINE	1
#define CCS_IATI_STATUS_IMPLEMENTATION	2
#define CCS_IATI_STATUS_FINALISATION	3
#define CCS_IATI_STATUS_CLOSED		4
#define CCS_IATI_STATUS_CANCELLED	5
#define CCS_IATI_STATUS_SUSPENDED	6

/* IATI OrganisationRole */
#define CCS_IATI_ROLE_FUNDING		1
#define CCS_IATI_ROLE_ACCOUNTABLE	2
#define CCS_IATI_ROLE_EXTENDING		3
#define CCS_IATI_ROLE_IMPLEMENTING	4

/* A share of 100% in hundredths of a per cent. */
#define CCS_SHARE_WHOLE		10000

/** Name of IATI activity status @p code ("pipeline"...), NULL if none. */
const char *ccs_iati_status_name(int code);
/** Name of IATI organisation role @p code ("funding"...), NULL if none. */
const char *ccs_iati_role_name(int code);
/** True for an IATI TransactionType code (1-13). */
bool	ccs_iati_tx_type_valid(int code);

/**
 * Parses a recipient percentage ("12", "12.5", "12.50", at most two
 * decimals, 0 < p <= 100) into hundredths of a per cent.
 * @return true with @p out set (1..10000)
 */
bool	ccs_share_parse(const char *s, int64_t *out /* OUT */);

/** Why a set of shares is refused. */
enum ccs_share_err {
	CCS_SHARE_OK = 0,
	CCS_SHARE_OVER,		/* the sum is over 100% */
	CCS_SHARE_UNDER		/* several shares that do not make 100% */
};

/**
 * Checks recipient shares (hundredths): one share may be anything up to
 * 100%; several must sum to exactly 100% (IATI). An empty list is fine.
 */
enum ccs_share_err ccs_share_check(const int64_t *shares, size_t n);

/**
 * True when "YYYY-MM-DD" dates @p start and @p end are in order (either
 * NULL or empty: nothing to compare).
 */
bool	ccs_dates_ordered(const char *start, const char *end);

/**
 * True when [a_start, a_end] and [b_start, b_end] overlap; a missing
 * start is open to the past, a missing end open to the future.
 */
bool	ccs_dates_overlap(const char *a_start, const char *a_end,
	    const char *b_start, const char *b_end);

/** How far the money behind a coverage cell has come; ordered. */
enum ccs_stage {
	CCS_STAGE_UNCOVERED = 0,	/* no initiative */
	CCS_STAGE_PIPELINE,		/* initiatives, no money yet */
	CCS_STAGE_PLEDGED,		/* a pledge */
	CCS_STAGE_COMMITTED,		/* a commitment or committed budget */
	CCS_STAGE_DISBURSED,		/* money paid out or spent */
	CCS_STAGE_COMPLETED		/* the initiative is finished */
};

/** Name of @p s ("uncovered"...); static. */
const char *ccs_stage_name(enum ccs_stage s);

/**
 * The stage one initiative reaches in one cell: from its IATI @p status
 * (cancelled initiatives cover nothing: UNCOVERED), the types of the
 * transactions that apply to the cell and whether it has a committed
 * budget.
 */
enum ccs_stage ccs_stage_of(int status, const int *tx_types, size_t ntx,
	    bool committed_budget);

/** One initiative as the duplicate score sees it; all borrowed. */
struct ccs_dup_item {
	int64_t		  id;		/* initiative id */
	const char	 *start;	/* YYYY-MM-DD or NULL */
	const char	 *end;		/* YYYY-MM-DD or NULL */
	const char	**states;	/* recipient state codes, sorted */
	size_t		  nstates;
	bool		  regional;	/* has a regional share */
	const char	**needs;	/* need refs, sorted */
	size_t		  nneeds;
	const int64_t	 *lineages;	/* standard lineages, sorted */
	size_t		  nlineages;
	const int64_t	 *implementers;	/* implementing org ids, sorted */
	size_t		  nimplementers;
	const char	**words;	/* ccs_dup_words() of title + text */
	size_t		  nwords;
};

/* Reasons of a candidate (bits of struct ccs_dup.reasons). */
#define CCS_DUP_STATES		0x01u	/* a recipient state in common */
#define CCS_DUP_REGIONAL	0x02u	/* both regional */
#define CCS_DUP_DATES		0x04u	/* the dates overlap */
#define CCS_DUP_NEED		0x08u	/* a need in common */
#define CCS_DUP_STANDARD	0x10u	/* a standard in common */
#define CCS_DUP_TEXT		0x20u	/* similar titles and descriptions */
#define CCS_DUP_IMPLEMENTERS	0x40u	/* different implementers */

/* Weights of the score (they add up to 100). */
#define CCS_DUP_W_PLACE		25	/* states in common or both regional */
#define CCS_DUP_W_DATES		20
#define CCS_DUP_W_NEED		15
#define CCS_DUP_W_STANDARD	10
#define CCS_DUP_W_TEXT		20	/* times the Jaccard similarity */
#define CCS_DUP_W_IMPL		10
/** Score from which a pair is a candidate. */
#define CCS_DUP_THRESHOLD	50
/** Jaccard similarity (per mille) from which texts count as similar. */
#define CCS_DUP_TEXT_MIN	250

struct ccs_dup {
	unsigned	reasons;	/* CCS_DUP_* bits */
	unsigned	score;		/* 0..100 */
	unsigned	jaccard;	/* word similarity, per mille */
	bool		candidate;	/* raise it for a decision */
};

/**
 * Scores the pair (@p a, @p b). A pair is a candidate when it shares a
 * place and overlapping dates, shares a need, a standard or similar
 * text, and scores at least CCS_DUP_THRESHOLD.
 */
void	ccs_dup_score(const struct ccs_dup_item *a,
	    const struct ccs_dup_item *b, struct ccs_dup *out /* OUT */);

/**
 * The normalised words of @p text for the similarity: lower-cased ASCII
 * letters and digits (other bytes separate words), words of three bytes
 * or more, common English words dropped, sorted and unique.
 * @param words OUT: new array of new strings, free with ccs_dup_words_free
 * @return 0, or -1 when out of memory
 */
int	ccs_dup_words(const char *text, char ***words /* OUT */,
	    size_t *n /* OUT */);
void	ccs_dup_words_free(char **words, size_t n);

/** Jaccard similarity of two sorted unique word lists, per mille. */
unsigned ccs_dup_jaccard(const char *const *a, size_t na,
	    const char *const *b, size_t nb);

/** Sorts @p v of @p n strings in byte order (for ccs_dup_item lists). */
void	ccs_sort_strs(const char **v, size_t n);
/** Sorts @p v of @p n integers. */
void	ccs_sort_ids(int64_t *v, size_t n);

#endif
