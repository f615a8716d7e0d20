// SPDX-License-Identifier: GPL-2.0-only
/*
 * JUnit XML for CI systems: one <testsuite> per variant, one <testcase>
 * per scenario.
 *
 * A known failure is written as <skipped message="known failure: ...">,
 * the mapping pytest uses for its xfail.  CI dashboards (Jenkins, GitLab,
 * GitHub test reporters) list skipped cases with their message, and none
 * of them shows a passing case's <system-out>: as a pass, the known bug
 * would be counted as working and its reason hidden.  An unexpected pass
 * is a <failure>, a crash an <error>.
 */
#include "sim/view/report.h"

#include <string.h>

struct junit_counts {
	unsigned int tests, failures, errors, skipped;
	double seconds;
};

enum junit_kind { JUNIT_PASS, JUNIT_FAILURE, JUNIT_ERROR, JUNIT_SKIPPED };

static enum junit_kind junit_kind_of(const struct scen_result *r)
{
	switch (r->verdict) {
	case VERDICT_FAIL:
		return r->status == SCEN_CRASH ? JUNIT_ERROR : JUNIT_FAILURE;
	case VERDICT_UNEXPECTED_PASS:
	case VERDICT_FAILS_DIFFERENTLY:
		return JUNIT_FAILURE;
	case VERDICT_SKIP:
	case VERDICT_KNOWN_FAIL:
		return JUNIT_SKIPPED;
	default:
		return JUNIT_PASS;
	}
}

/* Parsers fold newlines in attributes into spaces: say it on one line. */
static char *xml_attr(const char *text)
{
	char *line = report_one_line(text);
	char *escaped = report_xml_escape(line);

	g_free(line);
	return escaped;
}

static void put_attr(GString *xml, const char *name, const char *value)
{
	char *escaped = xml_attr(value);

	g_string_append_printf(xml, " %s=\"%s\"", name, escaped);
	g_free(escaped);
}

/* A locale with a decimal comma must not reach the file. */
static void put_time(GString *xml, double seconds)
{
	char buf[G_ASCII_DTOSTR_BUF_SIZE];

	g_ascii_formatd(buf, sizeof(buf), "%.3f", seconds);
	g_string_append_printf(xml, " time=\"%s\"", buf);
}

static void put_counts(GString *xml, const struct junit_counts *c)
{
	g_string_append_printf(xml,
			       " tests=\"%u\" failures=\"%u\" errors=\"%u\" skipped=\"%u\"",
			       c->tests, c->failures, c->errors, c->skipped);
	put_time(xml, c->seconds);
}

static void count_results(const struct run_summary *s, struct junit_counts *c)
{
	unsigned int i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < s->results->len; i++) {
		const struct scen_result *r = g_ptr_array_index(s->results, i);

		c->tests++;
		c->seconds += r->seconds;
		switch (junit_kind_of(r)) {
		case JUNIT_FAILURE:
			c->failures++;
			break;
		case JUNIT_ERROR:
			c->errors++;
			break;
		case JUNIT_SKIPPED:
			c->skipped++;
			break;
		default:
			break;
		}
	}
}

/*
 * <tag message="..." type="..."> whole text </tag>.  A dashboard shows
 * only the message: make it the step and what differed there, the first
 * two lines of a failure.
 */
static void put_outcome(GString *xml, const char *tag, const char *type,
			const char *text)
{
	char **lines = g_strsplit(text ? text : "", "\n", 3);
	char *body = report_xml_escape(text);
	char *message = lines[0] && lines[1] ?
			g_strdup_printf("%s %s", lines[0], g_strstrip(lines[1])) :
			g_strdup(lines[0] ? lines[0] : "");

	g_string_append_printf(xml, "      <%s", tag);
	put_attr(xml, "message", message);
	g_free(message);
	put_attr(xml, "type", type);
	g_string_append_printf(xml, ">%s</%s>\n", body, tag);
	g_free(body);
	g_strfreev(lines);
}

static void put_element(GString *xml, const char *tag, const char *text)
{
	char *body = report_xml_escape(text);

	g_string_append_printf(xml, "      <%s>%s</%s>\n", tag, body, tag);
	g_free(body);
}

static void put_known_failure(GString *xml, const struct scen_result *r)
{
	char *note = report_verdict_note(r);
	char *text = g_strdup_printf("known failure: %s", note);

	g_free(note);

	g_string_append(xml, "      <skipped");
	put_attr(xml, "message", text);
	g_string_append(xml, "/>\n");
	g_free(text);
	/* What actually went wrong, to check it fails the known way. */
	if (r->message)
		put_element(xml, "system-err", r->message);
}

