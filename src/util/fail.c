/* fail.c: filling struct ccs_fail. */
#include <stdarg.h>
#include <stdio.h>

#include "util/fail.h"

int
ccs_fail(struct ccs_fail *f, int rc, const char *code, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (f == NULL)
		return rc;
	f->rc = rc;
	f->code = code;
	va_start(ap, fmt);
	n = vsnprintf(f->message, sizeof(f->message), fmt, ap);
	va_end(ap);
	if (n < 0)
		f->message[0] = '\0';
	return rc;
}
