/*
 * iati_read.c: reads IATI 2.0x activity XML with libxml2's SAX2 push
 * parser, one activity at a time.
 *
 * Bytes are pushed in CHUNK pieces, no tree is built, and what one
 * activity keeps lives in an arena capped at max_activity bytes that is
 * emptied after each callback, so memory is bounded by the largest
 * activity, not the file. Safety: a DOCTYPE stops the parser at its
 * first SAX event (no DTD is read, so no entity can be declared, loaded
 * or expanded: no XXE, no billion laughs); XML_PARSE_NONET, never
 * XML_PARSE_NOENT or DTD loading. Depth, attribute count, text length,
 * list lengths and activity count are capped. Each element is checked
 * against the tables of iati_rules.c (children and how often,
 * attributes and their types) and, at CCS_IATI_CHECK_ALL, its codes
 * against the code lists; an optional XSD is validated in the same pass
 * (xmlSchemaSAXPlug). Errors name the element path and line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "format/iati/iati_impl.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define CHUNK		(64u * 1024)	/* bytes pushed at a time */
#define BLK_MIN		(16u * 1024)	/* smallest arena block */
#define XML_NS		"http://www.w3.org/XML/1998/namespace"
#define MAX_ATTRS_LIMIT	1024		/* largest max_attrs */
#define MAX_DEPTH_LIMIT	256		/* libxml2's own cap */

struct ccs_iati_schema {
	xmlSchemaPtr	 xsd;	/* the compiled schema */
};

struct iati_blk {
	struct iati_blk	*next;	/* older block */
	size_t		 size;	/* bytes in data */
	size_t		 used;	/* bytes handed out */
	char		 data[];	/* the bytes */
};

/* Path of frames [0, depth) into @p out, "/@attr" added when given. */
static void
path_of(const struct iati_rd *r, size_t depth, const char *attr,
    char *out, size_t outlen)
{
	const struct iati_frame *fr;
	size_t i, len = 0;
	int n;

	out[0] = '\0';
	for (i = 0; i < depth && len < outlen; i++) {
		fr = &r->frames[i];
		if ((iati_el_flags(fr->el) & EF_LIST) || fr->index > 1)
			n = snprintf(out + len, outlen - len, "/%s[%zu]",
			    fr->name, fr->index);
		else
			n = snprintf(out + len, outlen - len, "/%s", fr->name);
		if (n < 0)
			return;
		len += (size_t)n;
	}
	if (attr != NULL && len < outlen)
		n = snprintf(out + len, outlen - len, "/@%s", attr);
	/* a path cut at outlen still names where it starts */
}

void
iati_err(struct iati_rd *r, int rc, const char *attr, unsigned long line,
    const char *fmt, ...)
{
	char path[IATI_PATH_LEN], msg[256];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	path_of(r, r->depth, attr, path, sizeof(path));
	if (path[0] == '\0')	/* the document itself */
		(void)ccs_strlcpy(path, "/", sizeof(path));
	if (r->errs != NULL &&
	    ccs_errlist_add(r->errs, path, "line %lu: %s", line, msg) != CCS_OK)
		rc = CCS_ENOMEM;
	if (r->nerr == 0 || (r->rc == CCS_EINVAL && rc != CCS_EINVAL)) {
		r->rc = rc;
		(void)ccs_fail(r->f, rc, rc == CCS_ETOOBIG ? "iati_too_big" :
		    "iati_invalid", "%s, line %lu: %s", path,
		    line, msg);
	}
	r->nerr++;
	if (rc != CCS_EINVAL) {
		r->stop = true;
		if (r->ctxt != NULL)
			xmlStopParser(r->ctxt);
	}
}

static unsigned long
cur_line(const struct iati_rd *r)
{
	int l = r->ctxt != NULL ? xmlSAX2GetLineNumber(r->ctxt) : 0;

	return l > 0 ? (unsigned long)l : 0;
}

