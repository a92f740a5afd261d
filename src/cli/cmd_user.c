/* cmd_user.c: `ccscap user ...` and `ccscap token create`. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "svc/platform/accounts.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

/* Runs @p fn inside one write transaction; prints failures. */
struct user_op {
	struct ccs_cli		*cli;		/* command line */
	const char		*login;		/* target login */
	char			 pw[CCS_PASSWORD_MAX + 2];	/* password */
	char			 secret[CCS_TOTP_B32_LEN];	/* TOTP out */
	char			 token[CCS_TOKEN_LEN];	/* token out */
	struct ccs_fail		 f;		/* failure */
};

typedef int (*op_fn)(struct ccs_db *, struct user_op *, int64_t now);

static int
run_op(struct user_op *op, op_fn fn)
{
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	int rc;

	if (ccs_cli_open(op->cli, 1, &st) != CCS_OK)
		return CCS_EDB;
	db = ccs_store_acquire(st);
	rc = ccs_db_begin(db, true);
	if (rc == CCS_OK)
		rc = fn(db, op, (int64_t)time(NULL));
	if (rc == CCS_OK)
		rc = ccs_db_commit(db);
	if (rc != CCS_OK)
		ccs_cli_err("%s", op->f.code ? op->f.message : ccs_strerror(rc));
	ccs_store_release(st, db);
	ccs_store_close(st);
	return rc;
}

static int
op_add(struct ccs_db *db, struct user_op *op, int64_t now)
{
	struct ccs_principal actor;
	struct ccs_user_spec u;
	int64_t id;

	ccs_cli_actor(&actor);
	u.login = op->login;
	u.display_name = ccs_cli_opt(op->cli, "--name") ?
	    ccs_cli_opt(op->cli, "--name") : op->login;
	u.role = ccs_cli_opt(op->cli, "--role");
	u.state = ccs_cli_opt(op->cli, "--state");
	u.password = op->pw;
	u.org_id = 0;
	if (ccs_cli_opt(op->cli, "--org") != NULL && ccs_parse_i64(
	    ccs_cli_opt(op->cli, "--org"), 1, INT64_MAX, &u.org_id) != CCS_OK)
		return ccs_fail(&op->f, CCS_EINVAL, "invalid_organisation",
		    "--org must be an organisation id (see GET "
		    "/api/v1/organisations)");
	return ccs_user_add(db, op->cli->key, &actor, &u, now, &id, op->secret,
	    &op->f);
}

static int
op_passwd(struct ccs_db *db, struct user_op *op, int64_t now)
{
	struct ccs_principal actor;

	ccs_cli_actor(&actor);
	return ccs_user_passwd(db, &actor, op->login, op->pw, now, &op->f);
}

static int
op_disable(struct ccs_db *db, struct user_op *op, int64_t now)
{
	struct ccs_principal actor;

	ccs_cli_actor(&actor);
	return ccs_user_set_disabled(db, &actor, op->login,
	    !ccs_cli_has(op->cli, "--enable"), now, &op->f);
}

static int
op_totp(struct ccs_db *db, struct user_op *op, int64_t now)
{
	struct ccs_principal actor;

	ccs_cli_actor(&actor);
	return ccs_totp_reset(db, op->cli->key, &actor, op->login, now,
	    op->secret, &op->f);
}

static int
op_token(struct ccs_db *db, struct user_op *op, int64_t now)
{
	struct ccs_principal actor;
	const char *days = ccs_cli_opt(op->cli, "--days");
	int64_t d = 90;

	if (days != NULL && ccs_parse_i64(days, 0, 3650, &d) != CCS_OK)
		return ccs_fail(&op->f, CCS_EINVAL, "invalid_ttl", "--days must "
		    "be 0-3650");
	ccs_cli_actor(&actor);
	return ccs_apitoken_create(db, &actor, op->login, ccs_cli_opt(op->cli,
	    "--name"), d, now, op->token, &op->f);
}

