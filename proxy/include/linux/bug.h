/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN_ON and BUG in the proxy are results, not crashes.  At EL2 both are
 * a hyp panic in pKVM, so both end the current host SMC with a report of
 * where and why (see proxy/hyp/report.c); a WARN is also recorded as an
 * event, for runs that explore past it.
 */
#ifndef SIM_FAKE_LINUX_BUG_H
#define SIM_FAKE_LINUX_BUG_H

#include <linux/compiler.h>

void sim_hyp_warn(const char *file, int line, const char *func,
		  const char *cond);
void __attribute__((__noreturn__)) sim_hyp_bug(const char *file, int line,
					       const char *func,
					       const char *cond);

#define WARN_ON(cond) ({						\
	int __sim_warn_cond = !!(cond);					\
	if (unlikely(__sim_warn_cond))					\
		sim_hyp_warn(__FILE__, __LINE__, __func__, #cond);	\
	unlikely(__sim_warn_cond);					\
})
#define WARN_ON_ONCE(cond)	WARN_ON(cond)
#define BUG()			sim_hyp_bug(__FILE__, __LINE__, __func__, "BUG()")
#define BUG_ON(cond)		do {					\
	if (unlikely(cond))						\
		sim_hyp_bug(__FILE__, __LINE__, __func__,		\
			    "BUG_ON(" #cond ")");			\
} while (0)

#endif
