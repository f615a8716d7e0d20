// SPDX-License-Identifier: GPL-2.0-only
/*
 * Text cleaning shared by the reporters.  Scenario text and failure
 * messages may carry anything, the proxy's own bytes included: a stray
 * newline would forge a result line in KTAP, an escape sequence would
 * repaint a terminal.
 */
#include <errno.h>
#include <string.h>

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

/*
 * XML 1.0 cannot carry most control characters at all, not even as
 * "&#x1;" (which g_markup_escape_text() would write): a strict parser
 * rejects the whole file, and CI shows nothing.  They, the C1 controls
 * XML discourages, and non-characters become U+FFFD, the mark for "a
 * character was here".
 */
static bool xml_char_ok(gunichar c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		return true;
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return false;
	return c != 0xfffe && c != 0xffff;
}

void report_xml_append(GString *out, const char *text)
{
	char *valid = g_utf8_make_valid(text ? text : "", -1);
	GString *clean = g_string_sized_new(strlen(valid));
	char *escaped;
	const char *p;

	for (p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		g_string_append_unichar(clean, xml_char_ok(c) ? c : 0xfffd);
	}
	escaped = g_markup_escape_text(clean->str, (gssize)clean->len);
	g_string_append(out, escaped);
	g_free(escaped);
	g_string_free(clean, TRUE);
	g_free(valid);
}

char *report_xml_escape(const char *text)
{
	GString *out = g_string_new(NULL);

	report_xml_append(out, text);
	return g_string_free(out, FALSE);
}

int report_write_file(const char *path, const GString *text, char *err,
		      size_t errlen)
{
	FILE *f = fopen(path, "w");
	int ret = 0;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fwrite(text->str, 1, text->len, f) != text->len || fflush(f))
		ret = -1;
	if (fclose(f) || ret) {
		snprintf(err, errlen, "%s: cannot write: %s", path,
			 strerror(errno));
		ret = -1;
	}
	return ret;
}
