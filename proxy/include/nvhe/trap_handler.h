/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_FAKE_NVHE_TRAP_HANDLER_H
#define SIM_FAKE_NVHE_TRAP_HANDLER_H

#include <asm/kvm_host.h>

#define cpu_reg(ctxt, r)	((ctxt)->regs.regs[r])
#define DECLARE_REG(type, name, ctxt, reg)	\
	type name = (type)cpu_reg(ctxt, (reg))

#endif
