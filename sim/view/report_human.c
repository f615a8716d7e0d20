// SPDX-License-Identifier: GPL-2.0-only
/*
 * Human text: a line per scenario as soon as it finishes, so a long run
 * shows progress, and the details only where something needs a look.
 */
#include <string.h>

#include "sim/view/report.h"

#define ANSI_RED	"\033[1;31m"
#define ANSI_GREEN	"\033[32m"
#define ANSI_YELLOW	"\033[33m"
#define ANSI_CYAN	"\033[36m"
#define ANSI_RESET	"\033[0m"

/* Details sit under the id, past the five-letter label and its space. */
#define DETAIL_INDENT	"      "

struct label {
	const char *text;
	const char *color;
};

static struct label label_of(const struct scen_result *r)
{
	switch (r->verdict) {
	case VERDICT_PASS:
		return (struct label){ "PASS", ANSI_GREEN };
	case VERDICT_FAIL:
		if (r->status == SCEN_CRASH)
			return (struct label){ "CRASH", ANSI_RED };
		return (struct label){ "FAIL", ANSI_RED };
	case VERDICT_SKIP:
		return (struct label){ "SKIP", ANSI_YELLOW };
	case VERDICT_KNOWN_FAIL:
		return (struct label){ "KNOWN", ANSI_CYAN };
	case VERDICT_UNEXPECTED_PASS:
		return (struct label){ "XPASS", ANSI_RED };
	case VERDICT_FIXED:
		return (struct label){ "FIXED", ANSI_GREEN };
	case VERDICT_FAILS_DIFFERENTLY:
		return (struct label){ "FAIL", ANSI_RED };
	}
	return (struct label){ "?", ANSI_RED };
}

static void print_label(FILE *out, struct label l, bool color)
{
	if (color)
		fprintf(out, "%s%-5s%s ", l.color, l.text, ANSI_RESET);
	else
		fprintf(out, "%-5s ", l.text);
}

/* ": text" after the id, on the same line. */
static void print_reason(FILE *out, const char *text)
{
	char *clean;

	if (!text || !*text)
		return;
	clean = report_one_line(text);
	fprintf(out, ": %s", clean);
	g_free(clean);
}

static void print_where(FILE *out, const struct scen_result *r)
{
	char *file;

	/* A file that did not load is its own id: say it once. */
	if (!r->file || (r->id && !strcmp(r->id, r->file)))
		return;
	file = report_one_line(r->file);
	if (r->line)
		fprintf(out, " (%s:%u)", file, r->line);
	else
		fprintf(out, " (%s)", file);
	g_free(file);
}

/*
 * Under a failure, what Linux's FF-A driver gave its client at each
 * driver: step: the failure says where it went wrong, this what a client
 * saw on the way there.  A passing scenario's are in its --trace.
 */
static void print_client_got(FILE *out, const struct scen_result *r)
{
	char *got = report_client_got(r);

	report_lines(out, DETAIL_INDENT, got);
	g_free(got);
}

void report_human_result(FILE *out, const struct scen_result *r, bool color)
{
	char *id = report_one_line(r->id);
	char *note = report_verdict_note(r), *both;

	print_label(out, label_of(r), color);
	fputs(id, out);
	g_free(id);
	switch (r->verdict) {
	case VERDICT_FAIL:
		print_where(out, r);
		fputc('\n', out);
		report_lines(out, DETAIL_INDENT, r->message);
		print_client_got(out, r);
		break;
	case VERDICT_SKIP:
		print_reason(out, r->message);
		fputc('\n', out);
		break;
	case VERDICT_KNOWN_FAIL:
	case VERDICT_UNEXPECTED_PASS:
	case VERDICT_FIXED:
		print_reason(out, note);
		fputc('\n', out);
		break;
	case VERDICT_FAILS_DIFFERENTLY:
		print_where(out, r);
		fputc('\n', out);
		both = report_outcomes_text(r);
		report_lines(out, DETAIL_INDENT, note);
		report_lines(out, DETAIL_INDENT "  ", both);
		report_lines(out, DETAIL_INDENT, r->message);
		print_client_got(out, r);
		g_free(both);
		break;
	default:
		fputc('\n', out);
		break;
	}
	report_lines(out, "", r->trace);
	g_free(note);
}

void report_human_summary(FILE *out, const struct run_summary *s, bool color)
{
	bool red = run_summary_is_red(s);
	char *line = run_summary_line(s);
	unsigned int i;

	for (i = 0; i < s->notices->len; i++) {
		const char *notice = g_ptr_array_index(s->notices, i);
		char *clean = report_one_line(notice);

		fprintf(out, "note: %s\n", clean);
		g_free(clean);
	}
	if (color)
		fprintf(out, "%s%s%s\n", red ? ANSI_RED : ANSI_GREEN, line,
			ANSI_RESET);
	else
		fprintf(out, "%s\n", line);
	g_free(line);
}
