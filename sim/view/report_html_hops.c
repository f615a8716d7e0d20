// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hops of a scenario as a list under each step's heading, in the
 * order the diagram draws them.  A message that crossed the conduit opens
 * onto its registers, decoded as `ffa-sim decode` does (in the context of
 * the call it answers), with the rules a value breaks.  <details> opens
 * without a script, and a browser opens it when the diagram links to it.
 */
#include "sim/decode/decode.h"
#include "sim/decode/decode_desc.h"
#include "sim/view/report.h"
#include "sim/view/report_html.h"

static void put(GString *out, const char *text)
{
	report_xml_append(out, text);
}

static const char *actor_name(const struct explain *e, int idx)
{
	return ((const struct explain_actor_def *)e->actors->pdata[idx])->name;
}

static void registers(GString *out, const struct explain_item *it)
{
	struct decoded d;
	unsigned int i;

	decode_smc(it->request, it->regs, &d);
	g_string_append(out, "<table class=\"regs\">");
	for (i = 0; i < d.fields->len; i++) {
		const struct decode_field *f = d.fields->pdata[i];

		g_string_append(out, "<tr><th>");
		put(out, f->label);
		g_string_append(out, "</th><td class=\"raw\">");
		put(out, f->raw);
		g_string_append(out, "</td><td>");
		put(out, f->text);
		g_string_append(out, "</td></tr>");
		if (f->problem) {
			g_string_append(out, "<tr class=\"problem\"><td></td><td colspan=\"2\">! ");
			put(out, f->problem);
			g_string_append(out, "</td></tr>");
		}
	}
	g_string_append(out, "</table>");
	decoded_free(&d);
}

static void message(GString *out, const struct explain *e,
		    const struct explain_item *it, const char *anchor,
		    unsigned int idx)
{
	const char *cls = it->kind == EXPLAIN_CALL ? "call" : "reply";

	if (it->regs)
		g_string_append_printf(out, "<li class=\"%s\" id=\"%s%u\"><details><summary>",
				       cls, anchor, idx);
	else
		g_string_append_printf(out, "<li class=\"%s\">", cls);
	g_string_append(out, "<span class=\"who\">");
	put(out, actor_name(e, it->from));
	g_string_append(out, " &#8594; ");
	put(out, actor_name(e, it->to));
	g_string_append(out, "</span> ");
	put(out, it->text);
	if (it->regs) {
		g_string_append(out, "</summary>");
		registers(out, it);
		g_string_append(out, "</details>");
	}
	g_string_append(out, "</li>\n");
}

/* xxd's layout, which ffa-sim decode --descriptor reads back. */
static void hex_dump(GString *out, const uint8_t *b, size_t len)
{
	size_t i, j;

	for (i = 0; i < len; i += 16) {
		g_string_append_printf(out, "%08zx:", i);
		for (j = i; j < i + 16 && j < len; j++)
			g_string_append_printf(out, "%s%02x",
					       (j - i) % 2 ? "" : " ", b[j]);
		g_string_append_c(out, '\n');
	}
}

/* A note on a descriptor: the line, opening onto every field and bytes. */
static void descriptor(GString *out, const struct explain *e,
		       const struct explain_item *it)
{
	GString *full = g_string_new(NULL), *hex = g_string_new(NULL);

	decode_descriptor(it->desc, it->desc_len, 0, full);
	hex_dump(hex, it->desc, it->desc_len);
	g_string_append(out, "<li class=\"note desc\"><details><summary><span class=\"who\">");
	put(out, actor_name(e, it->from));
	g_string_append(out, "</span> ");
	put(out, it->text);
	g_string_append(out, "</summary><pre class=\"descriptor\">");
	put(out, full->str);
	g_string_append(out, "</pre><p>Its bytes, as <code>xxd</code> prints them: saved to a file, <code>ffa-sim decode --descriptor FILE</code> reads them back.</p><pre class=\"bytes\">");
	put(out, hex->str);
	g_string_append(out, "</pre></details></li>\n");
	g_string_free(full, TRUE);
	g_string_free(hex, TRUE);
}

void html_hops(GString *out, const struct scen_picture *p, const char *anchor)
{
	const struct explain *e = &p->explain;
	bool open = false;
	unsigned int i;

	g_string_append(out, "<div class=\"hops\">\n");
	for (i = 0; i < e->items->len; i++) {
		const struct explain_item *it = e->items->pdata[i];

		if (it->kind == EXPLAIN_SECTION) {
			if (open)
				g_string_append(out, "</ol>\n");
			g_string_append(out, "<h4>");
			put(out, it->text);
			g_string_append(out, "</h4>\n<ol class=\"hops\">\n");
			open = true;
			continue;
		}
		if (!open) {
			g_string_append(out, "<ol class=\"hops\">\n");
			open = true;
		}
		if (it->kind == EXPLAIN_NOTE && it->desc) {
			descriptor(out, e, it);
		} else if (it->kind == EXPLAIN_NOTE) {
			g_string_append(out, "<li class=\"note\"><span class=\"who\">");
			put(out, actor_name(e, it->from));
			g_string_append(out, "</span> ");
			put(out, it->text);
			g_string_append(out, "</li>\n");
		} else {
			message(out, e, it, anchor, i);
		}
	}
	if (open)
		g_string_append(out, "</ol>\n");
	g_string_append(out, "</div>\n");
}
