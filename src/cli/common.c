/* common.c: plumbing shared by the subcommands. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cli.h"
#include "store/migrate.h"
#include "svc/capacity/kept.h"
#include "svc/sharing/reader_sets.h"
#include "svc/standards/status_months.h"
#include "util/err.h"
#include "util/str.h"

void
ccs_cli_err(const char *fmt, ...)
{
	va_list ap;

	fputs("ccscap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

bool
ccs_cli_has(const struct ccs_cli *cli, const char *flag)
{
	int i;

	for (i = 0; i < cli->argc; i++) {
		if (strcmp(cli->argv[i], flag) == 0)
			return true;
	}
	return false;
}

const char *
ccs_cli_opt(const struct ccs_cli *cli, const char *flag)
{
	int i;

	for (i = 0; i + 1 < cli->argc; i++) {
		if (strcmp(cli->argv[i], flag) == 0)
			return cli->argv[i + 1];
	}
	return NULL;
}

static bool
listed(const char *s, const char *const *list)
{
	for (; list && *list; list++) {
		if (strcmp(s, *list) == 0)
			return true;
	}
	return false;
}

bool
ccs_cli_only(const struct ccs_cli *cli, const char *const *allowed,
    const char *const *with_value)
{
	int i;

	for (i = 0; i < cli->argc; i++) {
		if (strncmp(cli->argv[i], "--", 2) != 0)
			continue;
		if (listed(cli->argv[i], with_value)) {
			if (i + 1 >= cli->argc) {
				ccs_cli_err("%s needs a value", cli->argv[i]);
				return false;
			}
			i++;
			continue;
		}
		if (!listed(cli->argv[i], allowed)) {
			ccs_cli_err("unknown option '%s' (see --help)",
			    cli->argv[i]);
			return false;
		}
	}
	return true;
}

void
ccs_cli_actor(struct ccs_principal *p)
{
	struct passwd *pw = getpwuid(getuid());

	memset(p, 0, sizeof(*p));
	p->system = true;
	p->role = CCS_ROLE_ADMIN;
	if (ccs_snprintf(p->login, sizeof(p->login), "cli:%s", pw ?
	    pw->pw_name : "unknown") != CCS_OK)
		(void)ccs_strlcpy(p->login, "cli", sizeof(p->login));
}

int
ccs_cli_open(struct ccs_cli *cli, unsigned pool, struct ccs_store **out)
{
	const char *db = cli->conf.db, *path;
	char err[512], dir[1024], *slash;
	struct ccs_db *conn;
	int rc, applied = 0;
	bool filled = false;

	/* Create the directory of an SQLite file ("var/") if missing. */
	if (strncmp(db, "postgres", 8) != 0) {
		path = strncmp(db, "sqlite:", 7) == 0 ? db + 7 : db;
		if (ccs_strlcpy(dir, path, sizeof(dir)) == CCS_OK) {
			slash = strrchr(dir, '/');
			if (slash != NULL && slash != dir) {
				*slash = '\0';
				if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
					ccs_cli_err("cannot create directory "
					    "%s: %s", dir, strerror(errno));
					return CCS_EIO;
				}
			}
		}
	}
	err[0] = '\0';
	rc = ccs_store_open(db, pool, out, err, sizeof(err));
	if (rc != CCS_OK) {
		ccs_cli_err("cannot open database: %s", err[0] ? err :
		    ccs_strerror(rc));
		return rc;
	}
	conn = ccs_store_acquire(*out);
	err[0] = '\0';
	rc = ccs_migrate(conn, &applied, err, sizeof(err));
	/* a migration that adds a kept table asks for it to be filled */
	if (rc == CCS_OK)
		rc = ccs_cap_kept_backfill(conn, &filled);
	if (rc == CCS_OK)
		rc = ccs_reader_sets_backfill(conn, &filled);
	if (rc == CCS_OK)
		rc = ccs_status_months_backfill(conn, &filled);
	if (rc != CCS_OK && err[0] == '\0')
		(void)ccs_snprintf(err, sizeof(err), "%s",
		    ccs_db_errmsg(conn));
	ccs_store_release(*out, conn);
	if (rc != CCS_OK) {
		ccs_cli_err("database schema: %s", err[0] ? err :
		    ccs_strerror(rc));
		ccs_store_close(*out);
		*out = NULL;
		return rc;
	}
	if (applied > 0)
		fprintf(stderr, "ccscap: applied %d schema migration(s)\n",
		    applied);
	return CCS_OK;
}

int
ccs_cli_key(struct ccs_cli *cli, bool create)
{
	const char *path = cli->conf.key_file;
	char hex[2 * CCS_SECRET_KEY_LEN + 2];
	size_t bin_len = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0) {
			ccs_cli_err("cannot create key file %s: %s", path,
			    strerror(errno));
			return CCS_EIO;
		}
		ccs_random(cli->key, sizeof(cli->key));
		sodium_bin2hex(hex, sizeof(hex), cli->key, sizeof(cli->key));
		hex[2 * CCS_SECRET_KEY_LEN] = '\n';
		n = write(fd, hex, 2 * CCS_SECRET_KEY_LEN + 1);
		sodium_memzero(hex, sizeof(hex));
		if (n != 2 * CCS_SECRET_KEY_LEN + 1 || fsync(fd) != 0) {
			close(fd);
			ccs_cli_err("cannot write key file %s", path);
			return CCS_EIO;
		}
		close(fd);
		fprintf(stderr, "ccscap: created key file %s (keep it with "
		    "backups: sealed secrets need it)\n", path);
		return CCS_OK;
	}
	if (fd < 0) {
		ccs_cli_err("cannot open key file %s: %s (run 'ccscap init' "
		    "first, or set key_file)", path, strerror(errno));
		return CCS_EIO;
	}
	n = read(fd, hex, sizeof(hex) - 1);
	close(fd);
	if (n < 2 * CCS_SECRET_KEY_LEN) {
		ccs_cli_err("key file %s: expected %d hex digits", path,
		    2 * CCS_SECRET_KEY_LEN);
		return CCS_EINVAL;
	}
	hex[2 * CCS_SECRET_KEY_LEN] = '\0';
	if (sodium_hex2bin(cli->key, sizeof(cli->key), hex,
	    2 * CCS_SECRET_KEY_LEN, NULL, &bin_len, NULL) != 0 ||
	    bin_len != CCS_SECRET_KEY_LEN) {
		sodium_memzero(hex, sizeof(hex));
		ccs_cli_err("key file %s: expected %d hex digits", path,
		    2 * CCS_SECRET_KEY_LEN);
		return CCS_EINVAL;
	}
	sodium_memzero(hex, sizeof(hex));
	return CCS_OK;
}

int
ccs_cli_read_password(char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, stdin) == NULL) {
		ccs_cli_err("expected the password on standard input");
		return CCS_EINVAL;
	}
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (!feof(stdin)) {
		sodium_memzero(buf, len);
		ccs_cli_err("password on standard input is too long (at most "
		    "%d bytes)", CCS_PASSWORD_MAX);
		return CCS_ETOOBIG;
	}
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return CCS_OK;
}

void
ccs_cli_put_text(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p != NULL && *p != '\0'; p++) {
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			fputc('?', out);	/* a C1 control, e.g. CSI */
			p++;
		} else if (*p < 0x20 || *p == 0x7F)
			fputc('?', out);
		else
			fputc(*p, out);
	}
}

double
ccs_cli_mono(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
