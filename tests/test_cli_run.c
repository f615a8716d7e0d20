// SPDX-License-Identifier: GPL-2.0-only
/*
 * `ffa-sim run` end to end: the binary named by FFA_SIM_BIN runs the
 * fixture suite tests/cli/ (and tests/cli-broken/), and its exit status,
 * human text, KTAP and JUnit XML are checked; the machine-read outputs are
 * parsed back with tests/report_parse_util.c.  Run from the top of the
 * tree, as `make -f proxy/variant.mk unit` does.
 *
 * The fixture holds a scenario of each outcome.  Two things depend on
 * the variant: cli-only-64k is skipped unless the proxy is built for 64K
 * pages; the expectations file is the fixture's only one, which every
 * kernel series reaches by the fallback to the nearest older series.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

#include "tests/check_util.h"
#include "tests/report_parse_util.h"

#define FIXTURE		"tests/cli"
#define BROKEN		"tests/cli-broken"
#define BROKEN_DIAG	BROKEN "/unknown-key.yaml:7:5: unknown key 'expcet' (did you mean expect?)"
#define KNOWN_REASON	"the fixture expects endpoint ID 5"
#define XPASS_REASON	"the fixture lists a passing scenario"
#define CHANGED_REASON	"the fixture records another outcome"
#define CHANGED_FILE	FIXTURE "/outcomes/fails-differently.yaml"
#define WRONG_FILE	FIXTURE "/outcomes/wrong-register.yaml"
#define WRONG_DIFF	"w0: expected 1.0 (0x10000), got 1.1 (0x10001)"

enum outcome { O_PASS, O_FAIL, O_SKIP, O_KNOWN, O_XPASS, O_CHANGED };

struct fixture_scen {
	const char *id;
	enum outcome outcome;	/* O_SKIP: on every page size but 64K */
};

/* In the order the runner finds them: files sorted by path. */
static const struct fixture_scen fixture[] = {
	{ "cli-id-get", O_PASS },
	{ "cli-id-get-before-version", O_PASS },
	{ "cli-version", O_PASS },
	{ "cli-fails-differently", O_CHANGED },
	{ "cli-known-failure", O_KNOWN },
	{ "cli-listed-but-passes", O_XPASS },
	{ "cli-only-64k", O_SKIP },
	{ "cli-wrong-register", O_FAIL },
};

#define N_FIXTURE	G_N_ELEMENTS(fixture)

/* What `ffa-sim --version` says about the binary under test. */
static struct {
	const char *bin;
	char *variant;		/* "linux-7.3.4-4k" */
	char *series;		/* "7.3" */
	unsigned int page_kb;
	char *generation;	/* "hyp_smccc_1_2_smc, FF-A 1.2" */
	char *expectations;	/* the fixture's file for the generation */
} sim;

struct run {
	char *cmd;		/* for messages */
	int status;
	char *out, *err;
	char **lines;		/* of out, without the empty one at its end */
	unsigned int n;
};

static void run_free(struct run *r)
{
	g_free(r->cmd);
	g_free(r->out);
	g_free(r->err);
	g_strfreev(r->lines);
}

/* Run @argv; a crash or an unfinished last line fails the caller's line. */
static void run_argv_at(struct run *r, char **argv, const char *file,
			int line)
{
	GError *error = NULL;
	int wait_status;

	memset(r, 0, sizeof(*r));
	r->cmd = g_strjoinv(" ", argv);
	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
			  &r->out, &r->err, &wait_status, &error))
		fail_at(file, line, "%s: %s", r->cmd, error->message);
	if (!WIFEXITED(wait_status))
		fail_at(file, line, "%s: killed by signal %d, expected an exit: bad input never crashes the tool\n%s",
			r->cmd, WTERMSIG(wait_status), r->err);
	r->status = WEXITSTATUS(wait_status);
	if (*r->out && !g_str_has_suffix(r->out, "\n"))
		fail_at(file, line, "%s: the output does not end with a newline: a reader of lines would lose the last",
			r->cmd);
	r->lines = g_strsplit(r->out, "\n", -1);
	r->n = g_strv_length(r->lines);
	if (r->n) {
		r->n--;
		g_free(r->lines[r->n]);
		r->lines[r->n] = NULL;
	}
}

/* Run FFA_SIM_BIN with the arguments up to a NULL. */
#define ffa_sim(r, ...) ffa_sim_at(__FILE__, __LINE__, (r), __VA_ARGS__)

static void ffa_sim_at(const char *file, int line, struct run *r,
		       const char *arg, ...)
{
	GPtrArray *argv = g_ptr_array_new();
	va_list ap;

	g_ptr_array_add(argv, (char *)sim.bin);
	va_start(ap, arg);
	for (; arg; arg = va_arg(ap, const char *))
		g_ptr_array_add(argv, (char *)arg);
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	run_argv_at(r, (char **)argv->pdata, file, line);
	g_ptr_array_unref(argv);
}

