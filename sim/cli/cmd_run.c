// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim run [PATH...]: find scenario files, load them, pick the ones
 * the filters select, run each in a worker process, compare outcomes with
 * the variant's expectations file and report.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <generated/sim_not_modelled.h>
#include <generated/sim_variant.h>

#include "proxy/hyp/hyp.h"
#include "sim/cli/cmd.h"
#include "sim/exec/exec.h"
#if SIM_SPMC_TFA
#include "sim/exec/el3_tfa.h"
#endif
#include "sim/run/expectations.h"
#include "sim/run/isolate.h"
#include "sim/run/scenario_files.h"
#include "sim/view/picture.h"
#include "sim/view/report.h"
#include "sim/lang/scenario.h"

#define RUN_MAX_TIMEOUT		86400

struct run_opts {
	gboolean tap, trace, list, no_isolation, no_invariants;
	gboolean continue_past_warn;
	char *junit, *expectations, *color, *results, *html, *record, *save_descs;
	char **filters;
	int jobs, per_worker;
	double timeout;
};

/* A file that does not load is one failed result carrying its diagnostics. */
static struct scen_result *broken_file(const char *path, const struct diag *d,
				       unsigned int first, unsigned int end)
{
	struct scen_result *r = scen_result_new(path, path, 0);
	GString *m = g_string_new(NULL);
	unsigned int i;

	for (i = first; i < end; i++)
		g_string_append_printf(m, "%s%s", i > first ? "\n" : "",
				       diag_message(d, i));
	r->status = SCEN_FAIL;
	r->verdict = VERDICT_FAIL;
	r->message = g_string_free(m, FALSE);
	return r;
}

/*
 * A path that does not exist ends the run before it starts; one that
 * cannot be read is a failed result, so the run cannot pass without it.
 */
static bool collect_files(char **paths, GPtrArray *files,
			  struct run_summary *sum)
{
	GPtrArray *unreadable = g_ptr_array_new_with_free_func(g_free);
	struct diag d;
	unsigned int i;
	bool ok;

	diag_init(&d);
	ok = scenario_files_collect(paths, files, unreadable, &d);
	if (!ok) {
		for (i = 0; i < diag_count(&d); i++)
			fprintf(stderr, "ffa-sim: %s\n", diag_message(&d, i));
	} else {
		for (i = 0; i < unreadable->len; i++)
			run_summary_add(sum, broken_file(unreadable->pdata[i],
							 &d, i, i + 1));
	}
	diag_free(&d);
	g_ptr_array_unref(unreadable);
	return ok;
}

static bool matches(const struct scenario *s, const char *f)
{
	unsigned int i;

	if (g_str_has_prefix(f, "tag:")) {
		for (i = 0; i < s->tags->len; i++)
			if (g_pattern_match_simple(f + 4, s->tags->pdata[i]))
				return true;
		return false;
	}
	return g_pattern_match_simple(f, s->id) || strstr(s->id, f);
}

/* Does any filter select @s?  Each one that does is marked in @used. */
static bool selected(const struct scenario *s, char **filters, bool *used)
{
	bool any = false;
	unsigned int i;

	for (i = 0; filters[i]; i++) {
		if (matches(s, filters[i])) {
			used[i] = true;
			any = true;
		}
	}
	return any;
}

/* What loading leaves: the selected scenarios, slim unless kept whole. */
struct loaded {
	GPtrArray *items;	/* of struct isolate_item * */
	GPtrArray *scens;	/* of struct scenario *, with --no-isolation */
	GHashTable *seen;	/* name -> "file:line" */
	bool *used;		/* by filter: it selected something */
};

static bool check_unique(struct loaded *l, const struct scenario *s,
			 struct diag *d)
{
	const char *other = g_hash_table_lookup(l->seen, s->id);

	if (other) {
		diag_error(d, (struct src_pos){ s->file, s->line, 1 },
			   "scenario '%s' is also defined at %s", s->id, other);
		return false;
	}
	g_hash_table_insert(l->seen, g_strdup(s->id),
			    g_strdup_printf("%s:%u", s->file, s->line));
	return true;
}

/*
 * One file at a time, each freed once its selected scenarios are noted:
 * the workers load what they run, so this process stays small whatever
 * the size of the suite.
 */
