// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim run [PATH...]: find scenario files, load them, pick the ones
 * the filters select, run each in its own process, compare outcomes with
 * the variant's expectations file and report.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <generated/sim_not_modelled.h>
#include <generated/sim_variant.h>

#include "proxy/hyp/hyp.h"
#include "sim/cmd.h"
#include "sim/exec.h"
#include "sim/expectations.h"
#include "sim/isolate.h"
#include "sim/picture.h"
#include "sim/report.h"
#include "sim/scenario.h"

struct run_opts {
	gboolean tap, trace, list, no_isolation, no_invariants;
	char *junit, *expectations, *color, *results, *html;
	char **filters;
	int jobs;
	double timeout;
};

static bool is_scenario_file(const char *name)
{
	return g_str_has_suffix(name, ".yaml") || g_str_has_suffix(name, ".yml");
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every scenario file under @dir, except expectations/ folders. */
static void collect_dir(const char *dir, GPtrArray *files)
{
	GDir *dh = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	unsigned int i;

	if (!dh)
		return;
	while ((name = g_dir_read_name(dh)))
		g_ptr_array_add(names, g_strdup(name));
	g_dir_close(dh);
	g_ptr_array_sort(names, compare_names);
	for (i = 0; i < names->len; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);

		if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
			if (strcmp(names->pdata[i], "expectations"))
				collect_dir(path, files);
			g_free(path);
		} else if (is_scenario_file(names->pdata[i])) {
			g_ptr_array_add(files, path);
		} else {
			g_free(path);
		}
	}
	g_ptr_array_unref(names);
}

static bool collect_files(char **paths, GPtrArray *files)
{
	bool ok = true;

	for (; *paths; paths++) {
		if (g_file_test(*paths, G_FILE_TEST_IS_DIR)) {
			collect_dir(*paths, files);
		} else if (g_file_test(*paths, G_FILE_TEST_EXISTS)) {
			g_ptr_array_add(files, g_strdup(*paths));
		} else {
			fprintf(stderr, "ffa-sim: %s: no such file or folder\n",
				*paths);
			ok = false;
		}
	}
	return ok;
}

/* A file that does not load is one failed result carrying its diagnostics. */
static struct scen_result *broken_file(const char *path, const struct diag *d,
				       unsigned int first)
{
	struct scen_result *r = scen_result_new(path, path, 0);
	GString *m = g_string_new(NULL);
	unsigned int i;

	for (i = first; i < diag_count(d); i++)
		g_string_append_printf(m, "%s%s", i > first ? "\n" : "",
				       diag_message(d, i));
	r->status = SCEN_FAIL;
	r->verdict = VERDICT_FAIL;
	r->message = g_string_free(m, FALSE);
	return r;
}

static bool check_unique(GPtrArray *scens, struct diag *d)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	unsigned int i;
	bool ok = true;

	for (i = 0; i < scens->len; i++) {
		const struct scenario *s = scens->pdata[i];
		const struct scenario *other = g_hash_table_lookup(seen, s->id);

		if (other) {
			diag_error(d, (struct src_pos){ s->file, s->line, 1 },
				   "scenario '%s' is also defined at %s:%u",
				   s->id, other->file, other->line);
			ok = false;
		}
		g_hash_table_insert(seen, s->id, (gpointer)s);
	}
	g_hash_table_destroy(seen);
	return ok;
}

static void load_all(GPtrArray *files, GPtrArray *scens,
		     struct run_summary *sum)
{
	struct diag d;
	unsigned int i, before;

	diag_init(&d);
	for (i = 0; i < files->len; i++) {
		before = diag_count(&d);
		if (!scenario_load_file(files->pdata[i], hyp_page_size(), scens,
					&d))
			run_summary_add(sum, broken_file(files->pdata[i], &d,
							 before));
	}
	before = diag_count(&d);
	if (!check_unique(scens, &d))
		run_summary_add(sum, broken_file("scenario names", &d, before));
	diag_free(&d);
}

