/*
 * portal.c: the public side of reporting (see portal.h).
 *
 * Proof of work: the form carries "EXPIRES.BITS.RANDOM.MAC", MAC a keyed
 * BLAKE2b of the rest under a subkey of the report keyring, so the server
 * keeps no state until a challenge is spent; spending records its hash in
 * public_report_pow_spent, so a replay is refused. A browser module finds
 * a nonce with SHA-256(challenge ":" nonce) starting with BITS zero bits
 * (about 2^14 hashes: a second or two on a phone, nothing to a reader,
 * costly for a flood). Without JavaScript the challenge is still spent
 * but unsolved, and the address gets the stricter limit.
 *
 * The follow-up secret has 100 random bits (20 Crockford base32
 * characters), so it is stored as an unkeyed BLAKE2b hash bound to the
 * reference: a slow password hash buys nothing against a secret nobody
 * chose, and an unkeyed hash survives rotation of the keyring. The
 * comparison is sodium_memcmp, and an unknown reference compares against
 * a dummy so both answers cost the same.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "core/indicator/indicator.h"
#include "svc/reporting/portal.h"
#include "svc/standards/evidence.h"
#include "svc/svc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define ROUTES_MAX	16	/* states one report is routed to */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The principal that public writes are audited as. */
static struct ccs_principal
public_actor(void)
{
	struct ccs_principal p;

	memset(&p, 0, sizeof(p));
	(void)ccs_strlcpy(p.login, "public", sizeof(p.login));
	return p;
}

/* --- proof of work ------------------------------------------------- */

static void
challenge_mac(const struct ccs_report_keys *keys, const char *body,
    size_t n, char out[CCS_REPORT_HASH_HEX])
{
	ccs_report_keyed_hash(keys, "powmac", body, n, out);
}

void
ccs_portal_challenge(const struct ccs_report_keys *keys, int64_t now,
    char out[CCS_PORTAL_CHALLENGE_LEN])
{
	unsigned char r[16];
	char hex[33], mac[CCS_REPORT_HASH_HEX];
	int n;

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(hex, sizeof(hex), r, sizeof(r));
	n = snprintf(out, CCS_PORTAL_CHALLENGE_LEN, "%lld.%d.%s",
	    (long long)(now + CCS_PORTAL_POW_TTL), CCS_PORTAL_POW_BITS, hex);
	challenge_mac(keys, out, (size_t)n, mac);
	(void)snprintf(out + n, CCS_PORTAL_CHALLENGE_LEN - (size_t)n, ".%s",
	    mac);
}

int
ccs_portal_challenge_spend(struct ccs_db *db,
    const struct ccs_report_keys *keys, const char *challenge,
    const char *nonce, int64_t now, bool *solved, struct ccs_fail *f)
{
	char mac[CCS_REPORT_HASH_HEX], spent[CCS_REPORT_HASH_HEX];
	char buf[CCS_PORTAL_CHALLENGE_LEN + 64];
	unsigned char h[32];
	const char *dot;
	long long exp = 0;
	int bits = 0, used = 0, rc;
	int64_t seen = 0;
	size_t n;
	struct ccs_val v[2];

	*solved = false;
	if (challenge == NULL || strlen(challenge) >= CCS_PORTAL_CHALLENGE_LEN)
		return ccs_fail(f, CCS_EINVAL, "pow_invalid", "the form's "
		    "check field is missing or damaged");
	dot = strrchr(challenge, '.');
	if (dot == NULL || strlen(dot + 1) != CCS_REPORT_HASH_HEX - 1 ||
	    sscanf(challenge, "%lld.%d.%*32[0-9a-f]%n", &exp, &bits, &used) !=
	    2 || challenge + used != dot)
		return ccs_fail(f, CCS_EINVAL, "pow_invalid", "the form's "
		    "check field is missing or damaged");
	challenge_mac(keys, challenge, (size_t)(dot - challenge), mac);
	if (sodium_memcmp(mac, dot + 1, CCS_REPORT_HASH_HEX - 1) != 0)
		return ccs_fail(f, CCS_EINVAL, "pow_invalid", "the form's "
		    "check field is missing or damaged");
	if (exp < now)
		return ccs_fail(f, CCS_EINVAL, "pow_expired", "the form has "
		    "expired");
	ccs_report_keyed_hash(keys, "powspent", challenge, strlen(challenge),
	    spent);
	v[0] = CCS_VTEXT(spent);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
	    "public_report_pow_spent WHERE challenge = $1", v, 1, &seen);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (seen != 0)
		return ccs_fail(f, CCS_ECONFLICT, "pow_replayed", "this form "
		    "was already sent");
	v[1] = CCS_VINT((int64_t)exp);
	rc = ccs_db_exec(db, "INSERT INTO public_report_pow_spent (challenge, "
	    "expires_at) VALUES ($1, $2)", v, 2, NULL, NULL);
	if (rc == CCS_OK) {
		v[0] = CCS_VINT(now);
		rc = ccs_db_exec(db, "DELETE FROM public_report_pow_spent "
		    "WHERE expires_at < $1", v, 1, NULL, NULL);
	}
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	if (nonce == NULL || nonce[0] == '\0' || strlen(nonce) > 32)
		return CCS_OK;
	n = (size_t)snprintf(buf, sizeof(buf), "%s:%s", challenge, nonce);
	if (n >= sizeof(buf))
		return CCS_OK;
	crypto_hash_sha256(h, (const unsigned char *)buf, n);
	*solved = bits >= CCS_PORTAL_POW_BITS && ccs_rep_pow_ok(h,
	    (unsigned)bits);
	return CCS_OK;
}

