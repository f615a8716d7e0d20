// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host SMC path and the smccc bridge around the real ffa.c of this
 * variant: init, version negotiation, FFA_ID_GET, pass-through of other
 * SMCs with the host's x0 as it was, a fault inside EL2 reported
 * instead of killing the process, and an SMC's events handed over whole.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include <generated/sim_variant.h>

#include "proxy/hyp/hyp.h"
#include "spmc_mock/ffa_abi.h"
#include "tests/check_util.h"
#include "tests/el3_double_util.h"


#define BASE	0x80000000ULL
#define SIZE	(16ULL << 20)

static struct physmem pm;
static struct el3_double el3;

static int setup(void **state)
{
	(void)state;
	return el3_double_hyp_up(&el3, &pm, BASE, SIZE, FFA_VERSION_1_2);
}

static int teardown(void **state)
{
	(void)state;
	el3_double_hyp_down(&pm);
	return 0;
}


/* The host's SMC through EL2; a lock left held fails the caller's line. */
#define smc(regs, x0, x1) smc_at((regs), (x0), (x1), __FILE__, __LINE__)

static enum hyp_exit smc_at(uint64_t regs[SMC_NR_REGS], uint64_t x0,
			    uint64_t x1, const char *file, int line)
{
	struct hyp_fault fault;
	enum hyp_exit ret;

	memset(regs, 0, SMC_NR_REGS * sizeof(regs[0]));
	regs[0] = x0;
	regs[1] = x1;
	ret = hyp_host_smc(regs, &fault);
	check_int_at("hyp locks held after the SMC", hyp_locks_held(), 0,
		     "a lock left held deadlocks the next call", file, line);
	return ret;
}


