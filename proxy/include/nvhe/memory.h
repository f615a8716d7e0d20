/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hyp's linear map of physical memory.  In the simulator a hyp virtual
 * address is a host pointer into the simulated DRAM; a physical address
 * that is not DRAM translates to a pointer that faults when touched, as an
 * unmapped hyp VA would (proxy/hyp/hyp_mem.c).
 */
#ifndef SIM_FAKE_NVHE_MEMORY_H
#define SIM_FAKE_NVHE_MEMORY_H

#include <linux/types.h>

void *sim_hyp_phys_to_virt(phys_addr_t phys);
phys_addr_t sim_hyp_virt_to_phys(const void *addr);

#define hyp_phys_to_virt(phys)	sim_hyp_phys_to_virt(phys)
#define hyp_virt_to_phys(virt)	sim_hyp_virt_to_phys(virt)
#define __hyp_va(phys)		hyp_phys_to_virt(phys)
#define __hyp_pa(virt)		hyp_virt_to_phys((void *)(virt))

#define hyp_phys_to_pfn(phys)	((phys) >> PAGE_SHIFT)
#define hyp_pfn_to_phys(pfn)	((phys_addr_t)((pfn) << PAGE_SHIFT))
#define hyp_virt_to_pfn(virt)	hyp_phys_to_pfn(__hyp_pa(virt))

#endif
