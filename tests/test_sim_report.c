// SPDX-License-Identifier: GPL-2.0-only
/*
 * The result model and the three reporters.  KTAP and JUnit output are
 * parsed back (tests/report_parse_util.c: a small KTAP parser, GMarkup for
 * the XML) and checked for structure and counts, not compared with a
 * golden text, so that a harmless change of layout does not break the
 * test but a broken file does.  tests/test_cli_run.c does the same with
 * the output of real runs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/view/report.h"
#include "tests/check_util.h"
#include "tests/report_parse_util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Text that every reporter must survive. */
#define NASTY_ID	"odd <id> & \"q\" 'a' #7\x01\nnext"
#define NASTY_ID_TAP	"odd <id> & \"q\" 'a' _7  next"
#define NASTY_MSG	"x0 = 0x1 <want 0x2> & \"ok\" #no\n\x01\x1b[31mred"
#define FFFD		"\xef\xbf\xbd"

static struct scen_result *add(struct run_summary *s, const char *id,
			       enum scen_status status,
			       enum scen_verdict verdict)
{
	struct scen_result *r = scen_result_new(id, "scenarios/mem/share.yaml",
						12);

	r->status = status;
	r->verdict = verdict;
	r->seconds = 0.25;
	run_summary_add(s, r);
	return r;
}

/*
 * One of everything: pass, fail at a step, fail after the steps, crash,
 * skip, known failure (failed and crashed), unexpected pass.
 */
static void build_summary(struct run_summary *s)
{
	struct scen_result *r;

	run_summary_init(s, "linux-7.3.4-4k");
	g_ptr_array_add(s->notices, g_strdup("using linux-7.2.yaml\nfor 7.3"));

	r = add(s, "version", SCEN_PASS, VERDICT_PASS);
	scen_result_add_step(r, "call FFA_VERSION", 5, true);
	scen_result_add_step(r, "call FFA_ID_GET", 9, true);
	/* as a driver: step would have it */
	scen_result_step_got(r, "ret 0, handle 0x5a000001");

	r = add(s, NASTY_ID, SCEN_FAIL, VERDICT_FAIL);
	scen_result_add_step(r, "share", 5, true);
	scen_result_add_step(r, "reclaim #2", 9, false);
	r->message = g_strdup(NASTY_MSG);

	r = add(s, "stuck_page", SCEN_FAIL, VERDICT_FAIL);
	scen_result_add_step(r, "share", 5, true);
	r->message = g_strdup("invariant: page 0x80001000 stuck");

	r = add(s, "frag_crash", SCEN_CRASH, VERDICT_FAIL);
	r->message = g_strdup("fault at 0xdead in ffa.c");

	r = add(s, "needs_64k", SCEN_SKIP, VERDICT_SKIP);
	r->message = g_strdup("needs PAGE_SIZE 64K");

	r = add(s, "direct_filter", SCEN_FAIL, VERDICT_KNOWN_FAIL);
	scen_result_add_step(r, "direct req", 7, false);
	r->message = g_strdup("x0 = FFA_SUCCESS, want FFA_ERROR");
	r->known_reason = g_strdup("no direct messaging <series> & co");

	r = add(s, "old_crash", SCEN_CRASH, VERDICT_KNOWN_FAIL);
	r->known_reason = g_strdup("BUG in 6.12");

	r = add(s, "fixed", SCEN_PASS, VERDICT_UNEXPECTED_PASS);
	scen_result_add_step(r, "share", 5, true);
	r->known_reason = g_strdup("rollback leak");
}

#define N_RESULTS	8

/* What a writer wrote; a stream that fails fails the caller's line. */
#define read_stream(write, s) read_stream_at((write), (s), __FILE__, __LINE__)

static char *read_stream_at(void (*write)(FILE *, const struct run_summary *),
			    const struct run_summary *s, const char *file,
			    int line)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	check_setup_at(out != NULL, "open_memstream()", file, line);
	write(out, s);
	check_setup_at(fclose(out) == 0, "closing the memory stream", file,
		       line);
	return buf;
}

/* ---- the result model ---- */

