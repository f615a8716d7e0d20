// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulator as a TF-A platform port: what a platform gives BL31's EL3
 * SPMC.  One EL3 logical partition, the S-EL1 partition's descriptor (as
 * its manifest would fill it; the partition itself is sel1.c), the
 * memory-sharing datastore, a core number, and the RX/TX buffers mapped:
 * the normal world's on simulated DRAM, the partition's in its own memory.
 */
#include <errno.h>
#include <string.h>

#include <arch_helpers.h>
#include <bl31/bl31.h>
#include <bl31/interrupt_mgmt.h>
#include <common/debug.h>
#include <lib/el3_runtime/context_mgmt.h>
#include <lib/psci/psci_lib.h>
#include <lib/spinlock.h>
#include <lib/xlat_tables/xlat_tables_v2.h>
#include <plat/common/platform.h>
#include <services/el3_spmc_logical_sp.h>
#include <services/ffa_svc.h>
#include <smccc_helpers.h>

#include "spmc.h"
#include "spmc_shared_mem.h"
#include "spmc_tfa/tfa_internal.h"

/* FVP gives 512 KiB; the suite's largest descriptors fit in far less. */
#define DATASTORE_SIZE	(256U << 10)

static uint8_t datastore[DATASTORE_SIZE] __aligned(16);

int plat_spmc_shmem_datastore_get(uint8_t **store, size_t *size)
{
	*store = datastore;
	*size = sizeof(datastore);
	return 0;
}

/* Non-zero would be answered to the caller as the FF-A error. */
int plat_spmc_shmem_begin(struct ffa_mtd *desc)
{
	(void)desc;
	return 0;
}

int plat_spmc_shmem_reclaim(struct ffa_mtd *desc)
{
	(void)desc;
	return 0;
}

/* Calls are serialised (tfa_smc): every one runs as core 0. */
unsigned int plat_my_core_pos(void)
{
	return 0;
}

/* Core 0 of cluster 0, the one core that runs EL3 here. */
u_register_t read_mpidr(void)
{
	return 0;
}

int plat_core_pos_by_mpidr(u_register_t mpidr)
{
	return mpidr ? -1 : 0;
}

/* No S-EL1 partition image: the SPMC sets up its logical partitions only. */
struct entry_point_info *bl31_plat_get_next_image_ep_info(uint32_t type)
{
	(void)type;
	return NULL;
}

void bl31_register_bl32_init(int32_t (*func)(void))
{
	(void)func;
}

void psci_register_spd_pm_hook(const spd_pm_ops_t *pm)
{
	(void)pm;
}

int32_t register_interrupt_type_handler(uint32_t type,
					interrupt_type_handler_t handler,
					uint32_t flags)
{
	(void)type;
	(void)handler;
	(void)flags;
	return 0;
}

/* EL1's MMU is the S-EL1 partition's: nothing runs at S-EL1 here. */
void disable_mmu_icache_el1(void)
{
}

int plat_spm_core_manifest_load(spmc_manifest_attribute_t *manifest,
				const void *pm_addr)
{
	(void)manifest;
	(void)pm_addr;
	tfa_fatal("reached plat_spm_core_manifest_load", "no SPMC below EL3");
}

/* spmd_private.h is not on the include path of our files. */
int plat_spmd_handle_group0_interrupt(uint32_t id);

int plat_spmd_handle_group0_interrupt(uint32_t id)
{
	(void)id;
	tfa_fatal("reached plat_spmd_handle_group0_interrupt",
		  "the simulator raises no interrupts");
}

uint32_t plat_ic_get_pending_interrupt_type(void)
{
	tfa_fatal("reached plat_ic_get_pending_interrupt_type", "no GIC");
}

uint32_t plat_ic_acknowledge_interrupt(void)
{
	tfa_fatal("reached plat_ic_acknowledge_interrupt", "no GIC");
}

void plat_ic_end_of_interrupt(uint32_t id)
{
	(void)id;
	tfa_fatal("reached plat_ic_end_of_interrupt", "no GIC");
}

/* Its return type changed from int to bool after TF-A 2.8. */
#if SIM_TFA_MINOR > 8
bool plat_ic_has_interrupt_type(unsigned int type)
#else
int plat_ic_has_interrupt_type(unsigned int type)
#endif
{
	(void)type;
	return false;
}

/*
 * EL3's translation regime is the process's: simulated DRAM sits at its
 * physical address (physmem_init_at_pa()), so a flat mapping of DRAM is
 * already there, and the S-EL1 partition's buffers sit in the process at
 * the address the partition gives.  Anything else is not memory of the
 * world asking on this platform and is refused, as TF-A refuses a region
 * its tables cannot map.
 */
int mmap_add_dynamic_region(unsigned long long base_pa, uintptr_t base_va,
			    size_t size, unsigned int attr)
{
	struct tfa_spmc *tfa = tfa_current;

	if (!tfa || base_pa != base_va)
		return -EINVAL;
	if (!(attr & MT_NS))
		return tfa_sel1_mailbox(tfa, base_va, size) ? 0 : -EPERM;
	if ((void *)physmem_ptr(tfa->pm, base_pa) != (void *)base_va ||
	    !physmem_is_ram(tfa->pm, base_pa, size))
		return -EPERM;
	return 0;
}

int mmap_remove_dynamic_region(uintptr_t base_va, size_t size)
{
	(void)base_va;
	(void)size;
	return 0;
}