/* The checks of a run, each at the caller's line. */
#define assert_status(r, want) \
	assert_status_at((r), (want), __FILE__, __LINE__)
#define assert_quiet(r) assert_quiet_at((r), __FILE__, __LINE__)
#define last_line(r) last_line_at((r), __FILE__, __LINE__)
#define line_index(r, want) line_index_at((r), (want), __FILE__, __LINE__)

static void assert_status_at(const struct run *r, int want, const char *file,
			     int line)
{
	if (r->status != want)
		fail_at(file, line, "%s: exit status %d, expected %d: scripts and CI read the status\n--- stdout\n%s--- stderr\n%s",
			r->cmd, r->status, want, r->out, r->err);
}

/* A clean run says nothing on stderr. */
static void assert_quiet_at(const struct run *r, const char *file, int line)
{
	if (*r->err)
		fail_at(file, line, "%s: expected nothing on stderr, which is for problems; got:\n%s",
			r->cmd, r->err);
}

static const char *last_line_at(const struct run *r, const char *file,
				int line)
{
	if (!r->n)
		fail_at(file, line, "%s: no output, expected at least the closing line",
			r->cmd);
	return r->lines[r->n - 1];
}

/* The index of the line @want, which must be there. */
static unsigned int line_index_at(const struct run *r, const char *want,
				  const char *file, int line)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->lines[i], want))
			return i;
	fail_at(file, line, "%s: no line '%s' in the output, whose details follow it\n%s",
		r->cmd, want, r->out);
}


/* ---- the fixture's outcomes on this variant ---- */

static enum outcome outcome_here(enum outcome o)
{
	return o == O_SKIP && sim.page_kb == 64 ? O_PASS : o;
}

static unsigned int count_here(enum outcome o)
{
	unsigned int i, n = 0;

	for (i = 0; i < N_FIXTURE; i++)
		n += outcome_here(fixture[i].outcome) == o;
	return n;
}

static char *skip_reason(void)
{
	return g_strdup_printf("needs a page size of 64K, this proxy is built for %uK",
			       sim.page_kb);
}

/*
 * The closing line, worked out here.  A listed scenario that passes is
 * fixed, not failed (the stale file makes the run red all the same).
 */
static char *closing_line(unsigned int passed, unsigned int failed,
			  unsigned int fixed, unsigned int skipped,
			  unsigned int known)
{
	GString *line = g_string_new(NULL);

	g_string_printf(line, "%u passed, %u failed", passed, failed);
	if (fixed)
		g_string_append_printf(line, ", %u fixed", fixed);
	if (skipped)
		g_string_append_printf(line, ", %u skipped", skipped);
	if (known)
		g_string_append_printf(line, ", %u known failure%s", known,
				       known == 1 ? "" : "s");
	return g_string_free(line, FALSE);
}

static char *fixture_closing_line(void)
{
	return closing_line(count_here(O_PASS),
			    count_here(O_FAIL) + count_here(O_CHANGED),
			    count_here(O_XPASS), count_here(O_SKIP),
			    count_here(O_KNOWN));
}

/*
 * The fixture has one expectations file per proxy generation, for series
 * older than any kernel ffa-sim builds: every variant takes the one of
 * its generation by the fallback, which says so loudly.
 */
static char *fallback_notice(void)
{
	return g_strdup_printf("NO EXPECTATIONS FOR LINUX %s: judged by %s, the nearest series of the same generation (%s); its reasons are that series', not this tree's: record this tree's with ffa-sim run --record-expectations " FIXTURE "/expectations/linux-%s.yaml",
			       sim.series, strrchr(sim.expectations, '/') + 1,
			       sim.generation, sim.series);
}

static char *expectations_notice(void)
{
	return g_strdup_printf("expectations: %s", sim.expectations);
}

static char *stale_notice(void)
{
	return g_strdup_printf("1 scenario listed as failing in %s passed on the tree the file describes: the file is stale (ffa-sim run --record-expectations %s drops them)",
			       sim.expectations, sim.expectations);
}

static char *unused_notice(void)
{
	return g_strdup_printf("%s lists 'cli-not-in-the-fixture', which did not run",
			       sim.expectations);
}

/* ---- human text ---- */

/* "note: " and @notice, at the caller's line. */
#define assert_note(got, notice) \
	assert_note_at((got), (notice), __FILE__, __LINE__)


static void assert_note_at(const char *got, const char *notice,
			   const char *file, int line)
{
	char *want = g_strconcat("note: ", notice, NULL);

	check_text_at("the notice", got, want,
		      "the notices follow the scenarios, in this order", file,
		      line);
	g_free(want);
}

