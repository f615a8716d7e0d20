// SPDX-License-Identifier: GPL-2.0-only
/*
 * The explained run as an SVG sequence diagram, drawn here rather than by
 * Mermaid's JavaScript so that a report page needs no script and nothing
 * from the network: a box per actor at the top and the bottom, a dashed
 * lifeline under each, and the items from top to bottom, a row each.
 *
 * Text is set in a monospace font, so that its width is known without
 * the font's metrics: a character is taken as CHAR_W wide, a little more
 * than the usual monospace faces at FONT_PX.  Lifelines are spread until
 * every message fits between its two ends; long text wraps.
 */
#include <string.h>

#include "sim/view/explain.h"
#include "sim/view/report.h"

#define FONT_PX		12
#define CHAR_W		7.3
#define LINE_H		15.0
#define MARGIN		12.0
#define BOX_H		30.0
#define BOX_PAD		14.0
#define BOX_MIN_W	80.0
#define ACTOR_GAP	40.0
#define MSG_WRAP	52	/* characters on a line of a message */
#define NOTE_WRAP	48
#define ROW_GAP		8.0
#define HEAD_LEN	8.0	/* of an arrowhead */

struct layout {
	const struct explain *e;
	unsigned int n;		/* actors */
	double *x, *box_w;	/* lifeline centres, box widths */
	double left, right;	/* of the sections' band */
	double y;		/* where the next row starts */
	GString *body;		/* the rows, drawn before the frame is known */
};

static double text_w(const char *s)
{
	return (double)g_utf8_strlen(s, -1) * CHAR_W;
}

/* @text in lines of at most @width characters, broken at spaces. */
static char **wrap(const char *text, unsigned int width)
{
	GPtrArray *lines = g_ptr_array_new();
	char **words = g_strsplit(text && *text ? text : "-", " ", -1);
	GString *line = g_string_new(NULL);
	unsigned int i, len = 0;

	for (i = 0; words[i]; i++) {
		const char *w = words[i];
		unsigned int wl = (unsigned int)g_utf8_strlen(w, -1);

		if (len && len + 1 + wl > width) {
			g_ptr_array_add(lines, g_strdup(line->str));
			g_string_truncate(line, 0);
			len = 0;
		}
		/* A word longer than a line is cut where the line ends. */
		while (wl > width) {
			const char *cut = g_utf8_offset_to_pointer(w, width);

			g_ptr_array_add(lines, g_strndup(w, (gsize)(cut - w)));
			w = cut;
			wl -= width;
		}
		if (len) {
			g_string_append_c(line, ' ');
			len++;
		}
		g_string_append(line, w);
		len += wl;
	}
	if (len || !lines->len)
		g_ptr_array_add(lines, g_strdup(line->str));
	g_ptr_array_add(lines, NULL);
	g_string_free(line, TRUE);
	g_strfreev(words);
	return (char **)g_ptr_array_free(lines, FALSE);
}

static double widest(char **lines)
{
	double w = 0;

	for (; *lines; lines++)
		w = MAX(w, text_w(*lines));
	return w;
}

static const struct explain_actor_def *actor(const struct explain *e, int i)
{
	return e->actors->pdata[i];
}

/* Move lifeline @hi and those right of it so that it is @need from @lo. */
static void spread(struct layout *l, int lo, int hi, double need)
{
	double short_by = need - (l->x[hi] - l->x[lo]);
	unsigned int i;

	if (short_by <= 0)
		return;
	for (i = (unsigned int)hi; i < l->n; i++)
		l->x[i] += short_by;
}

/*
 * Boxes side by side, then wider apart for each message that needs it:
 * widening never undoes what an earlier message needed, so one pass does.
 * Notes are centred on their lifeline and may reach past the boxes: the
 * whole is then moved right until the leftmost note clears the margin.
 */
