// SPDX-License-Identifier: GPL-2.0-only
/*
 * The hyp's linear map.  DRAM translates to its host backing, so that what
 * ffa.c copies lands in the memory the SPMC reads.  Any other PA translates
 * into a PROT_NONE window: pKVM would have no mapping for it either, and a
 * dereference must fault rather than touch some unrelated host memory.
 */
#include <sys/mman.h>

#include <nvhe/memory.h>

#include "internal.h"

#define UNMAPPED_WINDOW	(64UL << 20)

int hyp_mem_init(void)
{
	void *w = mmap(NULL, UNMAPPED_WINDOW, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (w == MAP_FAILED)
		return -1;
	hyp_env.unmapped = w;
	hyp_env.unmapped_size = UNMAPPED_WINDOW;
	return 0;
}

void hyp_mem_exit(void)
{
	if (hyp_env.unmapped)
		munmap(hyp_env.unmapped, hyp_env.unmapped_size);
	hyp_env.unmapped = NULL;
}

void *sim_hyp_phys_to_virt(phys_addr_t phys)
{
	void *p = physmem_ptr(hyp_env.pm, phys);

	if (p)
		return p;
	return (char *)hyp_env.unmapped + phys % UNMAPPED_WINDOW;
}

phys_addr_t sim_hyp_virt_to_phys(const void *addr)
{
	uint64_t pa;

	if (physmem_pa_of(hyp_env.pm, addr, &pa))
		return pa;
	/*
	 * Only pointers that came from hyp_phys_to_virt() reach here; one into
	 * the unmapped window has lost its PA, so it becomes one that is
	 * certainly not memory.
	 */
	return ~(phys_addr_t)0 & PAGE_MASK;
}