/* --- rate limits --------------------------------------------------- */

int
ccs_portal_throttle(struct ccs_db *db, const struct ccs_report_keys *keys,
    const char *ip, const char *bucket, int64_t limit, int64_t now,
    struct ccs_fail *f)
{
	char addr[CCS_REPORT_HASH_HEX];
	json_t *row = NULL;
	int64_t start = now, hits = 0;
	int rc;

	ccs_report_keyed_hash(keys, "addr", ip, strlen(ip), addr);
	{
		const struct ccs_named np[] = {
			CCS_NAMED("addr", CCS_VTEXT(addr)),
			CCS_NAMED("bucket", CCS_VTEXT(bucket)),
		};

		rc = ccs_db_query_one_named(db, "SELECT window_start, hits "
		    "FROM public_report_throttle WHERE addr_hash = :addr AND "
		    "bucket = :bucket", np, CCS_NNAMED(np), &row);
	}
	if (rc != CCS_OK && rc != CCS_ENOTFOUND)
		return ccs_dbfail(f, db, rc);
	if (row != NULL) {
		start = json_integer_value(json_object_get(row,
		    "window_start"));
		hits = json_integer_value(json_object_get(row, "hits"));
		json_decref(row);
		if (start + CCS_PORTAL_WINDOW <= now) {
			start = now;
			hits = 0;
		}
	}
	if (hits >= limit)
		return ccs_fail(f, CCS_ELIMIT, "rate_limited", "too many "
		    "attempts from this address; wait and try again");
	{
		const struct ccs_named np[] = {
			CCS_NAMED("addr", CCS_VTEXT(addr)),
			CCS_NAMED("bucket", CCS_VTEXT(bucket)),
			CCS_NAMED("start", CCS_VINT(start)),
			CCS_NAMED("hits", CCS_VINT(hits + 1)),
		};

		rc = ccs_db_exec_named(db, row == NULL ? "INSERT INTO "
		    "public_report_throttle (addr_hash, bucket, window_start, "
		    "hits) VALUES (:addr, :bucket, :start, :hits)" :
		    "UPDATE public_report_throttle SET window_start = :start, "
		    "hits = :hits WHERE addr_hash = :addr AND bucket = :bucket",
		    np, CCS_NNAMED(np), NULL, NULL);
	}
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* --- submission ---------------------------------------------------- */

/* Adds "key": [lines...] to @p o for a non-empty list. */
static int
set_list(json_t *o, const char *key, const char *text)
{
	json_t *a;
	const char *p = text, *nl;
	size_t n;

	if (text == NULL || text[0] == '\0')
		return CCS_OK;
	a = json_array();
	if (a == NULL)
		return CCS_ENOMEM;
	while (*p != '\0') {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		if (n > 0 && json_array_append_new(a, json_stringn(p, n)) !=
		    0) {
			json_decref(a);
			return CCS_ENOMEM;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return json_object_set_new(o, key, a) == 0 ? CCS_OK : CCS_ENOMEM;
}

static int
set_str(json_t *o, const char *key, const char *v)
{
	if (v == NULL || v[0] == '\0')
		return CCS_OK;
	return json_object_set_new(o, key, json_string(v)) == 0 ? CCS_OK :
	    CCS_ENOMEM;
}

static int
build_body(const struct ccs_rep_input *in, json_t **body, json_t **contact)
{
	json_t *b = json_object(), *sus = json_object(), *c = NULL;
	int64_t minor = 0;
	size_t i;
	int rc = b != NULL && sus != NULL ? CCS_OK : CCS_ENOMEM;

	if (rc == CCS_OK)
		rc = set_str(b, "what", in->what);
	if (rc == CCS_OK)
		rc = set_str(b, "when", in->when);
	if (rc == CCS_OK)
		rc = set_str(b, "first_contact", in->first_contact);
	if (rc == CCS_OK && ccs_rep_amount(in->amount, &minor))
		rc = json_object_set_new(b, "money", json_pack("{s:I, s:s?, "
		    "s:s?, s:s?}", "amount_minor", (json_int_t)minor,
		    "currency", in->currency, "method", in->method, "account",
		    in->account)) == 0 ? CCS_OK : CCS_ENOMEM;
	for (i = 0; rc == CCS_OK && i < CCS_REP_NSUSPECT; i++)
		rc = set_list(sus, ccs_rep_suspects[i].code, in->suspect[i]);
	if (rc == CCS_OK)
		rc = json_object_set(b, "suspect", sus) == 0 ? CCS_OK :
		    CCS_ENOMEM;
	if (rc == CCS_OK && ccs_rep_has_contact(in)) {
		c = json_object();
		rc = c != NULL ? CCS_OK : CCS_ENOMEM;
		if (rc == CCS_OK)
			rc = set_str(c, "name", in->contact_name);
		if (rc == CCS_OK)
			rc = set_str(c, "email", in->contact_email);
		if (rc == CCS_OK)
			rc = set_str(c, "phone", in->contact_phone);
	}
	json_decref(sus);
	if (rc != CCS_OK) {
		json_decref(b);
		json_decref(c);
		return rc;
	}
	*body = b;
	*contact = c;
	return CCS_OK;
}

static bool
host_under(const char *host, const char *dom)
{
	size_t h = strlen(host), d;

	if (dom[0] == '.')
		dom++;
	d = strlen(dom);
	if (d == 0)
		return false;
	if (h == d)
		return strcasecmp(host, dom) == 0;
	return h > d && host[h - d - 1] == '.' &&
	    strcasecmp(host + h - d, dom) == 0;
}

/* The host of a URL, e-mail address or bare domain/address in @p s. */
static void
host_of(const char *s, char *host, size_t hlen)
{
	const char *p = s, *at, *e;
	size_t n;

	host[0] = '\0';
	at = strstr(p, "://");
	if (at != NULL)
		p = at + 3;
	else if (strrchr(p, '@') != NULL)
		p = strrchr(p, '@') + 1;
	if (*p == '[') {
		e = strchr(++p, ']');
		if (e == NULL)
			return;
	} else {
		at = strchr(p, '@');
		if (at != NULL && at < p + strcspn(p, "/?#"))
			p = at + 1;
		e = p + strcspn(p, ":/?# \t");
		if (strchr(p, ':') != NULL && strspn(p,
		    "0123456789abcdefABCDEF:.") == strlen(p))
			e = p + strlen(p);	/* a bare IPv6 address */
	}
	n = (size_t)(e - p);
	if (n == 0 || n + 1 > hlen)
		return;
	memcpy(host, p, n);
	host[n] = '\0';
	while (n > 0 && host[n - 1] == '.')
		host[--n] = '\0';
}

static bool
is_address(const char *host)
{
	return strchr(host, ':') != NULL || strspn(host, "0123456789.") ==
	    strlen(host);
}

static int
add_route(struct ccs_report_route *routes, size_t *n, const char *state,
    const char *reason)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(routes[i].state, state) == 0)
			return CCS_OK;
	if (*n >= ROUTES_MAX)
		return CCS_OK;
	if (ccs_strlcpy(routes[*n].state, state, sizeof(routes[*n].state)) !=
	    CCS_OK)
		return CCS_OK;
	(void)ccs_strlcpy(routes[*n].reason, reason,
	    sizeof(routes[*n].reason));
	if (strlen(reason) >= sizeof(routes[*n].reason))
		routes[*n].reason[sizeof(routes[*n].reason) - 1] = '\0';
	(*n)++;
	return CCS_OK;
}

/* Routes one reported value against the approved claims. */
static void
route_value(const json_t *claims, const char *value,
    struct ccs_report_route *routes, size_t *n)
{
	char host[300], reason[160];
	const char *kind, *cval, *st;
	json_t *c;
	size_t i;
	bool hit;