static bool selected(const struct scenario *s, char **filters)
{
	unsigned int i;

	if (!filters || !*filters)
		return true;
	for (; *filters; filters++) {
		const char *f = *filters;

		if (g_str_has_prefix(f, "tag:")) {
			for (i = 0; i < s->tags->len; i++)
				if (g_pattern_match_simple(f + 4, s->tags->pdata[i]))
					return true;
		} else if (g_pattern_match_simple(f, s->id) ||
			   strstr(s->id, f)) {
			return true;
		}
	}
	return false;
}

static void filter(GPtrArray *scens, char **filters)
{
	unsigned int i = 0;

	while (i < scens->len) {
		if (selected(scens->pdata[i], filters))
			i++;
		else
			scenario_free(g_ptr_array_steal_index(scens, i));
	}
}

static void list(GPtrArray *scens)
{
	unsigned int i, j;

	for (i = 0; i < scens->len; i++) {
		const struct scenario *s = scens->pdata[i];

		printf("%s  %s:%u", s->id, s->file, s->line);
		for (j = 0; j < s->tags->len; j++)
			printf("%s%s", j ? "," : "  [", (char *)s->tags->pdata[j]);
		printf("%s\n", s->tags->len ? "]" : "");
	}
	printf("%u scenario%s\n", scens->len, scens->len == 1 ? "" : "s");
}

/* "7.3.4" -> "7.3" */
static char *kernel_series(void)
{
	char **parts = g_strsplit(SIM_KERNEL_VERSION, ".", 3);
	char *series = parts[0] && parts[1] ?
		       g_strdup_printf("%s.%s", parts[0], parts[1]) :
		       g_strdup(SIM_KERNEL_VERSION);

	g_strfreev(parts);
	return series;
}

/* expectations/ beside the first path, or in a folder above it. */
static char *expectations_dir(const char *path)
{
	char *dir = g_file_test(path, G_FILE_TEST_IS_DIR) ? g_strdup(path) :
			g_path_get_dirname(path);
	int depth;

	for (depth = 0; depth < 8; depth++) {
		char *cand = g_build_filename(dir, "expectations", NULL);
		char *up;

		if (g_file_test(cand, G_FILE_TEST_IS_DIR)) {
			g_free(dir);
			return cand;
		}
		g_free(cand);
		up = g_path_get_dirname(dir);
		if (!strcmp(up, dir)) {
			g_free(up);
			break;
		}
		g_free(dir);
		dir = up;
	}
	g_free(dir);
	return NULL;
}

/* Is @path the folder that holds the expectations, the whole suite? */
static bool whole_suite(const char *path)
{
	char *dir = expectations_dir(path);
	char *mine = g_build_filename(path, "expectations", NULL);
	bool whole = dir && !strcmp(dir, mine);

	g_free(dir);
	g_free(mine);
	return whole;
}

static bool pick_expectations(const struct run_opts *o, const char *first,
			      struct expectations *e, struct run_summary *sum)
{
	char *series = kernel_series(), *dir, *notice = NULL;
	struct diag d;
	bool ok;

	diag_init(&d);
	if (o->expectations) {
		ok = expectations_load(e, o->expectations, &d);
	} else if ((dir = expectations_dir(first))) {
		ok = expectations_find(e, dir, series, &notice, &d);
		g_free(dir);
	} else {
		expectations_none(e);
		ok = true;
		notice = g_strdup("no expectations folder found: every failure counts");
	}
	/* A fallback is said in the same line as the file it fell back to. */
	if (ok && e->path && notice && !o->expectations) {
		g_ptr_array_add(sum->notices,
				g_strdup_printf("expectations: %s (no linux-%s.yaml: the nearest older series)",
						e->path, series));
		g_free(notice);
	} else {
		if (notice)
			g_ptr_array_add(sum->notices, notice);
		if (ok && e->path)
			g_ptr_array_add(sum->notices,
					g_strdup_printf("expectations: %s",
							e->path));
	}
	diag_print(&d, stderr);
	diag_free(&d);
	g_free(series);
	return ok;
}

struct reporting {
	struct run_summary *sum;
	struct expectations *e;
	bool human, color;
};

static void one_done(void *ctx, struct scen_result *r)
{
	struct reporting *rp = ctx;

	expectations_apply(rp->e, r);
	if (rp->human) {
		report_human_result(stdout, r, rp->color);
		fflush(stdout);
	}
	run_summary_add(rp->sum, r);
}

