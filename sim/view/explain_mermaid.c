// SPDX-License-Identifier: GPL-2.0-only
/*
 * The explained run as a Mermaid sequenceDiagram: one participant per
 * actor, declared first so they stand in a fixed order, "A->>B: text"
 * for calls, "A-->>B: text" for answers, notes over EL2 for stage-2
 * changes and WARNs, and a note across all actors for each step.
 *
 * In Mermaid a ';' ends a statement and '#' starts an entity code
 * ("#59;"), so both are written as entity codes in any text, and so are
 * '<' and '>', which a renderer could take for HTML.
 */
#include <string.h>

#include "sim/view/explain.h"

static void put_text(GString *out, const char *s)
{
	if (!*s)
		s = "-";
	for (; *s; s++) {
		switch (*s) {
		case '#': case ';': case '<': case '>':
			g_string_append_printf(out, "#%d;", *s);
			break;
		case '\n': case '\r':
			g_string_append_c(out, ' ');
			break;
		default:
			g_string_append_c(out, *s);
			break;
		}
	}
	g_string_append_c(out, '\n');
}

static const char *actor_id(const struct explain *e, int idx)
{
	return ((const struct explain_actor_def *)e->actors->pdata[idx])->id;
}

static void participants(const struct explain *e, GString *out)
{
	unsigned int i;

	for (i = 0; i < e->actors->len; i++) {
		const struct explain_actor_def *a = e->actors->pdata[i];

		g_string_append_printf(out, "    participant %s", a->id);
		if (strcmp(a->id, a->label)) {
			g_string_append(out, " as ");
			put_text(out, a->label);
		} else {
			g_string_append_c(out, '\n');
		}
	}
}

static void span_note(const struct explain *e, const char *text,
		      GString *out)
{
	g_string_append_printf(out, "    Note over %s,%s: ", actor_id(e, 0),
			       actor_id(e, (int)e->actors->len - 1));
	put_text(out, text);
}

static void item(const struct explain *e, const struct explain_item *it,
		 GString *out)
{
	switch (it->kind) {
	case EXPLAIN_SECTION:
		span_note(e, it->text, out);
		return;
	case EXPLAIN_CALL:
	case EXPLAIN_REPLY:
		g_string_append_printf(out, "    %s%s%s: ", actor_id(e, it->from),
				       it->kind == EXPLAIN_CALL ? "->>" : "-->>",
				       actor_id(e, it->to));
		break;
	case EXPLAIN_NOTE:
		g_string_append_printf(out, "    Note over %s: ",
				       actor_id(e, it->from));
		break;
	}
	put_text(out, it->text);
}

void explain_mermaid(const struct explain *e, GString *out)
{
	unsigned int i;

	g_string_append(out, "sequenceDiagram\n");
	g_string_append_printf(out, "    %%%% %s: %s:%u, run on %s\n", e->s->id,
			       e->s->file, e->s->line,
			       e->variant ? e->variant : "?");
	participants(e, out);
	for (i = 0; i < e->items->len; i++)
		item(e, e->items->pdata[i], out);
	if (e->outcome)
		span_note(e, e->outcome, out);
}
