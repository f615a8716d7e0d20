// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-fuzz: libFuzzer's entry points, and the modes that turn what it
 * finds into scenarios.
 *
 *	ffa-fuzz [libFuzzer flags] [--known=FILE] [--host-only] CORPUS...
 *	ffa-fuzz --make-seeds=DIR scenarios
 *	ffa-fuzz --classify [--known=FILE] INPUT...
 *	ffa-fuzz --emit-scenario=OUT.yaml [--name=NAME] [--no-minimise]
 *		 [--known=FILE] INPUT
 *	ffa-fuzz --self-test[=ROUNDS] [--known=FILE] INPUT...
 *
 * libFuzzer ignores flags that start with "--", so ours share the command
 * line with its own; a mode does its work in LLVMFuzzerInitialize() and
 * exits before libFuzzer starts.
 *
 * A finding is reported by abort(), which libFuzzer saves as a crash
 * input: the proxy faulted, BUGged or WARNed, leaked EL2 stack to the
 * host, held a lock, or broke an invariant.  A fault EL2 catches is a
 * finding like any other; a fault anywhere else reaches the sanitizer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <generated/sim_variant.h>
#include <glib.h>

#include "fuzz/emit.h"
#include "fuzz/harness.h"
#include "fuzz/machine.h"
#include "fuzz/minimise.h"
#include "fuzz/play.h"

struct options {
	const char *emit, *name, *known, *seeds;
	bool classify, no_minimise;
	long self_test;
	char **inputs;
	int nr_inputs;
};

static void load_known(const char *path)
{
	if (!fz_load_known(path, "ffa-fuzz"))
		exit(2);
}

static bool decode_file(const char *path, struct fz_prog *p)
{
	size_t len;
	uint8_t *data = fz_read_file(path, &len);

	if (!data)
		return false;
	fz_decode(data, len, p);
	g_free(data);
	return true;
}

static int mode_classify(const struct options *o)
{
	static struct fz_prog p;
	struct fz_finding f;
	int i;

	for (i = 0; i < o->nr_inputs; i++) {
		if (!decode_file(o->inputs[i], &p))
			return 2;
		fz_probe(&p, &f);
		if (f.kind != FZ_NONE)
			printf("%s\t%s\n", f.sig, o->inputs[i]);
		else if (f.known[0])
			printf("known %s\t%s\n", f.known, o->inputs[i]);
		else
			printf("none\t%s\n", o->inputs[i]);
	}
	return 0;
}

/*
 * Write the scenario from a child: the finding may be a hang or a
 * sanitizer abort, which this process must survive.  For those the
 * child plays up to the step and writes it without running it.
 */
static int emit_in_child(const struct fz_prog *p, const struct fz_finding *f,
			 const char *name, const char *out)
{
	static struct fz_play pl;
	int status;
	pid_t pid;
	char *yaml;
	unsigned int i;

	fflush(NULL);
	pid = fork();
	if (pid) {
		waitpid(pid, &status, 0);
		return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
	}
	if (!fz_play_begin(&pl, p))
		_exit(2);
	for (i = 0; i < f->op && fz_play_step(&pl, i); i++)
		;
	if (f->kind == FZ_NONE) {
		if (i == f->op && f->op < p->nr_ops)
			fz_play_step(&pl, f->op);
	} else if (f->kind == FZ_HANG || f->kind == FZ_CRASH) {
		pl.rec[f->op].ran = true;
		pl.finding = *f;
	} else {
		fz_play_step(&pl, f->op);
	}
	if (pl.finding.kind != f->kind || strcmp(pl.finding.sig, f->sig)) {
		fprintf(stderr, "ffa-fuzz: the finding did not show again when replayed\n");
		_exit(2);
	}
	yaml = fz_emit_scenario(p, &pl, name);
	if (!g_file_set_contents(out, yaml, -1, NULL)) {
		fprintf(stderr, "ffa-fuzz: cannot write %s\n", out);
		_exit(2);
	}
	_exit(0);
}

