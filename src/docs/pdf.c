/* pdf.c — the page engine of the printed forms (pdf.h), on cairo's PDF
 * surface and pango's layout.  User units are millimetres: the context is
 * scaled from points, and pango's resolution is set to 25.4 units an inch
 * so that a 10 pt font is 10 pt on paper. */
#include "docs/pdf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "core/outfile.h"

/* Serif CJK for the form (as 宋体 on paper forms), then the sans CJK, and
 * Symbola and DejaVu Sans for symbols; fontconfig goes on from there (pango
 * takes an emoji from a colour emoji font first where one is installed). */
#define PDF_FAMILIES "Noto Serif CJK SC,Noto Sans CJK SC,Symbola,DejaVu Sans"
#define MM_PER_PT (25.4 / 72.0)
#define SHRINK_FLOOR 0.7     /* one line is made smaller down to 70% */
#define SIZE_FLOOR 4.0       /* points: the least any text is set at */

struct pdf {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontMap *fonts;     /* font_map()'s */
	PangoLayout *layout;
	double w, h;             /* mm */
	int page, total;
};

double pdf_page_width(const struct pdf *p) { return p->w; }
double pdf_page_height(const struct pdf *p) { return p->h; }
int pdf_page_no(const struct pdf *p) { return p->page; }
int pdf_page_total(const struct pdf *p) { return p->total; }

void pdf_new_page(struct pdf *p)
{
	cairo_show_page(p->cr);
	p->page++;
}

/* ---- text ---- */

static PangoLayout *new_layout(struct pdf *p)
{
	PangoContext *c = pango_font_map_create_context(p->fonts);
	pango_cairo_update_context(p->cr, c);
	pango_cairo_context_set_resolution(c, 25.4);
	PangoLayout *l = pango_layout_new(c);
	g_object_unref(c);
	return l;
}

static void set_font(PangoLayout *l, struct pdf_font f, double size)
{
	PangoFontDescription *d = pango_font_description_from_string(PDF_FAMILIES);
	pango_font_description_set_size(d, (gint)(size * PANGO_SCALE));
	pango_font_description_set_weight(d, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, d);
	pango_font_description_free(d);
}

static PangoAlignment pango_align(enum pdf_align a)
{
	return a == PDF_CENTER ? PANGO_ALIGN_CENTER : a == PDF_RIGHT ? PANGO_ALIGN_RIGHT
	                                                              : PANGO_ALIGN_LEFT;
}

/* Sets the layout to text at size, one line (w < 0) or wrapped to w mm;
 * *tw and *th get its extent in mm. */
static void set_text_on(PangoLayout *l, const char *text, struct pdf_font f, double size,
                        double w, enum pdf_align a, double *tw, double *th)
{
	set_font(l, f, size);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, w < 0 ? -1 : (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, pango_align(a));
	pango_layout_set_text(l, text ? text : "", -1);
	int iw, ih;
	pango_layout_get_size(l, &iw, &ih);
	*tw = (double)iw / PANGO_SCALE;
	*th = (double)ih / PANGO_SCALE;
}

static void set_text(struct pdf *p, const char *text, struct pdf_font f, double size, double w,
                     enum pdf_align a, double *tw, double *th)
{
	set_text_on(p->layout, text, f, size, w, a, tw, th);
}

static void show(struct pdf *p, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
}

int pdf_text(struct pdf *p, double x, double y, double w, double h, const char *text,
             struct pdf_font f, enum pdf_align a)
{
	const double pad = 1.0;   /* mm inside the box on either side */
	double bw = w - 2 * pad > 1 ? w - 2 * pad : w, tw = 0, th = 0, size;
	/* One line, smaller as needed but not below the floor. */
	for (size = f.size; size >= f.size * SHRINK_FLOOR - 1e-9; size -= 0.5) {
		set_text(p, text, f, size, -1, a, &tw, &th);
		if (tw <= bw && th <= h)
			break;
	}
	if (tw > bw || th > h) {
		/* Wrapped, at the font's size and then smaller. */
		for (size = f.size; size >= SIZE_FLOOR; size -= 0.5) {
			set_text(p, text, f, size, bw, a, &tw, &th);
			if (th <= h)
				break;
		}
		if (size < SIZE_FLOOR)
			size = SIZE_FLOOR;
		set_text(p, text, f, size, bw, a, &tw, &th);
	}
	double left = x + pad;
	if (pango_layout_get_width(p->layout) < 0)
		left = a == PDF_CENTER ? x + (w - tw) / 2 : a == PDF_RIGHT ? x + w - pad - tw : x + pad;
	show(p, left, y + (h - th) / 2);
	return th > h + 1e-6;
}

