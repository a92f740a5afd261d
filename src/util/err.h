/* err.h: the one error enum of ccscap and its messages. */
#ifndef CCS_ERR_H
#define CCS_ERR_H

/*
 * Values are never renumbered or removed; new ones go at the end.
 */
enum ccs_err {
	CCS_OK = 0,
	CCS_ENOMEM,	/* out of memory */
	CCS_EINVAL,	/* invalid argument or input */
	CCS_ENOTFOUND,	/* no such record */
	CCS_ECONFLICT,	/* unique constraint or state conflict */
	CCS_EDB,	/* database error */
	CCS_EIO,	/* file or socket error */
	CCS_EPERM,	/* not allowed by policy */
	CCS_EAUTH,	/* authentication failed */
	CCS_ETOOBIG,	/* size limit exceeded */
	CCS_EBUSY,	/* resource busy, retry */
	CCS_ELIMIT,	/* rate or count limit reached */
	CCS_EREF,	/* reference to a missing record */
	CCS_ECORRUPT,	/* stored data fails verification */
	CCS_EUNAVAIL	/* the database cannot be reached; retry later */
};

/**
 * @return a static, human-readable message for @p err.
 */
const char *ccs_strerror(int err);

#endif