static void test_summary_counts_and_line(void **state)
{
	struct run_summary s;
	char *line;

	(void)state;
	build_summary(&s);
	assert_int_equal(s.results->len, N_RESULTS);
	assert_int_equal(s.passed, 1);
	/* An unexpected pass is fixed, not failed; it still makes it red. */
	assert_int_equal(s.failed, 3);
	assert_int_equal(s.fixed, 1);
	assert_int_equal(s.stale, 1);
	assert_true(run_summary_is_red(&s));
	assert_int_equal(s.skipped, 1);
	assert_int_equal(s.known_failures, 2);
	line = run_summary_line(&s);
	assert_string_equal(line,
			    "1 passed, 3 failed, 1 fixed, 1 skipped, 2 known failures");
	g_free(line);
	run_summary_free(&s);
}

static void test_summary_line_omits_zeroes(void **state)
{
	struct run_summary s;
	char *line;

	(void)state;
	run_summary_init(&s, "v");
	line = run_summary_line(&s);
	assert_string_equal(line, "0 passed, 0 failed");
	g_free(line);
	add(&s, "a", SCEN_PASS, VERDICT_PASS);
	add(&s, "b", SCEN_FAIL, VERDICT_KNOWN_FAIL);
	line = run_summary_line(&s);
	assert_string_equal(line, "1 passed, 0 failed, 1 known failure");
	g_free(line);
	run_summary_free(&s);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(scen_status_name(SCEN_CRASH), "crash");
	assert_string_equal(scen_verdict_name(VERDICT_KNOWN_FAIL),
			    "known-fail");
	assert_string_equal(scen_verdict_name(VERDICT_UNEXPECTED_PASS),
			    "unexpected-pass");
	assert_true(scen_verdict_is_failure(VERDICT_FAIL));
	assert_true(scen_verdict_is_failure(VERDICT_UNEXPECTED_PASS));
	assert_false(scen_verdict_is_failure(VERDICT_KNOWN_FAIL));
	assert_false(scen_verdict_is_failure(VERDICT_SKIP));
	/* Fixed by a series: green; failing otherwise than recorded: red. */
	assert_string_equal(scen_verdict_name(VERDICT_FIXED), "fixed");
	assert_false(scen_verdict_is_failure(VERDICT_FIXED));
	assert_string_equal(scen_verdict_name(VERDICT_FAILS_DIFFERENTLY),
			    "fails-differently");
	assert_true(scen_verdict_is_failure(VERDICT_FAILS_DIFFERENTLY));
}

/* Outcomes: the step and the first difference, line numbers aside. */
static void test_outcomes(void **state)
{
	struct scen_result *r = scen_result_new("a", "f.yaml", 1);
	char *o, *key;

	(void)state;
	r->status = SCEN_CRASH;
	r->message = g_strdup("f.yaml:9: step 4 (frag_tx):\n"
			      "  hyp panic: WARN at ffa.c:446 in f: a != b\n"
			      "  last hops:");
	o = scen_result_outcome(r);
	assert_string_equal(o, "step 4 (frag_tx): hyp panic: WARN at ffa.c:446 in f: a != b");
	key = scen_outcome_key(o);
	assert_string_equal(key, "step 4 (frag_tx): hyp panic: WARN at ffa.c in f: a != b");
	/* A pure line shift is the same behaviour; another step is not. */
	assert_true(scen_outcomes_match(o, "step 4 (frag_tx): hyp panic: WARN at ffa.c:450 in f: a != b"));
	assert_false(scen_outcomes_match(o, "step 5 (frag_tx): hyp panic: WARN at ffa.c:446 in f: a != b"));
	assert_false(scen_outcomes_match(o, "step 4 (frag_tx): hyp panic: WARN at ffa.c:446 in g: a != b"));
	/* Numbers that are not a source line stay: x3: 0x10 is not x3: 0x20. */
	assert_false(scen_outcomes_match("step 1 (c): x3: expected 0x10, got 0",
					 "step 1 (c): x3: expected 0x20, got 0"));
	g_free(key);
	g_free(o);
	r->status = SCEN_PASS;
	g_free(r->message);
	r->message = NULL;
	o = scen_result_outcome(r);
	assert_string_equal(o, "");
	g_free(o);
	scen_result_free(r);
}

/* The outcome a failure message gives, checked at the caller's line. */
#define assert_outcome(status, message, want, why) \
	check_outcome_at((status), (message), (want), "" why, __FILE__, __LINE__)

