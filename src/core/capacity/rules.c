/*
 * rules.c: IATI codes, shares, dates, funding stages and the duplicate
 * score (see rules.h and docs/internals/CAPACITY.md).
 *
 * The duplicate score is deliberately simple and explainable: every
 * point comes from a reason the reviewer sees. Text similarity is the
 * Jaccard index of normalised word sets, not a language model: two
 * descriptions of the same training say the same nouns.
 */
#include <stdlib.h>
#include <string.h>

#include "core/capacity/rules.h"
#include "util/mem.h"

static const char *const status_names[] = {
	NULL, "pipeline", "implementation", "finalisation", "closed",
	"cancelled", "suspended"
};

static const char *const role_names[] = {
	NULL, "funding", "accountable", "extending", "implementing"
};

static const char *const stage_names[] = {
	"uncovered", "pipeline", "pledged", "committed", "disbursed",
	"completed"
};

/* Words too common to say two texts are about the same thing. */
static const char *const stop_words[] = {
	"about", "after", "all", "also", "among", "and", "any", "are",
	"been", "both", "but", "can", "each", "for", "from", "has", "have",
	"initiative", "into", "its", "more", "new", "not", "one", "other",
	"our", "over", "phase", "programme", "program", "project", "such",
	"than", "that", "the", "their", "them", "these", "this", "through",
	"two", "under", "was", "were", "which", "will", "with", "within",
};

const char *
ccs_iati_status_name(int code)
{
	if (code < 1 || code > 6)
		return NULL;
	return status_names[code];
}

const char *
ccs_iati_role_name(int code)
{
	if (code < 1 || code > 4)
		return NULL;
	return role_names[code];
}

bool
ccs_iati_tx_type_valid(int code)
{
	return code >= 1 && code <= 13;
}

bool
ccs_share_parse(const char *s, int64_t *out)
{
	int64_t v = 0;
	int frac = -1, ndig = 0;

	if (s == NULL)
		return false;
	for (; *s != '\0'; s++) {
		if (*s == '.' && frac < 0 && ndig > 0) {
			frac = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || ++ndig > 6)
			return false;
		if (frac >= 0 && ++frac > 2)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (ndig == 0 || frac == 0)
		return false;
	for (frac = frac < 0 ? 0 : frac; frac < 2; frac++)
		v *= 10;
	if (v < 1 || v > CCS_SHARE_WHOLE)
		return false;
	*out = v;
	return true;
}

enum ccs_share_err
ccs_share_check(const int64_t *shares, size_t n)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (shares[i] < 0 || shares[i] > CCS_SHARE_WHOLE)
			return CCS_SHARE_OVER;
		sum += shares[i];
		if (sum > CCS_SHARE_WHOLE)
			return CCS_SHARE_OVER;
	}
	if (n > 1 && sum != CCS_SHARE_WHOLE)
		return CCS_SHARE_UNDER;
	return CCS_SHARE_OK;
}

static bool
given(const char *d)
{
	return d != NULL && d[0] != '\0';
}

bool
ccs_dates_ordered(const char *start, const char *end)
{
	if (!given(start) || !given(end))
		return true;
	return strcmp(start, end) <= 0;
}

bool
ccs_dates_overlap(const char *a_start, const char *a_end,
    const char *b_start, const char *b_end)
{
	/* ISO dates compare as strings */
	if (given(a_start) && given(b_end) && strcmp(a_start, b_end) > 0)
		return false;
	if (given(b_start) && given(a_end) && strcmp(b_start, a_end) > 0)
		return false;
	return true;
}

const char *
ccs_stage_name(enum ccs_stage s)
{
	if ((size_t)s >= sizeof(stage_names) / sizeof(stage_names[0]))
		return "uncovered";
	return stage_names[s];
}

enum ccs_stage
ccs_stage_of(int status, const int *tx_types, size_t ntx,
    bool committed_budget)
{
	enum ccs_stage s = CCS_STAGE_PIPELINE;
	size_t i;

	if (status == CCS_IATI_STATUS_CANCELLED)
		return CCS_STAGE_UNCOVERED;
	if (status == CCS_IATI_STATUS_FINALISATION ||
	    status == CCS_IATI_STATUS_CLOSED)
		return CCS_STAGE_COMPLETED;
	if (committed_budget)
		s = CCS_STAGE_COMMITTED;
	for (i = 0; i < ntx; i++) {
		switch (tx_types[i]) {
		case 12:	/* outgoing pledge */
		case 13:	/* incoming pledge */
			if (s < CCS_STAGE_PLEDGED)
				s = CCS_STAGE_PLEDGED;
			break;
		case 2:		/* outgoing commitment */
		case 11:	/* incoming commitment */
			if (s < CCS_STAGE_COMMITTED)
				s = CCS_STAGE_COMMITTED;
			break;
		case 1:		/* incoming funds */
		case 3:		/* disbursement */
		case 4:		/* expenditure */
			s = CCS_STAGE_DISBURSED;
			break;
		default:
			break;
		}
	}
	return s;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void
ccs_sort_strs(const char **v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(v[0]), cmp_str);
}

void
ccs_sort_ids(int64_t *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(v[0]), cmp_id);
}

/* Number of strings two sorted lists share. */
static size_t
common_strs(const char *const *a, size_t na, const char *const *b,
    size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	int c;

	while (i < na && j < nb) {
		c = strcmp(a[i], b[j]);
		if (c == 0)
			n++;
		i += c <= 0;
		j += c >= 0;
	}
	return n;
}

