/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host kernel's catch-all of helpers, as Linux's FF-A driver uses them.
 * The plain ones (bits, sizes, overflow, the page size) are the proxy's
 * fakes: only what differs between EL2 and the host kernel lives here.
 */
#ifndef HOST_FAKE_LINUX_KERNEL_H
#define HOST_FAKE_LINUX_KERNEL_H

/* The E* values without the C library's errno macro: the driver has a
 * parameter named errno. */
#include <asm-generic/errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/compiler.h>
#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/overflow.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <linux/list.h>
#include <linux/kconfig.h>
#include <linux/minmax.h>
#include <asm/page.h>

/* Kernel-internal errno values that the C library does not define. */
#define ERESTARTSYS		512
#define EPROBE_DEFER		517
#ifndef ENOTSUPP
#define ENOTSUPP		524
#endif

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define sizeof_field(t, m)	sizeof(((t *)0)->m)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define container_of_const(ptr, type, member) \
	((type *)((const char *)(ptr) - offsetof(type, member)))

#define ilog2(n)		(63 - __builtin_clzll(n))

/* Sections and exports mean nothing in one process. */
#define __init
#define __exit
#define __initdata
#define __percpu
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)

/* Little-endian host, little-endian FF-A: the conversions are casts. */
#define le16_to_cpu(x)		((u16)(x))
#define le32_to_cpu(x)		((u32)(x))
#define le64_to_cpu(x)		((u64)(x))
#define cpu_to_le16(x)		((u16)(x))
#define cpu_to_le32(x)		((u32)(x))
#define cpu_to_le64(x)		((u64)(x))

int sysfs_emit(char *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
