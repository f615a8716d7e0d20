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

#include "host/host.h"
#include "proxy/hyp/hyp.h"
#include "sim/run/isolate.h"
#include "sim/lang/scenario.h"
#include "sim/exec/tsan_report.h"
#include "tests/check_util.h"

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

static char *write_scenario_at(const char *dir, const char *expect,
			       const char *mode, const char *file, int line)
{
	char *path = g_build_filename(dir, "racing.yaml", NULL);
	char *text = g_strdup_printf(racing, expect, mode);

	write_test_file_at(path, text, -1, file, line);
	g_free(text);
	return path;
}

static void keep(void *ctx, struct scen_result *r)
{
	*(struct scen_result **)ctx = r;
}

/* The helpers check at the caller's line, through NAME_at(). */
#define run_file(path) run_file_at((path), __FILE__, __LINE__)
#define step_title(r, i) step_title_at((r), (i), __FILE__, __LINE__)
#define assert_passed(r) assert_passed_at((r), __FILE__, __LINE__)
#define run_racing(rr, expect, mode) \
	run_racing_at((rr), (expect), (mode), __FILE__, __LINE__)
#define check_replay(mode) check_replay_at((mode), __FILE__, __LINE__)

/* Load @path and run its one scenario in a child. */
static struct scen_result *run_file_at(const char *path, const char *file,
				       int line)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
				(GDestroyNotify)scenario_free);
	struct isolate_opts opts = { .jobs = 1, .timeout = 30 };
	struct scen_result *r = NULL;

	check_true(scenario_load_file_report(path, hyp_page_size(), scens,
					     stderr),
		   "the test's scenario loads (diagnostics above)");
	check_int(scens->len, 1, "the file holds one scenario");
	isolate_run_all(scens, &opts, keep, &r);
	check_true(r != NULL, "every scenario run gives a result");
	g_ptr_array_unref(scens);
	return r;
}

static const char *step_title_at(const struct scen_result *r, unsigned int i,
				 const char *file, int line)
{
	if (i >= r->steps->len)
		fail_at(file, line, "%u step results, expected a step %u: each step that ran has one",
			r->steps->len, i);
	return g_array_index(r->steps, struct scen_step_result, i).title;
}

/*
 * Under ThreadSanitizer the CPUs run at once and a proxy that races on
 * its version flag (6.12) fails for that: the one race it may report.
 */
static void assert_passed_at(const struct scen_result *r, const char *file,
			     int line)
{
	if (tsan_report_active() && r->status == SCEN_FAIL) {
		check_has_at("the failure", r->message,
			     "ThreadSanitizer: data-race",
			     "under TSan the one failure allowed is the race",
			     file, line);
		check_has_at("the failure", r->message, "has_version_negotiated",
			     "the race allowed is on the version flag", file,
			     line);
		return;
	}
	if (r->status != SCEN_PASS)
		fail_at(file, line, "the scenario did not pass, expected every order to: %s",
			r->message ? r->message : "(no message)");
}

