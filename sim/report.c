// SPDX-License-Identifier: GPL-2.0-only
/*
 * Text cleaning shared by the reporters.  Scenario text and failure
 * messages may carry anything, the proxy's own bytes included: a stray
 * newline would forge a result line in KTAP, an escape sequence would
 * repaint a terminal.
 */
#include "sim/report.h"

char *report_one_line(const char *text)
{
	char *line = g_strdup(text ? text : "");
	char *p;

	for (p = line; *p; p++)
		if (g_ascii_iscntrl(*p))
			*p = ' ';
	return line;
}

void report_lines(FILE *out, const char *prefix, const char *text)
{
	char **lines, **l;

	if (!text)
		return;
	lines = g_strsplit(text, "\n", -1);
	for (l = lines; *l; l++) {
		char *clean;

		/* A final newline ends the last line; it does not start one. */
		if (!l[1] && !**l)
			break;
		clean = report_one_line(*l);
		fprintf(out, "%s%s\n", prefix, clean);
		g_free(clean);
	}
	g_strfreev(lines);
}

char *report_xpass_text(const struct scen_result *r)
{
	if (!r->known_reason || !*r->known_reason)
		return g_strdup("listed as failing but passed");
	return g_strdup_printf("listed as failing (%s) but passed",
			       r->known_reason);
}
