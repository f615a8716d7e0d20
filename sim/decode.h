/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Register values in FF-A terms, for failure messages and traces:
 * 0x84000060 is FFA_ERROR, w2 after it is an error code, the answer to
 * FFA_VERSION is a version.  Every function returns a g_malloc()ed string.
 */
#ifndef SIM_DECODE_H
#define SIM_DECODE_H

#include <stdint.h>

#include "sim/hw/smc.h"

/*
 * One register of a call (@request NULL) or of the answer to @request:
 * "FFA_SUCCESS (0x84000061)", "INVALID_PARAMETERS (-2)", "1.2 (0x10002)",
 * "0x1000".
 */
char *decode_reg(const uint64_t *request, const uint64_t *regs, int reg,
		 uint64_t value);

/*
 * A whole call or answer on one line: "FFA_MEM_SHARE x1=0x50 x2=0x50",
 * "FFA_ERROR INVALID_PARAMETERS", "FFA_VERSION -> 1.2".  Zero registers
 * are left out.
 */
char *decode_regs(const uint64_t *request, const uint64_t *regs);

#endif /* SIM_DECODE_H */
