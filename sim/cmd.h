/* SPDX-License-Identifier: GPL-2.0-only */
/* The ffa-sim subcommands; argv[0] is the subcommand's name. */
#ifndef SIM_CMD_H
#define SIM_CMD_H

#include <stdbool.h>

int cmd_run(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_variants(int argc, char **argv);

/* A copy of argv with "-jN" split into "-j" "N"; g_strfreev() it. */
char **cmd_split_attached(int *argc, char **argv);

#endif /* SIM_CMD_H */
