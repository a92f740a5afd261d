/*
 * clusters_key.c: bundling keys of suspect identifiers.
 *
 * Reporters write identifiers as they saw them: "(876) 555-0123",
 * "hxxps://Evil[.]example/pay#top", "Scammer@Example.COM". The indicator
 * rules already turn each of those into one canonical form; this file
 * picks the type for a reported kind (a wallet is tried as Bitcoin, then
 * Ethereum) and prefixes the kind, so a phone number and a URL can never
 * share a key. Non-goal: fuzzy matching (near-identical URLs stay apart).
 */
#include <string.h>

#include "core/reporting/clusters_key.h"
#include "util/err.h"
#include "util/str.h"

/* One reported kind and the indicator types tried for it, in order. */
static const struct {
	const char		*kind;		/* as reports name it */
	enum ccs_ind_type	 types[2];	/* tried in order */
	size_t			 ntypes;	/* used in types */
} kinds[] = {
	{ "url", { CCS_IND_URL, CCS_IND_URL }, 1 },
	{ "email", { CCS_IND_EMAIL, CCS_IND_EMAIL }, 1 },
	{ "phone", { CCS_IND_PHONE, CCS_IND_PHONE }, 1 },
	{ "wallet", { CCS_IND_BTC, CCS_IND_ETH }, 2 },
};

int
ccs_bundle_key(const char *kind, const char *value, char *key,
    size_t keylen, enum ccs_ind_type *type, char *canon)
{
	char norm[CCS_IND_VALUE_MAX], match[CCS_IND_VALUE_MAX];
	size_t i, j;
	int rc = CCS_EINVAL;

	if (keylen > 0)
		key[0] = '\0';
	if (kind == NULL || value == NULL || keylen == 0)
		return CCS_EINVAL;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (strcmp(kinds[i].kind, kind) == 0)
			break;
	}
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return CCS_EINVAL;
	for (j = 0; j < kinds[i].ntypes; j++) {
		rc = ccs_ind_normalise(kinds[i].types[j], value, norm,
		    sizeof(norm), NULL);
		if (rc == CCS_OK || rc == CCS_ENOMEM)
			break;
	}
	if (rc != CCS_OK)
		return rc;
	if (kinds[i].types[j] == CCS_IND_EMAIL) {
		rc = ccs_ind_email_key(norm, match, sizeof(match));
		if (rc != CCS_OK)
			return rc;
	} else if (ccs_strlcpy(match, norm, sizeof(match)) != CCS_OK) {
		return CCS_ETOOBIG;
	}
	if (ccs_snprintf(key, keylen, "%s:%s", kind, match) != CCS_OK) {
		key[0] = '\0';
		return CCS_ETOOBIG;
	}
	if (type != NULL)
		*type = kinds[i].types[j];
	if (canon != NULL)
		memcpy(canon, norm, strlen(norm) + 1);
	return CCS_OK;
}
