/*
 * cli.h: shared plumbing of the ccscap subcommands: options, configuration,
 * the installation key, opening the store, reading passwords from stdin.
 */
#ifndef CCS_CLI_H
#define CCS_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "conf/conf.h"
#include "core/policy.h"
#include "store/store.h"
#include "util/crypto.h"

struct ccs_cli {
	struct ccs_conf		 conf;		/* effective configuration */
	unsigned char		 key[CCS_SECRET_KEY_LEN];	/* sealing key */
	const char		*prog;		/* argv[0] */
	int			 argc;		/* arguments after the command */
	char			**argv;		/* (global flags removed) */
};

/** One subcommand. */
struct ccs_cmd {
	const char	*name;		/* "init", "user", ... */
	const char	*summary;	/* one line for --help */
	const char	*usage;		/* full help text */
	int		(*run)(struct ccs_cli *cli);	/* exit status */
};

/** Opens the configured store with @p pool connections and migrates it. */
int	ccs_cli_open(struct ccs_cli *cli, unsigned pool, struct ccs_store **out);
/** Loads the key file; creates it (0600) when @p create and missing. */
int	ccs_cli_key(struct ccs_cli *cli, bool create);
/** Reads one line (the password) from stdin into @p buf; wipes on error. */
int	ccs_cli_read_password(char *buf, size_t len);
/** The operator as audit actor: "cli:<unix user>". */
void	ccs_cli_actor(struct ccs_principal *p);
/** True when argv has @p flag; removes nothing. */
bool	ccs_cli_has(const struct ccs_cli *cli, const char *flag);
/** Value following @p flag ("--role admin"), or NULL. */
const char *ccs_cli_opt(const struct ccs_cli *cli, const char *flag);
/** Checks that every "--x" in argv is in @p allowed (NULL-ended) and
 * prints an error naming the first unknown one. */
bool	ccs_cli_only(const struct ccs_cli *cli, const char *const *allowed,
	    const char *const *with_value);
/** Prints "ccscap: " and the message to stderr. */
void	ccs_cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * Writes @p s (file or user text, may be NULL) to @p out with C0, DEL and
 * C1 controls as '?', so nothing a file holds can drive the terminal.
 */
void	ccs_cli_put_text(FILE *out, const char *s);

/** Monotonic seconds, for progress lines. */
double	ccs_cli_mono(void);

int	ccs_cmd_init(struct ccs_cli *cli);
/* TAXII 2.1 server (issue 14) */
int	ccs_cmd_taxii(struct ccs_cli *cli);
int	ccs_cmd_sync(struct ccs_cli *cli);
int	ccs_cmd_serve(struct ccs_cli *cli);
int	ccs_cmd_user(struct ccs_cli *cli);
int	ccs_cmd_token(struct ccs_cli *cli);
int	ccs_cmd_backup(struct ccs_cli *cli);
int	ccs_cmd_restore(struct ccs_cli *cli);
int	ccs_cmd_verify_audit(struct ccs_cli *cli);
/* cmd_custody.c: verify-custody (forensics) */
int	ccs_cmd_verify_custody(struct ccs_cli *cli);
/* cmd_assessments_csv.c: import assessments; stix, misp and csv go on to
 * ccs_cmd_import_ix */
int	ccs_cmd_import(struct ccs_cli *cli);
int	ccs_cmd_gaps(struct ccs_cli *cli);
/* cmd_interchange.c: import stix|misp|csv, export stix */
int	ccs_cmd_import_ix(struct ccs_cli *cli);
int	ccs_cmd_export(struct ccs_cli *cli);

/* cmd_iati.c: import iati, export iati (IATI 2.03 activities) */
int	ccs_cmd_import_iati(struct ccs_cli *cli);
int	ccs_cmd_export_iati(struct ccs_cli *cli);

/* cmd_capacity.c: capacity --rebuild (cap-perf) */
int	ccs_cmd_capacity(struct ccs_cli *cli);

/* cmd_report.c: monitoring reports (mon-reports) */
int	ccs_cmd_report(struct ccs_cli *cli);
/* cmd_report_keys.c: the keyring of public reports (svc/reporting) */
struct ccs_report_keys;
/** Loads report_key_file into *out (free with ccs_report_keys_free);
 * creates it while the database holds no report. */
int	ccs_cli_report_keys(struct ccs_cli *cli, struct ccs_store *st,
	    struct ccs_report_keys **out /* OUT */);
int	ccs_cmd_report_keys(struct ccs_cli *cli);

#endif
