/* todo_out.c — the 待办 list outside the screen: a file (CSV, or xlsx by
 * the name's ending) and the plain lines `dangjian todo` prints for a cron
 * mail to the office. */
#include <stdio.h>
#include <string.h>

#include "core/csv.h"
#include "core/text.h"
#include "todo/todo.h"

static const char *state_of(const struct todo_item *it)
{
	return it->late ? "逾期" : "即将到期";
}

int todo_export_csv(const struct todo_item *items, int n, const char *path, FILE *report,
                    int *written)
{
	static const char *const head[] = { "类别", "组织", "事项", "责任人", "期限", "状态" };
	struct csv_writer w;
	*written = 0;
	if (csv_writer_open(&w, path) != 0) {
		fprintf(report, "%s\n", csv_writer_why(&w));
		return -1;
	}
	for (size_t c = 0; c < sizeof head / sizeof *head; c++)
		csv_write_field(&w, head[c]);
	csv_end_record(&w);
	for (int i = 0; i < n; i++) {
		const char *cells[] = { items[i].what, items[i].org, items[i].text, items[i].who,
		                        items[i].due_on, state_of(&items[i]) };
		for (size_t c = 0; c < sizeof cells / sizeof *cells; c++)
			csv_write_field(&w, cells[c]);
		csv_end_record(&w);
	}
	if (csv_writer_close(&w) != 0) {
		fprintf(report, "%s\n", csv_writer_why(&w));
		return -1;
	}
	*written = n;
	return 0;
}

/* One cell padded to cols columns, then a space. */
static void cell(FILE *out, const char *s, int cols)
{
	char buf[512];
	utf8_fit(s, cols, buf, sizeof buf);
	fprintf(out, "%s ", buf);
}

int todo_print(const struct todo_item *items, int n, const char *today, int ahead, FILE *out)
{
	int late, due;
	todo_count(items, n, &late, &due);
	fprintf(out, "待办事项（%s，含 %d 天内到期）：逾期 %d 项，即将到期 %d 项\n", today, ahead, late,
	        due);
	for (int i = 0; i < n; i++) {
		const struct todo_item *it = &items[i];
		fputs(it->late ? "! " : "  ", out);
		cell(out, it->what, 8);
		cell(out, it->due_on[0] ? it->due_on : "—", 10);
		cell(out, it->org, 20);
		cell(out, it->who, 8);
		fprintf(out, "%s\n", it->text);
	}
	return ferror(out) ? -1 : 0;
}
