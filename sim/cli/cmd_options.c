// SPDX-License-Identifier: GPL-2.0-only
/*
 * The options of a subcommand, parsed the one way every ffa-sim command
 * does it: GOption with the command's usage line and --help summary, and
 * a bad option reported as "ffa-sim CMD: message".
 */
#include <stdio.h>

#include "sim/cli/cmd.h"

bool cmd_parse_options(const char *cmd, int *argc, char ***argv,
		       const GOptionEntry *entries, const char *usage,
		       const char *summary, bool keep_unknown)
{
	GOptionContext *ctx = g_option_context_new(usage);
	GError *error = NULL;
	bool ok;

	g_option_context_set_summary(ctx, summary);
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_ignore_unknown_options(ctx, keep_unknown);
	ok = g_option_context_parse(ctx, argc, argv, &error);
	if (!ok) {
		fprintf(stderr, "ffa-sim %s: %s\n", cmd, error->message);
		g_error_free(error);
	}
	g_option_context_free(ctx);
	return ok;
}

bool cmd_parse_no_arguments(const char *cmd, int argc, char **argv,
			    const char *usage, const char *summary)
{
	static const GOptionEntry none[] = { { NULL } };

	if (!cmd_parse_options(cmd, &argc, &argv, none, usage, summary, false))
		return false;
	if (argc > 1) {
		fprintf(stderr, "ffa-sim %s: takes no arguments (try --help)\n",
			cmd);
		return false;
	}
	return true;
}
