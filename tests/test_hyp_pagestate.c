// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host stage-2 page-state model: every transition ffa.c makes, from
 * legal and illegal starting states, and injected failures.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "proxy/hyp/hyp.h"
#include "tests/el3_double_util.h"

/* The transitions under test, as nvhe/mem_protect.h declares them. */
int __pkvm_host_share_hyp(unsigned long long pfn);
int __pkvm_host_unshare_hyp(unsigned long long pfn);
int __pkvm_host_share_ffa(unsigned long long pfn, unsigned long long n);
int __pkvm_host_unshare_ffa(unsigned long long pfn, unsigned long long n);
int hyp_pin_shared_mem(void *from, void *to);
void hyp_unpin_shared_mem(void *from, void *to);

#define BASE	0x80000000ULL
#define SIZE	(16ULL << 20)
#define MMIO	0x09000000ULL

static struct physmem pm;
static struct el3_double el3;
static size_t pg;

static uint64_t page(unsigned int i)
{
	return BASE + i * pg;
}

static unsigned long long pfn(unsigned int i)
{
	return page(i) / pg;
}

static int setup(void **state)
{
	struct hyp_config cfg = { .smccc_version = 0x10002, .phys_shift = 40 };
	struct smc_conduit c = el3_double_conduit(&el3);
	char err[128];

	(void)state;
	pg = hyp_page_size();
	if (physmem_init(&pm, BASE, SIZE, pg) ||
	    physmem_add_mmio(&pm, MMIO, pg, "uart"))
		return -1;
	el3_double_reset(&el3, 0x10002);
	return hyp_env_init(&pm, &c, &cfg, err, sizeof(err));
}

static int teardown(void **state)
{
	(void)state;
	hyp_env_exit();
	physmem_destroy(&pm);
	return 0;
}

static void assert_page(uint64_t pa, enum hyp_owner owner,
			enum hyp_page_state host, enum hyp_page_state hyp,
			enum hyp_completer completer, unsigned int pins)
{
	struct hyp_page_info info;

	assert_int_equal(hyp_page_info(pa, &info), 0);
	assert_string_equal(hyp_owner_name(info.owner), hyp_owner_name(owner));
	assert_string_equal(hyp_page_state_name(info.host_state),
			    hyp_page_state_name(host));
	assert_string_equal(hyp_page_state_name(info.hyp_state),
			    hyp_page_state_name(hyp));
	assert_string_equal(hyp_completer_name(info.completer),
			    hyp_completer_name(completer));
	assert_int_equal(info.pins, pins);
}

static void assert_host_owned(uint64_t pa)
{
	assert_page(pa, HYP_OWNER_HOST, HYP_PS_OWNED, HYP_PS_NOPAGE,
		    HYP_COMPLETER_NONE, 0);
}

static void test_share_unshare_hyp(void **state)
{
	(void)state;
	assert_host_owned(page(1));
	assert_int_equal(__pkvm_host_unshare_hyp(pfn(1)), -EPERM);
	assert_int_equal(__pkvm_host_share_hyp(pfn(1)), 0);
	assert_page(page(1), HYP_OWNER_HOST, HYP_PS_SHARED_OWNED,
		    HYP_PS_SHARED_BORROWED, HYP_COMPLETER_HYP, 0);
	assert_int_equal(__pkvm_host_share_hyp(pfn(1)), -EPERM);
	assert_int_equal(__pkvm_host_unshare_hyp(pfn(1)), 0);
	assert_host_owned(page(1));
}

static void test_pin_blocks_unshare(void **state)
{
	void *va = physmem_ptr(&pm, page(2));

	(void)state;
	assert_int_equal(hyp_pin_shared_mem(va, (char *)va + 1), -EPERM);
	assert_int_equal(__pkvm_host_share_hyp(pfn(2)), 0);
	assert_int_equal(hyp_pin_shared_mem(va, (char *)va + 1), 0);
	assert_int_equal(hyp_pin_shared_mem(va, (char *)va + 1), 0);
	assert_page(page(2), HYP_OWNER_HOST, HYP_PS_SHARED_OWNED,
		    HYP_PS_SHARED_BORROWED, HYP_COMPLETER_HYP, 2);
	assert_int_equal(__pkvm_host_unshare_hyp(pfn(2)), -EBUSY);
	hyp_unpin_shared_mem(va, (char *)va + 1);
	assert_int_equal(__pkvm_host_unshare_hyp(pfn(2)), -EBUSY);
	hyp_unpin_shared_mem(va, (char *)va + 1);
	assert_int_equal(__pkvm_host_unshare_hyp(pfn(2)), 0);
	assert_host_owned(page(2));
}

static void test_share_ffa_range(void **state)
{
	unsigned int i;

	(void)state;
	assert_int_equal(__pkvm_host_share_ffa(pfn(4), 3), 0);
	for (i = 4; i < 7; i++)
		assert_page(page(i), HYP_OWNER_HOST, HYP_PS_SHARED_OWNED,
			    HYP_PS_NOPAGE, HYP_COMPLETER_FFA, 0);
	assert_host_owned(page(7));
	/* Overlapping an already shared page refuses the whole range. */
	assert_int_equal(__pkvm_host_share_ffa(pfn(6), 2), -EPERM);
	assert_host_owned(page(7));
	assert_int_equal(__pkvm_host_unshare_ffa(pfn(4), 4), -EPERM);
	assert_int_equal(__pkvm_host_unshare_ffa(pfn(4), 3), 0);
	for (i = 4; i < 7; i++)
		assert_host_owned(page(i));
}

