/*
 * test_conf.c: the strict configuration parser (conf/conf.c). An operator
 * who mistypes a key or a value must get an error naming the file and the
 * line, values out of their range are refused, and nothing is read past the
 * limits (line length, file size, NUL bytes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf/conf.h"
#include "util/err.h"

static int
load(struct ccs_conf *c, const char *text, char *err, size_t errlen)
{
	ccs_conf_defaults(c);
	err[0] = '\0';
	return ccs_conf_load_buf(c, text, strlen(text), "ccscap.conf", err,
	    errlen);
}

/* Asserts that @p text is refused with an error starting with @p prefix. */
static void
refused(const char *text, const char *prefix)
{
	struct ccs_conf c;
	char err[300];

	if (load(&c, text, err, sizeof(err)) == CCS_OK)
		fail_msg("accepted: %s", text);
	if (strncmp(err, prefix, strlen(prefix)) != 0)
		fail_msg("error '%s' does not start with '%s'", err, prefix);
}

static void
test_defaults(void **state)
{
	struct ccs_conf c;

	(void)state;
	ccs_conf_defaults(&c);
	assert_string_equal(c.db, "sqlite:var/ccscap.db");
	assert_string_equal(c.listen_host, "127.0.0.1");
	assert_int_equal(c.listen_port, 8080);
	assert_int_equal(c.max_body, 1024 * 1024);
	assert_int_equal(c.session_ttl, 8 * 3600);
	assert_false(c.cookie_secure);
	assert_string_equal(c.key_file, "");
	/* slow clients: a total deadline, not only the idle timeout */
	assert_int_equal(c.header_timeout, 10);
	assert_int_equal(c.body_timeout, 300);
	assert_int_equal(c.min_rate, 1024);
	assert_true(c.per_ip_connections < c.max_connections);
}

static void
test_full_file(void **state)
{
	static const char text[] =
	    "# ccscap configuration\n"
	    "\n"
	    "db = postgres://ccscap@localhost/ccscap\n"
	    "listen = [::1]:9090\n"
	    "\tkey_file\t=\t/etc/ccscap/key   \n"
	    "threads=8\n"
	    "db_pool = 16\r\n"
	    "max_body = 2097152\n"
	    "max_connections = 500\n"
	    "per_ip_connections = 50\n"
	    "conn_timeout = 60\n"
	    "header_timeout = 5\n"
	    "body_timeout = 90\n"
	    "min_rate = 0\n"
	    "session_ttl = 3600\n"
	    "cookie_secure = 1\n"
	    "login_max_failures = 3\n"
	    "login_lock_seconds = 600\n"
	    "ip_max_failures = 30\n"
	    "ip_window_seconds = 300\n"
	    "log_level = warn";	/* no final newline */
	struct ccs_conf c;
	char err[256];

	(void)state;
	assert_int_equal(load(&c, text, err, sizeof(err)), CCS_OK);
	assert_string_equal(c.db, "postgres://ccscap@localhost/ccscap");
	assert_string_equal(c.listen_host, "::1");
	assert_int_equal(c.listen_port, 9090);
	assert_string_equal(c.key_file, "/etc/ccscap/key");
	assert_int_equal(c.threads, 8);
	assert_int_equal(c.db_pool, 16);
	assert_int_equal(c.max_body, 2097152);
	assert_int_equal(c.max_connections, 500);
	assert_int_equal(c.per_ip_connections, 50);
	assert_int_equal(c.conn_timeout, 60);
	assert_int_equal(c.header_timeout, 5);
	assert_int_equal(c.body_timeout, 90);
	assert_int_equal(c.min_rate, 0);
	assert_int_equal(c.session_ttl, 3600);
	assert_true(c.cookie_secure);
	assert_int_equal(c.login_max_failures, 3);
	assert_int_equal(c.login_lock_seconds, 600);
	assert_int_equal(c.ip_max_failures, 30);
	assert_int_equal(c.ip_window_seconds, 300);
	assert_int_equal(c.log_level, 2);
}

