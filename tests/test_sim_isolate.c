// SPDX-License-Identifier: GPL-2.0-only
/*
 * The isolation layer on its own: a worker that hangs, dies of a signal
 * or exits without a result is reported with the step it was in, the run
 * goes on in a fresh worker, and results come back in scenario order
 * whatever the number of jobs; a worker runs scenario after scenario
 * until one crashes; forks that fail wait for a slot; workers end with
 * the runner.  The workers here run stand-ins for exec_scenario().
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "hw/last_words.h"
#include "proxy/hyp/hyp.h"
#include "sim/exec/exec.h"
#include "sim/run/isolate.h"
#include "sim/run/sanitizer_report.h"
#include "tests/check_util.h"

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
	scen_result_step_got(r, "ret -22");
}

/* Passes, naming the process it ran in. */
static void child_pid(const struct scenario *s, bool trace,
		      const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	start_steps(hooks, s, 2);
	r->status = SCEN_PASS;
	r->message = g_strdup_printf("%d", (int)getpid());
}

/* Passes after a third of a second, naming the process it ran in. */
static void child_slow_pid(const struct scenario *s, bool trace,
			   const struct exec_hooks *hooks,
			   struct scen_result *r)
{
	g_usleep(G_USEC_PER_SEC / 3);
	child_pid(s, trace, hooks, r);
}

/* Signalled from outside while the EL2 fault handler is in place. */
static void child_killed(const struct scenario *s, bool trace,
			 const struct exec_hooks *hooks, struct scen_result *r)
{
	int ret;

	(void)trace;
	start_steps(hooks, s, 1);
	/*
	 * A cmocka failure here would stay in the child: the result carries
	 * it to the parent, whose check of the status prints it.
	 */
	ret = hyp_fault_handler_install();
	if (ret) {
		r->status = SCEN_FAIL;
		r->message = g_strdup_printf("%s:%d: hyp_fault_handler_install() returned %d, expected 0: the signal must arrive with EL2's handler in place",
					     __FILE__, __LINE__, ret);
		return;
	}
	kill(getpid(), SIGSEGV);
	for (;;)
		pause();
}