double pdf_para_height(struct pdf *p, double w, const char *text, struct pdf_font f)
{
	double tw, th;
	set_text(p, text, f, f.size, w, PDF_LEFT, &tw, &th);
	return th;
}

double pdf_para(struct pdf *p, double x, double y, double w, const char *text,
                struct pdf_font f, enum pdf_align a)
{
	double tw, th;
	set_text(p, text, f, f.size, w, a, &tw, &th);
	show(p, x, y);
	return th;
}

double pdf_flow(struct pdf *p, double x, double y, double w, double bottom, const char *text,
                struct pdf_font f, pdf_page_head_fn head, void *ctx)
{
	double tw, th;
	/* A layout of its own: head() draws with the document's while pages turn. */
	PangoLayout *mine = new_layout(p);
	set_text_on(mine, text, f, f.size, w, PDF_LEFT, &tw, &th);
	PangoLayoutIter *it = pango_layout_get_iter(mine);
	double top_of_layout = y;   /* where the layout's first line would start on this page */
	double shift = 0;           /* layout y of the first line drawn on this page */
	int first = 1;
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double ly = (double)r.y / PANGO_SCALE, lh = (double)r.height / PANGO_SCALE;
		if (first) {
			shift = ly;
			first = 0;
		}
		if (top_of_layout + (ly - shift) + lh > bottom) {
			if (head) {
				top_of_layout = head(p, ctx);
			} else {
				pdf_new_page(p);
				top_of_layout = 15.0;
			}
			shift = ly;
		}
		double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE, top_of_layout + (base - shift));
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		y = top_of_layout + (ly - shift) + lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(mine);
	return y;
}

/* ---- lines ---- */

void pdf_line(struct pdf *p, double x1, double y1, double x2, double y2, double width, int dashed)
{
	static const double dash[] = { 2.0, 1.5 };
	cairo_save(p->cr);
	cairo_set_line_width(p->cr, width);
	if (dashed)
		cairo_set_dash(p->cr, dash, 2, 0);
	cairo_move_to(p->cr, x1, y1);
	cairo_line_to(p->cr, x2, y2);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
}

void pdf_rect(struct pdf *p, double x, double y, double w, double h, double width)
{
	cairo_save(p->cr);
	cairo_set_line_width(p->cr, width);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
}

void pdf_page_footer(struct pdf *p)
{
	char text[64];
	snprintf(text, sizeof text, "第 %d 页  共 %d 页", p->page, p->total);
	pdf_text(p, 0, p->h - 14, p->w, 6, text, (struct pdf_font){ 9, 0 }, PDF_CENTER);
}

/* ---- tables ---- */

double pdf_table_width(const struct pdf_table *t)
{
	double w = 0;
	for (int i = 0; i < t->ncols; i++)
		w += t->cols[i].w;
	return w;
}

double pdf_table_head(struct pdf *p, const struct pdf_table *t, double y)
{
	double x = t->x;
	struct pdf_font bold = { t->font.size, 1 };
	for (int i = 0; i < t->ncols; i++) {
		pdf_rect(p, x, y, t->cols[i].w, t->head_h, 0.3);
		pdf_text(p, x, y, t->cols[i].w, t->head_h, t->cols[i].title, bold, PDF_CENTER);
		x += t->cols[i].w;
	}
	return y + t->head_h;
}

double pdf_table_row_height(struct pdf *p, const struct pdf_table *t, const char *const *cells)
{
	double h = t->min_h;
	for (int i = 0; i < t->ncols; i++) {
		double need = pdf_para_height(p, t->cols[i].w - 2.0, cells[i], t->font) + 2.0;
		if (need > h)
			h = need;
	}
	return h;
}

double pdf_table_row(struct pdf *p, const struct pdf_table *t, double y, double h,
                     const char *const *cells)
{
	double x = t->x;
	for (int i = 0; i < t->ncols; i++) {
		pdf_rect(p, x, y, t->cols[i].w, h, 0.3);
		pdf_text(p, x, y, t->cols[i].w, h, cells[i], t->font, t->cols[i].align);
		x += t->cols[i].w;
	}
	return y + h;
}

