// SPDX-License-Identifier: GPL-2.0-only
/*
 * A WARN at EL2 is a hyp panic (docs/scenario-language.md, section 10):
 * the FFA_MEM_FRAG_TX abort WARN of tests/panic/frag-tx-warn.yaml ends
 * the machine, the step after it never runs, and the outcome names the
 * WARN's place, function and condition.  --continue-past-warn goes on,
 * and every output says that no hardware does.  Runs FFA_SIM_BIN from
 * the top of the tree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "tests/check_util.h"
#include "tests/report_parse_util.h"
#include "tests/spawn_util.h"

#define PANIC_DIR	"tests/panic"
#define PANIC_ID	"panic-frag-tx-warn"
#define WARN_TAIL	" in do_ffa_mem_frag_tx: res->a0 != FFA_SUCCESS"
#define EXPLORE_NOTE	"EXPLORATION, NOT WHAT HARDWARE DOES: --continue-past-warn"

/* What the run @r printed (@text) holds @needle, or lacks it. */
#define assert_has(r, text, needle, why) \
	check_has_at((r)->cmd, (text), (needle), "" why, __FILE__, __LINE__)
#define assert_lacks(r, text, needle, why) \
	check_lacks_at((r)->cmd, (text), (needle), "" why, __FILE__, __LINE__)

/* "hyp panic: WARN at ffa.c:N in do_ffa_mem_frag_tx: ...", N any line. */
#define assert_panic_line(r, text) \
	assert_panic_line_at((r), (text), __FILE__, __LINE__)

static void assert_panic_line_at(const struct spawned *r, const char *text,
				 const char *file, int line)
{
	const char *at = strstr(text, "hyp panic: WARN at ffa.c:");
	char *eol;

	if (!at)
		fail_at(file, line, "%s: no 'hyp panic: WARN at ffa.c:' in the outcome: the WARN is the result to report\n%s",
			r->cmd, text);
	at += strlen("hyp panic: WARN at ffa.c:");
	at += strspn(at, "0123456789");
	eol = g_strndup(at, strcspn(at, "\n"));
	if (strcmp(eol, WARN_TAIL))
		fail_at(file, line, "%s: after the line number '%s', expected '%s': the panic names the WARN's function and condition",
			r->cmd, eol, WARN_TAIL);
	g_free(eol);
}


static void test_warn_stops_the_machine(void **state)
{
	struct spawned r;

	(void)state;
	spawn_sim(&r, NULL, "run", "--trace", PANIC_DIR, NULL);
	spawned_assert_status(&r, 1);
	assert_has(&r, r.out, "CRASH " PANIC_ID, "a hyp panic is a crash");
	assert_panic_line(&r, r.out);
	assert_has(&r, r.out, "step 4 (frag_tx):", "the panic's step");
	assert_has(&r, r.out, "  hyp panic, the machine stops\n",
		   "the trace ends the SMC in the panic");
	/* Step 5 makes FFA_ID_GET: nothing of it may be in the trace. */
	assert_lacks(&r, r.out, "call FFA_ID_GET", "no step runs after a panic");
	assert_lacks(&r, r.out, EXPLORE_NOTE, "a run that stops needs no warning");
	spawned_free(&r);
}