/* A scenario that ends in a crash, reported by the worker itself. */
static void child_crash_result(const struct scenario *s, bool trace,
			       const struct exec_hooks *hooks,
			       struct scen_result *r)
{
	(void)trace;
	start_steps(hooks, s, 0);
	r->status = SCEN_CRASH;
	r->message = g_strdup_printf("%d", (int)getpid());
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

/*
 * Moves on (an explored order, as exec's progress hook says) every 0.1 s
 * for 1 s, then passes; "stall" stops moving after 0.3 s and hangs.
 */
static void child_moving(const struct scenario *s, bool trace,
			 const struct exec_hooks *hooks, struct scen_result *r)
{
	bool stall = g_str_has_prefix(s->id, "stall");
	unsigned int i;

	start_steps(hooks, s, 1);
	for (i = 0; i < 10; i++) {
		if (stall && i == 3)
			for (;;)
				pause();
		g_usleep(100 * 1000);
		hooks->progress(hooks->ctx);
	}
	child_pass(s, trace, hooks, r);
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

/* What TF-A's fake assert() says before it aborts (spmc_tfa/runtime.c). */
#define ASSERTION "TF-A EL3: assertion `x == 0` failed in f spmc_shared_mem.c:12"

/* Stops itself on purpose, saying why first, as TF-A's fakes do. */
static void child_assert(const struct scenario *s, bool trace,
			 const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	(void)r;
	start_steps(hooks, s, 1);
	last_words_say("%s", ASSERTION);
	signal(SIGABRT, SIG_DFL);
	abort();
}

/* Says something and passes: what it said must not outlive its job. */
static void child_chatty(const struct scenario *s, bool trace,
			 const struct exec_hooks *hooks, struct scen_result *r)
{
	last_words_say("words of a job that passed");
	child_pass(s, trace, hooks, r);
}

/* Aborts at the same step, saying nothing: another death. */
static void child_abort(const struct scenario *s, bool trace,
			const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	(void)r;
	start_steps(hooks, s, 1);
	signal(SIGABRT, SIG_DFL);
	abort();
}

static void child_exit(const struct scenario *s, bool trace,
		       const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	(void)r;
	start_steps(hooks, s, 1);
	_exit(7);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN	1
#endif

#ifdef UNDER_ASAN
/* Where the copy goes: kept, so that the compiler cannot drop it. */
static char *volatile overflowed;

/* The line of the memcpy() below, which the result must name. */
enum { OVERFLOW_LINE = __LINE__ + 7 };

/* Eight bytes past a heap block of eight: a real ASan error. */
static void __attribute__((noinline)) overflow_heap(volatile size_t len)
{
	char *buf = malloc(8);

	memcpy(buf, "0123456789abcdef", len);
	overflowed = buf;
}

static void child_asan(const struct scenario *s, bool trace,
		       const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	(void)r;
	start_steps(hooks, s, 1);
	overflow_heap(16);
}

/* Where the shift's result goes, so that it is computed. */
static volatile int shifted;

/* The line of the shift below, which the result must name. */
enum { SHIFT_LINE = __LINE__ + 5 };

/* A shift past the width of int: a real UBSan error, which ends the run. */
static void __attribute__((noinline)) shift_too_far(volatile int by)
{
	shifted = 1 << by;
}

static void child_ubsan(const struct scenario *s, bool trace,
			const struct exec_hooks *hooks, struct scen_result *r)
{
	(void)trace;
	(void)r;
	start_steps(hooks, s, 1);
	shift_too_far(40);
}

/* isolate_capture()'s child: the same UBSan error. */
static char *capture_ubsan(void *ctx)
{
	(void)ctx;
	shift_too_far(40);
	return g_strdup("not reached");
}
#endif

/* Misbehave as the scenario's name says, else pass. */
static void child_by_name(const struct scenario *s, bool trace,
			  const struct exec_hooks *hooks, struct scen_result *r)
{
	if (g_str_has_prefix(s->id, "hang"))
		child_hang(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "moving") ||
		 g_str_has_prefix(s->id, "stall"))
		child_moving(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "segv"))
		child_segv(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "exit"))
		child_exit(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "killed"))
		child_killed(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "crash"))
		child_crash_result(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "pid"))
		child_pid(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "slow-pid"))
		child_slow_pid(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "assert"))
		child_assert(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "abort"))
		child_abort(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "chatty"))
		child_chatty(s, trace, hooks, r);
#ifdef UNDER_ASAN
	else if (g_str_has_prefix(s->id, "asan"))
		child_asan(s, trace, hooks, r);
	else if (g_str_has_prefix(s->id, "ubsan"))
		child_ubsan(s, trace, hooks, r);
#endif
	else
		child_pass(s, trace, hooks, r);
}

/* The test's scenario once per name; one that does not load fails the caller. */
#define scenarios(names, n) scenarios_at((names), (n), __FILE__, __LINE__)

static GPtrArray *scenarios_at(const char *const *names, unsigned int n,
			       const char *file, int line)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	unsigned int i;
	struct diag d;

	diag_init(&d);
	for (i = 0; i < n; i++) {
		GString *s = g_string_new(scenario_text);

		g_string_replace(s, "NAME", names[i], 1);
		if (!scenario_load_string("t.yaml", s->str, 4096, out, &d)) {
			diag_print(&d, stderr);
			fail_at(file, line, "scenario %s does not load (diagnostics above): the test's text is valid",
				names[i]);
		}
		g_string_free(s, TRUE);
	}
	diag_free(&d);
	return out;
}

static void collect(void *ctx, struct scen_result *r)
{
	g_ptr_array_add(ctx, r);
}