static char *human_line(const struct fixture_scen *f)
{
	char *skip, *line;

	switch (outcome_here(f->outcome)) {
	case O_PASS:
		return g_strdup_printf("PASS  %s", f->id);
	case O_FAIL:
		return g_strdup_printf("FAIL  %s (" WRONG_FILE ":2)", f->id);
	case O_SKIP:
		skip = skip_reason();
		line = g_strdup_printf("SKIP  %s: %s", f->id, skip);
		g_free(skip);
		return line;
	case O_KNOWN:
		return g_strdup_printf("KNOWN %s: " KNOWN_REASON, f->id);
	case O_XPASS:
		return g_strdup_printf("XPASS %s: listed as failing (" XPASS_REASON ") but passed",
				       f->id);
	case O_CHANGED:
		return g_strdup_printf("FAIL  %s (" CHANGED_FILE ":2)", f->id);
	}
	return NULL;
}

/*
 * One line per scenario, in order, each followed by its indented details;
 * then the notices, then the closing line.
 */
#define assert_fixture_text(r) assert_fixture_text_at((r), __FILE__, __LINE__)

static void assert_fixture_text_at(const struct run *r, const char *file,
				   int line)
{
	char *notice = expectations_notice(), *unused = unused_notice();
	char *closing = fixture_closing_line(), *fallback = fallback_notice();
	char *stale = stale_notice();
	unsigned int i, at = 0;

	for (i = 0; i < N_FIXTURE; i++) {
		char *want = human_line(&fixture[i]);

		if (at >= r->n)
			fail_at(file, line, "%s: the output stops before '%s': every scenario has its line\n%s",
				r->cmd, want, r->out);
		check_text_at("the scenario's line", r->lines[at], want,
			      "one line per scenario, in the files' order",
			      file, line);
		g_free(want);
		for (at++; at < r->n && r->lines[at][0] == ' '; at++)
			;
	}
	check_int(r->n, at + 5,
		  "the scenarios, four notices and the closing line");
	assert_note_at(r->lines[at], fallback, file, line);
	assert_note_at(r->lines[at + 1], notice, file, line);
	assert_note_at(r->lines[at + 2], unused, file, line);
	assert_note_at(r->lines[at + 3], stale, file, line);
	check_text_at("the closing line", last_line_at(r, file, line), closing,
		      "the counts agree with the fixture's outcomes", file,
		      line);
	g_free(closing);
	g_free(fallback);
	g_free(stale);
	g_free(unused);
	g_free(notice);
}

static void test_human(void **state)
{
	struct run r;
	unsigned int i;

	(void)state;
	ffa_sim(&r, "run", FIXTURE, NULL);
	assert_status(&r, 1);
	assert_quiet(&r);
	assert_fixture_text(&r);
	/* The failure's details: where, which step, what differed. */
	i = line_index(&r, "FAIL  cli-wrong-register (" WRONG_FILE ":2)");
	assert_string_equal(r.lines[i + 1],
			    "      " WRONG_FILE ":6: step 1 (call FFA_VERSION):");
	assert_string_equal(g_strstrip(r.lines[i + 2]), WRONG_DIFF);
	/* A listed failure of another outcome shows both. */
	i = line_index(&r, "FAIL  cli-fails-differently (" CHANGED_FILE ":2)");
	assert_string_equal(r.lines[i + 1],
			    "      fails differently than recorded (" CHANGED_REASON ")");
	assert_string_equal(r.lines[i + 2],
			    "        recorded: step 2 (call FFA_ID_GET): w2: expected 0x7, got 0x1");
	assert_string_equal(r.lines[i + 3],
			    "        now: step 2 (call FFA_ID_GET): w2: expected 0x7, got 0");
	run_free(&r);
}

/* ---- KTAP ---- */

/* The KTAP test @t reports the fixture scenario @f as it ends here. */
#define assert_ktap_test(t, f) assert_ktap_test_at((t), (f), __FILE__, __LINE__)

static void assert_ktap_test_at(const struct ktap_test *t,
				const struct fixture_scen *f,
				const char *file, int line)
{
	const char *why = "KTAP readers see the outcome the text shows";
	char *skip;

	check_text_at("the KTAP test's name", t->name, f->id,
		      "one KTAP test per scenario, in the files' order", file,
		      line);
	switch (outcome_here(f->outcome)) {
	case O_PASS:
		check_int(ktap_outcome(t), KTAP_PASS, why);
		check_text_at(f->id, t->directive, NULL, why, file, line);
		break;
	case O_FAIL:
		check_int(ktap_outcome(t), KTAP_FAIL, why);
		check_text_at(f->id, t->directive, NULL, why, file, line);
		check_true(ktap_has_diag(t, "  " WRONG_DIFF),
			   "a failure's diagnostic says what differed");
		break;
	case O_SKIP:
		check_int(ktap_outcome(t), KTAP_SKIP, why);
		skip = skip_reason();
		check_text_at(f->id, t->reason, skip, "a skip says why", file,
			      line);
		g_free(skip);
		break;
	case O_KNOWN:
		check_int(ktap_outcome(t), KTAP_XFAIL, why);
		check_text_at(f->id, t->reason, KNOWN_REASON,
			      "a known failure gives the recorded reason",
			      file, line);
		break;
	case O_XPASS:
		check_int(ktap_outcome(t), KTAP_FAIL, why);
		check_true(ktap_has_diag(t, "listed as failing (" XPASS_REASON ") but passed"),
			   "an unexpected pass names the stale listing");
		break;
	case O_CHANGED:
		check_int(ktap_outcome(t), KTAP_FAIL, why);
		check_true(ktap_has_diag(t, "fails differently than recorded (" CHANGED_REASON ")"),
			   "a changed failure names the recorded one");
		break;
	}
}

