/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fake of TF-A's assert.h.  TF-A's own stops EL3 with a file and line;
 * this one also names the condition and the function, so that a failed
 * assertion leaves a line a fuzzing signature can be made of
 * (fuzz/minimise.c), as a WARN's names its condition.  Without it
 * TF-A's units would get the C library's assert(), whose abort() tells
 * one assertion from another by nothing but the text on stderr.
 */
#ifndef ASSERT_H
#define ASSERT_H

#include <cdefs.h>

void __dead2 tfa_assert_failed(const char *cond, const char *func,
			       const char *file, unsigned int line);

#if ENABLE_ASSERTIONS
#define assert(e)	((e) ? (void)0 : \
			 tfa_assert_failed(#e, __func__, __FILE__, __LINE__))
#else
#define assert(e)	((void)0)
#endif

#endif /* ASSERT_H */
