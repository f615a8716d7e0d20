/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What names mean in a scenario's expressions: FF-A functions, error
 * codes and flags, errno values, helpers such as version(1, 2), the
 * scenario's pages and partitions, captures, and (in expect and capture)
 * the registers a call returned.
 *
 * The loader evaluates every expression once in checking mode, where
 * values only known at run time (captures, registers) read as 1, so that
 * an unknown name is reported with its file:line:column before anything
 * runs.
 */
#ifndef SIM_NAMES_H
#define SIM_NAMES_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/lang/expr.h"
#include "sim/lang/scenario.h"

struct names {
	const struct scen_setup *setup;
	/* name -> value (GUINT_TO_POINTER won't hold 64 bits: uint64_t *) */
	GHashTable *captures;
	const uint64_t *regs;	/* x0..x17 a call returned, or NULL */
	bool checking;		/* load time: captures and regs read as 1 */
	bool regs_known;	/* checking: xN/wN are allowed here */
	/* checking: the value is fixed at load time, captures cannot count */
	bool fixed;
	/*
	 * checking: name -> why it cannot be read yet, for captures that
	 * this or a later step takes; NULL until names_set_pending().
	 */
	GHashTable *pending;
	size_t page_size;
	/*
	 * The capture names names_slot() gave slots, in slot order: filled
	 * at load, read at run time (names_use_slots()); never owned here.
	 */
	GPtrArray *slot_names;
	/*
	 * run time: each capture slot's value in captures, once it has one,
	 * for the slots there were when names_use_slots() was called
	 */
	uint64_t **slot_values;
	unsigned int nr_slot_values;
};

void names_init(struct names *n, const struct scen_setup *setup,
		size_t page_size);
void names_free(struct names *n);
void names_set_capture(struct names *n, const char *name, uint64_t value);
/* In checking mode, reading @name fails with @why (a whole message). */
void names_set_pending(struct names *n, const char *name, const char *why);

/* The expr_env over @n. */
struct expr_env names_env(struct names *n);

/*
 * For expr_fix_names() over @ctx, a struct names at the end of a
 * scenario's load: the value of a name that cannot change while it runs.
 */
bool names_fixed(void *ctx, const char *name, uint64_t *val);

/*
 * For expr_bind_names() over @ctx, a struct names at the end of a
 * scenario's load whose slot_names is set: a slot for each register name
 * and each name a step captures into (added to slot_names); -1 for any
 * other name.  The env reads a slot as the name hook would read the name,
 * and leaves to the hook whatever it would refuse or not find (registers
 * outside expect and capture, a capture not made yet).
 */
int names_slot(void *ctx, const char *name);
/* At run time: read captures by the slots @slot_names (borrowed) gave. */
void names_use_slots(struct names *n, GPtrArray *slot_names);
/* names_set_capture() of a capture names_slot() gave @slot. */
void names_set_capture_at(struct names *n, int slot, const char *name,
			  uint64_t value);

/* A fixed constant or function ID, without any scenario context. */
bool names_constant(const char *name, uint64_t *value);
/* Whether @name is taken by the language (constant, function, register). */
bool names_reserved(const char *name);

/* A partition by name or ID expression text; -1 when unknown. */
int names_partition(const struct scen_setup *setup, const char *name);
const struct scen_region *names_region(const struct scen_setup *setup,
				       const char *name);


#endif /* SIM_NAMES_H */
