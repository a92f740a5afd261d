/*
 * main.c: the ccscap command. Global options (--config, --db, --listen) may
 * appear anywhere; configuration precedence is defaults < file < environment
 * < flags. Each subcommand lives in its own cmd_*.c file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ccs_config.h"
#include "cli/cli.h"
#include "util/err.h"
#include "util/mem.h"

static const struct ccs_cmd cmds[] = {
	{ "init", "create or upgrade the database and load the CCSCAP content",
	  "usage: ccscap init [--demo] [--demo-credentials FILE]\n\n"
	  "Creates the database (or applies new migrations), the key file, and\n"
	  "loads the states, bodies and partners of the plan. --demo adds\n"
	  "fictitious contacts and one account per role; their sign-in details\n"
	  "are written to FILE (default: the database path + .demo-credentials,\n"
	  "mode 0600).\n", ccs_cmd_init },
	{ "serve", "run the web server",
	  "usage: ccscap serve [--listen HOST:PORT]\n\n"
	  "Applies pending migrations and serves the API and web UI until\n"
	  "SIGINT or SIGTERM. Logs are JSON lines on standard error.\n",
	  ccs_cmd_serve },
	{ "user", "manage accounts",
	  "usage: ccscap user add LOGIN --role ROLE [--state XX] [--name NAME]"
	  " [--org ID]\n"
	  "                        --password-stdin\n"
	  "       ccscap user passwd LOGIN --password-stdin\n"
	  "       ccscap user list [--json]\n"
	  "       ccscap user disable LOGIN [--enable]\n"
	  "       ccscap user totp LOGIN\n\n"
	  "Roles: admin, coordinator, rifc_analyst, ncpoc, cert, steering,\n"
	  "partner. ncpoc and cert need --state (ISO code). --org is the user's\n"
	  "organisation (its id in the directory): TLP:AMBER+STRICT records\n"
	  "are shared within the source organisation. Administrators get\n"
	  "a one-time-code secret at creation; 'user totp' issues a new one.\n"
	  "Passwords (12-1024 characters) are read from standard input, never\n"
	  "from the command line.\n", ccs_cmd_user },
	{ "token", "create API tokens for machines",
	  "usage: ccscap token create --user LOGIN --name NAME [--days N]\n\n"
	  "Prints a new bearer token once (default lifetime 90 days, 0 for no\n"
	  "expiry). Only its hash is stored.\n", ccs_cmd_token },
	{ "backup", "write a portable backup of the database",
	  "usage: ccscap backup FILE\n\n"
	  "Writes every table as JSON, consistent as of one transaction. The\n"
	  "file restores into SQLite or PostgreSQL. Keep the key file too.\n",
	  ccs_cmd_backup },
	{ "restore", "restore a backup into an empty database",
	  "usage: ccscap restore FILE\n\n"
	  "Loads a backup into a freshly created database (all or nothing),\n"
	  "then verifies the audit chain.\n", ccs_cmd_restore },
	{ "verify-audit", "check the audit trail's hash chain",
	  "usage: ccscap verify-audit\n\n"
	  "Recomputes the hash chain. Prints 'audit chain OK' and exits 0, or\n"
	  "names the first broken event and exits 1.\n", ccs_cmd_verify_audit },
	/* forensics: chain of custody */
	{ "verify-custody", "check an evidence item's custody chain",
	  "usage: ccscap verify-custody ITEM\n\n"
	  "Recomputes the hash chain of evidence item ITEM's custody log.\n"
	  "Prints 'custody chain OK' with the entries and any SHA-256\n"
	  "mismatch flagged, and exits 0; or names the first broken entry and\n"
	  "why, and exits 1. A missing item exits 2.\n",
	  ccs_cmd_verify_custody },
	{ "import", "import status records, STIX, MISP, indicator CSV or IATI",
	  "usage: ccscap import assessments FILE.csv [--dry-run]\n"
	  "       ccscap import iati FILE [--dry-run]\n"
	  "       ccscap import iati --schema-only FILE...\n"
	  "       ccscap import stix|misp|csv FILE [--tlp LEVEL] [--state XX]\n"
	  "                        [--partial] [--dry-run]\n\n"
	  "iati: IATI 2.0x activities as initiatives, run as the\n"
	  "operator in one transaction, streamed. Organisations are\n"
	  "matched by IATI ref or exact name and must be in the\n"
	  "directory; an activity whose identifier exists updates that\n"
	  "initiative. Any error stores nothing and is printed as\n"
	  "FILE: element path: line N: message. With iati_schema set\n"
	  "the file is also validated against that XSD. --schema-only\n"
	  "checks each file named against the IATI 2.03 schema only (no\n"
	  "code lists, no directory, nothing stored): a line for each\n"
	  "valid file, the errors of the others, exit 1 if any fails.\n\n"
	  "stix, misp, csv: threat-intel interchange, run as the operator in one\n"
	  "transaction. STIX bundles are read as a stream (any size); MISP and\n"
	  "CSV files up to 32 MiB. --tlp is the TLP of records the file leaves\n"
	  "unmarked (default amber); --state the reporting state (required for\n"
	  "incidents: STIX incidents, MISP events). Any invalid object stores\n"
	  "nothing, and every error is printed as FILE: path: message; with\n"
	  "--partial the invalid objects are skipped and the rest stored. A\n"
	  "progress bar is drawn when standard error is a terminal.\n\n"
	  "assessments:\n"
	  "Submits every row as the operator, with the same checks and audit\n"
	  "events as the API, in one transaction: if any row is wrong, each\n"
	  "error is printed as FILE:LINE: field: message and nothing is stored.\n"
	  "The header names the columns (any order): state, standard, as_of,\n"
	  "level, source, and optionally evidence and links. level is the\n"
	  "0-based number or the label of the standard's scale; links are\n"
	  "separated by spaces. At most 100,000 rows and 32 MiB; FILE may be\n"
	  "'-' for standard input. --dry-run checks everything, stores nothing.\n",
	  ccs_cmd_import },
	{ "export", "export STIX 2.1 (what a user may read) or IATI 2.03",
	  "usage: ccscap export stix (--as LOGIN | --all) [--since DATE]\n"
	  "                          [--out FILE]\n"
	  "       ccscap export iati [--out FILE]\n\n"
	  "iati: every initiative as one IATI 2.03 activities document\n"
	  "(valid against the 2.03 schema), to FILE (replaced only when\n"
	  "complete) or standard output.\n\n"
	  "--as LOGIN exports exactly what that user may read (the same TLP\n"
	  "checks as GET /api/v1/export/stix, without its size cap); --all is\n"
	  "the operator's full export of every record whatever its marking, for\n"
	  "migration and backup between ccscap installations. One of the two\n"
	  "is required: the command never guesses whose view to export.\n"
	  "--since (YYYY-MM-DD or RFC 3339) keeps records stored or changed\n"
	  "since then. Writes to FILE (replaced only when complete) or standard\n"
	  "output. The export is recorded in the audit trail.\n",
	  ccs_cmd_export },
	/* TAXII 2.1 server (issue 14) */
	{ "taxii", "TAXII 2.1 collections, grants and publishing",
	  "usage: ccscap taxii collection add ROOT --title TITLE\n"
	  "                        [--description TEXT] [--tlp LEVEL]\n"
	  "       ccscap taxii collection list\n"
	  "       ccscap taxii grant COLLECTION (--user LOGIN | --org ID |\n"
	  "                        --any | --public) [--read] [--write]\n"
	  "       ccscap taxii publish [--since TIME]\n\n"
	  "ROOT is an API root: public (TLP:CLEAR only), caricom-rcc or\n"
	  "xx-national (xx a state code in lower case). --tlp is the most\n"
	  "restricted TLP the collection holds (default green); records are\n"
	  "filed into every collection their marking fits as they are\n"
	  "imported (TLP:RED and AMBER+STRICT never automatically), and a\n"
	  "new collection gets what is already stored. A grant names who may\n"
	  "read and write; a grant without --read or --write revokes it.\n"
	  "The collection's id (printed by add) is its TAXII id. publish\n"
	  "files what was stored since TIME (default: everything).\n",
	  ccs_cmd_taxii },
	{ "sync", "exchange STIX with a TAXII 2.1 peer (a hub or a node)",
	  "usage: ccscap sync PEER-URL [--collection ID] [--from ID] [--push]\n"
	  "       [--pull]\n\n"
	  "PEER-URL is the peer's API root (https://hub/taxii2/caricom-rcc/).\n"
	  "Its bearer token is read from a 'sync_peer = PEER-URL TOKEN' line\n"
	  "of the configuration file, never from the command line. --pull\n"
	  "imports the peer's readable collections (or --collection) from the\n"
	  "last X-TAXII-Date-Added-Last seen, following next to the end;\n"
	  "--push sends what this node filed since the last push in its\n"
	  "collections of the API root named as the peer's (or --from ID):\n"
	  "imported STIX and the incidents and indicators made here, not\n"
	  "what was pulled, to --collection (or the first writable one),\n"
	  "polling each status until complete. TLP:RED and AMBER+STRICT\n"
	  "never leave. Each page and batch commits its watermark, so a sync\n"
	  "killed, or whose peer died (exit 3, naming the step), resumes\n"
	  "where it stopped. Without --push or --pull: both.\n", ccs_cmd_sync },
	{ "gaps", "print the gap analysis of a state or the region",
	  "usage: ccscap gaps --state XX [--at YYYY-MM-DD] [--format FORMAT]\n"
	  "       ccscap gaps --matrix [--at YYYY-MM-DD] [--format FORMAT]\n"
	  "       ccscap gaps --rebuild\n\n"
	  "FORMAT is table (default: a report by priority area), json (as the\n"
	  "API returns it) or csv (as the CSV export). --at gives the analysis\n"
	  "as it stood at the end of that day. --rebuild recomputes the derived\n"
	  "status tables from the validated records.\n", ccs_cmd_gaps },
	/* capacity: kept tables (cap-perf) */
	{ "capacity", "rebuild the capacity domain's kept tables",
	  "usage: ccscap capacity --rebuild\n\n"
	  "Recomputes the duplicate candidates of every initiative (kept\n"
	  "up to date by every write; restore and upgrades rebuild them too)\n"
	  "in one audited transaction.\n", ccs_cmd_capacity },
	/* monitoring: reports (mon-reports) */
	{ "report", "make and store a report for CONSLE, the Steering "
	  "Committee and others",
	  "usage: ccscap report AUDIENCE --from DATE --to DATE [--state XX]\n"
	  "       --format pdf|xlsx|html --out FILE\n\n"
	  "AUDIENCE is consle, steering, heads_intel, donors or rcc (rcc\n"
	  "needs --state). The report is made as the operator, stored with\n"
	  "its SHA-256 and audited, as one made over the API; FILE gets the\n"
	  "stored rendition in FORMAT.\n", ccs_cmd_report },
	{ "report-keys", "rotate the keyring of public reports",
	  "usage: ccscap report-keys rotate\n\n"
	  "Adds a new key to report_key_file and re-seals every sealed value\n"
	  "of the public reports with it, in one transaction. Older keys stay\n"
	  "in the file: remove them only after a backup and a check\n"
	  "(docs/internals/REPORTING.md).\n", ccs_cmd_report_keys },
};