static void check_outcome_at(enum scen_status status, const char *message,
			     const char *want, const char *why,
			     const char *file, int line)
{
	struct scen_result *r = scen_result_new("a", "f.yaml", 1);
	char *o;

	r->status = status;
	r->message = g_strdup(message);
	o = scen_result_outcome(r);
	check_text_at("the outcome", o, want, why, file, line);
	g_free(o);
	scen_result_free(r);
}

/*
 * A concurrent step's failure: the explored order and what failed in it,
 * not the replay file, which lives in the temporary folder; with the CPUs
 * really at once, the CPU's heading and its first difference.
 */
static void test_concurrent_outcomes(void **state)
{
	(void)state;
	assert_outcome(SCEN_FAIL,
		       "f.yaml:24: step 4 (concurrently):\n"
		       "  the 1st order explored breaks the scenario (order: []); replay: ffa-sim run /tmp/x/a.yaml\n"
		       "    cpu 0: call FFA_MEM_RECLAIM (line 25):\n"
		       "      x0: expected 1, got 2\n"
		       "      last hops of cpu 0:",
		       "step 4 (concurrently): the 1st order explored breaks the scenario (order: []): cpu 0: call FFA_MEM_RECLAIM (line 25): x0: expected 1, got 2",
		       "a path in TMPDIR would make the outcome differ between machines");
	assert_outcome(SCEN_CRASH,
		       "f.yaml:24: step 4 (concurrently):\n"
		       "  the 1st order explored breaks the scenario (order: []); replay: ffa-sim run /tmp/y/a.yaml\n"
		       "  its process died of Aborted",
		       "step 4 (concurrently): the 1st order explored breaks the scenario (order: []): its process died of Aborted",
		       "a crash in the same order must not match a recorded difference");
	assert_outcome(SCEN_FAIL,
		       "f.yaml:24: step 4 (concurrently):\n"
		       "  cpu 0: call FFA_MEM_RECLAIM (line 25):\n"
		       "    x0: expected 1, got 2\n"
		       "    last hops of cpu 0:",
		       "step 4 (concurrently): cpu 0: call FFA_MEM_RECLAIM (line 25): x0: expected 1, got 2",
		       "the heading alone would match any failure of that CPU");
	assert_outcome(SCEN_FAIL,
		       "f.yaml:9: step 2 (call X):\n"
		       "  w2: see below:\n"
		       "  last hops:\n"
		       "    host -> EL2: X",
		       "step 2 (call X): w2: see below:",
		       "the hops are the trace, not how the step failed");
}

static void test_result_steps(void **state)
{
	struct scen_result *r = scen_result_new("a", NULL, 0);
	struct scen_step_result *step;

	(void)state;
	scen_result_add_step(r, "one", 3, true);
	scen_result_add_step(r, "two", 4, false);
	assert_int_equal(r->steps->len, 2);
	step = &g_array_index(r->steps, struct scen_step_result, 1);
	assert_string_equal(step->title, "two");
	assert_int_equal(step->line, 4);
	assert_false(step->ok);
	assert_int_equal(r->verdict, VERDICT_PASS);
	scen_result_free(r);
	scen_result_free(NULL);
}

/* ---- human text ---- */

#define human_text(s, color) human_text_at((s), (color), __FILE__, __LINE__)

static char *human_text_at(const struct run_summary *s, bool color,
			   const char *file, int line)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	unsigned int i;

	check_setup_at(out != NULL, "open_memstream()", file, line);
	for (i = 0; i < s->results->len; i++)
		report_human_result(out, g_ptr_array_index(s->results, i),
				    color);
	report_human_summary(out, s, color);
	check_setup_at(fclose(out) == 0, "closing the memory stream", file,
		       line);
	return buf;
}

static void test_human_lines(void **state)
{
	static const char *const want[] = {
		"PASS  version",
		"FAIL  odd <id> & \"q\" 'a' #7  next (scenarios/mem/share.yaml:12)",
		"      x0 = 0x1 <want 0x2> & \"ok\" #no",
		"        [31mred",
		"FAIL  stuck_page (scenarios/mem/share.yaml:12)",
		"      invariant: page 0x80001000 stuck",
		"CRASH frag_crash (scenarios/mem/share.yaml:12)",
		"      fault at 0xdead in ffa.c",
		"SKIP  needs_64k: needs PAGE_SIZE 64K",
		"KNOWN direct_filter: no direct messaging <series> & co",
		"KNOWN old_crash: BUG in 6.12",
		"XPASS fixed: listed as failing (rollback leak) but passed",
		"note: using linux-7.2.yaml for 7.3",
		"1 passed, 3 failed, 1 fixed, 1 skipped, 2 known failures",
		"",
	};
	struct run_summary s;
	char *text, *joined;

	(void)state;
	build_summary(&s);
	text = human_text(&s, false);
	joined = g_strjoinv("\n", (char **)want);
	assert_string_equal(text, joined);
	assert_null(strchr(text, '\033'));
	g_free(joined);
	free(text);
	run_summary_free(&s);
}

