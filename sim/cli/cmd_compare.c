// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim compare --variant A --variant B [PATH...]: run the scenarios
 * with two variants' binaries and show where their outcomes differ, with
 * the first thing that went wrong on each side.  The reviewer's question
 * "what does this series change?" is compare base against base+series.
 *
 * Each variant runs as its own process (`run --results`), so variants
 * built from different trees never share a process.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/cli/cmd.h"
#include "sim/exec/result.h"
#include "sim/run/variants.h"

struct row {
	char *status, *verdict, *detail, *reason;
};

struct side {
	char *name;		/* variant name, for headings */
	char *bin;
	GHashTable *rows;	/* id -> struct row * */
	GPtrArray *order;	/* ids in run order */
	GPtrArray *notices;
};

struct compare_opts {
	char **variants, **filters;
	gboolean all, markdown, lines;
	int jobs;
};

static void row_free(gpointer p)
{
	struct row *r = p;

	g_free(r->status);
	g_free(r->verdict);
	g_free(r->detail);
	g_free(r->reason);
	g_free(r);
}

static void side_init(struct side *s)
{
	s->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					row_free);
	s->order = g_ptr_array_new_with_free_func(g_free);
	s->notices = g_ptr_array_new_with_free_func(g_free);
}

static void side_free(struct side *s)
{
	g_free(s->name);
	g_free(s->bin);
	if (s->rows)
		g_hash_table_destroy(s->rows);
	if (s->order)
		g_ptr_array_unref(s->order);
	if (s->notices)
		g_ptr_array_unref(s->notices);
}

static void parse_line(struct side *s, char *line)
{
	char **f = g_strsplit(line, "\t", 7);
	struct row *r;

	if (f[0] && !strcmp(f[0], "notice") && f[1]) {
		g_ptr_array_add(s->notices, g_strdup(f[1]));
	} else if (f[0] && !strcmp(f[0], "result") && f[1] && f[2] && f[3] &&
		   f[4] && f[5] && !g_hash_table_contains(s->rows, f[1])) {
		r = g_new0(struct row, 1);
		r->status = g_strdup(f[2]);
		r->verdict = g_strdup(f[3]);
		r->detail = g_strdup(f[4]);
		r->reason = g_strdup(f[5]);
		g_hash_table_insert(s->rows, g_strdup(f[1]), r);
		g_ptr_array_add(s->order, g_strdup(f[1]));
	}
	g_strfreev(f);
}

static bool load_results(struct side *s, const char *path)
{
	char *text, **lines;
	unsigned int i;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return false;
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i]; i++)
		if (*lines[i])
			parse_line(s, lines[i]);
	g_strfreev(lines);
	g_free(text);
	return true;
}

static GPtrArray *run_argv(const struct side *s, const char *results,
			   const struct compare_opts *o, char **paths)
{
	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
	char **p;

	g_ptr_array_add(argv, g_strdup(s->bin));
	g_ptr_array_add(argv, g_strdup("run"));
	g_ptr_array_add(argv, g_strdup("--color=never"));
	g_ptr_array_add(argv, g_strdup("--results"));
	g_ptr_array_add(argv, g_strdup(results));
	g_ptr_array_add(argv, g_strdup_printf("--jobs=%d", o->jobs > 0 ? o->jobs : 1));
	for (p = o->filters; p && *p; p++)
		g_ptr_array_add(argv, g_strdup_printf("--filter=%s", *p));
	for (p = paths; *p; p++)
		g_ptr_array_add(argv, g_strdup(*p));
	g_ptr_array_add(argv, NULL);
	return argv;
}

/*
 * /bin/true as a variant ran "nothing" and compare found no difference:
 * a binary counts as a variant only when --version says it is ffa-sim.
 */
static bool is_ffa_sim(const struct side *s)
{
	char *argv[] = { s->bin, "--version", NULL };
	char *out = NULL;
	int status;
	bool ok;

	ok = g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
			  NULL, &out, NULL, &status, NULL) &&
	     WIFEXITED(status) && !WEXITSTATUS(status) && out &&
	     g_str_has_prefix(out, "ffa-sim ");
	if (!ok)
		fprintf(stderr, "ffa-sim compare: %s is not an ffa-sim binary (its --version does not say ffa-sim)\n",
			s->bin);
	g_free(out);
	return ok;
}

