/*
 * i18n.c: GNU .mo catalogues read in process (see i18n.h).
 *
 * The .mo layout (GNU gettext manual, "The Format of GNU MO Files"): a
 * magic number 0x950412de in the writer's byte order, a revision whose
 * major part is 0, the number of strings N, the offsets of the table of
 * originals and of the table of translations, each N pairs of 32-bit
 * (length, offset); each string is NUL-terminated at offset + length.
 * The hash table that follows is optional and not used: msgfmt writes
 * originals in strcmp order, which is checked here, so a lookup is a
 * binary search. Plural forms and contexts are not used by the pages.
 * Nothing here changes after ccs_i18n_new, so threads share the table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/asset.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/str.h"

#define MO_MAGIC	0x950412deu
#define MO_SWAPPED	0xde120495u
#define MO_HEADER	28	/* bytes up to the hash table size */

const char *const ccs_i18n_langs[] = { "en", "fr", "nl", "es", NULL };

static const char *const names[] = {
	"English", "Fran\xc3\xa7" "ais", "Nederlands", "Espa\xc3\xb1ol"
};

/* One catalogue: borrowed .mo bytes and its parsed tables. */
struct catalogue {
	const unsigned char	*mo;	/* the file, borrowed */
	size_t			 len;	/* its size */
	uint32_t		 n;	/* number of strings */
	uint32_t		 orig;	/* offset of the originals */
	uint32_t		 trans;	/* offset of the translations */
	int			 swap;	/* other byte order */
};

struct ccs_i18n {
	struct catalogue	cat[CCS_I18N_NLANGS];	/* ccs_i18n_langs */
};

static int
lang_index(const char *lang)
{
	int i;

	if (lang == NULL)
		return -1;
	for (i = 0; ccs_i18n_langs[i] != NULL; i++)
		if (strcmp(lang, ccs_i18n_langs[i]) == 0)
			return i;
	return -1;
}

int
ccs_i18n_known(const char *lang)
{
	return lang_index(lang) >= 0;
}

const char *
ccs_i18n_name(const char *lang)
{
	int i = lang_index(lang);

	return i < 0 ? "" : names[i];
}

