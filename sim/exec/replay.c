// SPDX-License-Identifier: GPL-2.0-only
/*
 * The replay file is the scenario file itself, line for line, but for
 * the keys that say how a concurrently: step runs.  A step with
 * interleavings: (or an order:) gets order: on that key's line instead;
 * a step without either gets an order: line where its concurrently: key
 * was, which moves down one line at the same column:
 *
 *	  - concurrently:		  - order: [1, 0]
 *	      - ...		->	    concurrently:
 *					      - ...
 *
 * Block-style keys only: a step written as a flow mapping ({ ... }) on
 * one line is not rewritten, and the replay explores it again.
 */
#include <stdlib.h>
#include <string.h>

#include "sim/exec/replay.h"

/* Later lines first, so that an inserted line moves none still to come. */
static gint later_first(gconstpointer a, gconstpointer b)
{
	const struct replay_fix *l = a, *r = b;
	unsigned int la = l->group->mode_pos.line ? l->group->mode_pos.line :
			  l->group->key_pos.line;
	unsigned int lb = r->group->mode_pos.line ? r->group->mode_pos.line :
			  r->group->key_pos.line;

	return la < lb ? 1 : la > lb ? -1 : 0;
}

static void fix_lines(GPtrArray *lines, const struct replay_fix *f)
{
	const struct conc_group *g = f->group;
	struct src_pos at = g->mode_pos.line ? g->mode_pos : g->key_pos;
	char *line, *head;
	unsigned int col;

	if (!at.line || at.line > lines->len)
		return;
	line = lines->pdata[at.line - 1];
	col = at.col ? at.col - 1 : 0;
	if (col > strlen(line))
		return;
	head = g_strndup(line, col);
	lines->pdata[at.line - 1] = g_strdup_printf("%sorder: %s", head,
						    f->order);
	if (!g->mode_pos.line)
		g_ptr_array_insert(lines, (gint)at.line,
				   g_strdup_printf("%*s%s", (int)col, "",
						   line + col));
	g_free(head);
	g_free(line);
}

static char *replay_path(const struct scenario *s)
{
	const char *dir = g_getenv("FFA_SIM_REPLAY_DIR");
	char *d = dir ? g_strdup(dir) :
		  g_build_filename(g_get_tmp_dir(), "ffa-sim-replay", NULL);
	char *name = g_strdup(s->id), *file, *path;
	char *p;

	for (p = name; *p; p++)
		if (!g_ascii_isalnum(*p) && !strchr("-_.", *p))
			*p = '_';
	file = g_strdup_printf("%s.yaml", name);
	path = g_mkdir_with_parents(d, 0755) ? NULL :
	       g_build_filename(d, file, NULL);
	g_free(d);
	g_free(name);
	g_free(file);
	return path;
}

char *replay_write(const struct scenario *s, const struct replay_fix *fixes,
		   unsigned int n)
{
	struct replay_fix *sorted = g_memdup2(fixes, n * sizeof(*fixes));
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
	char *text = NULL, *path = NULL, **split;
	unsigned int i;
	GString *out;

	if (!g_file_get_contents(s->file, &text, NULL, NULL))
		goto out;
	split = g_strsplit(text, "\n", -1);
	for (i = 0; split[i]; i++)
		g_ptr_array_add(lines, split[i]);
	g_free(split);		/* the strings now belong to lines */
	qsort(sorted, n, sizeof(*sorted), later_first);
	for (i = 0; i < n; i++)
		fix_lines(lines, &sorted[i]);
	out = g_string_new(NULL);
	for (i = 0; i < lines->len; i++)
		g_string_append_printf(out, "%s%s", i ? "\n" : "",
				       (char *)lines->pdata[i]);
	path = replay_path(s);
	if (path && !g_file_set_contents(path, out->str, (gssize)out->len,
					 NULL)) {
		g_free(path);
		path = NULL;
	}
	g_string_free(out, TRUE);
out:
	g_free(text);
	g_free(sorted);
	g_ptr_array_unref(lines);
	return path;
}
