/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Expectations files: for one kernel series, the scenarios known to fail
 * and why.  Scenarios state what the spec and pKVM intend; where a proxy
 * version differs, the difference is written here with its reason, so a
 * run on that version is green exactly when nothing else changed.
 *
 *	series: "6.12"
 *	known_failures:
 *	  - scenario: direct-req2-reaches-partition
 *	    reason: the direct messaging series is not in this tree
 *	  - scenario: concurrent-version-same
 *	    build: tsan		(a data race: only ThreadSanitizer sees it)
 *	    reason: ...
 */
#ifndef SIM_EXPECTATIONS_H
#define SIM_EXPECTATIONS_H

#include <glib.h>
#include <stdbool.h>

#include "sim/diag.h"
#include "sim/result.h"

struct expectations {
	char *path;		/* NULL: none found */
	GHashTable *known;	/* scenario id -> reason */
	GHashTable *used;	/* ids a result matched */
};

/*
 * Find the file for kernel @series ("7.3") in @dir: linux-SERIES.yaml,
 * else the nearest older series there.  *notice says what was chosen when
 * it is not the exact one (g_free() it).  Returns false with a diagnostic
 * when the file is broken.
 */
bool expectations_find(struct expectations *e, const char *dir,
		       const char *series, char **notice, struct diag *d);
bool expectations_load(struct expectations *e, const char *path,
		       struct diag *d);
/* No file: every failure counts. */
void expectations_none(struct expectations *e);
void expectations_free(struct expectations *e);

/* Set r->verdict (and known_reason) from r->status. */
void expectations_apply(struct expectations *e, struct scen_result *r);

#endif /* SIM_EXPECTATIONS_H */
