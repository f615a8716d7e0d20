// SPDX-License-Identifier: GPL-2.0-only
/*
 * AddressSanitizer and UBSan (built with -fno-sanitize-recover) stop a
 * process with exit status 1, as any exit(1) would: the status alone
 * cannot tell a heap overflow or a shift too far in ffa.c from any other
 * death at that step.  Their reports name the error; the parent reads
 * them from a memfd the worker's runtimes write instead of stderr.
 *
 * GCC links UBSan as a runtime of its own (libubsan) beside ASan's, each
 * with its own report file: the child points both at the memfd, libubsan
 * through its own __sanitizer_set_report_fd (found with dlsym, as ASan's
 * of the same name comes first).  Clang's UBSan lives in ASan's runtime.
 * Either runtime opens its report file again in a process other than the
 * one that set it, so the child sets it after the fork.
 */
#define _GNU_SOURCE	/* memfd_create() */
#include <dlfcn.h>
#include <fcntl.h>
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

typedef void (*set_report_fd_fn)(void *fd);

/* GCC's libubsan when it is loaded, else NULL. */
static set_report_fd_fn libubsan_set_report_fd(void)
{
	void *lib = dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD);

	return lib ? (set_report_fd_fn)dlsym(lib, "__sanitizer_set_report_fd") :
		     NULL;
}

#ifdef UNDER_ASAN
void __sanitizer_set_report_fd(void *fd);
#define ASAN_SET_REPORT_FD(fd)	__sanitizer_set_report_fd(fd)
#define HAVE_REPORTS()		true
#else
#define ASAN_SET_REPORT_FD(fd)	((void)(fd))
#define HAVE_REPORTS()		(libubsan_set_report_fd() != NULL)
#endif

/*
 * UBSan prints only the error's line unless asked for its stack; the
 * stack is what names the function.  UBSAN_OPTIONS still overrides this.
 */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "print_stacktrace=1";
}

int sanitizer_report_open(void)
{
	if (!HAVE_REPORTS())
		return -1;
	return memfd_create("ffa-sim-sanitizer-report", MFD_CLOEXEC);
}

void sanitizer_report_to(int fd)
{
	set_report_fd_fn ubsan = libubsan_set_report_fd();
	int ubsan_fd;

	if (fd < 0)
		return;
	ASAN_SET_REPORT_FD((void *)(long)fd);
	/*
	 * A descriptor of its own: ASan's runtime closes its report file on
	 * its way out of a UBSan death too, before libubsan writes.
	 */
	ubsan_fd = ubsan ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
	if (ubsan_fd >= 0)
		ubsan((void *)(long)ubsan_fd);
}

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

/*
 * "SUMMARY: AddressSanitizer: KIND file:line in fn": the tool and kind.
 * GCC's libubsan writes no SUMMARY, only "file:line:col: runtime error:
 * what", whose values change from run to run: it gets the kind clang's
 * UBSan gives every such error.
 */
static char *summary_kind(const char *report)
{
	const char *s = g_strrstr(report, "SUMMARY: ");
	const char *kind, *end;

	if (!s && strstr(report, ": runtime error: "))
		return g_strdup("UndefinedBehaviorSanitizer: undefined-behavior");
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
	       g_str_has_prefix(fn, "__ubsan_") ||
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

/*
 * UBSan without its stack: the error's own "dir/file.c:12:5: runtime
 * error:" line, "file.c:12", which names no function.
 */
static char *runtime_error_place(const char *report)
{
	const char *e = strstr(report, ": runtime error: ");
	const char *start = e;
	char *place, *base, *colon;

	if (!e)
		return NULL;
	while (start > report && start[-1] != '\n')
		start--;
	place = g_strndup(start, (size_t)(e - start));
	base = g_path_get_basename(place);
	colon = strchr(base, ':');
	colon = colon ? strchr(colon + 1, ':') : NULL;
	if (colon)
		*colon = 0;	/* the column */
	g_free(place);
	return base;
}

/*
 * The report that ended the process is the last one.  A recoverable
 * report (UBSan in code built with recovery, as the fuzzer's engine is)
 * may come before it, with frames of its own: the last report starts
 * after the SUMMARY line before the last.
 */
static const char *last_report(const char *report)
{
	const char *last = g_strrstr(report, "SUMMARY: ");
	const char *prev, *nl;

	if (!last)
		return report;
	prev = g_strrstr_len(report, last - report, "SUMMARY: ");
	nl = prev ? strchr(prev, '\n') : NULL;
	return nl ? nl + 1 : report;
}

char *sanitizer_report_name(const char *report)
{
	char *kind = summary_kind(report), *where, *out;

	if (!kind)
		return NULL;
	report = last_report(report);
	where = first_own_frame(report);
	if (!where)
		where = runtime_error_place(report);
	out = where ? g_strdup_printf("%s in %s", kind, where) : g_strdup(kind);
	g_free(kind);
	g_free(where);
	return out;
}

char *sanitizer_report_take(int fd)
{
	GString *report;
	char *out;

	if (fd < 0)
		return NULL;
	report = read_report(fd);
	if (!report->len) {
		g_string_free(report, TRUE);
		return NULL;
	}
	fwrite(report->str, 1, report->len, stderr);
	out = sanitizer_report_name(report->str);
	g_string_free(report, TRUE);
	return out;
}