#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

static void
usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: ccscap [--config FILE] [--db URI] [--listen "
	    "HOST:PORT] COMMAND [ARGS]\n       ccscap --version | "
	    "--check-config\n\ncommands:\n");
	for (i = 0; i < NCMDS; i++)
		fprintf(out, "  %-13s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(out, "\nenvironment: CCSCAP_CONFIG, CCSCAP_DB (sqlite:PATH or "
	    "postgres://...),\n  CCSCAP_LISTEN, CCSCAP_KEY_FILE, "
	    "CCSCAP_LOG_LEVEL\n'ccscap COMMAND --help' shows a command's "
	    "options.\n");
}

/* Removes global options from argv (they may come anywhere). */
static int
take_globals(int *argc, char **argv, const char **config, const char **db,
    const char **listen, bool *check)
{
	int i, o = 1;

	for (i = 1; i < *argc; i++) {
		const char **dst = NULL;

		if (strcmp(argv[i], "--config") == 0)
			dst = config;
		else if (strcmp(argv[i], "--db") == 0)
			dst = db;
		else if (strcmp(argv[i], "--listen") == 0)
			dst = listen;
		else if (strcmp(argv[i], "--check-config") == 0) {
			*check = true;
			continue;
		}
		if (dst != NULL) {
			if (i + 1 >= *argc) {
				ccs_cli_err("%s needs a value", argv[i]);
				return 2;
			}
			*dst = argv[++i];
			continue;
		}
		argv[o++] = argv[i];
	}
	*argc = o;
	argv[o] = NULL;
	return 0;
}

