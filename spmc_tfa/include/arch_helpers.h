/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fake of TF-A's arch_helpers.h.  The real one wraps each system register
 * and barrier in AArch64 inline asm; on the host the SPMC's translation
 * regime is the process's own, so TLB maintenance and barriers are no-ops
 * (the simulator's memory is coherent and its callers serialise).
 */
#ifndef ARCH_HELPERS_H
#define ARCH_HELPERS_H

#include <cdefs.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <arch.h>


/*
 * EL3 runs under its lock (spmc_tfa/el3.c), which is what orders memory
 * between the simulated cores; ThreadSanitizer, which does not model
 * fences and refuses to build one, gets a compiler barrier.
 */
#ifdef __SANITIZE_THREAD__
static inline void dsbish(void) { __asm__ __volatile__("" ::: "memory"); }
static inline void dsb(void) { __asm__ __volatile__("" ::: "memory"); }
#else
static inline void dsbish(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void dsb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
#endif
static inline void isb(void) { }
static inline void tlbivmalle1(void) { }

void disable_mmu_icache_el1(void);
/* The running core's cpu_data: see spmc_tfa/plat.c. */
u_register_t read_tpidr_el3(void);
/* The running core's affinity (plat.c): TF-A 2.8's SPMD looks it up. */
u_register_t read_mpidr(void);
/* Only read on the path that boots an SPMC below EL3. */
u_register_t read_sctlr_el3(void);

#endif /* ARCH_HELPERS_H */
