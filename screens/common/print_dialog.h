/* print_dialog.h — F9 → 打印 on a record: asks where the PDF goes (the
 * form's own file name in the current folder to start with, and
 * 文件已存在，是否覆盖？ as for an export), writes it (docs/forms.h), says
 * the full path written. */
#ifndef DJ_PRINT_DIALOG_H
#define DJ_PRINT_DIALOG_H

#include <stdint.h>

#include "core/session.h"
#include "docs/forms.h"

/* blank: the 签到表 to sign (FORM_SIGNIN only).  The outcome is on the
 * message line. */
void print_dialog(struct session *s, enum form_kind k, int64_t id, int blank);

#endif
