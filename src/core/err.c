#include "core/err.h"

#include <errno.h>
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

int dj_disk_full(int errnum)
{
	return errnum == ENOSPC || errnum == EDQUOT;
}

const char *dj_io_why(int errnum)
{
	if (dj_disk_full(errnum))
		return "磁盘已满";
	switch (errnum) {
	case EACCES:
	case EPERM: return "没有权限";
	case EROFS: return "文件系统为只读";
	case ENOENT:
	case ENOTDIR: return "目录不存在";
	case EISDIR: return "这是一个目录";
	case EEXIST: return "文件已存在";
	case ELOOP: return "路径是符号链接";
	default: return "磁盘或文件系统故障";
	}
}