/* A folder for the scenario, where replay files go too. */
static char *replay_dir_at(const char *file, int line)
{
	char *dir = make_tmp_dir_at(file, line);

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

static void run_racing_at(struct racing_run *rr, const char *expect,
			  const char *mode, const char *file, int line)
{
	rr->dir = replay_dir_at(file, line);
	rr->path = write_scenario_at(rr->dir, expect, mode, file, line);
	rr->r = run_file_at(rr->path, file, line);
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
static void check_replay_at(const char *mode, const char *file, int line)
{
	const char *order = "cpu 1 gets 1.0 in some order";
	struct scen_result *again;
	struct racing_run rr;
	GPtrArray *scens;
	const struct step *st;
	char *replay;

	run_racing_at(&rr, "version(1, 2)", mode, file, line);
	replay = g_build_filename(rr.dir, "test-racing-versions.yaml", NULL);
	check_int(rr.r->status, SCEN_FAIL, order);
	check_has_at("the failure", rr.r->message,
		     "order explored breaks the scenario (order: [",
		     "the failure names the order", file, line);
	check_has_at("the failure", rr.r->message, "replay: ffa-sim run ",
		     "the failure says how to replay it", file, line);
	check_has_at("the failure", rr.r->message, "w0: expected 1.2",
		     "the failure says what differed", file, line);
	check_has_at("the failure", rr.r->message, "schedule (the points",
		     "the failure shows the schedule", file, line);
	check_true(g_file_test(replay, G_FILE_TEST_IS_REGULAR),
		   "the replay file is written");

	scens = g_ptr_array_new_with_free_func((GDestroyNotify)scenario_free);
	check_true(scenario_load_file_report(replay, hyp_page_size(), scens,
					     stderr),
		   "the replay file loads (diagnostics above)");
	st = g_ptr_array_index(((struct scenario *)scens->pdata[0])->steps, 0);
	check_int(st->kind, STEP_CONCURRENT, "the replay keeps the step");
	check_int(st->group->mode, CONC_ORDER,
		  "the replay fixes the one order");
	g_ptr_array_unref(scens);

	again = run_file_at(replay, file, line);
	check_int(again->status, SCEN_FAIL, "the replay fails the same way");
	check_has_at("the replay's failure", again->message,
		     "w0: expected 1.2", "the replay fails the same way",
		     file, line);
	check_lacks_at("the replay's failure", again->message,
		       "order explored", "the replay explores nothing",
		       file, line);
	scen_result_free(again);
	g_free(replay);
	racing_done(&rr);
}

static void test_failure_and_replay(void **state)
{
	(void)state;
	/* One free run: whether it fails depends on the host. */
	if (tsan_report_active()) {
		print_message("skipped under ThreadSanitizer: CPUs at once race for real, so the order this test replays cannot be forced\n");
		skip();
	}
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

/*
 * Two CPUs share a page each through Linux's FF-A driver, which holds its
 * tx_lock across the whole share: the lock is a schedule point, so the
 * only choice is which CPU takes it first.  Were it not one, the explorer
 * would switch inside the shares (and a CPU would wait inside the C
 * library for a holder that never runs).  cpu 1 expects @ret.
 */
static const char driver_shares[] =
	"name: test-driver-shares\n"
	"description: two CPUs share through the driver\n"
	"setup:\n"
	"  spmc:\n"
	"    version: 1.2\n"
	"    partitions: [{ name: sp1, id: 0x8001 }]\n"
	"  pages: [{ name: buf, count: 2 }]\n"
	"steps:\n"
	"  - driver: load\n"
	"  - driver: { op: bind, to: sp1 }\n"
	"  - concurrently:\n"
	"      - cpu: 0\n"
	"        driver: { op: share, to: [{ id: sp1, access: rw }], ranges: [{ at: buf, pages: 1 }] }\n"
	"      - cpu: 1\n"
	"        driver: { op: share, to: [{ id: sp1, access: rw }], ranges: [{ at: \"page(buf, 1)\", pages: 1 }] }\n"
	"        expect: { ret: %s }\n";

static struct scen_result *run_driver_shares(const char *ret, char **dir)
{
	char *path, *text = g_strdup_printf(driver_shares, ret);
	struct scen_result *r;

	*dir = replay_dir_at(__FILE__, __LINE__);
	path = g_build_filename(*dir, "driver.yaml", NULL);
	write_test_file(path, text, -1);

	r = run_file(path);
	g_free(text);
	g_free(path);
	return r;
}

static void test_driver_lock_is_a_point(void **state)
{
	struct scen_result *r;
	unsigned int n = 0;
	char *dir;

	(void)state;
	if (tsan_report_active()) {
		print_message("skipped under ThreadSanitizer: the CPUs run at once there, and the orders are what this test counts\n");
		skip();
	}
	if (host_driver_absent()) {
		/* Built with DRIVER=no: the scenario must say why it does not run. */
		r = run_driver_shares("0", &dir);
		if (r->status != SCEN_SKIP || !r->message ||
		    strcmp(r->message, host_driver_absent()))
			fail_msg("on a variant without the driver, expected a skip saying '%s', got status %d: %s",
				 host_driver_absent(), r->status,
				 r->message ? r->message : "(no message)");
		scen_result_free(r);
		rm_dir(dir);
		print_message("skipped: %s\n", host_driver_absent());
		skip();
	}
	r = run_driver_shares("0", &dir);
	if (r->status != SCEN_PASS)
		fail_msg("two shares through the driver on two CPUs failed: %s",
			 r->message);
	assert_int_equal(sscanf(step_title(r, 2),
				"concurrently: all %u orders explored", &n), 1);
	if (n != 2)
		fail_msg("%u orders explored, expected 2: the driver holds tx_lock across each share, so only which CPU takes it first is a choice",
			 n);
	scen_result_free(r);
	rm_dir(dir);

	r = run_driver_shares("-13", &dir);
	assert_int_equal(r->status, SCEN_FAIL);
	if (!strstr(r->message, "takes drv_info->tx_lock (driver.c:"))
		fail_msg("the failing order's schedule does not show the driver's tx_lock as a point:\n%s",
			 r->message);
	scen_result_free(r);
	rm_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_orders),
		cmocka_unit_test(test_failure_and_replay),
		cmocka_unit_test(test_random_sample),
		cmocka_unit_test(test_free_threads),
		cmocka_unit_test(test_driver_lock_is_a_point),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
