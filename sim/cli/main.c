// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-sim: the pKVM FF-A proxy of one kernel variant, as a command.
 *
 *   ffa-sim --version     the variant this binary was built from
 *   ffa-sim run [PATH..]  run scenarios (ffa-sim run --help)
 *   ffa-sim compare       two variants' outcomes side by side
 *   ffa-sim variants      the variants built beside this one
 *   ffa-sim smoke         init, negotiate, map, share, reclaim
 *   ffa-sim decode        registers or a descriptor in FF-A terms
 *   ffa-sim explain FILE  a scenario as a sequence diagram
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include <generated/sim_patches.h>
#include <generated/sim_variant.h>

#include "host/host.h"
#include "proxy/hyp/hyp.h"
#include "sim/cli/cmd.h"
#include "sim/cli/smoke.h"

static gboolean opt_version;

static const GOptionEntry entries[] = {
	{ "version", 'V', 0, G_OPTION_ARG_NONE, &opt_version,
	  "Name the variant: kernel, patches, page size, SPMC", NULL },
	{ NULL }
};

static void print_version(void)
{
	unsigned int i;

	printf("ffa-sim %s\n", SIM_VARIANT_NAME);
	printf("kernel: Linux %s (%s)\n", SIM_KERNEL_VERSION, SIM_KERNEL_ORIGIN);
	printf("patches: %d%s\n", SIM_PATCH_COUNT,
	       SIM_PATCH_COUNT ? " (the variant's name ends in a hash of their contents)" : "");
	for (i = 0; sim_patches[i]; i++)
		printf("  patch %u: %s\n", i + 1, sim_patches[i]);
	printf("proxy generation: %s, FF-A %s\n", SIM_SMC_CALL, SIM_FFA_VERSION);
	printf("page size: %zuK\n", hyp_page_size() / 1024);
	printf("spmc: %s\n", SIM_SPMC_NAME);
	if (host_driver_absent())
		printf("host: without Linux's FF-A driver (built with DRIVER=no): driver: scenarios are skipped\n");
	else
		printf("host: Linux's FF-A driver of the tree (drivers/firmware/arm_ffa)\n");
}

static int cmd_smoke(int argc, char **argv)
{
	if (!cmd_parse_no_arguments("smoke", argc, argv,
			    "- the shortest run that proves this variant works",
			    "Boots EL2 over the mock SPMC, negotiates the FF-A version, maps\n"
			    "the host's mailboxes, shares one page with a partition and\n"
			    "reclaims it, printing every hop.  Exit status 0 when every step\n"
			    "answers as it must."))
		return 2;
	return smoke_run();
}

/* -1 when argv[0] is no subcommand. */
static int subcommand(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "run", cmd_run },
		{ "compare", cmd_compare },
		{ "variants", cmd_variants },
		{ "decode", cmd_decode },
		{ "explain", cmd_explain },
		{ "smoke", cmd_smoke },
	};
	char **args, **owned, prgname[32];
	unsigned int i;
	int ret;

	for (i = 0; i < G_N_ELEMENTS(cmds); i++) {
		if (strcmp(argv[0], cmds[i].name))
			continue;
		/* --help then says "ffa-sim run", as the man pages do. */
		snprintf(prgname, sizeof(prgname), "ffa-sim %s", argv[0]);
		g_set_prgname(prgname);
		args = cmd_split_attached(&argc, argv);
		/* GOption drops the options it parsed from args: free all. */
		owned = g_memdup2(args, (argc + 1) * sizeof(*args));
		ret = cmds[i].fn(argc, args);
		g_free(args);
		g_strfreev(owned);
		return ret;
	}
	return -1;
}

int main(int argc, char **argv)
{
	GOptionContext *ctx;
	GError *error = NULL;
	int ret = 2;

	/* A subcommand parses its own options. */
	if (argc >= 2 && (ret = subcommand(argc - 1, argv + 1)) >= 0)
		return ret;
	ret = 2;

	ctx = g_option_context_new("COMMAND - run the pKVM FF-A proxy against a mock SPMC");
	g_option_context_set_summary(ctx, "Commands:\n  run      run scenario files (run --help for its options)\n  compare  run them with two variants and show what differs (compare --help)\n  variants list the variants built beside this one\n  decode   register values or a descriptor dump in FF-A terms (decode --help)\n  explain  a scenario as a Mermaid sequence diagram or text (explain --help)\n  smoke    init, negotiate, map the mailboxes, share a page and reclaim it\n"
		"\n"
		"Without a PATH, run and compare take scenarios/ of the current folder,\n"
		"else the suite installed with this binary.  Each command has a man\n"
		"page: man ffa-sim-run, and so on.");
	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		fprintf(stderr, "ffa-sim: %s\n", error->message);
		g_error_free(error);
		goto out;
	}
	if (opt_version) {
		print_version();
		ret = 0;
	} else if (argc < 2) {
		fprintf(stderr, "ffa-sim: no command given (try --help)\n");
	} else {
		fprintf(stderr, "ffa-sim: unknown command '%s' (try --help)\n", argv[1]);
	}
out:
	g_option_context_free(ctx);
	return ret;
}