char *
iati_strndup(struct iati_rd *r, const char *s, size_t len)
{
	struct iati_blk *b = r->blk;
	size_t need, size;
	char *p;

	if (r->stop)
		return NULL;
	need = (len + 1 + 7) & ~(size_t)7;
	if (b == NULL || b->size - b->used < need) {
		size = need > BLK_MIN ? need : BLK_MIN;
		if (r->arena + size > r->o.max_activity) {
			iati_err(r, CCS_ETOOBIG, NULL, cur_line(r),
			    "activity keeps more than %zu bytes",
			    r->o.max_activity);
			return NULL;
		}
		b = ccs_malloc(sizeof(*b) + size);
		if (b == NULL) {
			iati_err(r, CCS_ENOMEM, NULL, cur_line(r),
			    "out of memory");
			return NULL;
		}
		b->size = size;
		b->used = 0;
		b->next = r->blk;
		r->blk = b;
		r->arena += size;
	}
	p = b->data + b->used;
	b->used += need;
	if (s != NULL)
		memcpy(p, s, len);
	else
		memset(p, 0, len);
	p[len] = '\0';
	return p;
}

void
iati_arena_free(struct iati_rd *r)
{
	struct iati_blk *b, *next;

	for (b = r->blk; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	r->blk = NULL;
	r->arena = 0;
}

const char *
iati_attr(const struct iati_rd *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nattrs; i++)
		if (strcmp(r->attrs[i].name, name) == 0)
			return r->attrs[i].value;
	return NULL;
}

static bool
digits_only(const char *s, bool sign)
{
	if (sign && (*s == '+' || *s == '-'))
		s++;
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/*
 * xsd:int (-2147483648..2147483647), xsd:positiveInteger (1..) and
 * xsd:nonNegativeInteger (0..), as the schema types them; the last two
 * are unbounded, so only their digits count.
 */
static bool
int_ok(const char *v, enum iati_kind kind)
{
	const char *d = v;
	long long n = 0;
	bool neg = *v == '-';

	if (!digits_only(v, true))
		return false;
	if (*d == '+' || *d == '-')
		d++;
	if (kind != K_INT)
		return neg ? strspn(d, "0") == strlen(d) && kind == K_NNINT :
		    kind == K_NNINT || strspn(d, "0") != strlen(d);
	d += strspn(d, "0");
	if (strlen(d) > 10)
		return false;
	for (; *d != '\0'; d++)
		n = n * 10 + (*d - '0');
	return neg ? n <= 2147483648LL : n <= 2147483647LL;
}

/* xml:lang: xsd:language ([a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*) or "". */
static bool
lang_ok(const char *v)
{
	size_t n = 0;
	bool first = true;

	if (*v == '\0')
		return true;
	for (;; v++) {
		if (*v == '-' || *v == '\0') {
			if (n == 0 || n > 8)
				return false;
			if (*v == '\0')
				return true;
			first = false;
			n = 0;
		} else if ((*v >= 'a' && *v <= 'z') ||
		    (*v >= 'A' && *v <= 'Z') ||
		    (!first && *v >= '0' && *v <= '9')) {
			n++;
		} else {
			return false;
		}
	}
}

/* Checks one attribute value against its rule. */
static void
check_value(struct iati_rd *r, const struct iati_attr_rule *ar,
    const char *v, unsigned long line)
{
	bool codes = r->o.level == CCS_IATI_CHECK_ALL;
	long long e4;

	switch (ar->kind) {
	case K_STR:
		break;
	case K_DATE:
		if (!ccs_iati_date_ok(v))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not a date (YYYY-MM-DD)", v);
		break;
	case K_DATETIME:
		if (!ccs_iati_datetime_ok(v))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not a date and time "
			    "(YYYY-MM-DDThh:mm:ssZ)", v);
		break;
	case K_BOOL:
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0 &&
		    strcmp(v, "1") != 0 && strcmp(v, "0") != 0)
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not a boolean (true, false, 1, 0)", v);
		break;
	case K_INT:
	case K_POSINT:
	case K_NNINT:
		if (!int_ok(v, ar->kind))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not a%s integer", v,
			    ar->kind == K_POSINT ? " positive" :
			    ar->kind == K_NNINT ? " non-negative" : "n");
		break;
	case K_LANG:
		if (!lang_ok(v))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not a language tag (en, fr, es-419)",
			    v);
		break;
	case K_DEC:
		if (!ccs_iati_decimal_ok(v))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not a decimal number", v);
		break;
	case K_PCT:
		if (!ccs_iati_decimal_ok(v))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not a decimal number", v);
		else if (codes && (!ccs_iati_decimal_e4(v, &e4) ||
		    e4 > 1000000))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "percentage \"%s\" is not between 0 and 100", v);
		break;
	case K_CODE:
		if (codes && !ccs_iati_code_ok(ar->list, v))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not a code of the IATI %s list", v,
			    ccs_iati_list_name(ar->list));
		break;
	case K_CURRENCY:
		if (codes && !ccs_iati_currency_ok(v))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not an ISO 4217 currency code", v);
		break;
	case K_COUNTRY:
		if (codes && !ccs_iati_country_ok(v))
			iati_err(r, CCS_EINVAL, ar->name, line,
			    "\"%s\" is not an ISO 3166-1 alpha-2 country code",
			    v);
		break;
	}
}

