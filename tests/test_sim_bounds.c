// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hostile scenario files too large to keep in tests/broken, generated
 * here: each must be refused with its one message, not eat the machine.
 * What they cost once refused is measured by hand (docs/scenario-language.md,
 * "Limits"), never timed here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/lang/scenario.h"
#include "tests/check_util.h"

#include <string.h>

/* The helpers check at the caller's line, through NAME_at(). */
#define load_fails(text, page_size, msg) \
	load_fails_at((text), (page_size), (msg), __FILE__, __LINE__)
#define load_count(text, page_size) \
	load_count_at((text), (page_size), __FILE__, __LINE__)

/* @text must load nothing, with exactly @msg as its one diagnostic. */
static void load_fails_at(const char *text, size_t page_size,
			  const char *msg, const char *file, int line)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	struct diag d;

	diag_init(&d);
	check_true(!scenario_load_string("t.yaml", text, page_size, scens,
					 &d),
		   "hostile input is refused, not run");
	if (diag_count(&d) != 1 || strcmp(diag_message(&d, 0), msg)) {
		print_error("expected the one message\n  %s\ngot:\n", msg);
		diag_print(&d, stderr);
		fail_at(file, line, "hostile input gets one clear message");
	}
	check_int(scens->len, 0, "a file with a mistake runs nothing");
	diag_free(&d);
	g_ptr_array_unref(scens);
}

/* How many scenarios @text, which must load, holds. */
static unsigned int load_count_at(const char *text, size_t page_size,
				  const char *file, int line)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	unsigned int n;
	struct diag d;

	diag_init(&d);
	if (!scenario_load_string("t.yaml", text, page_size, scens, &d)) {
		diag_print(&d, stderr);
		fail_at(file, line, "the text did not load (diagnostics above): it is large but valid");
	}

	n = scens->len;
	diag_free(&d);
	g_ptr_array_unref(scens);
	return n;
}

/* The file: @rows cases, the steps one alias repeated @uses times. */
static char *case_bomb(unsigned int rows, unsigned int uses)
{
	GString *t = g_string_new("name: bomb\ndescription: cases times aliases\ncases:\n");
	unsigned int i;

	for (i = 0; i < rows; i++)
		g_string_append_printf(t, "  - { n: %u }\n", i);
	g_string_append(t, "steps:\n  - &v { call: FFA_VERSION, x1: $n }\n");
	for (i = 1; i < uses; i++)
		g_string_append(t, "  - *v\n");
	return g_string_free(t, FALSE);
}

/*
 * 4,000 rows of 4,000 aliases is 79 KB that once grew to 24 GB; 1,000 by
 * 1,000 took 13 s and 1.8 GB.  Both are refused at the cases: key, before
 * any case loads.
 */
static void test_cases_times_aliases(void **state)
{
	char *big = case_bomb(4000, 4000), *mid = case_bomb(1000, 1000);
	char *fits = case_bomb(20, 1000);

	(void)state;
	load_fails(big, 4096,
		   "t.yaml:4:3: with its cases this file loads more than 250000 nodes (each case loads the scenario again)");
	load_fails(mid, 4096,
		   "t.yaml:4:3: with its cases this file loads more than 250000 nodes (each case loads the scenario again)");
	/* Under the bound the same shape loads, every case of it. */
	assert_int_equal(load_count(fits, 4096), 20);
	g_free(big);
	g_free(mid);
	g_free(fits);
}

/* @len letters 'a', then @tail. */
static char *long_name(size_t len, const char *tail)
{
	char *s = g_malloc(len + strlen(tail) + 1);

	memset(s, 'a', len);
	strcpy(s + len, tail);
	return s;
}

/*
 * Two names of 50 KB one edit apart made the "did you mean" search take
 * 18 s (the distance is quadratic).  A name that long gets no suggestion;
 * the error itself is unchanged.
 */
