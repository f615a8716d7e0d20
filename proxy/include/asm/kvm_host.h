/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slice of <asm/kvm_host.h> that nVHE FF-A code touches: the host's
 * saved registers, the PSCI/SMCCC configuration read by hyp_ffa_init(),
 * and names the tree's asm/kvm_pkvm.h declares against.
 *
 * The real header reaches <linux/bitfield.h> through <asm/sysreg.h>; up to
 * 6.6 the tree's arm_ffa.h uses FIELD_GET()/FIELD_PREP() without including
 * it and relies on that path.
 */
#ifndef SIM_FAKE_ASM_KVM_HOST_H
#define SIM_FAKE_ASM_KVM_HOST_H

#include <linux/types.h>
#include <linux/arm-smccc.h>
#include <linux/bitfield.h>
#include <linux/rbtree.h>
#include <asm/hyp_image.h>

struct user_pt_regs {
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
};

struct kvm_cpu_context {
	struct user_pt_regs regs;
};

struct kvm_host_psci_config {
	u32 version;
	u32 smccc_version;
};

extern struct kvm_host_psci_config kvm_host_psci_config;


struct kvm;
struct kvm_vcpu;

bool kvm_vm_is_protected(struct kvm *kvm);
int kvm_get_cap_for_kvm_ioctl(unsigned int ioctl, long *ext);

/*
 * kvm_pkvm.h switches over these in inlines ffa.c never calls: they only
 * need to be distinct.
 */
enum {
	KVM_CAP_IRQCHIP,
	KVM_CAP_NR_VCPUS,
	KVM_CAP_ARM_PSCI,
	KVM_CAP_MAX_VCPUS,
	KVM_CAP_ARM_PSCI_0_2,
	KVM_CAP_MSI_DEVID,
	KVM_CAP_ARM_VM_IPA_SIZE,
	KVM_CAP_ARM_PTRAUTH_ADDRESS,
	KVM_CAP_ARM_PTRAUTH_GENERIC,
	KVM_CAP_MAX_VCPU_ID,
	KVM_CAP_ARM_MTE,
	KVM_CAP_ARM_EAGER_SPLIT_CHUNK_SIZE,
	KVM_CAP_ARM_SUPPORTED_BLOCK_SIZES,
};

/* The host has no SVE state in the simulator. */
extern unsigned int kvm_host_sve_max_vl;
#define system_supports_sve()		false
#define sve_vq_from_vl(vl)		((vl) / 16)
#define SVE_SIG_REGS_SIZE(vq)		((vq) * 0)

struct cpu_sve_state {
	u64 zcr_el1;
	u32 fpsr;
	u32 fpcr;
	u8 sve_regs[];
};

#endif
