/* SPDX-License-Identifier: GPL-2.0-only */
/* The proxy's fixed-width types, and the few more the host kernel has. */
#ifndef HOST_FAKE_LINUX_TYPES_H
#define HOST_FAKE_LINUX_TYPES_H

#include_next <linux/types.h>

typedef unsigned int gfp_t;
typedef u64 dma_addr_t;
typedef unsigned short umode_t;

#endif
