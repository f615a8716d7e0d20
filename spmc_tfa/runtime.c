// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parts of BL31's runtime the EL3 SPMC links against: logging,
 * panics, spinlocks, small library helpers, the linker-script symbols, and
 * the entry points that load or first enter an S-EL1 partition image,
 * which the simulator does not have (its S-EL1 partition is a model,
 * sel1.c, that TF-A's world switch reaches through context.c): reaching
 * one ends the run with a message naming it, never a silent answer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch_helpers.h>
#include <assert.h>
#include <common/bl_common.h>
#include <common/debug.h>
#include <drivers/console.h>
#include <lib/el3_runtime/context_mgmt.h>
#include <lib/spinlock.h>
#include <lib/utils.h>
#include <lib/xlat_tables/xlat_tables_defs.h>
#include <libfdt.h>

#include "hw/last_words.h"
#include "spm_common.h"
#include "spmc_tfa/tfa_internal.h"

void tfa_fatal(const char *what, const char *detail)
{
	fprintf(stderr, TFA_FATAL_PREFIX "%s%s%s\n", what,
		detail ? ": " : "", detail ? detail : "");
	/* The runner reads no stderr: what names this death for a verdict. */
	last_words_say(TFA_LAST_WORDS_PREFIX "%s%s%s", what,
		       detail ? ": " : "", detail ? detail : "");
	fflush(stderr);
	abort();
}

/* spmc_tfa/include/assert.h: the base name only, as sanitizer reports give. */
void tfa_assert_failed(const char *cond, const char *func, const char *file,
		       unsigned int line)
{
	const char *base = strrchr(file, '/');
	char what[512];

	snprintf(what, sizeof(what), "assertion `%s` failed in %s %s:%u",
		 cond, func, base ? base + 1 : file, line);
	tfa_fatal(what, NULL);
}

#define UNMODELLED(name) \
	tfa_fatal("reached " #name ", which needs an S-EL1 partition or " \
		  "hardware the simulator does not model", NULL)

/* The first byte of a TF-A log format is its level (common/debug.h). */
void tf_log(const char *fmt, ...)
{
	struct tfa_spmc *tfa = tfa_current;
	char msg[512];
	va_list ap;
	int level = (unsigned char)fmt[0];

	if (!tfa || !tfa->log)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt + 1, ap);
	va_end(ap);
	msg[strcspn(msg, "\n")] = '\0';
	tfa->log(tfa->log_ctx, level, msg);
}

void el3_panic(void)
{
	tfa_fatal("panic", "EL3 stops here; the platform would reset");
}

/* TF-A 2.8's panic() calls do_panic(); later ones call el3_panic(). */
#if SIM_TFA_MINOR <= 8
void do_panic(void)
{
	tfa_fatal("panic", "EL3 stops here; the platform would reset");
}
#endif

void console_flush(void)
{
}

void spin_lock(spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->lock, 1, __ATOMIC_ACQUIRE))
		;
}

void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->lock, 0, __ATOMIC_RELEASE);
}

void zeromem(void *mem, u_register_t length)
{
	memset(mem, 0, length);
}

uintptr_t page_align(uintptr_t value, unsigned int dir)
{
	if (dir == UP)
		return (value + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
	return value & ~(uintptr_t)(PAGE_SIZE - 1);
}

void print_entry_point_info(const entry_point_info_t *ep_info)
{
	(void)ep_info;
}

u_register_t read_tpidr_el3(void)
{
	UNMODELLED(read_tpidr_el3);
}

u_register_t read_sctlr_el3(void)
{
	UNMODELLED(read_sctlr_el3);
}

/* ---- Entering a partition image from its entry point (no image here) ---- */

void cm_setup_context(cpu_context_t *ctx, const struct entry_point_info *ep)
{
	(void)ctx;
	(void)ep;
	UNMODELLED(cm_setup_context);
}

uint64_t spm_secure_partition_enter(uint64_t *c_rt_ctx)
{
	(void)c_rt_ctx;
	UNMODELLED(spm_secure_partition_enter);
}

void spm_secure_partition_exit(uint64_t c_rt_ctx, uint64_t ret)
{
	(void)c_rt_ctx;
	(void)ret;
	UNMODELLED(spm_secure_partition_exit);
}

/* spmd_private.h is not on the include path of our files. */
uint64_t spmd_spm_core_enter(uint64_t *c_rt_ctx);
void spmd_spm_core_exit(uint64_t c_rt_ctx, uint64_t ret);

uint64_t spmd_spm_core_enter(uint64_t *c_rt_ctx)
{
	(void)c_rt_ctx;
	UNMODELLED(spmd_spm_core_enter);
}

void spmd_spm_core_exit(uint64_t c_rt_ctx, uint64_t ret)
{
	(void)c_rt_ctx;
	(void)ret;
	UNMODELLED(spmd_spm_core_exit);
}

/* ---- The partition manifest (device tree): no S-EL1 image, no DT ---- */

int fdt_path_offset(const void *fdt, const char *path)
{
	(void)fdt;
	(void)path;
	UNMODELLED(fdt_path_offset);
}

int fdt_node_offset_by_compatible(const void *fdt, int startoffset,
				  const char *compatible)
{
	(void)fdt;
	(void)startoffset;
	(void)compatible;
	UNMODELLED(fdt_node_offset_by_compatible);
}

int fdt_read_uint32(const void *dtb, int node, const char *prop_name,
		    uint32_t *value)
{
	(void)dtb;
	(void)node;
	(void)prop_name;
	(void)value;
	UNMODELLED(fdt_read_uint32);
}

int fdt_read_uint32_array(const void *dtb, int node, const char *prop_name,
			  unsigned int cells, uint32_t *value)
{
	(void)dtb;
	(void)node;
	(void)prop_name;
	(void)cells;
	(void)value;
	UNMODELLED(fdt_read_uint32_array);
}

/*
 * Linker-script symbols (IMPORT_SYM).  Only their addresses are read, and
 * only on paths that load or enter a partition image.
 */
#define LINKER_SYMBOL(name) char name[1]

LINKER_SYMBOL(__BL31_START__);
LINKER_SYMBOL(__BL31_END__);
LINKER_SYMBOL(__RO_START__);
LINKER_SYMBOL(__RO_END__);
LINKER_SYMBOL(__RW_END__);
LINKER_SYMBOL(__RT_SVC_DESCS_START__);
LINKER_SYMBOL(__RT_SVC_DESCS_END__);
LINKER_SYMBOL(__SPM_SHIM_EXCEPTIONS_START__);
LINKER_SYMBOL(__SPM_SHIM_EXCEPTIONS_END__);
LINKER_SYMBOL(spm_shim_exceptions_ptr);
/* No SPMD logical partitions: an empty table. */
__asm__(".globl __SPMD_LP_DESCS_START__\n"
	".set __SPMD_LP_DESCS_START__, __RW_END__\n"
	".globl __SPMD_LP_DESCS_END__\n"
	".set __SPMD_LP_DESCS_END__, __RW_END__\n");
