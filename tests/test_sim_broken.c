// SPDX-License-Identifier: GPL-2.0-only
/*
 * The broken-file corpus: every tests/broken/NAME.yaml must fail to load
 * with exactly the diagnostics in NAME.yaml.expected.
 *
 * Paths are relative to the repository root, where `make unit` runs the
 * tests, so an expected file reads just like `ffa-sim run
 * tests/broken/NAME.yaml` prints it and can be diffed against that.
 * The loader runs with 4K pages whatever the variant, so one expected
 * text serves every page size.  The runner runs with the variant's page
 * size: where a message names it, NAME.yaml.expected.16k (or .64k) says
 * what that variant prints instead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/lang/scenario.h"
#include "tests/check_util.h"

#include <string.h>
#include <sys/wait.h>

#define BROKEN_DIR	"tests/broken"
#define EXPECTED_EXT	".expected"
/* Fewer files means checks were lost, not that the loader got better. */
#define MIN_FILES	30

/* g_ptr_array_sort() hands the comparison pointers to the elements. */
static int compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in BROKEN_DIR that end in @ext, sorted. */
#define sorted_files(ext) sorted_files_at((ext), __FILE__, __LINE__)

static GPtrArray *sorted_files_at(const char *ext, const char *file, int line)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GError *error = NULL;
	GDir *dir = g_dir_open(BROKEN_DIR, 0, &error);
	const char *name;

	if (!dir)
		fail_at(file, line, "%s: %s: the corpus is read from the repository root, where the tests run",
			BROKEN_DIR, error->message);
	while ((name = g_dir_read_name(dir)))
		if (g_str_has_suffix(name, ext))
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(dir);
	g_ptr_array_sort(names, compare_names);
	return names;
}

static char *read_expected_at(const char *yaml, const char *page_size)
{
	char *path = g_strdup_printf("%s/%s%s%s%s", BROKEN_DIR, yaml,
				     EXPECTED_EXT, page_size ? "." : "",
				     page_size ? page_size : "");
	char *text = NULL;

	if (page_size && !g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_free(path);
		return read_expected_at(yaml, NULL);
	}

	if (!g_file_get_contents(path, &text, NULL, NULL)) {
		print_error("%s: cannot read\n", path);
		text = NULL;
	}
	g_free(path);
	return text;
}

static char *read_expected(const char *yaml)
{
	return read_expected_at(yaml, NULL);
}

/*
 * "16k" or "64k" from the "page size:" line of `ffa-sim --version`, NULL
 * for 4K, whose messages are the plain .expected files.
 */
#define variant_page_size(bin) variant_page_size_at((bin), __FILE__, __LINE__)

static char *variant_page_size_at(char *bin, const char *file, int line)
{
	char *argv[] = { bin, "--version", NULL };
	char *out = NULL, *at, *size = NULL;
	int status;

	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
			  NULL, &out, NULL, &status, NULL) || !out)
		fail_at(file, line, "%s --version did not run: the page size of the variant decides which messages to expect",
			bin);
	at = strstr(out, "page size: ");
	if (!at)
		fail_at(file, line, "%s --version printed no 'page size:' line, which decides the messages to expect:\n%s",
			bin, out);
	at += strlen("page size: ");
	if (!g_str_has_prefix(at, "4K"))
		size = g_ascii_strdown(at, strcspn(at, "\n"));
	g_free(out);
	return size;
}

/* The diagnostics one load of @path produced, one per line. */
static char *load_diagnostics(const char *path, bool *loaded)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	GString *text = g_string_new(NULL);
	struct diag d;
	unsigned int i;

	diag_init(&d);
	*loaded = scenario_load_file(path, 4096, scens, &d);
	for (i = 0; i < diag_count(&d); i++)
		g_string_append_printf(text, "%s\n", diag_message(&d, i));
	diag_free(&d);
	g_ptr_array_unref(scens);
	return g_string_free(text, FALSE);
}

static void test_every_file_fails_as_expected(void **state)
{
	GPtrArray *files = sorted_files(".yaml");
	unsigned int i, wrong = 0;

	(void)state;
	for (i = 0; i < files->len; i++) {
		const char *name = files->pdata[i];
		char *path = g_strdup_printf("%s/%s", BROKEN_DIR, name);
		char *expected = read_expected(name);
		bool loaded;
		char *got = load_diagnostics(path, &loaded);

		if (loaded) {
			print_error("%s: loaded without an error\n", path);
			wrong++;
		} else if (!expected || strcmp(got, expected)) {
			print_error("%s: expected\n%sgot\n%s", path,
				    expected ? expected : "(nothing)\n", got);
			wrong++;
		}
		g_free(got);
		g_free(expected);
		g_free(path);
	}
	assert_int_equal(wrong, 0);
	assert_true(files->len >= MIN_FILES);
	g_ptr_array_unref(files);
}

