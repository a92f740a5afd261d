/*
 * tlp.c: TLP 2.0 as the policy of shared records (see tlp.h for the rules).
 *
 * The marking is resolved when a record is created (sharing communities
 * become organisation and state lists, recipients become user ids), so the
 * decision here needs nothing but the marking and the principal, and the
 * same function serves reads, lists, search, export and correlation.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/tlp.h"

static const char *const tlp_names[CCS_TLP_NLEVELS] = {
	"clear", "green", "amber", "amber+strict", "red"
};

bool
ccs_tlp_parse(const char *name, enum ccs_tlp *out)
{
	size_t i;

	if (name == NULL)
		return false;
	if (strncasecmp(name, "tlp:", 4) == 0)
		name += 4;
	if (strcasecmp(name, "white") == 0) {
		*out = CCS_TLP_CLEAR;
		return true;
	}
	for (i = 0; i < CCS_TLP_NLEVELS; i++) {
		if (strcasecmp(name, tlp_names[i]) == 0) {
			*out = (enum ccs_tlp)i;
			return true;
		}
	}
	return false;
}

const char *
ccs_tlp_name(enum ccs_tlp tlp)
{
	if ((unsigned)tlp >= CCS_TLP_NLEVELS)
		return "red";
	return tlp_names[tlp];
}

bool
ccs_tlp_is_rifc(const struct ccs_principal *p)
{
	return p != NULL && p->role == CCS_ROLE_RIFC_ANALYST;
}

bool
ccs_tlp_list_has(const char *list, const char *item)
{
	const char *hit;
	size_t n;

	if (list == NULL || item == NULL || item[0] == '\0' ||
	    strchr(item, ',') != NULL)
		return false;
	n = strlen(item);
	for (hit = strstr(list, item); hit != NULL;
	    hit = strstr(hit + 1, item)) {
		if (hit > list && hit[-1] == ',' && hit[n] == ',')
			return true;
	}
	return false;
}

static bool
list_has_id(const char *list, int64_t id)
{
	char s[24];

	if (id <= 0)
		return false;
	(void)snprintf(s, sizeof(s), "%" PRId64, id);
	return ccs_tlp_list_has(list, s);
}

/* The author, or a member of the source organisation. */
static bool
is_source(const struct ccs_principal *p, const struct ccs_marking *m)
{
	if (p->user_id > 0 && m->author == p->user_id)
		return true;
	return m->src_org > 0 && p->org_id == m->src_org;
}

static bool
may_read(const struct ccs_principal *p, const struct ccs_marking *m)
{
	bool member = p->role != CCS_ROLE_ANONYMOUS;

	switch (m->tlp) {
	case CCS_TLP_CLEAR:
		return true;
	case CCS_TLP_GREEN:
		return member;
	case CCS_TLP_AMBER:
		if (!member)
			return false;
		if (is_source(p, m) || ccs_tlp_is_rifc(p))
			return true;
		if (p->state[0] != '\0' && m->src_state != NULL &&
		    strcmp(p->state, m->src_state) == 0)
			return true;
		if (p->state[0] != '\0' && ccs_tlp_list_has(m->states,
		    p->state))
			return true;
		return list_has_id(m->orgs, p->org_id);
	case CCS_TLP_AMBER_STRICT:
		return member && (is_source(p, m) || ccs_tlp_is_rifc(p));
	case CCS_TLP_RED:
		if (!member || p->user_id <= 0)
			return false;
		return m->author == p->user_id ||
		    list_has_id(m->recipients, p->user_id);
	}
	return false;
}

enum ccs_tlp_view
ccs_tlp_view(const struct ccs_principal *p, const struct ccs_marking *m)
{
	if (p == NULL || m == NULL)
		return CCS_TLP_NONE;
	if (may_read(p, m))
		return CCS_TLP_FULL;
	if (m->tlp == CCS_TLP_RED || p->role == CCS_ROLE_ANONYMOUS)
		return CCS_TLP_NONE;
	return CCS_TLP_EXISTS;
}

bool
ccs_tlp_may_read(const struct ccs_principal *p, const struct ccs_marking *m)
{
	return ccs_tlp_view(p, m) == CCS_TLP_FULL;
}
