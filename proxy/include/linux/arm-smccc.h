/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMC Calling Convention (Arm DEN0028) as ffa.c sees it, for every
 * generation of the call that the proxy has used:
 *
 *  - arm_smccc_1_1_smc(a0, ..., a7, &res) with struct arm_smccc_res
 *    (x0..x3 come back; 6.x up to about 6.15);
 *  - arm_smccc_1_2_smc(&args, &res) with struct arm_smccc_1_2_regs
 *    (x0..x17 both ways; about 6.16 on, and under the tree's own
 *    hyp_smccc_1_2_smc() wrapper from 7.2).
 *
 * All of them end in sim_smccc_call() (proxy/hyp/smccc.c), which hands
 * the registers to the simulated EL3.
 */
#ifndef SIM_FAKE_LINUX_ARM_SMCCC_H
#define SIM_FAKE_LINUX_ARM_SMCCC_H

#include <linux/types.h>

#define ARM_SMCCC_STD_CALL		0UL
#define ARM_SMCCC_FAST_CALL		1UL
#define ARM_SMCCC_TYPE_SHIFT		31

#define ARM_SMCCC_SMC_32		0
#define ARM_SMCCC_SMC_64		1
#define ARM_SMCCC_CALL_CONV_SHIFT	30

#define ARM_SMCCC_OWNER_MASK		0x3f
#define ARM_SMCCC_OWNER_SHIFT		24
#define ARM_SMCCC_FUNC_MASK		0xffff

#define ARM_SMCCC_IS_FAST_CALL(id)	\
	((id) & (ARM_SMCCC_FAST_CALL << ARM_SMCCC_TYPE_SHIFT))
#define ARM_SMCCC_IS_64(id)		\
	((id) & (ARM_SMCCC_SMC_64 << ARM_SMCCC_CALL_CONV_SHIFT))
#define ARM_SMCCC_FUNC_NUM(id)		((id) & ARM_SMCCC_FUNC_MASK)
#define ARM_SMCCC_OWNER_NUM(id)		\
	(((id) >> ARM_SMCCC_OWNER_SHIFT) & ARM_SMCCC_OWNER_MASK)

#define ARM_SMCCC_CALL_VAL(type, calling_convention, owner, func_num)	\
	(((type) << ARM_SMCCC_TYPE_SHIFT) |				\
	 ((calling_convention) << ARM_SMCCC_CALL_CONV_SHIFT) |		\
	 (((owner) & ARM_SMCCC_OWNER_MASK) << ARM_SMCCC_OWNER_SHIFT) |	\
	 ((func_num) & ARM_SMCCC_FUNC_MASK))

#define ARM_SMCCC_OWNER_ARCH		0
#define ARM_SMCCC_OWNER_CPU		1
#define ARM_SMCCC_OWNER_SIP		2
#define ARM_SMCCC_OWNER_OEM		3
#define ARM_SMCCC_OWNER_STANDARD	4
#define ARM_SMCCC_OWNER_STANDARD_HYP	5
#define ARM_SMCCC_OWNER_VENDOR_HYP	6
#define ARM_SMCCC_OWNER_TRUSTED_APP	48
#define ARM_SMCCC_OWNER_TRUSTED_OS	50

/* SMCCC 1.3: bit 16 of the function ID says the caller has no live SVE state. */
#define ARM_SMCCC_1_3_SVE_HINT		0x10000
#define ARM_SMCCC_CALL_HINTS		ARM_SMCCC_1_3_SVE_HINT

#define ARM_SMCCC_VERSION_1_0		0x10000
#define ARM_SMCCC_VERSION_1_1		0x10001
#define ARM_SMCCC_VERSION_1_2		0x10002
#define ARM_SMCCC_VERSION_1_3		0x10003

#define SMCCC_RET_SUCCESS		0
#define SMCCC_RET_NOT_SUPPORTED		-1
#define SMCCC_RET_NOT_REQUIRED		-2
#define SMCCC_RET_INVALID_PARAMETER	-3

struct arm_smccc_res {
	unsigned long a0;
	unsigned long a1;
	unsigned long a2;
	unsigned long a3;
};

struct arm_smccc_1_2_regs {
	unsigned long a0;
	unsigned long a1;
	unsigned long a2;
	unsigned long a3;
	unsigned long a4;
	unsigned long a5;
	unsigned long a6;
	unsigned long a7;
	unsigned long a8;
	unsigned long a9;
	unsigned long a10;
	unsigned long a11;
	unsigned long a12;
	unsigned long a13;
	unsigned long a14;
	unsigned long a15;
	unsigned long a16;
	unsigned long a17;
};

/* x0..x17 in and out; nres says how many results the caller gets back. */
void sim_smccc_call(const unsigned long *args, unsigned int nargs,
		    unsigned long *res, unsigned int nres);

static inline void arm_smccc_1_2_smc(const struct arm_smccc_1_2_regs *args,
				     struct arm_smccc_1_2_regs *res)
{
	sim_smccc_call(&args->a0, 18, &res->a0, 18);
}

/*
 * arm_smccc_1_1_smc() takes the function ID, up to seven arguments and the
 * result pointer last.  Count what came and pass the arguments as an array.
 */
#define __sim_smccc_nth(_1, _2, _3, _4, _5, _6, _7, _8, _9, n, ...) n
#define __sim_smccc_count(...)	\
	__sim_smccc_nth(__VA_ARGS__, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __sim_smccc_cat(a, b)	a##b
#define __sim_smccc_call(n, ...) __sim_smccc_cat(__sim_smccc_, n)(__VA_ARGS__)

#define __sim_smccc_1_1(nargs, res, ...) do {				\
	const unsigned long __sim_args[] = { __VA_ARGS__ };		\
	struct arm_smccc_res *__sim_res = (res);			\
	unsigned long __sim_out[4];					\
	sim_smccc_call(__sim_args, (nargs), __sim_out, 4);		\
	if (__sim_res)							\
		memcpy(__sim_res, __sim_out, sizeof(__sim_out));	\
} while (0)

#define __sim_smccc_2(a0, r)	__sim_smccc_1_1(1, r, a0)
#define __sim_smccc_3(a0, a1, r)	__sim_smccc_1_1(2, r, a0, a1)
#define __sim_smccc_4(a0, a1, a2, r)	__sim_smccc_1_1(3, r, a0, a1, a2)
#define __sim_smccc_5(a0, a1, a2, a3, r)	\
	__sim_smccc_1_1(4, r, a0, a1, a2, a3)
#define __sim_smccc_6(a0, a1, a2, a3, a4, r)	\
	__sim_smccc_1_1(5, r, a0, a1, a2, a3, a4)
#define __sim_smccc_7(a0, a1, a2, a3, a4, a5, r)	\
	__sim_smccc_1_1(6, r, a0, a1, a2, a3, a4, a5)
#define __sim_smccc_8(a0, a1, a2, a3, a4, a5, a6, r)	\
	__sim_smccc_1_1(7, r, a0, a1, a2, a3, a4, a5, a6)
#define __sim_smccc_9(a0, a1, a2, a3, a4, a5, a6, a7, r)	\
	__sim_smccc_1_1(8, r, a0, a1, a2, a3, a4, a5, a6, a7)

#define arm_smccc_1_1_smc(...)	\
	__sim_smccc_call(__sim_smccc_count(__VA_ARGS__), __VA_ARGS__)
#define arm_smccc_1_1_hvc(...)	arm_smccc_1_1_smc(__VA_ARGS__)

#endif
