/*
 * svc_fixture.h: services under test without HTTP. Each case gets a fresh
 * in-memory SQLite store with the schema, the CCSCAP content that
 * `ccscap init` loads (svc/seed.c, data/seed/) and one account of each
 * role, and calls services directly inside a write transaction, as the
 * router does: commit on success, roll back otherwise.
 */
#ifndef CCS_SVC_FIXTURE_H
#define CCS_SVC_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "util/fail.h"

/* 2026-01-01T00:00:00Z: every case runs at the same instant. */
#define SVC_NOW		((int64_t)1767225600)
/* Upper bound of tables in a snapshot. */
#define SVC_MAX_TABLES	160

struct svc_fx {
	struct ccs_store	*st;		/* "sqlite::memory:", pool 1 */
	struct ccs_db		*db;		/* held for the whole case */
	int64_t			 now;		/* SVC_NOW */
	struct ccs_fail		 f;		/* last service refusal */
	struct ccs_principal	 admin;		/* "admin" */
	struct ccs_principal	 coord;		/* "coord" (IMPACS) */
	struct ccs_principal	 rifc;		/* "rifc.a" */
	struct ccs_principal	 rifc2;		/* "rifc.b" */
	struct ccs_principal	 ncpoc_jm;	/* "ncpoc.jm", state JM */
	struct ccs_principal	 cert_jm;	/* "cert.jm", state JM */
	struct ccs_principal	 ncpoc_tt;	/* "ncpoc.tt", state TT */
	struct ccs_principal	 cert_bb;	/* "cert.bb", state BB */
	struct ccs_principal	 steering;	/* "steering" */
	struct ccs_principal	 partner;	/* "partner" */
	struct ccs_principal	 anon;		/* not signed in */
	int64_t			 ref[4];	/* ids a case keeps */
};

/** Row counts of every table backup saves, and the audit head. */
struct svc_snap {
	int64_t	 rows[SVC_MAX_TABLES];	/* by ccs_migrate_tables index */
	size_t	 ntables;		/* used entries */
	int64_t	 audit_seq;		/* audit_head.seq */
	char	 audit_hash[80];	/* audit_head.hash */
};

/* cmocka setup/teardown: *state is a struct svc_fx. */
int	svc_fx_setup(void **state);
int	svc_fx_teardown(void **state);

/** Begins a write transaction, failing the case if it cannot. */
void	svc_begin(struct svc_fx *fx);
/** Commits when @p rc is CCS_OK, rolls back otherwise; returns @p rc
 * (or the commit's error), as the router does. */
int	svc_end(struct svc_fx *fx, int rc);

/** A new JSON value parsed from @p text; fails the case if invalid. */
json_t	*svc_json(const char *text);
/** COUNT(*) of @p sql_from ("FROM t WHERE ..."), in its own read tx
 * unless one is open. */
int64_t	 svc_count(struct svc_fx *fx, const char *sql_from);
/** Takes a snapshot (inside the open transaction, or a read one). */
void	 svc_snap_take(struct svc_fx *fx, struct svc_snap *s /* OUT */);
/** Fails the case, naming the table, if @p a and @p b differ. */
void	 svc_snap_assert_equal(const struct svc_snap *a,
	    const struct svc_snap *b, const char *what);
/** Rows added per table between @p a and @p b, as "t:+n,..." text. */
void	 svc_snap_delta(const struct svc_snap *a, const struct svc_snap *b,
	    char *out, size_t outlen);
/** Fails the case unless the audit chain verifies (ccscap verify-audit). */
void	 svc_audit_ok(struct svc_fx *fx);

/** Fails the case unless each of the @p n @p tables has at least
 * @p min rows with a marking and every one keeps a copy of its
 * marking's reader set (migrations 0038, 0040, 0041). */
void	 svc_set_copies_ok(struct svc_fx *fx, const char *const *tables,
	    size_t n, int64_t min);
/** Moves every marking's reader set (to sets nobody holds), then
 * rebuilds them (svc/sharing/reader_sets.h), as a restore does;
 * checks the copies of @p tables after each step. */
void	 svc_set_copies_follow(struct svc_fx *fx, const char *const *tables,
	    size_t n);

/** Adds a contact as @p p and returns its id (asserts success). */
int64_t	 svc_add_contact(struct svc_fx *fx, const struct ccs_principal *p,
	    const char *body);
/** Adds an uploaded-evidence row (the file itself is not needed). */
void	 svc_add_evidence(struct svc_fx *fx, const struct ccs_principal *who,
	    const char *sha256);

#endif