/* Run one variant; its own pass/fail verdict does not matter here. */
static bool run_side(struct side *s, const struct compare_opts *o,
		     char **paths)
{
	char *results = g_build_filename(g_get_tmp_dir(), "ffa-sim-cmp-XXXXXX",
					 NULL);
	GError *error = NULL;
	GPtrArray *argv;
	char *err_out = NULL;
	int fd, status;
	bool ok;

	fd = g_mkstemp(results);
	if (fd < 0) {
		fprintf(stderr, "ffa-sim compare: cannot create a temporary file\n");
		g_free(results);
		return false;
	}
	close(fd);
	argv = run_argv(s, results, o, paths);
	ok = g_spawn_sync(NULL, (char **)argv->pdata, NULL,
			  G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
			  &err_out, &status, &error);
	if (!ok) {
		fprintf(stderr, "ffa-sim compare: %s: %s\n", s->bin, error->message);
		g_error_free(error);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		fprintf(stderr, "ffa-sim compare: %s run failed:\n%s", s->name,
			err_out ? err_out : "");
		ok = false;
	} else {
		ok = load_results(s, results);
	}
	unlink(results);
	g_free(results);
	g_free(err_out);
	g_ptr_array_unref(argv);
	return ok;
}

static const struct row missing = {
	.status = "absent", .verdict = "", .detail = "", .reason = "",
};

static const struct row *row_of(const struct side *s, const char *id)
{
	const struct row *r = g_hash_table_lookup(s->rows, id);

	return r ? r : &missing;
}

/*
 * Behaviour, not line numbers: a WARN, BUG or fault at the same function
 * and condition is the same outcome wherever the line went, unless
 * --lines asks for those too.
 */
static bool rows_differ(const struct row *a, const struct row *b,
			const struct compare_opts *o)
{
	if (strcmp(a->status, b->status))
		return true;
	if (o->lines)
		return strcmp(a->detail, b->detail);
	return !scen_outcomes_match(a->detail, b->detail);
}

/* Every id, in A's order, then those only B ran. */
static GPtrArray *all_ids(const struct side *a, const struct side *b)
{
	GPtrArray *ids = g_ptr_array_new();
	unsigned int i;

	for (i = 0; i < a->order->len; i++)
		g_ptr_array_add(ids, a->order->pdata[i]);
	for (i = 0; i < b->order->len; i++)
		if (!g_hash_table_contains(a->rows, b->order->pdata[i]))
			g_ptr_array_add(ids, b->order->pdata[i]);
	return ids;
}

/* Markdown cells may not hold a bare '|'. */
static char *md_cell(const char *text)
{
	GString *s = g_string_new(NULL);

	for (; *text; text++) {
		if (*text == '|')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *text);
	}
	return g_string_free(s, FALSE);
}

static void print_detail(const char *side, const struct row *r, bool md)
{
	char *cell;

	if (!*r->detail)
		return;
	if (!md) {
		printf("    %s: %s\n", side, r->detail);
		return;
	}
	cell = md_cell(r->detail);
	printf("%s: %s ", side, cell);
	g_free(cell);
}

static void print_row(const char *id, const struct row *ra,
		      const struct row *rb, bool md, int width)
{
	char *cell;

	if (md) {
		cell = md_cell(id);
		printf("| `%s` | %s | %s | ", cell, ra->status, rb->status);
		g_free(cell);
		print_detail("A", ra, true);
		print_detail("B", rb, true);
		printf("|\n");
		return;
	}
	printf("%-*s %-8s %-8s\n", width, id, ra->status, rb->status);
	print_detail("A", ra, false);
	print_detail("B", rb, false);
}

static void print_notices(const struct side *s, const char *label, bool md)
{
	unsigned int i;

	for (i = 0; i < s->notices->len; i++) {
		const char *n = s->notices->pdata[i];

		if (g_str_has_prefix(n, "not modelled: "))
			printf("%s%s (%s): %s\n", md ? "- " : "", label, s->name, n);
	}
}

static unsigned int print_table(const struct side *a, const struct side *b,
				const struct compare_opts *o)
{
	GPtrArray *ids = all_ids(a, b);
	unsigned int i, differ = 0;
	int width = (int)strlen("scenario");

	for (i = 0; i < ids->len; i++) {
		differ += rows_differ(row_of(a, ids->pdata[i]),
				      row_of(b, ids->pdata[i]), o);
		width = MAX(width, (int)strlen(ids->pdata[i]));
	}
	if (o->markdown)
		printf("**A** = `%s`, **B** = `%s`: %u scenarios, %u differ\n\n"
		       "| scenario | A | B | first difference |\n"
		       "|---|---|---|---|\n", a->name, b->name, ids->len, differ);
	else
		printf("A = %s, B = %s: %u scenarios, %u differ\n\n%-*s %-8s %-8s\n",
		       a->name, b->name, ids->len, differ, width, "scenario",
		       "A", "B");
	for (i = 0; i < ids->len; i++) {
		const struct row *ra = row_of(a, ids->pdata[i]);
		const struct row *rb = row_of(b, ids->pdata[i]);

		if (o->all || rows_differ(ra, rb, o))
			print_row(ids->pdata[i], ra, rb, o->markdown, width);
	}
	printf("\n");
	print_notices(a, "A", o->markdown);
	print_notices(b, "B", o->markdown);
	g_ptr_array_unref(ids);
	return differ;
}

