/* SPDX-License-Identifier: GPL-2.0-only */
/* The ffa-sim subcommands; argv[0] is the subcommand's name. */
#ifndef SIM_CMD_H
#define SIM_CMD_H

#include <glib.h>
#include <stdbool.h>

int cmd_run(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_variants(int argc, char **argv);
int cmd_decode(int argc, char **argv);
int cmd_explain(int argc, char **argv);

/*
 * GOption over a subcommand's arguments: @usage is the parameter line,
 * @summary the --help text.  With @keep_unknown, words GOption does not
 * know stay in argv ("-2" is a value to decode, not an option).  A bad
 * option is reported as "ffa-sim CMD: message"; false then.
 */
bool cmd_parse_options(const char *cmd, int *argc, char ***argv,
		       const GOptionEntry *entries, const char *usage,
		       const char *summary, bool keep_unknown);

/* A command that takes only --help; false (said) when given more. */
bool cmd_parse_no_arguments(const char *cmd, int argc, char **argv,
			    const char *usage, const char *summary);

/* A copy of argv with "-jN" split into "-j" "N"; g_strfreev() it. */
char **cmd_split_attached(int *argc, char **argv);

/*
 * The scenarios to run when no path is given: scenarios/ of the current
 * folder when there is one (a checkout), else the suite beside this
 * binary (its checkout's, or the one make install put in
 * PREFIX/share/ffa-sim).  g_free() it.
 */
char *cmd_default_suite(void);

#endif /* SIM_CMD_H */
