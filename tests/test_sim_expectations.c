// SPDX-License-Identifier: GPL-2.0-only
/*
 * Expectations files (sim/run/expectations.h): a failure is known only
 * with its recorded outcome, a fallback never crosses a proxy generation,
 * and --record-expectations keeps what a person wrote.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "sim/run/expectations.h"
#include "tests/check_util.h"

#define GEN_612	"generation: { smc_call: arm_smccc_1_1_smc, ffa_version: \"1.1\" }\n"
#define GEN_73	"generation: { smc_call: hyp_smccc_1_2_smc, ffa_version: \"1.2\" }\n"
#define OUTCOME	"step 4 (frag_tx): hyp panic: WARN at ffa.c:446 in do_ffa_mem_frag_tx: res->a0 != FFA_SUCCESS"

static const struct generation gen_612 = { "arm_smccc_1_1_smc", "1.1" };
static const struct generation gen_73 = { "hyp_smccc_1_2_smc", "1.2" };
/* Upstream 6.18 calls EL3 with arm_smccc_1_2_smc: a generation of its own. */
static const struct generation gen_618 = { "arm_smccc_1_2_smc", "1.2" };

struct fixture {
	char *dir;
};

#define put(dir, name, text) put_at((dir), (name), (text), __FILE__, __LINE__)

static void put_at(const char *dir, const char *name, const char *text,
		   const char *file, int line)
{
	char *path = g_build_filename(dir, name, NULL);

	write_test_file_at(path, text, -1, file, line);
	g_free(path);
}

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);

	f->dir = make_tmp_dir();
	put(f->dir, "linux-6.12.yaml",
	    "# 6.12's\nseries: \"6.12\"\n" GEN_612
	    "known_failures:\n"
	    "  - scenario: frag\n"
	    "    outcome: \"" OUTCOME "\"\n"
	    "    reason: 6.12 WARNs\n");
	put(f->dir, "linux-7.3.yaml",
	    "series: \"7.3\"\n" GEN_73
	    "known_failures:\n"
	    "  - scenario: frag\n"
	    "    outcome: \"" OUTCOME "\"\n"
	    "    reason: &same >\n      the proxy WARNs\n"
	    "  - scenario: other\n"
	    "    outcome: [\"step 1 (call X): x0: expected 1, got 2\", \"step 1 (call X): x0: expected 1, got 3\"]\n"
	    "    reason: *same\n"
	    "  - scenario: gone\n"
	    "    outcome: \"step 1 (call X): x0: expected 1, got 2\"\n"
	    "    reason: fixed since\n"
	    "  - scenario: race\n"
	    "    build: tsan\n"
	    "    outcome: \"step 1 (concurrently): ThreadSanitizer: data-race\"\n"
	    "    reason: only TSan sees it\n");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	GDir *d = g_dir_open(f->dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		char *path = g_build_filename(f->dir, name, NULL);

		unlink(path);
		g_free(path);
	}
	if (d)
		g_dir_close(d);
	rmdir(f->dir);
	g_free(f->dir);
	g_free(f);
	return 0;
}

/* The helpers check at the caller's line, through NAME_at(). */
#define find(f, series, gen, e, notice) \
	find_at((f), (series), (gen), (e), (notice), __FILE__, __LINE__)
#define assert_file(e, name) assert_file_at((e), (name), __FILE__, __LINE__)
#define load(f, name, e) load_at((f), (name), (e), __FILE__, __LINE__)
#define failing(id, outcome) failing_at((id), (outcome), __FILE__, __LINE__)

static void find_at(struct fixture *f, const char *series,
		    const struct generation *gen, struct expectations *e,
		    char **notice, const char *file, int line)
{
	struct diag d;

	diag_init(&d);
	if (!expectations_find(e, f->dir, series, gen, notice, &d)) {
		diag_print(&d, stderr);
		fail_at(file, line, "expectations_find(%s) failed (diagnostics above): the fixture's files are valid",
			series);
	}
	diag_free(&d);
}