static void
test_empty_and_comments(void **state)
{
	struct ccs_conf c, d;
	char err[256];

	(void)state;
	ccs_conf_defaults(&d);
	assert_int_equal(load(&c, "", err, sizeof(err)), CCS_OK);
	assert_memory_equal(&c, &d, sizeof(c));
	assert_int_equal(load(&c, "\n\n   \n\t\n# x = y\n  # threads = 0\n",
	    err, sizeof(err)), CCS_OK);
	assert_memory_equal(&c, &d, sizeof(c));
}

static void
test_unknown_key_names_file_line(void **state)
{
	struct ccs_conf c;
	char err[256];

	(void)state;
	assert_int_equal(load(&c, "# comment\nthreads = 2\n\nthread = 4\n", err,
	    sizeof(err)), CCS_EINVAL);
	assert_string_equal(err, "ccscap.conf:4: unknown key 'thread'");
	refused("Threads = 2\n", "ccscap.conf:1: unknown key 'Threads'");
	refused(" = 2\n", "ccscap.conf:1: unknown key ''");
}

static void
test_syntax_errors(void **state)
{
	(void)state;
	refused("threads 4\n", "ccscap.conf:1: expected 'key = value'");
	refused("\n\nlisten\n", "ccscap.conf:3: expected 'key = value'");
	/* a trailing comment is not a comment: the value is then wrong */
	refused("threads = 4 # four\n", "ccscap.conf:1: threads: must be an "
	    "integer in 1..64");
}

static void
test_ranges(void **state)
{
	struct ccs_conf c;
	char err[256];

	(void)state;
	refused("threads = 0\n", "ccscap.conf:1: threads: must be an integer "
	    "in 1..64, got '0'");
	refused("threads = 65\n", "ccscap.conf:1: threads:");
	refused("threads = -1\n", "ccscap.conf:1: threads:");
	refused("threads = 4x\n", "ccscap.conf:1: threads:");
	refused("threads = 1e1\n", "ccscap.conf:1: threads:");
	refused("threads = 99999999999999999999\n", "ccscap.conf:1: threads:");
	refused("threads =\n", "ccscap.conf:1: threads:");
	assert_int_equal(load(&c, "threads = 1\n", err, sizeof(err)), CCS_OK);
	assert_int_equal(load(&c, "threads = 64\n", err, sizeof(err)), CCS_OK);
	assert_int_equal(c.threads, 64);

	refused("db_pool = 0\n", "ccscap.conf:1: db_pool:");
	refused("db_pool = 257\n", "ccscap.conf:1: db_pool:");
	refused("max_body = 1023\n", "ccscap.conf:1: max_body:");
	refused("max_body = 67108865\n", "ccscap.conf:1: max_body:");
	assert_int_equal(load(&c, "max_body = 1024\n", err, sizeof(err)),
	    CCS_OK);
	assert_int_equal(load(&c, "max_body = 67108864\n", err, sizeof(err)),
	    CCS_OK);
	assert_int_equal(c.max_body, 64u << 20);
	refused("max_connections = 0\n", "ccscap.conf:1: max_connections:");
	refused("max_connections = 100001\n",
	    "ccscap.conf:1: max_connections:");
	refused("per_ip_connections = 0\n",
	    "ccscap.conf:1: per_ip_connections:");
	refused("conn_timeout = 3601\n", "ccscap.conf:1: conn_timeout:");
	refused("header_timeout = 0\n", "ccscap.conf:1: header_timeout:");
	refused("header_timeout = 3601\n", "ccscap.conf:1: header_timeout:");
	refused("body_timeout = 0\n", "ccscap.conf:1: body_timeout:");
	refused("body_timeout = 86401\n", "ccscap.conf:1: body_timeout:");
	refused("min_rate = -1\n", "ccscap.conf:1: min_rate:");
	refused("min_rate = 1000000001\n", "ccscap.conf:1: min_rate:");
	refused("session_ttl = 59\n", "ccscap.conf:1: session_ttl:");
	refused("session_ttl = 2592001\n", "ccscap.conf:1: session_ttl:");
	refused("cookie_secure = 2\n", "ccscap.conf:1: cookie_secure:");
	refused("cookie_secure = yes\n", "ccscap.conf:1: cookie_secure:");
	refused("login_max_failures = 0\n",
	    "ccscap.conf:1: login_max_failures:");
	refused("login_lock_seconds = 86401\n",
	    "ccscap.conf:1: login_lock_seconds:");
	refused("ip_max_failures = 100001\n",
	    "ccscap.conf:1: ip_max_failures:");
	refused("ip_window_seconds = 0\n", "ccscap.conf:1: ip_window_seconds:");
	refused("log_level = verbose\n", "ccscap.conf:1: log_level:");
	refused("log_level = INFO\n", "ccscap.conf:1: log_level:");
}

