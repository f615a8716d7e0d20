/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The small integer language of register values in scenarios:
 *
 *	version(1, 2)		0 << 16 | sp1		handle.lo
 *	FFA_PROP_AARCH64 | FFA_PROP_DIRECT_REQ_RECV	buf + 4K	-2	uuid(sp1).hi
 *
 * Grammar, C precedence from loosest to tightest:
 *
 *	expr    := xor ('|' xor)*
 *	xor     := and ('^' and)*
 *	and     := shift ('&' shift)*
 *	shift   := add (('<<' | '>>') add)*
 *	add     := mul (('+' | '-') mul)*
 *	mul     := unary (('*' | '/' | '%') unary)*
 *	unary   := ('-' | '~') unary | postfix
 *	postfix := primary ('.' NAME)*
 *	primary := NUMBER | NAME | NAME '(' [expr (',' expr)*] ')'
 *		 | '(' expr ')'
 *	NAME    := [A-Za-z_$][A-Za-z0-9_$]*
 *	NUMBER  := decimal, 0x hex or 0b binary digits, '_' allowed between
 *		   digits, then an optional K, M or G (* 1024, 1024^2, 1024^3)
 *
 * Values are uint64_t and all arithmetic wraps modulo 2^64 (so -2 is
 * 0xffff...fffe and division is unsigned).  A shift by 64 or more, a
 * division by zero and a number that does not fit are errors, not
 * surprises.
 *
 * The language knows no names: an expression is parsed once into a tree and
 * evaluated (as often as needed, once per case say) against a struct
 * expr_env that resolves names, calls and members.  `$host_version` is just
 * a name to it.  Members .lo and .hi (low and high 32 bits) are built in
 * for any value the env's member hook does not claim.
 *
 * Every error is a diagnostic pointing at the offending character: the
 * caller gives the position of the text's first character (for a YAML
 * scalar, yaml_scalar_text_pos()), and columns are counted from there,
 * which is exact for single-line scalars.
 */
#ifndef SIM_EXPR_H
#define SIM_EXPR_H

#include "sim/lang/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXPR_MAX_ARGS		16
/* Counts parentheses, unary operators and each binary operator of a chain. */
#define EXPR_MAX_DEPTH		64
#define EXPR_MAX_TEXT		4096

enum expr_hook {
	EXPR_HOOK_OK,		/* *val is set */
	EXPR_HOOK_UNKNOWN,	/* not a name/function/member this env has */
	EXPR_HOOK_ERROR,	/* known, but wrong here: err says why */
};

enum expr_sym {
	EXPR_SYM_NAME,
	EXPR_SYM_FUNCTION,
	EXPR_SYM_MEMBER,	/* besides the built-in lo and hi */
};

/* What a member applies to: `handle.lo`, `uuid(sp1).hi`, `(a + b).lo`. */
struct expr_member_ref {
	const char *base_name;	/* the name or function; NULL otherwise */
	bool base_is_call;
	const uint64_t *args;	/* a call's evaluated arguments */
	unsigned int nargs;
	uint64_t base;		/* the base's value */
	const char *member;
};

/*
 * How names mean something.  Any hook may be NULL: a NULL name or call hook
 * makes every name or call unknown; a NULL member hook leaves only .lo/.hi.
 * A hook returning EXPR_HOOK_ERROR writes a message (no position, no
 * trailing period) to @err, which holds @errlen bytes; an empty @err reads
 * "cannot evaluate 'NAME'".  The error points at the name, function or
 * member.
 *
 * The member hook runs first, so an env can give `uuid(sp1).lo` a meaning
 * of its own (64 bits of a 128-bit UUID); on EXPR_HOOK_UNKNOWN the
 * built-ins apply, then "unknown member".
 *
 * @suggest feeds the names, functions or members of @kind to
 * diag_suggester_add() so that an unknown one reads "unknown name
 * 'FFA_MEM_SHAER' (did you mean FFA_MEM_SHARE?)".
 */
struct expr_env {
	enum expr_hook (*name)(void *ctx, const char *name, uint64_t *val,
			       char *err, size_t errlen);
	enum expr_hook (*call)(void *ctx, const char *fn, const uint64_t *args,
			       unsigned int nargs, uint64_t *val, char *err,
			       size_t errlen);
	enum expr_hook (*member)(void *ctx, const struct expr_member_ref *ref,
				 uint64_t *val, char *err, size_t errlen);
	void (*suggest)(void *ctx, enum expr_sym kind,
			struct diag_suggester *s);
	/*
	 * A name expr_bind_names() gave a slot is read here first: true
	 * with *val set, or false to ask the name hook as for any name.
	 */
	bool (*slot)(void *ctx, unsigned int slot, uint64_t *val);
	void *ctx;
};

struct expr;

/*
 * What a caller may read of an expression without a call (through
 * expr_constant()): the first member of every struct expr.
 */
struct expr_head {
	bool constant;		/* value is what it evaluates to, always */
	uint64_t value;
};

/*
 * Parse @text, whose first character is at @pos.  Returns NULL after
 * reporting the first syntax error to @d.  The expression keeps its own
 * copies of @text and @pos.file.
 */
struct expr *expr_parse(const char *text, struct src_pos pos, struct diag *d);
void expr_free(struct expr *e);

/*
 * On error, reports to @d, leaves *out alone and returns false.  A NULL
 * @env knows no names or functions, only numbers and .lo/.hi.
 */
bool expr_eval(const struct expr *e, const struct expr_env *env,
	       uint64_t *out, struct diag *d);
/* Parse, evaluate once, free. */
bool expr_eval_text(const char *text, struct src_pos pos,
		    const struct expr_env *env, uint64_t *out, struct diag *d);

/*
 * Each name @fix gives a value (returning true) keeps that value for every
 * later evaluation, whatever the env: the name hook is no longer asked.
 * For names whose meaning cannot change once a scenario is loaded, so
 * that a step run many times does not look them up each time.
 */
void expr_fix_names(struct expr *e,
		    bool (*fix)(void *ctx, const char *name, uint64_t *val),
		    void *ctx);

/*
 * Each name left unfixed that @bind gives a slot (a number >= 0; -1 for
 * none) is offered to the env's slot hook under that number before its
 * name hook, so that a value the env keeps in a table is read without
 * looking the name up.
 */
void expr_bind_names(struct expr *e, int (*bind)(void *ctx, const char *name),
		     void *ctx);

/*
 * True, with its value, when @e is one number or one fixed name, or
 * operators over those alone that evaluate without error: what it
 * evaluates to in any env, and it cannot fail.  Calls and members are
 * never constant (their hooks decide).
 */
static inline bool expr_constant(const struct expr *e, uint64_t *val)
{
	const struct expr_head *head = (const struct expr_head *)e;

	if (!head->constant)
		return false;
	*val = head->value;
	return true;
}

/* The text it was parsed from. */
const char *expr_text(const struct expr *e);
/* The name when the whole expression is one bare NAME, else NULL. */
const char *expr_as_name(const struct expr *e);
/*
 * Fully parenthesised prefix form, for tests and debugging:
 * "1 + 2 * x.lo" -> "(+ 1 (* 2 (. x lo)))".  g_free() the result.
 */
char *expr_to_string(const struct expr *e);

#endif /* SIM_EXPR_H */