static void test_hyp_shared_page_cannot_go_to_ffa(void **state)
{
	(void)state;
	assert_int_equal(__pkvm_host_share_hyp(pfn(8)), 0);
	assert_int_equal(__pkvm_host_share_ffa(pfn(8), 1), -EPERM);
	assert_int_equal(__pkvm_host_share_ffa(pfn(9), 1), 0);
	assert_int_equal(__pkvm_host_share_hyp(pfn(9)), -EPERM);
}

static void test_foreign_pages_refused(void **state)
{
	(void)state;
	assert_int_equal(hyp_pages_set_owner(page(10), 1, HYP_OWNER_GUEST), 0);
	assert_int_equal(hyp_pages_set_owner(page(11), 1, HYP_OWNER_HYP), 0);
	assert_int_equal(__pkvm_host_share_ffa(pfn(10), 1), -EPERM);
	assert_int_equal(__pkvm_host_share_hyp(pfn(10)), -EPERM);
	assert_int_equal(__pkvm_host_share_ffa(pfn(11), 1), -EPERM);
	assert_int_equal(__pkvm_host_share_hyp(pfn(11)), -EPERM);
	assert_page(page(10), HYP_OWNER_GUEST, HYP_PS_NOPAGE, HYP_PS_NOPAGE,
		    HYP_COMPLETER_NONE, 0);
}

static void test_not_memory(void **state)
{
	unsigned long long last = (BASE + SIZE) / pg - 1;

	(void)state;
	assert_int_equal(__pkvm_host_share_ffa(MMIO / pg, 1), -EPERM);
	assert_int_equal(__pkvm_host_share_hyp(MMIO / pg), -EPERM);
	assert_int_equal(__pkvm_host_share_ffa((BASE + SIZE) / pg, 1), -EPERM);
	/* A range that straddles the end of DRAM is malformed, not foreign. */
	assert_int_equal(__pkvm_host_share_ffa(last - 1 - hyp_proxy_nr_pages() - 2, 1), 0);
	assert_int_equal(__pkvm_host_share_ffa(last, 2), -EINVAL);
	assert_int_equal(__pkvm_host_share_ffa(BASE / pg - 1, 2), -EINVAL);
	/* Beyond the host's IPA space. */
	assert_int_equal(__pkvm_host_share_ffa((1ULL << 40) / pg, 1), -EINVAL);
	assert_int_equal(__pkvm_host_share_ffa(pfn(12), ~0ULL), -EINVAL);
}

static void test_proxy_pages_are_hyp_and_guarded(void **state)
{
	uint64_t pa = hyp_proxy_pages_pa();
	unsigned long n = hyp_proxy_nr_pages();

	(void)state;
	assert_true(n >= 3);
	assert_int_equal(pa + (n + 1) * pg, BASE + SIZE);
	assert_page(pa, HYP_OWNER_HYP, HYP_PS_NOPAGE, HYP_PS_OWNED,
		    HYP_COMPLETER_NONE, 0);
	assert_int_equal(physmem_kind(&pm, pa - 1), PHYS_GUARD);
	assert_int_equal(physmem_kind(&pm, pa + n * pg), PHYS_GUARD);
	assert_int_equal(physmem_kind(&pm, pa), PHYS_DRAM);
	assert_int_equal(__pkvm_host_share_ffa(pa / pg, 1), -EPERM);
}

static void test_injected_failures(void **state)
{
	const struct hyp_event *ev;
	size_t n;

	(void)state;
	hyp_events_clear();
	hyp_inject_fail(HYP_OP_SHARE_FFA, -ENOMEM, 1);
	assert_int_equal(__pkvm_host_share_ffa(pfn(13), 1), -ENOMEM);
	assert_host_owned(page(13));
	assert_int_equal(__pkvm_host_share_ffa(pfn(13), 1), 0);
	ev = hyp_events(&n);
	assert_int_equal(n, 2);
	assert_int_equal(ev[0].kind, HYP_EV_PAGE_OP);
	assert_true(ev[0].injected);
	assert_int_equal(ev[0].ret, -ENOMEM);
	assert_false(ev[1].injected);
	assert_int_equal(ev[1].ret, 0);

	hyp_inject_fail(HYP_OP_PIN, -EPERM, 2);
	assert_int_equal(__pkvm_host_share_hyp(pfn(14)), 0);
	assert_int_equal(hyp_pin_shared_mem(physmem_ptr(&pm, page(14)),
					    (char *)physmem_ptr(&pm, page(14)) + 1), -EPERM);
	assert_int_equal(hyp_pin_shared_mem(physmem_ptr(&pm, page(14)),
					    (char *)physmem_ptr(&pm, page(14)) + 1), -EPERM);
	assert_int_equal(hyp_pin_shared_mem(physmem_ptr(&pm, page(14)),
					    (char *)physmem_ptr(&pm, page(14)) + 1), 0);

	hyp_inject_fail(HYP_OP_UNSHARE_FFA, -EPERM, 1);
	hyp_clear_injections();
	assert_int_equal(__pkvm_host_unshare_ffa(pfn(13), 1), 0);
	assert_int_equal(hyp_locks_held(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_share_unshare_hyp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_blocks_unshare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_share_ffa_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hyp_shared_page_cannot_go_to_ffa, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_pages_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proxy_pages_are_hyp_and_guarded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_injected_failures, setup, teardown),
	};

	return cmocka_run_group_tests_name("proxy/hyp page states", tests, NULL, NULL);
}