/*
 * A failed scenario with driver: steps says under its failure what the
 * client got at each: the failure alone would not say what a client of
 * Linux's FF-A driver saw on the way there.
 */
static void test_human_client_got(void **state)
{
	struct run_summary s;
	struct scen_result *r;
	char *text;

	(void)state;
	run_summary_init(&s, "v");
	r = add(&s, "driver_share", SCEN_FAIL, VERDICT_FAIL);
	scen_result_add_step(r, "driver load", 4, true);
	scen_result_step_got(r, "ret 0");
	scen_result_add_step(r, "driver share", 9, false);
	scen_result_step_got(r, "ret -22, handle 0");
	r->message = g_strdup("step 2 (driver share): ret: expected 0");
	text = human_text(&s, false);
	if (!strstr(text, "FAIL  driver_share (scenarios/mem/share.yaml:12)\n"
			  "      step 2 (driver share): ret: expected 0\n"
			  "      step 1 (driver load, line 4): the client got ret 0\n"
			  "      step 2 (driver share, line 9): the client got ret -22, handle 0\n"))
		fail_msg("the human report of a failed driver scenario does not say what the client got at each step, under the failure:\n%s",
			 text);
	free(text);
	run_summary_free(&s);
}

static void test_human_color_and_trace(void **state)
{
	struct run_summary s;
	struct scen_result *r;
	char *text;

	(void)state;
	build_summary(&s);
	text = human_text(&s, true);
	assert_non_null(strstr(text, "\033[32mPASS \033[0m version\n"));
	assert_non_null(strstr(text, "\033[1;31mCRASH\033[0m frag_crash"));
	/* The message's own escape sequence is not passed through. */
	assert_null(strstr(text, "\033[31mred"));
	free(text);

	r = g_ptr_array_index(s.results, 0);
	r->trace = g_strdup("host -> EL2: FFA_VERSION\nEL2 -> host: 0x10002\n");
	text = human_text(&s, false);
	assert_true(g_str_has_prefix(text, "PASS  version\n"
					   "host -> EL2: FFA_VERSION\n"
					   "EL2 -> host: 0x10002\n"
					   "FAIL  "));
	free(text);
	run_summary_free(&s);
}

/* ---- KTAP ---- */

static void test_tap_structure_and_counts(void **state)
{
	unsigned int i, red = 0;
	GPtrArray *tail = g_ptr_array_new_with_free_func(g_free);
	struct run_summary s;
	GPtrArray *tests;
	char *text, *line;

	(void)state;
	build_summary(&s);
	text = read_stream(report_tap, &s);
	tests = ktap_parse(text, tail);
	assert_int_equal(tests->len, N_RESULTS);
	ktap_assert_counts(tests, s.passed, s.failed + s.stale, s.skipped,
			   s.known_failures);
	for (i = 0; i < tests->len; i++) {
		struct ktap_test *t = ktap_at(tests, i);
		const struct scen_result *r = g_ptr_array_index(s.results, i);

		/* Leaves and parent agree, as kunit.py counts them. */
		assert_int_equal(ktap_leaves_fail(t),
				 scen_verdict_is_failure(r->verdict));
		red += !t->ok;
	}
	assert_int_equal(red, s.failed + s.stale);
	line = run_summary_line(&s);
	assert_int_equal(tail->len, 1);
	assert_string_equal(g_ptr_array_index(tail, 0), line);
	g_free(line);
	g_ptr_array_unref(tail);
	g_ptr_array_unref(tests);
	free(text);
	run_summary_free(&s);
}

