/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_FAKE_LINUX_BITFIELD_H
#define SIM_FAKE_LINUX_BITFIELD_H

#include <linux/types.h>

/* The lowest set bit of a constant mask is the field's shift. */
#define __bf_shf(mask)		__builtin_ctzll(mask)
#define FIELD_GET(mask, reg)	\
	((__typeof__(mask))(((reg) & (mask)) >> __bf_shf(mask)))
#define FIELD_PREP(mask, val)	\
	((((__typeof__(mask))(val)) << __bf_shf(mask)) & (mask))

#endif
