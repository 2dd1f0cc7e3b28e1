/* run.c — the full-screen program: terminal up, main menu, terminal down. */
#include <stdio.h>

#include "core/db_wait.h"
#include "screens/common/screens.h"
#include "tui/draw.h"
#include "tui/term.h"

/* A save about to wait for another operator's write: the message line says
 * so at once, since the screen does not answer keys until the wait ends. */
static void show_wait(const char *msg)
{
	frame_message(MSG_INFO, "%s", msg);
	frame_message_draw();
	draw_flush();
}

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
	db_on_wait(show_wait);
	int rc = app_run(&a, &main_menu_screen, NULL);
	db_on_wait(NULL);
	term_stop();
	return rc;
}
