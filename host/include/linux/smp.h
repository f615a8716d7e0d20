/* SPDX-License-Identifier: GPL-2.0-only */
/* CPUs of the host kernel are the simulated CPUs of the EL2 model. */
#ifndef HOST_FAKE_LINUX_SMP_H
#define HOST_FAKE_LINUX_SMP_H

#include <linux/types.h>

extern unsigned int nr_cpu_ids;

int smp_processor_id(void);
typedef void (*smp_call_func_t)(void *info);
/* Runs @func as CPU @cpu on the calling thread, and waits for it. */
int smp_call_function_single(int cpu, smp_call_func_t func, void *info,
			     int wait);

#define for_each_present_cpu(cpu)	\
	for ((cpu) = 0; (cpu) < (int)nr_cpu_ids; (cpu)++)
#define for_each_online_cpu(cpu)	for_each_present_cpu(cpu)

#endif
