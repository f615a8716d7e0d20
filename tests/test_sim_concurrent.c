// SPDX-License-Identifier: GPL-2.0-only
/*
 * concurrently: steps end to end: the count of orders a step reports, the
 * first order that breaks an expectation and the replay file that fixes
 * it (which must fail the same way), random samples, CPUs at once, and a
 * plain step on another CPU.  Each scenario runs in a child process, as
 * ffa-sim run does it: ffa.c's statics are not reset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "sim/isolate.h"
#include "sim/scenario.h"
#include "sim/tsan_report.h"

/* Two CPUs negotiate; cpu 1 asks for 1.2 and must get it: not always. */
static const char racing[] =
	"name: test-racing-versions\n"
	"description: cpu 1 expects to win the race\n"
	"setup:\n"
	"  spmc: { version: 1.2 }\n"
	"steps:\n"
	"  - concurrently:\n"
	"      - cpu: 0\n"
	"        call: FFA_VERSION\n"
	"        x1: version(1, 1)\n"
	"      - cpu: 1\n"
	"        call: FFA_VERSION\n"
	"        x1: version(1, 2)\n"
	"        expect:\n"
	"          w0: %s\n"
	"    %s\n"
	"  - call: FFA_ID_GET\n"
	"    cpu: 1\n"
	"    expect: FFA_SUCCESS\n";

static char *write_scenario(const char *dir, const char *expect,
			    const char *mode)
{
	char *path = g_build_filename(dir, "racing.yaml", NULL);
	char *text = g_strdup_printf(racing, expect, mode);

	assert_true(g_file_set_contents(path, text, -1, NULL));
	g_free(text);
	return path;
}

static void keep(void *ctx, struct scen_result *r)
{
	*(struct scen_result **)ctx = r;
}

/* Load @path and run its one scenario in a child. */
static struct scen_result *run_file(const char *path)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
				(GDestroyNotify)scenario_free);
	struct isolate_opts opts = { .jobs = 1, .timeout = 30 };
	struct scen_result *r = NULL;

	assert_true(scenario_load_file_report(path, hyp_page_size(), scens,
					      stderr));
	assert_int_equal(scens->len, 1);
	isolate_run_all(scens, &opts, keep, &r);
	assert_non_null(r);
	g_ptr_array_unref(scens);
	return r;
}

static const char *step_title(const struct scen_result *r, unsigned int i)
{
	assert_true(i < r->steps->len);
	return g_array_index(r->steps, struct scen_step_result, i).title;
}

/*
 * Under ThreadSanitizer the CPUs run at once and a proxy that races on
 * its version flag (6.12) fails for that: the one race it may report.
 */
static void assert_passed(const struct scen_result *r)
{
	if (tsan_report_active() && r->status == SCEN_FAIL) {
		assert_non_null(strstr(r->message, "ThreadSanitizer: data-race"));
		assert_non_null(strstr(r->message, "has_version_negotiated"));
		return;
	}
	assert_int_equal(r->status, SCEN_PASS);
}

static char *tmp_dir(void)
{
	char *dir = g_dir_make_tmp("ffa-sim-test-XXXXXX", NULL);

	assert_non_null(dir);
	g_setenv("FFA_SIM_REPLAY_DIR", dir, TRUE);
	return dir;
}