static void place_actors(struct layout *l)
{
	const struct explain *e = l->e;
	double left = MARGIN, right = 0, shift;
	unsigned int i;

	for (i = 0; i < l->n; i++) {
		l->box_w[i] = MAX(BOX_MIN_W, text_w(actor(e, (int)i)->label) +
				  2 * BOX_PAD);
		l->x[i] = i ? l->x[i - 1] + (l->box_w[i - 1] + l->box_w[i]) / 2 +
			      ACTOR_GAP : MARGIN + l->box_w[0] / 2;
	}
	for (i = 0; i < e->items->len; i++) {
		const struct explain_item *it = e->items->pdata[i];
		char **lines;

		if ((it->kind != EXPLAIN_CALL && it->kind != EXPLAIN_REPLY) ||
		    it->from == it->to)
			continue;
		lines = wrap(it->text, MSG_WRAP);
		spread(l, MIN(it->from, it->to), MAX(it->from, it->to),
		       widest(lines) + 2 * BOX_PAD);
		g_strfreev(lines);
	}
	for (i = 0; i < e->items->len; i++) {
		const struct explain_item *it = e->items->pdata[i];
		char **lines;
		double half;

		if (it->kind != EXPLAIN_NOTE)
			continue;
		lines = wrap(it->text, NOTE_WRAP);
		half = widest(lines) / 2 + BOX_PAD / 2;
		left = MIN(left, l->x[it->from] - half);
		right = MAX(right, l->x[it->from] + half);
		g_strfreev(lines);
	}
	shift = MARGIN - left;
	for (i = 0; i < l->n; i++)
		l->x[i] += shift;
	l->left = l->x[0] - l->box_w[0] / 2;
	l->right = MAX(l->x[l->n - 1] + l->box_w[l->n - 1] / 2, right + shift);
}

static void put_text(GString *out, double x, double y, const char *anchor,
		     const char *text)
{
	g_string_append_printf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
			       x, y, anchor);
	report_xml_append(out, text);
	g_string_append(out, "</text>");
}

/* Lines centred on @x, the first baseline at @y. */
static void put_lines(GString *out, double x, double y, char **lines)
{
	for (; *lines; lines++, y += LINE_H)
		put_text(out, x, y, "middle", *lines);
}

static void boxes(struct layout *l, GString *out, double y)
{
	unsigned int i;

	for (i = 0; i < l->n; i++) {
		g_string_append_printf(out, "<g class=\"actor\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\" fill=\"#e8eaf6\" stroke=\"#5c6bc0\"/>",
				       l->x[i] - l->box_w[i] / 2, y,
				       l->box_w[i], BOX_H);
		put_text(out, l->x[i], y + BOX_H / 2 + FONT_PX / 3.0, "middle",
			 actor(l->e, (int)i)->label);
		g_string_append(out, "</g>\n");
	}
}

static void band(struct layout *l, const char *text, const char *cls,
		 const char *fill)
{
	double chars = (l->right - l->left) / CHAR_W - 2;
	char **lines = wrap(text, chars > 20 ? (unsigned int)chars : 20);
	double h = (double)g_strv_length(lines) * LINE_H + ROW_GAP;

	g_string_append_printf(l->body, "<g class=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" stroke=\"#b0bec5\"/>",
			       cls, l->left, l->y, l->right - l->left, h, fill);
	put_lines(l->body, (l->left + l->right) / 2, l->y + LINE_H, lines);
	g_string_append(l->body, "</g>\n");
	l->y += h + ROW_GAP;
	g_strfreev(lines);
}

static void note(struct layout *l, const struct explain_item *it)
{
	char **lines = wrap(it->text, NOTE_WRAP);
	double w = widest(lines) + BOX_PAD, x = l->x[it->from];
	double h = (double)g_strv_length(lines) * LINE_H + ROW_GAP;

	g_string_append_printf(l->body, "<g class=\"note\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fff8e1\" stroke=\"#ffb300\"/>",
			       x - w / 2, l->y, w, h);
	put_lines(l->body, x, l->y + LINE_H, lines);
	g_string_append(l->body, "</g>\n");
	l->y += h + ROW_GAP;
	g_strfreev(lines);
}