/* The file found is @name, or none when @name is NULL. */
static void assert_file_at(const struct expectations *e, const char *name,
			   const char *file, int line)
{
	if (!name) {
		if (e->path)
			fail_at(file, line, "expected no file, got %s: no series of the generation has one",
				e->path);
		return;
	}
	if (!e->path || !g_str_has_suffix(e->path, name))
		fail_at(file, line, "expected %s, got %s: a series is judged by its own file or its generation's nearest",
			name, e->path ? e->path : "none");
}

static void test_fallback_stays_in_its_generation(void **state)
{
	struct fixture *f = *state;
	struct expectations e;
	char *notice;

	find(f, "7.3", &gen_73, &e, &notice);
	assert_file(&e, "linux-7.3.yaml");
	assert_null(notice);
	expectations_free(&e);

	/* A later series of 7.3's generation: 7.3's, and loudly so. */
	find(f, "7.5", &gen_73, &e, &notice);
	assert_file(&e, "linux-7.3.yaml");
	assert_non_null(notice);
	assert_true(g_str_has_prefix(notice, "NO EXPECTATIONS FOR LINUX 7.5: judged by linux-7.3.yaml"));
	assert_non_null(strstr(notice, "--record-expectations"));
	g_free(notice);
	expectations_free(&e);

	/* 6.18 is nearer 6.12 than 7.3 is, but of another generation. */
	find(f, "6.18", &gen_618, &e, &notice);
	assert_file(&e, NULL);
	assert_int_equal(g_hash_table_size(e.known), 0);
	assert_true(g_str_has_prefix(notice, "no expectations for Linux 6.18"));
	assert_non_null(strstr(notice, "arm_smccc_1_2_smc, FF-A 1.2"));
	assert_non_null(strstr(notice, "ffa-sim run --record-expectations"));
	g_free(notice);
	expectations_free(&e);

	find(f, "6.13", &gen_612, &e, &notice);
	assert_file(&e, "linux-6.12.yaml");
	g_free(notice);
	expectations_free(&e);
}

static struct scen_result *result(const char *id, enum scen_status status,
				  const char *first_difference)
{
	struct scen_result *r = scen_result_new(id, "f.yaml", 1);

	r->status = status;
	if (first_difference)
		r->message = g_strdup_printf("f.yaml:9: %s\n  last hops:",
					     first_difference);
	return r;
}

static void load_at(struct fixture *f, const char *name,
		    struct expectations *e, const char *file, int line)
{
	char *path = g_build_filename(f->dir, name, NULL);
	struct diag d;

	diag_init(&d);
	if (!expectations_load(e, path, &d)) {
		diag_print(&d, stderr);
		fail_at(file, line, "%s does not load (diagnostics above): the test wrote a valid file",
			path);
	}
	diag_free(&d);
	g_free(path);
}

/* Split "step 4 (frag_tx): ..." as a failure message has it. */
static struct scen_result *failing_at(const char *id, const char *outcome,
				      const char *file, int line)
{
	const char *colon = strstr(outcome, "): ");
	char *msg;
	struct scen_result *r;

	if (!colon)
		fail_at(file, line, "'%s' has no '): ', expected 'step N (action): ...' as the runner writes it",
			outcome);

	msg = g_strdup_printf("%.*s:\n  %s", (int)(colon - outcome + 1),
			      outcome, colon + 3);
	r = result(id, SCEN_FAIL, msg);
	g_free(msg);
	return r;
}

