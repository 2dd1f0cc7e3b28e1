/* run.c — the full-screen program: terminal up, main menu, terminal down. */
#include <stdio.h>

#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/term.h"

int screens_run(struct session *s, const char *notice)
{
	struct term_opts o = {
		.escdelay_ms = s->cfg->escdelay_ms,
		.esc_digit_ms = s->cfg->esc_digit_ms,
		.colours = s->cfg->colours,
		.ascii_borders = s->cfg->ascii_borders,
	};
	if (term_start(&o))
		return 1;
	struct app a = {
		.session = s,
		.system = "党建台账",
		.unit = s->cfg->unit_name,
		.op = s->display,
	};
	frame_set_identity(a.system, a.unit, a.op);
	if (notice && *notice)
		frame_message(MSG_ERROR, "%s", notice);
	int rc = app_run(&a, &main_menu_screen, NULL);
	term_stop();
	return rc;
}
