// SPDX-License-Identifier: GPL-2.0-only
/*
 * KTAP version 1 (Documentation/dev-tools/ktap.rst), shaped the way KUnit
 * prints it so that the kernel's own parser (kunit.py parse) reads it: a
 * scenario is a test whose subtests are its steps.
 *
 * Parsers of KTAP count the leaves of the tree, not the parents (KUnit's
 * bubbles results up from the subtests and looks at a parent's own line
 * only when it has none).  So every verdict has to be visible at the step
 * level too, which is what tap_step_line() and the closing check are for.
 */
#include "sim/view/report.h"

/* The spec's example indents by two; KUnit prints four, and so do we. */
#define KTAP_INDENT "    "

/* A description runs up to the first '#': anything after it is a directive. */
static char *ktap_name(const char *text)
{
	char *name = report_one_line(text);

	g_strdelimit(name, "#", '_');
	return name;
}

/* " # DIRECTIVE reason", the reason only if there is one. */
static void tap_directive(FILE *out, const char *directive, const char *reason)
{
	char *clean = report_one_line(reason);

	fprintf(out, " # %s%s%s", directive, *clean ? " " : "", clean);
	g_free(clean);
}

/*
 * A driver: step's answer to its client (return code, handle, payload) as
 * a diagnostic line: the verdict alone would not say what a client of
 * Linux's FF-A driver saw.  It comes before the step's result line, where
 * KUnit puts a test's diagnostics.
 */
static void tap_client_got(FILE *out, const struct scen_step_result *step)
{
	char *got;

	if (!step->got)
		return;
	got = report_one_line(step->got);
	fprintf(out, KTAP_INDENT "# the client got %s\n", got);
	g_free(got);
}

/*
 * A known failure's failing steps are "ok # XFAIL": XFAIL is KTAP's own
 * "expected to fail" directive, and a parser that does not know it falls
 * back to the "ok", so either way the run is not counted as failing.  TODO
 * would mean the same in TAP 13, but KTAP lists it as not recognised, and
 * falling back to "not ok" would turn the run red.
 */
static void tap_step_line(FILE *out, unsigned int n,
			  const struct scen_step_result *step,
			  enum scen_verdict verdict)
{
	char *title = ktap_name(step->title);
	bool known = verdict == VERDICT_KNOWN_FAIL && !step->ok;

	tap_client_got(out, step);
	fprintf(out, KTAP_INDENT "%s %u %s",
		step->ok || known || verdict == VERDICT_SKIP ? "ok" : "not ok",
		n, title);
	if (verdict == VERDICT_SKIP)
		tap_directive(out, "SKIP", NULL);
	else if (known)
		tap_directive(out, "XFAIL", NULL);
	fputc('\n', out);
	g_free(title);
}

static bool any_step_failed(const struct scen_result *r)
{
	unsigned int i;

	for (i = 0; i < r->steps->len; i++)
		if (!g_array_index(r->steps, struct scen_step_result, i).ok)
			return true;
	return false;
}

/*
 * A red scenario whose steps all passed (an unexpected pass, a broken
 * invariant after the last step, a crash between steps) gets one more
 * subtest that fails, named after what failed.  Without it, a parser
 * counting leaves would see only passes.
 */
static const char *closing_check(const struct scen_result *r)
{
	if (!r->steps->len || !scen_verdict_is_failure(r->verdict) ||
	    any_step_failed(r))
		return NULL;
	if (r->verdict == VERDICT_UNEXPECTED_PASS)
		return "expectations file";
	if (r->verdict == VERDICT_FAILS_DIFFERENTLY)
		return "fails as recorded";
	if (r->status == SCEN_CRASH)
		return "crash";
	return "scenario checks";
}

/*
 * The steps after a failure did not run: they are listed as skipped, so
 * the plan counts every step of the scenario and none vanishes.
 */
static void tap_unreached(FILE *out, unsigned int n, const char *title)
{
	char *name = ktap_name(title);

	fprintf(out, KTAP_INDENT "ok %u %s", n, name);
	tap_directive(out, "SKIP", "not reached");
	fputc('\n', out);
	g_free(name);
}