/*
 * Copies an attribute value. Without entity substitution libxml2 hands
 * every '&' of a value over as "&#38;" (the SAX2 tree builder decodes
 * it), and with no DTD no other reference can reach us: decode that one.
 */
static char *
attr_value(struct iati_rd *r, const xmlChar *v, const xmlChar *end,
    const char *name)
{
	size_t len = (size_t)(end - v), i, o = 0;
	char *s;

	if (len > r->o.max_text) {
		iati_err(r, CCS_ETOOBIG, name, cur_line(r),
		    "value longer than %zu bytes", r->o.max_text);
		return NULL;
	}
	s = iati_strndup(r, (const char *)v, len);
	if (s == NULL)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '&') {
			if (strncmp(s + i, "&#38;", 5) != 0) {
				iati_err(r, CCS_EINVAL, name, cur_line(r),
				    "entity references are not allowed");
				return NULL;
			}
			i += 4;
		}
		s[o++] = s[i];
	}
	s[o] = '\0';
	if (!ccs_text_ok(s)) {
		iati_err(r, CCS_EINVAL, name, cur_line(r), "value has "
		    "control characters other than tab and newline");
		return NULL;
	}
	return s;
}

static void
check_version(struct iati_rd *r, unsigned long line)
{
	const char *v = iati_attr(r, "version");

	if (v == NULL)
		iati_err(r, CCS_EINVAL, "version", line,
		    "missing: ccscap reads IATI 2.01 to 2.03");
	else if (strlen(v) != 4 || strncmp(v, "2.0", 3) != 0 ||
	    v[3] < '1' || v[3] > '9')
		iati_err(r, CCS_EINVAL, "version", line,
		    "\"%s\" is not 2.0x: ccscap reads IATI 2.01 to 2.03", v);
	else
		return;
	/* nothing after a wrong version means what we would check */
	r->stop = true;
	xmlStopParser(r->ctxt);
}

