// SPDX-License-Identifier: GPL-2.0-only
/*
 * Text cleaning shared by the reporters.  Scenario text and failure
 * messages may carry anything, the proxy's own bytes included: a stray
 * newline would forge a result line in KTAP, an escape sequence would
 * repaint a terminal.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/view/report.h"

char *report_one_line(const char *text)
{
	char *line = g_strdup(text ? text : "");
	char *p;

	for (p = line; *p; p++)
		if (g_ascii_iscntrl(*p))
			*p = ' ';
	return line;
}

void report_clean_lines(GString *text)
{
	gsize i;

	for (i = 0; i < text->len; i++)
		if (g_ascii_iscntrl(text->str[i]) && text->str[i] != '\n' &&
		    text->str[i] != '\t')
			text->str[i] = ' ';
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

char *report_verdict_note(const struct scen_result *r)
{
	const char *reason = r->known_reason ? r->known_reason : "";

	switch (r->verdict) {
	case VERDICT_KNOWN_FAIL:
		return r->on_series ?
		       g_strdup_printf("still failing as on the base: %s", reason) :
		       g_strdup(reason);
	case VERDICT_FIXED:
		return g_strdup_printf("fixed by the series (on the base: %s)",
				       r->known_outcome ? r->known_outcome : "");
	case VERDICT_UNEXPECTED_PASS:
		return report_xpass_text(r);
	case VERDICT_FAILS_DIFFERENTLY:
		return g_strdup_printf("fails differently%s than recorded (%s)",
				       r->on_series ? " with the series" : "",
				       reason);
	default:
		return NULL;
	}
}

char *report_outcomes_text(const struct scen_result *r)
{
	char *now = scen_result_outcome(r);
	char **was = g_strsplit(r->known_outcome ? r->known_outcome : "", "\n", -1);
	GString *t = g_string_new(NULL);
	char **w;

	for (w = was; *w; w++)
		g_string_append_printf(t, "%s: %s\n",
				       r->on_series ? "on the base" : "recorded",
				       *w);
	g_string_append_printf(t, "now: %s", now);
	g_strfreev(was);
	g_free(now);
	return g_string_free(t, FALSE);
}

char *report_client_got(const struct scen_result *r)
{
	GString *t = g_string_new(NULL);
	unsigned int i;

	for (i = 0; r->steps && i < r->steps->len; i++) {
		const struct scen_step_result *st =
			&g_array_index(r->steps, struct scen_step_result, i);

		if (st->got)
			g_string_append_printf(t, "%sstep %u (%s, line %u): the client got %s",
					       t->len ? "\n" : "", i + 1,
					       st->title, st->line, st->got);
	}
	if (!t->len) {
		g_string_free(t, TRUE);
		return NULL;
	}
	return g_string_free(t, FALSE);
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

/* ".NAME.XXXXXX" beside @path, so that rename() stays in one file system. */
static char *temp_beside(const char *path)
{
	char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
	char *name = g_strdup_printf(".%s.XXXXXX", base);
	char *tmp = g_build_filename(dir, name, NULL);

	g_free(name);
	g_free(base);
	g_free(dir);
	return tmp;
}

int report_output_check(const char *path, char *err, size_t errlen)
{
	char *dir = g_path_get_dirname(path), *tmp;
	struct stat st;
	int fd, ret = -1;

	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: is a folder", path);
	} else if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
	} else if (stat(dir, &st)) {
		snprintf(err, errlen, "%s: no folder %s: %s", path, dir,
			 strerror(errno));
	} else if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s: %s is not a folder", path, dir);
	} else {
		/* The write will need a file beside the target: try one now. */
		tmp = temp_beside(path);
		fd = g_mkstemp(tmp);
		if (fd < 0) {
			snprintf(err, errlen, "%s: cannot write in %s: %s", path,
				 dir, strerror(errno));
		} else {
			close(fd);
			unlink(tmp);
			ret = 0;
		}
		g_free(tmp);
	}
	g_free(dir);
	return ret;
}

static int write_all(int fd, const GString *text)
{
	gsize done = 0;
	ssize_t n;

	while (done < text->len) {
		n = write(fd, text->str + done, text->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		done += (gsize)n;
	}
	return fsync(fd);
}

/*
 * Into a temporary file beside @path, renamed over it once complete: a
 * full disk or a killed run leaves the previous report whole, never half
 * of a new one.  The file gets the mode a plain create would give it.
 */
int report_write_file(const char *path, const GString *text, char *err,
		      size_t errlen)
{
	char *tmp = temp_beside(path);
	mode_t mask = umask(0);
	int fd, saved;

	umask(mask);
	fd = g_mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		g_free(tmp);
		return -1;
	}
	if (fchmod(fd, 0666 & ~mask) || write_all(fd, text) || close(fd) ||
	    rename(tmp, path)) {
		saved = errno;
		unlink(tmp);
		snprintf(err, errlen, "%s: cannot write: %s", path,
			 strerror(saved));
		g_free(tmp);
		return -1;
	}
	g_free(tmp);
	return 0;
}
