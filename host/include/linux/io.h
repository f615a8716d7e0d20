/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HOST_FAKE_LINUX_IO_H
#define HOST_FAKE_LINUX_IO_H

#include <linux/types.h>

/* The linear map: a DRAM address and the simulator's pointer to it. */
phys_addr_t virt_to_phys(const volatile void *virt);
void *phys_to_virt(phys_addr_t pa);

#endif
