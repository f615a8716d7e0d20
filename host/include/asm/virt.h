/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host runs under pKVM, which is up before the driver probes: the
 * simulated EL2 is set up (and hyp_ffa_init() has run) before any driver
 * action.
 */
#ifndef HOST_FAKE_ASM_VIRT_H
#define HOST_FAKE_ASM_VIRT_H

#include <linux/types.h>

static inline bool is_protected_kvm_enabled(void)
{
	return true;
}

static inline bool is_pkvm_initialized(void)
{
	return true;
}

#endif