/* Reads the attributes of a checked element into r->attrs. */
static void
read_attrs(struct iati_rd *r, struct iati_frame *fr, int n,
    const xmlChar **at)
{
	const struct iati_attr_rule *ar;
	enum iati_el up = fr > r->frames ? fr[-1].el : E_UNKNOWN;
	const char *name;
	char *v;
	int i;

	r->nattrs = 0;
	for (i = 0; i < n && !r->stop; i++, at += 5) {
		name = (const char *)at[0];
		if (at[2] != NULL && strcmp((const char *)at[2], XML_NS) == 0)
			name = strcmp(name, "lang") == 0 ? "xml:lang" : name;
		ar = iati_attr_rule(fr->el, up, name);
		if (ar == NULL && at[2] != NULL &&
		    (iati_el_flags(fr->el) & EF_CLOSED) != 0) {
			iati_err(r, CCS_EINVAL, name, fr->line,
			    "%s takes no attributes from other namespaces",
			    fr->name);
			continue;
		}
		if (ar == NULL && at[2] != NULL)
			continue;	/* another namespace: extensions */
		if (ar == NULL) {
			iati_err(r, CCS_EINVAL, name, fr->line,
			    "attribute not allowed on %s", fr->name);
			continue;
		}
		v = attr_value(r, at[3], at[4], name);
		if (v == NULL)
			continue;
		r->attrs[r->nattrs].name = ar->name;
		r->attrs[r->nattrs].value = v;
		r->nattrs++;
		check_value(r, ar, v, fr->line);
	}
	for (ar = iati_attrs; ar->name != NULL && !r->stop; ar++)
		if (ar->el == fr->el && ar->req && (ar->parent == E_UNKNOWN ||
		    ar->parent == up) && iati_attr(r, ar->name) == NULL)
			iati_err(r, CCS_EINVAL, ar->name, fr->line,
			    "missing (required on %s)", fr->name);
}

static struct iati_frame *
push_frame(struct iati_rd *r, enum iati_el el, const char *name,
    bool skip)
{
	struct iati_frame *p = r->depth > 0 ? &r->frames[r->depth - 1] : NULL;
	struct iati_frame *fr = &r->frames[r->depth];

	memset(fr, 0, sizeof(*fr));
	fr->el = el;
	fr->skip = skip;
	fr->line = cur_line(r);
	(void)ccs_strlcpy(fr->name, name, sizeof(fr->name));
	fr->index = 1;
	if (p != NULL && el != E_UNKNOWN)
		fr->index = ++p->counts[el];
	r->depth++;
	return fr;
}

/*
 * The schema's xsd:sequence: a child whose rule comes before the last
 * child's is out of order, and extension elements come last. Said once
 * per child; the order goes on from the later of the two.
 */
static void
check_order(struct iati_rd *r, struct iati_frame *p, struct iati_frame *fr,
    const struct iati_child_rule *cr)
{
	if (p->ext)
		iati_err(r, CCS_EINVAL, NULL, fr->line, "%s comes after an "
		    "extension element: in %s, elements of other namespaces "
		    "come last", fr->name, p->name);
	else if (p->last != NULL && cr < p->last)
		iati_err(r, CCS_EINVAL, NULL, fr->line, "%s must come before "
		    "%s in %s (the schema's order)", fr->name,
		    iati_el_name(p->last->child), p->name);
	if (p->last == NULL || cr > p->last)
		p->last = cr;
}

