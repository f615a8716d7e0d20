/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef HOST_FAKE_LINUX_DELAY_H
#define HOST_FAKE_LINUX_DELAY_H

/* Simulated time does not pass between two SMCs: a sleep is a no-op. */
static inline void fsleep(unsigned long usecs)
{
	(void)usecs;
}

#endif
