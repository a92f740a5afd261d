/*
 * landlock.c: file access of a serving process, with the raw Landlock
 * system calls (linux/landlock.h). Everything the ruleset handles is
 * denied except beneath these paths:
 *
 *   read and write  the evidence directory (uploads, reports' files), the
 *                   SQLite database's directory (WAL and journal files),
 *                   the temporary directories ($TMPDIR or /tmp: spreadsheet
 *                   exports; /var/tmp: SQLite's sort files), /dev/null
 *   read            the key files, the TLS certificate and key directories
 *                   (SIGHUP reads them again; also the directories of the
 *                   files they link to, as certbot's live/ links do), the
 *                   IATI schema's directory; system files libraries read
 *                   while serving: /usr (shared libraries, fonts, zoneinfo,
 *                   CA certificates), /etc's resolver, TLS and font
 *                   settings, fontconfig's cache, /proc and the CPU list
 *
 * Web assets, seed data and migrations are compiled into the binary, so
 * no path of the source tree is needed. A kernel without Landlock (or
 * with it disabled) gets a logged warning and no file restriction; the
 * seccomp filter still applies.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/landlock.h>

#include "sandbox/sandbox.h"
#include "util/err.h"
#include "util/str.h"

#define FS_READ	(LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_RW	(FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE |		\
	LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |\
	LANDLOCK_ACCESS_FS_MAKE_DIR | LANDLOCK_ACCESS_FS_MAKE_REG)
/* file-only rights: a rule on a file (not a directory) takes only these */
#define FS_FILE	(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
	LANDLOCK_ACCESS_FS_READ_FILE)
/* ABI 2 and 3 rights, spelled out: Debian 12's headers may lack them */
#define FS_REFER	(1ULL << 13)
#define FS_TRUNCATE	(1ULL << 14)

/* what a writable path gets */
#define FS_WRITABLE	(FS_RW | FS_TRUNCATE | FS_REFER)

/* System paths read while serving; a missing one is skipped. */
static const char *const system_ro[] = {
	"/usr", "/lib", "/lib64", "/etc/ssl", "/etc/ca-certificates",
	"/etc/fonts", "/etc/gnutls", "/etc/resolv.conf", "/etc/hosts",
	"/etc/nsswitch.conf", "/etc/gai.conf", "/etc/host.conf",
	"/etc/services", "/etc/localtime", "/etc/ld.so.cache",
	"/etc/postgresql-common", "/var/cache/fontconfig", "/proc",
	"/sys/devices/system/cpu", "/dev/urandom", NULL
};

struct ruleset {
	int		 fd;		/* the ruleset */
	uint64_t	 handled;	/* rights it handles */
};

static int
add_path(const struct ruleset *rs, const char *path, uint64_t access)
{
	struct landlock_path_beneath_attr pb;
	struct stat sb;
	int fd, rc;

	/* missing, or out of the service user's reach: nothing to allow */
	fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == EACCES ? CCS_OK : CCS_EIO;
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return CCS_EIO;
	}
	if (!S_ISDIR(sb.st_mode))
		access &= FS_FILE | FS_TRUNCATE;
	memset(&pb, 0, sizeof(pb));
	pb.parent_fd = fd;
	pb.allowed_access = access & rs->handled;
	rc = (int)syscall(SYS_landlock_add_rule, rs->fd,
	    LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	close(fd);
	return rc == 0 ? CCS_OK : CCS_EIO;
}

/* The directory of @p path, and that of the file it resolves to. */
static int
add_dir_of(const struct ruleset *rs, const char *path, uint64_t access)
{
	char buf[PATH_MAX], real[PATH_MAX];
	int rc;

	if (path[0] == '\0')
		return CCS_OK;
	if (ccs_strlcpy(buf, path, sizeof(buf)) != CCS_OK)
		return CCS_EINVAL;
	rc = add_path(rs, dirname(buf), access);
	if (rc == CCS_OK && realpath(path, real) != NULL)
		rc = add_path(rs, dirname(real), access);
	return rc;
}