static void
on_start(void *ctx, const xmlChar *lname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	struct iati_rd *r = ctx;
	struct iati_frame *p, *fr;
	const struct iati_child_rule *cr;
	const char *name = (const char *)lname;
	enum iati_el el;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	if (r->stop)
		return;
	if (r->depth >= r->o.max_depth) {
		iati_err(r, CCS_ETOOBIG, NULL, cur_line(r),
		    "elements nested deeper than %zu", r->o.max_depth);
		return;
	}
	if ((size_t)nattrs > r->o.max_attrs) {
		iati_err(r, CCS_ETOOBIG, NULL, cur_line(r),
		    "%s has more than %zu attributes", name, r->o.max_attrs);
		return;
	}
	p = r->depth > 0 ? &r->frames[r->depth - 1] : NULL;
	if (p == NULL) {
		el = uri == NULL ? iati_el_of(name) : E_UNKNOWN;
		fr = push_frame(r, el, name, false);
		if (el != E_ROOT) {
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "not an IATI activities document (the root is "
			    "not iati-activities)");
			r->stop = true;
			xmlStopParser(r->ctxt);
			return;
		}
		read_attrs(r, fr, nattrs, attrs);
		if (!r->stop)
			check_version(r, fr->line);
		return;
	}
	if (p->skip) {
		(void)push_frame(r, E_UNKNOWN, name, true);
		return;
	}
	if (uri != NULL) {
		/* an extension element: after the named children */
		fr = push_frame(r, E_UNKNOWN, name, true);
		if (iati_el_flags(p->el) & EF_TEXT)
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "element %s is not allowed in %s: it holds text "
			    "only", name, p->name);
		p->ext = true;
		return;
	}
	el = iati_el_of(name);
	cr = el == E_UNKNOWN ? NULL : iati_child_rule(p->el, el);
	if (cr != NULL && cr->as != E_UNKNOWN)
		el = cr->as;
	fr = push_frame(r, cr == NULL ? E_UNKNOWN : el, name, cr == NULL);
	if (cr == NULL) {
		iati_err(r, CCS_EINVAL, NULL, fr->line,
		    "element %s is not allowed in %s", name, p->name);
		return;
	}
	if (cr->max != 0 && fr->index > cr->max) {
		iati_err(r, CCS_EINVAL, NULL, fr->line,
		    "more than %u %s in %s", cr->max, name, p->name);
	}
	check_order(r, p, fr, cr);
	if (el == E_ACT && r->nact >= r->o.max_activities) {
		iati_err(r, CCS_ETOOBIG, NULL, fr->line,
		    "more than %zu activities", r->o.max_activities);
		return;
	}
	fr->skip = (iati_el_flags(el) & EF_SKIP) != 0;
	if (fr->skip)
		return;
	read_attrs(r, fr, nattrs, attrs);
	if (iati_el_flags(el) & EF_TEXT)
		ccs_buf_reset(&r->text);
	if (!r->stop)
		iati_build_start(r, fr);
}

/* Trims XML white space from both ends of the text buffer. */
static const char *
trimmed_text(struct iati_rd *r)
{
	const char *s = ccs_buf_str(&r->text);
	size_t len = r->text.len;

	while (len > 0 && strchr(" \t\r\n", s[len - 1]) != NULL)
		len--;
	while (len > 0 && strchr(" \t\r\n", *s) != NULL) {
		s++;
		len--;
	}
	return iati_strndup(r, s, len);
}

static void
on_end(void *ctx, const xmlChar *lname, const xmlChar *prefix,
    const xmlChar *uri)
{
	struct iati_rd *r = ctx;
	struct iati_frame *fr;
	const struct iati_child_rule *cr;
	const char *text = NULL;

	(void)lname;
	(void)prefix;
	(void)uri;
	if (r->stop || r->depth == 0)
		return;
	fr = &r->frames[r->depth - 1];
	if (!fr->skip) {
		for (cr = iati_children; cr->parent != E_UNKNOWN; cr++)
			if (cr->parent == fr->el &&
			    fr->counts[cr->child] < cr->min)
				iati_err(r, CCS_EINVAL, NULL, fr->line,
				    "%s has no %s", fr->name,
				    iati_el_name(cr->child));
		if (iati_el_flags(fr->el) & EF_TEXT)
			text = trimmed_text(r);
		if (text != NULL && !ccs_text_ok(text)) {
			/* what the writer and the JSON encoder accept */
			iati_err(r, CCS_EINVAL, NULL, fr->line, "text has "
			    "control characters other than tab and newline");
			text = NULL;
		}
		if (text != NULL && iati_el_text(fr->el) == K_DEC &&
		    !ccs_iati_decimal_ok(text))
			iati_err(r, CCS_EINVAL, NULL, fr->line,
			    "\"%.40s\" is not a decimal number", text);
		if (!r->stop)
			iati_build_end(r, fr, text);
	}
	r->depth--;
}

