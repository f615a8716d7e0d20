// SPDX-License-Identifier: GPL-2.0-only
/*
 * TSan calls __tsan_on_report() for every report it prints, one at a
 * time, on the thread that found the race.  The hook reads the report
 * through TSan's debugging interface (the one debuggers use) and keeps a
 * line for it; tsan_report_take() hands the lines over once the CPU
 * threads are joined.  The hook itself is not instrumented, so keeping
 * the line is not a race of its own.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxy/hyp/hyp.h"
#include "sim/exec/tsan_report.h"

#if defined(__SANITIZE_THREAD__)
#define SIM_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SIM_TSAN 1
#endif
#endif

#ifdef SIM_TSAN

#define REPORTS_SIZE	8192
#define FRAMES		8

/* The runtime's debugging interface (tsan_interface.h has no C header). */
int __tsan_get_report_data(void *report, const char **description,
			   int *count, int *stack_count, int *mop_count,
			   int *loc_count, int *mutex_count, int *thread_count,
			   int *unique_tid_count, void **sleep_trace,
			   unsigned long trace_size);
int __tsan_get_report_mop(void *report, unsigned long idx, int *tid,
			  void **addr, int *size, int *write, int *atomic,
			  void **trace, unsigned long trace_size);
void __sanitizer_symbolize_pc(void *pc, const char *fmt, char *out,
			      size_t size);
void __sanitizer_symbolize_global(void *addr, const char *fmt, char *out,
				  size_t size);
void __tsan_on_report(void *report);
void AnnotateNewMemory(const char *file, int line, void *mem,
		       unsigned long size);

static char reports[REPORTS_SIZE];
static size_t reports_len;

/*
 * GLib 2.74's slice allocator hands blocks from one thread's magazine to
 * another's under locks TSan does not see (futexes in uninstrumented
 * code), so every GArray that changes threads would look like a race.
 * Plain malloc is what TSan intercepts; newer GLib always uses it.  GLib
 * reads G_SLICE while it starts, before any constructor of ours runs, so
 * a process started without it starts again with it.
 */
static void __attribute__((constructor)) slices_from_malloc(void)
{
	char *cmdline = NULL, **argv;
	gsize len = 0, i, n = 0;
	gboolean plain;

	G_GNUC_BEGIN_IGNORE_DEPRECATIONS
	plain = g_slice_get_config(G_SLICE_CONFIG_ALWAYS_MALLOC);
	G_GNUC_END_IGNORE_DEPRECATIONS
	if (plain || g_getenv("G_SLICE") ||
	    !g_file_get_contents("/proc/self/cmdline", &cmdline, &len, NULL))
		return;
	for (i = 0; i < len; i++)
		n += !cmdline[i];
	argv = g_new0(char *, n + 1);
	for (i = 0, n = 0; i < len; i += strlen(cmdline + i) + 1)
		argv[n++] = cmdline + i;
	setenv("G_SLICE", "always-malloc", 1);
	execv("/proc/self/exe", argv);
	/* Go on without: races through GLib's slices may be reported. */
	g_free(argv);
	g_free(cmdline);
}

static void __attribute__((no_sanitize_thread))
keep(const char *text)
{
	size_t n = strlen(text);

	if (reports_len + n + 1 >= REPORTS_SIZE)
		return;
	memcpy(reports + reports_len, text, n);
	reports_len += n;
	reports[reports_len++] = '\n';
	reports[reports_len] = '\0';
}

/* "ffa.c:741 in do_ffa_version": the basename, the line, the function. */
static void __attribute__((no_sanitize_thread))
where(void *pc, char *out, size_t size)
{
	char buf[512];
	const char *file, *space;

	__sanitizer_symbolize_pc(pc, "%s:%l %f", buf, sizeof(buf));
	space = strchr(buf, ' ');
	file = buf;
	for (const char *p = buf; space && p < space; p++)
		if (*p == '/')
			file = p + 1;
	snprintf(out, size, "%.*s in %s", space ? (int)(space - file) :
		 (int)strlen(file), file, space ? space + 1 : "?");
}

/* "write of has_version_negotiated at ffa.c:741 in do_ffa_version" */
static bool __attribute__((no_sanitize_thread))
describe_access(void *report, int i, char *out, size_t size, bool *write)
{
	void *trace[FRAMES] = { NULL }, *addr;
	int tid, bytes, w, atomic;
	char at[256], var[128];

	if (!__tsan_get_report_mop(report, (unsigned long)i, &tid, &addr,
				   &bytes, &w, &atomic, trace, FRAMES) ||
	    !trace[0])
		return false;
	var[0] = '\0';
	__sanitizer_symbolize_global(addr, "%g", var, sizeof(var));
	where(trace[0], at, sizeof(at));
	*write = w;
	return snprintf(out, size, "%s%s of %s at %s", atomic ? "atomic " : "",
			w ? "write" : "read", *var ? var : "heap memory",
			at) > 0;
}

/*
 * One line per report, the write first: which CPU ran into the other
 * first varies from run to run, the line should not.
 */
void __attribute__((no_sanitize_thread)) __tsan_on_report(void *report)
{
	int count, stacks, mops, locs, mutexes, threads, tids;
	char line[1400], a[2][640];
	bool write[2] = { false, false }, ok[2] = { false, false };
	const char *desc;
	void *sleep[1];
	int i, first;

	if (!__tsan_get_report_data(report, &desc, &count, &stacks, &mops,
				    &locs, &mutexes, &threads, &tids, sleep, 1))
		return;
	for (i = 0; i < mops && i < 2; i++)
		ok[i] = describe_access(report, i, a[i], sizeof(a[i]),
					&write[i]);
	first = ok[1] && (!ok[0] || (write[1] && !write[0]) ||
			  (write[1] == write[0] && strcmp(a[1], a[0]) < 0));
	snprintf(line, sizeof(line), "ThreadSanitizer: %s%s%s%s%s", desc,
		 ok[first] ? ": " : "", ok[first] ? a[first] : "",
		 ok[!first] ? "; " : "", ok[!first] ? a[!first] : "");
	keep(line);
}

bool tsan_report_active(void)
{
	return true;
}

static void forget_range(void *start, size_t len)
{
	AnnotateNewMemory(__FILE__, __LINE__, start, len);
}

/*
 * TSan keeps the last four accesses to each 8 bytes and, when a fifth
 * comes, drops one at random.  has_version_negotiated shares its 8 bytes
 * with hyp_ffa_version, and this thread has touched both (saving the
 * statics, booting the proxy, the steps before): with those four cells
 * taken, one CPU's read of the flag could be dropped before the other
 * CPU's write looks for it, and a race showed in most runs only.  What
 * this thread did before creating the CPU threads happens before all they
 * do, so it can never race with them: forgetting it loses no race and
 * leaves the cells to the CPUs.
 */
void tsan_forget_statics(void)
{
	hyp_statics_each(forget_range);
}

char *tsan_report_take(void)
{
	char *text;

	if (!reports_len)
		return NULL;
	text = g_strndup(reports, reports_len - 1);
	reports_len = 0;
	return text;
}

#else

bool tsan_report_active(void)
{
	return false;
}

void tsan_forget_statics(void)
{
}

char *tsan_report_take(void)
{
	return NULL;
}

#endif