static void load_all(GPtrArray *files, char **filters, bool keep,
		     struct loaded *l, struct run_summary *sum)
{
	GPtrArray *one = g_ptr_array_new_with_free_func(
				(GDestroyNotify)scenario_free);
	struct diag d, names;
	unsigned int i, k, before;
	bool unique = true;

	diag_init(&d);
	diag_init(&names);
	for (i = 0; i < files->len; i++) {
		before = diag_count(&d);
		if (!scenario_load_file(files->pdata[i], hyp_page_size(), one,
					&d))
			run_summary_add(sum, broken_file(files->pdata[i], &d,
							 before, diag_count(&d)));
		for (k = 0; k < one->len; k++) {
			struct scenario *s = one->pdata[k];

			unique &= check_unique(l, s, &names);
			if (filters && !selected(s, filters, l->used))
				continue;
			g_ptr_array_add(l->items, isolate_item_new(s, k));
			if (keep)
				g_ptr_array_add(l->scens, g_steal_pointer(&one->pdata[k]));
		}
		g_ptr_array_set_size(one, 0);
	}
	if (!unique)
		run_summary_add(sum, broken_file("scenario names", &names, 0,
						 diag_count(&names)));
	g_ptr_array_unref(one);
	diag_free(&names);
	diag_free(&d);
}

/*
 * A filter that selects nothing is a mistake (a typo in a CI job would
 * otherwise run nothing and pass): false, with a message for each.
 */
static bool filters_used(const struct loaded *l, char **filters)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; filters && filters[i]; i++) {
		if (l->used[i])
			continue;
		fprintf(stderr, "ffa-sim run: --filter '%s' matches no scenario (see them with --list)\n",
			filters[i]);
		ok = false;
	}
	return ok;
}

