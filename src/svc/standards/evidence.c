/*
 * evidence.c: content-addressed evidence files.
 *
 * A file is written to a temporary name in its final directory, flushed,
 * then renamed, so a crash never leaves a half-written file under a hash
 * name; writing the same content twice is a no-op. The database row is
 * written in the request's transaction: if that rolls back, an unreferenced
 * file may remain on disk, which is harmless (same content, same name).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "svc/platform/audit.h"
#include "svc/standards/evidence.h"
#include "svc/sharing/marking.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const char *
ccs_evidence_sniff(const unsigned char *d, size_t n)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	size_t i;

	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= sizeof(png) && memcmp(d, png, sizeof(png)) == 0)
		return "image/png";
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return "image/jpeg";
	/* Plain text: UTF-8 without NUL or control bytes but tab/CR/LF. */
	if (n == 0 || !ccs_text_ok_n((const char *)d, n))
		return NULL;
	/* Markup would be served back to browsers: refuse it. */
	for (i = 0; i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' ||
	    d[i] == '\t'); i++)
		;
	if (i < n && d[i] == '<')
		return NULL;
	return "text/plain; charset=utf-8";
}

/* mkdir -p: creates @p path and its missing parents. */
static int
mkdirs(const char *path)
{
	char buf[1100];
	char *p;

	if (ccs_strlcpy(buf, path, sizeof(buf)) != CCS_OK)
		return CCS_EINVAL;
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0750) != 0 && errno != EEXIST)
			return CCS_EIO;
		*p = '/';
	}
	if (mkdir(buf, 0750) != 0 && errno != EEXIST)
		return CCS_EIO;
	return CCS_OK;
}

static int
write_file(const char *dir, const char *sha, const unsigned char *data,
    size_t len)
{
	char sub[1100], path[1200], tmp[1300];
	struct stat sb;
	ssize_t w;
	size_t off = 0;
	int fd;

	if (ccs_snprintf(sub, sizeof(sub), "%s/%.2s", dir, sha) != CCS_OK ||
	    ccs_snprintf(path, sizeof(path), "%s/%s", sub, sha) != CCS_OK ||
	    ccs_snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid()) !=
	    CCS_OK)
		return CCS_EINVAL;
	if (stat(path, &sb) == 0 && (size_t)sb.st_size == len)
		return CCS_OK;
	if (mkdirs(sub) != CCS_OK)
		return CCS_EIO;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0)
		return CCS_EIO;
	while (off < len) {
		w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(tmp);
			return CCS_EIO;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return CCS_EIO;
	}
	return CCS_OK;
}

int
ccs_evidence_put(struct ccs_db *db, const char *dir, size_t max,
    const struct ccs_principal *p, const unsigned char *data, size_t len,
    int64_t now, json_t **out, struct ccs_fail *f)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char sha[65];
	const char *type;
	struct ccs_val v[5];
	int64_t n = 0;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_ASSESS_SUBMIT, p->state[0] ? p->state :
	    NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "your role may not "
		    "upload evidence");
	if (len > max)
		return ccs_fail(f, CCS_ETOOBIG, "evidence_too_large", "evidence "
		    "files may be at most %zu bytes", max);
	type = ccs_evidence_sniff(data, len);
	if (type == NULL)
		return ccs_fail(f, CCS_EINVAL, "forbidden_file_type", "evidence "
		    "must be a PDF, PNG or JPEG image, or plain text");
	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(sha, sizeof(sha), h, sizeof(h));
	rc = write_file(dir, sha, data, len);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, "internal", "cannot store the file in %s",
		    dir);
	v[0] = CCS_VTEXT(sha);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM evidence_files WHERE "
	    "sha256 = $1", v, 1, &n);
	if (rc == CCS_OK && n == 0) {
		v[1] = CCS_VINT((int64_t)len);
		v[2] = CCS_VTEXT(type);
		v[3] = CCS_VTEXT(p->login[0] ? p->login : "system");
		v[4] = CCS_VINT(now);
		/* Two uploads of one file may race: the second is a no-op. */
		rc = ccs_db_exec(db, "INSERT INTO evidence_files (sha256, size, "
		    "content_type, uploaded_by, created_at) VALUES ($1, $2, $3, "
		    "$4, $5) ON CONFLICT (sha256) DO NOTHING", v, 5, NULL, NULL);
		if (rc == CCS_OK)
			rc = ccs_audit_recordf(db, p, "evidence.upload",
			    "evidence", NULL, now, "%s", sha);
	}
	if (rc != CCS_OK)
		return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
		    "%s", ccs_db_errmsg(db));
	*out = json_pack("{s:s, s:I, s:s}", "sha256", sha, "size",
	    (json_int_t)len, "content_type", type);
	return CCS_OK;
}

