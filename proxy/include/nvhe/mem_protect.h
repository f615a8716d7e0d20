/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host stage-2 transitions ffa.c makes, implemented by the page-state
 * model in proxy/hyp/pagestate.c (which follows the rules of the tree's
 * mem_protect.c and says which version).
 */
#ifndef SIM_FAKE_NVHE_MEM_PROTECT_H
#define SIM_FAKE_NVHE_MEM_PROTECT_H

#include <linux/types.h>
#include <nvhe/spinlock.h>

int __pkvm_host_share_hyp(u64 pfn);
int __pkvm_host_unshare_hyp(u64 pfn);
int __pkvm_host_share_ffa(u64 pfn, u64 nr_pages);
int __pkvm_host_unshare_ffa(u64 pfn, u64 nr_pages);
int hyp_pin_shared_mem(void *from, void *to);
void hyp_unpin_shared_mem(void *from, void *to);

#endif
