// SPDX-License-Identifier: GPL-2.0-only
/*
 * What every command takes the same way: make's "-j4" (GOption takes
 * only "-j 4"), and the suite when no path is given.
 */
#include <glib.h>
#include <string.h>

#include "sim/cli/cmd.h"
#include "sim/run/variants.h"

static bool is_attached_jobs(const char *arg)
{
	return arg[0] == '-' && arg[1] == 'j' && arg[2] &&
	       strspn(arg + 2, "0123456789") == strlen(arg + 2);
}

char **cmd_split_attached(int *argc, char **argv)
{
	GPtrArray *out = g_ptr_array_new();
	int i;

	for (i = 0; i < *argc; i++) {
		if (is_attached_jobs(argv[i])) {
			g_ptr_array_add(out, g_strdup("-j"));
			g_ptr_array_add(out, g_strdup(argv[i] + 2));
		} else {
			g_ptr_array_add(out, g_strdup(argv[i]));
		}
	}
	*argc = (int)out->len;
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

char *cmd_default_suite(void)
{
	char *suite;

	if (g_file_test("scenarios", G_FILE_TEST_IS_DIR))
		return g_strdup("scenarios");
	suite = variants_suite_dir();
	return suite ? suite : g_strdup("scenarios");
}
