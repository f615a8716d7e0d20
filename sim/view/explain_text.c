// SPDX-License-Identifier: GPL-2.0-only
/*
 * The explained run as plain text, for a review mail or a terminal: a
 * heading per step, then one line per message ("EL2 -> SPMC: ...") or
 * note ("EL2: stage-2 ...") in the order they happened.
 */
#include "sim/view/explain.h"

static const char *actor_name(const struct explain *e, int idx)
{
	return ((const struct explain_actor_def *)e->actors->pdata[idx])->name;
}

static void item(const struct explain *e, const struct explain_item *it,
		 GString *out)
{
	switch (it->kind) {
	case EXPLAIN_SECTION:
		g_string_append_printf(out, "\n%s\n", it->text);
		break;
	case EXPLAIN_CALL:
	case EXPLAIN_REPLY:
		g_string_append_printf(out, "  %s -> %s: %s\n",
				       actor_name(e, it->from),
				       actor_name(e, it->to), it->text);
		break;
	case EXPLAIN_NOTE:
		g_string_append_printf(out, "  %s: %s\n",
				       actor_name(e, it->from), it->text);
		break;
	}
}

void explain_text(const struct explain *e, GString *out)
{
	unsigned int i;

	g_string_append_printf(out, "%s (%s:%u, run on %s)\n", e->s->id,
			       e->s->file, e->s->line,
			       e->variant ? e->variant : "?");
	for (i = 0; i < e->items->len; i++)
		item(e, e->items->pdata[i], out);
	if (e->outcome)
		g_string_append_printf(out, "\n%s\n", e->outcome);
}
