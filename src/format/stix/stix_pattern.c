/*
 * stix_pattern.c: building STIX patterns for indicators and reading the
 * indicators back out of them.
 *
 * The reader is a hand-written lexer and recursive-free parser over the
 * STIX 2.1 pattern grammar: observation expressions in brackets joined by
 * AND, OR and FOLLOWEDBY, optional parentheses and qualifiers (WITHIN n
 * SECONDS, REPEATS n TIMES, START t'..' STOP t'..'); inside a bracket,
 * comparisons "path op literal" joined by AND and OR, with parentheses,
 * NOT and EXISTS. Parentheses are counted rather than recursed into, so
 * input cannot exhaust the stack. The parser never fails on what it does
 * not use: it only records a note. Everything is bounded by the pattern's
 * length (CCS_STIX_PATTERN_MAX), which bounds every buffer and loop.
 * Non-goals: evaluating patterns; the full literal syntax of the
 * specification (numbers and binaries are recognised, not interpreted).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format/stix/stix_check.h"
#include "format/stix/stix_names.h"
#include "format/stix/stix_pattern.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define COMP_MAX	4	/* path components we keep */
#define NAME_MAX_LEN	64	/* bytes of a kept component */

enum tok {
	T_END, T_LBRACK, T_RBRACK, T_LPAREN, T_RPAREN, T_COMMA,
	T_EQ,		/* = or == */
	T_CMP,		/* != <> < <= > >= */
	T_WORD,		/* keyword or bare word */
	T_STR,		/* 'string' */
	T_LIT,		/* t'..' h'..' b'..' number true false */
	T_PATH		/* type:prop.path */
};

struct term {
	enum ccs_ind_type	 type;	/* refined type */
	char			*value;	/* canonical value */
	char			*raw;	/* literal as written, unescaped */
};

struct ccs_stix_pattern {
	struct term	*t;		/* terms */
	size_t		 n;		/* terms used */
	size_t		 cap;		/* terms allocated */
	char		 note[256];	/* why something was not used */
	bool		 unsupported;	/* the whole pattern is unusable */
};

struct lex {
	const char	*s;		/* the pattern */
	size_t		 pos;		/* next byte */
	enum tok	 tok;		/* current token */
	size_t		 start;		/* its offset, for messages */
	struct ccs_buf	 str;		/* T_STR contents, unescaped */
	char		 word[16];	/* T_WORD, upper-cased */
	/* T_PATH */
	char		 type[NAME_MAX_LEN];	/* object type */
	char		 comp[COMP_MAX][NAME_MAX_LEN];	/* components */
	size_t		 ncomp;		/* components seen */
	bool		 path_long;	/* some did not fit */
	char		 why[160];	/* a bad name in a path, for EINVAL */
};

static bool
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Reads a quoted literal at l->s[l->pos] == '\''; @p keep: into l->str. */
static int
lex_quoted(struct lex *l, bool keep)
{
	char c;

	ccs_buf_reset(&l->str);
	l->pos++;
	for (;;) {
		c = l->s[l->pos];
		if (c == '\0')
			return CCS_EINVAL;
		if (c == '\'') {
			l->pos++;
			break;
		}
		if (c == '\\') {
			c = l->s[l->pos + 1];
			if (c != '\\' && c != '\'')
				return CCS_EINVAL;
			l->pos++;
		}
		if (keep && ccs_buf_add(&l->str, &c, 1) != CCS_OK)
			return CCS_ENOMEM;
		l->pos++;
	}
	/* An empty string still needs a "" to read back. */
	if (keep && ccs_buf_add(&l->str, "", 0) != CCS_OK)
		return CCS_ENOMEM;
	return CCS_OK;
}

