// SPDX-License-Identifier: GPL-2.0-only
/*
 * Wall time of the runner on one scenario file, to the nanosecond: the
 * file is loaded as ffa-sim run loads it, then exec_scenario() (machine
 * up, steps, machine down: what run --no-isolation calls) is timed.
 * Once per process, as ffa.c's statics require: run it several times.
 *
 *   bench-runner FILE [--no-invariants]   prints "seconds S"
 *
 * The difference between a file with N rounds and one without any is the
 * steps alone, which process start-up and loading would drown in a timing
 * of the whole command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proxy/hyp/hyp.h"
#include "sim/lang/diag.h"
#include "sim/exec/exec.h"
#include "sim/lang/scenario.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const struct scenario *load(const char *path, GPtrArray *scens)
{
	if (!scenario_load_file_report(path, hyp_page_size(), scens, stderr) ||
	    scens->len != 1) {
		fprintf(stderr, "bench-runner: %s: want one scenario that loads\n",
			path);
		return NULL;
	}
	return scens->pdata[0];
}

int main(int argc, char **argv)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	const struct scenario *s;
	struct scen_result *r;
	int ret = 1;
	double t;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-runner FILE [--no-invariants]\n");
		return 2;
	}
	if (argc > 2 && !strcmp(argv[2], "--no-invariants"))
		exec_set_invariants(false);
	s = load(argv[1], scens);
	if (s) {
		r = scen_result_new(s->id, s->file, s->line);
		t = now();
		exec_scenario(s, false, NULL, r);
		t = now() - t;
		if (r->status == SCEN_PASS) {
			printf("seconds %.9f\n", t);
			ret = 0;
		} else {
			fprintf(stderr, "bench-runner: %s did not pass\n", s->id);
		}
		scen_result_free(r);
	}
	g_ptr_array_unref(scens);
	return ret;
}
