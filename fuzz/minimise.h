/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Finding out what a program finds without trusting the process to
 * survive it, and cutting the program down to the steps that matter.
 */
#ifndef FUZZ_MINIMISE_H
#define FUZZ_MINIMISE_H

#include "fuzz/play.h"
#include "fuzz/prog.h"

/*
 * Play @p in a child process and describe what it found in @f: also a
 * hang (FZ_HANG) or a sanitizer report (FZ_CRASH), which end the child.
 */
void fz_probe(const struct fz_prog *p, struct fz_finding *f);

/*
 * Shrink @p while it still finds what it finds now (same signature):
 * drop the steps after the finding, then every step, receiver, range,
 * poke, override and register it can do without.  Returns the finding.
 */
void fz_minimise(struct fz_prog *p, struct fz_finding *f);

#endif /* FUZZ_MINIMISE_H */