static bool use_color(const char *mode)
{
	if (!mode || !strcmp(mode, "auto"))
		return isatty(STDOUT_FILENO) && !g_getenv("NO_COLOR");
	return !strcmp(mode, "always");
}

/* gdb and rr need the proxy in this process: exactly one scenario. */
static void run_in_process(GPtrArray *scens, const struct isolate_opts *iso,
			   struct reporting *rp)
{
	const struct scenario *s = scens->pdata[0];
	struct scen_result *r = scen_result_new(s->id, s->file, s->line);

	(iso->child_run ? iso->child_run : exec_scenario)(s, iso->trace, NULL,
							  r);
	g_ptr_array_extend(r->tags, s->tags, (GCopyFunc)(void *)g_strdup, NULL);
	r->description = g_strdup(s->description);
	one_done(rp, r);
}

static void unused_expectations(struct expectations *e,
				struct run_summary *sum)
{
	GHashTableIter it;
	gpointer id;

	g_hash_table_iter_init(&it, e->known);
	while (g_hash_table_iter_next(&it, &id, NULL))
		if (!g_hash_table_contains(e->used, id))
			g_ptr_array_add(sum->notices,
					g_strdup_printf("%s lists '%s', which did not run",
							e->path, (char *)id));
}

static int finish(struct run_summary *sum, const struct run_opts *o,
		  bool color)
{
	char err[512];
	int ret = sum->failed ? 1 : 0;

	if (o->tap) {
		report_tap(stdout, sum);
	} else {
		report_human_summary(stdout, sum, color);
	}
	if (o->junit && report_junit(o->junit, sum, err, sizeof(err))) {
		fprintf(stderr, "ffa-sim: %s\n", err);
		ret = 2;
	}
	if (o->results && report_results(o->results, sum, err, sizeof(err))) {
		fprintf(stderr, "ffa-sim: %s\n", err);
		ret = 2;
	}
	if (o->html && report_html(o->html, sum, err, sizeof(err))) {
		fprintf(stderr, "ffa-sim: %s\n", err);
		ret = 2;
	}
	return ret;
}

static int run_selected(GPtrArray *scens, const struct run_opts *o,
			struct run_summary *sum, const char *first)
{
	struct isolate_opts iso = {
		.jobs = o->jobs > 0 ? (unsigned int)o->jobs : 1,
		.timeout = o->timeout > 0 ? o->timeout : 10,
		.trace = o->trace,
		/* The page needs what only the scenario's process sees. */
		.child_run = o->html ? picture_run : NULL,
	};
	struct expectations e = { 0 };
	unsigned int i;
	struct reporting rp = { .sum = sum, .e = &e, .human = !o->tap,
				.color = use_color(o->color) };
	int ret;

	/* Files that did not load come first, like compiler errors. */
	for (i = 0; rp.human && i < sum->results->len; i++)
		report_human_result(stdout, sum->results->pdata[i], rp.color);
	for (i = 0; sim_not_modelled[i]; i++)
		g_ptr_array_add(sum->notices,
				g_strdup_printf("not modelled: %s",
						sim_not_modelled[i]));
	if (o->no_invariants) {
		exec_set_invariants(false);
		g_ptr_array_add(sum->notices,
				g_strdup("invariants were not checked (--no-invariants)"));
	}
	if (!pick_expectations(o, first, &e, sum)) {
		expectations_free(&e);
		return 2;
	}
	if (o->no_isolation)
		run_in_process(scens, &iso, &rp);
	else
		isolate_run_all(scens, &iso, one_done, &rp);
	if (!o->filters && whole_suite(first))
		unused_expectations(&e, sum);
	ret = finish(sum, o, rp.color);
	expectations_free(&e);
	return ret;
}

static const char summary[] =
	"Runs scenario files, or every *.yaml under the given folders\n"
	"(default: scenarios/), each in a process of its own, against the\n"
	"proxy this binary was built from.  Outcomes are compared with the\n"
	"expectations file of the kernel series (expectations/linux-X.Y.yaml\n"
	"beside the scenarios).  Exit status 0 only when every outcome is as\n"
	"expected.";

