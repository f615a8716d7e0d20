/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scenario language's words for what the layers below name with enums
 * (words.c): SPMC faults, hyp operations, the version policy, page states,
 * and kernel files as the tree names them.  The loader reads them; the
 * runner, the views and the fuzzer write them.
 */
#ifndef SIM_WORDS_H
#define SIM_WORDS_H

#include "proxy/hyp/hyp.h"
#include "sim/lang/scenario.h"

/* NULL entries have no word. */
#define SCEN_NR_POLICY_WORDS	3
extern const char *const scen_corrupt_words[SPMC_FAULT_NR_KINDS];
extern const char *const scen_hyp_op_words[HYP_OP_COUNT];
extern const char *const scen_policy_words[SCEN_NR_POLICY_WORDS];
extern const char *const scen_page_words[PW_NR_WORDS];
extern const char *const scen_driver_op_words[DRV_NR_OPS];

/* "owned-by-host"..., or "?" out of range. */
const char *page_word_name(enum page_word w);
/* The page-state word of a host page, as then: and the invariants see it. */
enum page_word page_word_of(const struct hyp_page_info *info);
/* ffa.c is compiled from a copy in the build folder: name it as in the tree. */
const char *kernel_tree_path(const char *file);

#endif /* SIM_WORDS_H */