/* Scenario text is cleaned as the reporters clean it: no escapes reach a terminal. */
static void list(GPtrArray *items)
{
	unsigned int i, j;

	for (i = 0; i < items->len; i++) {
		const struct isolate_item *s = items->pdata[i];
		GString *line = g_string_new(NULL);
		char *clean;

		g_string_append_printf(line, "%s  %s:%u", s->id, s->file, s->line);
		for (j = 0; j < s->tags->len; j++)
			g_string_append_printf(line, "%s%s", j ? "," : "  [",
					       (char *)s->tags->pdata[j]);
		g_string_append(line, s->tags->len ? "]" : "");
		clean = report_one_line(line->str);
		printf("%s\n", clean);
		g_free(clean);
		g_string_free(line, TRUE);
	}
	printf("%u scenario%s\n", items->len, items->len == 1 ? "" : "s");
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

/* The proxy generation of this tree, as prepare-variant.sh found it. */
static void this_generation(struct generation *gen)
{
#ifdef SIM_SMC_CALL
	gen->smc_call = SIM_SMC_CALL;
	gen->ffa_version = SIM_FFA_VERSION;
#else
	gen->smc_call = NULL;
	gen->ffa_version = NULL;
#endif
}

static void placeholder_notice(struct run_summary *sum, const char *path,
			       unsigned int n)
{
	if (n)
		g_ptr_array_add(sum->notices,
				g_strdup_printf("%s: %u known failure%s still %s the FIXME reason --record-expectations wrote: say why each fails",
						path, n, n == 1 ? "" : "s",
						n == 1 ? "has" : "have"));
}

static void expectations_notices(const struct expectations *e,
				 struct run_summary *sum)
{
	if (e->path && SIM_PATCH_COUNT)
		g_ptr_array_add(sum->notices,
				g_strdup_printf("%s describes the base: with this variant's %d patch%s, a listed scenario that passes is fixed by the series, one that fails as listed is still failing as on the base",
						e->path, SIM_PATCH_COUNT,
						SIM_PATCH_COUNT == 1 ? "" : "es"));
	placeholder_notice(sum, e->path, e->placeholders);
	placeholder_notice(sum, e->spmc_path, e->spmc_placeholders);
}

static bool pick_expectations(const struct run_opts *o, const char *first,
			      struct expectations *e, struct run_summary *sum)
{
	char *series = kernel_series(), *dir, *notice = NULL;
	struct generation gen;
	struct diag d;
	bool ok;

	this_generation(&gen);
	diag_init(&d);
	if (o->expectations) {
		ok = expectations_load(e, o->expectations, &d);
	} else if ((dir = expectations_dir(first))) {
		ok = expectations_find(e, dir, series, &gen, &notice, &d) &&
		     expectations_add_spmc(e, dir, &d);
		g_free(dir);
	} else {
		expectations_none(e);
		ok = true;
		notice = g_strdup("no expectations folder found: every failure counts");
	}
	if (notice)
		g_ptr_array_add(sum->notices, notice);
	if (ok && e->path)
		g_ptr_array_add(sum->notices,
				g_strdup_printf("expectations: %s", e->path));
	if (ok && e->spmc_path)
		g_ptr_array_add(sum->notices,
				g_strdup_printf("expectations: %s", e->spmc_path));
	e->describes_base = SIM_PATCH_COUNT > 0;
	if (ok)
		expectations_notices(e, sum);
	diag_print(&d, stderr);
	diag_free(&d);
	g_free(series);
	return ok;
}

/*
 * An EL3's file is written from a variant with that EL3: its name says
 * which (tf-a-2.12.yaml for TF-A 2.12).
 */
static bool record_target_fits(const char *path)
{
	const char *mine = expectations_spmc_name();
	char *name = g_path_get_basename(path);
	bool fits = !expectations_is_spmc_file(path) ||
		    (mine && !strcmp(name, mine));

	if (!fits && mine)
		fprintf(stderr, "ffa-sim run: --record-expectations %s: this variant's EL3 is %s, whose file is %s\n",
			path, SIM_SPMC_NAME, mine);
	else if (!fits)
		fprintf(stderr, "ffa-sim run: --record-expectations %s: an EL3's file is written from a variant with that EL3 (make SPMC=tf-a); this one's is the mock\n",
			path);
	g_free(name);
	return fits;
}

/* The run's other file, as a file of its own, or false if it breaks. */
static bool load_other(const char *path, struct expectations *other,
		       struct diag *d)
{
	if (!path) {
		expectations_none(other);
		return true;
	}
	return expectations_load(other, path, d);
}

/*
 * --record-expectations FILE: what the file said, then what this run saw.
 * Failures are what the file is for, so the run's status is whether it
 * was written: 0, or 2 with why not.
 */
static int record(const struct run_opts *o, const struct run_summary *sum,
		  const struct expectations *e)
{
	char *series = kernel_series(), *what = NULL;
	struct expectations old = { 0 }, other = { 0 };
	struct generation gen;
	struct record_target t = {
		.path = o->record,
		.spmc_file = expectations_is_spmc_file(o->record),
		.tfa_run = SIM_SPMC_TFA,
		.gen = &gen,
		.other = &other,
	};
	char err[512];
	struct diag d;
	int ret = 0;

	this_generation(&gen);
	t.series = t.spmc_file ? SIM_SPMC_SERIES : series;
	diag_init(&d);
	if (!load_other(t.spmc_file ? e->path : e->spmc_path, &other, &d))
		ret = 2;
	else if (g_file_test(o->record, G_FILE_TEST_EXISTS))
		ret = expectations_load(&old, o->record, &d) ? 0 : 2;
	else
		expectations_none(&old);
	diag_print(&d, stderr);
	if (!ret && !expectations_record(&old, sum, &t, &what, err,
					 sizeof(err))) {
		fprintf(stderr, "ffa-sim run: --record-expectations %s: not written: %s\n",
			o->record, err);
		ret = 2;
	}
	if (what)
		printf("%s\n", what);
	g_free(what);
	expectations_free(&old);
	expectations_free(&other);
	diag_free(&d);
	g_free(series);
	return ret;
}

struct reporting {
	struct run_summary *sum;
	struct expectations *e;
	bool human, color, tap;
	GHashTable *by_id;		/* scenario id -> struct isolate_item */
	unsigned int tap_notices;	/* printed in the KTAP header */
};

/* The steps a failure or a crash kept from running, for KTAP's plan. */
static void note_unreached(struct reporting *rp, struct scen_result *r)
{
	const struct isolate_item *s = g_hash_table_lookup(rp->by_id, r->id);
	unsigned int i;

	if (!s || r->status == SCEN_SKIP)
		return;
	for (i = r->steps->len; i < s->steps->len; i++)
		g_ptr_array_add(r->unreached, g_strdup(s->steps->pdata[i]));
}

/* Each result is printed as it comes, so a killed run leaves what ran. */
static void one_done(void *ctx, struct scen_result *r)
{
	struct reporting *rp = ctx;

	note_unreached(rp, r);
	expectations_apply(rp->e, r);
	if (rp->human)
		report_human_result(stdout, r, rp->color);
	run_summary_add(rp->sum, r);
	if (rp->tap)
		report_tap_result(stdout, rp->sum->results->len, r);
	fflush(stdout);
}

static void tap_begin(struct reporting *rp, unsigned int planned)
{
	unsigned int i;

	report_tap_begin(stdout, planned, rp->sum);
	rp->tap_notices = rp->sum->notices->len;
	for (i = 0; i < rp->sum->results->len; i++)
		report_tap_result(stdout, i + 1, rp->sum->results->pdata[i]);
	fflush(stdout);
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
		  const struct reporting *rp)
{
	char err[512];
	int ret = run_summary_is_red(sum) ? 1 : 0;

	if (o->tap)
		report_tap_end(stdout, sum, rp->tap_notices);
	else
		report_human_summary(stdout, sum, rp->color);
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

static int run_selected(struct loaded *l, struct isolate_pool *pool,
			const struct run_opts *o, const struct isolate_opts *iso,
			struct run_summary *sum, const char *first)
{
	struct expectations e = { 0 };
	unsigned int i;
	struct reporting rp = { .sum = sum, .e = &e, .human = !o->tap,
				.tap = o->tap, .color = use_color(o->color) };
	int ret;

	/* Files that did not load come first, like compiler errors. */
	for (i = 0; rp.human && i < sum->results->len; i++)
		report_human_result(stdout, sum->results->pdata[i], rp.color);
	for (i = 0; sim_not_modelled[i]; i++)
		g_ptr_array_add(sum->notices,
				g_strdup_printf("not modelled: %s",
						sim_not_modelled[i]));
	if (o->no_invariants)
		g_ptr_array_add(sum->notices,
				g_strdup("invariants were not checked (--no-invariants)"));
	if (o->continue_past_warn) {
		g_ptr_array_add(sum->notices,
				g_strdup("EXPLORATION, NOT WHAT HARDWARE DOES: --continue-past-warn let EL2 go on past every WARN; pKVM panics at each one, so any step after a WARN shows what no machine can"));
	}
	if (!pick_expectations(o, first, &e, sum)) {
		expectations_free(&e);
		return 2;
	}
	rp.by_id = g_hash_table_new(g_str_hash, g_str_equal);
	for (i = 0; i < l->items->len; i++)
		g_hash_table_insert(rp.by_id,
				    ((struct isolate_item *)l->items->pdata[i])->id,
				    l->items->pdata[i]);
	if (o->tap)
		tap_begin(&rp, sum->results->len + l->items->len);
	if (o->no_isolation)
		run_in_process(l->scens, iso, &rp);
	else
		isolate_pool_run(pool, l->items, one_done, &rp);
	if (!o->filters && whole_suite(first))
		unused_expectations(&e, sum);
	if (sum->stale)
		g_ptr_array_add(sum->notices,
				g_strdup_printf("%u scenario%s listed as failing in %s passed on the tree the file describes: the file is stale (ffa-sim run --record-expectations %s drops them)",
						sum->stale, sum->stale == 1 ? "" : "s",
						e.path, e.path));
	ret = finish(sum, o, &rp);
	g_hash_table_destroy(rp.by_id);
	if (o->record && ret != 2)
		ret = record(o, sum, &e);
	expectations_free(&e);
	return ret;
}

static const char summary[] =
	"Runs scenario files, or every *.yaml under the given folders\n"
	"(default: scenarios/), each in a worker process, against the\n"
	"proxy this binary was built from.  Outcomes are compared with the\n"
	"expectations file of the kernel series (expectations/linux-X.Y.yaml\n"
	"beside the scenarios).  Exit status 0 only when every outcome is as\n"
	"expected.  With --record-expectations the status says whether the\n"
	"file was written instead: 0 when it was, whatever the outcomes, 2\n"
	"(with why) when it could not be.";

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
		  "Run N scenarios at once (at most 4 per CPU)", "N" },
		{ "worker-scenarios", 0, 0, G_OPTION_ARG_INT,
		  &o->per_worker,
		  "Scenarios a worker process runs before a fresh one takes over (default: no limit; 1: a process per scenario)",
		  "N" },
		{ "list", 'l', 0, G_OPTION_ARG_NONE, &o->list,
		  "List the selected scenarios, do not run them", NULL },
		{ "no-isolation", 0, 0, G_OPTION_ARG_NONE, &o->no_isolation,
		  "Run the one selected scenario in this process (for gdb, rr)",
		  NULL },
		{ "no-invariants", 0, 0, G_OPTION_ARG_NONE, &o->no_invariants,
		  "Skip the invariant checks (only to benchmark the runner)",
		  NULL },
		{ "continue-past-warn", 0, 0, G_OPTION_ARG_NONE,
		  &o->continue_past_warn,
		  "Explore: let EL2 go on past a WARN (pKVM panics; every output says so)",
		  NULL },
		{ "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &o->timeout,
		  "Seconds a scenario may go without starting a step or exploring an order (default " ISOLATE_DEFAULT_TIMEOUT_TEXT ")", "S" },
		{ "expectations", 'e', 0, G_OPTION_ARG_FILENAME,
		  &o->expectations, "Use this expectations file", "FILE" },
		{ "color", 0, 0, G_OPTION_ARG_STRING, &o->color,
		  "auto, always or never", "WHEN" },
		{ "html", 0, 0, G_OPTION_ARG_FILENAME, &o->html,
		  "Also write a self-contained HTML page to FILE: steps, sequence diagrams, page maps, decoded registers",
		  "FILE" },
		{ "record-expectations", 0, 0, G_OPTION_ARG_FILENAME,
		  &o->record,
		  "Write this run's failures and their outcomes to FILE, keeping the reasons it has; exit status 0 once it is written",
		  "FILE" },
		{ "save-descriptors", 0, 0, G_OPTION_ARG_FILENAME,
		  &o->save_descs,
		  "Save every descriptor a hop carries into folder DIR, as raw bytes that decode --descriptor reads",
		  "DIR" },
		{ "results", 0, 0, G_OPTION_ARG_FILENAME, &o->results,
		  "Also write one line per scenario to FILE, for compare",
		  "FILE" },
		{ NULL }
	};

	return cmd_parse_options("run", argc, argv, entries,
				 "[PATH...] - run scenarios", summary, false);
}

