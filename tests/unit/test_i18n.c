/*
 * test_i18n.c: the translations of the public pages (util/i18n.c). The
 * embedded catalogues give French, Dutch and Spanish with the process in
 * the C locale (no fr_FR, nl_NL or es_ES locale is needed); the language
 * is picked from ?lang= then Accept-Language with q-values; a damaged
 * .mo is refused rather than read out of bounds.
 */
#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/asset.h"
#include "util/err.h"
#include "util/i18n.h"

static void
test_embedded_catalogues_in_c_locale(void **state)
{
	struct ccs_i18n *t = NULL;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_int_equal(ccs_i18n_new(&t, NULL, 0), CCS_OK);
	assert_string_equal(ccs_i18n_tr(t, "fr", "Report a cybercrime"),
	    "Signaler un acte de cybercriminalit\xc3\xa9");
	assert_string_equal(ccs_i18n_tr(t, "nl", "Report a cybercrime"),
	    "Cybercriminaliteit melden");
	assert_string_equal(ccs_i18n_tr(t, "es", "Report a cybercrime"),
	    "Denunciar un delito cibern\xc3\xa9tico");
	assert_string_equal(ccs_i18n_tr(t, "es", "Fraud and scams"),
	    "Fraudes y estafas");
	/* English, unknown languages and unknown messages give the msgid. */
	assert_string_equal(ccs_i18n_tr(t, "en", "Report a cybercrime"),
	    "Report a cybercrime");
	assert_string_equal(ccs_i18n_tr(t, "de", "Report a cybercrime"),
	    "Report a cybercrime");
	assert_string_equal(ccs_i18n_tr(t, "fr", "No such message"),
	    "No such message");
	/* The header entry (msgid "") is never a translation. */
	assert_string_equal(ccs_i18n_tr(t, "fr", ""), "");
	/* TLP labels stay English: they are not in the catalogues. */
	assert_string_equal(ccs_i18n_tr(t, "fr", "TLP:AMBER"), "TLP:AMBER");
	ccs_i18n_free(t);
}

static void
test_pick(void **state)
{
	(void)state;
	assert_string_equal(ccs_i18n_pick(NULL, NULL), "en");
	assert_string_equal(ccs_i18n_pick("es", "fr"), "es");
	assert_string_equal(ccs_i18n_pick("de", "nl"), "nl");
	assert_string_equal(ccs_i18n_pick(NULL, "fr-HT,fr;q=0.9,en;q=0.8"),
	    "fr");
	assert_string_equal(ccs_i18n_pick(NULL, "de, es;q=0.5, nl;q=0.7"),
	    "nl");
	assert_string_equal(ccs_i18n_pick(NULL, "ES-do"), "es");
	assert_string_equal(ccs_i18n_pick(NULL, "fr;q=0, es;q=0.1"), "es");
	assert_string_equal(ccs_i18n_pick(NULL, "fr;q=0"), "en");
	assert_string_equal(ccs_i18n_pick(NULL, "fr;q=2, nl;q=abc"), "en");
	assert_string_equal(ccs_i18n_pick(NULL, "pt-BR, *;q=0.1"), "en");
	assert_string_equal(ccs_i18n_pick(NULL, " , ;q=1, fra, f"), "en");
	assert_string_equal(ccs_i18n_pick(NULL, "en;q=0.5, nl"), "nl");
}

static void
test_pick_bounded(void **state)
{
	char *h = malloc(CCS_I18N_ACCEPT_MAX * 4);
	size_t i;

	(void)state;
	assert_non_null(h);
	/* Past CCS_I18N_ACCEPT_ITEMS ranges nothing more is read. */
	for (i = 0; i < CCS_I18N_ACCEPT_ITEMS; i++)
		memcpy(h + 3 * i, "de,", 3);
	memcpy(h + 3 * i, "fr", 3);
	assert_string_equal(ccs_i18n_pick(NULL, h), "en");
	/* Past CCS_I18N_ACCEPT_MAX bytes nothing more is read. */
	memset(h, ' ', CCS_I18N_ACCEPT_MAX * 2);
	memcpy(h + CCS_I18N_ACCEPT_MAX * 2, "es", 3);
	assert_string_equal(ccs_i18n_pick(NULL, h), "en");
	free(h);
}

static void
test_damaged_mo_refused(void **state)
{
	const struct ccs_asset *a = ccs_asset_find("po/fr.mo");
	struct ccs_i18n *t = ccs_i18n_empty();
	unsigned char *copy;
	char *cut;
	size_t i;

	(void)state;
	assert_non_null(a);
	assert_non_null(t);
	copy = malloc(a->len);
	assert_non_null(copy);
	assert_int_equal(ccs_i18n_add_mo(t, "xx", a->data, a->len),
	    CCS_EINVAL);
	/* Every truncation is refused, never read past the end. */
	for (i = 0; i < a->len; i += 7) {
		cut = malloc(i + 1);
		assert_non_null(cut);
		memcpy(cut, a->data, i);
		assert_int_equal(ccs_i18n_add_mo(t, "fr",
		    (const unsigned char *)cut, i), CCS_ECORRUPT);
		free(cut);
	}
	/* A wrong magic, a huge count, an offset past the end. */
	memcpy(copy, a->data, a->len);
	copy[0] ^= 0xff;
	assert_int_equal(ccs_i18n_add_mo(t, "fr", copy, a->len), CCS_ECORRUPT);
	memcpy(copy, a->data, a->len);
	copy[11] = 0x7f;
	assert_int_equal(ccs_i18n_add_mo(t, "fr", copy, a->len), CCS_ECORRUPT);
	memcpy(copy, a->data, a->len);
	copy[15] = 0x7f;
	assert_int_equal(ccs_i18n_add_mo(t, "fr", copy, a->len), CCS_ECORRUPT);
	/* The intact file is accepted, and is then what "fr" reads. */
	assert_int_equal(ccs_i18n_add_mo(t, "fr", a->data, a->len), CCS_OK);
	assert_string_equal(ccs_i18n_tr(t, "fr", "Language"), "Langue");
	assert_string_equal(ccs_i18n_tr(t, "nl", "Language"), "Language");
	free(copy);
	ccs_i18n_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_embedded_catalogues_in_c_locale),
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_pick_bounded),
		cmocka_unit_test(test_damaged_mo_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
