/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the scenario loader's files: load.c (files, cases, helpers),
 * load_setup.c, load_step.c, load_mem.c, load_expect.c, load_then.c,
 * load_concurrent.c and load_driver.c.
 */
#ifndef SIM_LOAD_INTERNAL_H
#define SIM_LOAD_INTERNAL_H

#include "sim/lang/names.h"
#include "sim/lang/scenario.h"
#include "sim/lang/words.h"
#include "sim/lang/yaml_tree.h"

struct ld {
	struct diag *d;
	unsigned int errors_at_start;
	GHashTable *params;	/* case parameter -> text, or NULL */
	struct scenario *s;
	struct names names;	/* checking mode */
	size_t page_size;
	unsigned int nr_mmio;	/* MMIO windows named so far */
};

static inline bool ld_failed(const struct ld *ld)
{
	return diag_count(ld->d) > ld->errors_at_start;
}

void ld_error(struct ld *ld, const struct ynode *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Scalar text with $parameters substituted, owned by the scenario. */
const char *ld_text(struct ld *ld, const struct ynode *node, const char *what);
/* Parse and check an expression; regs_ok allows xN/wN. */
struct expr *ld_expr(struct ld *ld, const struct ynode *node, bool regs_ok);
/*
 * ld_expr() for a field of @bits bits: a value known at load time (one
 * that reads no capture) must fit it, or the file does not load.
 */
/* @e's value if it reads no capture (quietly false if it does). */
bool ld_known_value(struct ld *ld, const struct expr *e, uint64_t *v);
struct expr *ld_expr_bits(struct ld *ld, const struct ynode *node,
			  unsigned int bits, const char *what);
/* The same for text that is part of a larger scalar (a `then` key). */
struct expr *ld_expr_text(struct ld *ld, const char *text, struct src_pos pos,
			  bool regs_ok);
/* Evaluate now: for set-up values that cannot depend on captures. */
bool ld_value(struct ld *ld, const struct ynode *node, uint64_t *out);
/* The same, refusing a value above @max instead of cutting it to size. */
bool ld_value_max(struct ld *ld, const struct ynode *node, uint64_t max,
		  uint64_t *out);
bool ld_bool(struct ld *ld, const struct ynode *node, bool *out);
/* "1.2" or version(1, 2). */
bool ld_version(struct ld *ld, const struct ynode *node, uint32_t *out);
/* A partition by name or ID: its index. */
bool ld_partition(struct ld *ld, const struct ynode *node, unsigned int *idx);
/* text: "..." or bytes: [..] from @map, into a block of the scenario. */
bool ld_bytes(struct ld *ld, const struct ynode *map, uint8_t **bytes,
	      size_t *len);
/*
 * A name the scenario introduces (a page, a partition, a capture): an
 * identifier the language and the set-up do not use yet.
 */
bool ld_named(struct ld *ld, const struct ynode *node, const char **name);
/*
 * @node names one of @words (NULL entries are holes): its index into *out.
 * Otherwise "unknown WHAT 'x' (did you mean y?)" or "...: use a, b or c".
 */
bool ld_choice(struct ld *ld, const struct ynode *node, const char *what,
	       const char *const *words, unsigned int nr, int *out);
bool ld_check_keys(struct ld *ld, const struct ynode *map,
		   const char *const *keys, size_t n);
/* A node's position, naming the scenario's own copy of the file name. */
struct src_pos ld_pos(struct ld *ld, const struct ynode *node);
void *ld_alloc(struct ld *ld, size_t size);
char *ld_strdup(struct ld *ld, const char *text);

bool ld_setup(struct ld *ld, const struct ynode *setup,
	      const struct ynode *requires);
bool ld_steps(struct ld *ld, const struct ynode *steps);
/* The step's expect: names a WARN, BUG or fault: a hyp panic. */
bool ld_expects_panic(const struct step *st);
/* One step; @in_group: an item of a concurrently: step, which needs cpu:. */
struct step *ld_parse_step(struct ld *ld, const struct ynode *map,
			   bool in_group);
/* concurrently: (load_concurrent.c), and its interleavings: or order:. */
bool ld_concurrently(struct ld *ld, const struct ynode *key,
		     const struct ynode *seq, struct step *st);
bool ld_group_mode(struct ld *ld, const struct ynode *map, struct step *st);
/* share:, lend: or donate: - the descriptor fields. */
bool ld_mem_send(struct ld *ld, const char *action, const struct ynode *map,
		 struct step *st);
/* to: and ranges: of a descriptor, shared with the driver's share. */
bool ld_mem_receivers(struct ld *ld, const struct ynode *seq,
		      struct mem_send *m);
bool ld_mem_ranges(struct ld *ld, const struct ynode *seq, struct mem_send *m);
bool ld_mem_targets(struct ld *ld, const struct ynode *map, const char *action,
		    struct mem_send *m);
/* driver: (load_driver.c), and the expect: and capture: of such a step. */
bool ld_driver(struct ld *ld, const struct ynode *value, struct step *st);
bool ld_driver_expect(struct ld *ld, struct step *st, const struct ynode *node);
bool ld_driver_captures(struct ld *ld, struct step *st,
			const struct ynode *node);
/* expect:, capture:, then:, stuck: of one step. */
bool ld_expect(struct ld *ld, struct step *st, const struct ynode *node);
bool ld_captures(struct ld *ld, struct step *st, const struct ynode *node);
/*
 * The NAME: VALUE pairs of a capture: map, each VALUE read by @value (an
 * expression, or a driver result's word); later steps see the names.
 */
bool ld_capture_map(struct ld *ld, struct step *st, const struct ynode *map,
		    struct expr *(*value)(struct ld *ld,
					  const struct ynode *node));

bool ld_thens(struct ld *ld, struct step *st, const struct ynode *node);
bool ld_stuck(struct ld *ld, struct step *st, const struct ynode *node);
/* `x4`, `w2`, `x4..x17`: first and last register; false if not one. */
bool ld_reg_key(const char *key, int *first, int *last, bool *low32);
bool ld_reg_expect(struct ld *ld, const struct ynode *node,
		   struct reg_expect *re, bool low32);

#endif /* SIM_LOAD_INTERNAL_H */
