/*
 * i18n.h: translations of the public pages (en, fr, nl, es) from the GNU
 * gettext catalogues of po/, compiled by msgfmt at build time and
 * embedded in the binary as "po/LANG.mo". Read once at startup into an
 * immutable table, so worker threads translate without locale state
 * (setlocale and LANGUAGE are process-wide and need generated locales:
 * docs/internals/I18N.md explains the choice).
 */
#ifndef CCS_I18N_H
#define CCS_I18N_H

#include <stddef.h>

#define CCS_I18N_NLANGS		4	/* en, fr, nl, es */
#define CCS_I18N_MO_MAX		((size_t)4 << 20)	/* bytes of one .mo */
#define CCS_I18N_ACCEPT_MAX	1024	/* bytes of Accept-Language read */
#define CCS_I18N_ACCEPT_ITEMS	32	/* language ranges considered */

struct ccs_i18n;

/** The supported codes, "en" first (the msgid language), NULL ended. */
extern const char *const ccs_i18n_langs[];

/**
 * Loads the embedded catalogues (po/fr.mo, po/nl.mo, po/es.mo).
 * @param out OUT: new table, free with ccs_i18n_free
 * @return CCS_OK, CCS_ENOMEM, CCS_ENOTFOUND (a catalogue is not
 * embedded) or CCS_ECORRUPT (a catalogue fails the checks of
 * ccs_i18n_add_mo); @p err (may be NULL) names the catalogue
 */
int	ccs_i18n_new(struct ccs_i18n **out /* OUT */, char *err,
	    size_t errlen);

/** An empty table (every lookup gives the msgid); NULL when out of
 * memory. For tests and tools that add their own catalogues. */
struct ccs_i18n *ccs_i18n_empty(void);

/**
 * Parses the GNU .mo catalogue @p mo (@p len bytes, borrowed: it must
 * outlive @p t, as embedded assets do) as the catalogue of @p lang.
 * Bounded: every offset and length is checked against @p len, every
 * string must end in NUL inside the file, originals must be sorted (as
 * msgfmt writes them) so lookups are a binary search; either byte order.
 * @return CCS_OK, CCS_EINVAL (unknown @p lang) or CCS_ECORRUPT
 */
int	ccs_i18n_add_mo(struct ccs_i18n *t, const char *lang,
	    const unsigned char *mo, size_t len);

/** Frees; NULL is a no-op. */
void	ccs_i18n_free(struct ccs_i18n *t);

/**
 * The language of a page: @p query (the ?lang= value) when it is a
 * supported code, else the best supported range of @p accept (an
 * Accept-Language header: q-values honoured, q=0 excluded, "fr-HT"
 * matches "fr", at most CCS_I18N_ACCEPT_MAX bytes and
 * CCS_I18N_ACCEPT_ITEMS ranges read), else "en". Both may be NULL.
 * @return a borrowed static string from ccs_i18n_langs
 */
const char *ccs_i18n_pick(const char *query, const char *accept);

/** Whether @p lang is a supported code. */
int	ccs_i18n_known(const char *lang);

/**
 * The translation of @p msgid in @p lang, or @p msgid itself for "en",
 * an unknown language or an untranslated message.
 * @return borrowed: from @p t's catalogue or @p msgid
 */
const char *ccs_i18n_tr(const struct ccs_i18n *t, const char *lang,
	    const char *msgid);

/** The name of @p lang in that language ("Français"); borrowed. */
const char *ccs_i18n_name(const char *lang);

#endif
