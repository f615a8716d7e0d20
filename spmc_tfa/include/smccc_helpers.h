/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fake of TF-A's AArch64 smccc_helpers.h: a handler's results go into the
 * CPU context it was given (the handle), which spmc_tfa/el3.c copies back
 * to the caller as the SMC's x0..x17.  The real header also defines a
 * helper that makes an SMC by binding variables to x0..x7, which clang
 * refuses to compile for x86-64 even when unused.
 */
#ifndef SMCCC_HELPERS_H
#define SMCCC_HELPERS_H

#include <lib/smccc.h>

#ifndef __ASSEMBLER__

#include <stdbool.h>

#include <context.h>
#include <platform_def.h>

#define SMC_GET_GP(h, reg)	read_ctx_reg(get_gpregs_ctx(h), (reg))
#define SMC_SET_GP(h, reg, v)	write_ctx_reg(get_gpregs_ctx(h), (reg), (v))
#define SMC_GET_EL3(h, reg)	read_ctx_reg(get_el3state_ctx(h), (reg))
#define SMC_SET_EL3(h, reg, v)	write_ctx_reg(get_el3state_ctx(h), (reg), (v))

/* Each SMC_RETn writes x0..x(n-1) and returns the handle from the handler. */
#define SMC_RET0(h)	{ return (uint64_t)(h); }
#define SMC_RET1(h, a0)	{ SMC_SET_GP(h, CTX_GPREG_X0, (a0)); SMC_RET0(h); }
#define SMC_RET2(h, a0, a1) \
	{ SMC_SET_GP(h, CTX_GPREG_X1, (a1)); SMC_RET1(h, (a0)); }
#define SMC_RET3(h, a0, a1, a2) \
	{ SMC_SET_GP(h, CTX_GPREG_X2, (a2)); SMC_RET2(h, (a0), (a1)); }
#define SMC_RET4(h, a0, a1, a2, a3) \
	{ SMC_SET_GP(h, CTX_GPREG_X3, (a3)); SMC_RET3(h, (a0), (a1), (a2)); }
#define SMC_RET5(h, a0, a1, a2, a3, a4) \
	{ SMC_SET_GP(h, CTX_GPREG_X4, (a4)); \
	  SMC_RET4(h, (a0), (a1), (a2), (a3)); }
#define SMC_RET6(h, a0, a1, a2, a3, a4, a5) \
	{ SMC_SET_GP(h, CTX_GPREG_X5, (a5)); \
	  SMC_RET5(h, (a0), (a1), (a2), (a3), (a4)); }
#define SMC_RET7(h, a0, a1, a2, a3, a4, a5, a6) \
	{ SMC_SET_GP(h, CTX_GPREG_X6, (a6)); \
	  SMC_RET6(h, (a0), (a1), (a2), (a3), (a4), (a5)); }
#define SMC_RET8(h, a0, a1, a2, a3, a4, a5, a6, a7) \
	{ SMC_SET_GP(h, CTX_GPREG_X7, (a7)); \
	  SMC_RET7(h, (a0), (a1), (a2), (a3), (a4), (a5), (a6)); }
#define SMC_RET18(h, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, \
		  a12, a13, a14, a15, a16, a17) \
	{ SMC_SET_GP(h, CTX_GPREG_X8, (a8)); \
	  SMC_SET_GP(h, CTX_GPREG_X9, (a9)); \
	  SMC_SET_GP(h, CTX_GPREG_X10, (a10)); \
	  SMC_SET_GP(h, CTX_GPREG_X11, (a11)); \
	  SMC_SET_GP(h, CTX_GPREG_X12, (a12)); \
	  SMC_SET_GP(h, CTX_GPREG_X13, (a13)); \
	  SMC_SET_GP(h, CTX_GPREG_X14, (a14)); \
	  SMC_SET_GP(h, CTX_GPREG_X15, (a15)); \
	  SMC_SET_GP(h, CTX_GPREG_X16, (a16)); \
	  SMC_SET_GP(h, CTX_GPREG_X17, (a17)); \
	  SMC_RET8(h, (a0), (a1), (a2), (a3), (a4), (a5), (a6), (a7)); }

#define get_smc_params_from_ctx(h, x1, x2, x3, x4) \
	do { \
		(x1) = SMC_GET_GP(h, CTX_GPREG_X1); \
		(x2) = SMC_GET_GP(h, CTX_GPREG_X2); \
		(x3) = SMC_GET_GP(h, CTX_GPREG_X3); \
		(x4) = SMC_GET_GP(h, CTX_GPREG_X4); \
	} while (false)

#endif /* __ASSEMBLER__ */

#endif /* SMCCC_HELPERS_H */
