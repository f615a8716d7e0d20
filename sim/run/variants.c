// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>
#include <stdbool.h>
#include <unistd.h>

#include "sim/run/variants.h"

/*
 * Where this binary lies: a checkout's build/<variant>/obj/ffa-sim (or
 * obj-san/...), or an installed PREFIX/lib/ffa-sim/<variant>/ffa-sim.
 */
static char *self_dir(bool *in_checkout)
{
	char *self = g_file_read_link("/proc/self/exe", NULL);
	char *dir, *base;

	if (!self)
		return NULL;
	dir = g_path_get_dirname(self);
	base = g_path_get_basename(dir);
	*in_checkout = g_str_has_prefix(base, "obj");
	g_free(base);
	g_free(self);
	return dir;
}

/* build, or PREFIX/lib/ffa-sim; *in_checkout says which. */
static char *root_of_self(bool *in_checkout)
{
	char *dir = self_dir(in_checkout), *variant, *root;

	if (!dir)
		return NULL;
	variant = *in_checkout ? g_path_get_dirname(dir) : g_strdup(dir);
	root = g_path_get_dirname(variant);
	g_free(dir);
	g_free(variant);
	return root;
}

char *variants_build_root(void)
{
	bool in_checkout;

	return root_of_self(&in_checkout);
}

char *variants_suite_dir(void)
{
	bool in_checkout;
	char *root = root_of_self(&in_checkout), *path, *suite;

	if (!root)
		return NULL;
	path = in_checkout ?
		g_build_filename(root, "..", "scenarios", NULL) :
		g_build_filename(root, "..", "..", "share", "ffa-sim",
				 "scenarios", NULL);
	suite = g_canonicalize_filename(path, NULL);
	g_free(path);
	g_free(root);
	if (g_file_test(suite, G_FILE_TEST_IS_DIR))
		return suite;
	g_free(suite);
	return NULL;
}

static char *binary_of(const char *root, const char *name)
{
	char *bin = g_build_filename(root, name, "obj", "ffa-sim", NULL);

	if (g_file_test(bin, G_FILE_TEST_IS_EXECUTABLE))
		return bin;
	g_free(bin);
	bin = g_build_filename(root, name, "ffa-sim", NULL);
	if (g_file_test(bin, G_FILE_TEST_IS_EXECUTABLE))
		return bin;
	g_free(bin);
	return NULL;
}

static void suggest(const char *spec, const char *root)
{
	GPtrArray *names = variants_list();
	unsigned int i;

	fprintf(stderr, "ffa-sim: no variant '%s' in %s", spec,
		root ? root : "the build folder");
	if (names->len) {
		fprintf(stderr, "; built:");
		for (i = 0; i < names->len; i++)
			fprintf(stderr, " %s", (char *)names->pdata[i]);
	}
	fprintf(stderr, "\n");
	g_ptr_array_unref(names);
}

char *variants_binary(const char *spec, char **name)
{
	char *root, *bin, *dir;

	if (strchr(spec, '/') && g_file_test(spec, G_FILE_TEST_IS_EXECUTABLE) &&
	    !g_file_test(spec, G_FILE_TEST_IS_DIR)) {
		dir = g_path_get_dirname(spec);
		*name = g_path_get_basename(dir);
		if (!strncmp(*name, "obj", 3)) {
			char *up = g_path_get_dirname(dir);

			g_free(*name);
			*name = g_path_get_basename(up);
			g_free(up);
		}
		g_free(dir);
		return g_strdup(spec);
	}
	root = variants_build_root();
	bin = root ? binary_of(root, spec) : NULL;
	if (!bin)
		suggest(spec, root);
	else
		*name = g_strdup(spec);
	g_free(root);
	return bin;
}

static gint by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *variants_list(void)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	char *root = variants_build_root();
	GDir *dh = root ? g_dir_open(root, 0, NULL) : NULL;
	const char *n;

	while (dh && (n = g_dir_read_name(dh))) {
		char *bin = binary_of(root, n);

		if (bin)
			g_ptr_array_add(names, g_strdup(n));
		g_free(bin);
	}
	if (dh)
		g_dir_close(dh);
	g_free(root);
	g_ptr_array_sort(names, by_name);
	return names;
}