/* A report that cannot be written is said before the suite runs, not after. */
static bool outputs_writable(const struct run_opts *o)
{
	const char *const opts[] = { "--junit", "--results", "--html",
				     "--record-expectations" };
	const char *const paths[] = { o->junit, o->results, o->html,
				      o->record };
	char err[512];
	bool ok = true;
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(paths); i++) {
		if (paths[i] && report_output_check(paths[i], err, sizeof(err))) {
			fprintf(stderr, "ffa-sim run: %s %s\n", opts[i], err);
			ok = false;
		}
	}
	return ok;
}

static void free_opts(struct run_opts *o)
{
	g_free(o->junit);
	g_free(o->expectations);
	g_free(o->color);
	g_free(o->results);
	g_free(o->html);
	g_free(o->record);
	g_free(o->save_descs);
	g_strfreev(o->filters);
}

/* Process-wide switches: set before the workers start, which copy them. */
static bool set_switches(const struct run_opts *o)
{
	if (o->save_descs) {
		if (g_mkdir_with_parents(o->save_descs, 0755)) {
			fprintf(stderr, "ffa-sim run: --save-descriptors %s: %s\n",
				o->save_descs, g_strerror(errno));
			return false;
		}
		exec_set_descriptor_dir(o->save_descs);
	}
	if (o->no_invariants)
		exec_set_invariants(false);
	if (o->continue_past_warn)
		hyp_set_warn_continues(true);
	return true;
}