static void test_known_only_with_its_outcome(void **state)
{
	struct fixture *f = *state;
	struct expectations e;
	struct scen_result *r;

	load(f, "linux-7.3.yaml", &e);
	/* The same WARN one line further down is the same outcome. */
	r = failing("frag", "step 4 (frag_tx): hyp panic: WARN at ffa.c:450 in do_ffa_mem_frag_tx: res->a0 != FFA_SUCCESS");
	expectations_apply(&e, r);
	assert_int_equal(r->verdict, VERDICT_KNOWN_FAIL);
	assert_string_equal(r->known_reason, "the proxy WARNs");
	scen_result_free(r);

	/* Any of a list matches. */
	r = failing("other", "step 1 (call X): x0: expected 1, got 3");
	expectations_apply(&e, r);
	assert_int_equal(r->verdict, VERDICT_KNOWN_FAIL);
	scen_result_free(r);

	/* Listed, but failing in another way: a failure with both outcomes. */
	r = failing("frag", "step 4 (frag_tx): x0: expected FFA_ERROR, got FFA_SUCCESS");
	expectations_apply(&e, r);
	assert_int_equal(r->verdict, VERDICT_FAILS_DIFFERENTLY);
	assert_string_equal(r->known_outcome, OUTCOME);
	assert_false(r->on_series);
	scen_result_free(r);

	/* Listed and passing on the tree the file describes: stale. */
	r = result("frag", SCEN_PASS, NULL);
	expectations_apply(&e, r);
	assert_int_equal(r->verdict, VERDICT_UNEXPECTED_PASS);
	scen_result_free(r);

	/* With a series on top, the file is the base's: fixed, green. */
	e.describes_base = true;
	r = result("frag", SCEN_PASS, NULL);
	expectations_apply(&e, r);
	assert_int_equal(r->verdict, VERDICT_FIXED);
	assert_true(r->on_series);
	assert_string_equal(r->known_outcome, OUTCOME);
	scen_result_free(r);

	/* build: tsan entries are not this build's. */
	r = failing("race", "step 1 (concurrently): ThreadSanitizer: data-race");
	expectations_apply(&e, r);
	assert_int_equal(r->verdict, VERDICT_FAIL);
	scen_result_free(r);
	expectations_free(&e);
}

/*
 * A listed scenario skipped here (it needs another page size) still
 * names a scenario of the suite: the run must not call the entry one
 * that did not run, which is how it points at a renamed scenario.
 */
static void test_skipped_entry_is_not_unused(void **state)
{
	struct fixture *f = *state;
	struct expectations e;
	struct scen_result *r;

	load(f, "linux-7.3.yaml", &e);
	r = result("other", SCEN_SKIP, NULL);
	expectations_apply(&e, r);
	assert_int_equal(r->verdict, VERDICT_SKIP);
	if (!g_hash_table_contains(e.used, "other"))
		fail_msg("a listed scenario skipped on this variant was not marked as run: the run would say its entry names a scenario that did not run, as for a renamed one");
	scen_result_free(r);
	expectations_free(&e);
}

static void test_record_keeps_what_was_written(void **state)
{
	struct fixture *f = *state;
	struct expectations old, now;
	struct run_summary sum;
	char *path = g_build_filename(f->dir, "linux-7.3.yaml", NULL);
	char *text, *what = NULL, err[256];
	const struct known_failure *k;
	const struct record_target t = {
		.path = path, .series = "7.3", .gen = &gen_73,
	};

	load(f, "linux-7.3.yaml", &old);
	run_summary_init(&sum, "v");
	run_summary_add(&sum, failing("frag", OUTCOME));
	run_summary_add(&sum, failing("other", "step 2 (call Y): x1: expected 0, got 1"));
	run_summary_add(&sum, result("gone", SCEN_PASS, NULL));
	run_summary_add(&sum, failing("new-one", "step 3 (share): x0: expected FFA_SUCCESS, got FFA_ERROR"));
	assert_true(expectations_record(&old, &sum, &t, &what, err,
					sizeof(err)));
	assert_non_null(strstr(what, "1 new"));
	assert_non_null(strstr(what, "1 with a new outcome"));
	assert_non_null(strstr(what, "1 dropped"));
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	/* The header comment of the old file would stay; this one had none. */
	assert_true(g_str_has_prefix(text, "# Scenarios known to fail on Linux 7.3"));
	/* One reason for two entries: written once, with an anchor. */
	assert_non_null(strstr(text, "reason: &r1 >"));
	assert_non_null(strstr(text, "reason: *r1"));

	load(f, "linux-7.3.yaml", &now);
	assert_null(g_hash_table_lookup(now.known, "gone"));
	k = g_hash_table_lookup(now.known, "other");
	assert_non_null(k);
	assert_int_equal(k->outcomes->len, 3);
	assert_string_equal(k->reason, "the proxy WARNs");
	k = g_hash_table_lookup(now.known, "new-one");
	assert_non_null(k);
	assert_string_equal(k->reason, EXPECTATIONS_PLACEHOLDER);
	assert_int_equal(now.placeholders, 1);
	/* The tsan entry is another build's: kept as it was. */
	assert_int_equal(now.entries->len, 4);
	assert_string_equal(now.gen.smc_call, "hyp_smccc_1_2_smc");
	expectations_free(&now);
	expectations_free(&old);
	run_summary_free(&sum);
	g_free(text);
	g_free(what);
	g_free(path);
}