int
ccs_evidence_open(struct ccs_db *db, const char *dir,
    const struct ccs_principal *p, const char *sha256, int *fd, json_t **meta,
    struct ccs_fail *f)
{
	json_t *states = NULL, *incs = NULL, *st;
	struct ccs_val v = CCS_VTEXT(sha256);
	char path[1200];
	bool ok = false;
	size_t i;
	int rc;

	*fd = -1;
	*meta = NULL;
	if (strlen(sha256) != 64 || strspn(sha256, "0123456789abcdef") != 64)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no such file");
	rc = ccs_db_query_one(db, "SELECT sha256, size, content_type, "
	    "uploaded_by FROM evidence_files WHERE sha256 = $1", &v, 1, meta);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no such file");
	if (rc != CCS_OK)
		return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
		    "%s", ccs_db_errmsg(db));
	rc = ccs_db_query_json(db, "SELECT DISTINCT a.state_code FROM "
	    "assessment_files af JOIN assessments a ON a.id = af.assessment_id "
	    "WHERE af.sha256 = $1", &v, 1, &states);
	if (rc != CCS_OK)
		goto fail;
	rc = ccs_db_query_json(db, "SELECT " CCS_MARKING_COLS " FROM "
	    "incident_files x JOIN incidents i ON i.id = x.incident_id JOIN "
	    "markings m ON m.id = i.marking_id WHERE x.sha256 = $1", &v, 1,
	    &incs);
	if (rc != CCS_OK)
		goto fail;
	if (ccs_streq(json_string_value(json_object_get(*meta, "uploaded_by")),
	    p->login))
		ok = true;
	/* A regional reader of evidence reads files cited by status records
	 * (or not yet cited by anything); a file attached to an incident is
	 * read through that incident's TLP marking, never by role alone. */
	if (!ok && (json_array_size(states) > 0 || json_array_size(incs) ==
	    0) && ccs_policy_check(p, CCS_ACT_EVIDENCE_READ, NULL) == CCS_OK)
		ok = true;
	json_array_foreach(states, i, st) {
		if (!ok && ccs_policy_check(p, CCS_ACT_EVIDENCE_READ,
		    json_string_value(json_object_get(st, "state_code"))) ==
		    CCS_OK)
			ok = true;
	}
	json_array_foreach(incs, i, st) {
		if (!ok && ccs_marking_view(p, st) == CCS_TLP_FULL)
			ok = true;
	}
	json_decref(states);
	json_decref(incs);
	states = NULL;
	incs = NULL;
	json_object_del(*meta, "uploaded_by");
	if (!ok) {
		/* Same answer as a missing file: existence is not shared. */
		rc = ccs_fail(f, CCS_ENOTFOUND, "not_found", "no such file");
		goto fail;
	}
	if (ccs_snprintf(path, sizeof(path), "%s/%.2s/%s", dir, sha256,
	    sha256) != CCS_OK) {
		rc = ccs_fail(f, CCS_EINVAL, "internal", "path too long");
		goto fail;
	}
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		rc = ccs_fail(f, CCS_EIO, "internal", "evidence file %s is "
		    "missing from %s", sha256, dir);
		goto fail;
	}
	return CCS_OK;
fail:
	json_decref(states);
	json_decref(incs);
	json_decref(*meta);
	*meta = NULL;
	return rc == CCS_OK ? CCS_EDB : rc;
}
