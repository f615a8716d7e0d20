/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_SMOKE_H
#define SIM_SMOKE_H

/* Runs the smoke flow, printing every hop; returns the exit status. */
int smoke_run(void);

#endif