static bool parse(int *argc, char ***argv, struct compare_opts *o)
{
	const GOptionEntry entries[] = {
		{ "variant", 'v', 0, G_OPTION_ARG_STRING_ARRAY, &o->variants,
		  "A variant name (see ffa-sim variants) or an ffa-sim binary; give two",
		  "NAME" },
		{ "all", 'a', 0, G_OPTION_ARG_NONE, &o->all,
		  "Show every scenario, not only those that differ", NULL },
		{ "lines", 0, 0, G_OPTION_ARG_NONE, &o->lines,
		  "Also count a WARN, BUG or fault that only moved to another line", NULL },
		{ "markdown", 'm', 0, G_OPTION_ARG_NONE, &o->markdown,
		  "Print a Markdown table, for a review mail", NULL },
		{ "filter", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &o->filters,
		  "As for run", "PATTERN" },
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &o->jobs,
		  "Scenarios at once in each run", "N" },
		{ NULL }
	};

	if (!cmd_parse_options("compare", argc, argv, entries,
			       "--variant A --variant B [PATH...] - compare outcomes",
			       "Runs the scenarios (default: scenarios/) with two variants and lists\n"
			       "the scenarios whose outcome differs, with the first difference of\n"
			       "each side.  Exit status 1 when something differs, 0 when nothing does.",
			       false))
		return false;
	if (!o->variants || g_strv_length(o->variants) != 2) {
		fprintf(stderr, "ffa-sim compare: give two --variant\n");
		return false;
	}
	return true;
}

int cmd_compare(int argc, char **argv)
{
	char *default_paths[] = { NULL, NULL };
	struct compare_opts o = { .jobs = 2 };
	struct side sides[2] = { { 0 } };
	char **paths;
	int i, ret = 2;

	if (!parse(&argc, &argv, &o))
		goto out;
	if (argc <= 1)
		default_paths[0] = cmd_default_suite();
	paths = argc > 1 ? argv + 1 : default_paths;
	for (i = 0; i < 2; i++) {
		side_init(&sides[i]);
		sides[i].bin = variants_binary(o.variants[i], &sides[i].name);
		if (!sides[i].bin || !is_ffa_sim(&sides[i]) ||
		    !run_side(&sides[i], &o, paths))
			goto out;
	}
	ret = print_table(&sides[0], &sides[1], &o) ? 1 : 0;
out:
	g_free(default_paths[0]);
	for (i = 0; i < 2; i++)
		side_free(&sides[i]);
	g_strfreev(o.variants);
	g_strfreev(o.filters);
	return ret;
}

/*
 * A variant's patch subjects, as its own --version lists them, and its
 * host when it has no driver.
 */
static void print_details(const char *name)
{
	char *vname = NULL, *bin = variants_binary(name, &vname);
	char *argv[] = { bin, "--version", NULL };
	char *out = NULL, **lines, **l;

	g_free(vname);
	if (!bin)
		return;
	if (g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
			 NULL, &out, NULL, NULL, NULL)) {
		lines = g_strsplit(out, "\n", -1);
		for (l = lines; *l; l++)
			if (g_str_has_prefix(*l, "  patch ") ||
			    g_str_has_prefix(*l, "host: without"))
				printf("%s%s\n", **l == ' ' ? "" : "  ", *l);
		g_strfreev(lines);
	}
	g_free(out);
	g_free(bin);
}

int cmd_variants(int argc, char **argv)
{
	GPtrArray *names;
	unsigned int i;

	if (!cmd_parse_no_arguments("variants", argc, argv,
			    "- the variants built beside this one",
			    "Lists the variants (kernel, patches, page size) whose ffa-sim\n"
			    "binaries lie beside this one: in the build folder of a checkout,\n"
			    "or in PREFIX/lib/ffa-sim after make install.  Each name can be\n"
			    "given to compare --variant."))
		return 2;
	names = variants_list();
	for (i = 0; i < names->len; i++) {
		printf("%s\n", (char *)names->pdata[i]);
		print_details(names->pdata[i]);
	}
	g_ptr_array_unref(names);
	return 0;
}
