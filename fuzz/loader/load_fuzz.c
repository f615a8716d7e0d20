// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa-load-fuzz: the scenario loader under libFuzzer.  An input is the
 * bytes of a scenario file; the loader must either load it or refuse it
 * with diagnostics that each carry FILE:LINE:COLUMN inside the input,
 * never crash, and stay within libFuzzer's memory and time limits
 * (-rss_limit_mb, -malloc_limit_mb, -timeout): the bounds of the
 * language (docs/scenario-language.md, "Limits") are what keep it there.
 * A broken rule is a finding: abort(), and libFuzzer saves the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/lang/scenario.h"
#include "sim/lang/yaml_tree.h"

#define NAME	"fuzz.yaml"

static unsigned int count_lines(const uint8_t *data, size_t size)
{
	unsigned int n = 1;
	size_t i;

	for (i = 0; i < size; i++)
		n += data[i] == '\n' || (data[i] == '\r' &&
					 (i + 1 == size || data[i + 1] != '\n'));
	return n;
}

static void __attribute__((noreturn)) finding(const char *why,
					      const char *msg)
{
	fprintf(stderr, "ffa-load-fuzz: %s: %s\n", why, msg ? msg : "");
	abort();
}

/* "fuzz.yaml:L:C: text", L within the input, C from 1; or a whole-file one. */
static void check_message(const char *msg, unsigned int lines)
{
	unsigned int line, col;
	int used = 0;
	const char *p;

	if (!g_str_has_prefix(msg, NAME ":"))
		finding("a diagnostic that does not name the file", msg);
	for (p = msg; *p; p++)
		if (g_ascii_iscntrl(*p))
			finding("a control character in a diagnostic", msg);
	if (!strcmp(msg, NAME ": no scenario in this file"))
		return;
	if (sscanf(msg, NAME ":%u:%u: %n", &line, &col, &used) != 2 || !used)
		finding("a diagnostic without line and column", msg);
	if (!line || line > lines || !col)
		finding("a position outside the input", msg);
	if (!msg[used])
		finding("a diagnostic that says nothing", msg);
}

static void load_once(const uint8_t *data, size_t size, size_t page_size)
{
	GPtrArray *scens = g_ptr_array_new_with_free_func(
		(GDestroyNotify)scenario_free);
	unsigned int i, lines = count_lines(data, size);
	struct diag d;
	bool ok;

	diag_init(&d);
	ok = scenario_load_bytes(NAME, (const char *)data, size, page_size,
				 scens, &d);
	if (ok != !diag_count(&d))
		finding(ok ? "loaded with diagnostics" : "refused without a diagnostic",
			diag_count(&d) ? diag_message(&d, 0) : NULL);
	for (i = 0; i < diag_count(&d); i++)
		check_message(diag_message(&d, i), lines);
	for (i = 0; ok && i < scens->len; i++) {
		const struct scenario *s = scens->pdata[i];

		if (!s->id || !*s->id || !s->steps->len)
			finding("a loaded scenario without a name or steps",
				s->id);
	}
	if (ok && !scens->len)
		finding("loaded, but no scenario", NULL);
	diag_free(&d);
	g_ptr_array_unref(scens);
}

/* Page sizes change what a value may be: the smallest and the largest. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > YAML_TREE_MAX_FILE)
		return -1;
	load_once(data, size, 4096);
	load_once(data, size, 65536);
	return 0;
}