/* -j as asked, within what the machine can use; a cut is said. */
static bool pick_jobs(const struct run_opts *o, struct run_summary *sum,
		      unsigned int *jobs)
{
	unsigned int max = isolate_max_jobs();

	if (o->jobs < 1 || o->per_worker < 0) {
		fprintf(stderr, "ffa-sim run: %s %d: expected 1 or more\n",
			o->jobs < 1 ? "--jobs" : "--worker-scenarios",
			o->jobs < 1 ? o->jobs : o->per_worker);
		return false;
	}
	*jobs = (unsigned int)o->jobs;
	if (*jobs > max) {
		g_ptr_array_add(sum->notices,
				g_strdup_printf("-j %u: ran %u at once, the most worth running on this machine",
						*jobs, max));
		*jobs = max;
	}
	return true;
}

/*
 * An EL3 that cannot boot on this port leaves nothing to run: one line
 * says why, rather than the same skip for every scenario and a green run.
 */
static bool el3_boots(void)
{
#if SIM_SPMC_TFA
	const char *why = el3_tfa_boot_gap();

	if (why) {
		fprintf(stderr, "ffa-sim run: %s: %s\n", SIM_VARIANT_NAME, why);
		return false;
	}
#endif
	return true;
}

int cmd_run(int argc, char **argv)
{
	char *default_paths[] = { NULL, NULL };
	struct run_opts o = { .jobs = 1, .timeout = ISOLATE_DEFAULT_TIMEOUT };
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	struct loaded l = {
		.items = g_ptr_array_new_with_free_func(
				(GDestroyNotify)isolate_item_free),
		.scens = g_ptr_array_new_with_free_func(
				(GDestroyNotify)scenario_free),
		.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free),
	};
	struct isolate_opts iso = { 0 };
	struct isolate_pool *pool = NULL;
	struct run_summary sum;
	unsigned int i;
	char **paths;
	int ret = 2;

	run_summary_init(&sum, SIM_VARIANT_NAME);
	if (!parse(&argc, &argv, &o) || !pick_jobs(&o, &sum, &iso.jobs))
		goto out;
	if (!(o.timeout > 0 && o.timeout <= RUN_MAX_TIMEOUT)) {
		/* Not silently the default: 0, -5 and nan are mistakes. */
		fprintf(stderr, "ffa-sim run: --timeout is seconds, more than 0 and at most %d, not %g\n",
			RUN_MAX_TIMEOUT, o.timeout);
		goto out;
	}
	/* Whose file it is comes before whether it can be written. */
	if ((o.record && !record_target_fits(o.record)) ||
	    !outputs_writable(&o))
		goto out;
	iso.timeout = o.timeout;
	iso.trace = o.trace;
	iso.per_worker = (unsigned int)o.per_worker;
	/* The page needs what only the scenario's process sees. */
	iso.child_run = o.html ? picture_run : NULL;
	l.used = g_new0(bool, o.filters ? g_strv_length(o.filters) + 1 : 1);
	if (argc <= 1)
		default_paths[0] = cmd_default_suite();
	paths = argc > 1 ? argv + 1 : default_paths;
	if (!collect_files(paths, files, &sum))
		goto out;
	if (!set_switches(&o))
		goto out;
	/* Before loading: no worker carries the suite. */
	if (!o.list && !o.no_isolation)
		pool = isolate_pool_start(&iso);
	load_all(files, o.filters, o.no_isolation, &l, &sum);
	if (!filters_used(&l, o.filters))
		goto out;
	if (!l.items->len && !sum.results->len) {
		fprintf(stderr, "ffa-sim run: no scenario file under %s%s\n",
			paths[0], paths[1] ? " and the other paths" : "");
		goto out;
	}
	if (o.list) {
		/* Say why the run would fail: the files that do not load. */
		for (i = 0; i < sum.results->len; i++)
			report_human_result(stderr, sum.results->pdata[i], false);
		list(l.items);
		ret = run_summary_is_red(&sum) ? 1 : 0;
		goto out;
	}
	if (o.no_isolation && l.scens->len != 1) {
		fprintf(stderr, "ffa-sim run: --no-isolation runs one scenario, %u selected: narrow it with --filter\n",
			l.scens->len);
		goto out;
	}
	/* Nothing ran: no verdict, as for a file that stops the run. */
	if (!el3_boots())
		goto out;
	ret = run_selected(&l, pool, &o, &iso, &sum, paths[0]);
out:
	g_free(default_paths[0]);
	if (pool)
		isolate_pool_stop(pool);
	run_summary_free(&sum);
	g_ptr_array_unref(l.items);
	g_ptr_array_unref(l.scens);
	g_hash_table_destroy(l.seen);
	g_free(l.used);
	g_ptr_array_unref(files);
	free_opts(&o);
	return ret;
}
