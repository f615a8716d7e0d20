// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host stage-2 page-state model behind nvhe/mem_protect.h.
 *
 * It follows the rules of mem_protect.c in Linux 7.3 (the same observable
 * rules as 6.12's do_share()/do_unshare() for these transitions):
 *  - a range must lie wholly inside memory or wholly outside it (-EINVAL
 *    otherwise), and must be memory (-EPERM for MMIO and holes);
 *  - FF-A transitions also check the PFN range against the host's IPA
 *    size (-EINVAL);
 *  - every page must be in the state the transition starts from (-EPERM);
 *  - unsharing from the hyp fails with -EBUSY while the page is pinned.
 * Like pKVM, the checks look at the host's state only for FF-A: the model
 * also records the completer so that "shared with FF-A" can be asserted.
 *
 * Several CPUs call these at once: everything a transition reads or
 * changes, its injected failures included, is under host_mmu_lock, as in
 * pKVM.
 */
#include <stdlib.h>

#include <nvhe/mem_protect.h>
#include <nvhe/memory.h>

#include "internal.h"

struct page_meta {
	unsigned char owner;		/* enum hyp_owner */
	unsigned char host_state;	/* enum hyp_page_state */
	unsigned char hyp_state;
	unsigned char completer;	/* enum hyp_completer */
	unsigned int refcount;
};

struct injection {
	int err;
	unsigned int skip;	/* calls that still succeed first */
	unsigned int times;
};

static struct page_meta *pages;
static uint64_t nr_pages;
static struct injection injections[HYP_OP_COUNT];
static DEFINE_HYP_SPINLOCK(host_mmu_lock);
static DEFINE_HYP_SPINLOCK(hyp_pgd_lock);

int pagestate_init(void)
{
	uint64_t i;

	nr_pages = hyp_env.pm->dram_size / PAGE_SIZE;
	pages = calloc(nr_pages, sizeof(*pages));
	if (!pages)
		return -ENOMEM;
	for (i = 0; i < nr_pages; i++) {
		pages[i].owner = HYP_OWNER_HOST;
		pages[i].host_state = HYP_PS_OWNED;
		pages[i].hyp_state = HYP_PS_NOPAGE;
	}
	hyp_clear_injections();
	/* Every page starts in the same state: nothing has changed yet. */
	hyp_touched_clear();
	return 0;
}

void pagestate_exit(void)
{
	free(pages);
	pages = NULL;
	nr_pages = 0;
}

static struct page_meta *meta_of(u64 phys)
{
	u64 base = hyp_env.pm->dram_base;

	if (phys < base || (phys - base) / PAGE_SIZE >= nr_pages)
		return NULL;
	return &pages[(phys - base) / PAGE_SIZE];
}

static void record(enum hyp_op op, u64 pfn, u64 n, int ret, bool injected)
{
	struct hyp_event ev = {
		.kind = HYP_EV_PAGE_OP,
		.op = op,
		.pfn = pfn,
		.nr_pages = n,
		.ret = ret,
		.injected = injected,
	};

	hyp_event_add(&ev);
}

static bool take_injection(enum hyp_op op, int *err)
{
	struct injection *inj = &injections[op];

	if (!inj->times)
		return false;
	if (inj->skip) {
		inj->skip--;
		return false;
	}
	inj->times--;
	*err = inj->err;
	return true;
}

/* Which of pKVM's memory ranges addr falls in: below, in or above DRAM. */
static int mem_range_of(u64 addr)
{
	u64 base = hyp_env.pm->dram_base;

	if (addr < base)
		return 0;
	return addr - base < hyp_env.pm->dram_size ? 1 : 2;
}

/*
 * check_range_allowed_memory(): a range may not straddle memory and
 * non-memory, and must be memory.  As in 7.x, the check is that start
 * and end - 1 lie in one range: an empty range inside memory (a
 * zero-page constituent) passes, and changes no page (6.12's page-table
 * walk over zero bytes accepts it too).
 */
static int check_allowed_memory(u64 start, u64 end)
{
	if (mem_range_of(start) != mem_range_of(end - 1))
		return -EINVAL;
	return mem_range_of(start) == 1 ? 0 : -EPERM;
}

static bool pfn_range_is_valid(u64 pfn, u64 n)
{
	u64 limit = 1ULL << (hyp_env.cfg.phys_shift - PAGE_SHIFT);

	return pfn < limit && limit - pfn >= n;
}

static int check_host_range(u64 phys, u64 size, enum hyp_page_state want)
{
	u64 addr;
	int ret;

	ret = check_allowed_memory(phys, phys + size);
	if (ret)
		return ret;
	for (addr = phys; addr < phys + size; addr += PAGE_SIZE)
		if (meta_of(addr)->host_state != want)
			return -EPERM;
	return 0;
}

static int check_hyp_range(u64 phys, u64 size, enum hyp_page_state want)
{
	u64 addr;

	for (addr = phys; addr < phys + size; addr += PAGE_SIZE)
		if (meta_of(addr)->hyp_state != want)
			return -EPERM;
	return 0;
}

static void set_range(u64 phys, u64 size, enum hyp_page_state host,
		      enum hyp_page_state hyp, enum hyp_completer completer,
		      bool set_hyp)
{
	u64 addr;

	for (addr = phys; addr < phys + size; addr += PAGE_SIZE) {
		struct page_meta *m = meta_of(addr);

		m->host_state = host;
		m->completer = completer;
		if (set_hyp)
			m->hyp_state = hyp;
	}
	hyp_touched_add(phys, size / PAGE_SIZE);
}

static void lock_both(void)
{
	hyp_spin_lock(&host_mmu_lock);
	hyp_spin_lock(&hyp_pgd_lock);
}

static void unlock_both(void)
{
	hyp_spin_unlock(&hyp_pgd_lock);
	hyp_spin_unlock(&host_mmu_lock);
}

int __pkvm_host_share_hyp(u64 pfn)
{
	u64 phys = hyp_pfn_to_phys(pfn);
	int ret;

	lock_both();
	if (take_injection(HYP_OP_SHARE_HYP, &ret)) {
		unlock_both();
		record(HYP_OP_SHARE_HYP, pfn, 1, ret, true);
		return ret;
	}
	ret = check_host_range(phys, PAGE_SIZE, HYP_PS_OWNED);
	if (!ret)
		ret = check_hyp_range(phys, PAGE_SIZE, HYP_PS_NOPAGE);
	if (!ret)
		set_range(phys, PAGE_SIZE, HYP_PS_SHARED_OWNED,
			  HYP_PS_SHARED_BORROWED, HYP_COMPLETER_HYP, true);
	unlock_both();
	record(HYP_OP_SHARE_HYP, pfn, 1, ret, false);
	return ret;
}

int __pkvm_host_unshare_hyp(u64 pfn)
{
	u64 phys = hyp_pfn_to_phys(pfn);
	int ret;

	lock_both();
	if (take_injection(HYP_OP_UNSHARE_HYP, &ret)) {
		unlock_both();
		record(HYP_OP_UNSHARE_HYP, pfn, 1, ret, true);
		return ret;
	}
	ret = check_host_range(phys, PAGE_SIZE, HYP_PS_SHARED_OWNED);
	if (!ret)
		ret = check_hyp_range(phys, PAGE_SIZE, HYP_PS_SHARED_BORROWED);
	if (!ret && meta_of(phys)->refcount)
		ret = -EBUSY;
	if (!ret)
		set_range(phys, PAGE_SIZE, HYP_PS_OWNED, HYP_PS_NOPAGE,
			  HYP_COMPLETER_NONE, true);
	unlock_both();
	record(HYP_OP_UNSHARE_HYP, pfn, 1, ret, false);
	return ret;
}

static int ffa_transition(enum hyp_op op, u64 pfn, u64 n,
			  enum hyp_page_state from, enum hyp_page_state to,
			  enum hyp_completer completer)
{
	u64 phys = hyp_pfn_to_phys(pfn);
	int ret;

	hyp_spin_lock(&host_mmu_lock);
	if (take_injection(op, &ret)) {
		hyp_spin_unlock(&host_mmu_lock);
		record(op, pfn, n, ret, true);
		return ret;
	}
	if (!pfn_range_is_valid(pfn, n)) {
		hyp_spin_unlock(&host_mmu_lock);
		record(op, pfn, n, -EINVAL, false);
		return -EINVAL;
	}
	ret = check_host_range(phys, PAGE_SIZE * n, from);
	if (!ret)
		set_range(phys, PAGE_SIZE * n, to, 0, completer, false);
	hyp_spin_unlock(&host_mmu_lock);
	record(op, pfn, n, ret, false);
	return ret;
}

int __pkvm_host_share_ffa(u64 pfn, u64 n)
{
	return ffa_transition(HYP_OP_SHARE_FFA, pfn, n, HYP_PS_OWNED,
			      HYP_PS_SHARED_OWNED, HYP_COMPLETER_FFA);
}

int __pkvm_host_unshare_ffa(u64 pfn, u64 n)
{
	return ffa_transition(HYP_OP_UNSHARE_FFA, pfn, n, HYP_PS_SHARED_OWNED,
			      HYP_PS_OWNED, HYP_COMPLETER_NONE);
}

int hyp_pin_shared_mem(void *from, void *to)
{
	u64 start = ALIGN_DOWN((u64)(uintptr_t)from, PAGE_SIZE);
	u64 end = PAGE_ALIGN((u64)(uintptr_t)to);
	u64 phys = __hyp_pa(start);
	u64 addr;
	int ret;

	lock_both();
	if (take_injection(HYP_OP_PIN, &ret)) {
		unlock_both();
		record(HYP_OP_PIN, phys >> PAGE_SHIFT, (end - start) / PAGE_SIZE,
		       ret, true);
		return ret;
	}
	ret = check_host_range(phys, end - start, HYP_PS_SHARED_OWNED);
	if (!ret)
		ret = check_hyp_range(phys, end - start, HYP_PS_SHARED_BORROWED);
	if (!ret) {
		for (addr = phys; addr < phys + (end - start); addr += PAGE_SIZE)
			meta_of(addr)->refcount++;
		hyp_touched_add(phys, (end - start) / PAGE_SIZE);
	}
	unlock_both();
	record(HYP_OP_PIN, phys >> PAGE_SHIFT, (end - start) / PAGE_SIZE, ret,
	       false);
	return ret;
}

void hyp_unpin_shared_mem(void *from, void *to)
{
	u64 start = ALIGN_DOWN((u64)(uintptr_t)from, PAGE_SIZE);
	u64 end = PAGE_ALIGN((u64)(uintptr_t)to);
	u64 phys = __hyp_pa(start);
	u64 addr;

	lock_both();
	/* Before the loop: a BUG half-way leaves the first pages unpinned. */
	hyp_touched_add(phys, (end - start) / PAGE_SIZE);
	for (addr = phys; addr < phys + (end - start); addr += PAGE_SIZE) {
		struct page_meta *m = meta_of(addr);

		/* hyp_page_ref_dec() BUGs on an unpinned page. */
		if (!m || !m->refcount) {
			unlock_both();
			BUG();
		}
		m->refcount--;
	}
	unlock_both();
}

int hyp_pages_set_owner(uint64_t pa, uint64_t n, enum hyp_owner owner)
{
	uint64_t addr;

	if (pa % PAGE_SIZE || !n || !meta_of(pa) ||
	    !meta_of(pa + (n - 1) * PAGE_SIZE))
		return -EINVAL;
	for (addr = pa; addr < pa + n * PAGE_SIZE; addr += PAGE_SIZE) {
		struct page_meta *m = meta_of(addr);

		m->owner = owner;
		m->completer = HYP_COMPLETER_NONE;
		m->refcount = 0;
		m->host_state = owner == HYP_OWNER_HOST ? HYP_PS_OWNED :
			       HYP_PS_NOPAGE;
		m->hyp_state = owner == HYP_OWNER_HYP ? HYP_PS_OWNED :
			      HYP_PS_NOPAGE;
	}
	hyp_touched_add(pa, n);
	return 0;
}

int hyp_page_info(uint64_t pa, struct hyp_page_info *info)
{
	struct page_meta *m = meta_of(pa);

	info->kind = physmem_kind(hyp_env.pm, pa);
	if (!m) {
		info->owner = HYP_OWNER_NONE;
		info->host_state = HYP_PS_NOPAGE;
		info->hyp_state = HYP_PS_NOPAGE;
		info->completer = HYP_COMPLETER_NONE;
		info->pins = 0;
		return -ENOENT;
	}
	info->owner = m->owner;
	info->host_state = m->host_state;
	info->hyp_state = m->hyp_state;
	info->completer = m->completer;
	info->pins = m->refcount;
	return 0;
}

void hyp_inject_fail(enum hyp_op op, int err, unsigned int times)
{
	hyp_inject_fail_after(op, err, 0, times);
}

void hyp_inject_fail_after(enum hyp_op op, int err, unsigned int skip,
			   unsigned int times)
{
	injections[op].err = err;
	injections[op].skip = skip;
	injections[op].times = times;
}

void hyp_clear_injections(void)
{
	memset(injections, 0, sizeof(injections));
}

size_t hyp_page_size(void)
{
	return PAGE_SIZE;
}
