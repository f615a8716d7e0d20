// SPDX-License-Identifier: GPL-2.0-only
/* Diagnostics sink and "did you mean" suggestions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/lang/diag.h"

#include <string.h>

static struct src_pos at(const char *file, unsigned int line, unsigned int col)
{
	return (struct src_pos){ file, line, col };
}

static void test_format_with_position(void **state)
{
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(diag_count(&d), 0);
	diag_error(&d, at("s.yaml", 7, 13), "unknown name '%s'", "FOO");
	diag_error(&d, at("s.yaml", 1, 1), "second");
	assert_int_equal(diag_count(&d), 2);
	assert_string_equal(diag_message(&d, 0),
			    "s.yaml:7:13: unknown name 'FOO'");
	assert_string_equal(diag_message(&d, 1), "s.yaml:1:1: second");
	assert_null(diag_message(&d, 2));
	diag_free(&d);
}

static void test_format_without_line_or_file(void **state)
{
	struct diag d;

	(void)state;
	diag_init(&d);
	diag_error(&d, at("gone.yaml", 0, 0), "cannot read: %s", "nope");
	diag_error(&d, at(NULL, 2, 3), "anonymous");
	assert_string_equal(diag_message(&d, 0),
			    "gone.yaml: cannot read: nope");
	assert_string_equal(diag_message(&d, 1), "<input>:2:3: anonymous");
	diag_free(&d);
}

static void test_print_and_clear(void **state)
{
	struct diag d;
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	(void)state;
	assert_non_null(out);
	diag_init(&d);
	diag_error(&d, at("a", 1, 2), "one");
	diag_error(&d, at("b", 3, 4), "two");
	diag_print(&d, out);
	fclose(out);
	assert_string_equal(buf, "a:1:2: one\nb:3:4: two\n");
	free(buf);

	diag_clear(&d);
	assert_int_equal(diag_count(&d), 0);
	diag_error(&d, at("c", 5, 6), "three");
	assert_string_equal(diag_message(&d, 0), "c:5:6: three");
	diag_free(&d);
	/* Freeing twice must be harmless: error paths do it. */
	diag_free(&d);
	assert_int_equal(diag_count(&d), 0);
}

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(diag_edit_distance("", ""), 0);
	assert_int_equal(diag_edit_distance("abc", ""), 3);
	assert_int_equal(diag_edit_distance("", "ab"), 2);
	assert_int_equal(diag_edit_distance("expect", "expect"), 0);
	assert_int_equal(diag_edit_distance("expct", "expect"), 1);
	assert_int_equal(diag_edit_distance("expectt", "expect"), 1);
	assert_int_equal(diag_edit_distance("exbect", "expect"), 1);
	/* A transposition is one edit, not two. */
	assert_int_equal(diag_edit_distance("FFA_MEM_SHAER", "FFA_MEM_SHARE"),
			 1);
	assert_int_equal(diag_edit_distance("ab", "ba"), 1);
	assert_int_equal(diag_edit_distance("abcd", "badc"), 2);
	/* Case does not count. */
	assert_int_equal(diag_edit_distance("ffa_mem_share", "FFA_MEM_SHARE"),
			 0);
	assert_int_equal(diag_edit_distance("kitten", "sitting"), 3);
}

static const char *const functions[] = {
	"FFA_VERSION", "FFA_MEM_SHARE", "FFA_MEM_LEND", "FFA_FN64_MEM_SHARE",
	"FFA_MEM_RECLAIM",
};

static void test_suggest_closest(void **state)
{
	(void)state;
	assert_string_equal(diag_suggest("FFA_MEM_SHAER", functions, 5),
			    "FFA_MEM_SHARE");
	assert_string_equal(diag_suggest("ffa_mem_lend", functions, 5),
			    "FFA_MEM_LEND");
	assert_string_equal(diag_suggest("FFA_VERSOIN", functions, 5),
			    "FFA_VERSION");
	assert_string_equal(diag_suggest("FFA_FN64_MEMSHARE", functions, 5),
			    "FFA_FN64_MEM_SHARE");
	assert_null(diag_suggest("FFA_RXTX_MAP", functions, 5));
	assert_null(diag_suggest("FFA_MEM_SHAER", functions, 0));
}

static void test_suggest_threshold(void **state)
{
	static const char *const six[] = { "abcxyz", "abcdxy" };
	static const char *const keys[] = { "x2", "y3" };

	(void)state;
	/* len 6: up to 2 edits. */
	assert_null(diag_suggest("abcdef", six, 1));
	assert_string_equal(diag_suggest("abcdef", six, 2), "abcdxy");
	/* Short words still get one edit. */
	assert_string_equal(diag_suggest("x1", keys, 2), "x2");
	assert_null(diag_suggest("z1", keys + 1, 1));
	/* An empty word is near everything short: no suggestion. */
	assert_null(diag_suggest("", keys, 2));
}

static void test_suggest_ties_and_nulls(void **state)
{
	static const char *const cands[] = { NULL, "hi", "lo", NULL };
	struct diag_suggester s;

	(void)state;
	/* "ho" is one edit from both: the first listed wins. */
	assert_string_equal(diag_suggest("ho", cands, 4), "hi");
	assert_string_equal(diag_suggest("low", cands, 4), "lo");

	/* A closer candidate seen later replaces an earlier one. */
	diag_suggester_init(&s, "expect");
	diag_suggester_add(&s, "expert");
	diag_suggester_add(&s, NULL);
	diag_suggester_add(&s, "EXPECT");
	assert_string_equal(s.best, "EXPECT");
	assert_int_equal(s.best_distance, 0);
	assert_int_equal(s.limit, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_with_position),
		cmocka_unit_test(test_format_without_line_or_file),
		cmocka_unit_test(test_print_and_clear),
		cmocka_unit_test(test_edit_distance),
		cmocka_unit_test(test_suggest_closest),
		cmocka_unit_test(test_suggest_threshold),
		cmocka_unit_test(test_suggest_ties_and_nulls),
	};

	return cmocka_run_group_tests_name("sim_diag", tests, NULL, NULL);
}
