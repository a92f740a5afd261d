/*
 * conf.h: the configuration of one ccscap process. Loaded at startup from
 * defaults, then a file (CCSCAP_CONFIG or --config), then the environment,
 * then command-line flags; immutable afterwards.
 */
#ifndef CCS_CONF_H
#define CCS_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CCS_CONF_PEERS	8	/* sync_peer lines at most */
#define CCS_CONF_PROXIES	4	/* trusted_proxy lines at most */
#define CCS_CONF_ADDR_MAX	46	/* INET6_ADDRSTRLEN */

struct ccs_conf {
	char		db[1024];	/* sqlite:PATH or postgres://URI */
	char		listen_host[64];	/* numeric address to bind */
	uint16_t	listen_port;	/* 0 picks a free port */
	char		key_file[1024];	/* secret key for sealed secrets */
	char		report_key_file[1024];	/* keyring of public reports
						   (svc/reporting) */
	unsigned	report_posts_hour;	/* public reports per address
						   per hour */
	unsigned	report_nojs_hour;	/* of which without a solved
						   proof of work */
	unsigned	report_follow_hour;	/* follow-up attempts per
						   address per hour */
	unsigned	threads;	/* HTTP worker threads (1..64) */
	unsigned	db_pool;	/* database connections (1..256) */
	size_t		max_body;	/* request body limit, bytes */
	unsigned	max_connections;	/* total connection limit */
	unsigned	per_ip_connections;	/* per client address */
	unsigned	conn_timeout;	/* idle connection timeout, seconds */
	unsigned	header_timeout;	/* request line + headers, seconds */
	unsigned	body_timeout;	/* a whole request body, seconds */
	unsigned	min_rate;	/* body bytes/s after 5 s, 0 off */
	unsigned	session_ttl;	/* session lifetime, seconds */
	bool		cookie_secure;	/* add Secure to the session cookie */
	unsigned	login_max_failures;	/* per account before lock */
	unsigned	login_lock_seconds;	/* lock duration */
	unsigned	ip_max_failures;	/* per address per window */
	unsigned	ip_window_seconds;	/* throttle window */
	int		log_level;	/* enum ccs_log_level */
	char		evidence_dir[1024];	/* uploaded evidence files */
	size_t		evidence_max;	/* largest evidence file, bytes */
	char		smtp_url[512];	/* smtp(s)://relay:port, "" = no mail */
	char		smtp_from[256];	/* MAIL FROM address of notices */
	char		webhook_secret[257];	/* HMAC key of webhooks, "" =
						   webhooks held */
	bool		webhook_private;	/* allow webhooks to loopback,
						   private, link-local hosts */
	char		iati_schema[1024];	/* iati-activities-schema.xsd
						   checked on IATI imports,
						   "" = the reader's rules */
	/* ccscap sync (TAXII, issue 14): "API-ROOT-URL TOKEN" per peer */
	char		sync_peers[CCS_CONF_PEERS][1024];
	unsigned	nsync_peers;	/* sync_peer lines read */
	/* reverse proxies whose X-Forwarded-For names the client (issue 15),
	   canonical numeric addresses */
	char		trusted_proxies[CCS_CONF_PROXIES][CCS_CONF_ADDR_MAX];
	unsigned	ntrusted_proxies;	/* trusted_proxy lines read */
	char		tls_cert[1024];	/* PEM chain: serve HTTPS, "" = HTTP */
	char		tls_key[1024];	/* PEM key of tls_cert */
	char		user[64];	/* serve started as root runs as */
	bool		sandbox;	/* seccomp + Landlock after start-up */
};

/**
 * Writes the canonical text of the numeric IPv4 or IPv6 address @p in
 * (as inet_ntop prints it) to @p out of CCS_CONF_ADDR_MAX bytes.
 * @return true when @p in is one
 */
bool	ccs_conf_addr_canon(const char *in, char out[CCS_CONF_ADDR_MAX]);
/** True when @p addr (canonical text) is a trusted_proxy. */
bool	ccs_conf_trusts_proxy(const struct ccs_conf *c, const char *addr);

/** Fills @p c with the built-in defaults. */
void	ccs_conf_defaults(struct ccs_conf *c);

/**
 * Sets one key from text, range-checked.
 * @return CCS_OK, or CCS_EINVAL with "key: reason" in @p err.
 */
int	ccs_conf_set(struct ccs_conf *c, const char *key, const char *value,
	    char *err, size_t errlen);

/**
 * Parses "key = value" lines (# comments, blank lines) from @p buf of
 * @p len bytes; an unknown key or bad value is an error naming
 * "@p name:LINE".
 */
int	ccs_conf_load_buf(struct ccs_conf *c, const char *buf, size_t len,
	    const char *name, char *err, size_t errlen);
/** Reads and parses the file at @p path (at most 64 KiB). */
int	ccs_conf_load_file(struct ccs_conf *c, const char *path, char *err,
	    size_t errlen);
/** Applies CCSCAP_DB, CCSCAP_LISTEN, CCSCAP_KEY_FILE, CCSCAP_LOG_LEVEL,
 * CCSCAP_EVIDENCE_DIR, CCSCAP_IATI_SCHEMA. */
int	ccs_conf_load_env(struct ccs_conf *c, char *err, size_t errlen);
/** Derives what was left unset (key file and evidence directory beside an
 * SQLite database). */
int	ccs_conf_finish(struct ccs_conf *c, char *err, size_t errlen);

#endif
