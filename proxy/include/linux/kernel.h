/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The catch-all of kernel helpers that nVHE code gets transitively.  The
 * real header is huge; ffa.c and the headers it pulls in need only these.
 */
#ifndef SIM_FAKE_LINUX_KERNEL_H
#define SIM_FAKE_LINUX_KERNEL_H

#include <errno.h>
#include <string.h>

#include <linux/compiler.h>
#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/overflow.h>
#include <linux/bug.h>
#include <asm/page.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define container_of_const(ptr, type, member) container_of(ptr, type, member)

/* Kconfig: the proxy is built as if for arm64 with pKVM and nothing else. */
#define CONFIG_64BIT 1
#define IS_ENABLED(x)		0
#define IS_REACHABLE(x)		0

#endif
