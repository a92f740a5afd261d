/*
 * fuzz_conf.c: libFuzzer target for the configuration parser
 * (ccs_conf_load_buf). Besides crashes and sanitizer reports it checks what
 * the parser promises: every accepted value is inside its documented range,
 * strings stay NUL-terminated, and every refusal names "fuzz.conf:LINE:".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf/conf.h"
#include "util/err.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)	do { if (!(x)) abort(); } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ccs_conf c;
	char err[256];
	int rc;

	ccs_conf_defaults(&c);
	memset(err, 'X', sizeof(err));
	rc = ccs_conf_load_buf(&c, (const char *)data, size, "fuzz.conf", err,
	    sizeof(err));
	if (rc != CCS_OK) {
		CHECK(memchr(err, '\0', sizeof(err)) != NULL);
		CHECK(strncmp(err, "fuzz.conf:", 10) == 0);
		return 0;
	}
	CHECK(memchr(c.db, '\0', sizeof(c.db)) != NULL && c.db[0] != '\0');
	CHECK(memchr(c.listen_host, '\0', sizeof(c.listen_host)) != NULL);
	CHECK(memchr(c.key_file, '\0', sizeof(c.key_file)) != NULL);
	CHECK(c.threads >= 1 && c.threads <= 64);
	CHECK(c.db_pool >= 1 && c.db_pool <= 256);
	CHECK(c.max_body >= 1024 && c.max_body <= 64u << 20);
	CHECK(c.max_connections >= 1 && c.max_connections <= 100000);
	CHECK(c.per_ip_connections >= 1 && c.per_ip_connections <= 100000);
	CHECK(c.conn_timeout >= 1 && c.conn_timeout <= 3600);
	CHECK(c.session_ttl >= 60 && c.session_ttl <= 30 * 86400);
	CHECK(c.login_max_failures >= 1 && c.login_max_failures <= 1000);
	CHECK(c.login_lock_seconds >= 1 && c.login_lock_seconds <= 86400);
	CHECK(c.ip_max_failures >= 1 && c.ip_max_failures <= 100000);
	CHECK(c.ip_window_seconds >= 1 && c.ip_window_seconds <= 86400);
	CHECK(c.log_level >= 0 && c.log_level <= 3);
	CHECK(c.evidence_max >= 1024 && c.evidence_max <= 512u << 20);
	CHECK(memchr(c.evidence_dir, '\0', sizeof(c.evidence_dir)) != NULL);
	/* deriving the rest never overruns either */
	(void)ccs_conf_finish(&c, err, sizeof(err));
	CHECK(memchr(c.key_file, '\0', sizeof(c.key_file)) != NULL);
	return 0;
}
