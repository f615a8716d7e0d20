/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A WARN in the host driver is recorded as the driver's, never as the
 * hyp's: the step that made it decides whether it was expected.  BUG()
 * ends the driver action with a report (host/report.c).
 */
#ifndef HOST_FAKE_LINUX_BUG_H
#define HOST_FAKE_LINUX_BUG_H

#include <linux/compiler.h>

void host_warn(const char *file, int line, const char *cond);
void __attribute__((__noreturn__)) host_bug(const char *file, int line,
					    const char *cond);

#define WARN_ON(cond) ({						\
	int __host_warn_cond = !!(cond);				\
	if (unlikely(__host_warn_cond))					\
		host_warn(__FILE__, __LINE__, #cond);			\
	unlikely(__host_warn_cond);					\
})
#define WARN_ON_ONCE(cond)	WARN_ON(cond)
#define WARN(cond, ...)		WARN_ON(cond)
#define BUG()			host_bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(cond)		do {					\
	if (unlikely(cond))						\
		host_bug(__FILE__, __LINE__, "BUG_ON(" #cond ")");	\
} while (0)

#endif
