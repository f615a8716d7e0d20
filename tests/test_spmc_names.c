// SPDX-License-Identifier: GPL-2.0-only
/* spmc_mock/ffa_names.c: the name tables the scenario engine relies on. */
#include <string.h>

#include "tests/spmc_test_util.h"

static void test_func_names(void **state)
{
	const char *name;
	uint32_t fid, back;
	size_t i;

	(void)state;
	assert_string_equal(ffa_func_name(0x84000073), "FFA_MEM_SHARE");
	assert_string_equal(ffa_func_name(0xC4000073), "FFA_FN64_MEM_SHARE");
	assert_string_equal(ffa_func_name(0xC400008D),
			    "FFA_FN64_MSG_SEND_DIRECT_REQ2");
	assert_string_equal(ffa_func_name(0x84010063), "FFA_VERSION");
	assert_null(ffa_func_name(0x84000000));
	assert_true(ffa_func_lookup("FFA_FN64_RXTX_MAP", &fid));
	assert_int_equal(fid, 0xC4000066);
	assert_false(ffa_func_lookup("FFA_NOPE", &fid));
	for (i = 0; ffa_func_at(i, &name, &fid); i++) {
		assert_true(ffa_func_lookup(name, &back));
		assert_int_equal(back, fid);
		assert_string_equal(ffa_func_name(fid), name);
	}
	assert_int_equal(i, 60);
}

static void test_error_names(void **state)
{
	const char *name;
	int32_t err;
	size_t i;

	(void)state;
	assert_string_equal(ffa_error_name(-6), "DENIED");
	assert_null(ffa_error_name(-11));
	assert_true(ffa_error_lookup("FFA_RET_BUSY", &err));
	assert_int_equal(err, -4);
	assert_true(ffa_error_lookup("NOT_READY", &err));
	assert_int_equal(err, -10);
	assert_false(ffa_error_lookup("OOPS", &err));
	for (i = 0; ffa_error_at(i, &name, &err); i++)
		assert_int_equal(err, -(int32_t)i);
	assert_int_equal(i, 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_func_names),
		cmocka_unit_test(test_error_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