	host_of(value, host, sizeof(host));
	if (host[0] == '\0')
		return;
	json_array_foreach(claims, i, c) {
		kind = ccs_jstr(c, "kind");
		cval = ccs_jstr(c, "value");
		st = ccs_jstr(c, "state_code");
		if (kind == NULL || cval == NULL || st == NULL)
			continue;
		if (strcmp(kind, "cidr") == 0)
			hit = is_address(host) && ccs_ind_cidr_contains(cval,
			    host);
		else
			hit = !is_address(host) && host_under(host, cval);
		if (!hit)
			continue;
		(void)snprintf(reason, sizeof(reason), "%s:%s", kind, cval);
		(void)add_route(routes, n, st, reason);
	}
}

static int
route(struct ccs_db *db, const struct ccs_rep_input *in,
    struct ccs_report_route *routes, size_t *n_routes, struct ccs_fail *f)
{
	static const size_t hosts[] = { 1, 2, 3 };	/* emails urls ips */
	json_t *claims = NULL;
	char item[300];
	const char *p, *e;
	size_t i, n;
	int rc;

	*n_routes = 0;
	(void)add_route(routes, n_routes, in->state, "reporter_state");
	rc = ccs_db_query_json(db, "SELECT state_code, kind, value FROM "
	    "constituency_claims WHERE status = 'approved' AND kind <> 'asn' "
	    "ORDER BY id", NULL, 0, &claims);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		if (in->suspect[hosts[i]] == NULL)
			continue;
		for (p = in->suspect[hosts[i]]; *p != '\0'; p = e) {
			p += strspn(p, "\r\n \t,");
			e = p + strcspn(p, "\r\n \t,");
			n = (size_t)(e - p);
			if (n == 0 || n >= sizeof(item))
				continue;
			memcpy(item, p, n);
			item[n] = '\0';
			route_value(claims, item, routes, n_routes);
		}
	}
	json_decref(claims);
	return CCS_OK;
}