static int
add_rules(const struct ruleset *rs, const struct ccs_conf *c)
{
	const char *tmp = getenv("TMPDIR");
	const char *db = c->db;
	size_t i;
	int rc = CCS_OK;

	for (i = 0; system_ro[i] != NULL && rc == CCS_OK; i++)
		rc = add_path(rs, system_ro[i], FS_READ);
	if (rc == CCS_OK)
		rc = add_path(rs, "/dev/null", FS_WRITABLE);
	if (rc == CCS_OK)
		rc = add_path(rs, tmp != NULL && tmp[0] == '/' ? tmp : "/tmp",
		    FS_WRITABLE);
	/* SQLite puts its sort files in the first of /var/tmp, /usr/tmp,
	 * /tmp it may write */
	if (rc == CCS_OK)
		rc = add_path(rs, "/var/tmp", FS_WRITABLE);
	if (rc == CCS_OK)
		rc = add_path(rs, c->evidence_dir, FS_WRITABLE);
	if (rc == CCS_OK && strncmp(db, "postgres", 8) != 0)
		rc = add_dir_of(rs, strncmp(db, "sqlite:", 7) == 0 ? db + 7 :
		    db, FS_WRITABLE);
	if (rc == CCS_OK)
		rc = add_path(rs, c->key_file, FS_READ);
	if (rc == CCS_OK)
		rc = add_path(rs, c->report_key_file, FS_READ);
	if (rc == CCS_OK)
		rc = add_dir_of(rs, c->tls_cert, FS_READ);
	if (rc == CCS_OK)
		rc = add_dir_of(rs, c->tls_key, FS_READ);
	if (rc == CCS_OK)
		rc = add_dir_of(rs, c->iati_schema, FS_READ);
	return rc;
}

int
ccs_landlock_apply(const struct ccs_conf *c, struct ccs_log *log, char *err,
    size_t errlen)
{
	struct landlock_ruleset_attr attr;
	struct ruleset rs = { -1, 0 };
	long abi;
	int rc;

	abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1) {
		ccs_log_event(log, CCS_LOG_WARN, "landlock_unavailable",
		    json_pack("{s:s}", "reason", errno == EOPNOTSUPP ?
		    "disabled in this kernel" : "not in this kernel"));
		return CCS_OK;
	}
	rs.handled = FS_RW | FS_FILE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
	    LANDLOCK_ACCESS_FS_MAKE_SOCK | LANDLOCK_ACCESS_FS_MAKE_FIFO |
	    LANDLOCK_ACCESS_FS_MAKE_BLOCK | LANDLOCK_ACCESS_FS_MAKE_SYM;
	if (abi >= 2)
		rs.handled |= FS_REFER;
	if (abi >= 3)
		rs.handled |= FS_TRUNCATE;
	memset(&attr, 0, sizeof(attr));
	attr.handled_access_fs = rs.handled;
	rs.fd = (int)syscall(SYS_landlock_create_ruleset, &attr,
	    sizeof(attr), 0);
	if (rs.fd < 0) {
		(void)ccs_snprintf(err, errlen, "landlock: cannot create a "
		    "ruleset: %s", strerror(errno));
		return CCS_EIO;
	}
	rc = add_rules(&rs, c);
	if (rc != CCS_OK)
		(void)ccs_snprintf(err, errlen, "landlock: cannot add a rule: "
		    "%s", strerror(errno));
	/* required to restrict oneself without CAP_SYS_ADMIN */
	if (rc == CCS_OK && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		(void)ccs_snprintf(err, errlen, "no_new_privs: %s",
		    strerror(errno));
		rc = CCS_EIO;
	}
	if (rc == CCS_OK && syscall(SYS_landlock_restrict_self, rs.fd, 0) !=
	    0) {
		(void)ccs_snprintf(err, errlen, "landlock: cannot restrict: "
		    "%s", strerror(errno));
		rc = CCS_EIO;
	}
	close(rs.fd);
	return rc;
}
