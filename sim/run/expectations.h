/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Expectations files: for one kernel series, the scenarios known to fail,
 * how each fails and why.  Scenarios state what the spec and pKVM intend;
 * where a proxy version differs, the difference is written here with its
 * outcome and reason, so a run on that version is green exactly when
 * every scenario fails as recorded and nothing else fails.
 *
 *	series: "6.12"
 *	generation: { smc_call: arm_smccc_1_1_smc, ffa_version: "1.1" }
 *	known_failures:
 *	  - scenario: direct-req2-reaches-partition
 *	    outcome: "step 2 (call ...): x0: expected ..., got ..."
 *	    reason: the direct messaging series is not in this tree
 *	  - scenario: concurrent-version-same
 *	    build: tsan		(a data race: only ThreadSanitizer sees it)
 *	    outcome: [ "...", "..." ]	(one per build that differs)
 *	    reason: ...
 *	  - scenario: share-one-page-then-reclaim
 *	    spmc: tf-a		(an outcome of this kernel on TF-A only)
 *	    outcome: ...
 *	    reason: ...
 *
 * A failure is known only when its outcome (scen_result_outcome()) is
 * one of the entry's, line numbers aside; otherwise it fails differently.
 * Every entry has one: a name alone would let any failure of the scenario,
 * a sanitizer's crash too, pass as known.
 *
 * tf-a-SERIES.yaml ("tf-a-2.12.yaml") has the same entries, without
 * generation: and spmc:, for what an EL3 other than the mock gives on
 * every kernel.
 */
#ifndef SIM_EXPECTATIONS_H
#define SIM_EXPECTATIONS_H

#include <glib.h>
#include <stdbool.h>

#include "sim/lang/diag.h"
#include "sim/exec/result.h"

struct known_failure {
	char *id;
	char *reason;
	char *build;		/* "tsan", or NULL: every build */
	char *spmc;		/* "mock", "tf-a", or NULL: either EL3 */
	GPtrArray *outcomes;	/* of char *, as written; at least one */
	bool mine;		/* applies to this build and EL3 */
	bool from_spmc_file;	/* tf-a-SERIES.yaml's, not the kernel's */
};

/* Frees a struct known_failure *: a GDestroyNotify for arrays of them. */
void known_failure_free(gpointer p);

/* The proxy generation a series belongs to: what fallback may cross. */
struct generation {
	char *smc_call;		/* "arm_smccc_1_1_smc", ... */
	char *ffa_version;	/* "1.2": the version the proxy implements */
};

struct expectations {
	char *path;		/* NULL: none found */
	char *spmc_path;	/* the EL3's file read beside it, or NULL */
	char *series;		/* the file's series: */
	struct generation gen;	/* the file's generation:, or empty */
	char *header;		/* its leading comment lines */
	GPtrArray *entries;	/* of struct known_failure *, in file order */
	GHashTable *known;	/* scenario id -> its entry, for this build */
	GHashTable *used;	/* ids a result matched */
	GHashTable *loading;	/* ids of the file being read */
	bool loading_spmc;	/* it is tf-a-SERIES.yaml */
	bool spmc_file;		/* path is an EL3's file, not a kernel's */
	/* The variant is this series plus patches: the file is its base's. */
	bool describes_base;
	unsigned int placeholders; /* reasons still to be written */
	unsigned int spmc_placeholders;	/* ... in the EL3's file */
};

/* Is @path an EL3's file (tf-a-SERIES.yaml), not a kernel series'? */
bool expectations_is_spmc_file(const char *path);

/*
 * Find the file for kernel @series ("7.3") of generation @gen in @dir:
 * linux-SERIES.yaml, else the nearest series of the same generation.
 * *notice says what was chosen when it is not the exact file, or that
 * none was and how to record one (g_free() it).  Returns false with a
 * diagnostic when the file is broken.
 */
bool expectations_find(struct expectations *e, const char *dir,
		       const char *series, const struct generation *gen,
		       char **notice, struct diag *d);
/* One file, a kernel's or an EL3's (expectations_is_spmc_file()). */
bool expectations_load(struct expectations *e, const char *path,
		       struct diag *d);
/*
 * On a variant whose EL3 is not the mock, also the outcomes that EL3 gives
 * for every kernel: tf-a-SERIES.yaml in @dir ("tf-a-2.12.yaml"), whose
 * entries add to the kernel's (a scenario in both keeps both reasons).
 * e->spmc_path is the file read, or NULL when there is none.
 */
bool expectations_add_spmc(struct expectations *e, const char *dir,
			   struct diag *d);
/* The name of this variant's EL3 file ("tf-a-2.12.yaml"), or NULL (mock). */
const char *expectations_spmc_name(void);
/* No file: every failure counts. */
void expectations_none(struct expectations *e);
void expectations_free(struct expectations *e);

/* Set r->verdict (and the known_ fields) from r->status and its outcome. */
void expectations_apply(struct expectations *e, struct scen_result *r);

/* What --record-expectations writes, beside the run's results. */
struct record_target {
	const char *path;
	const char *series;	/* the kernel's, or the EL3's for its file */
	const struct generation *gen;	/* a kernel file's; unused for an EL3's */
	bool spmc_file;		/* tf-a-SERIES.yaml: what the EL3 gives */
	/*
	 * The run's EL3 is TF-A: a kernel file's new entries are that EL3's
	 * (spmc: tf-a), and its entries for either EL3 are kept as written.
	 */
	bool tfa_run;
	/*
	 * The run's other file (the kernel's when writing the EL3's, and the
	 * other way round), or NULL: a failure it already lists with this
	 * outcome is its, not written here.
	 */
	const struct expectations *other;
};

/*
 * --record-expectations: write t->path from @old (may be empty) and the
 * run's results: each failure with its outcome, the reasons already
 * written kept, a placeholder reason for each new one, entries of
 * scenarios that now pass dropped, entries this run did not reach kept.
 * *what says what changed (g_free() it).
 */
bool expectations_record(const struct expectations *old,
			 const struct run_summary *sum,
			 const struct record_target *t,
			 char **what, char *err, size_t errlen);

/* The reason --record-expectations writes for a new failure. */
#define EXPECTATIONS_PLACEHOLDER \
	"FIXME: say why this fails: what the spec or pKVM intends and what this tree does instead (written by ffa-sim run --record-expectations)."
/* ... and for a failure an EL3 other than the mock gives. */
#define EXPECTATIONS_SPMC_PLACEHOLDER \
	"FIXME: say why this fails on this EL3: what the spec intends, and which of its code paths answers otherwise (written by ffa-sim run --record-expectations)."

#endif /* SIM_EXPECTATIONS_H */