/* One path component (word or 'quoted') into @p dst (may be NULL). */
static int
lex_comp(struct lex *l, char *dst, bool *long_out)
{
	size_t b = l->pos, n;
	int rc;

	if (l->s[l->pos] == '\'') {
		rc = lex_quoted(l, true);
		if (rc != CCS_OK)
			return rc;
		if (dst != NULL && ccs_strlcpy(dst, ccs_buf_str(&l->str),
		    NAME_MAX_LEN) != CCS_OK)
			*long_out = true;
		return CCS_OK;
	}
	while (word_char(l->s[l->pos]))
		l->pos++;
	n = l->pos - b;
	if (n == 0)
		return CCS_EINVAL;
	if (dst != NULL) {
		if (n >= NAME_MAX_LEN)
			*long_out = true;
		else {
			memcpy(dst, l->s + b, n);
			dst[n] = '\0';
		}
	}
	return CCS_OK;
}

/*
 * The names of a path, as the 2.1 grammar and specification hold them:
 * the object type a STIX type name (3 to 250 of a-z, 0-9 and single
 * hyphens), its property 3 to 250 of a-z, 0-9 and '_' (the components
 * after it may be dictionary keys, which are not held to that).
 */
static bool
path_names_ok(struct lex *l, size_t b, size_t wlen, size_t c0)
{
	char type[CCS_STIX_NAME_MAX + 1];
	const char *prop = l->s + c0;
	size_t plen = l->pos - c0;

	if (wlen > CCS_STIX_NAME_MAX)
		wlen = CCS_STIX_NAME_MAX + 1;	/* too long either way */
	memcpy(type, l->s + b, wlen < sizeof(type) ? wlen : sizeof(type) - 1);
	type[wlen < sizeof(type) ? wlen : sizeof(type) - 1] = '\0';
	if (wlen > CCS_STIX_NAME_MAX || !ccs_stix_type_ok(type)) {
		(void)snprintf(l->why, sizeof(l->why), "'%.40s%s' at byte %zu "
		    "is not an object type name (3 to 250 of a-z, 0-9 and "
		    "single hyphens)", type, wlen > 40 ? "..." : "", b);
		return false;
	}
	if (*prop == '\'') {
		prop = ccs_buf_str(&l->str);
		plen = strlen(prop);
	}
	if (!ccs_stix_prop_name_ok(prop, plen)) {
		(void)snprintf(l->why, sizeof(l->why), "'%.*s%s' at byte %zu "
		    "is not a property name (3 to 250 of a-z, 0-9 and _)",
		    (int)(plen > 40 ? 40 : plen), prop, plen > 40 ? "..." : "",
		    c0);
		return false;
	}
	return true;
}

static int
lex_path(struct lex *l, size_t wlen)
{
	size_t b = l->pos, c0;
	int rc;

	l->ncomp = 0;
	l->path_long = wlen >= NAME_MAX_LEN;
	if (!l->path_long) {
		memcpy(l->type, l->s + b, wlen);
		l->type[wlen] = '\0';
	}
	l->pos += wlen + 1;	/* the ':' */
	for (;;) {
		char *dst = l->ncomp < COMP_MAX ? l->comp[l->ncomp] : NULL;

		if (dst == NULL)
			l->path_long = true;
		c0 = l->pos;
		rc = lex_comp(l, dst, &l->path_long);
		if (rc != CCS_OK)
			return rc;
		if (l->ncomp == 0 && !path_names_ok(l, b, wlen, c0))
			return CCS_EINVAL;
		l->ncomp++;
		/* list index: [n] or [*] */
		while (l->s[l->pos] == '[') {
			size_t p = l->pos + 1;

			if (l->s[p] == '*')
				p++;
			else
				while (l->s[p] >= '0' && l->s[p] <= '9')
					p++;
			if (p == l->pos + 1 || l->s[p] != ']')
				break;
			l->pos = p + 1;
			/* An index makes it a path we do not use. */
			l->path_long = true;
		}
		if (l->s[l->pos] != '.')
			break;
		l->pos++;
	}
	return CCS_OK;
}

