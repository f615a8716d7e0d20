/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fake of TF-A's arch_features.h: the real one reads ID registers.  The
 * SPMD asks only whether S-EL2 exists, on the path that boots an SPMC below
 * EL3, which the simulator never takes (its SPMC is the EL3 one).
 */
#ifndef ARCH_FEATURES_H
#define ARCH_FEATURES_H

#include <stdbool.h>

static inline bool is_feat_sel2_supported(void)
{
	return false;
}

#endif /* ARCH_FEATURES_H */
