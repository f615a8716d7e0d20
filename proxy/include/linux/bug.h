/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN_ON and BUG in the proxy are results, not crashes: a WARN is recorded
 * with where it fired and the scenario decides whether it was expected; a
 * BUG ends the current host SMC with a report (see proxy/hyp/report.c).
 */
#ifndef SIM_FAKE_LINUX_BUG_H
#define SIM_FAKE_LINUX_BUG_H

#include <linux/compiler.h>

void sim_hyp_warn(const char *file, int line, const char *cond);
void __attribute__((__noreturn__)) sim_hyp_bug(const char *file, int line,
					       const char *cond);

#define WARN_ON(cond) ({						\
	int __sim_warn_cond = !!(cond);					\
	if (unlikely(__sim_warn_cond))					\
		sim_hyp_warn(__FILE__, __LINE__, #cond);		\
	unlikely(__sim_warn_cond);					\
})
#define WARN_ON_ONCE(cond)	WARN_ON(cond)
#define BUG()			sim_hyp_bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(cond)		do {					\
	if (unlikely(cond))						\
		sim_hyp_bug(__FILE__, __LINE__, "BUG_ON(" #cond ")");	\
} while (0)

#endif