static void test_tap(void **state)
{
	GPtrArray *tail = g_ptr_array_new_with_free_func(g_free);
	char *notice = expectations_notice(), *unused = unused_notice();
	char *closing = fixture_closing_line(), *stale;
	GPtrArray *tests;
	unsigned int i;
	struct run r;

	(void)state;
	stale = stale_notice();
	ffa_sim(&r, "run", "--tap", FIXTURE, NULL);
	assert_status(&r, 1);
	assert_quiet(&r);
	tests = ktap_parse(r.out, tail);
	assert_int_equal(tests->len, N_FIXTURE);
	for (i = 0; i < N_FIXTURE; i++)
		assert_ktap_test(ktap_at(tests, i), &fixture[i]);
	ktap_assert_counts(tests, count_here(O_PASS),
			   count_here(O_FAIL) + count_here(O_XPASS) +
			   count_here(O_CHANGED),
			   count_here(O_SKIP), count_here(O_KNOWN));
	/*
	 * KTAP streams: the notices known at the start come before the
	 * first test; one known only at the end (an expectation that did
	 * not run) comes after the last, then the summary.
	 */
	assert_true(ktap_has_diag(ktap_at(tests, 0), notice));
	assert_int_equal(tail->len, 3);
	assert_string_equal(g_ptr_array_index(tail, 0), unused);
	assert_string_equal(g_ptr_array_index(tail, 1), stale);
	assert_string_equal(g_ptr_array_index(tail, 2), closing);
	g_free(stale);
	g_ptr_array_unref(tests);
	g_ptr_array_unref(tail);
	g_free(closing);
	g_free(unused);
	g_free(notice);
	run_free(&r);
}

/* ---- JUnit ---- */

/* The JUnit case @c reports the fixture scenario @f as it ends here. */
#define assert_junit_case(c, f) \
	assert_junit_case_at((c), (f), __FILE__, __LINE__)

static void assert_junit_case_at(struct junit_case *c,
				 const struct fixture_scen *f,
				 const char *file, int line)
{
	const char *why = "CI reads the outcome from JUnit";
	const char *got = junit_attr_at(c->attrs, "name", file, line);
	char *skip;

	check_text_at("the JUnit case's name", got, f->id, "one case per scenario, in the files' order",
		      file, line);
	switch (outcome_here(f->outcome)) {
	case O_PASS:
		check_text_at(f->id, c->kind, NULL, why, file, line);
		break;
	case O_FAIL:
		check_text_at(f->id, c->kind, "failure", why, file, line);
		check_has_at(f->id, c->body->str, WRONG_DIFF,
			     "a failure's body says what differed", file,
			     line);
		break;
	case O_SKIP:
		check_text_at(f->id, c->kind, "skipped", why, file, line);
		skip = skip_reason();
		got = junit_attr_at(c->kind_attrs, "message", file, line);
		check_text_at(f->id, got, skip, "a skip says why", file, line);
		g_free(skip);
		break;
	case O_KNOWN:
		check_text_at(f->id, c->kind, "skipped", why, file, line);
		got = junit_attr_at(c->kind_attrs, "message", file, line);
		check_text_at(f->id, got, "known failure: " KNOWN_REASON,
			      "a known failure gives the recorded reason",
			      file, line);
		break;
	case O_XPASS:
		check_text_at(f->id, c->kind, "failure", why, file, line);
		got = junit_attr_at(c->kind_attrs, "type", file, line);
		check_text_at(f->id, got, "unexpected-pass",
			      "the type tells a stale listing apart", file,
			      line);
		break;
	case O_CHANGED:
		check_text_at(f->id, c->kind, "failure", why, file, line);
		got = junit_attr_at(c->kind_attrs, "type", file, line);
		check_text_at(f->id, got, "fails-differently",
			      "the type tells a changed failure apart", file,
			      line);
		break;
	}
}

