/*
 * tlp_keys.c: reader keys of a marking and of a principal (see tlp_keys.h).
 * Each case below mirrors one branch of may_read() in tlp.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/tlp_keys.h"

/* Emits @p prefix followed by @p item; items that cannot fit a key are
 * members of nothing (tlp.c compares whole items) and emit nothing. */
static int
emit(ccs_tlp_key_fn fn, void *arg, const char *prefix, const char *item,
    size_t len)
{
	char key[CCS_TLP_KEY_MAX + 1];
	size_t plen = strlen(prefix);

	if (len == 0 || plen + len > CCS_TLP_KEY_MAX)
		return 0;
	memcpy(key, prefix, plen);
	memcpy(key + plen, item, len);
	key[plen + len] = '\0';
	return fn(arg, key);
}

static int
emit_id(ccs_tlp_key_fn fn, void *arg, const char *prefix, int64_t id)
{
	char s[24];
	int n;

	if (id <= 0)
		return 0;
	n = snprintf(s, sizeof(s), "%" PRId64, id);
	return emit(fn, arg, prefix, s, (size_t)n);
}

/* Each item of a comma list (",JM,BB,") as ccs_tlp_list_has reads it:
 * the text between two commas. */
static int
emit_list(ccs_tlp_key_fn fn, void *arg, const char *prefix,
    const char *list)
{
	const char *p, *comma;
	int rc;

	p = list != NULL ? strchr(list, ',') : NULL;
	if (p == NULL)
		return 0;
	for (p++; (comma = strchr(p, ',')) != NULL; p = comma + 1) {
		rc = emit(fn, arg, prefix, p, (size_t)(comma - p));
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* The author and the source organisation. */
static int
emit_source(const struct ccs_marking *m, ccs_tlp_key_fn fn, void *arg)
{
	int rc = emit_id(fn, arg, "u:", m->author);

	return rc != 0 ? rc : emit_id(fn, arg, "o:", m->src_org);
}

int
ccs_tlp_marking_keys(const struct ccs_marking *m, ccs_tlp_key_fn fn,
    void *arg)
{
	int rc;

	switch (m->tlp) {
	case CCS_TLP_CLEAR:
		return fn(arg, "*");
	case CCS_TLP_GREEN:
		return fn(arg, "m");
	case CCS_TLP_AMBER:
		rc = emit_source(m, fn, arg);
		if (rc == 0)
			rc = fn(arg, "r");
		if (rc == 0 && m->src_state != NULL)
			rc = emit(fn, arg, "s:", m->src_state,
			    strlen(m->src_state));
		if (rc == 0)
			rc = emit_list(fn, arg, "s:", m->states);
		return rc != 0 ? rc : emit_list(fn, arg, "o:", m->orgs);
	case CCS_TLP_AMBER_STRICT:
		rc = emit_source(m, fn, arg);
		return rc != 0 ? rc : fn(arg, "r");
	case CCS_TLP_RED:
		rc = emit_id(fn, arg, "u:", m->author);
		return rc != 0 ? rc : emit_list(fn, arg, "u:", m->recipients);
	}
	return 0;	/* an unknown level grants nothing */
}

int
ccs_tlp_principal_keys(const struct ccs_principal *p, ccs_tlp_key_fn fn,
    void *arg)
{
	int rc;

	rc = fn(arg, "*");
	if (rc != 0 || p->role == CCS_ROLE_ANONYMOUS)
		return rc;
	rc = fn(arg, "m");
	if (rc == 0 && ccs_tlp_is_rifc(p))
		rc = fn(arg, "r");
	if (rc == 0)
		rc = emit_id(fn, arg, "u:", p->user_id);
	if (rc == 0)
		rc = emit_id(fn, arg, "o:", p->org_id);
	if (rc == 0)
		rc = emit(fn, arg, "s:", p->state, strnlen(p->state,
		    sizeof(p->state)));
	return rc;
}
