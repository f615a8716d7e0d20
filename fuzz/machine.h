/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one simulated machine the fuzzer runs every input on, put back to
 * its state after boot before each input: DRAM, the mock SPMC, the EL2
 * model and ffa.c's own statics.
 */
#ifndef FUZZ_MACHINE_H
#define FUZZ_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz/prog.h"
#include "hw/physmem.h"
#include "spmc_mock/spmc.h"

struct fz_machine {
	struct physmem pm;
	struct spmc *spmc;
	size_t page_size;
	uint64_t dram_size;
	int init_ret;		/* what hyp_ffa_init() returned */
};

extern struct fz_machine fz_m;

/*
 * The same SMCs from EL2 to EL3 with the same answers this many times in
 * a row in one host SMC is a hang (hyp_set_el3_repeat_limit()): found in
 * microseconds instead of libFuzzer's -timeout, and the process goes on.
 * The fuzzer's injections repeat at most 3 times or always, so a loop
 * that ends never gets here.
 */
#define FZ_EL3_REPEAT_LIMIT	1024

/*
 * Map DRAM and take the snapshot of ffa.c's statics.  Call once, before
 * anything has run ffa.c.  Returns 0, or -1 with a message in @err.
 */
int fz_machine_init(char *err, size_t errlen);

/*
 * A fresh machine for @s, booted: hyp_ffa_init() has run.  Returns 0, or
 * -1 when the set-up is not a machine the scenario language can describe.
 */
int fz_machine_reset(const struct fz_setup *s);

/* The SPMC's configuration for @s, as the scenario loader makes it. */
const struct spmc_config *fz_machine_config(const struct fz_setup *s);

/* ffa.c's statics as they were before it first ran. */
void fz_machine_restore_statics(void);

/* Physical address of FV_PAGE value @v, and the region's base. */
uint64_t fz_region_pa(unsigned int region);
uint64_t fz_page_pa(uint64_t v);

#endif /* FUZZ_MACHINE_H */
