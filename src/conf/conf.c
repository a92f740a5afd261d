/*
 * conf.c: strict configuration parsing. Every key has a type and a range,
 * an unknown key is an error, and errors name the file and line, in the
 * manner of OpenBSD's parse.y. The parser takes a buffer so it can be fuzzed.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf/conf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define CONF_FILE_MAX	(64 * 1024)

bool
ccs_conf_addr_canon(const char *in, char out[CCS_CONF_ADDR_MAX])
{
	struct in6_addr a6;
	struct in_addr a4;

	if (inet_pton(AF_INET, in, &a4) == 1)
		return inet_ntop(AF_INET, &a4, out, CCS_CONF_ADDR_MAX) != NULL;
	if (inet_pton(AF_INET6, in, &a6) == 1)
		return inet_ntop(AF_INET6, &a6, out, CCS_CONF_ADDR_MAX) != NULL;
	return false;
}

bool
ccs_conf_trusts_proxy(const struct ccs_conf *c, const char *addr)
{
	unsigned i;

	for (i = 0; i < c->ntrusted_proxies; i++) {
		if (strcmp(c->trusted_proxies[i], addr) == 0)
			return true;
	}
	return false;
}

void
ccs_conf_defaults(struct ccs_conf *c)
{
	memset(c, 0, sizeof(*c));
	(void)ccs_strlcpy(c->db, "sqlite:var/ccscap.db", sizeof(c->db));
	(void)ccs_strlcpy(c->listen_host, "127.0.0.1", sizeof(c->listen_host));
	c->listen_port = 8080;
	c->threads = 2;
	c->db_pool = 4;
	c->max_body = 1024 * 1024;
	c->max_connections = 2048;
	c->per_ip_connections = 256;
	c->conn_timeout = 30;
	c->header_timeout = 10;
	c->body_timeout = 300;
	c->min_rate = 1024;
	c->session_ttl = 8 * 3600;
	c->cookie_secure = false;
	c->webhook_private = false;
	c->login_max_failures = 5;
	c->login_lock_seconds = 900;
	c->ip_max_failures = 20;
	c->ip_window_seconds = 900;
	c->log_level = 1;
	c->evidence_max = 10 * 1024 * 1024;
	c->report_posts_hour = 20;
	c->report_nojs_hour = 5;
	c->report_follow_hour = 30;
	(void)ccs_strlcpy(c->user, "ccscap", sizeof(c->user));
	c->sandbox = true;
}

static int
parse_listen(struct ccs_conf *c, const char *v, char *err, size_t errlen)
{
	const char *colon;
	char host[64];
	struct in_addr a4;
	struct in6_addr a6;
	size_t hlen;
	int64_t port;

	colon = strrchr(v, ':');
	if (colon == NULL || colon == v) {
		(void)ccs_snprintf(err, errlen, "listen: expected HOST:PORT, "
		    "got '%.80s'", v);
		return CCS_EINVAL;
	}
	hlen = (size_t)(colon - v);
	if (v[0] == '[' && hlen >= 2 && v[hlen - 1] == ']') {
		v++;
		hlen -= 2;
	}
	if (hlen >= sizeof(host)) {
		(void)ccs_snprintf(err, errlen, "listen: host too long");
		return CCS_EINVAL;
	}
	memcpy(host, v, hlen);
	host[hlen] = '\0';
	if (inet_pton(AF_INET, host, &a4) != 1 &&
	    inet_pton(AF_INET6, host, &a6) != 1) {
		(void)ccs_snprintf(err, errlen, "listen: '%.64s' is not a "
		    "numeric IPv4 or IPv6 address (use 127.0.0.1 or [::1])",
		    host);
		return CCS_EINVAL;
	}
	if (ccs_parse_i64(colon + 1, 0, 65535, &port) != CCS_OK) {
		(void)ccs_snprintf(err, errlen, "listen: port must be 0..65535");
		return CCS_EINVAL;
	}
	(void)ccs_strlcpy(c->listen_host, host, sizeof(c->listen_host));
	c->listen_port = (uint16_t)port;
	return CCS_OK;
}

static int
set_uint(unsigned *dst, const char *key, const char *v, unsigned min,
    unsigned max, char *err, size_t errlen)
{
	int64_t n;

	if (ccs_parse_i64(v, min, max, &n) != CCS_OK) {
		(void)ccs_snprintf(err, errlen, "%s: must be an integer in "
		    "%u..%u, got '%.40s'", key, min, max, v);
		return CCS_EINVAL;
	}
	*dst = (unsigned)n;
	return CCS_OK;
}

static int
set_str(char *dst, size_t size, const char *key, const char *v, char *err,
    size_t errlen)
{
	if (*v == '\0' || ccs_strlcpy(dst, v, size) != CCS_OK) {
		(void)ccs_snprintf(err, errlen, "%s: must be 1..%zu bytes", key,
		    size - 1);
		return CCS_EINVAL;
	}
	return CCS_OK;
}

int
ccs_conf_set(struct ccs_conf *c, const char *key, const char *v, char *err,
    size_t errlen)
{
	unsigned u;
	int rc;

	if (strcmp(key, "db") == 0)
		return set_str(c->db, sizeof(c->db), key, v, err, errlen);
	if (strcmp(key, "listen") == 0)
		return parse_listen(c, v, err, errlen);
	if (strcmp(key, "key_file") == 0)
		return set_str(c->key_file, sizeof(c->key_file), key, v, err,
		    errlen);
	if (strcmp(key, "report_key_file") == 0)
		return set_str(c->report_key_file, sizeof(c->report_key_file),
		    key, v, err, errlen);
	if (strcmp(key, "evidence_dir") == 0)
		return set_str(c->evidence_dir, sizeof(c->evidence_dir), key, v,
		    err, errlen);
	if (strcmp(key, "tls_cert") == 0)
		return set_str(c->tls_cert, sizeof(c->tls_cert), key, v, err,
		    errlen);
	if (strcmp(key, "tls_key") == 0)
		return set_str(c->tls_key, sizeof(c->tls_key), key, v, err,
		    errlen);
	if (strcmp(key, "user") == 0) {
		if (strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-") !=
		    strlen(v) || v[0] == '-') {
			(void)ccs_snprintf(err, errlen, "user: a login name "
			    "(a-z, 0-9, _ and -)");
			return CCS_EINVAL;
		}
		return set_str(c->user, sizeof(c->user), key, v, err, errlen);
	}
	if (strcmp(key, "sandbox") == 0) {
		if (strcmp(v, "on") != 0 && strcmp(v, "off") != 0) {
			(void)ccs_snprintf(err, errlen, "sandbox: on or off");
			return CCS_EINVAL;
		}
		c->sandbox = strcmp(v, "on") == 0;
		return CCS_OK;
	}
	if (strcmp(key, "iati_schema") == 0)
		return set_str(c->iati_schema, sizeof(c->iati_schema), key, v,
		    err, errlen);
	if (strcmp(key, "report_posts_hour") == 0 ||
	    strcmp(key, "report_nojs_hour") == 0 ||
	    strcmp(key, "report_follow_hour") == 0) {
		rc = set_uint(&u, key, v, 1, 10000000, err, errlen);
		if (rc == CCS_OK && key[7] == 'p')
			c->report_posts_hour = u;
		else if (rc == CCS_OK && key[7] == 'n')
			c->report_nojs_hour = u;
		else if (rc == CCS_OK)
			c->report_follow_hour = u;
		return rc;
	}
	if (strcmp(key, "evidence_max") == 0) {
		rc = set_uint(&u, key, v, 1024, 512u << 20, err, errlen);
		if (rc == CCS_OK)
			c->evidence_max = u;
		return rc;
	}
	if (strcmp(key, "smtp_url") == 0) {
		if (strncmp(v, "smtp://", 7) != 0 &&
		    strncmp(v, "smtps://", 8) != 0) {
			(void)ccs_snprintf(err, errlen, "smtp_url: must start "
			    "with smtp:// or smtps://");
			return CCS_EINVAL;
		}
		return set_str(c->smtp_url, sizeof(c->smtp_url), key, v, err,
		    errlen);
	}
	if (strcmp(key, "smtp_from") == 0) {
		if (strchr(v, '@') == NULL || strpbrk(v, "<>\r\n \t") != NULL) {
			(void)ccs_snprintf(err, errlen, "smtp_from: must be a "
			    "plain e-mail address");
			return CCS_EINVAL;
		}
		return set_str(c->smtp_from, sizeof(c->smtp_from), key, v, err,
		    errlen);
	}
	if (strcmp(key, "sync_peer") == 0) {
		/* repeatable: one line per TAXII peer of `ccscap sync` */
		const char *sp = strchr(v, ' ');

		if (strncmp(v, "http", 4) != 0 || sp == NULL || sp[1] == '\0' ||
		    strchr(sp + 1, ' ') != NULL) {
			(void)ccs_snprintf(err, errlen, "sync_peer: must be "
			    "'API-ROOT-URL TOKEN'");
			return CCS_EINVAL;
		}
		if (c->nsync_peers >= CCS_CONF_PEERS) {
			(void)ccs_snprintf(err, errlen, "sync_peer: at most %d",
			    CCS_CONF_PEERS);
			return CCS_EINVAL;
		}
		rc = set_str(c->sync_peers[c->nsync_peers],
		    sizeof(c->sync_peers[0]), key, v, err, errlen);
		if (rc == CCS_OK)
			c->nsync_peers++;
		return rc;
	}
	if (strcmp(key, "trusted_proxy") == 0) {
		/* repeatable: one address per line */
		if (c->ntrusted_proxies >= CCS_CONF_PROXIES) {
			(void)ccs_snprintf(err, errlen, "trusted_proxy: at "
			    "most %d", CCS_CONF_PROXIES);
			return CCS_EINVAL;
		}
		if (!ccs_conf_addr_canon(v,
		    c->trusted_proxies[c->ntrusted_proxies])) {
			(void)ccs_snprintf(err, errlen, "trusted_proxy: "
			    "'%.64s' is not a numeric IPv4 or IPv6 address", v);
			return CCS_EINVAL;
		}
		c->ntrusted_proxies++;
		return CCS_OK;
	}
	if (strcmp(key, "webhook_secret") == 0) {
		if (strlen(v) < 16) {
			(void)ccs_snprintf(err, errlen, "webhook_secret: must be "
			    "16..256 bytes");
			return CCS_EINVAL;
		}
		return set_str(c->webhook_secret, sizeof(c->webhook_secret),
		    key, v, err, errlen);
	}
	if (strcmp(key, "threads") == 0)
		return set_uint(&c->threads, key, v, 1, 64, err, errlen);
	if (strcmp(key, "db_pool") == 0)
		return set_uint(&c->db_pool, key, v, 1, 256, err, errlen);
	if (strcmp(key, "max_body") == 0) {
		rc = set_uint(&u, key, v, 1024, 64u << 20, err, errlen);
		if (rc == CCS_OK)
			c->max_body = u;
		return rc;
	}
	if (strcmp(key, "max_connections") == 0)
		return set_uint(&c->max_connections, key, v, 1, 100000, err,
		    errlen);
	if (strcmp(key, "per_ip_connections") == 0)
		return set_uint(&c->per_ip_connections, key, v, 1, 100000, err,
		    errlen);
	if (strcmp(key, "conn_timeout") == 0)
		return set_uint(&c->conn_timeout, key, v, 1, 3600, err, errlen);
	if (strcmp(key, "header_timeout") == 0)
		return set_uint(&c->header_timeout, key, v, 1, 3600, err,
		    errlen);
	if (strcmp(key, "body_timeout") == 0)
		return set_uint(&c->body_timeout, key, v, 1, 86400, err,
		    errlen);
	if (strcmp(key, "min_rate") == 0)
		return set_uint(&c->min_rate, key, v, 0, 1000000000, err,
		    errlen);
	if (strcmp(key, "session_ttl") == 0)
		return set_uint(&c->session_ttl, key, v, 60, 30 * 86400, err,
		    errlen);
	if (strcmp(key, "webhook_private") == 0) {
		rc = set_uint(&u, key, v, 0, 1, err, errlen);
		if (rc == CCS_OK)
			c->webhook_private = u != 0;
		return rc;
	}
	if (strcmp(key, "cookie_secure") == 0) {
		rc = set_uint(&u, key, v, 0, 1, err, errlen);
		if (rc == CCS_OK)
			c->cookie_secure = u != 0;
		return rc;
	}
	if (strcmp(key, "login_max_failures") == 0)
		return set_uint(&c->login_max_failures, key, v, 1, 1000, err,
		    errlen);
	if (strcmp(key, "login_lock_seconds") == 0)
		return set_uint(&c->login_lock_seconds, key, v, 1, 86400, err,
		    errlen);
	if (strcmp(key, "ip_max_failures") == 0)
		return set_uint(&c->ip_max_failures, key, v, 1, 100000, err,
		    errlen);
	if (strcmp(key, "ip_window_seconds") == 0)
		return set_uint(&c->ip_window_seconds, key, v, 1, 86400, err,
		    errlen);
	if (strcmp(key, "log_level") == 0) {
		if (strcmp(v, "debug") == 0)
			c->log_level = 0;
		else if (strcmp(v, "info") == 0)
			c->log_level = 1;
		else if (strcmp(v, "warn") == 0)
			c->log_level = 2;
		else if (strcmp(v, "error") == 0)
			c->log_level = 3;
		else {
			(void)ccs_snprintf(err, errlen, "log_level: one of "
			    "debug, info, warn, error");
			return CCS_EINVAL;
		}
		return CCS_OK;
	}
	(void)ccs_snprintf(err, errlen, "unknown key '%.60s'", key);
	return CCS_EINVAL;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int
