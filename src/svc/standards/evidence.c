/*
 * evidence.c: content-addressed evidence files.
 *
 * A file is written to a temporary name in its final directory, flushed,
 * then renamed, so a crash never leaves a half-written file under a hash
 * name; writing the same content twice is a no-op. The database row is
 * written in the request's transaction: if that rolls back, an unreferenced
 * file may remain on disk, which is harmless (same content, same name).
 *
 * Who reads a file, and who may attach it to a new record, is one decision
 * (ccs_evidence_readable): its uploaders and the readers of the records it
 * is attached to (the attachments table below). Knowing a file's hash
 * grants nothing: a hash is often public (a malware sample's, or a
 * file-hash indicator in a GREEN report).
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
	struct ccs_val v[5], w[3];
	int64_t n = 0, m = 1;
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
	v[1] = CCS_VINT((int64_t)len);
	v[2] = CCS_VTEXT(type);
	v[3] = CCS_VTEXT(p->login[0] ? p->login : "system");
	v[4] = CCS_VINT(now);
	rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM evidence_files WHERE "
	    "sha256 = $1", v, 1, &n);
	if (rc == CCS_OK && n == 0)
		/* Two uploads of one file may race: the second is a no-op. */
		rc = ccs_db_exec(db, "INSERT INTO evidence_files (sha256, size, "
		    "content_type, uploaded_by, created_at) VALUES ($1, $2, $3, "
		    "$4, $5) ON CONFLICT (sha256) DO NOTHING", v, 5, NULL, NULL);
	/* Every uploader is recorded, not only the first: an upload of
	 * bytes already stored lets this user attach them, and the answer
	 * never tells that someone else holds the same file. */
	if (rc == CCS_OK && p->user_id > 0) {
		w[0] = v[0];
		w[1] = CCS_VINT(p->user_id);
		w[2] = v[4];
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "evidence_uploads WHERE sha256 = $1 AND user_id = $2", w, 2,
		    &m);
		if (rc == CCS_OK && m == 0)
			rc = ccs_db_exec(db, "INSERT INTO evidence_uploads "
			    "(sha256, user_id, created_at) VALUES ($1, $2, $3) "
			    "ON CONFLICT DO NOTHING", w, 3, NULL, NULL);
	}
	if (rc == CCS_OK && (n == 0 || m == 0))
		rc = ccs_audit_recordf(db, p, "evidence.upload", "evidence",
		    NULL, now, "%s", sha);
	if (rc != CCS_OK)
		return ccs_fail(f, rc == CCS_EBUSY ? rc : CCS_EDB, "internal",
		    "%s", ccs_db_errmsg(db));
	*out = json_pack("{s:s, s:I, s:s}", "sha256", sha, "size",
	    (json_int_t)len, "content_type", type);
	return CCS_OK;
}

/*
 * Every table that attaches evidence files to records, and how the readers
 * of those records are found. ccs_evidence_readable() reads only this
 * table, so a file is readable by the union of its records' readers (and
 * its uploaders), never more; a new domain that attaches files adds its
 * row here (docs/internals/POLICY.md).
 */
static const struct attachment {
	bool		 marked;	/* rows carry CCS_MARKING_COLS,
					 * no ORDER BY (marking.h); else
					 * state_code (EVIDENCE_READ) */
	const char	*sql;		/* the records holding file $1 */
} attachments[] = {
	/* status records: a regional role or the record's state */
	{ false, "SELECT DISTINCT a.state_code FROM assessment_files af JOIN "
	    "assessments a ON a.id = af.assessment_id WHERE af.sha256 = $1 "
	    "ORDER BY a.state_code" },
	/* incidents: their TLP marking, never a role alone */
	{ true, "SELECT i.id, " CCS_MARKING_COLS " FROM incident_files x JOIN "
	    "incidents i ON i.id = x.incident_id JOIN markings m ON m.id = "
	    "i.marking_id WHERE x.sha256 = $1" },
};

static bool
sha_ok(const char *sha256)
{
	return sha256 != NULL && strlen(sha256) == 64 &&
	    strspn(sha256, "0123456789abcdef") == 64;
}

/* Whether @p p may read one of the records of @p a that hold @p v. */
static int
attachment_readable(struct ccs_db *db, const struct ccs_principal *p,
    const struct attachment *a, const struct ccs_val *v, bool *ok)
{
	json_t *rows = NULL, *row;
	size_t i;
	int rc;

	/* the reader's sets in the query: one readable record, by index */
	if (a->marked)
		return ccs_marking_any(db, p, a->sql, v, 1, ok);
	rc = ccs_db_query_json(db, a->sql, v, 1, &rows);
	json_array_foreach(rows, i, row) {
		if (rc == CCS_OK && ccs_policy_check(p, CCS_ACT_EVIDENCE_READ,
		    ccs_jstr(row, "state_code")) == CCS_OK)
			*ok = true;
	}
	json_decref(rows);
	return rc;
}

int
ccs_evidence_readable(struct ccs_db *db, const struct ccs_principal *p,
    const char *sha256, bool *ok)
{
	struct ccs_val v[2];
	int64_t n = 0;
	size_t i;
	int rc;

	*ok = false;
	if (!sha_ok(sha256) || p == NULL)
		return CCS_OK;
	v[0] = CCS_VTEXT(sha256);
	if (p->user_id > 0) {
		v[1] = CCS_VINT(p->user_id);
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM "
		    "evidence_uploads WHERE sha256 = $1 AND user_id = $2", v, 2,
		    &n);
		if (rc != CCS_OK)
			return rc;
		if (n > 0) {
			*ok = true;
			return CCS_OK;
		}
	}
	for (i = 0; i < sizeof(attachments) / sizeof(attachments[0]) && !*ok;
	    i++) {
		rc = attachment_readable(db, p, &attachments[i], v, ok);
		if (rc != CCS_OK) {
			*ok = false;
			return rc;
		}
	}
	return CCS_OK;
}

int
ccs_evidence_ref_check(struct ccs_db *db, const struct ccs_principal *p,
    const char *sha256, const char *what, const char *code,
    struct ccs_fail *f)
{
	bool ok;
	int rc;

	rc = ccs_evidence_readable(db, p, sha256, &ok);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	/* One answer for a hash never uploaded and for a file held only by
	 * records @p p may not read: whether a file exists is not shared. */
	if (!ok)
		return ccs_fail(f, CCS_EINVAL, code, "%s: no file with that "
		    "SHA-256 that you uploaded or may read; upload it first "
		    "(POST /api/v1/evidence)", what);
	return CCS_OK;
}

int
ccs_evidence_open(struct ccs_db *db, const char *dir,
    const struct ccs_principal *p, const char *sha256, int *fd, json_t **meta,
    struct ccs_fail *f)
{
	struct ccs_val v = CCS_VTEXT(sha256);
	char path[1200];
	bool ok = false;
	int rc;

	*fd = -1;
	*meta = NULL;
	rc = ccs_evidence_readable(db, p, sha256, &ok);
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
	/* Same answer as a missing file: existence is not shared. */
	if (!ok)
		return ccs_fail(f, CCS_ENOTFOUND, "not_found", "no such file");
	rc = ccs_db_query_one(db, "SELECT sha256, size, content_type FROM "
	    "evidence_files WHERE sha256 = $1", &v, 1, meta);
	if (rc == CCS_ENOTFOUND)
		return ccs_fail(f, rc, "not_found", "no such file");
	if (rc != CCS_OK)
		return ccs_dbfail(f, db, rc);
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
	json_decref(*meta);
	*meta = NULL;
	return rc;
}