static void test_tap_details(void **state)
{
	struct ktap_test *t, *step;
	struct run_summary s;
	GPtrArray *tests;
	char *text;

	(void)state;
	build_summary(&s);
	text = read_stream(report_tap, &s);
	tests = ktap_parse(text, NULL);

	t = ktap_at(tests, 0);
	assert_true(ktap_has_diag(t, "using linux-7.2.yaml"));
	assert_true(ktap_has_diag(t, "for 7.3"));
	assert_int_equal(t->children->len, 2);
	assert_string_equal(ktap_at(t->children, 1)->name, "call FFA_ID_GET");
	/* What a driver: step's client got is its step's diagnostic. */
	if (!ktap_has_diag(ktap_at(t->children, 1),
			   "the client got ret 0, handle 0x5a000001"))
		fail_msg("step 2's KTAP diagnostics lack what the client got: a "
			 "KTAP reader would see only ok/not ok for a driver: step");
	assert_int_equal(ktap_at(t->children, 0)->diags->len, 0);

	t = ktap_at(tests, 1);
	assert_string_equal(t->name, NASTY_ID_TAP);
	assert_false(t->ok);
	assert_null(t->directive);
	step = ktap_at(t->children, 1);
	assert_string_equal(step->name, "reclaim _2");
	assert_false(step->ok);
	assert_true(ktap_has_diag(t, "x0 = 0x1 <want 0x2> & \"ok\" #no"));
	assert_true(ktap_has_diag(t, "  [31mred"));

	/* A failure after the last step shows as one more failing subtest. */
	t = ktap_at(tests, 2);
	assert_int_equal(t->children->len, 2);
	assert_false(ktap_at(t->children, 1)->ok);

	t = ktap_at(tests, 3);
	assert_string_equal(t->directive, "ERROR");
	assert_null(t->children);

	t = ktap_at(tests, 4);
	assert_string_equal(t->directive, "SKIP");
	assert_string_equal(t->reason, "needs PAGE_SIZE 64K");

	t = ktap_at(tests, 5);
	assert_true(t->ok);
	assert_string_equal(t->directive, "XFAIL");
	assert_string_equal(t->reason, "no direct messaging <series> & co");
	assert_string_equal(ktap_at(t->children, 0)->directive, "XFAIL");
	assert_true(ktap_has_diag(t, "x0 = FFA_SUCCESS, want FFA_ERROR"));

	t = ktap_at(tests, 7);
	assert_false(t->ok);
	assert_true(ktap_has_diag(t,
			     "listed as failing (rollback leak) but passed"));
	assert_string_equal(ktap_at(t->children, 1)->name,
			    "expectations file");

	g_ptr_array_unref(tests);
	free(text);
	run_summary_free(&s);
}

static void test_tap_empty_run(void **state)
{
	GPtrArray *tail = g_ptr_array_new_with_free_func(g_free);
	struct run_summary s;
	GPtrArray *tests;
	char *text;

	(void)state;
	run_summary_init(&s, "v");
	text = read_stream(report_tap, &s);
	assert_string_equal(text,
			    "KTAP version 1\n1..0\n# 0 passed, 0 failed\n");
	tests = ktap_parse(text, tail);
	assert_int_equal(tests->len, 0);
	assert_int_equal(tail->len, 1);
	g_ptr_array_unref(tail);
	g_ptr_array_unref(tests);
	free(text);
	run_summary_free(&s);
}

/* ---- JUnit ---- */

/* Write @s as JUnit into a temporary file and parse it back into @d. */
#define junit_round_trip(s, d) junit_round_trip_at((s), (d), __FILE__, __LINE__)

static void junit_round_trip_at(const struct run_summary *s,
				struct junit_doc *d, const char *file, int line)
{
	char err[256] = "";
	char *path = junit_temp_path();

	if (report_junit(path, s, err, sizeof(err)))
		fail_at(file, line, "report_junit() failed: %s: a writable temporary file takes the report",
			err);
	junit_parse_file(path, d);
	unlink(path);
	g_free(path);
}

