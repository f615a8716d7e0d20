// SPDX-License-Identifier: GPL-2.0-only
/* Simulated physical memory: kinds, translation, safe copies, guard pages. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hw/physmem.h"

#define BASE	0x80000000ULL
#define SIZE	(1ULL << 20)
#define PG	4096

static int setup(void **state)
{
	static struct physmem pm;

	if (physmem_init(&pm, BASE, SIZE, PG))
		return -1;
	*state = &pm;
	return 0;
}

static int teardown(void **state)
{
	physmem_destroy(*state);
	return 0;
}

static void test_init_rejects_bad_banks(void **state)
{
	struct physmem pm;

	(void)state;
	assert_int_equal(physmem_init(&pm, BASE + 1, SIZE, PG), -EINVAL);
	assert_int_equal(physmem_init(&pm, BASE, SIZE + 1, PG), -EINVAL);
	assert_int_equal(physmem_init(&pm, BASE, 0, PG), -EINVAL);
	assert_int_equal(physmem_init(&pm, BASE, SIZE, 3000), -EINVAL);
	assert_int_equal(physmem_init(&pm, ~0ULL & ~(PG - 1ULL), 2 * PG, PG),
			 -EINVAL);
}

static void test_kinds(void **state)
{
	struct physmem *pm = *state;

	assert_int_equal(physmem_add_mmio(pm, 0x9000000, PG, "uart"), 0);
	assert_int_equal(physmem_kind(pm, BASE), PHYS_DRAM);
	assert_int_equal(physmem_kind(pm, BASE + SIZE - 1), PHYS_DRAM);
	assert_int_equal(physmem_kind(pm, BASE + SIZE), PHYS_HOLE);
	assert_int_equal(physmem_kind(pm, BASE - 1), PHYS_HOLE);
	assert_int_equal(physmem_kind(pm, 0x9000000 + PG - 1), PHYS_MMIO);
	assert_int_equal(physmem_kind(pm, 0x9000000 + PG), PHYS_HOLE);
	assert_string_equal(phys_kind_name(PHYS_MMIO), "MMIO");
}

static void test_mmio_overlap_refused(void **state)
{
	struct physmem *pm = *state;

	assert_int_equal(physmem_add_mmio(pm, BASE + SIZE - PG, 2 * PG, "x"),
			 -EINVAL);
	assert_int_equal(physmem_add_mmio(pm, 0x1000, PG, "a"), 0);
	assert_int_equal(physmem_add_mmio(pm, 0x1000 + PG - 1, PG, "b"),
			 -EINVAL);
	assert_int_equal(physmem_add_mmio(pm, 0x1000, 0, "c"), -EINVAL);
}

static void test_pointer_round_trip(void **state)
{
	struct physmem *pm = *state;
	uint8_t *p = physmem_ptr(pm, BASE + 0x1234);
	uint64_t pa = 0;
	int local;

	assert_non_null(p);
	assert_true(physmem_pa_of(pm, p, &pa));
	assert_int_equal(pa, BASE + 0x1234);
	assert_null(physmem_ptr(pm, BASE + SIZE));
	assert_false(physmem_pa_of(pm, &local, &pa));
}

static void test_read_write_bounds(void **state)
{
	struct physmem *pm = *state;
	uint8_t out[8] = { 0 }, in[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	assert_int_equal(physmem_write(pm, BASE + SIZE - 8, in, 8), 0);
	assert_int_equal(physmem_read(pm, BASE + SIZE - 8, out, 8), 0);
	assert_memory_equal(in, out, 8);
	assert_int_equal(physmem_write(pm, BASE + SIZE - 4, in, 8), -EFAULT);
	assert_int_equal(physmem_read(pm, BASE - 4, out, 8), -EFAULT);
	assert_int_equal(physmem_read(pm, ~0ULL - 2, out, 8), -EFAULT);
}

static sigjmp_buf fault_jmp;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(fault_jmp, 1);
}

static void test_guard_pages_fault_and_refuse(void **state)
{
	struct physmem *pm = *state;
	volatile uint8_t *p = physmem_ptr(pm, BASE + PG);
	struct sigaction sa = { .sa_handler = on_segv }, old;
	uint8_t byte = 0;
	uint64_t dist;
	volatile int faulted = 0;

	assert_int_equal(physmem_set_guard(pm, BASE + PG, PG, true), 0);
	assert_int_equal(physmem_kind(pm, BASE + PG + 5), PHYS_GUARD);
	assert_false(physmem_is_ram(pm, BASE + PG - 1, 2));
	assert_true(physmem_is_ram(pm, BASE, PG));
	assert_int_equal(physmem_read(pm, BASE + PG, &byte, 1), -EFAULT);
	assert_string_equal(physmem_nearest(pm, BASE + PG, &dist), "guard page");
	assert_int_equal(dist, 0);

	sigaction(SIGSEGV, &sa, &old);
	if (!sigsetjmp(fault_jmp, 1))
		byte = *p;
	else
		faulted = 1;
	sigaction(SIGSEGV, &old, NULL);
	assert_int_equal(faulted, 1);

	assert_int_equal(physmem_set_guard(pm, BASE + PG, PG, false), 0);
	assert_int_equal(physmem_kind(pm, BASE + PG), PHYS_DRAM);
	p[0] = 7;
	assert_int_equal(physmem_read(pm, BASE + PG, &byte, 1), 0);
	assert_int_equal(byte, 7);
	assert_int_equal(physmem_set_guard(pm, BASE + 1, PG, true), -EINVAL);
}

static void test_nearest_region(void **state)
{
	struct physmem *pm = *state;
	uint64_t dist;

	assert_int_equal(physmem_add_mmio(pm, 0x9000000, PG, "uart"), 0);
	assert_string_equal(physmem_nearest(pm, 0x9000000 + PG + 16, &dist),
			    "uart");
	assert_int_equal(dist, 17);
	assert_string_equal(physmem_nearest(pm, BASE + SIZE + 8, &dist), "DRAM");
	assert_int_equal(dist, 9);
}

static void test_reset_zeroes(void **state)
{
	struct physmem *pm = *state;
	uint8_t one = 1, got = 9;

	assert_int_equal(physmem_write(pm, BASE, &one, 1), 0);
	assert_int_equal(physmem_set_guard(pm, BASE + PG, PG, true), 0);
	physmem_reset(pm);
	assert_int_equal(physmem_read(pm, BASE, &got, 1), 0);
	assert_int_equal(got, 0);
	assert_int_equal(physmem_kind(pm, BASE + PG), PHYS_DRAM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_rejects_bad_banks),
		cmocka_unit_test_setup_teardown(test_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmio_overlap_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pointer_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_write_bounds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guard_pages_fault_and_refuse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nearest_region, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_zeroes, setup, teardown),
	};

	return cmocka_run_group_tests_name("hw physmem", tests, NULL, NULL);
}