static void
on_text(void *ctx, const xmlChar *ch, int len)
{
	struct iati_rd *r = ctx;
	struct iati_frame *fr;
	int i, rc;

	if (r->stop || r->depth == 0)
		return;
	fr = &r->frames[r->depth - 1];
	if (fr->skip)
		return;
	if (iati_el_flags(fr->el) & EF_TEXT) {
		rc = ccs_buf_add(&r->text, ch, (size_t)len);
		if (rc != CCS_OK)
			iati_err(r, rc, NULL, cur_line(r), rc == CCS_ETOOBIG ?
			    "text longer than %zu bytes" : "out of memory",
			    r->o.max_text);
		return;
	}
	for (i = 0; i < len && !fr->text_err; i++)
		if (strchr(" \t\r\n", ch[i]) == NULL) {
			fr->text_err = true;
			iati_err(r, CCS_EINVAL, NULL, cur_line(r),
			    "text is not allowed in %s", fr->name);
		}
}

static void
on_reference(void *ctx, const xmlChar *name)
{
	struct iati_rd *r = ctx;

	iati_err(r, CCS_EINVAL, NULL, cur_line(r),
	    "entity reference &%s; is not allowed", (const char *)name);
	r->stop = true;
	xmlStopParser(r->ctxt);
}

static void
on_dtd(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	struct iati_rd *r = ctx;

	(void)name;
	(void)eid;
	(void)sid;
	iati_err(r, CCS_EINVAL, NULL, cur_line(r),
	    "a DOCTYPE (DTD) is not allowed in an IATI document");
	r->stop = true;
	xmlStopParser(r->ctxt);
}

/*
 * Parser and schema errors: libxml2's message, our path. The schema's
 * errors come with our reader as @p ctx; the parser's come with its
 * user data, which is the schema's plug when one is set, so the reader
 * is found through the parser context instead.
 */
static void
on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct iati_rd *r = ctx;
	char msg[200];

	if (e != NULL && e->domain != XML_FROM_SCHEMASV) {
		if (e->ctxt == NULL)
			return;
		r = ((xmlParserCtxtPtr)e->ctxt)->_private;
		if (r == NULL)
			return;	/* not ours; push() sees the failure */
	}
	size_t len;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	(void)ccs_strlcpy(msg, e->message != NULL ? e->message : "error",
	    sizeof(msg));
	len = strlen(msg);
	while (len > 0 && msg[len - 1] == '\n')
		msg[--len] = '\0';
	iati_err(r, e->domain == XML_FROM_SCHEMASV ? CCS_EINVAL : CCS_EINVAL,
	    NULL, e->line > 0 ? (unsigned long)e->line : cur_line(r),
	    "%s%s", e->domain == XML_FROM_SCHEMASV ? "schema: " : "", msg);
	if (e->domain != XML_FROM_SCHEMASV) {
		/* not well-formed: nothing after it can be trusted */
		r->stop = true;
		if (r->ctxt != NULL)
			xmlStopParser(r->ctxt);
	}
}

static int
locate(void *ctx, const char **file, unsigned long *line)
{
	struct iati_rd *r = ctx;

	*file = NULL;
	*line = cur_line(r);
	return 0;
}

static void
fill_opts(struct ccs_iati_read_opts *o, const struct ccs_iati_read_opts *in)
{
	memset(o, 0, sizeof(*o));
	if (in != NULL)
		*o = *in;
	if (o->max_activities == 0)
		o->max_activities = CCS_IATI_MAX_ACTIVITIES;
	if (o->max_depth == 0 || o->max_depth > MAX_DEPTH_LIMIT)
		o->max_depth = CCS_IATI_MAX_DEPTH;
	if (o->max_text == 0)
		o->max_text = CCS_IATI_MAX_TEXT;
	if (o->max_attrs == 0 || o->max_attrs > MAX_ATTRS_LIMIT)
		o->max_attrs = CCS_IATI_MAX_ATTRS;
	if (o->max_items == 0)
		o->max_items = CCS_IATI_MAX_ITEMS;
	if (o->max_activity == 0)
		o->max_activity = CCS_IATI_MAX_ACTIVITY;
}

