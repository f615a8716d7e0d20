// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/variants.h"

/* build/<variant>/obj/ffa-sim (or obj-san/...) -> build */
char *variants_build_root(void)
{
	char *self = g_file_read_link("/proc/self/exe", NULL);
	char *obj, *variant, *root;

	if (!self)
		return NULL;
	obj = g_path_get_dirname(self);
	variant = g_path_get_dirname(obj);
	root = g_path_get_dirname(variant);
	g_free(self);
	g_free(obj);
	g_free(variant);
	return root;
}

static char *binary_of(const char *root, const char *name)
{
	char *bin = g_build_filename(root, name, "obj", "ffa-sim", NULL);

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