static void
secret_new(char out[CCS_PORTAL_SECRET_LEN])
{
	unsigned char r[20];
	size_t i, o = 0;

	randombytes_buf(r, sizeof(r));
	for (i = 0; i < 20; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = crockford[r[i] & 31];
	}
	out[o] = '\0';
	sodium_memzero(r, sizeof(r));
}

/* Hash of @p secret for @p ref: case, spaces and dashes do not count,
 * and the letters Crockford reads as digits (O, I, L) are mapped. */
static void
secret_hash(const char *ref, const char *secret,
    char out[CCS_REPORT_HASH_HEX])
{
	crypto_generichash_state st;
	unsigned char h[32];
	char c;
	size_t i;

	(void)crypto_generichash_init(&st, NULL, 0, sizeof(h));
	(void)crypto_generichash_update(&st, (const unsigned char *)
	    "ccscap-report-secret:", 21);
	(void)crypto_generichash_update(&st, (const unsigned char *)ref,
	    strlen(ref));
	(void)crypto_generichash_update(&st, (const unsigned char *)":", 1);
	for (i = 0; secret[i] != '\0' && i < 64; i++) {
		c = secret[i];
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		(void)crypto_generichash_update(&st, (const unsigned char *)&c,
		    1);
	}
	(void)crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, CCS_REPORT_HASH_HEX, h, sizeof(h));
}

