/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The modes of ffa-fuzz besides fuzzing, and the pieces they share.
 */
#ifndef FUZZ_HARNESS_H
#define FUZZ_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz/prog.h"

/* seeds.c: one program per scenario (case) under @paths, into @outdir. */
int fz_make_seeds(const char *outdir, char **paths, int n);

/* mutate.c: one structure-aware change to @p, chosen by @seed. */
void fz_mutate_prog(struct fz_prog *p, uint64_t seed);

/*
 * selftest.c: for the programs in @inputs (files or folders) and @rounds
 * mutations of them, check that replaying is deterministic (the restore
 * between inputs is complete) and that the emitted scenario, run by the
 * scenario runner in this process, passes or fails as the program did.
 */
int fz_self_test(char **inputs, int n, unsigned int rounds);

/*
 * known.c: the signatures of @path's lines for this kernel series become
 * the known findings; false (and a message) when it cannot be read.
 */
bool fz_load_known(const char *path, const char *tool);

/* known.c: read a whole file; NULL (and a message) when it cannot. */
uint8_t *fz_read_file(const char *path, size_t *len);

/* @arg is @prefix ("--name=") and a value: *@value points at the value. */
static inline bool fz_opt(const char *arg, const char *prefix,
			  const char **value)
{
	size_t n = strlen(prefix);

	if (strncmp(arg, prefix, n))
		return false;
	*value = arg + n;
	return true;
}

#endif /* FUZZ_HARNESS_H */