static void test_junit(void **state)
{
	char *path = junit_temp_path(), *notice = expectations_notice();
	char *unused = unused_notice(), *closing = fixture_closing_line();
	struct junit_doc d;
	unsigned int i;
	struct run r;

	(void)state;
	ffa_sim(&r, "run", "--junit", path, FIXTURE, NULL);
	assert_status(&r, 1);
	assert_quiet(&r);
	/* The human text still goes to stdout. */
	assert_string_equal(last_line(&r), closing);
	junit_parse_file(path, &d);
	assert_int_equal(d.cases->len, N_FIXTURE);
	for (i = 0; i < N_FIXTURE; i++)
		assert_junit_case(junit_at(&d, i), &fixture[i]);
	junit_assert_counts(d.suites_attrs, &d);
	junit_assert_counts(d.suite_attrs, &d);
	assert_int_equal(junit_count_kind(&d, "failure"),
			 count_here(O_FAIL) + count_here(O_XPASS) +
			 count_here(O_CHANGED));
	assert_int_equal(junit_count_kind(&d, "error"), 0);
	assert_int_equal(junit_count_kind(&d, "skipped"),
			 count_here(O_SKIP) + count_here(O_KNOWN));
	assert_string_equal(junit_attr(d.suite_attrs, "name"), sim.variant);
	assert_int_equal(d.notices->len, 4);
	assert_string_equal(g_ptr_array_index(d.notices, 1), notice);
	assert_string_equal(g_ptr_array_index(d.notices, 2), unused);
	junit_doc_free(&d);
	unlink(path);
	run_free(&r);
	g_free(closing);
	g_free(unused);
	g_free(notice);
	g_free(path);
}

static void test_junit_unwritable(void **state)
{
	struct run r;

	(void)state;
	ffa_sim(&r, "run", "--junit", "/nonexistent-dir/report.xml",
		"--filter", "cli-version", FIXTURE, NULL);
	assert_status(&r, 2);
	assert_non_null(strstr(r.err, "/nonexistent-dir/report.xml"));
	run_free(&r);
}

/* ---- exit status ---- */

/* Exit status 0 exactly when every outcome is the one expected. */
static void test_exit_status_by_outcome(void **state)
{
	static const struct {
		const char *filter;
		enum outcome outcome;
		unsigned int n;
	} cases[] = {
		{ "tag:smoke", O_PASS, 3 },
		{ "cli-wrong-register", O_FAIL, 1 },
		{ "cli-only-64k", O_SKIP, 1 },
		{ "cli-known-failure", O_KNOWN, 1 },
		{ "cli-listed-but-passes", O_XPASS, 1 },
		{ "cli-fails-differently", O_CHANGED, 1 },
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		enum outcome o = outcome_here(cases[i].outcome);
		unsigned int n = cases[i].n;
		bool red = o == O_FAIL || o == O_XPASS || o == O_CHANGED;
		char *want = closing_line(o == O_PASS ? n : 0,
					  o == O_FAIL || o == O_CHANGED ? n : 0,
					  o == O_XPASS ? n : 0,
					  o == O_SKIP ? n : 0,
					  o == O_KNOWN ? n : 0);
		struct run r;

		ffa_sim(&r, "run", "--filter", cases[i].filter, FIXTURE,
			NULL);
		assert_status(&r, red);
		assert_quiet(&r);
		assert_string_equal(last_line(&r), want);
		run_free(&r);
		g_free(want);
	}
}

/* ---- selection ---- */

/* `run --list [ARG...] tests/cli` names exactly @want, in order. */
#define assert_list(args, want) \
	assert_list_at((args), (want), __FILE__, __LINE__)


static void assert_list_at(const char *const *args, const char *const *want,
			   const char *file, int line)
{
	GPtrArray *argv = g_ptr_array_new();
	unsigned int i, n = want ? g_strv_length((char **)want) : 0;
	char *count;
	struct run r;

	g_ptr_array_add(argv, (char *)sim.bin);
	g_ptr_array_add(argv, "run");
	g_ptr_array_add(argv, "--list");
	for (; args && *args; args++)
		g_ptr_array_add(argv, (char *)*args);
	g_ptr_array_add(argv, FIXTURE);
	g_ptr_array_add(argv, NULL);
	run_argv_at(&r, (char **)argv->pdata, file, line);
	assert_status_at(&r, 0, file, line);
	assert_quiet_at(&r, file, line);
	if (r.n != n + 1)
		fail_at(file, line, "%s: %u lines, expected %u scenarios and the count: the selection is exact\n%s",
			r.cmd, r.n, n, r.out);
	for (i = 0; i < n; i++) {
		char *prefix = g_strdup_printf("%s  " FIXTURE "/", want[i]);

		if (!g_str_has_prefix(r.lines[i], prefix))
			fail_at(file, line, "%s: line %u is '%s', expected %s: the list is in the files' order",
				r.cmd, i + 1, r.lines[i], want[i]);
		g_free(prefix);
	}
	count = g_strdup_printf("%u scenario%s", n, n == 1 ? "" : "s");
	check_text_at("the list's last line", last_line_at(&r, file, line),
		      count, "the count agrees with the lines", file, line);
	g_free(count);
	g_ptr_array_unref(argv);
	run_free(&r);
}

#define ARGS(...)	((const char *const[]){ __VA_ARGS__, NULL })