/* Creates @p path and its missing parents (mode 0700 for new ones). */
static int
mkdir_p(const char *path)
{
	char buf[1200];
	char *p;

	if (ccs_strlcpy(buf, path, sizeof(buf)) != CCS_OK)
		return CCS_EINVAL;
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return CCS_EIO;
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return CCS_EIO;
	return CCS_OK;
}

/* Writes @p data sealed to DIR/reports/SHA256 (tmp, fsync, rename). */
static int
write_file(const struct ccs_report_keys *keys, const char *dir,
    const char *ref, const char *sha, const struct ccs_portal_file *file)
{
	char path[1200], tmp[1240], *sealed = NULL;
	int64_t key_id = 0;
	ssize_t w;
	size_t len;
	int fd, rc;

	if (snprintf(path, sizeof(path), "%s/reports", dir) >=
	    (int)sizeof(path))
		return CCS_EINVAL;
	if (mkdir_p(path) != CCS_OK)
		return CCS_EIO;
	if (snprintf(path, sizeof(path), "%s/reports/%s-%s", dir, ref, sha) >=
	    (int)sizeof(path) || snprintf(tmp, sizeof(tmp), "%s.tmp",
	    path) >= (int)sizeof(tmp))
		return CCS_EINVAL;
	rc = ccs_report_seal(keys, ref, file->data, file->len, &sealed,
	    &key_id);
	if (rc != CCS_OK)
		return rc;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		free(sealed);
		return CCS_EIO;
	}
	len = strlen(sealed);
	w = write(fd, sealed, len);
	free(sealed);
	if (w < 0 || (size_t)w != len || fsync(fd) != 0) {
		close(fd);
		(void)unlink(tmp);
		return CCS_EIO;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		(void)unlink(tmp);
		return CCS_EIO;
	}
	return CCS_OK;
}