ccs_conf_load_buf(struct ccs_conf *c, const char *buf, size_t len,
    const char *name, char *err, size_t errlen)
{
	char line[2048], why[256];
	const char *p = buf, *end = buf + len, *nl;
	char *k, *v, *eq;
	size_t n, lineno = 0;
	int rc;

	while (p < end) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n >= sizeof(line)) {
			(void)ccs_snprintf(err, errlen, "%s:%zu: line too long",
			    name, lineno);
			return CCS_EINVAL;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p += n + (nl ? 1 : 0);
		if (memchr(line, '\0', n) != NULL) {
			(void)ccs_snprintf(err, errlen, "%s:%zu: NUL byte",
			    name, lineno);
			return CCS_EINVAL;
		}
		k = trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		eq = strchr(k, '=');
		if (eq == NULL) {
			(void)ccs_snprintf(err, errlen, "%s:%zu: expected "
			    "'key = value'", name, lineno);
			return CCS_EINVAL;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		rc = ccs_conf_set(c, k, v, why, sizeof(why));
		if (rc != CCS_OK) {
			(void)ccs_snprintf(err, errlen, "%s:%zu: %s", name,
			    lineno, why);
			return rc;
		}
	}
	return CCS_OK;
}

int
ccs_conf_load_file(struct ccs_conf *c, const char *path, char *err,
    size_t errlen)
{
	char *buf = NULL;
	FILE *f = NULL;
	size_t n;
	int rc = CCS_EIO;

	f = fopen(path, "r");
	if (f == NULL) {
		(void)ccs_snprintf(err, errlen, "%s: cannot open", path);
		return CCS_EIO;
	}
	buf = ccs_malloc(CONF_FILE_MAX + 1);
	if (buf == NULL) {
		rc = CCS_ENOMEM;
		goto out;
	}
	n = fread(buf, 1, CONF_FILE_MAX + 1, f);
	if (ferror(f)) {
		(void)ccs_snprintf(err, errlen, "%s: read error", path);
		goto out;
	}
	if (n > CONF_FILE_MAX) {
		(void)ccs_snprintf(err, errlen, "%s: larger than %d bytes", path,
		    CONF_FILE_MAX);
		rc = CCS_ETOOBIG;
		goto out;
	}
	rc = ccs_conf_load_buf(c, buf, n, path, err, errlen);
out:
	free(buf);
	if (f)
		fclose(f);
	return rc;
}