static void test_long_names_get_no_suggestion(void **state)
{
	char *page = long_name(50000, "b"), *typo = long_name(50000, "c");
	const char *const cands[] = { page };
	char *text, *msg;

	(void)state;
	assert_null(diag_suggest(typo, cands, 1));
	/* Within the cut-off the suggestion still comes. */
	page[DIAG_SUGGEST_MAX_LEN - 1] = 'b';
	page[DIAG_SUGGEST_MAX_LEN] = '\0';
	typo[DIAG_SUGGEST_MAX_LEN - 1] = 'c';
	typo[DIAG_SUGGEST_MAX_LEN] = '\0';
	assert_string_equal(diag_suggest(typo, cands, 1), page);
	g_free(page);
	g_free(typo);

	page = long_name(50000, "b");
	typo = long_name(50000, "c");
	text = g_strdup_printf("name: n\ndescription: d\ncases:\n  - ? %s\n    : 1\n"
			       "steps:\n  - { call: FFA_VERSION, x1: $%s }\n",
			       page, typo);
	msg = g_strdup_printf("t.yaml:7:30: unknown case parameter '$%s'", typo);
	load_fails(text, 4096, msg);
	g_free(msg);
	g_free(text);
	g_free(page);
	g_free(typo);
}

/*
 * At 16K pages a count of 2^62 pages times four 4K pages each was 0: a
 * range of no pages that reached the proxy.  The bound is the 32-bit
 * field over the ratio.
 */
static void test_page_count_cannot_wrap(void **state)
{
	static const char head[] =
		"name: n\ndescription: d\n"
		"setup: { spmc: { partitions: [{ id: 0x8001, name: sp1 }] }, pages: [buf] }\n"
		"steps:\n  - share: { to: [{ id: sp1 }], ranges: [{ at: buf, pages: %s }] }\n";
	char *wrap = g_strdup_printf(head, "0x4000000000000000");
	char *over = g_strdup_printf(head, "0x40000000");
	char *most = g_strdup_printf(head, "0x3fffffff");

	(void)state;
	load_fails(wrap, 16384,
		   "t.yaml:5:60: 0x4000000000000000 pages of 16 KiB do not fit a range's 32-bit count of 4 KiB pages: at most 0x3fffffff");
	load_fails(over, 16384,
		   "t.yaml:5:60: 0x40000000 pages of 16 KiB do not fit a range's 32-bit count of 4 KiB pages: at most 0x3fffffff");
	assert_int_equal(load_count(most, 16384), 1);
	g_free(wrap);
	g_free(over);
	g_free(most);
}

/* DRAM at 0 loads; a size the hyp model cannot keep states for does not. */
static void test_dram_bounds(void **state)
{
	static const char head[] =
		"name: n\ndescription: d\nsetup: { memory: { %s } }\n"
		"steps:\n  - call: FFA_VERSION\n";
	char *at0 = g_strdup_printf(head, "dram_base: 0");
	char *most = g_strdup_printf(head, "dram_size: 4G");
	char *huge = g_strdup_printf(head, "dram_size: 4G + 4096");
	char *big64k = g_strdup_printf(head, "dram_size: 64G");

	(void)state;
	assert_int_equal(load_count(at0, 4096), 1);
	assert_int_equal(load_count(most, 4096), 1);
	load_fails(huge, 4096,
		   "t.yaml:3:31: dram_size is at most 1048576 pages (4096M at 4K pages): ffa-sim keeps the state of every page");
	/* The bound is in pages: 64K pages make it 64G. */
	assert_int_equal(load_count(big64k, 65536), 1);
	g_free(at0);
	g_free(most);
	g_free(huge);
	g_free(big64k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases_times_aliases),
		cmocka_unit_test(test_long_names_get_no_suggestion),
		cmocka_unit_test(test_page_count_cannot_wrap),
		cmocka_unit_test(test_dram_bounds),
	};

	return cmocka_run_group_tests_name("sim_bounds", tests, NULL, NULL);
}
