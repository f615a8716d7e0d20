// SPDX-License-Identifier: GPL-2.0-only
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib.h>

#include "tests/check_util.h"
#include "tests/spawn_util.h"

static const char *sim_bin_at(const char *file, int line)
{
	const char *bin = getenv("FFA_SIM_BIN");

	if (!bin || !*bin)
		fail_at(file, line, "FFA_SIM_BIN is not set, so there is no ffa-sim to run: run the tests through `make -f proxy/variant.mk unit`");
	return bin;
}

void spawn_sim_at(const char *file, int line, struct spawned *r,
		  const char *input, const char *arg, ...)
{
	GPtrArray *argv = g_ptr_array_new();
	GError *error = NULL;
	int wait_status;
	va_list ap;

	memset(r, 0, sizeof(*r));
	/* The shell only redirects standard input, then becomes ffa-sim. */
	g_ptr_array_add(argv, "/bin/sh");
	g_ptr_array_add(argv, "-c");
	g_ptr_array_add(argv, "f=$1; shift; exec \"$@\" < \"$f\"");
	g_ptr_array_add(argv, "sh");
	g_ptr_array_add(argv, (char *)(input ? input : "/dev/null"));
	g_ptr_array_add(argv, (char *)sim_bin_at(file, line));
	va_start(ap, arg);
	for (; arg; arg = va_arg(ap, const char *))
		g_ptr_array_add(argv, (char *)arg);
	va_end(ap);
	g_ptr_array_add(argv, NULL);
	r->cmd = g_strjoinv(" ", (char **)argv->pdata + 5);
	if (!g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT,
			  NULL, NULL, &r->out, &r->err, &wait_status, &error))
		fail_at(file, line, "%s could not be started: %s", r->cmd,
			error->message);
	if (!WIFEXITED(wait_status))
		fail_at(file, line, "%s was killed by signal %d, expected an exit status: ffa-sim reports a crash, it does not die of one\n%s",
			r->cmd, WTERMSIG(wait_status), r->err);
	r->status = WEXITSTATUS(wait_status);
	g_ptr_array_unref(argv);
}

void spawned_free(struct spawned *r)
{
	g_free(r->cmd);
	g_free(r->out);
	g_free(r->err);
}

void spawned_check_status(const struct spawned *r, int want,
			  const char *file, int line)
{
	if (r->status != want)
		fail_at(file, line, "%s: exit status %d, expected %d: scripts and CI read the status\n--- stdout\n%s--- stderr\n%s",
			r->cmd, r->status, want, r->out, r->err);
}

