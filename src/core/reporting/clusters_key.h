/*
 * clusters_key.h: the bundling key of a suspect identifier named in a
 * public report. Two reports that name the same URL, e-mail address,
 * phone number or wallet, however each reporter spelt it, get the same
 * key and so fall in one cluster (NCMEC's bundling of one viral event).
 * The canonical forms are core/indicator's, so the key is also the value
 * of the indicator the report becomes when it is converted.
 * Pure: no I/O, no clock, no global state.
 */
#ifndef CCS_CORE_CLUSTERS_KEY_H
#define CCS_CORE_CLUSTERS_KEY_H

#include <stddef.h>

#include "core/indicator/indicator.h"

/** Bytes of a key buffer that holds any key with its NUL. */
#define CCS_BUNDLE_KEY_MAX	(CCS_IND_VALUE_MAX + 8)

/**
 * The bundling key of identifier @p value of kind @p kind ("url",
 * "email", "phone", "wallet"; a Bitcoin or Ethereum address).
 * @param key OUT: "kind:canonical" (e-mail in lower case), NUL-terminated,
 *            "" on failure; @p keylen bytes (CCS_BUNDLE_KEY_MAX suffices)
 * @param type OUT, may be NULL: the indicator type of the value
 * @param canon OUT, may be NULL: the canonical value (CCS_IND_VALUE_MAX)
 * @return CCS_OK; CCS_EINVAL when the kind is not bundled or the value is
 *         not a valid identifier of that kind; CCS_ETOOBIG; CCS_ENOMEM
 *         (libidn2), which a caller must not take for "invalid".
 */
int	ccs_bundle_key(const char *kind, const char *value, char *key,
	    size_t keylen, enum ccs_ind_type *type /* OUT */,
	    char *canon /* OUT */);

#endif
