/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulator as a TF-A platform: what TF-A's headers and the EL3 SPMC
 * size themselves by.  The SPMC serves the normal world (one NS endpoint,
 * the hypervisor), the EL3 logical partition of spmc_tfa/plat.c and the
 * S-EL1 partition model of spmc_tfa/sel1.c; no partition image is loaded.
 */
#ifndef PLATFORM_DEF_H
#define PLATFORM_DEF_H

#include <common/debug.h>
#include <lib/xlat_tables/xlat_tables_defs.h>

/* As many as the simulator's host CPUs (proxy/hyp/cpu.c allows 8). */
#define PLATFORM_CORE_COUNT		8
#define PLAT_MAX_PWR_LVL		1
#define PLAT_MAX_OFF_STATE		2
#define PLAT_MAX_RET_STATE		1
#define CACHE_WRITEBACK_SHIFT		6
#define CACHE_WRITEBACK_GRANULE		(1 << CACHE_WRITEBACK_SHIFT)

/*
 * The SPMC's table of S-EL1 partitions has one slot: TF-A runs one
 * (ACTIVE_SP_DESC_INDEX), and more would be listed but never run.  The EL3
 * logical partition table has exactly one entry (plat.c): TF-A's direct
 * request lookup walks MAX_EL3_LP_DESCS_COUNT entries, not the table's.
 */
#define SECURE_PARTITION_COUNT		1
#define NS_PARTITION_COUNT		1
#define MAX_EL3_LP_DESCS_COUNT		1

/* Where BL31 would run: nowhere the simulated DRAM is. */
#define BL31_BASE			0x04000000
#define BL31_LIMIT			0x04100000

#endif /* PLATFORM_DEF_H */