/*
 * Pushes @p n bytes. libxml2 reports some failures (an encoding it cannot
 * convert, for one) only in the return value: such a parse has stopped,
 * and must not pass for a short document.
 */
static void
push(struct iati_rd *r, const char *buf, size_t n, bool last)
{
	int prc = xmlParseChunk(r->ctxt, buf, (int)n, last);

	if (prc != 0 && !r->stop) {
		if (r->nerr == 0)
			iati_err(r, CCS_EINVAL, NULL, cur_line(r),
			    "not well-formed XML (libxml2 error %d)", prc);
		r->stop = true;
	}
}

/* The byte source: a FILE or a memory block. */
struct src {
	FILE		*in;	/* or NULL */
	const char	*buf;	/* when in is NULL */
	size_t		 len;	/* bytes left at buf */
};

static int
src_read(struct src *s, char *out, size_t max, size_t *n)
{
	if (s->in == NULL) {
		*n = s->len < max ? s->len : max;
		memcpy(out, s->buf, *n);
		s->buf += *n;
		s->len -= *n;
		return CCS_OK;
	}
	*n = fread(out, 1, max, s->in);
	return ferror(s->in) ? CCS_EIO : CCS_OK;
}

static int
read_src(struct src *s, const struct ccs_iati_read_opts *o,
    ccs_iati_activity_fn fn, void *arg, struct ccs_errlist *errs,
    struct ccs_fail *f)
{
	struct iati_rd r;
	xmlSAXHandler sax, *psax = &sax;
	xmlSchemaValidCtxtPtr vctxt = NULL;
	xmlSchemaSAXPlugPtr plug = NULL;
	void *user = &r;
	char *chunk = NULL;
	size_t n = 0;
	int rc;

	memset(&r, 0, sizeof(r));
	fill_opts(&r.o, o);
	r.fn = fn;
	r.arg = arg;
	r.errs = errs;
	r.f = f;
	ccs_buf_init(&r.text, r.o.max_text);
	r.frames = ccs_calloc(r.o.max_depth + 1, sizeof(*r.frames));
	r.attrs = ccs_calloc(r.o.max_attrs, sizeof(*r.attrs));
	chunk = ccs_malloc(CHUNK);
	rc = CCS_ENOMEM;
	if (r.frames == NULL || r.attrs == NULL || chunk == NULL)
		goto out;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_text;
	sax.reference = on_reference;
	sax.internalSubset = on_dtd;
	sax.externalSubset = on_dtd;
	sax.serror = on_xml_error;
	if (r.o.schema != NULL) {
		vctxt = xmlSchemaNewValidCtxt(r.o.schema->xsd);
		if (vctxt == NULL)
			goto out;
		xmlSchemaSetValidStructuredErrors(vctxt, on_xml_error, &r);
		xmlSchemaValidateSetLocator(vctxt, locate, &r);
		plug = xmlSchemaSAXPlug(vctxt, &psax, &user);
		if (plug == NULL)
			goto out;
	}
	rc = src_read(s, chunk, CHUNK, &n);
	if (rc != CCS_OK)
		goto out;
	/* no bytes yet: errors need _private, set below */
	r.ctxt = xmlCreatePushParserCtxt(psax, user, NULL, 0, NULL);
	rc = CCS_ENOMEM;
	if (r.ctxt == NULL)
		goto out;
	(void)xmlCtxtUseOptions(r.ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES |
	    XML_PARSE_NOCDATA);
	r.ctxt->_private = &r;
	r.ctxt->sax->serror = on_xml_error;
	rc = CCS_OK;
	push(&r, chunk, n, n == 0);
	while (!r.stop && n > 0) {
		rc = src_read(s, chunk, CHUNK, &n);
		if (rc != CCS_OK)
			break;
		push(&r, chunk, n, n == 0);
	}
	if (rc == CCS_OK && r.nerr == 0 && (!r.ctxt->wellFormed ||
	    r.depth != 0))
		iati_err(&r, CCS_EINVAL, NULL, cur_line(&r),
		    "not well-formed XML (the document ends early)");
	if (rc == CCS_OK && !r.stop && r.nerr == 0 && r.nact == 0)
		iati_err(&r, CCS_EINVAL, NULL, cur_line(&r),
		    "not an IATI activities document");
	if (rc == CCS_EIO)
		(void)ccs_fail(f, rc, "iati_io", "reading the document failed");
	else if (r.nerr > 0)
		rc = r.rc;
out:
	if (rc == CCS_ENOMEM && r.nerr == 0)
		(void)ccs_fail(f, rc, "iati_nomem", "out of memory");
	if (plug != NULL)
		(void)xmlSchemaSAXUnplug(plug);
	xmlSchemaFreeValidCtxt(vctxt);
	if (r.ctxt != NULL)
		xmlFreeParserCtxt(r.ctxt);
	iati_arena_free(&r);
	ccs_buf_free(&r.text);
	free(r.frames);
	free(r.attrs);
	free(chunk);
	return rc;
}

