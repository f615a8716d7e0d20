/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One simulated machine: DRAM, the mock SPMC at EL3 and the proxy's EL2
 * over them, wired together.  The smoke flow, the tests and the scenario
 * runner all bring a machine up the same way.
 */
#ifndef SIM_WORLD_H
#define SIM_WORLD_H

#include <stddef.h>
#include <stdint.h>

#include "hw/physmem.h"
#include "spmc_mock/spmc.h"

struct world_config {
	uint64_t dram_base;
	uint64_t dram_size;
	uint32_t smccc_version;		/* as kvm_host_psci_config reports it */
	struct spmc_config spmc;
	unsigned int nr_mmio;
	struct phys_window mmio[PHYSMEM_MAX_MMIO];
};

struct world {
	struct physmem pm;
	struct spmc *spmc;
};

/* 64 MiB of DRAM at 2 GiB, SMCCC 1.2, an FF-A 1.2 SPMC without partitions. */
void world_config_default(struct world_config *cfg);

/*
 * Bring the machine up to the point where hyp_ffa_init() can run.  Returns
 * 0, or -1 with a message in err.  Only one world exists at a time: EL2 is
 * a per-process singleton, as ffa.c's state is.
 */
int world_create(struct world *w, const struct world_config *cfg, char *err,
		 size_t errlen);
void world_destroy(struct world *w);

#endif /* SIM_WORLD_H */
