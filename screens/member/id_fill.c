/* id_fill.c — see id_fill.h. */
#include "screens/member/id_fill.h"

#include <stdio.h>

#include "core/text.h"
#include "member/member.h"
#include "tui/dialog.h"
#include "tui/draw.h"

void member_form_fill_from_id(struct form *f)
{
	char id[sizeof ((struct member *)0)->id_number], birth[32], gender[16], born[11], q[256];
	const char *sex = "";
	form_get(f, "id_number", id, sizeof id);
	form_get(f, "birth_date", birth, sizeof birth);
	form_get(f, "gender", gender, sizeof gender);
	utf8_trim(id);
	utf8_trim(birth);
	utf8_trim(gender);
	switch (member_id_fill(id, birth, gender, born, &sex)) {
	case MEMBER_ID_INVALID: case MEMBER_ID_AGREES:
		return;
	case MEMBER_ID_DIFFERS:
		snprintf(q, sizeof q, "身份证号表明出生日期为 %s、性别为%s，与已填写的不同。\n按身份证号改正？",
		         born, sex);
		if (!dialog_ask(q, 1))
			return;
		break;
	case MEMBER_ID_FILL:
		break;
	}
	form_set(f, "birth_date", born);
	form_set(f, "gender", sex);
	frame_message(MSG_INFO, "已按身份证号填写出生日期 %s、性别 %s", born, sex);
}
