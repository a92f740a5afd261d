/*
 * tls.h: the certificate and key of direct TLS (conf tls_cert, tls_key),
 * read from their PEM files and checked with GnuTLS before libmicrohttpd
 * is given them, so a bad file is an error naming it rather than a daemon
 * that does not start.
 */
#ifndef CCS_TLS_H
#define CCS_TLS_H

#include <stddef.h>

/** One certificate chain and its private key, both PEM, NUL-ended. */
struct ccs_tls_pair {
	char	*cert;		/* PEM chain */
	char	*key;		/* PEM private key, wiped when freed */
	size_t	 key_len;	/* bytes of key */
};

/**
 * Reads and checks @p cert_path and @p key_path: each must parse, and the
 * key must be the certificate's. @return CCS_OK with @p out filled (free
 * with ccs_tls_pair_free), or an error with the file named in @p err.
 */
int	ccs_tls_pair_load(const char *cert_path, const char *key_path,
	    struct ccs_tls_pair *out, char *err, size_t errlen);
/** Wipes the key and frees both; a zeroed pair is a no-op. */
void	ccs_tls_pair_free(struct ccs_tls_pair *p);

#endif