/* Advances to the next token. */
static int
lex_next(struct lex *l)
{
	const char *s = l->s;
	size_t n, i;
	char c;

	while (s[l->pos] == ' ' || s[l->pos] == '\t' || s[l->pos] == '\n' ||
	    s[l->pos] == '\r')
		l->pos++;
	l->start = l->pos;
	c = s[l->pos];
	switch (c) {
	case '\0':
		l->tok = T_END;
		return CCS_OK;
	case '[':
		l->tok = T_LBRACK;
		l->pos++;
		return CCS_OK;
	case ']':
		l->tok = T_RBRACK;
		l->pos++;
		return CCS_OK;
	case '(':
		l->tok = T_LPAREN;
		l->pos++;
		return CCS_OK;
	case ')':
		l->tok = T_RPAREN;
		l->pos++;
		return CCS_OK;
	case ',':
		l->tok = T_COMMA;
		l->pos++;
		return CCS_OK;
	case '=':
		l->tok = T_EQ;
		l->pos += s[l->pos + 1] == '=' ? 2 : 1;
		return CCS_OK;
	case '!':
		if (s[l->pos + 1] != '=')
			return CCS_EINVAL;
		l->tok = T_CMP;
		l->pos += 2;
		return CCS_OK;
	case '<':
	case '>':
		l->tok = T_CMP;
		l->pos += (s[l->pos + 1] == '=' ||
		    (c == '<' && s[l->pos + 1] == '>')) ? 2 : 1;
		return CCS_OK;
	case '\'':
		l->tok = T_STR;
		return lex_quoted(l, true);
	default:
		break;
	}
	if ((c == 't' || c == 'h' || c == 'b') && s[l->pos + 1] == '\'') {
		l->tok = T_LIT;
		l->pos++;
		return lex_quoted(l, false);
	}
	if ((c >= '0' && c <= '9') || ((c == '-' || c == '+') &&
	    s[l->pos + 1] >= '0' && s[l->pos + 1] <= '9')) {
		l->pos++;
		while ((s[l->pos] >= '0' && s[l->pos] <= '9') ||
		    s[l->pos] == '.')
			l->pos++;
		l->tok = T_LIT;
		return CCS_OK;
	}
	n = 0;
	while (word_char(s[l->pos + n]))
		n++;
	if (n == 0)
		return CCS_EINVAL;
	if (s[l->pos + n] == ':') {
		l->tok = T_PATH;
		return lex_path(l, n);
	}
	l->tok = T_WORD;
	if (n >= sizeof(l->word))
		return CCS_EINVAL;
	for (i = 0; i < n; i++)
		l->word[i] = (char)(s[l->pos + i] >= 'a' && s[l->pos + i] <= 'z'
		    ? s[l->pos + i] - 'a' + 'A' : s[l->pos + i]);
	l->word[n] = '\0';
	l->pos += n;
	if (strcmp(l->word, "TRUE") == 0 || strcmp(l->word, "FALSE") == 0)
		l->tok = T_LIT;
	return CCS_OK;
}

static bool
is_word(const struct lex *l, const char *w)
{
	return l->tok == T_WORD && strcmp(l->word, w) == 0;
}

static void
unsupported(struct ccs_stix_pattern *p, const char *what)
{
	if (!p->unsupported)
		(void)ccs_snprintf(p->note, sizeof(p->note), "not an indicator "
		    "ccscap can correlate: uses %s", what);
	p->unsupported = true;
}

static void
note(struct ccs_stix_pattern *p, const char *msg)
{
	if (p->note[0] == '\0')
		(void)ccs_strlcpy(p->note, msg, sizeof(p->note));
}