/* trusted_proxy: numeric addresses, kept canonical, at most four. */
static void
test_trusted_proxy(void **state)
{
	struct ccs_conf c;
	char err[256];

	(void)state;
	assert_int_equal(load(&c, "trusted_proxy = 127.0.0.1\n"
	    "trusted_proxy = 2001:DB8:0:0::1\n", err, sizeof(err)), CCS_OK);
	assert_int_equal(c.ntrusted_proxies, 2);
	assert_true(ccs_conf_trusts_proxy(&c, "127.0.0.1"));
	assert_true(ccs_conf_trusts_proxy(&c, "2001:db8::1"));
	assert_false(ccs_conf_trusts_proxy(&c, "127.0.0.2"));
	refused("trusted_proxy = proxy.example.org\n", "ccscap.conf:1: "
	    "trusted_proxy: 'proxy.example.org' is not a numeric");
	refused("trusted_proxy = 10.0.0.0/8\n", "ccscap.conf:1: "
	    "trusted_proxy:");
	refused("trusted_proxy = 10.0.0.1\ntrusted_proxy = 10.0.0.2\n"
	    "trusted_proxy = 10.0.0.3\ntrusted_proxy = 10.0.0.4\n"
	    "trusted_proxy = 10.0.0.5\n", "ccscap.conf:5: trusted_proxy: at "
	    "most 4");
	assert_int_equal(load(&c, "", err, sizeof(err)), CCS_OK);
	assert_int_equal(c.ntrusted_proxies, 0);
	assert_false(ccs_conf_trusts_proxy(&c, "127.0.0.1"));
}

static void
test_strings_and_listen(void **state)
{
	struct ccs_conf c;
	char err[256], text[1200];

	(void)state;
	refused("db =\n", "ccscap.conf:1: db: must be 1..1023 bytes");
	refused("key_file = \n", "ccscap.conf:1: key_file:");
	refused("iati_schema =\n", "ccscap.conf:1: iati_schema: must be "
	    "1..1023 bytes");
	assert_int_equal(load(&c, "iati_schema = /srv/iati/s.xsd\n", err,
	    sizeof(err)), CCS_OK);
	assert_string_equal(c.iati_schema, "/srv/iati/s.xsd");
	memset(text, 0, sizeof(text));
	memcpy(text, "db = ", 5);
	memset(text + 5, 'd', 1024);
	text[5 + 1024] = '\n';
	refused(text, "ccscap.conf:1: db: must be 1..1023 bytes");
	text[5 + 1023] = '\n';
	text[5 + 1024] = '\0';
	assert_int_equal(load(&c, text, err, sizeof(err)), CCS_OK);
	assert_int_equal(strlen(c.db), 1023);

	assert_int_equal(load(&c, "listen = 0.0.0.0:0\n", err, sizeof(err)),
	    CCS_OK);
	assert_string_equal(c.listen_host, "0.0.0.0");
	assert_int_equal(c.listen_port, 0);
	assert_int_equal(load(&c, "listen = 10.1.2.3:65535\n", err,
	    sizeof(err)), CCS_OK);
	assert_int_equal(c.listen_port, 65535);
	refused("listen = 127.0.0.1\n", "ccscap.conf:1: listen: expected "
	    "HOST:PORT");
	refused("listen = :8080\n", "ccscap.conf:1: listen: expected HOST:PORT");
	refused("listen = 127.0.0.1:65536\n", "ccscap.conf:1: listen: port");
	refused("listen = 127.0.0.1:\n", "ccscap.conf:1: listen: port");
	refused("listen = 127.0.0.1:http\n", "ccscap.conf:1: listen: port");
	memset(text, 0, sizeof(text));
	memcpy(text, "listen = ", 9);
	memset(text + 9, 'h', 64);
	memcpy(text + 9 + 64, ":80\n", 4);
	refused(text, "ccscap.conf:1: listen: host too long");
}

