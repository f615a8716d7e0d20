// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "tests/check_util.h"

void fail_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	print_error("%s:%d: %s\n", file, line, msg);
	g_free(msg);
	_fail(file, line);
	abort();	/* _fail() leaves by longjmp and never comes here */
}

void check_int_at(const char *what, long long got, long long want,
		  const char *why, const char *file, int line)
{
	if (got != want)
		fail_at(file, line, "%s: expected %lld (%#llx), got %lld (%#llx): %s",
			what, want, (unsigned long long)want, got,
			(unsigned long long)got, why);
}

void check_true_at(bool ok, const char *what, const char *why,
		   const char *file, int line)
{
	if (!ok)
		fail_at(file, line, "expected %s, and it is not so: %s", what,
			why);
}

void check_text_at(const char *what, const char *got, const char *want,
		   const char *why, const char *file, int line)
{
	if (got == want || (got && want && !strcmp(got, want)))
		return;
	print_error("%s:%d: %s: %s\n--- got\n%s\n--- expected\n%s\n", file,
		    line, what, why, got ? got : "(none)",
		    want ? want : "(none)");
	_fail(file, line);
}

void check_has_at(const char *what, const char *text, const char *needle,
		  const char *why, const char *file, int line)
{
	if (!text || !strstr(text, needle))
		fail_at(file, line, "%s lacks '%s': %s\n--- %s\n%s", what,
			needle, why, what, text ? text : "(none)");
}

void check_lacks_at(const char *what, const char *text, const char *needle,
		    const char *why, const char *file, int line)
{
	if (text && strstr(text, needle))
		fail_at(file, line, "%s holds '%s', which should not be there: %s\n--- %s\n%s",
			what, needle, why, what, text);
}

void check_mem_at(const char *what, const void *got, const void *want,
		  size_t len, const char *why, const char *file, int line)
{
	const uint8_t *g = got, *w = want;
	size_t i;

	for (i = 0; i < len && g[i] == w[i]; i++)
		;
	if (i < len)
		fail_at(file, line, "%s: byte %zu of %zu is %#04x, expected %#04x: %s",
			what, i, len, g[i], w[i], why);
}

void check_setup_at(bool ok, const char *what, const char *file, int line)
{
	if (!ok)
		fail_at(file, line, "%s failed (%s): the test's own set-up failed, not the code under test",
			what, errno ? g_strerror(errno) : "no system error");
}

char *make_tmp_dir_at(const char *file, int line)
{
	char *dir = g_dir_make_tmp("ffa-sim-XXXXXX", NULL);

	check_setup_at(dir != NULL, "making a temporary folder", file, line);
	return dir;
}

void write_test_file_at(const char *path, const void *data, long len,
			const char *file, int line)
{
	GError *error = NULL;

	if (!g_file_set_contents(path, data, len, &error))
		fail_at(file, line, "writing %s failed (%s): the test's own set-up failed, not the code under test",
			path, error->message);
}
