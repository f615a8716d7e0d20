/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Built variants: each is build/<name>/obj/ffa-sim, where <name> says
 * the kernel, the patch count and the page size (linux-7.3.4+2p-16k).
 * The build folder is found from this binary's own location; an
 * installed ffa-sim (make install) keeps its variants in
 * PREFIX/lib/ffa-sim/<name>/ffa-sim and its suite in
 * PREFIX/share/ffa-sim/scenarios.
 */
#ifndef SIM_VARIANTS_H
#define SIM_VARIANTS_H

#include <glib.h>

/* The folder holding every variant's folder, or NULL. */
char *variants_build_root(void);

/*
 * The scenario suite that goes with this binary: scenarios/ of the
 * checkout it was built in, or share/ffa-sim/scenarios of the prefix it
 * was installed to.  NULL when neither is there.
 */
char *variants_suite_dir(void);

/*
 * The binary of @spec: a path to an ffa-sim binary, or a variant name
 * under the build folder.  *name gets the variant's name.  NULL (with a
 * message on stderr) when there is no such variant.
 */
char *variants_binary(const char *spec, char **name);

/* Names of the built variants, sorted. */
GPtrArray *variants_list(void);

#endif /* SIM_VARIANTS_H */