static void test_list_and_filters(void **state)
{
	const char *all[N_FIXTURE + 1] = { NULL };
	struct run r;
	unsigned int i;

	(void)state;
	for (i = 0; i < N_FIXTURE; i++)
		all[i] = fixture[i].id;
	assert_list(NULL, all);
	/* A name pattern is a glob over the whole name, or a substring. */
	assert_list(ARGS("--filter", "cli-id-get"),
		    ARGS("cli-id-get", "cli-id-get-before-version"));
	assert_list(ARGS("--filter", "cli-*-register"),
		    ARGS("cli-wrong-register"));
	assert_list(ARGS("-f", "cli-version"), ARGS("cli-version"));
	assert_list(ARGS("--filter", "tag:smoke"),
		    ARGS("cli-id-get", "cli-id-get-before-version",
			 "cli-version"));
	assert_list(ARGS("--filter", "tag:page-size"), ARGS("cli-only-64k"));
	assert_list(ARGS("--filter", "tag:re*"),
		    ARGS("cli-id-get-before-version"));
	/*
	 * A tag is matched whole, not as a substring: "tag:smok" selects
	 * nothing, which is an error (test_cli_bounds.c has the message).
	 */
	ffa_sim(&r, "run", "--list", "--filter", "tag:smok", FIXTURE, NULL);
	assert_status(&r, 2);
	run_free(&r);
	/* Filters add up, and the order stays the files' order. */
	assert_list(ARGS("--filter", "cli-version", "--filter", "tag:id"),
		    ARGS("cli-id-get", "cli-id-get-before-version",
			 "cli-version", "cli-known-failure"));
}

/* The selection that --list shows is the one that runs. */
static void test_filter_runs_the_selection(void **state)
{
	struct run r;

	(void)state;
	ffa_sim(&r, "run", "--filter", "cli-id-get", FIXTURE, NULL);
	assert_status(&r, 0);
	/* Two scenarios, the expectations file and its fallback, the total. */
	assert_int_equal(r.n, 5);
	assert_string_equal(r.lines[0], "PASS  cli-id-get");
	assert_string_equal(r.lines[1], "PASS  cli-id-get-before-version");
	assert_string_equal(last_line(&r), "2 passed, 0 failed");
	run_free(&r);
}

/* ---- broken files and bad command lines ---- */

static void test_broken_file(void **state)
{
	GPtrArray *tests;
	struct run r;

	(void)state;
	ffa_sim(&r, "run", BROKEN, NULL);
	assert_status(&r, 1);
	assert_quiet(&r);
	line_index(&r, "      " BROKEN_DIAG);
	/* The other file of the folder still runs. */
	line_index(&r, "PASS  cli-broken-neighbour");
	line_index(&r, "note: no expectations folder found: every failure counts");
	assert_string_equal(last_line(&r), "1 passed, 1 failed");
	run_free(&r);

	ffa_sim(&r, "run", "--tap", BROKEN, NULL);
	assert_status(&r, 1);
	tests = ktap_parse(r.out, NULL);
	assert_int_equal(tests->len, 2);
	assert_int_equal(ktap_outcome(ktap_at(tests, 0)), KTAP_FAIL);
	assert_true(ktap_has_diag(ktap_at(tests, 0), BROKEN_DIAG));
	assert_int_equal(ktap_outcome(ktap_at(tests, 1)), KTAP_PASS);
	g_ptr_array_unref(tests);
	run_free(&r);

	ffa_sim(&r, "run", "--list", BROKEN, NULL);
	assert_status(&r, 1);
	run_free(&r);
}

static void test_bad_command_lines(void **state)
{
	struct run r;

	(void)state;
	ffa_sim(&r, "run", "tests/no-such-folder", NULL);
	assert_status(&r, 2);
	assert_string_equal(r.err,
			    "ffa-sim: tests/no-such-folder: no such file or folder\n");
	assert_string_equal(r.out, "");
	run_free(&r);

	ffa_sim(&r, "run", FIXTURE, "tests/no-such-file.yaml", NULL);
	assert_status(&r, 2);
	assert_non_null(strstr(r.err, "tests/no-such-file.yaml"));
	assert_string_equal(r.out, "");
	run_free(&r);

	ffa_sim(&r, "run", "--no-such-option", FIXTURE, NULL);
	assert_status(&r, 2);
	assert_non_null(strstr(r.err, "--no-such-option"));
	assert_string_equal(r.out, "");
	run_free(&r);

	ffa_sim(&r, "run", FIXTURE, "-j", NULL);
	assert_status(&r, 2);
	assert_non_null(strstr(r.err, "-j"));
	run_free(&r);

	/* An EL3's file is another variant's: said before the run. */
	ffa_sim(&r, "run", "--record-expectations",
		"tests/no-such-folder/tf-a-0.1.yaml", FIXTURE, NULL);
	assert_status(&r, 2);
	if (!strstr(r.err, "--record-expectations tests/no-such-folder/tf-a-0.1.yaml: ") ||
	    !strstr(r.err, "an EL3's file") == !strstr(r.err, "whose file is tf-a-"))
		fail_msg("expected why tf-a-0.1.yaml is not this variant's to write, got: %s",
			 r.err);
	assert_string_equal(r.out, "");
	run_free(&r);
}

