/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ThreadSanitizer's reports as step failures.  In a build with
 * -fsanitize=thread (make tsan), every data race TSan reports while the
 * CPUs of a concurrently: step run is kept here, in the proxy's words
 * (which variable, which access where), and the step fails with it.
 * In any other build nothing is ever reported.
 */
#ifndef SIM_TSAN_REPORT_H
#define SIM_TSAN_REPORT_H

#include <stdbool.h>

/* Built with ThreadSanitizer. */
bool tsan_report_active(void);

/*
 * Before the CPUs of a step start: TSan forgets who touched ffa.c's
 * statics so far (see tsan_report.c).
 */
void tsan_forget_statics(void);

/* The races reported since the last call, one per line, or NULL. */
char *tsan_report_take(void);

#endif /* SIM_TSAN_REPORT_H */