static bool parse(int *argc, char ***argv, struct run_opts *o)
{
	const GOptionEntry entries[] = {
		{ "tap", 0, 0, G_OPTION_ARG_NONE, &o->tap,
		  "Print KTAP instead of text", NULL },
		{ "junit", 0, 0, G_OPTION_ARG_FILENAME, &o->junit,
		  "Also write JUnit XML to FILE", "FILE" },
		{ "trace", 't', 0, G_OPTION_ARG_NONE, &o->trace,
		  "Print every hop of every step", NULL },
		{ "filter", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &o->filters,
		  "Only scenarios whose name matches (glob or substring), or tag:NAME; repeatable",
		  "PATTERN" },
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &o->jobs,
		  "Run N scenarios at once", "N" },
		{ "list", 'l', 0, G_OPTION_ARG_NONE, &o->list,
		  "List the selected scenarios, do not run them", NULL },
		{ "no-isolation", 0, 0, G_OPTION_ARG_NONE, &o->no_isolation,
		  "Run the one selected scenario in this process (for gdb, rr)",
		  NULL },
		{ "no-invariants", 0, 0, G_OPTION_ARG_NONE, &o->no_invariants,
		  "Skip the invariant checks (only to benchmark the runner)",
		  NULL },
		{ "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o->timeout,
		  "Seconds a scenario may take (default 10)", "S" },
		{ "expectations", 'e', 0, G_OPTION_ARG_FILENAME,
		  &o->expectations, "Use this expectations file", "FILE" },
		{ "color", 0, 0, G_OPTION_ARG_STRING, &o->color,
		  "auto, always or never", "WHEN" },
		{ "html", 0, 0, G_OPTION_ARG_FILENAME, &o->html,
		  "Also write a self-contained HTML page to FILE: steps, sequence diagrams, page maps, decoded registers",
		  "FILE" },
		{ "results", 0, 0, G_OPTION_ARG_FILENAME, &o->results,
		  "Also write one line per scenario to FILE, for compare",
		  "FILE" },
		{ NULL }
	};
	GOptionContext *ctx = g_option_context_new("[PATH...] - run scenarios");
	GError *error = NULL;
	bool ok;

	g_option_context_set_summary(ctx, summary);
	g_option_context_add_main_entries(ctx, entries, NULL);
	ok = g_option_context_parse(ctx, argc, argv, &error);
	if (!ok) {
		fprintf(stderr, "ffa-sim run: %s\n", error->message);
		g_error_free(error);
	}
	g_option_context_free(ctx);
	return ok;
}

static void free_opts(struct run_opts *o)
{
	g_free(o->junit);
	g_free(o->expectations);
	g_free(o->color);
	g_free(o->results);
	g_free(o->html);
	g_strfreev(o->filters);
}

int cmd_run(int argc, char **argv)
{
	static char *default_paths[] = { "scenarios", NULL };
	struct run_opts o = { .jobs = 1 };
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *scens = g_ptr_array_new_with_free_func((GDestroyNotify)scenario_free);
	struct run_summary sum;
	unsigned int i;
	char **paths;
	int ret = 2;

	run_summary_init(&sum, SIM_VARIANT_NAME);
	if (!parse(&argc, &argv, &o))
		goto out;
	paths = argc > 1 ? argv + 1 : default_paths;
	if (!collect_files(paths, files))
		goto out;
	load_all(files, scens, &sum);
	filter(scens, o.filters);
	if (o.list) {
		/* Say why the run would fail: the files that do not load. */
		for (i = 0; i < sum.results->len; i++)
			report_human_result(stderr, sum.results->pdata[i], false);
		list(scens);
		ret = sum.failed ? 1 : 0;
		goto out;
	}
	if (o.no_isolation && scens->len != 1) {
		fprintf(stderr, "ffa-sim run: --no-isolation runs one scenario, %u selected: narrow it with --filter\n",
			scens->len);
		goto out;
	}
	ret = run_selected(scens, &o, &sum, paths[0]);
out:
	run_summary_free(&sum);
	g_ptr_array_unref(scens);
	g_ptr_array_unref(files);
	free_opts(&o);
	return ret;
}
