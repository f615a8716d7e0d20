/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Programs written out as scenarios (docs/scenario-language.md), so that a
 * finding reproduces in `ffa-sim run` and can join the suite.
 */
#ifndef FUZZ_EMIT_H
#define FUZZ_EMIT_H

#include <glib.h>

#include "fuzz/play.h"
#include "fuzz/prog.h"

/* The `setup:` block of the machine for @s (machine.c loads it too). */
void fz_emit_setup(GString *out, const struct fz_setup *s);

/*
 * The scenario that replays @p as @pl played it, up to and including the
 * step of its finding.  Steps that did not run are left out; excused
 * WARNs and stuck pages are written as `expect: warn` and `stuck:`.  The
 * finding's own step expects what the intended behaviour gives where a
 * plain run would not notice (a leak: zero where EL2's stack showed), so
 * that the scenario fails exactly there.  g_free() the result.
 */
char *fz_emit_scenario(const struct fz_prog *p, const struct fz_play *pl,
		       const char *name);

/* A scenario name from a finding's signature: "fuzz-fault-ffa-mem-share". */
char *fz_scenario_name(const char *sig);

#endif /* FUZZ_EMIT_H */
