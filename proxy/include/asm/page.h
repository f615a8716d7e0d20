/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's page size is a build setting: SIM_PAGE_SHIFT is 12, 14 or
 * 16 (PAGE_SIZE=4K/16K/64K on the make command line).
 */
#ifndef SIM_FAKE_ASM_PAGE_H
#define SIM_FAKE_ASM_PAGE_H

#ifndef SIM_PAGE_SHIFT
#error "SIM_PAGE_SHIFT must be set by the build (12, 14 or 16)"
#endif

#define PAGE_SHIFT		SIM_PAGE_SHIFT
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)

/* Page-table geometry of arm64 for this granule: 8-byte descriptors. */
#define PTRS_PER_PTE		(1 << (PAGE_SHIFT - 3))

#endif
