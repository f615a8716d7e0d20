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
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "proxy/hyp/hyp.h"
#include "proxy/hyp/internal.h"
#include "tests/check_util.h"
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

/* The page's whole state, both sides shown at the caller's line. */
#define assert_page(pa, owner, host, hyp, completer, pins) \
	assert_page_at((pa), (owner), (host), (hyp), (completer), (pins), \
		       __FILE__, __LINE__)
#define assert_host_owned(pa) \
	assert_page_at((pa), HYP_OWNER_HOST, HYP_PS_OWNED, HYP_PS_NOPAGE, \
		       HYP_COMPLETER_NONE, 0, __FILE__, __LINE__)

static void assert_page_at(uint64_t pa, enum hyp_owner owner,
			   enum hyp_page_state host, enum hyp_page_state hyp,
			   enum hyp_completer completer, unsigned int pins,
			   const char *file, int line)
{
	struct hyp_page_info info;

	check_int_at("hyp_page_info()", hyp_page_info(pa, &info), 0,
		     "every page of DRAM has a state", file, line);
	if (info.owner == owner && info.host_state == host &&
	    info.hyp_state == hyp && info.completer == completer &&
	    info.pins == pins)
		return;
	fail_at(file, line, "page %#llx: expected owner %s, host %s, hyp %s, completer %s, %u pins; got owner %s, host %s, hyp %s, completer %s, %u pins: the model must make pKVM's transitions",
		(unsigned long long)pa, hyp_owner_name(owner),
		hyp_page_state_name(host), hyp_page_state_name(hyp),
		hyp_completer_name(completer), pins,
		hyp_owner_name(info.owner),
		hyp_page_state_name(info.host_state),
		hyp_page_state_name(info.hyp_state),
		hyp_completer_name(info.completer), info.pins);
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

/*
 * hyp_page_ref_dec() BUGs on a page nobody pinned: unpinning a range one
 * page too long must panic at EL2, not wrap the pin count, and the pages
 * before the unpinned one have lost their pin as on hardware.
 */
static void test_unpin_unpinned_bugs(void **state)
{
	void *va = physmem_ptr(&pm, page(8));
	struct hyp_catch c = { .armed = true };
	volatile bool returned = false;

	(void)state;
	assert_int_equal(__pkvm_host_share_hyp(pfn(8)), 0);
	assert_int_equal(__pkvm_host_share_hyp(pfn(9)), 0);
	assert_int_equal(hyp_pin_shared_mem(va, (char *)va + 1), 0);
	hyp_catch = &c;
	if (!sigsetjmp(c.env, 1)) {
		hyp_unpin_shared_mem(va, (char *)va + 2 * pg);
		returned = true;
	}
	hyp_catch = NULL;
	if (returned)
		fail_msg("unpinning a page with no pin returned; expected a BUG at EL2 (hyp_page_ref_dec() BUGs on a zero count), else the pin count wraps and the page can never be unshared");
	if (!c.fault.func || strcmp(c.fault.func, "hyp_unpin_shared_mem"))
		fail_msg("the BUG came from %s; expected hyp_unpin_shared_mem, the unpin of the page with no pin",
			 c.fault.func ? c.fault.func : "nowhere");
	assert_page(page(8), HYP_OWNER_HOST, HYP_PS_SHARED_OWNED,
		    HYP_PS_SHARED_BORROWED, HYP_COMPLETER_HYP, 0);
	assert_page(page(9), HYP_OWNER_HOST, HYP_PS_SHARED_OWNED,
		    HYP_PS_SHARED_BORROWED, HYP_COMPLETER_HYP, 0);
	if (hyp_locks_held())
		fail_msg("%u hyp locks held after the BUG; expected none, the model releases its lock before BUG() so the next test's SMCs do not deadlock",
			 hyp_locks_held());
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

/*
 * A zero-page range: 7.x's check_range_allowed_memory() compares the
 * ranges of start and end - 1, so an empty range inside memory passes
 * and changes nothing, one at the first page of DRAM straddles (start - 1
 * is not memory), and one in MMIO is not memory.
 */
static void test_empty_range(void **state)
{
	(void)state;
	assert_int_equal(__pkvm_host_share_ffa(pfn(14), 0), 0);
	assert_host_owned(page(14));
	assert_int_equal(__pkvm_host_unshare_ffa(pfn(14), 0), 0);
	assert_host_owned(page(14));
	assert_int_equal(__pkvm_host_share_ffa(BASE / pg, 0), -EINVAL);
	assert_int_equal(__pkvm_host_share_ffa(MMIO / pg + 1, 0), -EPERM);
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

/* A check at the test's own line. */
#define check_here(got, want, why) \
	check_int_at(#got, (long long)(got), (long long)(want), (why), \
		     __FILE__, __LINE__)

/* The runner looks at a call's events only when this count has a WARN. */
static void test_warn_count(void **state)
{
	struct hyp_event warn = { .kind = HYP_EV_WARN, .what = "cond" };
	GArray *list;

	(void)state;
	hyp_events_clear();
	assert_int_equal(__pkvm_host_share_ffa(pfn(15), 1), 0);
	check_here(hyp_warn_count(), 0,
		   "a page operation's event is no WARN");
	hyp_event_add(&warn);
	assert_int_equal(__pkvm_host_unshare_ffa(pfn(15), 1), 0);
	check_here(hyp_warn_count(), 1,
		   "one WARN among three events");
	list = hyp_events_take(NULL);
	check_here(hyp_warn_count(), 1,
		   "a list handed over is still what hyp_events() answers");
	assert_int_equal(__pkvm_host_share_ffa(pfn(15), 1), 0);
	check_here(hyp_warn_count(), 0,
		   "the next event starts a list without a WARN");
	hyp_events_clear();
	check_here(hyp_warn_count(), 0,
		   "cleared with the events it counts");
	assert_int_equal(__pkvm_host_unshare_ffa(pfn(15), 1), 0);
	g_array_free(list, TRUE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_share_unshare_hyp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warn_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_blocks_unshare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unpin_unpinned_bugs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_share_ffa_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hyp_shared_page_cannot_go_to_ffa, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_pages_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proxy_pages_are_hyp_and_guarded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_injected_failures, setup, teardown),
	};

	return cmocka_run_group_tests_name("proxy/hyp page states", tests, NULL, NULL);
}
