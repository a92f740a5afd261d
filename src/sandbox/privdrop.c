/*
 * privdrop.c: leaving root. Started as root, serve has already bound its
 * socket and opened its database and key files; it then gives the
 * evidence directory (which it writes later) to conf `user` and becomes
 * that user. setuid(2) in glibc changes every thread; there are none yet.
 */
#include <errno.h>
#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "sandbox/sandbox.h"
#include "util/err.h"
#include "util/str.h"

/* mkdir of one part; what it creates is @p pw's when @p pw is set */
static int
make_dir(const char *path, const struct passwd *pw)
{
	if (mkdir(path, 0750) != 0)
		return errno == EEXIST ? CCS_OK : CCS_EIO;
	if (pw != NULL && chown(path, pw->pw_uid, pw->pw_gid) != 0)
		return CCS_EIO;
	return CCS_OK;
}

/* mkdir -p, each missing part 0750 (and @p pw's, when set) */
static int
make_dirs(const char *path, const struct passwd *pw)
{
	char buf[1024];
	char *p;

	if (ccs_strlcpy(buf, path, sizeof(buf)) != CCS_OK)
		return CCS_EINVAL;
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (make_dir(buf, pw) != CCS_OK)
			return CCS_EIO;
		*p = '/';
	}
	return make_dir(buf, pw);
}

/*
 * Gives @p dir and everything under it, @p depth levels down, to
 * @p uid:@p gid without following links (evidence.c's layout is the
 * directory, two-hex-digit buckets, files).
 */
static int
chown_tree(const char *dir, unsigned depth, uid_t uid, gid_t gid)
{
	char path[1200];
	struct dirent *de;
	struct stat sb;
	DIR *d;
	int rc = CCS_OK;

	if (lchown(dir, uid, gid) != 0)
		return CCS_EIO;
	if (depth == 0)
		return CCS_OK;
	d = opendir(dir);
	if (d == NULL)
		return CCS_EIO;
	while (rc == CCS_OK) {
		de = readdir(d);
		if (de == NULL)
			break;
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (ccs_snprintf(path, sizeof(path), "%s/%s", dir,
		    de->d_name) != CCS_OK || lstat(path, &sb) != 0) {
			rc = CCS_EIO;
			break;
		}
		if (S_ISDIR(sb.st_mode))
			rc = chown_tree(path, depth - 1, uid, gid);
		else if (lchown(path, uid, gid) != 0)
			rc = CCS_EIO;
	}
	closedir(d);
	return rc;
}

int
ccs_sandbox_drop(const struct ccs_conf *c, char *err, size_t errlen)
{
	struct passwd *pw;
	gid_t gid;
	uid_t uid;

	if (geteuid() != 0) {
		if (make_dirs(c->evidence_dir, NULL) != CCS_OK) {
			(void)ccs_snprintf(err, errlen, "evidence_dir %s: "
			    "cannot create: %s", c->evidence_dir,
			    strerror(errno));
			return CCS_EIO;
		}
		return CCS_OK;
	}
	errno = 0;
	pw = getpwnam(c->user);
	if (pw == NULL) {
		(void)ccs_snprintf(err, errlen, "started as root but user '%s' "
		    "does not exist, and serve does not run as root: create "
		    "it (useradd --system --no-create-home %s) or set `user`",
		    c->user, c->user);
		return CCS_EINVAL;
	}
	uid = pw->pw_uid;
	gid = pw->pw_gid;
	if (uid == 0) {
		(void)ccs_snprintf(err, errlen, "user '%s' is root: set `user` "
		    "to an unprivileged account", c->user);
		return CCS_EINVAL;
	}
	/* the directories it makes are the user's, as is the tree below */
	if (make_dirs(c->evidence_dir, pw) != CCS_OK) {
		(void)ccs_snprintf(err, errlen, "evidence_dir %s: cannot "
		    "create: %s", c->evidence_dir, strerror(errno));
		return CCS_EIO;
	}
	if (chown_tree(c->evidence_dir, 2, uid, gid) != CCS_OK) {
		(void)ccs_snprintf(err, errlen, "evidence_dir %s: cannot give "
		    "it to user '%s': %s", c->evidence_dir, c->user,
		    strerror(errno));
		return CCS_EIO;
	}
	if (setgroups(1, &gid) != 0 || setgid(gid) != 0 || setuid(uid) !=
	    0) {
		(void)ccs_snprintf(err, errlen, "cannot become user '%s': %s",
		    c->user, strerror(errno));
		return CCS_EIO;
	}
	/* there is no way back */
	if (setuid(0) == 0 || geteuid() == 0) {
		(void)ccs_snprintf(err, errlen, "still root after becoming "
		    "'%s'", c->user);
		return CCS_EIO;
	}
	return CCS_OK;
}

int
ccs_sandbox_enter(const struct ccs_conf *c, struct ccs_log *log, char *err,
    size_t errlen)
{
	int rc;

	if (!c->sandbox)
		return CCS_OK;
	rc = ccs_landlock_apply(c, log, err, errlen);
	if (rc == CCS_OK)
		rc = ccs_seccomp_apply(err, errlen);
	return rc;
}
