/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host kernel pages are pages of the simulated DRAM: alloc_pages_exact()
 * takes them from the host kernel's pool (host/mem.c), so what the driver
 * hands to FF-A by physical address is memory the proxy and the SPMC see.
 * struct page is one per DRAM page, found by address.
 */
#ifndef HOST_FAKE_LINUX_MM_H
#define HOST_FAKE_LINUX_MM_H

#include <linux/gfp.h>

struct page {
	unsigned long flags;
};

void *alloc_pages_exact(size_t size, gfp_t gfp);
void free_pages_exact(void *virt, size_t size);

phys_addr_t page_to_phys(const struct page *page);
struct page *phys_to_page(phys_addr_t pa);
void *page_address(const struct page *page);
struct page *virt_to_page(const void *virt);

#endif