/* The indicator type a path holds, or false. */
static bool
path_type(const struct lex *l, enum ccs_ind_type *t, const char *value)
{
	const char *ty = l->type, *c0 = l->comp[0], *c1 = l->comp[1];

	if (l->path_long)
		return false;
	if (l->ncomp == 1 && strcmp(c0, "value") == 0) {
		if (strcmp(ty, "ipv4-addr") == 0)
			*t = CCS_IND_IPV4;
		else if (strcmp(ty, "ipv6-addr") == 0)
			*t = CCS_IND_IPV6;
		else if (strcmp(ty, "domain-name") == 0)
			*t = CCS_IND_DOMAIN;
		else if (strcmp(ty, "url") == 0)
			*t = CCS_IND_URL;
		else if (strcmp(ty, "email-addr") == 0)
			*t = CCS_IND_EMAIL;
		else if (strcmp(ty, "phone-number") == 0)
			*t = CCS_IND_PHONE;
		else if (strcmp(ty, "cryptocurrency-wallet") == 0)
			*t = (value[0] == '0' && (value[1] == 'x' ||
			    value[1] == 'X')) ? CCS_IND_ETH : CCS_IND_BTC;
		else
			return false;
		*t = ccs_ind_refine(*t, value);
		return true;
	}
	if (l->ncomp == 1 && strcmp(ty, "bank-account") == 0 &&
	    strcmp(c0, "iban") == 0) {
		*t = CCS_IND_IBAN;
		return true;
	}
	if (l->ncomp != 2)
		return false;
	if (strcmp(ty, "file") == 0 && strcmp(c0, "hashes") == 0) {
		if (strcasecmp(c1, "MD5") == 0)
			*t = CCS_IND_MD5;
		else if (strcasecmp(c1, "SHA-1") == 0 ||
		    strcasecmp(c1, "SHA1") == 0)
			*t = CCS_IND_SHA1;
		else if (strcasecmp(c1, "SHA-256") == 0 ||
		    strcasecmp(c1, "SHA256") == 0)
			*t = CCS_IND_SHA256;
		else if (strcasecmp(c1, "SHA-512") == 0 ||
		    strcasecmp(c1, "SHA512") == 0)
			*t = CCS_IND_SHA512;
		else
			return false;
		return true;
	}
	if (strcmp(c1, "value") != 0)
		return false;
	if (strcmp(ty, "network-traffic") == 0 && (strcmp(c0, "src_ref") == 0 ||
	    strcmp(c0, "dst_ref") == 0)) {
		*t = ccs_ind_refine(CCS_IND_IPV4, value);
		return true;
	}
	if (strcmp(ty, "email-message") == 0 && (strcmp(c0, "from_ref") == 0 ||
	    strcmp(c0, "sender_ref") == 0)) {
		*t = CCS_IND_EMAIL;
		return true;
	}
	return false;
}

/* Records the comparison path = 'value' just read. */
static int
add_term(struct ccs_stix_pattern *p, const struct lex *path,
    const char *value)
{
	char canon[CCS_IND_VALUE_MAX], msg[256];
	struct ccs_fail f;
	struct term *nt;
	enum ccs_ind_type t;
	int rc;

	if (!path_type(path, &t, value)) {
		note(p, "some comparisons are not on indicators ccscap can "
		    "correlate");
		return CCS_OK;
	}
	rc = ccs_ind_normalise(t, value, canon, sizeof(canon), &f);
	if (rc == CCS_ENOMEM)
		return rc;
	if (rc != CCS_OK) {
		if (ccs_snprintf(msg, sizeof(msg), "%s:%s value skipped: %s",
		    path->type, path->comp[0], f.message) != CCS_OK)
			(void)ccs_strlcpy(msg, "a value was skipped",
			    sizeof(msg));
		note(p, msg);
		return CCS_OK;
	}
	if (p->n == CCS_STIX_PATTERN_TERMS)
		return CCS_ETOOBIG;
	if (p->n == p->cap) {
		nt = ccs_reallocarray(p->t, p->cap ? p->cap * 2 : 4,
		    sizeof(*nt));
		if (nt == NULL)
			return CCS_ENOMEM;
		p->t = nt;
		p->cap = p->cap ? p->cap * 2 : 4;
	}
	p->t[p->n].type = t;
	p->t[p->n].value = ccs_strdup(canon);
	p->t[p->n].raw = ccs_strdup(value);
	if (p->t[p->n].value == NULL || p->t[p->n].raw == NULL) {
		free(p->t[p->n].value);
		free(p->t[p->n].raw);
		return CCS_ENOMEM;
	}
	p->n++;
	return CCS_OK;
}

