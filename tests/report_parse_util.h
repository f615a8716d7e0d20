/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Readers of the runner's machine-read outputs, for tests: a small KTAP
 * version 1 parser and a GMarkup reader of JUnit XML.  Both check the
 * structure as they go (cmocka assertions), so a test that parses a
 * report has already checked that it is well formed; the test then looks
 * at counts and names, not at a golden text.
 */
#ifndef TESTS_REPORT_PARSE_UTIL_H
#define TESTS_REPORT_PARSE_UTIL_H

#include <glib.h>
#include <stdbool.h>

/* ---- KTAP ---- */

struct ktap_test {
	unsigned int number;
	bool ok;
	char *name;
	char *directive;	/* "SKIP", "XFAIL", ... or NULL */
	char *reason;		/* what follows the directive */
	char *subtest;		/* its block's "# Subtest:" name */
	GPtrArray *children;	/* of struct ktap_test *, or NULL */
	GPtrArray *diags;	/* "# " lines just before its result line */
};

/*
 * The top-level tests of @text, which must be exactly one KTAP block
 * ending with a newline; plans must match the result lines, numbers run
 * from 1.  Diagnostic lines after the last result go to @tail (of char *,
 * without the "# "), when it is not NULL.  g_ptr_array_unref() the result.
 * A broken rule fails the test at the caller's line, naming the KTAP line.
 */
#define ktap_parse(text, tail) \
	ktap_parse_at((text), (tail), __FILE__, __LINE__)
GPtrArray *ktap_parse_at(const char *text, GPtrArray *tail, const char *file,
			 int line);
/* The @i-th test, which must be there. */
#define ktap_at(tests, i) ktap_test_at((tests), (i), __FILE__, __LINE__)
struct ktap_test *ktap_test_at(GPtrArray *tests, unsigned int i,
			       const char *file, int line);
/* Is @want one of the diagnostic lines before @t's result line? */
bool ktap_has_diag(const struct ktap_test *t, const char *want);

/* How a leaf-counting parser (kunit.py's way) sees one test. */
enum ktap_outcome { KTAP_PASS, KTAP_FAIL, KTAP_SKIP, KTAP_XFAIL,
		    KTAP_NR_OUTCOMES };

enum ktap_outcome ktap_outcome(const struct ktap_test *t);
/* Does any leaf under @t (or @t itself, without children) fail? */
bool ktap_leaves_fail(const struct ktap_test *t);
/*
 * The top-level tests, by outcome, are @passed, @failed, @skipped and
 * @xfail; each one's leaves agree with its own line (a parser counting
 * leaves sees the same run) and its block's "# Subtest:" is its name.
 */
#define ktap_assert_counts(tests, passed, failed, skipped, xfail)	\
	ktap_check_counts((tests), (passed), (failed), (skipped), (xfail), \
			  __FILE__, __LINE__)
void ktap_check_counts(GPtrArray *tests, unsigned int passed,
		       unsigned int failed, unsigned int skipped,
		       unsigned int xfail, const char *file, int line);

/* ---- JUnit ---- */

struct junit_case {
	GHashTable *attrs;
	char *kind;		/* "failure", "error", "skipped" or NULL */
	GHashTable *kind_attrs;
	GString *body;		/* of the failure or error */
	GString *out;		/* <system-out> */
};

struct junit_doc {
	GHashTable *suites_attrs, *suite_attrs;
	GPtrArray *cases;	/* of struct junit_case * */
	GPtrArray *notices;	/* the values of <property> */
	GString *text;		/* where text goes now, or NULL */
	unsigned int depth;
	const char *file;	/* the test's line that parsed it */
	int line;
};

/* A new empty file in the temporary folder, "ffa-sim-@stem-XXXXXX". */
char *report_temp_path(const char *stem);
/* One to write JUnit into. */
char *junit_temp_path(void);
/*
 * Read @path: an XML 1.0 declaration, no character XML 1.0 forbids, one
 * <testsuites> holding one <testsuite>, at most one outcome per case.  A
 * broken rule fails the test at the caller's line.
 */
#define junit_parse_file(path, d) \
	junit_parse_file_at((path), (d), __FILE__, __LINE__)
void junit_parse_file_at(const char *path, struct junit_doc *d,
			 const char *file, int line);
void junit_doc_free(struct junit_doc *d);
#define junit_at(d, i) junit_case_at((d), (i), __FILE__, __LINE__)
struct junit_case *junit_case_at(struct junit_doc *d, unsigned int i,
				 const char *file, int line);
/* The attribute's value; fails the test at the caller's line when missing. */
#define junit_attr(t, name) junit_attr_at((t), (name), __FILE__, __LINE__)
const char *junit_attr_at(GHashTable *t, const char *name, const char *file,
			  int line);

/* How many cases have the outcome element @kind. */
unsigned int junit_count_kind(struct junit_doc *d, const char *kind);
/* tests=, failures=, errors= and skipped= of @t agree with the cases. */
#define junit_assert_counts(t, d) \
	junit_check_counts((t), (d), __FILE__, __LINE__)
void junit_check_counts(GHashTable *t, struct junit_doc *d, const char *file,
			int line);

#endif /* TESTS_REPORT_PARSE_UTIL_H */
