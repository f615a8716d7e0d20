// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fuzzer checking itself, on programs from a corpus and mutations of
 * them:
 *
 *  - the restore between inputs is complete: a program played, then
 *    another, then the first again gives the same digest of every SMC
 *    and the same finding;
 *  - the emitted scenario says what the program did: it loads, and the
 *    scenario runner (sim/exec/exec.h, in this process, ffa.c's statics put
 *    back first) passes it when the program found nothing and fails it
 *    in its last step when the program found something.
 *
 * Programs that fault, hang or crash are left to the minimiser's child
 * processes and skipped here.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "fuzz/emit.h"
#include "fuzz/harness.h"
#include "fuzz/machine.h"
#include "fuzz/minimise.h"
#include "sim/exec/exec.h"
#include "sim/lang/scenario.h"

struct tally {
	unsigned int programs, findings, skipped, bad;
};

static void bad(struct tally *t, const struct fz_prog *p,
		const struct fz_play *pl, const char *why)
{
	char *yaml = fz_emit_scenario(p, pl, "fuzz-self-test");
	char path[64];

	snprintf(path, sizeof(path), "/tmp/ffa-fuzz-self-test-%u.yaml", t->bad);
	g_file_set_contents(path, yaml, -1, NULL);
	fprintf(stderr, "ffa-fuzz: self-test: %s (scenario in %s)\n", why, path);
	g_free(yaml);
	t->bad++;
}

static unsigned int emitted_steps(const struct fz_prog *p,
				  const struct fz_play *pl)
{
	unsigned int i, n = 0, end = p->nr_ops;

	if (pl->finding.kind != FZ_NONE)
		end = pl->finding.op + 1;
	else if (pl->stop)
		end = pl->stop_op;
	for (i = 0; i < end; i++)
		n += pl->rec[i].ran;
	return n;
}

/* Run the emitted scenario through the runner; NULL when it agrees. */
static const char *replay(const struct fz_prog *p, const struct fz_play *pl)
{
	static char why[4096];
	char *yaml = fz_emit_scenario(p, pl, "fuzz-self-test");
	GPtrArray *out = g_ptr_array_new();
	struct scen_result *r;
	struct scenario *s;
	struct diag d;
	unsigned int want = emitted_steps(p, pl);
	bool found = pl->finding.kind != FZ_NONE;

	diag_init(&d);
	if (!scenario_load_string("fuzz-self-test.yaml", yaml, fz_m.page_size,
				  out, &d) || out->len != 1) {
		snprintf(why, sizeof(why), "the emitted scenario does not load: %s",
			 diag_count(&d) ? diag_message(&d, 0) : "?");
		g_free(yaml);
		diag_free(&d);
		return why;
	}
	s = out->pdata[0];
	r = scen_result_new(s->id, s->file, s->line);
	fz_machine_restore_statics();
	exec_scenario(s, false, NULL, r);
	why[0] = '\0';
	if (!found && r->status != SCEN_PASS)
		snprintf(why, sizeof(why), "clean program, but the scenario %s: %s",
			 scen_status_name(r->status), r->message ? r->message : "");
	else if (found && r->status == SCEN_PASS)
		snprintf(why, sizeof(why), "the scenario passes, the program found: %s",
			 pl->finding.what);
	else if (found && want && (r->steps->len != want ||
		 g_array_index(r->steps, struct scen_step_result, want - 1).ok))
		snprintf(why, sizeof(why),
			 "the scenario fails in step %u of %u, not the last: %s",
			 r->steps->len, want, r->message ? r->message : "");
	scen_result_free(r);
	scenario_free(s);
	g_ptr_array_free(out, TRUE);
	diag_free(&d);
	g_free(yaml);
	return why[0] ? why : NULL;
}

/* Returns false when @p was skipped: then it must not be the next @other. */
static bool check(struct tally *t, const struct fz_prog *p,
		  const struct fz_prog *other)
{
	static struct fz_play a, b;
	struct fz_finding f;
	const char *why;

	fz_probe(p, &f);
	/*
	 * A fault or BUG abandons ffa.c with its locks held, which the
	 * runner, in this same process, would see in every later scenario.
	 */
	if (f.kind == FZ_HANG || f.kind == FZ_CRASH || f.kind == FZ_FAULT ||
	    f.kind == FZ_BUG || g_str_has_prefix(f.known, "fault ") ||
	    g_str_has_prefix(f.known, "bug ") ||
	    g_str_has_prefix(f.known, "crash ") ||
	    g_str_has_prefix(f.known, "hang ")) {
		t->skipped++;
		return false;
	}
	t->programs++;
	fz_play(p, &a);
	fz_play(other, &b);
	fz_play(p, &b);
	if (a.digest != b.digest || strcmp(a.finding.sig, b.finding.sig)) {
		bad(t, p, &a, "the same program played twice differs: the restore is incomplete");
		return true;
	}
	t->findings += a.finding.kind != FZ_NONE;
	why = replay(p, &a);
	if (why)
		bad(t, p, &a, why);
	return true;
}

static void collect(const char *path, GPtrArray *files)
{
	GDir *dir = g_dir_open(path, 0, NULL);
	const char *name;

	if (!dir) {
		g_ptr_array_add(files, g_strdup(path));
		return;
	}
	while ((name = g_dir_read_name(dir)))
		g_ptr_array_add(files, g_build_filename(path, name, NULL));
	g_dir_close(dir);
}

int fz_self_test(char **inputs, int n, unsigned int rounds)
{
	static struct fz_prog p, prev, m;
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	struct tally t = { 0 };
	unsigned int i, k;
	uint8_t *data;
	size_t len;
	int j;

	for (j = 0; j < n; j++)
		collect(inputs[j], files);
	for (i = 0; i < files->len; i++) {
		data = fz_read_file(files->pdata[i], &len);
		if (!data)
			continue;
		fz_decode(data, len, &p);
		g_free(data);
		if (!check(&t, &p, &prev))
			continue;
		for (k = 0; k < rounds; k++) {
			unsigned int steps = 1 + g_random_int_range(0, 8);

			m = p;
			while (steps--)
				fz_mutate_prog(&m, ((uint64_t)g_random_int() << 32) |
						   g_random_int());
			check(&t, &m, &p);
		}
		prev = p;
	}
	printf("ffa-fuzz: self-test: %u programs (%u with a finding), %u skipped (fault, hang or crash), %u disagreements\n",
	       t.programs, t.findings, t.skipped, t.bad);
	g_ptr_array_free(files, TRUE);
	return t.bad ? 1 : 0;
}
