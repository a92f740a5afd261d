/*
 * vocab.h: the closed word lists of the plan's records (roles, categories,
 * kinds, statuses, severities, GCI pillars, CMM dimensions), each with the
 * words people read. This is the one copy: services validate input with
 * it, and GET /api/v1/vocabularies serves it to the pages. The RSIT
 * taxonomy, sectors and crime links are data (data/seed/sharing.json) and
 * are served beside these. Pure: no I/O, no allocation.
 */
#ifndef CCS_CORE_VOCAB_H
#define CCS_CORE_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

/** One word of a vocabulary. */
struct ccs_word {
	const char	*key;		/* stored and sent in the API */
	const char	*name;		/* read by people, sentence case */
	const char	*plural;	/* heading of a group, or NULL */
};

/** A closed list of words, in the order pages list them. */
struct ccs_vocab {
	const char		*name;	/* "contact_roles" */
	const struct ccs_word	*words;	/* static */
	size_t			 nwords;
};

/** Contact roles in the directory (NCPOC, 24/7 e-evidence contact...). */
extern const struct ccs_vocab ccs_contact_roles;
/** The plan's four recommended NCPOC categories, and "other". */
extern const struct ccs_vocab ccs_ncpoc_categories;
/** Kinds of organisations. */
extern const struct ccs_vocab ccs_org_kinds;
/** Account roles (core/policy.h's enum ccs_role without "anonymous"). */
extern const struct ccs_vocab ccs_user_roles;
/** A state's status in CARICOM (member, associate, participant). */
extern const struct ccs_vocab ccs_state_statuses;
/** ITU Global Cybersecurity Index pillars. */
extern const struct ccs_vocab ccs_gci_pillars;
/** Oxford Cybersecurity Capacity Maturity Model dimensions. */
extern const struct ccs_vocab ccs_cmm_dimensions;

/** Every vocabulary above and core/incident.h's, for the API; static. */
extern const struct ccs_vocab *const ccs_vocabs[];
/** Number of entries of ccs_vocabs. */
extern const size_t ccs_nvocabs;

/**
 * @param v a vocabulary
 * @param key a key, may be NULL
 * @return the word with key @p key (borrowed, static), or NULL
 */
const struct ccs_word *ccs_vocab_word(const struct ccs_vocab *v,
	    const char *key);

/** @return whether @p key is a key of @p v (false for NULL). */
bool	ccs_vocab_has(const struct ccs_vocab *v, const char *key);

#endif
