/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checks that fail at the caller's line.  A test's own helper that checks
 * something is a macro passing __FILE__ and __LINE__ to a function taking
 * (..., file, line), which calls these: each prints where, what was
 * expected, what came and why it matters, then cmocka's _fail(file, line).
 * @what names the value checked; @why says what a difference would mean.
 */
#ifndef TESTS_CHECK_UTIL_H
#define TESTS_CHECK_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

/* "FILE:LINE: " and the message, then the test fails at FILE:LINE. */
void fail_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

void check_int_at(const char *what, long long got, long long want,
		  const char *why, const char *file, int line);
void check_true_at(bool ok, const char *what, const char *why,
		   const char *file, int line);
/* Exact text; NULL stands for no text at all. */
void check_text_at(const char *what, const char *got, const char *want,
		   const char *why, const char *file, int line);
void check_has_at(const char *what, const char *text, const char *needle,
		  const char *why, const char *file, int line);
void check_lacks_at(const char *what, const char *text, const char *needle,
		    const char *why, const char *file, int line);

void check_mem_at(const char *what, const void *got, const void *want,
		  size_t len, const char *why, const char *file, int line);

/*
 * Inside a helper taking (..., file, line): a check naming the expression
 * it checks, failing at the helper's caller.
 */
#define check_int(got, want, why) \
	check_int_at(#got, (long long)(got), (long long)(want), (why), file, \
		     line)
#define check_true(cond, why) check_true_at((cond), #cond, (why), file, line)
#define check_mem(got, want, len, why) \
	check_mem_at(#got, (got), (want), (len), (why), file, line)

/*
 * The test's own files: a failure to make one fails the caller's line
 * with the system's reason, and says it is the test's set-up that failed,
 * not the code under test.  @len -1: @data is a string.
 */
#define make_tmp_dir() make_tmp_dir_at(__FILE__, __LINE__)
char *make_tmp_dir_at(const char *file, int line);
#define write_test_file(path, data, len) \
	write_test_file_at((path), (data), (len), __FILE__, __LINE__)
void write_test_file_at(const char *path, const void *data, long len,
			const char *file, int line);
void check_setup_at(bool ok, const char *what, const char *file, int line);

/* The same, at the line that uses them. */


#define assert_text_same(what, got, want, why) \
	check_text_at((what), (got), (want), "" why, __FILE__, __LINE__)
#define assert_text_has(what, text, needle, why) \
	check_has_at((what), (text), (needle), "" why, __FILE__, __LINE__)
#define assert_text_lacks(what, text, needle, why) \
	check_lacks_at((what), (text), (needle), "" why, __FILE__, __LINE__)

#endif /* TESTS_CHECK_UTIL_H */