static int
store_files(struct ccs_db *db, const struct ccs_report_keys *keys,
    int64_t id, const char *ref, const struct ccs_portal_file *files,
    size_t nfiles, const char *dir, int64_t now, struct ccs_fail *f)
{
	unsigned char h[32];
	char sha[65], *name = NULL;
	const char *type;
	int64_t key_id = 0;
	size_t i;
	int rc = CCS_OK;

	for (i = 0; i < nfiles && rc == CCS_OK; i++) {
		crypto_hash_sha256(h, files[i].data, files[i].len);
		sodium_bin2hex(sha, sizeof(sha), h, sizeof(h));
		type = ccs_evidence_sniff(files[i].data, files[i].len);
		rc = write_file(keys, dir, ref, sha, &files[i]);
		if (rc != CCS_OK)
			return ccs_fail(f, rc, "internal", "cannot store an "
			    "evidence file");
		rc = ccs_report_seal(keys, ref, files[i].name,
		    strlen(files[i].name), &name, &key_id);
		if (rc != CCS_OK)
			return ccs_fail(f, rc, "internal", "out of memory");
		{
			const struct ccs_named np[] = {
				CCS_NAMED("id", CCS_VINT(id)),
				CCS_NAMED("sha", CCS_VTEXT(sha)),
				CCS_NAMED("size", CCS_VINT((int64_t)
				    files[i].len)),
				CCS_NAMED("type", CCS_VTEXT(type)),
				CCS_NAMED("key", CCS_VINT(key_id)),
				CCS_NAMED("name", CCS_VTEXT(name)),
				CCS_NAMED("now", CCS_VINT(now)),
			};

			rc = ccs_db_exec_named(db, "INSERT INTO "
			    "public_report_files (report_id, sha256, size, "
			    "content_type, key_id, name_enc, created_at) "
			    "VALUES (:id, :sha, :size, :type, :key, :name, "
			    ":now) ON CONFLICT DO NOTHING", np, CCS_NNAMED(np),
			    NULL, NULL);
		}
		free(name);
		name = NULL;
		if (rc != CCS_OK)
			return ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}

int
ccs_portal_submit(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_rep_input *in, const char *lang, const char *ip,
    const struct ccs_portal_file *files, size_t nfiles,
    const char *evidence_dir, int64_t now, char ref[CCS_REPORT_REF_LEN],
    char secret[CCS_PORTAL_SECRET_LEN], struct ccs_fail *f)
{
	struct ccs_report_route routes[ROUTES_MAX];
	struct ccs_principal pub = public_actor();
	struct ccs_report_new r;
	char shash[CCS_REPORT_HASH_HEX], dhash[CCS_REPORT_HASH_HEX];
	char *btext = NULL, *ctext = NULL;
	json_t *body = NULL, *contact = NULL, *audit = NULL;
	struct ccs_buf fp;
	struct ccs_val v[2];
	int64_t dup = 0, id = 0;
	size_t i, nroutes = 0;
	bool known = false;
	int rc;

	ccs_buf_init(&fp, (size_t)1 << 24);
	rc = ccs_state_exists(db, in->state, &known);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	if (!known) {
		rc = ccs_fail(f, CCS_EINVAL, "unknown_state", "state: not a "
		    "state of the directory");
		goto out;
	}
	for (i = 0; i < nfiles; i++) {
		if (files[i].len > CCS_REP_FILE_MAX) {
			rc = ccs_fail(f, CCS_ETOOBIG, "evidence_too_large",
			    "evidence: a file is larger than 5 MB");
			goto out;
		}
		if (ccs_evidence_sniff(files[i].data, files[i].len) == NULL) {
			rc = ccs_fail(f, CCS_EINVAL, "forbidden_file_type",
			    "evidence: only PNG, JPEG, PDF and text files");
			goto out;
		}
	}
	rc = build_body(in, &body, &contact);
	if (rc == CCS_OK) {
		btext = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
		ctext = contact != NULL ? json_dumps(contact, JSON_COMPACT |
		    JSON_SORT_KEYS) : NULL;
		if (btext == NULL || (contact != NULL && ctext == NULL))
			rc = CCS_ENOMEM;
	}
	/* The duplicate fingerprint: address, category, state, answers. */
	if (rc == CCS_OK)
		rc = ccs_buf_printf(&fp, "%s\n%s\n%s\n%s\n%s", ip, in->category,
		    in->state, btext, ctext != NULL ? ctext : "");
	for (i = 0; rc == CCS_OK && i < nfiles; i++) {
		unsigned char h[32];
		char hex[65];

		crypto_hash_sha256(h, files[i].data, files[i].len);
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		rc = ccs_buf_printf(&fp, "\n%s", hex);
	}
	if (rc != CCS_OK) {
		rc = ccs_fail(f, rc == CCS_ETOOBIG ? CCS_ETOOBIG : CCS_ENOMEM,
		    rc == CCS_ETOOBIG ? "report_too_large" : "internal",
		    "the report is too large");
		goto out;
	}
	ccs_report_keyed_hash(keys, "dedupe", fp.data, fp.len, dhash);
	v[0] = CCS_VTEXT(dhash);
	v[1] = CCS_VINT(now - CCS_PORTAL_DUP_WINDOW);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM public_reports WHERE "
	    "dedupe_hash = $1 AND created_at > $2", v, 2, &dup);
	if (rc != CCS_OK) {
		rc = ccs_dbfail(f, db, rc);
		goto out;
	}
	if (dup > 0) {
		rc = ccs_fail(f, CCS_ECONFLICT, "duplicate_report", "the same "
		    "report was received from this address a moment ago");
		goto out;
	}
	rc = route(db, in, routes, &nroutes, f);
	if (rc != CCS_OK)
		goto out;
	/* The reference is drawn by the store; the secret hash binds to it,
	 * so it is written after the insert. */
	secret_new(secret);
	r.category = in->category;
	r.state = in->state;
	r.victim_type = in->victim_type;
	r.language = lang;
	r.body = btext;
	r.contact = ctext;
	r.secret_hash = "-";
	r.dedupe_hash = dhash;
	rc = ccs_report_store_create(db, keys, &r, routes, nroutes, now, ref,
	    &id);
	if (rc == CCS_OK) {
		secret_hash(ref, secret, shash);
		v[0] = CCS_VTEXT(shash);
		v[1] = CCS_VINT(id);
		rc = ccs_db_exec(db, "UPDATE public_reports SET secret_hash = "
		    "$1 WHERE id = $2", v, 2, NULL, NULL);
	}
	if (rc != CCS_OK) {
		rc = rc == CCS_ENOMEM ? ccs_fail(f, rc, "internal", "out of "
		    "memory") : ccs_dbfail(f, db, rc);
		goto out;
	}
	rc = store_files(db, keys, id, ref, files, nfiles, evidence_dir, now,
	    f);
	if (rc != CCS_OK)
		goto out;
	audit = json_pack("{s:s, s:s, s:I, s:I}", "category", in->category,
	    "state", in->state, "routes", (json_int_t)nroutes, "files",
	    (json_int_t)nfiles);
	rc = ccs_audit_record(db, &pub, "public_report.create",
	    "public_report", id, audit, now);
	if (rc != CCS_OK)
		rc = ccs_dbfail(f, db, rc);
out:
	if (rc != CCS_OK)
		sodium_memzero(secret, CCS_PORTAL_SECRET_LEN);
	if (btext != NULL) {
		sodium_memzero(btext, strlen(btext));
		free(btext);
	}
	if (ctext != NULL) {
		sodium_memzero(ctext, strlen(ctext));
		free(ctext);
	}
	ccs_buf_free(&fp);
	json_decref(body);
	json_decref(contact);
	json_decref(audit);
	return rc;
}