static void test_continue_past_warn_is_labelled(void **state)
{
	char *junit = junit_temp_path();
	char *html = g_strdup_printf("%s.html", junit);
	char *page = NULL;
	struct junit_doc d;
	struct spawned r;
	unsigned int i;
	bool noted = false;

	(void)state;
	spawn_sim(&r, NULL, "run", "--trace", "--continue-past-warn",
		  "--junit", junit, "--html", html, PANIC_DIR, NULL);
	spawned_assert_status(&r, 1);
	assert_has(&r, r.out, "call FFA_ID_GET", "exploring runs the later steps");
	assert_has(&r, r.out, "hyp panic on hardware: WARN at ffa.c:",
		   "the outcome still says what hardware does");
	assert_has(&r, r.out, "note: " EXPLORE_NOTE, "the text says so");
	junit_parse_file(junit, &d);
	for (i = 0; i < d.notices->len; i++)
		noted |= g_str_has_prefix(g_ptr_array_index(d.notices, i),
					  EXPLORE_NOTE);
	if (!noted)
		fail_msg("%s: the JUnit file has no '%s' notice", r.cmd,
			 EXPLORE_NOTE);
	junit_doc_free(&d);
	assert_true(g_file_get_contents(html, &page, NULL, NULL));
	assert_has(&r, page, "EXPLORATION, NOT WHAT HARDWARE DOES",
		   "the HTML page says so");
	spawned_free(&r);

	spawn_sim(&r, NULL, "run", "--tap", "--continue-past-warn", PANIC_DIR,
		  NULL);
	spawned_assert_status(&r, 1);
	assert_has(&r, r.out, "# " EXPLORE_NOTE, "KTAP says so");
	spawned_free(&r);
	unlink(junit);
	unlink(html);
	g_free(page);
	g_free(html);
	g_free(junit);
}

/*
 * A memory fault in ffa.c names the function and line it hit, and a
 * backtrace, in every output.  Which of these SPMC answers faults depends
 * on the tree (6.12 follows the endpoint offset, 7.x misreads the
 * fragment length): at least one does on every variant.
 */
static void test_fault_names_the_code(void **state)
{
	char *junit = junit_temp_path();
	char *html = g_strdup_printf("%s.html", junit);
	char *empty = g_strdup_printf("%s.yaml", junit);
	char *page = NULL, *xml = NULL, *at;
	struct spawned r, tap;
	unsigned int faults = 0;

	(void)state;
	assert_true(g_file_set_contents(empty, "series: \"0.0\"\nknown_failures: []\n",
					-1, NULL));
	spawn_sim(&r, NULL, "run", "-e", empty, "--junit", junit, "--html", html,
		  "--filter", "reclaim-spmc-answers-bogus-emad-offset*",
		  "scenarios/memory/reclaim-spmc-descriptor.yaml", NULL);
	for (at = r.out; (at = strstr(at, "hyp panic: memory fault in EL2")); at++) {
		const char *next = strchr(at, '\n');

		if (!next || !g_str_has_prefix(g_strchug((char *)next + 1) ,
					       "in do_ffa_mem_reclaim (ffa.c:"))
			fail_msg("%s: a fault in ffa.c should name do_ffa_mem_reclaim (ffa.c:LINE) on the next line:\n%s",
				 r.cmd, r.out);
		faults++;
	}
	if (!faults)
		fail_msg("%s: no scenario faulted in EL2 here, so nothing checks the report:\n%s",
			 r.cmd, r.out);
	assert_has(&r, r.out, "backtrace: do_ffa_mem_reclaim <- kvm_host_ffa_handler",
		   "the text has a backtrace of function names");
	assert_true(g_file_get_contents(junit, &xml, NULL, NULL));
	assert_has(&r, xml, "in do_ffa_mem_reclaim (ffa.c:", "JUnit names the code");
	assert_true(g_file_get_contents(html, &page, NULL, NULL));
	assert_has(&r, page, "in do_ffa_mem_reclaim (ffa.c:", "the HTML page names the code");
	spawn_sim(&tap, NULL, "run", "-e", empty, "--tap",
		  "--filter", "reclaim-spmc-answers-bogus-emad-offset*",
		  "scenarios/memory/reclaim-spmc-descriptor.yaml", NULL);
	assert_has(&tap, tap.out, "#   in do_ffa_mem_reclaim (ffa.c:", "KTAP names the code");
	spawned_free(&tap);
	spawned_free(&r);
	unlink(junit);
	unlink(html);
	unlink(empty);
	g_free(page);
	g_free(xml);
	g_free(empty);
	g_free(html);
	g_free(junit);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warn_stops_the_machine),
		cmocka_unit_test(test_fault_names_the_code),
		cmocka_unit_test(test_continue_past_warn_is_labelled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