/*
 * Text over a line from one lifeline to the other, the head at the
 * receiver; an answer's line is dashed.  With @link, the text links to
 * the message's registers on the page.
 */
static void message(struct layout *l, const struct explain_item *it,
		    const char *link, unsigned int idx)
{
	char **lines = wrap(it->text, MSG_WRAP);
	double x1 = l->x[it->from], x2 = l->x[it->to];
	double ay = l->y + (double)g_strv_length(lines) * LINE_H + 4;
	double dir = x2 >= x1 ? 1 : -1;
	bool reply = it->kind == EXPLAIN_REPLY;

	/* A message to oneself would have no length: a short loop out. */
	if (it->from == it->to) {
		x2 = x1 + 3 * HEAD_LEN;
		dir = -1;
	}
	g_string_append_printf(l->body, "<g class=\"%s\">",
			       reply ? "reply" : "call");
	if (link && it->regs)
		g_string_append_printf(l->body, "<a href=\"#%s%u\">", link, idx);
	put_lines(l->body, (x1 + x2) / 2, l->y + LINE_H - 2, lines);
	if (link && it->regs)
		g_string_append(l->body, "</a>");
	g_string_append_printf(l->body, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#37474f\"%s/>",
			       x1, ay, x2, ay,
			       reply ? " stroke-dasharray=\"5 3\"" : "");
	if (it->from == it->to)
		x2 = x1;
	g_string_append_printf(l->body, "<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#37474f\"/></g>\n",
			       x2, ay, x2 - dir * HEAD_LEN, ay - 4,
			       x2 - dir * HEAD_LEN, ay + 4);
	l->y = ay + ROW_GAP + 4;
	g_strfreev(lines);
}

static void rows(struct layout *l, const char *link)
{
	const struct explain *e = l->e;
	unsigned int i;

	for (i = 0; i < e->items->len; i++) {
		const struct explain_item *it = e->items->pdata[i];

		switch (it->kind) {
		case EXPLAIN_SECTION:
			band(l, it->text, "section", "#eceff1");
			break;
		case EXPLAIN_CALL:
		case EXPLAIN_REPLY:
			message(l, it, link, i);
			break;
		case EXPLAIN_NOTE:
			note(l, it);
			break;
		}
	}
	if (e->outcome) {
		bool passed = g_str_has_prefix(e->outcome, "passed");

		band(l, e->outcome, passed ? "outcome passed" : "outcome failed",
		     passed ? "#c8e6c9" : "#ffcdd2");
	}
}

void explain_svg(const struct explain *e, const char *title,
		 const char *link, GString *out)
{
	struct layout l = { .e = e, .n = e->actors->len };
	double top, bottom, width, height;
	unsigned int i;

	if (!l.n)
		return;
	l.x = g_new0(double, l.n);
	l.box_w = g_new0(double, l.n);
	l.body = g_string_new(NULL);
	place_actors(&l);
	top = MARGIN + BOX_H;
	l.y = top + ROW_GAP * 2;
	rows(&l, link);
	bottom = l.y + ROW_GAP;
	width = l.right + MARGIN;
	height = bottom + BOX_H + MARGIN;
	g_string_append_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" font-family=\"monospace\" font-size=\"%d\">\n<title>",
			       width, height, width, height, FONT_PX);
	report_xml_append(out, title);
	g_string_append(out, "</title>\n<g class=\"lifelines\" stroke=\"#90a4ae\" stroke-dasharray=\"4 4\">");
	for (i = 0; i < l.n; i++)
		g_string_append_printf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
				       l.x[i], top, l.x[i], bottom);
	g_string_append(out, "</g>\n");
	boxes(&l, out, MARGIN);
	g_string_append(out, l.body->str);
	boxes(&l, out, bottom);
	g_string_append(out, "</svg>\n");
	g_string_free(l.body, TRUE);
	g_free(l.x);
	g_free(l.box_w);
}
