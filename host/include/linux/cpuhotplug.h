/* SPDX-License-Identifier: GPL-2.0-only */
/* CPUs never go away here: a state's startup runs once per CPU. */
#ifndef HOST_FAKE_LINUX_CPUHOTPLUG_H
#define HOST_FAKE_LINUX_CPUHOTPLUG_H

enum cpuhp_state {
	CPUHP_INVALID = -1,
	CPUHP_AP_ONLINE_DYN = 200,
};

int cpuhp_setup_state(enum cpuhp_state state, const char *name,
		      int (*startup)(unsigned int cpu),
		      int (*teardown)(unsigned int cpu));
void cpuhp_remove_state(enum cpuhp_state state);

#endif
