/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine both in-process benchmarks measure: the variant's EL3 with
 * one partition, SP_ID, which answers direct requests by echo.
 */
#ifndef BENCH_ONE_SP_H
#define BENCH_ONE_SP_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/exec/world.h"
#include "spmc_mock/spmc.h"

#define SP_ID		0x8001

/* An answer the benchmark does not expect ends it: the figure is void. */
static inline void bench_die(const char *prog, const char *what, uint64_t x0)
{
	fprintf(stderr, "%s: %s: x0 = %#llx\n", prog, what,
		(unsigned long long)x0);
	exit(1);
}

/* Brings @w up, or ends @prog; the base of its DRAM. */
static inline uint64_t bench_boot_one_sp(struct world *w, const char *prog)
{
	struct world_config cfg;
	char err[256];

	world_config_default(&cfg);
	cfg.spmc.version = FFA_VERSION_1_1;
	cfg.spmc.nr_partitions = 1;
	cfg.spmc.partitions[0].id = SP_ID;
	cfg.spmc.partitions[0].uuid[15] = 1;	/* TF-A wants one not nil */
	cfg.spmc.partitions[0].exec_ctx_count = 1;
	cfg.spmc.partitions[0].properties = FFA_PROP_DIRECT_REQ_RECV |
					    FFA_PROP_AARCH64;
	cfg.spmc.partitions[0].behaviour = SPMC_DIRECT_ECHO;
	if (world_create(w, &cfg, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", prog, err);
		exit(1);
	}
	return cfg.dram_base;
}

#endif /* BENCH_ONE_SP_H */
