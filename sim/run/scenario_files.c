// SPDX-License-Identifier: GPL-2.0-only
#include "sim/run/scenario_files.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

struct walk {
	GPtrArray *files;
	GPtrArray *unreadable;
	GHashTable *seen;	/* "dev:ino" of every folder entered */
	struct diag *d;
};

static bool is_scenario_name(const char *name)
{
	return g_str_has_suffix(name, ".yaml") || g_str_has_suffix(name, ".yml");
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void cannot_read(struct walk *w, const char *path, const char *what,
			int err)
{
	diag_error(w->d, (struct src_pos){ path, 0, 0 }, "cannot read%s: %s",
		   what, g_strerror(err));
	g_ptr_array_add(w->unreadable, g_strdup(path));
}

/* True the first time this real folder is seen. */
static bool first_visit(struct walk *w, const struct stat *st)
{
	char *key = g_strdup_printf("%llu:%llu", (unsigned long long)st->st_dev,
				    (unsigned long long)st->st_ino);

	if (g_hash_table_contains(w->seen, key)) {
		g_free(key);
		return false;
	}
	g_hash_table_add(w->seen, key);
	return true;
}

static GPtrArray *sorted_entries(struct walk *w, const char *dir)
{
	GPtrArray *names;
	struct dirent *ent;
	DIR *dh = opendir(dir);

	if (!dh) {
		cannot_read(w, dir, " the folder", errno);
		return NULL;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((ent = readdir(dh)))
		if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, ".."))
			g_ptr_array_add(names, g_strdup(ent->d_name));
	closedir(dh);
	g_ptr_array_sort(names, compare_names);
	return names;
}

static void walk_dir(struct walk *w, const char *dir, const struct stat *st);

static void walk_entry(struct walk *w, const char *path, const char *name)
{
	struct stat st;

	if (stat(path, &st)) {
		/* A dangling link is only a problem where a scenario was meant. */
		if (errno != ENOENT || is_scenario_name(name))
			cannot_read(w, path, "", errno);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (strcmp(name, "expectations"))
			walk_dir(w, path, &st);
		return;
	}
	if (is_scenario_name(name))
		g_ptr_array_add(w->files, g_strdup(path));
}

static void walk_dir(struct walk *w, const char *dir, const struct stat *st)
{
	GPtrArray *names;
	unsigned int i;

	if (!first_visit(w, st))
		return;
	names = sorted_entries(w, dir);
	if (!names)
		return;
	for (i = 0; i < names->len; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);

		walk_entry(w, path, names->pdata[i]);
		g_free(path);
	}
	g_ptr_array_unref(names);
}

bool scenario_files_collect(char **paths, GPtrArray *files,
			    GPtrArray *unreadable, struct diag *d)
{
	struct walk w = {
		.files = files,
		.unreadable = unreadable,
		.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      NULL),
		.d = d,
	};
	bool ok = true;
	struct stat st;

	for (; *paths; paths++) {
		if (stat(*paths, &st)) {
			if (errno == ENOENT) {
				diag_error(d, (struct src_pos){ *paths, 0, 0 },
					   "no such file or folder");
				ok = false;
			} else {
				cannot_read(&w, *paths, "", errno);
			}
		} else if (S_ISDIR(st.st_mode)) {
			walk_dir(&w, *paths, &st);
		} else {
			g_ptr_array_add(files, g_strdup(*paths));
		}
	}
	g_hash_table_destroy(w.seen);
	return ok;
}