static bool in_list(GPtrArray *names, const char *name)
{
	unsigned int i;

	for (i = 0; i < names->len; i++)
		if (!strcmp(names->pdata[i], name))
			return true;
	return false;
}

/* A file without its expectations, or the reverse, is a forgotten half. */
static void test_files_and_expectations_pair_up(void **state)
{
	GPtrArray *yamls = sorted_files(".yaml");
	GPtrArray *expected = sorted_files(".yaml" EXPECTED_EXT);
	unsigned int i, unpaired = 0;
	char *name;

	(void)state;
	for (i = 0; i < yamls->len; i++) {
		name = g_strconcat(yamls->pdata[i], EXPECTED_EXT, NULL);
		if (!in_list(expected, name)) {
			print_error("%s/%s has no %s\n", BROKEN_DIR,
				    (char *)yamls->pdata[i], name);
			unpaired++;
		}
		g_free(name);
	}
	for (i = 0; i < expected->len; i++) {
		name = g_strndup(expected->pdata[i],
				 strlen(expected->pdata[i]) -
				 strlen(EXPECTED_EXT));
		if (!in_list(yamls, name)) {
			print_error("%s/%s belongs to no file\n", BROKEN_DIR,
				    (char *)expected->pdata[i]);
			unpaired++;
		}
		g_free(name);
	}
	assert_int_equal(unpaired, 0);
	g_ptr_array_unref(yamls);
	g_ptr_array_unref(expected);
}

/* "LINE:COL: message", both from 1. */
static bool has_position(const char *text)
{
	unsigned int line, col;
	int used = 0;

	return sscanf(text, "%u:%u: %n", &line, &col, &used) == 2 && used &&
	       line && col;
}

/*
 * Every message names its own file and a line and column in it; only a
 * file with nothing to point at (no document at all) may go without.
 */
static void test_every_message_has_a_position(void **state)
{
	GPtrArray *files = sorted_files(".yaml");
	unsigned int i, j, bad = 0;

	(void)state;
	for (i = 0; i < files->len; i++) {
		char *expected = read_expected(files->pdata[i]);
		char *prefix = g_strdup_printf("%s/%s:", BROKEN_DIR,
					       (char *)files->pdata[i]);
		char **lines;

		assert_non_null(expected);
		lines = g_strsplit(g_strchomp(expected), "\n", -1);
		assert_non_null(lines[0]);
		for (j = 0; lines[j]; j++) {
			const char *rest = lines[j] + strlen(prefix);

			if (!g_str_has_prefix(lines[j], prefix) ||
			    (!has_position(rest) &&
			     strcmp(rest, " no scenario in this file"))) {
				print_error("no file:line:column: %s\n",
					    lines[j]);
				bad++;
			}
		}
		g_strfreev(lines);
		g_free(prefix);
		g_free(expected);
	}
	assert_int_equal(bad, 0);
	g_ptr_array_unref(files);
}

/*
 * The runner must survive the whole corpus: exit 1 (failures, not a
 * crash) and show every expected message.  `make unit` names the command
 * in FFA_SIM_BIN; without it the test fails, as test_cli_run.c does: a
 * skipped check would pass a suite that never ran it.
 */
static void test_runner_reports_the_corpus(void **state)
{
	char *bin = (char *)g_getenv("FFA_SIM_BIN");
	char *argv[] = { bin, "run", "--color=never", BROKEN_DIR, NULL };
	GPtrArray *files;
	char *out = NULL, *err = NULL, *page_size;
	GError *error = NULL;
	unsigned int i, j, missing = 0;
	int status;

	(void)state;
	if (!bin || !*bin)
		fail_msg("FFA_SIM_BIN is not set: run the tests through `make -f proxy/variant.mk unit`");
	page_size = variant_page_size(bin);
	if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
			  &out, &err, &status, &error)) {
		print_error("%s: %s\n", bin, error->message);
		g_error_free(error);
		fail();
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	files = sorted_files(".yaml");
	for (i = 0; i < files->len; i++) {
		char *expected = read_expected_at(files->pdata[i], page_size);
		char **lines = g_strsplit(g_strchomp(expected), "\n", -1);

		for (j = 0; lines[j]; j++) {
			if (!strstr(out, lines[j])) {
				print_error("ffa-sim run did not print: %s\n",
					    lines[j]);
				missing++;
			}
		}
		g_strfreev(lines);
		g_free(expected);
	}
	if (missing)
		print_error("it printed:\n%s%s", out, err);
	assert_int_equal(missing, 0);
	g_ptr_array_unref(files);
	g_free(page_size);
	g_free(out);
	g_free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_file_fails_as_expected),
		cmocka_unit_test(test_files_and_expectations_pair_up),
		cmocka_unit_test(test_every_message_has_a_position),
		cmocka_unit_test(test_runner_reports_the_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
