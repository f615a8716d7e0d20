/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A played driver program written out as a scenario of driver: steps.
 */
#ifndef FUZZ_DRIVER_DRV_EMIT_H
#define FUZZ_DRIVER_DRV_EMIT_H

#include "fuzz/driver/drv_play.h"

/* The YAML text (g_free() it); @what is one sentence for the description. */
char *df_emit_scenario(const struct df_play *d, const char *name,
		       const char *what);

#endif /* FUZZ_DRIVER_DRV_EMIT_H */