static void put_skipped(GString *xml, const struct scen_result *r)
{
	g_string_append(xml, "      <skipped");
	put_attr(xml, "message", r->message ? r->message : "");
	g_string_append(xml, "/>\n");
}

static void put_result_body(GString *xml, const struct scen_result *r)
{
	char *note = report_verdict_note(r), *both, *text;

	switch (r->verdict) {
	case VERDICT_FAIL:
		if (r->status == SCEN_CRASH)
			put_outcome(xml, "error", "crash", r->message);
		else
			put_outcome(xml, "failure", "failure", r->message);
		break;
	case VERDICT_UNEXPECTED_PASS:
		put_outcome(xml, "failure", "unexpected-pass", note);
		break;
	case VERDICT_FAILS_DIFFERENTLY:
		both = report_outcomes_text(r);
		text = g_strdup_printf("%s\n  %s\n%s", note, both,
				       r->message ? r->message : "");
		put_outcome(xml, "failure", "fails-differently", text);
		g_free(text);
		g_free(both);
		break;
	case VERDICT_SKIP:
		put_skipped(xml, r);
		break;
	case VERDICT_KNOWN_FAIL:
		put_known_failure(xml, r);
		break;
	default:
		break;
	}
	g_free(note);
}

/* "scenarios/memory/share.yaml" -> "scenarios/memory/share" */
static char *classname_of(const struct scen_result *r)
{
	const char *file = r->file ? r->file : "";

	if (g_str_has_suffix(file, ".yaml"))
		return g_strndup(file, strlen(file) - strlen(".yaml"));
	return g_strdup(file);
}

/*
 * One <system-out> (the schema allows one): a fixed scenario's note, what
 * the client got at each driver: step, then the trace when the run kept
 * one.  A passed driver scenario's answers are its result as much as its
 * verdict is.
 */
static void put_system_out(GString *xml, const struct scen_result *r)
{
	char *note = r->verdict == VERDICT_FIXED ? report_verdict_note(r) : NULL;
	char *got = report_client_got(r);
	const char *parts[] = { note, got, r->trace };
	GString *text = g_string_new(NULL);
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(parts); i++)
		if (parts[i])
			g_string_append_printf(text, "%s%s",
					       text->len ? "\n" : "", parts[i]);
	if (text->len)
		put_element(xml, "system-out", text->str);
	g_string_free(text, TRUE);
	g_free(got);
	g_free(note);
}

static void put_testcase(GString *xml, const struct scen_result *r)
{
	char *classname = classname_of(r);

	g_string_append(xml, "    <testcase");
	put_attr(xml, "name", r->id);
	put_attr(xml, "classname", classname);
	if (r->file) {
		put_attr(xml, "file", r->file);
		g_string_append_printf(xml, " line=\"%u\"", r->line);
	}
	put_time(xml, r->seconds);
	g_string_append(xml, ">\n");
	put_result_body(xml, r);
	put_system_out(xml, r);
	g_string_append(xml, "    </testcase>\n");
	g_free(classname);
}

static void put_notices(GString *xml, const struct run_summary *s)
{
	unsigned int i;

	if (!s->notices->len)
		return;
	g_string_append(xml, "    <properties>\n");
	for (i = 0; i < s->notices->len; i++) {
		g_string_append(xml, "      <property name=\"notice\"");
		put_attr(xml, "value", g_ptr_array_index(s->notices, i));
		g_string_append(xml, "/>\n");
	}
	g_string_append(xml, "    </properties>\n");
}

static GString *junit_document(const struct run_summary *s)
{
	GString *xml = g_string_new(NULL);
	struct junit_counts c;
	unsigned int i;

	g_string_append(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

	count_results(s, &c);
	g_string_append(xml, "<testsuites name=\"ffa-sim\"");
	put_counts(xml, &c);
	g_string_append(xml, ">\n  <testsuite");
	put_attr(xml, "name", s->variant ? s->variant : "ffa-sim");
	put_counts(xml, &c);
	g_string_append(xml, ">\n");
	put_notices(xml, s);
	for (i = 0; i < s->results->len; i++)
		put_testcase(xml, g_ptr_array_index(s->results, i));
	g_string_append(xml, "  </testsuite>\n</testsuites>\n");
	return xml;
}

int report_junit(const char *path, const struct run_summary *s, char *err,
		 size_t errlen)
{
	GString *xml = junit_document(s);
	int ret = report_write_file(path, xml, err, errlen);

	g_string_free(xml, TRUE);
	return ret;
}