/* --- follow-up ----------------------------------------------------- */

int
ccs_portal_follow(struct ccs_db *db, const char *ref, const char *secret,
    int64_t *id, json_t **out, struct ccs_fail *f)
{
	char stored[CCS_REPORT_HASH_HEX], given[CCS_REPORT_HASH_HEX];
	const char *cmp_ref = "R-0000-0000";
	struct ccs_val v;
	int64_t rid = 0, nadd = 0;
	bool match;
	int rc;

	*out = NULL;
	memset(stored, '0', sizeof(stored) - 1);
	stored[sizeof(stored) - 1] = '\0';
	if (ref != NULL && strlen(ref) < CCS_REPORT_REF_LEN) {
		rc = ccs_report_store_find(db, ref, &rid, stored);
		if (rc != CCS_OK && rc != CCS_ENOTFOUND)
			return ccs_dbfail(f, db, rc);
		if (rc == CCS_OK)
			cmp_ref = ref;
	}
	/* Hash and compare whatever was found, so a miss costs the same. */
	secret_hash(cmp_ref, secret != NULL ? secret : "", given);
	match = sodium_memcmp(stored, given, CCS_REPORT_HASH_HEX - 1) == 0 &&
	    rid > 0;
	if (!match)
		return ccs_fail(f, CCS_ENOTFOUND, "no_match", "the reference "
		    "and the secret do not match a report");
	v = CCS_VINT(rid);
	rc = ccs_db_query_one(db, "SELECT reference, status, category, "
	    "created_at, reporter_update, reporter_update_at FROM "
	    "public_reports WHERE id = $1", &v, 1, out);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "public_report_additions WHERE report_id = $1", &v, 1,
		    &nadd);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return ccs_dbfail(f, db, rc);
	}
	(void)json_object_set_new(*out, "additions", json_integer(nadd));
	if (id != NULL)
		*id = rid;
	return CCS_OK;
}

int
ccs_portal_add(struct ccs_db *db, const struct ccs_report_keys *keys,
    int64_t id, const char *text, int64_t now, struct ccs_fail *f)
{
	struct ccs_principal pub = public_actor();
	int rc;

	if (text == NULL || text[0] == '\0')
		return ccs_fail(f, CCS_EINVAL, "missing_text", "text: enter "
		    "the information to add");
	if (strlen(text) > CCS_REP_ADD_MAX || !ccs_text_ok(text))
		return ccs_fail(f, CCS_EINVAL, "invalid_text", "text: at most "
		    "%d bytes of plain text", CCS_REP_ADD_MAX);
	rc = ccs_report_store_add(db, keys, id, text, now);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, &pub, "public_report.add",
		    "public_report", id, NULL, now);
	return rc == CCS_OK ? CCS_OK : ccs_dbfail(f, db, rc);
}

