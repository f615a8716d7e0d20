/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Types that the tree's asm/kvm_pkvm.h names in declarations.  ffa.c never
 * walks a page table; the host stage-2 lives in proxy/hyp/pagestate.c.
 */
#ifndef SIM_FAKE_ASM_KVM_PGTABLE_H
#define SIM_FAKE_ASM_KVM_PGTABLE_H

#include <linux/types.h>
#include <asm/kvm_host.h>

typedef u64 kvm_pte_t;

#define KVM_PGTABLE_FIRST_LEVEL		-1
#define KVM_PGTABLE_LAST_LEVEL		3

/*
 * Before LPA2 (6.9) levels ran from 0 to the last one and the tree's
 * kvm_pkvm.h sized its page-table reservations with this count, in inlines
 * that ffa.c never calls.
 */
#define KVM_PGTABLE_MAX_LEVELS		(KVM_PGTABLE_LAST_LEVEL + 1U)

enum kvm_pgtable_prot {
	KVM_PGTABLE_PROT_X = BIT(0),
	KVM_PGTABLE_PROT_W = BIT(1),
	KVM_PGTABLE_PROT_R = BIT(2),
};

enum kvm_pgtable_walk_flags {
	KVM_PGTABLE_WALK_LEAF = BIT(0),
};

struct kvm_pgtable {
	u32 ia_bits;
};

struct kvm_pgtable_mm_ops;
struct kvm_s2_mmu;
struct kvm_mmu_memory_cache;

#endif