static void test_junit_counts_and_attributes(void **state)
{
	struct junit_doc d;
	struct run_summary s;
	struct junit_case *c;

	(void)state;
	build_summary(&s);
	junit_round_trip(&s, &d);
	assert_int_equal(d.cases->len, N_RESULTS);
	assert_int_equal(junit_count_kind(&d, "failure"), 3);
	assert_int_equal(junit_count_kind(&d, "error"), 1);
	assert_int_equal(junit_count_kind(&d, "skipped"), 3);
	junit_assert_counts(d.suites_attrs, &d);
	junit_assert_counts(d.suite_attrs, &d);
	assert_string_equal(junit_attr(d.suites_attrs, "time"), "2.000");
	assert_string_equal(junit_attr(d.suite_attrs, "time"), "2.000");
	assert_string_equal(junit_attr(d.suite_attrs, "name"), "linux-7.3.4-4k");
	assert_int_equal(d.notices->len, 1);
	assert_string_equal(g_ptr_array_index(d.notices, 0),
			    "using linux-7.2.yaml for 7.3");

	c = junit_at(&d, 0);
	assert_null(c->kind);
	assert_string_equal(junit_attr(c->attrs, "name"), "version");
	/* A passed driver: step's answer is a result too: in system-out. */
	if (!c->out || strcmp(c->out->str, "step 2 (call FFA_ID_GET, line 9): the client got ret 0, handle 0x5a000001"))
		fail_msg("JUnit's system-out of a scenario with a driver: step is '%s', not what the client got",
			 c->out ? c->out->str : "(none)");
	assert_string_equal(junit_attr(c->attrs, "classname"), "scenarios/mem/share");
	assert_string_equal(junit_attr(c->attrs, "time"), "0.250");

	c = junit_at(&d, 1);
	assert_string_equal(junit_attr(c->attrs, "name"),
			    "odd <id> & \"q\" 'a' #7  next");
	assert_string_equal(c->kind, "failure");
	/* The message is the first two lines: where, then what differed. */
	assert_string_equal(junit_attr(c->kind_attrs, "message"),
			    "x0 = 0x1 <want 0x2> & \"ok\" #no   [31mred");
	assert_string_equal(c->body->str, "x0 = 0x1 <want 0x2> & \"ok\" #no\n"
					  FFFD FFFD "[31mred");

	assert_string_equal(junit_at(&d, 3)->kind, "error");
	c = junit_at(&d, 5);
	assert_string_equal(c->kind, "skipped");
	assert_string_equal(junit_attr(c->kind_attrs, "message"),
			    "known failure: no direct messaging <series> & co");
	c = junit_at(&d, 7);
	assert_string_equal(c->kind, "failure");
	assert_string_equal(junit_attr(c->kind_attrs, "type"), "unexpected-pass");

	junit_doc_free(&d);
	run_summary_free(&s);
}

static void test_junit_trace_and_bad_utf8(void **state)
{
	struct run_summary s;
	struct scen_result *r;
	struct junit_doc d;

	(void)state;
	run_summary_init(&s, "v");
	r = add(&s, "bad\xff", SCEN_FAIL, VERDICT_FAIL);
	r->message = g_strdup("\x7f\x0c]]>");
	r->trace = g_strdup("host -> EL2 <x0>\x02\n");
	r->seconds = 2;
	junit_round_trip(&s, &d);
	assert_string_equal(junit_attr(junit_at(&d, 0)->attrs, "name"), "bad" FFFD);
	assert_string_equal(junit_at(&d, 0)->body->str, FFFD FFFD "]]>");
	assert_string_equal(junit_at(&d, 0)->out->str,
			    "host -> EL2 <x0>" FFFD "\n");
	junit_doc_free(&d);
	run_summary_free(&s);
}

static void test_junit_unwritable(void **state)
{
	char err[256] = "";
	struct run_summary s;

	(void)state;
	run_summary_init(&s, "v");
	assert_int_equal(report_junit("/nonexistent-dir/x.xml", &s, err,
				      sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent-dir/x.xml"));
	run_summary_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_counts_and_line),
		cmocka_unit_test(test_summary_line_omits_zeroes),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_concurrent_outcomes),
		cmocka_unit_test(test_result_steps),
		cmocka_unit_test(test_human_lines),
		cmocka_unit_test(test_human_client_got),
		cmocka_unit_test(test_human_color_and_trace),
		cmocka_unit_test(test_tap_structure_and_counts),
		cmocka_unit_test(test_tap_details),
		cmocka_unit_test(test_tap_empty_run),
		cmocka_unit_test(test_junit_counts_and_attributes),
		cmocka_unit_test(test_junit_trace_and_bad_utf8),
		cmocka_unit_test(test_junit_unwritable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
