/* id_fill.h — private to screens/member/: the 身份证号 filling 出生日期 and
 * 性别 on a form, shared by 党员信息 and 发展党员登记表. */
#ifndef DJ_SCREENS_MEMBER_ID_FILL_H
#define DJ_SCREENS_MEMBER_ID_FILL_H

#include "tui/form.h"

/* After the form's "id_number" changed: fills "birth_date" and "gender"
 * from a valid number (member_id_fill), asking first when what is typed
 * there differs, and says so on the message line. */
void member_form_fill_from_id(struct form *f);

#endif
