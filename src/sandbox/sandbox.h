/*
 * sandbox.h: what `ccscap serve` does after its privileged start-up (style
 * rule 17): drop root for the configured user, then Landlock (file access)
 * and a seccomp allow-list (system calls). Applied before any thread is
 * started, so every thread inherits them.
 */
#ifndef CCS_SANDBOX_H
#define CCS_SANDBOX_H

#include <stddef.h>

#include "conf/conf.h"
#include "util/log.h"

/**
 * Makes the evidence directory (mode 0750). Started as root: hands it to
 * conf `user` and becomes that user (groups, gid, uid); a missing user is
 * an error, never a reason to stay root. Otherwise nothing changes.
 * @return CCS_OK or an error with the reason in @p err.
 */
int	ccs_sandbox_drop(const struct ccs_conf *c, char *err, size_t errlen);

/**
 * With conf `sandbox = on`: Landlock limits file access to what serving
 * needs (a kernel without Landlock: logged warning, carries on), then the
 * seccomp allow-list is loaded (no new privileges). Off: nothing.
 */
int	ccs_sandbox_enter(const struct ccs_conf *c, struct ccs_log *log,
	    char *err, size_t errlen);

/** Landlock part of ccs_sandbox_enter (landlock.c). */
int	ccs_landlock_apply(const struct ccs_conf *c, struct ccs_log *log,
	    char *err, size_t errlen);
/** Seccomp part of ccs_sandbox_enter (filter.c). */
int	ccs_seccomp_apply(char *err, size_t errlen);

#endif