static const char *
tok_name(const struct lex *l)
{
	switch (l->tok) {
	case T_END:
		return "the end";
	case T_STR:
	case T_LIT:
		return "a literal";
	case T_PATH:
		return "an object path";
	default:
		return "this";
	}
}

#define NEXT()	do {							\
	rc = lex_next(l);						\
	if (rc != CCS_OK)						\
		goto bad;						\
} while (0)

#define EXPECT(cond, what) do {						\
	if (!(cond)) {							\
		expected = (what);					\
		goto syntax;						\
	}								\
} while (0)

/* One comparison expression, between '[' and ']'. */
static int
parse_obs(struct ccs_stix_pattern *p, struct lex *l, struct ccs_fail *f)
{
	const char *expected = NULL;
	struct lex path;
	size_t depth = 0;
	bool neg, eq;
	int rc;

	memset(&path, 0, sizeof(path));
	for (;;) {
		while (l->tok == T_LPAREN) {
			depth++;
			NEXT();
		}
		if (is_word(l, "EXISTS")) {
			unsupported(p, "EXISTS");
			NEXT();
			EXPECT(l->tok == T_PATH, "an object path");
			NEXT();
			goto after;
		}
		EXPECT(l->tok == T_PATH, "an object path");
		/* Keep the path: the next token overwrites the lexer. */
		memcpy(path.type, l->type, sizeof(path.type));
		memcpy(path.comp, l->comp, sizeof(path.comp));
		path.ncomp = l->ncomp;
		path.path_long = l->path_long;
		NEXT();
		neg = is_word(l, "NOT");
		if (neg) {
			unsupported(p, "NOT");
			NEXT();
		}
		eq = l->tok == T_EQ;
		if (is_word(l, "IN")) {
			unsupported(p, "IN");
			NEXT();
			EXPECT(l->tok == T_LPAREN, "'('");
			do {
				NEXT();
				EXPECT(l->tok == T_STR || l->tok == T_LIT,
				    "a literal");
				NEXT();
			} while (l->tok == T_COMMA);
			EXPECT(l->tok == T_RPAREN, "')'");
			NEXT();
			goto after;
		}
		if (is_word(l, "LIKE") || is_word(l, "MATCHES") ||
		    is_word(l, "ISSUBSET") || is_word(l, "ISSUPERSET"))
			unsupported(p, l->word);
		else if (l->tok == T_CMP)
			unsupported(p, "a comparison other than =");
		else
			EXPECT(eq, "a comparison operator");
		NEXT();
		EXPECT(l->tok == T_STR || l->tok == T_LIT, "a literal");
		if (eq && !neg && l->tok == T_STR) {
			rc = add_term(p, &path, ccs_buf_str(&l->str));
			if (rc != CCS_OK)
				goto bad;
		} else if (eq && !neg)
			note(p, "some comparisons are not on indicators "
			    "ccscap can correlate");
		NEXT();
after:
		while (l->tok == T_RPAREN) {
			EXPECT(depth > 0, "']'");
			depth--;
			NEXT();
		}
		if (l->tok == T_RBRACK)
			break;
		EXPECT(is_word(l, "AND") || is_word(l, "OR"), "AND, OR or ']'");
		NEXT();
	}
	EXPECT(depth == 0, "')'");
	return CCS_OK;
syntax:
	return ccs_fail(f, CCS_EINVAL, "stix_pattern", "not a STIX pattern: "
	    "expected %s at byte %zu, found %s", expected, l->start,
	    tok_name(l));
bad:
	if (rc == CCS_EINVAL && l->why[0] != '\0')
		return ccs_fail(f, rc, "stix_pattern", "not a STIX pattern: "
		    "%s", l->why);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "stix_pattern", "not a STIX pattern: "
		    "bad token at byte %zu", l->start);
	return ccs_fail(f, rc, "stix_pattern", "%s", ccs_strerror(rc));
}