int xlat_change_mem_attributes_ctx(const xlat_ctx_t *ctx, uintptr_t base_va,
				   size_t size, uint32_t attr)
{
	(void)ctx;
	(void)base_va;
	(void)size;
	(void)attr;
	tfa_fatal("reached xlat_change_mem_attributes_ctx",
		  "an S-EL1 partition's translation tables are not modelled");
}

int xlat_get_mem_attributes_ctx(const xlat_ctx_t *ctx, uintptr_t base_va,
				uint32_t *attr)
{
	(void)ctx;
	(void)base_va;
	(void)attr;
	tfa_fatal("reached xlat_get_mem_attributes_ctx",
		  "an S-EL1 partition's translation tables are not modelled");
}

/* ---- The EL3 logical partition ---- */

static int32_t lp_init(void)
{
	return 0;
}

static void lp_record(struct tfa_spmc *tfa, uint32_t fid, void *handle)
{
	unsigned int i;

	tfa->lp_msgs.count++;
	tfa->lp_msgs.seq = ++tfa->seq;
	tfa->lp_msgs.fid = fid;
	for (i = 0; i < SMC_NR_REGS; i++)
		tfa->lp_msgs.regs.x[i] = SMC_GET_GP(handle, CTX_GPREG_X0 + 8 * i);
}

static uint64_t resp_fid(uint32_t req_fid)
{
	return req_fid == FFA_MSG_SEND_DIRECT_REQ_SMC64 ?
	       FFA_MSG_SEND_DIRECT_RESP_SMC64 : FFA_MSG_SEND_DIRECT_RESP_SMC32;
}

/*
 * A partition message answered with x3..x7, source and destination
 * swapped; TF-A checks the reply and panics EL3 on a bad one.
 */
static uint64_t lp_direct_req(uint32_t smc_fid, bool secure_origin,
			      uint64_t x1, uint64_t x2, uint64_t x3,
			      uint64_t x4, void *cookie, void *handle,
			      uint64_t flags)
{
	struct tfa_spmc *tfa = tfa_current;
	uint64_t ids = (x1 & 0xffff) << 16 | (x1 >> 16 & 0xffff);
	uint64_t r[TFA_RESP_REGS];

	(void)secure_origin;
	(void)cookie;
	(void)flags;
	lp_record(tfa, smc_fid, handle);
	r[3] = x3;
	r[4] = x4;
	r[5] = SMC_GET_GP(handle, CTX_GPREG_X5);
	r[6] = SMC_GET_GP(handle, CTX_GPREG_X6);
	r[7] = SMC_GET_GP(handle, CTX_GPREG_X7);
	if (tfa->cfg.lp.answer == TFA_LP_FIXED)
		memcpy(&r[3], &tfa->cfg.lp.fixed[3], 5 * sizeof(r[0]));
	SMC_RET8(handle, resp_fid(smc_fid), ids, x2 & FFA_FWK_MSG_BIT,
		 r[3], r[4], r[5], r[6], r[7]);
}

/*
 * TF-A finds its logical partitions between two linker symbols; here they
 * bracket a one-entry table, written from the configuration at each boot.
 */
struct el3_lp_desc tfa_lp_table[MAX_EL3_LP_DESCS_COUNT];
__asm__(".globl __EL3_LP_DESCS_START__\n"
	".set __EL3_LP_DESCS_START__, tfa_lp_table\n"
	".globl __EL3_LP_DESCS_END__\n"
	".set __EL3_LP_DESCS_END__, tfa_lp_table + 48\n");
_Static_assert(sizeof(struct el3_lp_desc) == 48,
	       "the table's end above assumes 48-byte descriptors");

static void lp_uuid(uint32_t words[4], const uint8_t bytes[16])
{
	/* TF-A keeps UUIDs as four little-endian words (logical_sp.h). */
	memcpy(words, bytes, 16);
}

int tfa_plat_boot(struct tfa_spmc *tfa)
{
	struct el3_lp_desc *lp = &tfa_lp_table[0];

	memset(lp, 0, sizeof(*lp));
	lp->init = lp_init;
	lp->sp_id = tfa->cfg.lp.id;
	lp->properties = FFA_PARTITION_DIRECT_REQ_RECV;
	lp_uuid(lp->uuid, tfa->cfg.lp.uuid);
	lp->direct_req = lp_direct_req;
	lp->debug_name = "ffa-sim";
	return 0;
}

/*
 * What find_and_prepare_sp_context() would have taken from the partition's
 * manifest; without a partition the SPMC leaves the slot unnamed (0x7fff).
 * Then what sp_init() leaves behind once the partition has initialised:
 * its context on this core is EL3's secure context, waiting for messages
 * (or, for a busy partition, preempted in the middle of other work).
 */
void tfa_plat_sel1(struct tfa_spmc *tfa)
{
	struct secure_partition_desc *sp = spmc_get_current_sp_ctx();
	const struct tfa_sel1_cfg *c = &tfa->cfg.sel1;
	struct sp_exec_ctx *ec;

	if (!c->id)
		return;
	sp->sp_id = c->id;
	lp_uuid(sp->uuid, c->uuid);
	sp->properties = c->properties ? c->properties :
			 FFA_PARTITION_DIRECT_REQ_RECV;
	sp->runtime_el = S_EL1;
	sp->execution_state = SP_STATE_AARCH64;
	sp->ffa_version = MAKE_FFA_VERSION(1, 1);
	ec = spmc_get_sp_ec(sp);
	ec->rt_state = c->busy ? RT_STATE_PREEMPTED : RT_STATE_WAITING;
	ec->rt_model = RT_MODEL_INIT;
	cm_set_context(&ec->cpu_ctx, SECURE);
}
