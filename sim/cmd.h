/* SPDX-License-Identifier: GPL-2.0-only */
/* The ffa-sim subcommands; argv[0] is the subcommand's name. */
#ifndef SIM_CMD_H
#define SIM_CMD_H

int cmd_run(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_variants(int argc, char **argv);

#endif /* SIM_CMD_H */
