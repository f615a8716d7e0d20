// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the fuzzers read from files: inputs, and the list of known
 * findings (fuzz/known-findings.txt) for the variant's kernel series.
 * Shared by the proxy's fuzzer and the driver's (fuzz/driver/).
 */
#include <stdio.h>
#include <string.h>

#include <generated/sim_variant.h>
#include <glib.h>

#include "fuzz/harness.h"
#include "fuzz/play.h"

uint8_t *fz_read_file(const char *path, size_t *len)
{
	gchar *data;
	gsize n;
	GError *e = NULL;

	if (!g_file_get_contents(path, &data, &n, &e)) {
		fprintf(stderr, "ffa-fuzz: %s\n", e->message);
		g_error_free(e);
		return NULL;
	}
	*len = n;
	return (uint8_t *)data;
}

/* "SERIES SIGNATURE  # why" lines; SERIES is 6.12, 7.3, ... or *. */
bool fz_load_known(const char *path, const char *tool)
{
	GPtrArray *sigs = g_ptr_array_new();
	char **lines, *text;
	size_t len;
	unsigned int i;

	text = (char *)fz_read_file(path, &len);
	if (!text)
		return false;
	lines = g_strsplit(text, "\n", -1);
	for (i = 0; lines[i]; i++) {
		char *l = g_strstrip(lines[i]), *hash, *sig;
		size_t n;

		if (!*l || *l == '#')
			continue;
		hash = strstr(l, " #");
		if (hash)
			*hash = '\0';
		sig = strchr(l, ' ');
		if (!sig)
			continue;
		*sig++ = '\0';
		n = strlen(l);
		if (strcmp(l, "*") && (strncmp(SIM_KERNEL_VERSION, l, n) ||
				       (SIM_KERNEL_VERSION[n] != '.' &&
					SIM_KERNEL_VERSION[n])))
			continue;
		g_ptr_array_add(sigs, g_strdup(g_strstrip(sig)));
	}
	g_strfreev(lines);
	g_free(text);
	fz_set_known((const char *const *)sigs->pdata, sigs->len);
	fprintf(stderr, "%s: %u known finding(s) of Linux %s ignored (%s)\n",
		tool, sigs->len, SIM_KERNEL_VERSION, path);
	return true;
}