int
ccs_iati_read(FILE *in, const struct ccs_iati_read_opts *o,
    ccs_iati_activity_fn fn, void *arg, struct ccs_errlist *errs,
    struct ccs_fail *f)
{
	struct src s = { in, NULL, 0 };

	return read_src(&s, o, fn, arg, errs, f);
}

int
ccs_iati_read_mem(const char *buf, size_t len,
    const struct ccs_iati_read_opts *o, ccs_iati_activity_fn fn, void *arg,
    struct ccs_errlist *errs, struct ccs_fail *f)
{
	struct src s = { NULL, buf, len };

	return read_src(&s, o, fn, arg, errs, f);
}

/* The schema parser's first error, kept for the one message we give. */
static void
on_schema_error(void *ctx, xmlErrorPtr e)
{
	char *first = ctx;
	size_t len;

	if (first[0] != '\0' || e == NULL || e->message == NULL ||
	    e->level == XML_ERR_WARNING)
		return;
	(void)ccs_strlcpy(first, e->message, 200);
	len = strlen(first);
	while (len > 0 && first[len - 1] == '\n')
		first[--len] = '\0';
}

int
ccs_iati_schema_load(const char *path, struct ccs_iati_schema **out,
    struct ccs_fail *f)
{
	xmlSchemaParserCtxtPtr pc = NULL;
	struct ccs_iati_schema *s = NULL;
	char first[200] = "";
	FILE *probe;
	int rc = CCS_ENOMEM;

	*out = NULL;
	/* a clear reason for a missing file, before libxml2 tries it */
	probe = fopen(path, "rb");
	if (probe == NULL) {
		(void)ccs_fail(f, CCS_EIO, "iati_schema", "%s: %s", path,
		    strerror(errno));
		return CCS_EIO;
	}
	fclose(probe);
	s = ccs_calloc(1, sizeof(*s));
	if (s == NULL)
		goto fail;
	pc = xmlSchemaNewParserCtxt(path);
	if (pc == NULL)
		goto fail;
	/* quiet: a bad schema is reported once, below */
	xmlSchemaSetParserStructuredErrors(pc, on_schema_error, first);
	s->xsd = xmlSchemaParse(pc);
	rc = CCS_EIO;
	if (s->xsd == NULL) {
		(void)ccs_fail(f, rc, "iati_schema",
		    "%s: not a readable XML schema%s%s", path,
		    first[0] != '\0' ? ": " : "", first);
		goto fail;
	}
	xmlSchemaFreeParserCtxt(pc);
	*out = s;
	return CCS_OK;
fail:
	if (rc == CCS_ENOMEM)
		(void)ccs_fail(f, rc, "iati_nomem", "out of memory");
	xmlSchemaFreeParserCtxt(pc);
	free(s);
	return rc;
}

void
ccs_iati_schema_free(struct ccs_iati_schema *s)
{
	if (s == NULL)
		return;
	xmlSchemaFree(s->xsd);
	free(s);
}
