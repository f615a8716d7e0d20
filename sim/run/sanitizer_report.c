// SPDX-License-Identifier: GPL-2.0-only
/*
 * AddressSanitizer stops a process with exit status 1, as any exit(1)
 * would: the status alone cannot tell a heap overflow in ffa.c from any
 * other death at that step.  Its report names the error; the parent reads
 * it from a memfd the worker's runtime writes instead of stderr.
 *
 * UBSan is not covered: GCC links it as a runtime of its own (libubsan),
 * which writes to stderr whatever the report file of ASan's runtime is.
 * Its deaths stay "exited with 1".
 */
#define _GNU_SOURCE	/* memfd_create() */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "sim/run/sanitizer_report.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN	1
#endif
#endif

#ifdef UNDER_ASAN
void __sanitizer_set_report_fd(void *fd);

int sanitizer_report_open(void)
{
	return memfd_create("ffa-sim-sanitizer-report", MFD_CLOEXEC);
}

void sanitizer_report_to(int fd)
{
	if (fd >= 0)
		__sanitizer_set_report_fd((void *)(long)fd);
}
#else
int sanitizer_report_open(void)
{
	return -1;
}

void sanitizer_report_to(int fd)
{
	(void)fd;
}
#endif

static GString *read_report(int fd)
{
	GString *text = g_string_new(NULL);
	char chunk[4096];
	off_t off = 0;
	ssize_t n;

	while ((n = pread(fd, chunk, sizeof(chunk), off)) > 0) {
		g_string_append_len(text, chunk, n);
		off += n;
	}
	return text;
}

/* "SUMMARY: AddressSanitizer: KIND file:line in fn": the tool and kind. */
static char *summary_kind(const char *report)
{
	const char *s = g_strrstr(report, "SUMMARY: ");
	const char *kind, *end;

	if (!s)
		return NULL;
	s += strlen("SUMMARY: ");
	kind = strstr(s, ": ");
	if (!kind || memchr(s, '\n', (size_t)(kind - s)))
		return NULL;
	kind += 2;
	end = kind + strcspn(kind, " \n");
	return g_strndup(s, (size_t)(end - s));
}

/* The sanitizer's own frames (its memcpy, its checks) name no code of ours. */
static bool in_sanitizer(const char *fn, const char *file)
{
	return strstr(file, "libsanitizer/") || strstr(file, "compiler-rt/") ||
	       g_str_has_prefix(fn, "__interceptor_") ||
	       g_str_has_prefix(fn, "__asan_") ||
	       g_str_has_prefix(fn, "__sanitizer_");
}

/*
 * "#1 0x55752a045d6e in do_ffa_mem_reclaim dir/ffa.c:593": "fn ffa.c:593",
 * the base name only (folders differ between builds); NULL for a frame
 * of the sanitizer's or one without a source line.
 */
static char *frame(const char *line)
{
	char **w = g_strsplit(line, " ", 0);
	char *out = NULL, *base, *colon;

	if (g_strv_length(w) >= 5 && !strcmp(w[2], "in") &&
	    !in_sanitizer(w[3], w[4])) {
		base = g_path_get_basename(w[4]);
		colon = strchr(base, ':');
		if (colon && g_ascii_isdigit(colon[1])) {
			/* the column: not every report has one */
			colon = strchr(colon + 1, ':');
			if (colon)
				*colon = 0;
			out = g_strdup_printf("%s %s", w[3], base);
		}
		g_free(base);
	}
	g_strfreev(w);
	return out;
}

static char *first_own_frame(const char *report)
{
	char **lines = g_strsplit(report, "\n", 0);
	char *out = NULL;
	unsigned int i;

	for (i = 0; lines[i] && !out; i++)
		if (g_str_has_prefix(g_strchug(lines[i]), "#"))
			out = frame(lines[i]);
	g_strfreev(lines);
	return out;
}

char *sanitizer_report_take(int fd)
{
	GString *report;
	char *kind, *where, *out;

	if (fd < 0)
		return NULL;
	report = read_report(fd);
	if (!report->len) {
		g_string_free(report, TRUE);
		return NULL;
	}
	fwrite(report->str, 1, report->len, stderr);
	kind = summary_kind(report->str);
	where = kind ? first_own_frame(report->str) : NULL;
	out = !kind ? NULL : where ? g_strdup_printf("%s in %s", kind, where) :
		      g_strdup(kind);
	g_free(kind);
	g_free(where);
	g_string_free(report, TRUE);
	return out;
}
