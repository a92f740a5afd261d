/*
 * fail.h: why an operation was refused, for the user: a stable code
 * ("ncpoc_limit_reached") and a human message. Services fill it; the HTTP
 * layer turns it into {"error":{"code","message"}}, the CLI prints it.
 */
#ifndef CCS_FAIL_H
#define CCS_FAIL_H

struct ccs_fail {
	int		 rc;		/* enum ccs_err */
	const char	*code;		/* stable, static string */
	char		 message[256];	/* human message */
};

/** Fills @p f (may be NULL) and returns @p rc, for `return ccs_fail(...)`. */
int	ccs_fail(struct ccs_fail *f, int rc, const char *code, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));

#endif