/* ---- the document ---- */

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int len)
{
	FILE *f = closure;
	return fwrite(data, 1, len, f) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t to_nothing(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

/* The machine's fontconfig set-up without colour fonts: an emoji is then
 * drawn from Symbola as black text — found by pdftotext, sharp on a laser
 * printer — instead of as a colour bitmap (fonts-noto-color-emoji). */
static const char no_colour_fonts[] =
	"<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
	"<selectfont><rejectfont><pattern><patelt name=\"color\"><bool>true</bool></patelt>"
	"</pattern></rejectfont></selectfont></fontconfig>";

static FcConfig *load_font_config(void)
{
	FcConfig *c = FcInitLoadConfig();
	if (!c)
		return NULL;
	if (!FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)no_colour_fonts, FcTrue) ||
	    !FcConfigBuildFonts(c)) {
		FcConfigDestroy(c);
		return NULL;
	}
	return c;
}

/* One font map for the process (pango and cairo cache fonts by it),
 * let go at exit by pdf_release_fonts. */
static PangoFontMap *shared_fonts;
static FcConfig *shared_config;

static PangoFontMap *font_map(void)
{
	if (!shared_fonts) {
		shared_config = load_font_config();   /* NULL: the machine's own, colour fonts and all */
		shared_fonts = pango_cairo_font_map_new();
		if (shared_config && PANGO_IS_FC_FONT_MAP(shared_fonts))
			pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(shared_fonts), shared_config);
	}
	return shared_fonts;
}

/* One run of draw onto a PDF stream; the page count into *pages. */
static int run(cairo_write_func_t out, void *closure, enum pdf_orient o, int total,
               pdf_draw_fn draw, void *ctx, int *pages, struct dj_err *e)
{
	struct pdf p = { .w = o == PDF_LANDSCAPE ? 297 : 210, .h = o == PDF_LANDSCAPE ? 210 : 297,
	                 .page = 1, .total = total };
	p.surf = cairo_pdf_surface_create_for_stream(out, closure, p.w / MM_PER_PT, p.h / MM_PER_PT);
	p.cr = cairo_create(p.surf);
	cairo_scale(p.cr, 1 / MM_PER_PT, 1 / MM_PER_PT);
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	p.fonts = font_map();
	p.layout = new_layout(&p);
	int rc = draw(&p, ctx, e);
	*pages = p.page;
	g_object_unref(p.layout);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surf);
	cairo_status_t st = cairo_surface_status(p.surf);
	cairo_surface_destroy(p.surf);
	if (rc == 0 && st != CAIRO_STATUS_SUCCESS)
		rc = dj_fail(e, DJ_DB, NULL, "写入 PDF 失败：%s",
		             st == CAIRO_STATUS_WRITE_ERROR ? dj_io_why(errno ? errno : EIO)
		                                            : cairo_status_to_string(st));
	return rc;
}

int pdf_write(const char *path, enum pdf_orient o, pdf_draw_fn draw, void *ctx, int *pages,
              struct dj_err *e)
{
	static int registered;
	if (!registered++)
		atexit(pdf_release_fonts);   /* the caches live until the program ends */
	int total, n;
	int rc = run(to_nothing, NULL, o, 0, draw, ctx, &total, e);
	struct outfile f;
	if (rc == 0 && outfile_open(&f, path))
		rc = dj_fail(e, DJ_DENIED, NULL, "%s", f.why);
	else if (rc == 0) {
		errno = 0;
		rc = run(to_file, f.f, o, total, draw, ctx, &n, e);
		if (rc)
			outfile_discard(&f);
		else if (outfile_commit(&f))
			rc = dj_fail(e, DJ_DB, NULL, "%s", f.why);
	}
	if (rc)
		return rc;
	if (pages)
		*pages = n;
	return 0;
}

/* Under LeakSanitizer (the tests' builds): cairo and fontconfig keep
 * caches of fonts and glyphs for the life of the process that even
 * pdf_release_fonts cannot all reach; what is allocated inside them is
 * theirs, not a leak of ours.  In other builds nothing calls this. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}

/* ... and the count of what was suppressed is no finding either. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

void pdf_release_fonts(void)
{
	if (shared_fonts)
		g_object_unref(shared_fonts);
	shared_fonts = NULL;
	cairo_debug_reset_static_data();
	if (shared_config)
		FcConfigDestroy(shared_config);
	shared_config = NULL;


}