static void rm_dir(char *dir)
{
	const char *name;
	GDir *d = g_dir_open(dir, 0, NULL);

	while (d && (name = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, name, NULL);

		g_remove(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
	g_free(dir);
}

/* A racing scenario, with @expect for cpu 1 and @mode, run in @dir. */
struct racing_run {
	char *dir, *path;
	struct scen_result *r;
};

static void run_racing(struct racing_run *rr, const char *expect,
		       const char *mode)
{
	rr->dir = tmp_dir();
	rr->path = write_scenario(rr->dir, expect, mode);
	rr->r = run_file(rr->path);
}

static void racing_done(struct racing_run *rr)
{
	scen_result_free(rr->r);
	g_free(rr->path);
	rm_dir(rr->dir);
}

#define EITHER_VERSION	"{ value: \"version(1, 0)\", mask: 0xffff0000 }"

/* All orders pass: the step's result says how many there were. */
static void test_counts_orders(void **state)
{
	struct racing_run rr;
	unsigned int n = 0;

	(void)state;
	run_racing(&rr, EITHER_VERSION, "interleavings: all");
	assert_passed(rr.r);
	if (tsan_report_active()) {
		assert_non_null(strstr(step_title(rr.r, 0), "cpus at once"));
	} else {
		assert_int_equal(sscanf(step_title(rr.r, 0),
					"concurrently: all %u orders explored",
					&n), 1);
		assert_true(n > 1);
	}
	racing_done(&rr);
}

/*
 * cpu 1 does not always get 1.2: the failure names the order and a
 * replay file, which fixes that order and fails the same way.  The file
 * puts order: where interleavings: was, or before concurrently:.
 */
static void check_replay(const char *mode)
{
	struct scen_result *again;
	struct racing_run rr;
	GPtrArray *scens;
	const struct step *st;
	char *replay;

	run_racing(&rr, "version(1, 2)", mode);
	replay = g_build_filename(rr.dir, "test-racing-versions.yaml", NULL);
	assert_int_equal(rr.r->status, SCEN_FAIL);
	assert_non_null(strstr(rr.r->message, "order explored breaks the scenario (order: ["));
	assert_non_null(strstr(rr.r->message, "replay: ffa-sim run "));
	assert_non_null(strstr(rr.r->message, "w0: expected 1.2"));
	assert_non_null(strstr(rr.r->message, "schedule (the points"));
	assert_true(g_file_test(replay, G_FILE_TEST_IS_REGULAR));

	scens = g_ptr_array_new_with_free_func((GDestroyNotify)scenario_free);
	assert_true(scenario_load_file_report(replay, hyp_page_size(), scens,
					      stderr));
	st = g_ptr_array_index(((struct scenario *)scens->pdata[0])->steps, 0);
	assert_int_equal(st->kind, STEP_CONCURRENT);
	assert_int_equal(st->group->mode, CONC_ORDER);
	g_ptr_array_unref(scens);

	again = run_file(replay);
	assert_int_equal(again->status, SCEN_FAIL);
	assert_non_null(strstr(again->message, "w0: expected 1.2"));
	assert_null(strstr(again->message, "order explored"));
	scen_result_free(again);
	g_free(replay);
	racing_done(&rr);
}

static void test_failure_and_replay(void **state)
{
	(void)state;
	/* One free run: whether it fails depends on the host. */
	if (tsan_report_active())
		skip();
	check_replay("interleavings: all");
	check_replay("");
}

/* A seeded sample says how many orders, how many distinct, which seed. */
static void test_random_sample(void **state)
{
	unsigned int runs = 0, distinct = 0, seed = 0;
	struct racing_run rr;

	(void)state;
	run_racing(&rr, EITHER_VERSION, "interleavings: 6 seed 3");
	assert_passed(rr.r);
	if (!tsan_report_active()) {
		assert_int_equal(sscanf(step_title(rr.r, 0),
					"concurrently: %u random orders explored (%u distinct, seed %u)",
					&runs, &distinct, &seed), 3);
		assert_int_equal(runs, 6);
		assert_true(distinct >= 1 && distinct <= 6);
		assert_int_equal(seed, 3);
	}
	racing_done(&rr);
}

/* free: real threads at once, once; and a later step on cpu 1. */
static void test_free_threads(void **state)
{
	struct racing_run rr;

	(void)state;
	run_racing(&rr, EITHER_VERSION, "interleavings: free");
	assert_passed(rr.r);
	assert_non_null(strstr(step_title(rr.r, 0), "cpus at once"));
	racing_done(&rr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_orders),
		cmocka_unit_test(test_failure_and_replay),
		cmocka_unit_test(test_random_sample),
		cmocka_unit_test(test_free_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