#define TFA_OUTCOME "step 3 (reclaim): x0: expected FFA_SUCCESS (0x84000061), got FFA_ERROR (0x84000060) (w2 = INVALID_PARAMETERS)"

/*
 * An EL3's file takes the failures the kernel's does not list with the
 * same outcome, keeps what a person wrote, and has no generation:.
 */
static void test_record_an_el3_file(void **state)
{
	struct fixture *f = *state;
	char *path = g_build_filename(f->dir, "tf-a-2.12.yaml", NULL);
	struct expectations kernel, old, now;
	struct run_summary sum;
	char *text, *what = NULL, err[256];
	const struct known_failure *k;
	const struct record_target t = {
		.path = path, .series = "2.12", .gen = &gen_73,
		.spmc_file = true, .tfa_run = true, .other = &kernel,
	};

	put(f->dir, "tf-a-2.12.yaml",
	    "# TF-A's\nseries: \"2.12\"\nknown_failures:\n"
	    "  - scenario: reclaim\n"
	    "    outcome: \"" TFA_OUTCOME "\"\n"
	    "    reason: TF-A refuses the hypervisor's retrieve\n"
	    "  - scenario: counts\n"
	    "    outcome: \"step 2 (call X): w2: expected 1, got 2\"\n"
	    "    reason: TF-A lists its logical partition\n");
	load(f, "linux-7.3.yaml", &kernel);
	load(f, "tf-a-2.12.yaml", &old);
	assert_true(old.spmc_file);
	run_summary_init(&sum, "v");
	/* The kernel's file lists frag failing this way: not TF-A's. */
	run_summary_add(&sum, failing("frag", OUTCOME));
	run_summary_add(&sum, failing("reclaim", TFA_OUTCOME));
	run_summary_add(&sum, result("counts", SCEN_PASS, NULL));
	/* Listed by the kernel's file, failing otherwise on TF-A: TF-A's. */
	run_summary_add(&sum, failing("other", "step 5 (reclaim): x0: expected 0, got 1"));
	run_summary_add(&sum, failing("new-on-tfa", "step 1 (call Y): x2: expected 0, got 3"));
	assert_true(expectations_record(&old, &sum, &t, &what, err,
					sizeof(err)));
	if (!strstr(what, "2 new") || !strstr(what, "1 dropped") ||
	    !strstr(what, "the other failures are"))
		fail_msg("expected 2 new, 1 dropped and the kernel's file named, got: %s",
			 what);
	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	assert_true(g_str_has_prefix(text, "# TF-A's\nseries: \"2.12\"\nknown_failures:\n"));
	assert_null(strstr(text, "generation:"));

	load(f, "tf-a-2.12.yaml", &now);
	assert_int_equal(now.entries->len, 3);
	assert_null(g_hash_table_lookup(now.known, "frag"));
	assert_null(g_hash_table_lookup(now.known, "counts"));
	k = g_hash_table_lookup(now.known, "reclaim");
	assert_non_null(k);
	assert_string_equal(k->reason, "TF-A refuses the hypervisor's retrieve");
	k = g_hash_table_lookup(now.known, "new-on-tfa");
	assert_non_null(k);
	assert_string_equal(k->reason, EXPECTATIONS_SPMC_PLACEHOLDER);
	assert_null(k->spmc);
	assert_non_null(g_hash_table_lookup(now.known, "other"));
	expectations_free(&now);
	expectations_free(&old);
	expectations_free(&kernel);
	run_summary_free(&sum);
	g_free(text);
	g_free(what);
	g_free(path);
}

