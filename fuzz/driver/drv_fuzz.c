// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-driver-fuzz: Linux's FF-A driver as the host of the real proxy,
 * under libFuzzer.  An input is a machine set-up and a client's calls
 * (drv_prog.h); each runs on a fresh machine and host kernel: the driver
 * loaded, the calls, the driver unloaded (drv_play.c), with the proxy
 * fuzzer's oracle after every SMC the driver makes.
 *
 *	ffa-driver-fuzz [libFuzzer flags] [--known=FILE] CORPUS...
 *	ffa-driver-fuzz --emit-scenario=OUT.yaml [--name=NAME]
 *			[--known=FILE] INPUT
 *
 * A finding (a fault, BUG or WARN in EL2, EL2 stack in a register, a
 * broken invariant, a BUG in the host kernel) is reported and the process
 * aborts, so that libFuzzer saves the input: running the binary on that
 * file shows it again, and --emit-scenario writes it as a scenario for
 * ffa-sim run.  A known finding ends its input without a report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <generated/sim_variant.h>
#include <glib.h>

#include "fuzz/driver/drv_emit.h"
#include "fuzz/driver/drv_play.h"
#include "fuzz/emit.h"
#include "fuzz/harness.h"
#include "fuzz/machine.h"

struct options {
	const char *emit, *name, *known;
	const char *input;
};

static void parse(int argc, char **argv, struct options *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (fz_opt(a, "--emit-scenario=", &o->emit) ||
		    fz_opt(a, "--name=", &o->name) ||
		    fz_opt(a, "--known=", &o->known))
			continue;
		if (a[0] != '-')
			o->input = a;
	}
}

static int mode_emit(const struct options *o)
{
	static struct df_prog p;
	static struct df_play d;
	const struct fz_finding *f = &d.pl.finding;
	char where[64], what[640], *name, *yaml;
	uint8_t *data;
	size_t len;
	int ret;

	if (!o->input) {
		fprintf(stderr, "ffa-driver-fuzz: --emit-scenario takes an input\n");
		return 2;
	}
	data = fz_read_file(o->input, &len);
	if (!data)
		return 2;
	df_decode(data, len, &p);
	g_free(data);
	if (!df_play(&p, &d)) {
		fprintf(stderr, "ffa-driver-fuzz: %s: the set-up is no machine\n",
			o->input);
		return 2;
	}
	df_where(&d, d.end_at, where, sizeof(where));
	/*
	 * A driver: step states what the client got, not the registers of
	 * the driver's SMCs: where the finding is only in those, or in the
	 * unload, the saved input is what shows it.
	 */
	if (f->kind == FZ_LEAK || (f->kind != FZ_NONE && d.end_at == DF_AT_UNLOAD))
		snprintf(what, sizeof(what), "At the %s: %s. ffa-sim run does not show this one (%s); the saved input does.",
			 where, f->what, f->kind == FZ_LEAK ?
			 "a driver: step expects no registers of the driver's SMCs" :
			 "no step unloads the driver");
	else if (f->kind != FZ_NONE)
		snprintf(what, sizeof(what), "At the %s: %s.", where, f->what);
	else
		snprintf(what, sizeof(what), "No finding.");
	name = o->name ? g_strdup(o->name) :
	       fz_scenario_name(f->kind == FZ_NONE ? "driver replay" : f->sig);
	yaml = df_emit_scenario(&d, name, what);
	ret = g_file_set_contents(o->emit, yaml, -1, NULL) ? 0 : 2;
	if (ret)
		fprintf(stderr, "ffa-driver-fuzz: cannot write %s\n", o->emit);
	else
		printf("%s\t%s\t%s\n", f->kind == FZ_NONE ? "none" : f->sig,
		       o->emit, what);
	g_free(yaml);
	g_free(name);
	return ret;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct options o = { 0 };
	char err[256];

	if (fz_machine_init(err, sizeof(err))) {
		fprintf(stderr, "ffa-driver-fuzz: %s\n", err);
		exit(2);
	}
	parse(*argc, *argv, &o);
	if (o.known && !fz_load_known(o.known, "ffa-driver-fuzz"))
		exit(2);
	if (o.emit) {
		int ret = mode_emit(&o);

		fflush(NULL);
		_exit(ret);
	}
	fprintf(stderr, "ffa-driver-fuzz: %s, a finding aborts; write it out with --emit-scenario=FILE\n",
		SIM_VARIANT_NAME);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct df_prog p;
	static struct df_play d;
	const struct fz_finding *f = &d.pl.finding;
	char where[64];

	df_decode(data, size, &p);
	if (!df_play(&p, &d) || f->kind == FZ_NONE)
		return 0;
	df_where(&d, d.end_at, where, sizeof(where));
	fprintf(stderr, "\n==ffa-driver-fuzz== finding at the %s on %s: %s\n"
		"==ffa-driver-fuzz== signature: %s\n",
		where, SIM_VARIANT_NAME, f->what, f->sig);
	abort();
}