/* Qualifiers after an observation expression. */
static int
parse_quals(struct ccs_stix_pattern *p, struct lex *l, struct ccs_fail *f)
{
	const char *expected = NULL;
	int rc;

	for (;;) {
		if (is_word(l, "WITHIN")) {
			NEXT();
			EXPECT(l->tok == T_LIT, "a number");
			NEXT();
			EXPECT(is_word(l, "SECONDS"), "SECONDS");
		} else if (is_word(l, "REPEATS")) {
			NEXT();
			EXPECT(l->tok == T_LIT, "a number");
			NEXT();
			EXPECT(is_word(l, "TIMES"), "TIMES");
		} else if (is_word(l, "START")) {
			NEXT();
			EXPECT(l->tok == T_LIT, "a timestamp");
			NEXT();
			EXPECT(is_word(l, "STOP"), "STOP");
			NEXT();
			EXPECT(l->tok == T_LIT, "a timestamp");
		} else
			return CCS_OK;
		unsupported(p, "qualifiers");
		NEXT();
	}
syntax:
	return ccs_fail(f, CCS_EINVAL, "stix_pattern", "not a STIX pattern: "
	    "expected %s at byte %zu, found %s", expected, l->start,
	    tok_name(l));
bad:
	if (rc == CCS_EINVAL && l->why[0] != '\0')
		return ccs_fail(f, rc, "stix_pattern", "not a STIX pattern: "
		    "%s", l->why);
	if (rc == CCS_EINVAL)
		return ccs_fail(f, rc, "stix_pattern", "not a STIX pattern: "
		    "bad token at byte %zu", l->start);
	return ccs_fail(f, rc, "stix_pattern", "%s", ccs_strerror(rc));
}

int
ccs_stix_pattern_parse(const char *pattern, struct ccs_stix_pattern **out,
    struct ccs_fail *f)
{
	struct ccs_stix_pattern *p = NULL;
	const char *expected = NULL;
	struct lex *l = NULL;
	size_t depth = 0;
	int rc;

	*out = NULL;
	if (strnlen(pattern, CCS_STIX_PATTERN_MAX + 1) > CCS_STIX_PATTERN_MAX)
		return ccs_fail(f, CCS_ETOOBIG, "stix_pattern", "pattern "
		    "longer than %u bytes", CCS_STIX_PATTERN_MAX);
	p = ccs_calloc(1, sizeof(*p));
	l = ccs_calloc(1, sizeof(*l));
	if (p == NULL || l == NULL) {
		rc = ccs_fail(f, CCS_ENOMEM, "stix_pattern", "out of memory");
		goto out;
	}
	l->s = pattern;
	ccs_buf_init(&l->str, CCS_STIX_PATTERN_MAX);
	NEXT();
	for (;;) {
		while (l->tok == T_LPAREN) {
			depth++;
			NEXT();
		}
		EXPECT(l->tok == T_LBRACK, "'['");
		NEXT();
		rc = parse_obs(p, l, f);
		if (rc != CCS_OK)
			goto out;
		NEXT();
		for (;;) {
			rc = parse_quals(p, l, f);
			if (rc != CCS_OK)
				goto out;
			if (l->tok != T_RPAREN)
				break;
			EXPECT(depth > 0, "an operator or the end");
			depth--;
			NEXT();
		}
		if (l->tok == T_END)
			break;
		if (is_word(l, "FOLLOWEDBY"))
			unsupported(p, "FOLLOWEDBY");
		else
			EXPECT(is_word(l, "AND") || is_word(l, "OR"),
			    "AND, OR, FOLLOWEDBY or the end");
		NEXT();
	}
	EXPECT(depth == 0, "')'");
	if (p->unsupported) {
		/* Some of it cannot be matched: use none of it. */
		while (p->n > 0) {
			p->n--;
			free(p->t[p->n].value);
			free(p->t[p->n].raw);
		}
	}
	*out = p;
	p = NULL;
	rc = CCS_OK;
	goto out;
syntax:
	rc = ccs_fail(f, CCS_EINVAL, "stix_pattern", "not a STIX pattern: "
	    "expected %s at byte %zu, found %s", expected, l->start,
	    tok_name(l));
	goto out;
bad:
	if (rc == CCS_EINVAL && l->why[0] != '\0')
		rc = ccs_fail(f, rc, "stix_pattern", "not a STIX pattern: "
		    "%s", l->why);
	else if (rc == CCS_EINVAL)
		rc = ccs_fail(f, rc, "stix_pattern", "not a STIX pattern: "
		    "bad token at byte %zu", l->start);
	else
		rc = ccs_fail(f, rc, "stix_pattern", "%s", ccs_strerror(rc));
out:
	if (l != NULL)
		ccs_buf_free(&l->str);
	free(l);
	ccs_stix_pattern_free(p);
	return rc;
}