/*
 * A kernel's file written from a TF-A run: new entries are that EL3's, and
 * the entries for either EL3 stay as written, since this run saw one.
 */
static void test_record_a_kernel_file_on_tfa(void **state)
{
	struct fixture *f = *state;
	char *path = g_build_filename(f->dir, "linux-7.3.yaml", NULL);
	struct expectations none, old, now;
	struct run_summary sum;
	char *what = NULL, err[256];
	const struct known_failure *k;
	const struct record_target t = {
		.path = path, .series = "7.3", .gen = &gen_73,
		.tfa_run = true, .other = &none,
	};

	expectations_none(&none);
	load(f, "linux-7.3.yaml", &old);
	run_summary_init(&sum, "v");
	run_summary_add(&sum, result("gone", SCEN_PASS, NULL));
	run_summary_add(&sum, failing("frag", "step 4 (frag_tx): x0: expected 1, got 2"));
	run_summary_add(&sum, failing("tfa-only", "step 1 (call Y): x2: expected 0, got 3"));
	assert_true(expectations_record(&old, &sum, &t, &what, err,
					sizeof(err)));
	load(f, "linux-7.3.yaml", &now);
	assert_non_null(g_hash_table_lookup(now.known, "gone"));
	k = g_hash_table_lookup(now.known, "frag");
	assert_int_equal(k->outcomes->len, 1);
	assert_int_equal(now.entries->len, 5);
	k = now.entries->pdata[4];
	assert_string_equal(k->id, "tfa-only");
	assert_string_equal(k->spmc, "tf-a");
	expectations_free(&now);
	expectations_free(&old);
	expectations_free(&none);
	run_summary_free(&sum);
	g_free(what);
	g_free(path);
}

/*
 * @text, written as @name, does not load, and the first message holds
 * @why: a bad expectations file is named, never half-used.
 */
#define assert_refused(f, name, text, why) \
	assert_refused_at((f), (name), (text), (why), __FILE__, __LINE__)

static void assert_refused_at(struct fixture *f, const char *name,
			      const char *text, const char *why,
			      const char *file, int line)
{
	char *path = g_build_filename(f->dir, name, NULL);
	struct expectations e;
	struct diag d;

	put(f->dir, name, text);
	diag_init(&d);
	if (expectations_load(&e, path, &d))
		fail_at(file, line, "%s loaded; expected it refused with '%s': a bad file is named, never half-used",
			name, why);
	if (!diag_count(&d) || !strstr(diag_message(&d, 0), why))
		fail_at(file, line, "%s: expected a message with '%s', got '%s': the message says what is wrong",
			name, why,
			diag_count(&d) ? diag_message(&d, 0) : "no message");
	expectations_free(&e);
	diag_free(&d);
	g_free(path);
}

static void test_bad_files(void **state)
{
	struct fixture *f = *state;

	assert_refused(f, "bad.yaml", "series: \"7.3\"\nknown_failures:\n"
		       "  - scenario: x\n    outcome: \"\"\n    reason: r\n",
		       "an empty outcome matches nothing");
	/* A name alone would let a crash of x pass as known. */
	assert_refused(f, "linux-7.3.yaml", "series: \"7.3\"\nknown_failures:\n"
		       "  - scenario: x\n    reason: r\n",
		       "needs scenario:, outcome:");
	assert_refused(f, "tf-a-2.12.yaml", "series: \"2.12\"\nknown_failures:\n"
		       "  - scenario: x\n    reason: r\n",
		       "needs scenario:, outcome:");
	assert_refused(f, "tf-a-2.12.yaml", "series: \"2.12\"\nknown_failures:\n"
		       "  - scenario: x\n    spmc: tf-a\n    outcome: \"o\"\n    reason: r\n",
		       "spmc: belongs in a kernel's file");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fallback_stays_in_its_generation,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_skipped_entry_is_not_unused,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_known_only_with_its_outcome,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_keeps_what_was_written,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_an_el3_file,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_record_a_kernel_file_on_tfa,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