/*
 * --record-expectations: failures are what the file is for, so the exit
 * status says whether it was written, not whether the run was green; a
 * file that cannot be written is said before the run, with status 2.
 */
static void test_record_expectations_status(void **state)
{
	char *dir = g_dir_make_tmp("ffa-sim-record-XXXXXX", NULL);
	char *name = g_strdup_printf("linux-%s.yaml", sim.series);
	char *file = g_build_filename(dir, name, NULL);
	char *missing = g_build_filename(dir, "no-such-folder", name, NULL);
	char *wrote = g_strdup_printf("wrote %s: ", file);
	char *said = g_strdup_printf("ffa-sim run: --record-expectations %s: no folder ",
				     missing);
	struct run r;

	(void)state;
	assert_non_null(dir);
	/* The fixture's run is red: the recording's status is not its. */
	ffa_sim(&r, "run", FIXTURE, NULL);
	assert_status(&r, 1);
	run_free(&r);

	ffa_sim(&r, "run", "--record-expectations", file, FIXTURE, NULL);
	assert_status(&r, 0);
	if (!g_file_test(file, G_FILE_TEST_IS_REGULAR))
		fail_msg("%s: status 0 but no %s: 0 must mean the file was written",
			 r.cmd, file);
	if (!strstr(r.out, wrote))
		fail_msg("%s: expected \"%s...\" on stdout, got:\n%s", r.cmd,
			 wrote, r.out);
	run_free(&r);

	ffa_sim(&r, "run", "--record-expectations", missing, FIXTURE, NULL);
	assert_status(&r, 2);
	if (!g_str_has_prefix(r.err, said))
		fail_msg("%s: expected stderr to start \"%s\": why the file cannot be written, got:\n%s",
			 r.cmd, said, r.err);
	if (*r.out)
		fail_msg("%s: expected no output: a file that cannot be written is said before the run, got:\n%s",
			 r.cmd, r.out);
	run_free(&r);

	unlink(file);
	rmdir(dir);
	g_free(said);
	g_free(wrote);
	g_free(missing);
	g_free(file);
	g_free(name);
	g_free(dir);
}

/* ---- --no-isolation ---- */

static void test_no_isolation_needs_one(void **state)
{
	struct run r;

	(void)state;
	ffa_sim(&r, "run", "--no-isolation", FIXTURE, NULL);
	assert_status(&r, 2);
	assert_string_equal(r.err,
			    "ffa-sim run: --no-isolation runs one scenario, 8 selected: narrow it with --filter\n");
	assert_string_equal(r.out, "");
	run_free(&r);

	ffa_sim(&r, "run", "--no-isolation", "--filter", "tag:id", FIXTURE,
		NULL);
	assert_status(&r, 2);
	assert_non_null(strstr(r.err, "3 selected"));
	run_free(&r);

	ffa_sim(&r, "run", "--no-isolation", "--filter", "no-such-scenario",
		FIXTURE, NULL);
	assert_status(&r, 2);
	assert_non_null(strstr(r.err, "matches no scenario"));
	run_free(&r);
}

/*
 * In this process or in a child, one scenario reads the same, trace
 * included; its exit status is the run's verdict.
 */
static void test_no_isolation_one(void **state)
{
	static const struct {
		const char *id;
		const char *line;
		int status;
	} cases[] = {
		{ "cli-version", "PASS  cli-version", 0 },
		{ "cli-wrong-register", "FAIL  cli-wrong-register (" WRONG_FILE ":2)", 1 },
		{ "cli-known-failure", "KNOWN cli-known-failure: " KNOWN_REASON, 0 },
	};
	char *notice = expectations_notice();
	unsigned int i;

	(void)state;
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct run in, iso;

		ffa_sim(&in, "run", "--no-isolation", "--filter", cases[i].id,
			FIXTURE, NULL);
		assert_status(&in, cases[i].status);
		assert_quiet(&in);
		assert_string_equal(in.lines[0], cases[i].line);
		assert_note(in.lines[in.n - 2], notice);
		run_free(&in);

		ffa_sim(&in, "run", "--no-isolation", "--trace", "--filter",
			cases[i].id, FIXTURE, NULL);
		ffa_sim(&iso, "run", "--trace", "--filter", cases[i].id,
			FIXTURE, NULL);
		assert_status(&in, cases[i].status);
		assert_status(&iso, cases[i].status);
		assert_string_equal(in.out, iso.out);
		run_free(&iso);
		run_free(&in);
	}
	g_free(notice);
}

/* ---- jobs ---- */

/* The fixture with -j @jobs; its one failure makes the status 1. */
#define run_jobs(r, jobs, tap) \
	run_jobs_at((r), (jobs), (tap), __FILE__, __LINE__)

static void run_jobs_at(struct run *r, const char *jobs, bool tap,
			const char *file, int line)
{
	if (tap)
		ffa_sim_at(file, line, r, "run", "-j", jobs, "--tap", FIXTURE,
			   NULL);
	else
		ffa_sim_at(file, line, r, "run", "-j", jobs, FIXTURE, NULL);
	assert_status_at(r, 1, file, line);
	assert_quiet_at(r, file, line);
}