void
ccs_stix_pattern_free(struct ccs_stix_pattern *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->t[i].value);
		free(p->t[i].raw);
	}
	free(p->t);
	free(p);
}

size_t
ccs_stix_pattern_count(const struct ccs_stix_pattern *p)
{
	return p->n;
}

bool
ccs_stix_pattern_term(const struct ccs_stix_pattern *p, size_t i,
    enum ccs_ind_type *type, const char **value, const char **raw)
{
	if (i >= p->n)
		return false;
	if (type != NULL)
		*type = p->t[i].type;
	if (value != NULL)
		*value = p->t[i].value;
	if (raw != NULL)
		*raw = p->t[i].raw;
	return true;
}

const char *
ccs_stix_pattern_note(const struct ccs_stix_pattern *p)
{
	return p->note[0] != '\0' ? p->note : NULL;
}

/* The path of type @p t, before " = '". */
static const char *
build_path(enum ccs_ind_type t)
{
	switch (t) {
	case CCS_IND_IPV4:
	case CCS_IND_CIDR4:
		return "ipv4-addr:value";
	case CCS_IND_IPV6:
	case CCS_IND_CIDR6:
		return "ipv6-addr:value";
	case CCS_IND_DOMAIN:
		return "domain-name:value";
	case CCS_IND_URL:
		return "url:value";
	case CCS_IND_EMAIL:
		return "email-addr:value";
	case CCS_IND_MD5:
		return "file:hashes.MD5";
	case CCS_IND_SHA1:
		return "file:hashes.'SHA-1'";
	case CCS_IND_SHA256:
		return "file:hashes.'SHA-256'";
	case CCS_IND_SHA512:
		return "file:hashes.'SHA-512'";
	case CCS_IND_BTC:
	case CCS_IND_ETH:
		return "cryptocurrency-wallet:value";
	case CCS_IND_PHONE:
		return "phone-number:value";
	case CCS_IND_IBAN:
		return "bank-account:iban";
	}
	return NULL;
}

int
ccs_stix_pattern_build(enum ccs_ind_type t, const char *value,
    struct ccs_buf *out, struct ccs_fail *f)
{
	char canon[CCS_IND_VALUE_MAX];
	const char *path = build_path(t), *s;
	int rc;

	if (path == NULL)
		return ccs_fail(f, CCS_EINVAL, "invalid_indicator",
		    "unknown indicator type");
	rc = ccs_ind_normalise(t, value, canon, sizeof(canon), f);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_buf_printf(out, "[%s = '", path);
	for (s = canon; rc == CCS_OK && *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			rc = ccs_buf_add(out, "\\", 1);
		if (rc == CCS_OK)
			rc = ccs_buf_add(out, s, 1);
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(out, "']");
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "stix_pattern", "%s",
		    ccs_strerror(rc));
	return CCS_OK;
}
