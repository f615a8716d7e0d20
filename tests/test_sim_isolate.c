// SPDX-License-Identifier: GPL-2.0-only
/*
 * The isolation layer on its own: a child that hangs, dies of a signal or
 * exits without a result is reported with the step it was in, the run
 * goes on, and results come back in scenario order whatever the number
 * of jobs.  The children here run stand-ins for exec_scenario().
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/exec.h"
#include "sim/isolate.h"

/* Three steps; the stand-ins misbehave in the second. */
static const char scenario_text[] =
	"name: NAME\n"
	"description: d\n"
	"steps:\n"
	"  - call: FFA_VERSION\n"
	"  - call: FFA_ID_GET\n"
	"  - call: FFA_FEATURES\n";

static void start_steps(const struct exec_hooks *hooks,
			const struct scenario *s, unsigned int upto)
{
	unsigned int i;

	for (i = 0; i <= upto; i++)
		hooks->step_started(hooks->ctx, i, s->steps->pdata[i]);
}

/* Passes, saying so in its message so the test can see which child ran. */
static void child_pass(const struct scenario *s, bool trace,
		       const struct exec_hooks *hooks, struct scen_result *r)
{
	start_steps(hooks, s, 2);
	r->status = SCEN_PASS;
	r->message = g_strdup_printf("ran %s%s", s->id, trace ? " traced" : "");
	scen_result_add_step(r, "one", 4, true);
}

static void child_hang(const struct scenario *s, bool trace,
		       const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	(void)r;
	start_steps(hooks, s, 1);
	for (;;)
		pause();
}

static void child_segv(const struct scenario *s, bool trace,
		       const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	(void)r;
	start_steps(hooks, s, 1);
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
}

static void child_exit(const struct scenario *s, bool trace,
		       const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	(void)r;
	start_steps(hooks, s, 1);
	_exit(7);
}

/* Misbehave as the scenario's name says, else pass. */
static void child_by_name(const struct scenario *s, bool trace,
			  const struct exec_hooks *hooks, struct scen_result *r)
{
	if (g_str_has_prefix(s->id, "hang"))
		child_hang(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "segv"))
		child_segv(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "exit"))
		child_exit(s, trace, hooks, r);
	child_pass(s, trace, hooks, r);
}

static GPtrArray *scenarios(const char *const *names, unsigned int n)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	unsigned int i;
	struct diag d;

	diag_init(&d);
	for (i = 0; i < n; i++) {
		GString *s = g_string_new(scenario_text);

		g_string_replace(s, "NAME", names[i], 1);
		assert_true(scenario_load_string("t.yaml", s->str, 4096, out,
						 &d));
		g_string_free(s, TRUE);
	}
	diag_free(&d);
	return out;
}

static void collect(void *ctx, struct scen_result *r)
{
	g_ptr_array_add(ctx, r);
}

static GPtrArray *run(GPtrArray *scens, unsigned int jobs, double timeout)
{
	struct isolate_opts opts = {
		.jobs = jobs, .timeout = timeout, .child_run = child_by_name,
	};
	GPtrArray *results = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scen_result_free);

	isolate_run_all(scens, &opts, collect, results);
	return results;
}

static const struct scen_result *at(GPtrArray *results, unsigned int i)
{
	return results->pdata[i];
}

static void test_misbehaving_children(void **state)
{
	static const char *const names[] = { "hang", "segv", "exit", "fine" };
	GPtrArray *scens = scenarios(names, 4);
	GPtrArray *results = run(scens, 1, 0.5);

	(void)state;
	assert_int_equal(results->len, 4);
	assert_int_equal(at(results, 0)->status, SCEN_CRASH);
	assert_non_null(strstr(at(results, 0)->message,
			       "t.yaml:5: step 2 (call FFA_ID_GET)"));
	assert_non_null(strstr(at(results, 0)->message,
			       "time limit of 0.5 s exceeded"));
	assert_int_equal(at(results, 1)->status, SCEN_CRASH);
	assert_non_null(strstr(at(results, 1)->message, "step 2"));
	assert_non_null(strstr(at(results, 1)->message,
			       strsignal(SIGSEGV)));
	assert_int_equal(at(results, 2)->status, SCEN_CRASH);
	assert_non_null(strstr(at(results, 2)->message,
			       "exited with 7 before reporting"));
	/* The run went on after all of that. */
	assert_int_equal(at(results, 3)->status, SCEN_PASS);
	assert_string_equal(at(results, 3)->message, "ran fine");
	assert_int_equal(at(results, 3)->steps->len, 1);
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/* The hung child is killed near its limit, not at the end of the run. */
static void test_time_limit_is_per_scenario(void **state)
{
	static const char *const names[] = { "hang1", "hang2", "fine" };
	GPtrArray *scens = scenarios(names, 3);
	gint64 t0 = g_get_monotonic_time();
	GPtrArray *results = run(scens, 2, 0.3);
	double took = (double)(g_get_monotonic_time() - t0) / 1e6;

	(void)state;
	assert_int_equal(at(results, 0)->status, SCEN_CRASH);
	assert_int_equal(at(results, 1)->status, SCEN_CRASH);
	assert_int_equal(at(results, 2)->status, SCEN_PASS);
	/* Two limits of 0.3 s in parallel: well under two seconds. */
	assert_true(took < 2.0);
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

static void test_order_kept_with_jobs(void **state)
{
	static const char *const names[] = {
		"a", "segv-b", "c", "d", "exit-e", "f", "g",
	};
	GPtrArray *scens = scenarios(names, G_N_ELEMENTS(names));
	GPtrArray *results = run(scens, 3, 5);
	unsigned int i;

	(void)state;
	assert_int_equal(results->len, G_N_ELEMENTS(names));
	for (i = 0; i < results->len; i++)
		assert_string_equal(at(results, i)->id, names[i]);
	assert_int_equal(at(results, 1)->status, SCEN_CRASH);
	assert_int_equal(at(results, 4)->status, SCEN_CRASH);
	assert_int_equal(at(results, 6)->status, SCEN_PASS);
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_misbehaving_children),
		cmocka_unit_test(test_time_limit_is_per_scenario),
		cmocka_unit_test(test_order_kept_with_jobs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