static void
test_limits(void **state)
{
	static char text[5000];
	struct ccs_conf c;
	char err[256];

	(void)state;
	/* a line of 2047 bytes is read; 2048 is refused */
	memset(text, 0, sizeof(text));
	memcpy(text, "# ", 2);
	memset(text + 2, 'c', 2045);
	text[2047] = '\n';
	assert_int_equal(load(&c, text, err, sizeof(err)), CCS_OK);
	memset(text + 2, 'c', 2046);
	text[2048] = '\n';
	refused(text, "ccscap.conf:1: line too long");

	/* an embedded NUL is refused with its line */
	ccs_conf_defaults(&c);
	assert_int_equal(ccs_conf_load_buf(&c, "threads = 2\nthreads\0 = 3\n",
	    25, "x.conf", err, sizeof(err)), CCS_EINVAL);
	assert_string_equal(err, "x.conf:2: NUL byte");

	/* a short error buffer still gets a terminated prefix */
	ccs_conf_defaults(&c);
	assert_int_equal(ccs_conf_load_buf(&c, "bogus = 1\n", 10, "f.conf", err,
	    8), CCS_EINVAL);
	assert_string_equal(err, "f.conf:");
}

static void
test_file(void **state)
{
	char path[] = "/tmp/ccs-test-conf-XXXXXX";
	char err[256 + sizeof(path)], want[256];
	struct ccs_conf c;
	FILE *f;
	int fd;
	size_t i;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("threads = 3\nmax_body = 10\n", f);
	fclose(f);
	ccs_conf_defaults(&c);
	assert_int_equal(ccs_conf_load_file(&c, path, err, sizeof(err)),
	    CCS_EINVAL);
	(void)snprintf(want, sizeof(want), "%s:2: max_body: must be an "
	    "integer in 1024..67108864, got '10'", path);
	assert_string_equal(err, want);

	/* over 64 KiB is refused before parsing */
	f = fopen(path, "w");
	assert_non_null(f);
	for (i = 0; i < 64 * 1024 / 16 + 1; i++)
		fputs("# padding line.\n", f);
	fclose(f);
	assert_int_equal(ccs_conf_load_file(&c, path, err, sizeof(err)),
	    CCS_ETOOBIG);
	assert_non_null(strstr(err, path));
	unlink(path);
	assert_int_equal(ccs_conf_load_file(&c, path, err, sizeof(err)),
	    CCS_EIO);
	assert_non_null(strstr(err, "cannot open"));
}

