/*
 * tls.c: loading the PEM certificate chain and key of direct TLS. Both
 * files are read whole (bounded), parsed by GnuTLS on their own so the
 * error names the file at fault, then together, which is how a key that
 * is not the certificate's is caught. libmicrohttpd gets the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <sodium.h>

#include "http/tls.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define PEM_MAX	(256 * 1024)	/* a long chain is a few KiB */

/* Reads @p path whole into a NUL-ended buffer of at most PEM_MAX bytes. */
static int
read_pem(const char *what, const char *path, char **out, size_t *len,
    char *err, size_t errlen)
{
	FILE *f;
	char *buf;
	size_t n;

	*out = NULL;
	f = fopen(path, "rb");
	if (f == NULL) {
		(void)ccs_snprintf(err, errlen, "%s %s: cannot open", what,
		    path);
		return CCS_EIO;
	}
	buf = ccs_malloc(PEM_MAX + 1);
	if (buf == NULL) {
		fclose(f);
		return CCS_ENOMEM;
	}
	n = fread(buf, 1, PEM_MAX + 1, f);
	if (ferror(f) || n == 0 || n > PEM_MAX) {
		(void)ccs_snprintf(err, errlen, "%s %s: %s", what, path,
		    ferror(f) ? "read error" : n == 0 ? "empty file" :
		    "larger than 256 KiB");
		fclose(f);
		sodium_memzero(buf, PEM_MAX + 1);
		free(buf);
		return CCS_EINVAL;
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return CCS_OK;
}

static int
check_cert(const char *path, const char *pem, size_t len, char *err,
    size_t errlen)
{
	gnutls_x509_crt_t *crts = NULL;
	gnutls_datum_t d = { (unsigned char *)(uintptr_t)pem,
	    (unsigned)len };
	unsigned i, n = 0;
	int rc;

	rc = gnutls_x509_crt_list_import2(&crts, &n, &d, GNUTLS_X509_FMT_PEM,
	    GNUTLS_X509_CRT_LIST_FAIL_IF_UNSORTED);
	if (rc < 0 || n == 0) {
		(void)ccs_snprintf(err, errlen, "tls_cert %s: not a PEM "
		    "certificate chain (%s)", path, rc < 0 ?
		    gnutls_strerror(rc) : "no certificate");
		return CCS_EINVAL;
	}
	for (i = 0; i < n; i++)
		gnutls_x509_crt_deinit(crts[i]);
	gnutls_free(crts);
	return CCS_OK;
}

static int
check_key(const char *path, const char *pem, size_t len, char *err,
    size_t errlen)
{
	gnutls_x509_privkey_t k;
	gnutls_datum_t d = { (unsigned char *)(uintptr_t)pem,
	    (unsigned)len };
	int rc;

	if (gnutls_x509_privkey_init(&k) < 0)
		return CCS_ENOMEM;
	rc = gnutls_x509_privkey_import2(k, &d, GNUTLS_X509_FMT_PEM, NULL,
	    GNUTLS_PKCS_PLAIN);
	gnutls_x509_privkey_deinit(k);
	if (rc < 0) {
		(void)ccs_snprintf(err, errlen, "tls_key %s: not an "
		    "unencrypted PEM private key (%s)", path,
		    gnutls_strerror(rc));
		return CCS_EINVAL;
	}
	return CCS_OK;
}

/* The key must belong to the certificate: GnuTLS checks it here. */
static int
check_pair(const char *cert_path, const char *key_path,
    const struct ccs_tls_pair *p, size_t cert_len, char *err, size_t errlen)
{
	gnutls_certificate_credentials_t cred;
	gnutls_datum_t c = { (unsigned char *)p->cert, (unsigned)cert_len };
	gnutls_datum_t k = { (unsigned char *)p->key, (unsigned)p->key_len };
	int rc;

	if (gnutls_certificate_allocate_credentials(&cred) < 0)
		return CCS_ENOMEM;
	rc = gnutls_certificate_set_x509_key_mem2(cred, &c, &k,
	    GNUTLS_X509_FMT_PEM, NULL, 0);
	gnutls_certificate_free_credentials(cred);
	if (rc < 0) {
		(void)ccs_snprintf(err, errlen, "tls_key %s does not go with "
		    "tls_cert %s (%s)", key_path, cert_path,
		    gnutls_strerror(rc));
		return CCS_EINVAL;
	}
	return CCS_OK;
}

int
ccs_tls_pair_load(const char *cert_path, const char *key_path,
    struct ccs_tls_pair *out, char *err, size_t errlen)
{
	struct ccs_tls_pair p = { NULL, NULL, 0 };
	size_t cert_len = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = read_pem("tls_cert", cert_path, &p.cert, &cert_len, err, errlen);
	if (rc == CCS_OK)
		rc = check_cert(cert_path, p.cert, cert_len, err, errlen);
	if (rc == CCS_OK)
		rc = read_pem("tls_key", key_path, &p.key, &p.key_len, err,
		    errlen);
	if (rc == CCS_OK)
		rc = check_key(key_path, p.key, p.key_len, err, errlen);
	if (rc == CCS_OK)
		rc = check_pair(cert_path, key_path, &p, cert_len, err,
		    errlen);
	if (rc != CCS_OK) {
		ccs_tls_pair_free(&p);
		return rc;
	}
	*out = p;
	return CCS_OK;
}

void
ccs_tls_pair_free(struct ccs_tls_pair *p)
{
	if (p->key != NULL)
		sodium_memzero(p->key, p->key_len);
	free(p->key);
	free(p->cert);
	memset(p, 0, sizeof(*p));
}