static int
list_users(struct ccs_cli *cli)
{
	struct ccs_store *st = NULL;
	struct ccs_db *db;
	json_t *users = NULL, *u;
	size_t i;
	int rc;

	if (ccs_cli_open(cli, 1, &st) != CCS_OK)
		return 1;
	db = ccs_store_acquire(st);
	rc = ccs_user_list(db, &users);
	ccs_store_release(st, db);
	ccs_store_close(st);
	if (rc != CCS_OK) {
		ccs_cli_err("cannot list users: %s", ccs_strerror(rc));
		return 1;
	}
	if (ccs_cli_has(cli, "--json")) {
		json_dumpf(users, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		printf("%-24s %-13s %-5s %-4s %s\n", "LOGIN", "ROLE", "STATE",
		    "TOTP", "STATUS");
		json_array_foreach(users, i, u) {
			const char *state = json_string_value(
			    json_object_get(u, "state_code"));

			printf("%-24s %-13s %-5s %-4s %s\n", json_string_value(
			    json_object_get(u, "login")), json_string_value(
			    json_object_get(u, "role")), state ? state : "-",
			    json_integer_value(json_object_get(u,
			    "totp_enabled")) ? "yes" : "no",
			    json_integer_value(json_object_get(u, "disabled")) ?
			    "disabled" : "active");
		}
	}
	json_decref(users);
	return 0;
}

int
ccs_cmd_user(struct ccs_cli *cli)
{
	static const char *const flags[] = { "--password-stdin", "--json",
	    "--enable", NULL };
	static const char *const valued[] = { "--role", "--state", "--name",
	    "--org", NULL };
	struct user_op op;
	const char *sub;
	int rc;

	if (cli->argc < 1) {
		ccs_cli_err("user: expected add, passwd, list, disable or totp "
		    "(see 'ccscap user --help')");
		return 2;
	}
	if (!ccs_cli_only(cli, flags, valued))
		return 2;
	sub = cli->argv[0];
	if (strcmp(sub, "list") == 0)
		return list_users(cli);
	memset(&op, 0, sizeof(op));
	op.cli = cli;
	op.login = cli->argc >= 2 ? cli->argv[1] : NULL;
	if (op.login == NULL || op.login[0] == '-') {
		ccs_cli_err("user %s: expected a LOGIN", sub);
		return 2;
	}
	if (ccs_cli_key(cli, false) != CCS_OK)
		return 1;
	if (strcmp(sub, "add") == 0 || strcmp(sub, "passwd") == 0) {
		if (!ccs_cli_has(cli, "--password-stdin")) {
			ccs_cli_err("user %s: give the password on standard "
			    "input with --password-stdin (never on the command "
			    "line)", sub);
			return 2;
		}
		if (strcmp(sub, "add") == 0 && ccs_cli_opt(cli, "--role") ==
		    NULL) {
			ccs_cli_err("user add: --role is required");
			return 2;
		}
		if (ccs_cli_read_password(op.pw, sizeof(op.pw)) != CCS_OK)
			return 2;
		rc = run_op(&op, strcmp(sub, "add") == 0 ? op_add : op_passwd);
		ccs_wipe(op.pw, sizeof(op.pw));
		if (rc != CCS_OK)
			return 1;
		printf("user %s %s\n", op.login, strcmp(sub, "add") == 0 ?
		    "created" : "password changed; their sessions were ended");
		if (op.secret[0] != '\0')
			printf("one-time code secret (give it to the user "
			    "securely; required to sign in): %s\n", op.secret);
		ccs_wipe(op.secret, sizeof(op.secret));
		return 0;
	}
	if (strcmp(sub, "disable") == 0) {
		if (run_op(&op, op_disable) != CCS_OK)
			return 1;
		printf("user %s %s\n", op.login, ccs_cli_has(cli, "--enable") ?
		    "enabled" : "disabled; sessions ended, tokens revoked");
		return 0;
	}
	if (strcmp(sub, "totp") == 0) {
		if (run_op(&op, op_totp) != CCS_OK)
			return 1;
		printf("new one-time code secret for %s: %s\n", op.login,
		    op.secret);
		ccs_wipe(op.secret, sizeof(op.secret));
		return 0;
	}
	ccs_cli_err("user: unknown subcommand '%s'", sub);
	return 2;
}

int
ccs_cmd_token(struct ccs_cli *cli)
{
	static const char *const valued[] = { "--user", "--name", "--days",
	    NULL };
	struct user_op op;

	if (cli->argc < 1 || strcmp(cli->argv[0], "create") != 0) {
		ccs_cli_err("token: expected 'create' (see 'ccscap token "
		    "--help')");
		return 2;
	}
	if (!ccs_cli_only(cli, NULL, valued))
		return 2;
	memset(&op, 0, sizeof(op));
	op.cli = cli;
	op.login = ccs_cli_opt(cli, "--user");
	if (op.login == NULL || ccs_cli_opt(cli, "--name") == NULL) {
		ccs_cli_err("token create: --user and --name are required");
		return 2;
	}
	if (run_op(&op, op_token) != CCS_OK)
		return 1;
	printf("%s\n", op.token);
	fprintf(stderr, "ccscap: token for %s created; it is shown only "
	    "now\n", op.login);
	ccs_wipe(op.token, sizeof(op.token));
	return 0;
}