static int mode_emit(const struct options *o)
{
	static struct fz_prog p;
	struct fz_finding f;
	char *name;
	int ret;

	if (o->nr_inputs != 1) {
		fprintf(stderr, "ffa-fuzz: --emit-scenario takes one input\n");
		return 2;
	}
	if (!decode_file(o->inputs[0], &p))
		return 2;
	if (o->no_minimise)
		fz_probe(&p, &f);
	else
		fz_minimise(&p, &f);
	/* Nothing found: the whole program, replayed as a clean scenario. */
	if (f.kind == FZ_NONE)
		f.op = p.nr_ops ? p.nr_ops - 1 : 0;
	name = o->name ? g_strdup(o->name) :
	       fz_scenario_name(f.kind == FZ_NONE ? "replay" : f.sig);
	ret = emit_in_child(&p, &f, name, o->emit);
	if (!ret)
		printf("%s\t%s\t%s\n", f.kind == FZ_NONE ? "none" : f.sig,
		       o->emit, f.kind == FZ_NONE ? "no finding" : f.what);
	g_free(name);
	return ret ? ret : f.kind == FZ_NONE;
}

static void parse(int argc, char **argv, struct options *o)
{
	int i;

	o->inputs = g_new0(char *, argc + 1);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (fz_opt(a, "--emit-scenario=", &o->emit) ||
		    fz_opt(a, "--name=", &o->name) ||
		    fz_opt(a, "--known=", &o->known) ||
		    fz_opt(a, "--make-seeds=", &o->seeds))
			continue;
		if (g_str_has_prefix(a, "--self-test="))
			o->self_test = strtol(a + strlen("--self-test="), NULL, 0);
		else if (!strcmp(a, "--self-test"))
			o->self_test = 0;
		else if (!strcmp(a, "--classify"))
			o->classify = true;
		else if (!strcmp(a, "--no-minimise"))
			o->no_minimise = true;
		else if (!strcmp(a, "--host-only"))
			fz_host_only = true;
		else if (a[0] != '-')
			o->inputs[o->nr_inputs++] = argv[i];
	}
}

/*
 * A fuzzing service passes no flags of ours: the known findings travel as
 * a file beside the binary instead (.clusterfuzzlite/build.sh).
 */
static void load_known_beside_binary(void)
{
	char *self = g_file_read_link("/proc/self/exe", NULL);
	char *path = self ? g_strconcat(self, ".known", NULL) : NULL;

	if (path && g_file_test(path, G_FILE_TEST_IS_REGULAR))
		load_known(path);
	g_free(path);
	g_free(self);
}

static void finish(int ret)
{
	fflush(NULL);
	_exit(ret);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct options o = { .self_test = -1 };
	char err[256];

	if (fz_machine_init(err, sizeof(err))) {
		fprintf(stderr, "ffa-fuzz: %s\n", err);
		exit(2);
	}
	parse(*argc, *argv, &o);
	if (o.known)
		load_known(o.known);
	else
		load_known_beside_binary();
	if (o.seeds)
		finish(fz_make_seeds(o.seeds, o.inputs, o.nr_inputs));
	if (o.emit)
		finish(mode_emit(&o));
	if (o.classify)
		finish(mode_classify(&o));
	if (o.self_test >= 0)
		finish(fz_self_test(o.inputs, o.nr_inputs, o.self_test));
	fprintf(stderr, "ffa-fuzz: %s, a finding aborts; write it out with --emit-scenario=FILE\n",
		SIM_VARIANT_NAME);
	g_free(o.inputs);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fz_prog p;
	static struct fz_play pl;
	const struct fz_finding *f = &pl.finding;

	fz_decode(data, size, &p);
	if (!fz_play(&p, &pl) || f->kind == FZ_NONE)
		return 0;
	fprintf(stderr, "\n==ffa-fuzz== finding in step %u of %u on %s: %s\n"
		"==ffa-fuzz== signature: %s\n",
		f->op, p.nr_ops, SIM_VARIANT_NAME, f->what, f->sig);
	abort();
}
