/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host kernel's configuration: arm64 with pKVM, the FF-A driver and its
 * SMCCC transport built in, no ACPI.  IS_ENABLED() tells a defined option
 * from an undefined one the way Kconfig's own header does: a defined
 * option expands to 1, which pastes into a name that adds an argument.
 */
#ifndef HOST_FAKE_LINUX_KCONFIG_H
#define HOST_FAKE_LINUX_KCONFIG_H

#define CONFIG_64BIT			1
#define CONFIG_ARM64			1
#define CONFIG_ARM_FFA_TRANSPORT	1
#define CONFIG_ARM_FFA_SMCCC		1

#define __host_opt_on_1			,
#define __host_second(a, b, ...)	b
#define __host_pick(junk_or_comma)	__host_second(junk_or_comma 1, 0, 0)
#define __host_paste(opt)		__host_pick(__host_opt_on_##opt)
#define __host_defined(opt)		__host_paste(opt)

#define IS_BUILTIN(opt)		__host_defined(opt)
#define IS_ENABLED(opt)		__host_defined(opt)
#define IS_MODULE(opt)		0
#define IS_REACHABLE(opt)	__host_defined(opt)

#endif
