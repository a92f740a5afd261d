/* err.c: messages for enum ccs_err. */
#include "util/err.h"

const char *
ccs_strerror(int err)
{
	switch (err) {
	case CCS_OK: return "success";
	case CCS_ENOMEM: return "out of memory";
	case CCS_EINVAL: return "invalid input";
	case CCS_ENOTFOUND: return "not found";
	case CCS_ECONFLICT: return "conflict with stored data";
	case CCS_EDB: return "database error";
	case CCS_EIO: return "input/output error";
	case CCS_EPERM: return "not permitted";
	case CCS_EAUTH: return "authentication failed";
	case CCS_ETOOBIG: return "size limit exceeded";
	case CCS_EBUSY: return "resource busy";
	case CCS_ELIMIT: return "limit reached";
	case CCS_EREF: return "reference to a missing record";
	case CCS_ECORRUPT: return "stored data failed verification";
	case CCS_EUNAVAIL: return "database unavailable";
	default: return "unknown error";
	}
}
