/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A worker stopped by AddressSanitizer: its report goes to a file the
 * parent made before the fork, and the parent names the error and the
 * code it hit from it.  In builds without ASan none of this does
 * anything: -1 and NULL.
 */
#ifndef SIM_SANITIZER_REPORT_H
#define SIM_SANITIZER_REPORT_H

/* Before the fork: an empty in-memory file, or -1. */
int sanitizer_report_open(void);

/* In the child: ASan's reports go to @fd (from sanitizer_report_open()). */
void sanitizer_report_to(int fd);

/*
 * After the child died: the report's kind and first frame outside the
 * sanitizer, "AddressSanitizer: heap-buffer-overflow in f x.c:12", or
 * NULL when there is no report.  The whole report is copied to stderr,
 * where it would have gone.
 */
char *sanitizer_report_take(int fd);

#endif /* SIM_SANITIZER_REPORT_H */
