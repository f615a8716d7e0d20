/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ffa-sim fake of the kernel's <linux/types.h>: fixed-width types as the
 * kernel spells them, on top of the C library's.
 */
#ifndef SIM_FAKE_LINUX_TYPES_H
#define SIM_FAKE_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef unsigned long long u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef long long s64;

typedef u16 __le16;
typedef u32 __le32;
typedef u64 __le64;
typedef u64 phys_addr_t;

#include <linux/kernel.h>

#endif
