/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included ahead of every TF-A unit (-include): what TF-A's own libc would
 * have made visible everywhere and glibc does not.  TF-A's headers use
 * fixed-width types and u_register_t without including anything for them.
 */
#ifndef SPMC_TFA_HOST_PRELUDE_H
#define SPMC_TFA_HOST_PRELUDE_H

#include <stddef.h>
#include <stdint.h>

typedef unsigned long u_register_t;
typedef long register_t;

#endif /* SPMC_TFA_HOST_PRELUDE_H */
