/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A worker stopped by AddressSanitizer or UBSan: its report goes to a
 * file the parent made before the fork, and the parent names the error
 * and the code it hit from it.  In builds without either none of this
 * does anything: -1 and NULL.
 */
#ifndef SIM_SANITIZER_REPORT_H
#define SIM_SANITIZER_REPORT_H

/* Before the fork: an empty in-memory file, or -1. */
int sanitizer_report_open(void);

/*
 * In the child, after the fork: ASan's and UBSan's reports go to @fd
 * (from sanitizer_report_open()).
 */
void sanitizer_report_to(int fd);

/*
 * After the child died: the report's kind and first frame outside the
 * sanitizer, "AddressSanitizer: heap-buffer-overflow in f x.c:12", or
 * NULL when there is no report.  The whole report is copied to stderr,
 * where it would have gone.
 */
char *sanitizer_report_take(int fd);

/*
 * The name of the error a report's text tells, as sanitizer_report_take()
 * gives it: the kind ("AddressSanitizer: heap-buffer-overflow",
 * "UndefinedBehaviorSanitizer: undefined-behavior") and the first frame
 * of the stack outside the sanitizer ("in f x.c:12"), without addresses,
 * columns or folders; NULL when the text holds no report.
 */
char *sanitizer_report_name(const char *report);

#endif /* SIM_SANITIZER_REPORT_H */