int
main(int argc, char **argv)
{
	struct ccs_cli cli;
	const char *config = NULL, *db = NULL, *listen = NULL;
	const struct ccs_cmd *cmd = NULL;
	char err[512];
	bool check = false;
	size_t i;
	int rc;

	memset(&cli, 0, sizeof(cli));
	cli.prog = argv[0];
	if (take_globals(&argc, argv, &config, &db, &listen, &check) != 0)
		return 2;
	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0)) {
		printf("ccscap %s\n", CCS_VERSION);
		return 0;
	}
	if (!check && (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (ccs_crypto_init() != CCS_OK) {
		ccs_cli_err("libsodium failed to initialise");
		return 1;
	}
	ccs_conf_defaults(&cli.conf);
	err[0] = '\0';
	if (config == NULL)
		config = getenv("CCSCAP_CONFIG");
	/* a packaged build reads its /etc file without being told, so an
	 * operator's `ccscap user add` sees what the service sees */
	if (config == NULL && CCS_DEFAULT_CONFIG[0] != '\0' &&
	    access(CCS_DEFAULT_CONFIG, F_OK) == 0)
		config = CCS_DEFAULT_CONFIG;
	rc = CCS_OK;
	if (config != NULL && *config != '\0')
		rc = ccs_conf_load_file(&cli.conf, config, err, sizeof(err));
	if (rc == CCS_OK)
		rc = ccs_conf_load_env(&cli.conf, err, sizeof(err));
	if (rc == CCS_OK && db != NULL)
		rc = ccs_conf_set(&cli.conf, "db", db, err, sizeof(err));
	if (rc == CCS_OK && listen != NULL)
		rc = ccs_conf_set(&cli.conf, "listen", listen, err,
		    sizeof(err));
	if (rc == CCS_OK)
		rc = ccs_conf_finish(&cli.conf, err, sizeof(err));
	if (rc != CCS_OK) {
		ccs_cli_err("configuration: %s", err);
		return 2;
	}
	if (check) {
		printf("configuration OK\n");
		return 0;
	}
	for (i = 0; i < NCMDS; i++) {
		if (strcmp(argv[1], cmds[i].name) == 0)
			cmd = &cmds[i];
	}
	if (cmd == NULL) {
		ccs_cli_err("unknown command '%s'", argv[1]);
		usage(stderr);
		return 2;
	}
	cli.argc = argc - 2;
	cli.argv = argv + 2;
	if (ccs_cli_has(&cli, "--help") || ccs_cli_has(&cli, "-h")) {
		fputs(cmd->usage, stdout);
		return 0;
	}
	rc = cmd->run(&cli);
	ccs_wipe(cli.key, sizeof(cli.key));
	return rc;
}
