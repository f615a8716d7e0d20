/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A tf-a variant's EL3 (sim/exec/el3_tfa.c): the SPMC API of
 * spmc_mock/spmc.h answered by TF-A's EL3 SPMC.
 */
#ifndef SIM_EXEC_EL3_TFA_H
#define SIM_EXEC_EL3_TFA_H

#include "sim/lang/scenario.h"
#include "spmc_mock/spmc.h"

/*
 * NULL when the scenario can run on TF-A, else why not (a feature TF-A's
 * SPMC or this build of it lacks).  Also picks the partition's kind (EL3
 * logical or S-EL1) for the machine created next.
 */
const char *el3_tfa_gap(const struct scenario *s);
/* Why TF-A's EL3 cannot boot on this port at all, or NULL when it does. */
const char *el3_tfa_boot_gap(void);

/* Set that kind directly, for callers without a scenario (the fuzzer). */
void el3_tfa_partition_receives_memory(bool yes);

#endif /* SIM_EXEC_EL3_TFA_H */