static GPtrArray *run_opts(GPtrArray *scens, struct isolate_opts *opts)
{
	GPtrArray *results = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scen_result_free);

	opts->child_run = child_by_name;
	isolate_run_all(scens, opts, collect, results);
	return results;
}

static GPtrArray *run(GPtrArray *scens, unsigned int jobs, double timeout)
{
	struct isolate_opts opts = { .jobs = jobs, .timeout = timeout };

	return run_opts(scens, &opts);
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
	/* what a driver: step's client got crosses from the worker */
	assert_string_equal(g_array_index(at(results, 3)->steps,
					  struct scen_step_result, 0).got,
			    "ret -22");
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

#ifdef UNDER_ASAN
/*
 * Run @name's misbehaving child, then one that passes: the first's
 * outcome must be @want, its message hold @message_has (unless NULL),
 * and the crash must not reach the second.
 */
#define check_death_outcome(name, want, message_has, why) \
	check_death_outcome_at((name), (want), (message_has), (why), \
			       __FILE__, __LINE__)

static void check_death_outcome_at(const char *name, const char *want,
				   const char *message_has, const char *why,
				   const char *file, int line)
{
	const char *const names[] = { name, "fine" };
	GPtrArray *scens = scenarios_at(names, 2, file, line);
	GPtrArray *results = run(scens, 1, 5);
	char *outcome;

	check_int_at("results", results->len, 2, "one per scenario",
		     file, line);
	check_int_at("status", at(results, 0)->status, SCEN_CRASH, why, file,
		     line);
	outcome = scen_result_outcome(at(results, 0));
	check_text_at("outcome", outcome, want, why, file, line);
	if (message_has)
		check_has_at("message", at(results, 0)->message, message_has,
			     "the message says where the rest of the report is",
			     file, line);
	check_int_at("the next scenario's status", at(results, 1)->status,
		     SCEN_PASS, "a death in one scenario must not change another",
		     file, line);
	g_free(outcome);
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/*
 * ASan ends a process with status 1, like any exit(1): the result names
 * the error and the code it hit instead, from the sanitizer's report,
 * without addresses or PIDs, so that an expectation can hold it.
 */
static void test_sanitizer_death_names_the_code(void **state)
{
	char *want = g_strdup_printf("step 2 (call FFA_ID_GET): AddressSanitizer: heap-buffer-overflow in overflow_heap test_sim_isolate.c:%d",
				     OVERFLOW_LINE);

	(void)state;
	check_death_outcome("asan", want,
			    "whole report is on the runner's stderr",
			    "a sanitizer's death must name its error and the code it hit, or an expectation would match any crash at that step");
	g_free(want);
}

/*
 * UBSan (SAN=1 builds it beside ASan, without recovery) also ends the
 * process with status 1; GCC's runtime for it is another library, with
 * its own report file.  The result names the error and the function and
 * line, as for ASan, not "exited with 1".
 */
static void test_ubsan_death_names_the_code(void **state)
{
	char *want = g_strdup_printf("step 2 (call FFA_ID_GET): UndefinedBehaviorSanitizer: undefined-behavior in shift_too_far test_sim_isolate.c:%d",
				     SHIFT_LINE);

	(void)state;
	check_death_outcome("ubsan", want, NULL,
			    "a UBSan death must name the function and line it hit, or an expectation would match any crash at that step");
	g_free(want);
}

/* A child of isolate_capture() (ffa-sim explain) is named the same way. */
static void test_capture_names_a_sanitizer_death(void **state)
{
	GByteArray *out = g_byte_array_new();
	char *why = NULL;
	char *want = g_strdup_printf("UndefinedBehaviorSanitizer: undefined-behavior in shift_too_far test_sim_isolate.c:%d",
				     SHIFT_LINE);

	(void)state;
	if (isolate_capture(capture_ubsan, NULL, 10, out, &why))
		fail_msg("the capture succeeded, expected the child's UBSan death");
	if (!g_str_has_prefix(why, want))
		fail_msg("why \"%s\", expected it to start with \"%s\": the death must name the code it hit",
			 why, want);
	g_free(why);
	g_free(want);
	g_byte_array_unref(out);
}
#endif

/*
 * A death the process chose names itself: the outcome of an assertion's
 * abort holds the assertion, so that a known failure recorded from it
 * does not match a plain abort at the same step; a worker that said
 * nothing in its job says nothing, even after a job of its that did.
 */
static void test_abort_names_its_last_words(void **state)
{
	static const char *const names[] = { "assert", "abort", "chatty",
					      "abort2" };
	GPtrArray *scens = scenarios(names, 4);
	GPtrArray *results = run(scens, 1, 5);
	char *want = g_strdup_printf("step 2 (call FFA_ID_GET): the scenario's process died of %s: %s",
				     strsignal(SIGABRT), ASSERTION);
	char *asserted, *aborted, *aborted_later;

	(void)state;
	assert_int_equal(at(results, 0)->status, SCEN_CRASH);
	asserted = scen_result_outcome(at(results, 0));
	if (strcmp(asserted, want))
		fail_msg("outcome \"%s\", expected \"%s\": a deliberate abort must name what its process said last, or an expectation would match any abort at that step",
			 asserted, want);
	assert_int_equal(at(results, 1)->status, SCEN_CRASH);
	aborted = scen_result_outcome(at(results, 1));
	if (scen_outcomes_match(aborted, asserted))
		fail_msg("a plain abort's outcome \"%s\" matches the assertion's \"%s\": a known failure would be known by any abort",
			 aborted, asserted);
	assert_int_equal(at(results, 2)->status, SCEN_PASS);
	aborted_later = scen_result_outcome(at(results, 3));
	if (strcmp(aborted_later, aborted))
		fail_msg("outcome \"%s\", expected \"%s\": last words belong to the job that said them",
			 aborted_later, aborted);
	g_free(asserted);
	g_free(aborted);
	g_free(aborted_later);
	g_free(want);
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/* isolate_capture()'s child: says why, then aborts. */
static char *capture_assert(void *ctx)
{
	(void)ctx;
	last_words_say("%s", ASSERTION);
	signal(SIGABRT, SIG_DFL);
	abort();
}

/* ffa-sim explain and --no-isolation paths name the death the same way. */
static void test_capture_names_its_last_words(void **state)
{
	GByteArray *out = g_byte_array_new();
	char *why = NULL;
	char *want = g_strdup_printf("the scenario's process died of %s: %s",
				     strsignal(SIGABRT), ASSERTION);

	(void)state;
	if (isolate_capture(capture_assert, NULL, 10, out, &why))
		fail_msg("the capture succeeded, expected the child's abort");
	if (strcmp(why, want))
		fail_msg("why \"%s\", expected \"%s\": the death must name what its process said last",
			 why, want);
	g_free(why);
	g_free(want);
	g_byte_array_unref(out);
}

/*
 * A recoverable report (clang's UBSan in the fuzzer's engine) may come
 * before the one that ended the process: the name is the last report's,
 * its kind and its first frame of ours, not the first frame in the text.
 */
static void test_name_is_the_last_reports(void **state)
{
	static const char report[] =
		"sim/exec/held.c:196:21: runtime error: applying zero offset to null pointer\n"
		"    #0 0x5555 in update_handle /src/sim/exec/held.c:196:21\n"
		"    #1 0x5556 in held_update /src/sim/exec/held.c:249:3\n"
		"SUMMARY: UndefinedBehaviorSanitizer: undefined-behavior sim/exec/held.c:196:21 in\n"
		"=================================================================\n"
		"==7==ERROR: AddressSanitizer: memcpy-param-overlap: memory ranges [0x1,0x9) and [0x2,0xa) overlap\n"
		"    #0 0x5557 in __asan_memcpy (/bin/ffa-fuzz+0x17e7d4)\n"
		"    #1 0x5558 in do_ffa_mem_reclaim /k/arch/arm64/kvm/hyp/nvhe/ffa.c:646:3\n"
		"    #2 0x5559 in kvm_host_ffa_handler /k/arch/arm64/kvm/hyp/nvhe/ffa.c:924:3\n"
		"SUMMARY: AddressSanitizer: memcpy-param-overlap (/bin/ffa-fuzz+0x17e7d4) in __asan_memcpy\n";
	char *name = sanitizer_report_name(report);

	(void)state;
	check_text_at("the name of a UBSan report then an ASan one", name,
		      "AddressSanitizer: memcpy-param-overlap in do_ffa_mem_reclaim ffa.c:646",
		      "the first report's frames would name code the fatal error never ran in, and a known finding would not be known",
		      __FILE__, __LINE__);
	g_free(name);
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

/*
 * The limit counts from the last time a job moved on: one step that
 * explores orders for longer than the limit is not a hang, as long as the
 * orders keep coming; once they stop, it is.
 */
static void test_moving_on_is_not_a_hang(void **state)
{
	static const char *const names[] = { "moving", "stall" };
	GPtrArray *scens = scenarios(names, 2);
	GPtrArray *results = run(scens, 2, 0.5);

	(void)state;
	check_int_at("status of a step that moves on for 1 s, limit 0.5 s",
		     at(results, 0)->status, SCEN_PASS,
		     "a step exploring many orders on a loaded machine would be called hung",
		     __FILE__, __LINE__);
	check_int_at("status of a step that stops moving after 0.3 s",
		     at(results, 1)->status, SCEN_CRASH,
		     "a job that moved on once would never be called hung again",
		     __FILE__, __LINE__);
	check_has_at("its message", at(results, 1)->message,
		     "time limit of 0.5 s exceeded",
		     "the report must say it was the time limit", __FILE__,
		     __LINE__);
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

static const char *msg(GPtrArray *results, unsigned int i)
{
	return at(results, i)->message ? at(results, i)->message : "";
}

/*
 * One worker runs scenario after scenario; the one after a crash runs in
 * a fresh worker, whether the worker died or reported the crash itself.
 */
static void test_workers_reused_until_a_crash(void **state)
{
	static const char *const names[] = {
		"pid-a", "pid-b", "crash-c", "pid-d", "segv-e", "pid-f",
	};
	GPtrArray *scens = scenarios(names, G_N_ELEMENTS(names));
	GPtrArray *results = run(scens, 1, 5);

	(void)state;
	assert_int_equal(results->len, G_N_ELEMENTS(names));
	/* a, b and the crash in one worker: no process per scenario. */
	assert_string_equal(msg(results, 0), msg(results, 1));
	assert_string_equal(msg(results, 0), msg(results, 2));
	/* d in another: what the crash left never reaches it. */
	assert_string_not_equal(msg(results, 2), msg(results, 3));
	assert_int_equal(at(results, 3)->status, SCEN_PASS);
	assert_int_equal(at(results, 4)->status, SCEN_CRASH);
	assert_non_null(strstr(msg(results, 4), "t.yaml:5: step 2"));
	assert_int_equal(at(results, 5)->status, SCEN_PASS);
	assert_string_not_equal(msg(results, 3), msg(results, 5));
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/* Linux's FF-A driver keeps state nothing puts back: a fresh worker next. */
static void test_driver_scenario_retires_its_worker(void **state)
{
	static const char driver_text[] =
		"name: pid-driver\n"
		"description: d\n"
		"steps:\n"
		"  - call: FFA_VERSION\n"
		"  - driver: load\n"
		"  - call: FFA_ID_GET\n";
	static const char *const names[] = { "pid-a", "pid-b" };
	GPtrArray *scens = scenarios(names, 2);
	GPtrArray *results;
	struct diag d;

	(void)state;
	diag_init(&d);
	/* a, the driver scenario, b: in that order. */
	if (!scenario_load_string("t.yaml", driver_text, 4096, scens, &d))
		fail_msg("the driver scenario does not load: %s",
			 diag_count(&d) ? diag_message(&d, 0) : "?");
	diag_free(&d);
	g_ptr_array_insert(scens, 1, g_ptr_array_steal_index(scens, 2));
	results = run(scens, 1, 5);
	assert_string_equal(msg(results, 0), msg(results, 1));
	if (!strcmp(msg(results, 1), msg(results, 2)))
		fail_msg("the scenario after one that drove Linux's FF-A driver ran in the same worker (%s)",
			 msg(results, 2));
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/*
 * A worker keeps the file it loaded last: with two workers and two
 * files, each worker takes a file, and the first file's scenarios all
 * run in the worker that started it, rather than every other one in
 * each.  The second file's five scenarios take a third of a second each,
 * so that its worker cannot run out of them and help with the first.
 */
static void test_a_file_stays_with_its_worker(void **state)
{
	static const char *const files[] = { "a.yaml", "b.yaml" };
	static const char *const kinds[] = { "pid", "slow-pid" };
	static const unsigned int counts[] = { 3, 5 };
	GPtrArray *scens = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	GPtrArray *results;
	unsigned int i, k;
	struct diag d;

	(void)state;
	diag_init(&d);
	for (k = 0; k < G_N_ELEMENTS(files); k++) {
		for (i = 0; i < counts[k]; i++) {
			GString *s = g_string_new(scenario_text);
			char *name = g_strdup_printf("%s-%c%u", kinds[k],
						     'a' + k, i);

			g_string_replace(s, "NAME", name, 1);
			if (!scenario_load_string(files[k], s->str, 4096, scens,
						  &d))
				fail_msg("scenario %s does not load: %s", name,
					 diag_count(&d) ? diag_message(&d, 0) :
							  "?");
			g_string_free(s, TRUE);
			g_free(name);
		}
	}
	diag_free(&d);
	results = run(scens, 2, 5);
	for (i = 1; i < 3; i++)
		if (strcmp(msg(results, 0), msg(results, i)))
			fail_msg("a.yaml's scenario %u ran in process %s, its first in %s: expected the worker that loaded the file to run all of it",
				 i, msg(results, i), msg(results, 0));
	if (!strcmp(msg(results, 0), msg(results, 3)))
		fail_msg("b.yaml's first scenario ran in a.yaml's worker (%s): expected the other worker, which held no file, to start it",
			 msg(results, 3));
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/* --worker-scenarios 1: a process per scenario, for a suspected leak. */
static void test_worker_limit(void **state)
{
	static const char *const names[] = { "pid-a", "pid-b", "pid-c" };
	GPtrArray *scens = scenarios(names, 3);
	struct isolate_opts opts = { .jobs = 1, .timeout = 5, .per_worker = 1 };
	GPtrArray *results = run_opts(scens, &opts);

	(void)state;
	assert_string_not_equal(msg(results, 0), msg(results, 1));
	assert_string_not_equal(msg(results, 1), msg(results, 2));
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/*
 * SIGSEGV from kill(), with EL2's fault handler in place: the scenario
 * died of it, reported at once, not a hang at the time limit.
 */
static void test_signal_from_outside_is_a_crash(void **state)
{
	static const char *const names[] = { "killed", "fine" };
	GPtrArray *scens = scenarios(names, 2);
	GPtrArray *results = run(scens, 1, 3);

	(void)state;
	if (at(results, 0)->status != SCEN_CRASH)
		fail_msg("expected a crash, got status %d: %s",
			 at(results, 0)->status, msg(results, 0));
	if (!strstr(msg(results, 0), strsignal(SIGSEGV)))
		fail_msg("expected a death by %s, got: %s", strsignal(SIGSEGV),
			 msg(results, 0));
	assert_int_equal(at(results, 1)->status, SCEN_PASS);
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/* Every other fork fails: scenarios wait for a slot, none fails for it. */
static unsigned int forks;

static pid_t flaky_fork(void)
{
	if (forks++ % 2) {
		errno = EAGAIN;
		return -1;
	}
	return fork();
}

static void test_failed_fork_waits_for_a_slot(void **state)
{
	static const char *const names[] = {
		"a", "segv-b", "c", "exit-d", "e", "f",
	};
	GPtrArray *scens = scenarios(names, G_N_ELEMENTS(names));
	struct isolate_opts opts = { .jobs = 2, .timeout = 5,
				     .fork_fn = flaky_fork };
	GPtrArray *results = run_opts(scens, &opts);
	unsigned int i;

	(void)state;
	assert_true(forks >= 4);
	for (i = 0; i < results->len; i++) {
		bool bad = i == 1 || i == 3;

		if (at(results, i)->status != (bad ? SCEN_CRASH : SCEN_PASS) ||
		    strstr(msg(results, i), "cannot start"))
			fail_msg("%s: %s (%s): a failed fork must only delay it",
				 names[i], scen_status_name(at(results, i)->status),
				 msg(results, i));
	}
	g_ptr_array_unref(results);
	g_ptr_array_unref(scens);
}

/* A runner ended by SIGTERM takes its workers with it. */
static void test_workers_end_with_the_runner(void **state)
{
	static const char *const names[] = { "hang" };
	int fds[2], status;
	pid_t runner, worker = 0;
	char path[64], st = 0;
	FILE *f;
	int i;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	runner = fork();
	assert_true(runner >= 0);
	if (!runner) {
		GPtrArray *scens = scenarios(names, 1);

		close(fds[0]);
		/* The worker is forked from here and inherits the pipe. */
		dup2(fds[1], 99);
		run(scens, 1, 60);
		_exit(0);
	}
	close(fds[1]);
	/* The hanging worker holds the pipe: find it through /proc. */
	for (i = 0; i < 200 && !worker; i++) {
		char line[256];

		g_usleep(10000);
		snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
			 runner, runner);
		f = fopen(path, "r");
		if (f && fgets(line, sizeof(line), f))
			worker = (pid_t)atoi(line);
		if (f)
			fclose(f);
	}
	assert_true(worker > 0);
	kill(runner, SIGTERM);
	waitpid(runner, &status, 0);
	for (i = 0; i < 200; i++) {
		snprintf(path, sizeof(path), "/proc/%d/stat", worker);
		f = fopen(path, "r");
		st = 0;
		if (f) {
			if (fscanf(f, "%*d %*s %c", &st) != 1)
				st = 0;
			fclose(f);
		}
		if (!f || st == 'Z')
			break;
		g_usleep(10000);
	}
	if (f && st != 'Z' && !kill(worker, SIGKILL))
		fail_msg("worker %d still runs (state %c) after its runner got SIGTERM",
			 (int)worker, st);
	close(fds[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_misbehaving_children),
#ifdef UNDER_ASAN
		cmocka_unit_test(test_sanitizer_death_names_the_code),
		cmocka_unit_test(test_ubsan_death_names_the_code),
		cmocka_unit_test(test_capture_names_a_sanitizer_death),
#endif
		cmocka_unit_test(test_abort_names_its_last_words),
		cmocka_unit_test(test_capture_names_its_last_words),
		cmocka_unit_test(test_name_is_the_last_reports),
		cmocka_unit_test(test_time_limit_is_per_scenario),
		cmocka_unit_test(test_moving_on_is_not_a_hang),
		cmocka_unit_test(test_order_kept_with_jobs),
		cmocka_unit_test(test_workers_reused_until_a_crash),
		cmocka_unit_test(test_worker_limit),
		cmocka_unit_test(test_driver_scenario_retires_its_worker),
		cmocka_unit_test(test_a_file_stays_with_its_worker),
		cmocka_unit_test(test_signal_from_outside_is_a_crash),
		cmocka_unit_test(test_failed_fork_waits_for_a_slot),
		cmocka_unit_test(test_workers_end_with_the_runner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