static void
test_env_and_finish(void **state)
{
	struct ccs_conf c;
	char err[256];

	(void)state;
	ccs_conf_defaults(&c);
	setenv("CCSCAP_DB", "sqlite:/srv/ccs.db", 1);
	setenv("CCSCAP_LISTEN", "0.0.0.0:8443", 1);
	setenv("CCSCAP_LOG_LEVEL", "debug", 1);
	unsetenv("CCSCAP_KEY_FILE");
	assert_int_equal(ccs_conf_load_env(&c, err, sizeof(err)), CCS_OK);
	assert_string_equal(c.db, "sqlite:/srv/ccs.db");
	assert_int_equal(c.listen_port, 8443);
	assert_int_equal(c.log_level, 0);
	assert_int_equal(ccs_conf_finish(&c, err, sizeof(err)), CCS_OK);
	assert_string_equal(c.key_file, "/srv/ccs.db.key");

	setenv("CCSCAP_LISTEN", "nowhere", 1);
	assert_int_equal(ccs_conf_load_env(&c, err, sizeof(err)), CCS_EINVAL);
	assert_non_null(strstr(err, "CCSCAP_LISTEN"));
	unsetenv("CCSCAP_LISTEN");
	unsetenv("CCSCAP_DB");
	unsetenv("CCSCAP_LOG_LEVEL");

	/* PostgreSQL has no file to put the key beside */
	ccs_conf_defaults(&c);
	assert_int_equal(ccs_conf_set(&c, "db", "postgres://h/db", err,
	    sizeof(err)), CCS_OK);
	assert_int_equal(ccs_conf_finish(&c, err, sizeof(err)), CCS_EINVAL);
	assert_non_null(strstr(err, "key_file"));
	assert_int_equal(ccs_conf_set(&c, "key_file", "/k", err, sizeof(err)),
	    CCS_OK);
	assert_int_equal(ccs_conf_finish(&c, err, sizeof(err)), CCS_OK);

	/* one address may never hold every connection */
	assert_int_equal(ccs_conf_set(&c, "per_ip_connections", "100", err,
	    sizeof(err)), CCS_OK);
	assert_int_equal(ccs_conf_set(&c, "max_connections", "100", err,
	    sizeof(err)), CCS_OK);
	assert_int_equal(ccs_conf_finish(&c, err, sizeof(err)), CCS_EINVAL);
	assert_non_null(strstr(err, "per_ip_connections"));
	assert_int_equal(ccs_conf_set(&c, "max_connections", "101", err,
	    sizeof(err)), CCS_OK);
	assert_int_equal(ccs_conf_finish(&c, err, sizeof(err)), CCS_OK);
}

/* Issue 15: TLS files go in pairs; the sandbox and its user. */
static void
test_tls_and_sandbox(void **state)
{
	struct ccs_conf c;
	char err[300];

	(void)state;
	ccs_conf_defaults(&c);
	assert_true(c.sandbox);
	assert_string_equal(c.user, "ccscap");
	assert_int_equal(load(&c, "tls_cert = /etc/c.pem\n"
	    "tls_key = /etc/k.pem\nsandbox = off\nuser = www-data\n", err,
	    sizeof(err)), CCS_OK);
	assert_string_equal(c.tls_cert, "/etc/c.pem");
	assert_string_equal(c.tls_key, "/etc/k.pem");
	assert_false(c.sandbox);
	assert_string_equal(c.user, "www-data");
	/* HTTPS makes the session cookie Secure */
	assert_false(c.cookie_secure);
	assert_int_equal(ccs_conf_finish(&c, err, sizeof(err)), CCS_OK);
	assert_true(c.cookie_secure);
	refused("sandbox = yes\n", "ccscap.conf:1: sandbox: on or off");
	refused("user = root;rm\n", "ccscap.conf:1: user:");
	refused("user = -x\n", "ccscap.conf:1: user:");
	refused("tls_cert =\n", "ccscap.conf:1: tls_cert:");
	assert_int_equal(load(&c, "tls_cert = /etc/c.pem\n", err,
	    sizeof(err)), CCS_OK);
	assert_int_equal(ccs_conf_finish(&c, err, sizeof(err)), CCS_EINVAL);
	assert_non_null(strstr(err, "tls_cert and tls_key"));
	assert_int_equal(load(&c, "tls_key = /etc/k.pem\n", err,
	    sizeof(err)), CCS_OK);
	assert_int_equal(ccs_conf_finish(&c, err, sizeof(err)), CCS_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_full_file),
		cmocka_unit_test(test_empty_and_comments),
		cmocka_unit_test(test_unknown_key_names_file_line),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_strings_and_listen),
		cmocka_unit_test(test_trusted_proxy),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_env_and_finish),
		cmocka_unit_test(test_tls_and_sandbox),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