/* ffa.c keeps static state, so the flow is one test, in order. */
static void test_init_negotiate_id_get(void **state)
{
	uint64_t r[SMC_NR_REGS];
	unsigned int before;

	(void)state;
	assert_int_equal(hyp_env_ffa_init(), 0);
	assert_true(el3.nr_calls >= 1);
	assert_int_equal(el3.calls[0].x[0], FFA_VERSION);
	assert_int_equal(el3.origins[0], SMC_FROM_HYP);
	assert_int_equal(FFA_VERSION_MAJOR(el3.calls[0].x[1]), 1);
	assert_true(FFA_VERSION_MINOR(el3.calls[0].x[1]) >= 1);

	/* Anything but FFA_VERSION before negotiation is refused at EL2. */
	before = el3.nr_calls;
	assert_int_equal(smc(r, FFA_ID_GET, 0), HYP_EXIT_HANDLED);
	assert_int_equal(r[0], FFA_ERROR);
	assert_int_equal((int32_t)r[2], FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(el3.nr_calls, before);

	/* Both generations settle on 1.1 when the host asks for it. */
	assert_int_equal(smc(r, FFA_VERSION, FFA_VERSION_1_1), HYP_EXIT_HANDLED);
	assert_int_equal(r[0], FFA_VERSION_1_1);
	assert_int_equal(el3.calls[el3.nr_calls - 2].x[0], FFA_ID_GET);
	assert_int_equal(el3.calls[el3.nr_calls - 1].x[0], FFA_FEATURES);
	assert_int_equal(el3.calls[el3.nr_calls - 1].x[1], FFA_FN64_RXTX_MAP);

	/* FFA_ID_GET is not the proxy's business: EL3 answers it. */
	before = el3.nr_calls;
	r[5] = 0;
	assert_int_equal(smc(r, FFA_ID_GET, 0), HYP_EXIT_FORWARDED);
	assert_int_equal(r[0], FFA_SUCCESS);
	assert_int_equal(r[2], 0);
	assert_int_equal(el3.nr_calls, before + 1);
	assert_int_equal(el3.origins[before], SMC_FROM_HOST);

	/* The SVE hint is cleared for dispatch only: EL3 sees x0 as it was. */
	assert_int_equal(smc(r, FFA_ID_GET | 0x10000, 0), HYP_EXIT_FORWARDED);
	assert_int_equal(el3.calls[el3.nr_calls - 1].x[0], FFA_ID_GET | 0x10000);

	/* A non-FF-A SMC goes through untouched. */
	assert_int_equal(smc(r, 0x84000000, 7), HYP_EXIT_FORWARDED);
	assert_int_equal(el3.calls[el3.nr_calls - 1].x[1], 7);
}

static void test_upper_bits_of_function_id(void **state)
{
	uint64_t r[SMC_NR_REGS];
	unsigned int before = el3.nr_calls;
	enum hyp_exit ret;

	(void)state;
	assert_int_equal(hyp_env_ffa_init(), 0);
	ret = smc(r, (1ULL << 32) | 0x84000000, 0);
	if (SIM_HOST_SMC_REJECTS_UPPER_BITS) {
		assert_int_equal(ret, HYP_EXIT_REJECTED);
		assert_int_equal(r[0], ~0ULL);
		assert_int_equal(el3.nr_calls, before + 1);
	} else {
		assert_int_equal(ret, HYP_EXIT_FORWARDED);
		assert_int_equal(el3.calls[el3.nr_calls - 1].x[0],
				 (1ULL << 32) | 0x84000000);
	}
}

static void test_fault_in_el2_is_reported(void **state)
{
	uint64_t r[SMC_NR_REGS] = { 0x84000000 };
	uint64_t guard = hyp_proxy_pages_pa() - 8;
	struct hyp_fault fault;

	(void)state;
	/* cmocka installs its own SIGSEGV handler around each test. */
	assert_int_equal(hyp_fault_handler_install(), 0);
	el3.touch = physmem_ptr(&pm, guard);
	assert_int_equal(hyp_host_smc(r, &fault), HYP_EXIT_FAULT);
	assert_true(fault.has_pa);
	assert_int_equal(fault.pa, guard);
	assert_string_equal(fault.region, "guard page");
	/* The process lives on and the next SMC works. */
	assert_int_equal(smc(r, 0x84000000, 1), HYP_EXIT_FORWARDED);
}

/* The x1 of the only SMC to EL3 among @n events at @ev; 0 if not one. */
static uint64_t el3_x1_in(const struct hyp_event *ev, size_t n)
{
	size_t i, count = 0;
	uint64_t x1 = 0;

	for (i = 0; i < n; i++) {
		if (ev[i].kind != HYP_EV_SMC_TO_EL3)
			continue;
		count++;
		x1 = ev[i].in.x[1];
	}
	return count == 1 ? x1 : 0;
}

/*
 * The runner's record of each SMC takes the hyp's list of its events
 * rather than a copy; the step's checks read them after that.
 */
static void test_events_taken_whole(void **state)
{
	const char *file = __FILE__;
	const struct hyp_event *ev;
	uint64_t r[SMC_NR_REGS];
	GArray *taken, *second;
	size_t n, first_len;
	int line;

	(void)state;
	assert_int_equal(hyp_env_ffa_init(), 0);
	/* Not FF-A: passed through, one SMC to EL3 with the host's x1. */
	smc(r, 0x84000000, 1);
	ev = hyp_events(&first_len);
	line = __LINE__;
	check_int(el3_x1_in(ev, first_len), 1,
		  "the list taken below would not be the SMC's");

	taken = hyp_events_take(NULL);
	line = __LINE__;
	check_true(taken && (const void *)taken->data == (const void *)ev,
		   "the events were copied, not handed over");
	check_int(taken->len, first_len, "events were lost on the way");
	ev = hyp_events(&n);
	check_true(ev == (const void *)taken->data && n == first_len,
		   "a WARN of the step, read after its hop is recorded, is missed");

	smc(r, 0x84000000, 7);
	ev = hyp_events(&n);
	line = __LINE__;
	check_int(el3_x1_in(ev, n), 7,
		  "hyp_events() answers another SMC's events than the last");
	check_int(taken->len, first_len,
		  "the hyp wrote into a list it had handed over");
	check_int(el3_x1_in((const void *)taken->data, taken->len), 1,
		  "the hyp wrote into a list it had handed over");

	/* The list handed back is emptied and records the next SMC. */
	second = hyp_events_take(taken);
	line = __LINE__;
	check_int(el3_x1_in((const void *)second->data, second->len), 7,
		  "the second list is not the second SMC's");
	check_int(taken->len, 0, "a list handed back keeps old events");
	hyp_events_forget(second);
	hyp_events(&n);
	check_int(n, 0, "hyp_events() reads a list its taker has freed");
	g_array_free(second, TRUE);
	hyp_events_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_negotiate_id_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upper_bits_of_function_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_in_el2_is_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_taken_whole, setup, teardown),
	};

	return cmocka_run_group_tests_name("proxy/hyp host SMC path, " SIM_VARIANT_NAME,
					   tests, NULL, NULL);
}