int
ccs_conf_load_env(struct ccs_conf *c, char *err, size_t errlen)
{
	static const struct {
		const char *env, *key;
	} map[] = {
		{ "CCSCAP_DB", "db" },
		{ "CCSCAP_LISTEN", "listen" },
		{ "CCSCAP_KEY_FILE", "key_file" },
		{ "CCSCAP_LOG_LEVEL", "log_level" },
		{ "CCSCAP_EVIDENCE_DIR", "evidence_dir" },
		{ "CCSCAP_IATI_SCHEMA", "iati_schema" },
		{ "CCSCAP_REPORT_KEY_FILE", "report_key_file" },
	};
	char why[256];
	const char *v;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		v = getenv(map[i].env);
		if (v == NULL || *v == '\0')
			continue;
		rc = ccs_conf_set(c, map[i].key, v, why, sizeof(why));
		if (rc != CCS_OK) {
			(void)ccs_snprintf(err, errlen, "environment %s: %s",
			    map[i].env, why);
			return rc;
		}
	}
	return CCS_OK;
}

int
ccs_conf_finish(struct ccs_conf *c, char *err, size_t errlen)
{
	bool pg = strncmp(c->db, "postgres://", 11) == 0 ||
	    strncmp(c->db, "postgresql://", 13) == 0;
	const char *path = strncmp(c->db, "sqlite:", 7) == 0 ? c->db + 7 :
	    c->db;

	/* one address must never be able to take every connection */
	if (c->per_ip_connections >= c->max_connections) {
		(void)ccs_snprintf(err, errlen, "per_ip_connections (%u) "
		    "must be less than max_connections (%u)",
		    c->per_ip_connections,
		    c->max_connections);
		return CCS_EINVAL;
	}
	if ((c->tls_cert[0] == '\0') != (c->tls_key[0] == '\0')) {
		(void)ccs_snprintf(err, errlen, "tls_cert and tls_key go "
		    "together: set both or neither");
		return CCS_EINVAL;
	}
	/* over HTTPS the session cookie is never sent in the clear */
	if (c->tls_cert[0] != '\0')
		c->cookie_secure = true;
	if (c->key_file[0] == '\0') {
		if (pg) {
			(void)ccs_snprintf(err, errlen, "key_file must be set "
			    "when the database is PostgreSQL (CCSCAP_KEY_FILE or "
			    "key_file)");
			return CCS_EINVAL;
		}
		if (ccs_snprintf(c->key_file, sizeof(c->key_file), "%s.key",
		    path) != CCS_OK) {
			(void)ccs_snprintf(err, errlen, "key_file: path too long");
			return CCS_EINVAL;
		}
	}
	/* public reports: their own keyring beside the key file */
	if (c->report_key_file[0] == '\0' && ccs_snprintf(c->report_key_file,
	    sizeof(c->report_key_file), "%s.reports", c->key_file) !=
	    CCS_OK) {
		(void)ccs_snprintf(err, errlen, "report_key_file: path too "
		    "long");
		return CCS_EINVAL;
	}
	if (c->evidence_dir[0] == '\0') {
		if (pg) {
			(void)ccs_strlcpy(c->evidence_dir, "var/evidence",
			    sizeof(c->evidence_dir));
		} else if (ccs_snprintf(c->evidence_dir, sizeof(c->evidence_dir),
		    "%s.evidence", path) != CCS_OK) {
			(void)ccs_snprintf(err, errlen, "evidence_dir: path too "
			    "long");
			return CCS_EINVAL;
		}
	}
	return CCS_OK;
}
