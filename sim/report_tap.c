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
#include "sim/report.h"

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
	if (r->status == SCEN_CRASH)
		return "crash";
	return "scenario checks";
}

static void tap_steps(FILE *out, const struct scen_result *r,
		      const char *name)
{
	const char *extra = closing_check(r);
	unsigned int i, n = r->steps->len;

	if (!n)
		return;
	fprintf(out, KTAP_INDENT "KTAP version 1\n");
	fprintf(out, KTAP_INDENT "# Subtest: %s\n", name);
	fprintf(out, KTAP_INDENT "1..%u\n", n + !!extra);
	for (i = 0; i < n; i++)
		tap_step_line(out, i + 1,
			      &g_array_index(r->steps, struct scen_step_result,
					     i),
			      r->verdict);
	if (extra)
		fprintf(out, KTAP_INDENT "not ok %u %s\n", n + 1, extra);
}

static void tap_diagnostics(FILE *out, const struct scen_result *r)
{
	char *xpass;

	report_lines(out, "# ", r->trace);
	switch (r->verdict) {
	case VERDICT_SKIP:
		break;	/* the reason goes with the directive */
	case VERDICT_UNEXPECTED_PASS:
		xpass = report_xpass_text(r);
		report_lines(out, "# ", xpass);
		g_free(xpass);
		break;
	default:
		report_lines(out, "# ", r->message);
		break;
	}
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
		tap_directive(out, "XFAIL", r->known_reason);
	else if (r->verdict == VERDICT_FAIL && r->status == SCEN_CRASH)
		tap_directive(out, "ERROR", "crashed");
	fputc('\n', out);
}

void report_tap(FILE *out, const struct run_summary *s)
{
	char *line = run_summary_line(s);
	unsigned int i;

	fprintf(out, "KTAP version 1\n1..%u\n", s->results->len);
	for (i = 0; i < s->notices->len; i++)
		report_lines(out, "# ", g_ptr_array_index(s->notices, i));
	for (i = 0; i < s->results->len; i++) {
		const struct scen_result *r = g_ptr_array_index(s->results, i);
		char *name = ktap_name(r->id);

		tap_steps(out, r, name);
		tap_diagnostics(out, r);
		tap_result_line(out, i + 1, r, name);
		g_free(name);
	}
	fprintf(out, "# %s\n", line);
	g_free(line);
}