/* Scenarios finish in any order; they are reported in the files' order. */
static void test_jobs_same_order(void **state)
{
	unsigned int round, tap;

	(void)state;
	for (tap = 0; tap < 2; tap++) {
		struct run one;

		run_jobs(&one, "1", tap);
		for (round = 0; round < 3; round++) {
			struct run three;

			run_jobs(&three, "3", tap);
			assert_string_equal(three.out, one.out);
			run_free(&three);
		}
		if (!tap)
			assert_fixture_text(&one);
		run_free(&one);
	}
}

/*
 * -j beyond what the machine can use runs at the cap and says so, with
 * the same results; -j 0 is refused; a fresh process per scenario
 * (--worker-scenarios 1) changes nothing either.
 */
static void test_jobs_capped_and_checked(void **state)
{
	struct run one, many, fresh, zero;
	char *note;

	(void)state;
	run_jobs(&one, "1", false);
	ffa_sim(&many, "run", "-j", "100000", FIXTURE, NULL);
	assert_status(&many, 1);
	note = strstr(many.out, "-j 100000: ran ");
	if (!note)
		fail_msg("%s: no word of running fewer at once than asked:\n%s",
			 many.cmd, many.out);
	ffa_sim(&fresh, "run", "--worker-scenarios", "1", FIXTURE, NULL);
	assert_status(&fresh, 1);
	assert_string_equal(fresh.out, one.out);
	ffa_sim(&zero, "run", "-j", "0", FIXTURE, NULL);
	assert_status(&zero, 2);
	if (!strstr(zero.err, "--jobs 0: expected 1 or more"))
		fail_msg("%s: -j 0 must be refused with a reason, stderr was:\n%s",
			 zero.cmd, zero.err);
	run_free(&one);
	run_free(&many);
	run_free(&fresh);
	run_free(&zero);
}

/* ---- the binary under test ---- */

static int read_version(void)
{
	unsigned int major, minor, i;
	struct run r;
	int ret = -1;

	ffa_sim(&r, "--version", NULL);
	for (i = 0; i < r.n; i++) {
		const char *l = r.lines[i];

		if (g_str_has_prefix(l, "ffa-sim "))
			sim.variant = g_strdup(l + strlen("ffa-sim "));
		else if (sscanf(l, "kernel: Linux %u.%u", &major, &minor) == 2)
			sim.series = g_strdup_printf("%u.%u", major, minor);
		else if (g_str_has_prefix(l, "proxy generation: "))
			sim.generation = g_strdup(l + strlen("proxy generation: "));
		else
			sscanf(l, "page size: %uK", &sim.page_kb);
	}
	if (r.status || !sim.variant || !sim.series || !sim.page_kb ||
	    !sim.generation) {
		fprintf(stderr, "%s --version: unexpected output (status %d):\n%s%s",
			sim.bin, r.status, r.out, r.err);
		goto out;
	}
	sim.expectations = g_strdup(strstr(sim.generation, "1_1") ?
				    FIXTURE "/expectations/linux-1.0.yaml" :
				    FIXTURE "/expectations/linux-1.1.yaml");
	if (!g_file_test(sim.expectations, G_FILE_TEST_IS_REGULAR)) {
		fprintf(stderr, "%s is missing\n", sim.expectations);
		goto out;
	}
	ret = 0;
out:
	run_free(&r);
	return ret;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_human),
		cmocka_unit_test(test_tap),
		cmocka_unit_test(test_junit),
		cmocka_unit_test(test_junit_unwritable),
		cmocka_unit_test(test_exit_status_by_outcome),
		cmocka_unit_test(test_list_and_filters),
		cmocka_unit_test(test_filter_runs_the_selection),
		cmocka_unit_test(test_broken_file),
		cmocka_unit_test(test_bad_command_lines),
		cmocka_unit_test(test_record_expectations_status),
		cmocka_unit_test(test_no_isolation_needs_one),
		cmocka_unit_test(test_no_isolation_one),
		cmocka_unit_test(test_jobs_same_order),
		cmocka_unit_test(test_jobs_capped_and_checked),
	};
	int ret;

	sim.bin = g_getenv("FFA_SIM_BIN");
	if (!sim.bin || !*sim.bin) {
		fprintf(stderr, "test_cli_run: FFA_SIM_BIN is not set: it must name the ffa-sim binary to test (make -f proxy/variant.mk unit sets it), and the tests run from the top of the tree\n");
		return 1;
	}
	if (!g_file_test(FIXTURE, G_FILE_TEST_IS_DIR)) {
		fprintf(stderr, "test_cli_run: no %s here: run from the top of the tree\n",
			FIXTURE);
		return 1;
	}
	if (read_version())
		return 1;
	ret = cmocka_run_group_tests(tests, NULL, NULL);
	g_free(sim.variant);
	g_free(sim.series);
	g_free(sim.expectations);
	return ret;
}