static uint32_t
u32(const struct catalogue *c, size_t off)
{
	const unsigned char *p = c->mo + off;

	if (c->swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

/* String @p i of the table at @p table, NULL if out of bounds. */
static const char *
string_at(const struct catalogue *c, uint32_t table, uint32_t i)
{
	size_t pos = (size_t)table + (size_t)i * 8, slen, soff, end;

	if (pos + 8 > c->len)
		return NULL;
	slen = u32(c, pos);
	soff = u32(c, pos + 4);
	if (!ccs_add_sz(soff, slen, &end) || end >= c->len ||
	    c->mo[end] != '\0')
		return NULL;
	return (const char *)c->mo + soff;
}

int
ccs_i18n_add_mo(struct ccs_i18n *t, const char *lang,
    const unsigned char *mo, size_t len)
{
	struct catalogue c = { mo, len, 0, 0, 0, 0 };
	const char *prev = NULL, *s;
	size_t tables;
	uint32_t i;
	int li = lang_index(lang);

	if (li < 0)
		return CCS_EINVAL;
	if (len < MO_HEADER || len > CCS_I18N_MO_MAX)
		return CCS_ECORRUPT;
	if (u32(&c, 0) == MO_SWAPPED)
		c.swap = 1;
	else if (u32(&c, 0) != MO_MAGIC)
		return CCS_ECORRUPT;
	if ((u32(&c, 4) >> 16) != 0)
		return CCS_ECORRUPT;
	c.n = u32(&c, 8);
	c.orig = u32(&c, 12);
	c.trans = u32(&c, 16);
	if (!ccs_mul_sz(c.n, 8, &tables) ||
	    (size_t)c.orig + tables > len || (size_t)c.trans + tables > len)
		return CCS_ECORRUPT;
	for (i = 0; i < c.n; i++) {
		s = string_at(&c, c.orig, i);
		if (s == NULL || string_at(&c, c.trans, i) == NULL)
			return CCS_ECORRUPT;
		if (prev != NULL && strcmp(prev, s) >= 0)
			return CCS_ECORRUPT;
		prev = s;
	}
	t->cat[li] = c;
	return CCS_OK;
}

struct ccs_i18n *
ccs_i18n_empty(void)
{
	return ccs_calloc(1, sizeof(struct ccs_i18n));
}

int
ccs_i18n_new(struct ccs_i18n **out, char *err, size_t errlen)
{
	struct ccs_i18n *t;
	const struct ccs_asset *a;
	char name[32];
	int i, rc = CCS_OK;

	*out = NULL;
	t = ccs_i18n_empty();
	if (t == NULL)
		return CCS_ENOMEM;
	for (i = 1; ccs_i18n_langs[i] != NULL && rc == CCS_OK; i++) {
		rc = ccs_snprintf(name, sizeof(name), "po/%s.mo",
		    ccs_i18n_langs[i]);
		if (rc != CCS_OK)
			break;
		a = ccs_asset_find(name);
		rc = a == NULL ? CCS_ENOTFOUND : ccs_i18n_add_mo(t,
		    ccs_i18n_langs[i], a->data, a->len);
		if (rc != CCS_OK && err != NULL)
			(void)ccs_snprintf(err, errlen, "catalogue %s: %s",
			    name, ccs_strerror(rc));
	}
	if (rc != CCS_OK) {
		ccs_i18n_free(t);
		return rc;
	}
	*out = t;
	return CCS_OK;
}

void
ccs_i18n_free(struct ccs_i18n *t)
{
	free(t);
}

const char *
ccs_i18n_tr(const struct ccs_i18n *t, const char *lang, const char *msgid)
{
	const struct catalogue *c;
	const char *s;
	uint32_t lo = 0, hi, mid;
	int li = lang_index(lang), cmp;

	if (t == NULL || li <= 0 || msgid[0] == '\0')
		return msgid;
	c = &t->cat[li];
	hi = c->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		s = string_at(c, c->orig, mid);
		cmp = strcmp(msgid, s);
		if (cmp == 0) {
			s = string_at(c, c->trans, mid);
			return s[0] != '\0' ? s : msgid;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

/* Parses a q-value "0", "0.5", "1", "1.000" into thousandths; -1 if bad. */
static int
qvalue(const char *s, size_t n)
{
	int q = 0, scale = 100;
	size_t i;

	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (s[1] != '.' || n > 5)
		return -1;
	for (i = 2; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
		scale /= 10;
	}
	return q > 1000 ? -1 : q;
}

/* Index of the supported language a range names ("fr", "fr-HT", "*" is
 * English), or -1. */
static int
range_lang(const char *s, size_t n)
{
	char primary[4];
	size_t i;

	if (n == 1 && s[0] == '*')
		return 0;
	for (i = 0; i < n && s[i] != '-'; i++)
		if (i >= 3)
			return -1;
	if (i != 2)
		return -1;
	primary[0] = (char)(s[0] | 0x20);
	primary[1] = (char)(s[1] | 0x20);
	primary[2] = '\0';
	return lang_index(primary);
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

const char *
ccs_i18n_pick(const char *query, const char *accept)
{
	const char *p, *end, *item, *semi, *q;
	size_t len, n;
	int best = 0, bestq = 0, count = 0, li, qv;

	if (ccs_i18n_known(query))
		return ccs_i18n_langs[lang_index(query)];
	if (accept == NULL)
		return "en";
	len = strnlen(accept, CCS_I18N_ACCEPT_MAX);
	p = accept;
	end = accept + len;
	while (p < end && count < CCS_I18N_ACCEPT_ITEMS) {
		item = p;
		while (p < end && *p != ',')
			p++;
		n = (size_t)(p - item);
		if (p < end)
			p++;
		count++;
		while (n > 0 && is_space(*item)) {
			item++;
			n--;
		}
		semi = memchr(item, ';', n);
		qv = 1000;
		if (semi != NULL) {
			q = semi + 1;
			while (q < item + n && is_space(*q))
				q++;
			if (item + n - q < 2 || q[0] != 'q' || q[1] != '=')
				continue;
			q += 2;
			len = (size_t)(item + n - q);
			while (len > 0 && is_space(q[len - 1]))
				len--;
			qv = qvalue(q, len);
			n = (size_t)(semi - item);
		}
		while (n > 0 && is_space(item[n - 1]))
			n--;
		li = range_lang(item, n);
		if (li < 0 || qv <= 0 || qv <= bestq)
			continue;
		best = li;
		bestq = qv;
	}
	return ccs_i18n_langs[best];
}
