/*
 * report_keys.h: the keyring that seals public reports at rest. A key
 * file outside the database (report_key_file in the configuration, mode
 * 0600) holds one line per key, "ID HEX64"; the highest id seals new
 * data and every id still opens what it sealed, so a key is rotated by
 * adding one and re-sealing (ccscap report-keys rotate, REPORTING.md).
 */
#ifndef CCS_SVC_REPORTING_REPORT_KEYS_H
#define CCS_SVC_REPORTING_REPORT_KEYS_H

#include <stddef.h>
#include <stdint.h>

#define CCS_REPORT_KEYS_MAX	16	/* keys one keyring holds */
#define CCS_REPORT_HASH_HEX	65	/* hex BLAKE2b-256 + NUL */

struct ccs_report_keys;

/**
 * Loads the keyring at @p path; with @p create, a missing file is created
 * (0600, O_EXCL) with one new key, id 1.
 * @return CCS_OK with *out (free with ccs_report_keys_free), CCS_EIO when
 * the file cannot be read or created, CCS_EINVAL when malformed; @p err
 * (may be NULL) gets the reason
 */
int	ccs_report_keys_load(const char *path, int create,
	    struct ccs_report_keys **out /* OUT */, char *err, size_t errlen);

/** A keyring of one given key @p key (32 bytes) with id @p id, for tests
 * and tools; NULL when out of memory. */
struct ccs_report_keys *ccs_report_keys_from(int64_t id,
	    const unsigned char *key);

/** Wipes and frees; NULL is a no-op. */
void	ccs_report_keys_free(struct ccs_report_keys *k);

/** The id of the key that seals new data. */
int64_t	ccs_report_keys_current(const struct ccs_report_keys *k);

/**
 * Appends a new random key (id = current + 1) to the file at @p path and
 * to @p k, and fsyncs the file before returning.
 * @return CCS_OK, CCS_EIO, or CCS_ETOOBIG when the keyring is full
 */
int	ccs_report_keys_add(struct ccs_report_keys *k, const char *path);

/**
 * Seals @p n bytes with the current key, bound to @p ad (the report's
 * reference, so a sealed body cannot be moved to another report).
 * @param out OUT: new base64 text, caller frees with free()
 * @param key_id OUT: the key used
 * @return CCS_OK or CCS_ENOMEM
 */
int	ccs_report_seal(const struct ccs_report_keys *k, const char *ad,
	    const void *in, size_t n, char **out /* OUT */,
	    int64_t *key_id /* OUT */);

/**
 * Opens what ccs_report_seal made with key @p key_id and the same @p ad.
 * @param out OUT: new NUL-terminated plaintext, caller frees with free()
 * @return CCS_OK, CCS_ECORRUPT (forged, other key or ad, unknown key id)
 * or CCS_ENOMEM
 */
int	ccs_report_open(const struct ccs_report_keys *k, int64_t key_id,
	    const char *ad, const char *in, char **out /* OUT */,
	    size_t *n /* OUT */);

/**
 * Keyed hash (BLAKE2b-256 under a subkey of key 1, which is never
 * retired) of @p purpose and @p n bytes, as hex: addresses for rate
 * limits, duplicate fingerprints. Keyed so that a reader of the database
 * cannot test guesses of an address.
 */
void	ccs_report_keyed_hash(const struct ccs_report_keys *k,
	    const char *purpose, const void *in, size_t n,
	    char out[CCS_REPORT_HASH_HEX]);

/** The same subkey for other MACs (signed challenges): 32 bytes of key
 * derived for @p purpose (at most 8 characters, padded). */
void	ccs_report_subkey(const struct ccs_report_keys *k, const char *purpose,
	    unsigned char out[32]);

#endif