static void tap_steps(FILE *out, const struct scen_result *r,
		      const char *name)
{
	const char *extra = closing_check(r);
	unsigned int i, n = r->steps->len, unreached = r->unreached->len;

	if (!n && !unreached)
		return;
	fprintf(out, KTAP_INDENT "KTAP version 1\n");
	fprintf(out, KTAP_INDENT "# Subtest: %s\n", name);
	fprintf(out, KTAP_INDENT "1..%u\n", n + unreached + !!extra);
	for (i = 0; i < n; i++)
		tap_step_line(out, i + 1,
			      &g_array_index(r->steps, struct scen_step_result,
					     i),
			      r->verdict);
	for (i = 0; i < unreached; i++)
		tap_unreached(out, n + i + 1, r->unreached->pdata[i]);
	if (extra)
		fprintf(out, KTAP_INDENT "not ok %u %s\n",
			n + unreached + 1, extra);
}

static void tap_diagnostics(FILE *out, const struct scen_result *r)
{
	char *note = report_verdict_note(r), *both;

	report_lines(out, "# ", r->trace);
	switch (r->verdict) {
	case VERDICT_SKIP:
		break;	/* the reason goes with the directive */
	case VERDICT_UNEXPECTED_PASS:
	case VERDICT_FIXED:
		report_lines(out, "# ", note);
		break;
	case VERDICT_FAILS_DIFFERENTLY:
		both = report_outcomes_text(r);
		report_lines(out, "# ", note);
		report_lines(out, "#   ", both);
		report_lines(out, "# ", r->message);
		g_free(both);
		break;
	default:
		report_lines(out, "# ", r->message);
		break;
	}
	g_free(note);
}

static void tap_known(FILE *out, const struct scen_result *r)
{
	char *note = report_verdict_note(r);

	tap_directive(out, "XFAIL", note);
	g_free(note);
}

/*
 * The same XFAIL for the scenario of a known failure.  A skip is "ok":
 * KTAP allows either, and "ok" is what no parser can count as a failure.
 * A crash is "not ok # ERROR", KTAP's directive for a test that could not
 * run to its end.
 */
static void tap_result_line(FILE *out, unsigned int n,
			    const struct scen_result *r, const char *name)
{
	bool red = scen_verdict_is_failure(r->verdict);

	fprintf(out, "%s %u %s", red ? "not ok" : "ok", n, name);
	if (r->verdict == VERDICT_SKIP)
		tap_directive(out, "SKIP", r->message);
	else if (r->verdict == VERDICT_KNOWN_FAIL)
		tap_known(out, r);
	else if (r->verdict == VERDICT_FAIL && r->status == SCEN_CRASH)
		tap_directive(out, "ERROR", "crashed");
	fputc('\n', out);
}

void report_tap_begin(FILE *out, unsigned int planned,
		      const struct run_summary *s)
{
	unsigned int i;

	fprintf(out, "KTAP version 1\n1..%u\n", planned);
	for (i = 0; i < s->notices->len; i++)
		report_lines(out, "# ", g_ptr_array_index(s->notices, i));
}

void report_tap_result(FILE *out, unsigned int n, const struct scen_result *r)
{
	char *name = ktap_name(r->id);

	tap_steps(out, r, name);
	tap_diagnostics(out, r);
	tap_result_line(out, n, r, name);
	g_free(name);
}

void report_tap_end(FILE *out, const struct run_summary *s,
		    unsigned int notices_printed)
{
	char *line = run_summary_line(s);
	unsigned int i;

	for (i = notices_printed; i < s->notices->len; i++)
		report_lines(out, "# ", g_ptr_array_index(s->notices, i));
	fprintf(out, "# %s\n", line);
	g_free(line);
}

void report_tap(FILE *out, const struct run_summary *s)
{
	unsigned int i;

	report_tap_begin(out, s->results->len, s);
	for (i = 0; i < s->results->len; i++)
		report_tap_result(out, i + 1, g_ptr_array_index(s->results, i));
	report_tap_end(out, s, s->notices->len);
}
