/*
 * ind_words.c: the words of the indicator list's q that the trigram
 * index of the values finds (ind_words.h).
 */
#include <string.h>

#include "svc/sharing/ind_words.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define TRI_RUN		3	/* characters of a trigram */
#define TRI_PROBE	1000	/* values past which the walk is cheaper */

#define FOUND	"SELECT rowid FROM ind_values_tri WHERE value LIKE $%zu " \
	"UNION SELECT rowid FROM ind_values_tri WHERE type LIKE $%zu"

/* Whether @p n bytes at @p w hold TRI_RUN characters in a row that are
 * not LIKE wildcards (else FTS5 has no trigram to look up). */
static bool
has_trigram(const char *w, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		if (w[i] == '%' || w[i] == '_')
			run = 0;
		else if (((unsigned char)w[i] & 0xc0) != 0x80)
			run++;
		if (run >= TRI_RUN)
			return true;
	}
	return false;
}

/*
 * "%word%" (unescaped: FTS5's LIKE has no ESCAPE), or NULL. Two NULs end
 * it: SQLite 3.40's FTS5 (sqlite3Fts5ExprPattern) takes a LIKE pattern's
 * terminating NUL for its "[" and reads the byte after it, which
 * valgrind reports when that byte is past the block.
 */
static char *
pattern_of(const char *w, size_t n)
{
	size_t len;
	char *p;

	if (!ccs_add_sz(n, 4, &len))
		return NULL;
	p = ccs_malloc(len);
	if (p == NULL)
		return NULL;
	p[0] = '%';
	memcpy(p + 1, w, n);
	p[n + 1] = '%';
	p[n + 2] = '\0';
	p[n + 3] = '\0';
	return p;
}

/* Whether the index finds fewer than TRI_PROBE values for @p pat. Each
 * side is counted on its own: a LIMIT over the UNION reads it whole. */
static int
selective(struct ccs_db *db, const char *pat, bool *yes)
{
	struct ccs_val v[2] = { CCS_VTEXT(pat), CCS_VINT(TRI_PROBE) };
	int64_t n = 0;
	int rc;

	rc = ccs_db_query_int(db, "SELECT (SELECT COUNT(*) FROM (SELECT "
	    "rowid FROM ind_values_tri WHERE value LIKE $1 LIMIT $2) a) + "
	    "(SELECT COUNT(*) FROM (SELECT rowid FROM ind_values_tri WHERE "
	    "type LIKE $1 LIMIT $2) b)", v, 2, &n);
	*yes = rc == CCS_OK && n < TRI_PROBE;
	return rc;
}

int
ccs_ind_words_plan(struct ccs_db *db, const char *q,
    struct ccs_ind_words *w)
{
	const char *s = q != NULL ? q : "", *e;
	size_t i = 0, n;
	bool yes;
	int rc = CCS_OK;

	memset(w, 0, sizeof(*w));
	if (!ccs_streq(ccs_db_backend(db), "sqlite"))
		return CCS_OK;
	while (rc == CCS_OK && *s != '\0' && i < CCS_KEYSET_WORDS) {
		if (*s == ' ') {
			s++;
			continue;
		}
		e = strchr(s, ' ');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		if (has_trigram(s, n)) {
			w->pat[i] = pattern_of(s, n);
			if (w->pat[i] == NULL)
				rc = CCS_ENOMEM;
		}
		if (rc == CCS_OK && w->pat[i] != NULL)
			rc = selective(db, w->pat[i], &yes);
		if (rc == CCS_OK && w->pat[i] != NULL && !yes) {
			free(w->pat[i]);
			w->pat[i] = NULL;
		}
		s += n;
		i++;
	}
	if (rc != CCS_OK)
		ccs_ind_words_free(w);
	return rc;
}

void
ccs_ind_words_free(struct ccs_ind_words *w)
{
	size_t i;

	for (i = 0; i < CCS_KEYSET_WORDS; i++) {
		free(w->pat[i]);
		w->pat[i] = NULL;
	}
}

int
ccs_ind_words_where(const struct ccs_ind_words *w, const char *vid,
    struct ccs_buf *sql, struct ccs_val *params, size_t *np, size_t cap)
{
	size_t i;
	int rc = CCS_OK;

	for (i = 0; rc == CCS_OK && i < CCS_KEYSET_WORDS; i++) {
		if (w == NULL || w->pat[i] == NULL)
			continue;
		if (*np == cap)
			return CCS_ETOOBIG;
		params[(*np)++] = CCS_VTEXT(w->pat[i]);
		rc = ccs_buf_printf(sql, " AND %s IN (" FOUND ")", vid, *np,
		    *np);
	}
	return rc;
}