static size_t
common_ids(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	size_t i = 0, j = 0, n = 0;
	int64_t x, y;

	while (i < na && j < nb) {
		x = a[i];
		y = b[j];
		if (x == y)
			n++;
		i += x <= y;
		j += x >= y;
	}
	return n;
}

unsigned
ccs_dup_jaccard(const char *const *a, size_t na, const char *const *b,
    size_t nb)
{
	size_t inter, uni;

	if (na == 0 || nb == 0)
		return 0;
	inter = common_strs(a, na, b, nb);
	uni = na + nb - inter;
	return (unsigned)((inter * 1000 + uni / 2) / uni);
}

void
ccs_dup_score(const struct ccs_dup_item *a, const struct ccs_dup_item *b,
    struct ccs_dup *out)
{
	bool place, topic;

	memset(out, 0, sizeof(*out));
	if (common_strs(a->states, a->nstates, b->states, b->nstates) > 0)
		out->reasons |= CCS_DUP_STATES;
	if (a->regional && b->regional)
		out->reasons |= CCS_DUP_REGIONAL;
	if (ccs_dates_overlap(a->start, a->end, b->start, b->end))
		out->reasons |= CCS_DUP_DATES;
	if (common_strs(a->needs, a->nneeds, b->needs, b->nneeds) > 0)
		out->reasons |= CCS_DUP_NEED;
	if (common_ids(a->lineages, a->nlineages, b->lineages,
	    b->nlineages) > 0)
		out->reasons |= CCS_DUP_STANDARD;
	out->jaccard = ccs_dup_jaccard((const char *const *)a->words,
	    a->nwords, (const char *const *)b->words, b->nwords);
	if (out->jaccard >= CCS_DUP_TEXT_MIN)
		out->reasons |= CCS_DUP_TEXT;
	if (a->nimplementers > 0 && b->nimplementers > 0 &&
	    common_ids(a->implementers, a->nimplementers, b->implementers,
	    b->nimplementers) == 0)
		out->reasons |= CCS_DUP_IMPLEMENTERS;

	place = (out->reasons & (CCS_DUP_STATES | CCS_DUP_REGIONAL)) != 0;
	topic = (out->reasons & (CCS_DUP_NEED | CCS_DUP_STANDARD |
	    CCS_DUP_TEXT)) != 0;
	out->score = (place ? CCS_DUP_W_PLACE : 0) +
	    ((out->reasons & CCS_DUP_DATES) ? CCS_DUP_W_DATES : 0) +
	    ((out->reasons & CCS_DUP_NEED) ? CCS_DUP_W_NEED : 0) +
	    ((out->reasons & CCS_DUP_STANDARD) ? CCS_DUP_W_STANDARD : 0) +
	    (CCS_DUP_W_TEXT * out->jaccard + 500) / 1000 +
	    ((out->reasons & CCS_DUP_IMPLEMENTERS) ? CCS_DUP_W_IMPL : 0);
	out->candidate = place && (out->reasons & CCS_DUP_DATES) && topic &&
	    out->score >= CCS_DUP_THRESHOLD;
}

static bool
stop_word(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(stop_words) / sizeof(stop_words[0]); i++) {
		if (strcmp(stop_words[i], w) == 0)
			return true;
	}
	return false;
}

void
ccs_dup_words_free(char **words, size_t n)
{
	size_t i;

	if (words == NULL)
		return;
	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

/* Appends the word text[0..len) to @p v unless short or common. */
static int
add_word(const char *text, size_t len, char ***v, size_t *n, size_t *cap)
{
	char w[64], **nv;
	size_t i;

	if (len < 3 || len >= sizeof(w))
		return 0;
	for (i = 0; i < len; i++) {
		w[i] = text[i];
		if (w[i] >= 'A' && w[i] <= 'Z')
			w[i] = (char)(w[i] - 'A' + 'a');
	}
	w[len] = '\0';
	if (stop_word(w))
		return 0;
	if (*n == *cap) {
		nv = ccs_reallocarray(*v, *cap ? *cap * 2 : 16, sizeof(*nv));
		if (nv == NULL)
			return -1;
		*v = nv;
		*cap = *cap ? *cap * 2 : 16;
	}
	(*v)[*n] = ccs_strdup(w);
	if ((*v)[*n] == NULL)
		return -1;
	(*n)++;
	return 0;
}

static bool
word_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

int
ccs_dup_words(const char *text, char ***words, size_t *n)
{
	char **v = NULL;
	size_t nv = 0, cap = 0, i, o, start;

	*words = NULL;
	*n = 0;
	for (i = 0; text != NULL && text[i] != '\0'; ) {
		if (!word_byte(text[i])) {
			i++;
			continue;
		}
		for (start = i; word_byte(text[i]); i++)
			;
		if (add_word(text + start, i - start, &v, &nv, &cap) != 0) {
			ccs_dup_words_free(v, nv);
			return -1;
		}
	}
	ccs_sort_strs((const char **)v, nv);
	/* drop repeats */
	for (i = 0, o = 0; i < nv; i++) {
		if (o > 0 && strcmp(v[o - 1], v[i]) == 0) {
			free(v[i]);
			continue;
		}
		v[o++] = v[i];
	}
	*words = v;
	*n = o;
	return 0;
}
