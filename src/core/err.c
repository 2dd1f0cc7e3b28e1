#include "core/err.h"

#include <stdio.h>
#include <string.h>

int dj_fail(struct dj_err *e, enum dj_code code, const char *field, const char *fmt, ...)
{
	if (e) {
		e->code = code;
		snprintf(e->field, sizeof e->field, "%s", field ? field : "");
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void dj_clear(struct dj_err *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}
