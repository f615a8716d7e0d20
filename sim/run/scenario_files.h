/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scenario files a run is given: files as named, and every *.yaml or
 * *.yml below a folder except in folders named expectations.  Each real
 * folder is walked once however many symlinks lead to it, so a link to
 * `.` is neither a loop nor a second copy of the suite.
 */
#ifndef SIM_SCENARIO_FILES_H
#define SIM_SCENARIO_FILES_H

#include <glib.h>
#include <stdbool.h>

#include "sim/lang/diag.h"

/*
 * Appends the files found under @paths (a NULL-terminated list) to @files,
 * sorted within each folder.  What cannot be read (a folder that cannot
 * be opened, a symlink loop, a dangling link named *.yaml) goes to @d,
 * one diagnostic per path, and its path to @unreadable in the same order:
 * it is never skipped in silence.  A file that is not a regular one is
 * listed all the same, for the loader to refuse with its reason.  False,
 * with a diagnostic but nothing in @unreadable, when a path given on the
 * command line does not exist.
 */
bool scenario_files_collect(char **paths, GPtrArray *files,
			    GPtrArray *unreadable, struct diag *d);

#endif /* SIM_SCENARIO_FILES_H */