/* --- figures ------------------------------------------------------- */

int
ccs_portal_figures(struct ccs_db *db, json_t **out, struct ccs_fail *f)
{
	json_t *rows = NULL, *row, *items, *last = NULL;
	char month[16], prev_state[3] = "", prev_month[16] = "";
	const char *st;
	struct tm tm;
	time_t t;
	size_t i;
	int64_t recv, done;
	int rc;

	*out = NULL;
	/* Days, not months, in SQL: integer division is the same on both
	 * backends; days fold into months here. */
	rc = ccs_db_query_json(db, "SELECT state, created_at / 86400 AS day, "
	    "COUNT(*) AS received, SUM(CASE WHEN processed_at IS NULL THEN 0 "
	    "ELSE 1 END) AS processed FROM public_reports GROUP BY state, "
	    "created_at / 86400 ORDER BY state, day", NULL, 0, &rows);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	items = json_array();
	json_array_foreach(rows, i, row) {
		st = ccs_jstr(row, "state");
		t = (time_t)json_integer_value(json_object_get(row, "day")) *
		    86400;
		if (st == NULL || gmtime_r(&t, &tm) == NULL)
			continue;
		(void)snprintf(month, sizeof(month), "%04d-%02d",
		    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100);
		recv = json_integer_value(json_object_get(row, "received"));
		done = json_integer_value(json_object_get(row, "processed"));
		if (last == NULL || strcmp(prev_state, st) != 0 ||
		    strcmp(prev_month, month) != 0) {
			last = json_pack("{s:s, s:s, s:I, s:I, s:I}", "state",
			    st, "month", month, "received", (json_int_t)0,
			    "processed", (json_int_t)0, "backlog",
			    (json_int_t)0);
			(void)json_array_append_new(items, last);
			(void)ccs_strlcpy(prev_state, st, sizeof(prev_state));
			(void)ccs_strlcpy(prev_month, month,
			    sizeof(prev_month));
		}
		(void)json_object_set_new(last, "received", json_integer(
		    json_integer_value(json_object_get(last, "received")) +
		    recv));
		(void)json_object_set_new(last, "processed", json_integer(
		    json_integer_value(json_object_get(last, "processed")) +
		    done));
		(void)json_object_set_new(last, "backlog", json_integer(
		    json_integer_value(json_object_get(last, "backlog")) +
		    recv - done));
	}
	json_decref(rows);
	*out = json_pack("{s:o, s:I}", "items", items, "count",
	    (json_int_t)json_array_size(items));
	return *out != NULL ? CCS_OK : ccs_fail(f, CCS_ENOMEM, "internal",
	    "out of memory");
}

/* --- the audited read by a team ------------------------------------ */

int
ccs_portal_read(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_principal *p, int64_t id, int64_t now, json_t **out,
    struct ccs_fail *f)
{
	json_t *routes = NULL, *r;
	struct ccs_val v = CCS_VINT(id);
	bool ok = false;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_db_query_json(db, "SELECT state FROM public_report_routes "
	    "WHERE report_id = $1", &v, 1, &routes);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	json_array_foreach(routes, i, r)
		if (ccs_policy_check(p, CCS_ACT_PUBLIC_REPORT_READ,
		    ccs_jstr(r, "state")) == CCS_OK)
			ok = true;
	json_decref(routes);
	if (!ok)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no such "
		    "report");
	rc = ccs_report_store_get(db, keys, id, out);
	if (rc == CCS_OK)
		rc = ccs_audit_record(db, p, "public_report.read",
		    "public_report", id, NULL, now);
	if (rc != CCS_OK) {
		json_decref(*out);
		*out = NULL;
		return rc == CCS_ECORRUPT ? ccs_fail(f, rc, "sealed_unreadable",
		    "the report does not open with the configured keys") :
		    ccs_dbfail(f, db, rc);
	}
	return CCS_OK;
}
