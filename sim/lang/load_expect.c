// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a step expects: registers (expect:), values to remember
 * (capture:), the state that must hold afterwards (then:) and pages the
 * step leaves stuck by design (stuck:).
 */
#include <stdio.h>
#include <string.h>

#include "proxy/hyp/hyp.h"
#include "sim/lang/load_internal.h"

static bool parse_reg(const char *s, char prefix, int *reg)
{
	char *end;
	long n;

	if (s[0] != prefix || !g_ascii_isdigit(s[1]) ||
	    (s[1] == '0' && g_ascii_isdigit(s[2])))
		return false;
	n = strtol(s + 1, &end, 10);
	if (*end || n >= SMC_NR_REGS)
		return false;
	*reg = (int)n;
	return true;
}

bool ld_reg_key(const char *key, int *first, int *last, bool *low32)
{
	const char *dots = strstr(key, "..");
	char prefix = key[0];
	char *head;
	bool ok;

	if (prefix != 'x' && prefix != 'w')
		return false;
	*low32 = prefix == 'w';
	if (!dots) {
		ok = parse_reg(key, prefix, first);
		*last = *first;
		return ok;
	}
	head = g_strndup(key, dots - key);
	ok = parse_reg(head, prefix, first) &&
	     parse_reg(dots + 2, prefix, last) && *first < *last;
	g_free(head);
	return ok;
}

static const char *const masked_keys[] = { "value", "mask" };

bool ld_reg_expect(struct ld *ld, const struct ynode *node,
		   struct reg_expect *re, bool low32)
{
	re->low32 = low32;
	re->pos = ld_pos(ld, node);
	if (yaml_scalar_is(node, "unchanged")) {
		re->check = REG_UNCHANGED;
		return true;
	}
	if (node->kind == YNODE_MAPPING) {
		if (!ld_check_keys(ld, node, masked_keys,
				   G_N_ELEMENTS(masked_keys)))
			return false;
		if (!yaml_map_get(node, "value") || !yaml_map_get(node, "mask")) {
			ld_error(ld, node, "a masked value needs value: and mask:");
			return false;
		}
		re->check = REG_MASKED;
		re->value = ld_expr(ld, yaml_map_get(node, "value"), true);
		re->mask = ld_expr(ld, yaml_map_get(node, "mask"), true);
		return re->value && re->mask;
	}
	re->check = REG_EXACT;
	re->value = ld_expr(ld, node, true);
	return re->value != NULL;
}

/* `x4..x17: [..]` or `x4..x17: unchanged` into regs[first..last]. */
static bool ld_reg_entry(struct ld *ld, const struct ynode *key,
			 const struct ynode *value, struct reg_expect *regs)
{
	const char *k = ld_text(ld, key, "a key");

	if (!k)
		return false;
	int first, last, r;
	bool low32;

	if (!ld_reg_key(k, &first, &last, &low32))
		return false;
	if (first == last || yaml_scalar_is(value, "unchanged")) {
		for (r = first; r <= last; r++)
			if (!ld_reg_expect(ld, value, &regs[r], low32))
				return false;
		return true;
	}
	if (value->kind != YNODE_SEQUENCE ||
	    yaml_seq_count(value) != (unsigned int)(last - first + 1)) {
		ld_error(ld, value, "%s needs a list of %d values or unchanged",
			 k, last - first + 1);
		return false;
	}
	for (r = first; r <= last; r++)
		if (!ld_reg_expect(ld, yaml_seq_item(value, r - first),
				   &regs[r], low32))
			return false;
	return true;
}

/* @pos: where @name starts, which is not where its scalar starts. */
static void unknown_error(struct ld *ld, struct src_pos pos, const char *name)
{
	const char *names[32];
	unsigned int n = 0;
	const char *best;
	int32_t err;

	while (n < G_N_ELEMENTS(names) && ffa_error_at(n, &names[n], &err))
		n++;
	best = diag_suggest(name, names, n);
	if (best)
		diag_error(ld->d, pos,
			   "unknown FF-A error '%s' (did you mean %s?)", name,
			   best);
	else
		diag_error(ld->d, pos, "unknown FF-A error '%s'", name);
}

/* "FFA_ERROR NOT_SUPPORTED", "FFA_SUCCESS", "version(1, 2)" */
static bool ld_result(struct ld *ld, struct step *st, const struct ynode *node)
{
	struct step_expect *ex = &st->expect;
	const char *t = ld_text(ld, node, "expect");
	struct src_pos pos;
	const char *space, *start;
	int32_t err;
	char *code;

	if (!t)
		return false;
	ex->shorthand = ld_strdup(ld, t);
	space = strchr(t, ' ');
	if (!space || strncmp(t, "FFA_ERROR ", 10))
		return ld_reg_expect(ld, node, &ex->regs[0], false);
	pos = yaml_scalar_text_pos(node);
	pos.file = ld->s->file;
	for (start = space; *start == ' '; start++)
		;
	ex->regs[0] = (struct reg_expect){
		.check = REG_EXACT, .pos = pos,
		.value = ld_expr_text(ld, "FFA_ERROR", pos, false),
	};
	/* w2 and any message about it point at the error's name. */
	pos.col += (unsigned int)(start - t);
	code = g_strstrip(g_strdup(start));
	if (!ffa_error_lookup(code, &err)) {
		unknown_error(ld, pos, code);
		g_free(code);
		return false;
	}
	g_free(code);
	ex->regs[2] = (struct reg_expect){
		.check = REG_EXACT, .low32 = true, .pos = pos,
		.value = ld_expr_text(ld, ld_strdup(ld, start), pos, false),
	};
	return ex->regs[0].value && ex->regs[2].value;
}

/* Partition actions: `ok`, or the FF-A error they must fail with. */
static bool ld_status(struct ld *ld, struct step *st, const struct ynode *node)
{
	const char *t = ld_text(ld, node, "expect");
	int32_t err;

	if (!t)
		return false;
	if (!strcmp(t, "ok"))
		t = "0";
	else if (!ffa_error_lookup(t, &err)) {
		unknown_error(ld, yaml_scalar_text_pos(node), t);
		return false;
	}
	st->expect.status = ld_expr_text(ld, ld_strdup(ld, t),
					 yaml_scalar_text_pos(node), false);
	return st->expect.status != NULL;
}

static bool ld_warns(struct ld *ld, struct step *st, const struct ynode *node)
{
	struct step_expect *ex = &st->expect;
	unsigned int i, n = node->kind == YNODE_SEQUENCE ?
			    yaml_seq_count(node) : 1;

	if (n > EXPECT_MAX_WARNS) {
		ld_error(ld, node, "at most %d expected WARNs per step",
			 EXPECT_MAX_WARNS);
		return false;
	}
	ex->warns = ld_alloc(ld, n * sizeof(char *));
	for (i = 0; i < n; i++) {
		const struct ynode *item = node->kind == YNODE_SEQUENCE ?
					   yaml_seq_item(node, i) : node;
		const char *t = ld_text(ld, item, "warn");

		if (!t)
			return false;
		ex->warns[ex->nr_warns++] = ld_strdup(ld, t);
	}
	return true;
}

/* How EL2 dealt with the call: the hyp_exit values a call can return. */
static bool ld_path(struct ld *ld, const struct ynode *n, int *path)
{
	static const char *const words[] = {
		[HYP_EXIT_HANDLED] = "handled",
		[HYP_EXIT_FORWARDED] = "forwarded",
		[HYP_EXIT_REJECTED] = "refused",
	};

	return ld_choice(ld, n, "path", words, G_N_ELEMENTS(words), path);
}

static bool is_partition_action(enum step_kind kind)
{
	return kind == STEP_RETRIEVE || kind == STEP_RELINQUISH ||
	       kind == STEP_SP_READ || kind == STEP_SP_WRITE;
}

static void unknown_expect_key(struct ld *ld, const struct ynode *key)
{
	static const char *const words[] = {
		"result", "path", "warn", "fault", "bug", "one_of",
	};
	const char *t = yaml_scalar_text(key);
	const char *best = diag_suggest(t, words, G_N_ELEMENTS(words));

	if (best)
		ld_error(ld, key, "unknown key '%s' in expect (did you mean %s?)",
			 t, best);
	else
		ld_error(ld, key, "unknown key '%s' in expect: use result, x0..x17, w0..w17, path, warn, fault, bug or one_of",
			 t);
}

static bool ld_expect_node(struct ld *ld, struct step *st,
			   const struct ynode *node);

bool ld_expects_panic(const struct step *st)
{
	return st->expect.nr_warns || st->expect.fault || st->expect.bug;
}

/*
 * A WARN, BUG or fault at EL2 is a hyp panic: the host gets no answer,
 * so an expect: that names one can say nothing of registers or path.
 */
static bool ld_panic_alone(struct ld *ld, const struct step *st,
			   const struct ynode *node)
{
	const struct step_expect *ex = &st->expect;
	int i;

	if (!ld_expects_panic(st))
		return true;
	for (i = 0; i < SMC_NR_REGS; i++)
		if (ex->regs[i].check != REG_UNSET)
			break;
	if (i == SMC_NR_REGS && ex->path < 0 && !ex->nr_one_of)
		return true;
	ld_error(ld, node, "a %s is a hyp panic: the host gets no answer, so this expect: can name no result, register, path or one_of",
		 ex->nr_warns ? "WARN" : ex->bug ? "BUG" : "fault at EL2");
	return false;
}

/*
 * one_of: [ alternative, ... ]: each alternative is what an expect: may
 * say of the call's answer; at least one must hold.  Where the answer
 * depends on which CPU comes first, the scenario lists the answers that
 * are right.
 */
static bool ld_one_of(struct ld *ld, struct step *st, const struct ynode *seq)
{
	struct step_expect *ex = &st->expect;
	unsigned int i;

	if (!yaml_expect_kind(seq, YNODE_SEQUENCE, "one_of", ld->d))
		return false;
	if (yaml_seq_count(seq) < 2) {
		ld_error(ld, seq, "one_of: lists two answers or more");
		return false;
	}
	if (ex->nr_one_of) {
		ld_error(ld, seq, "one one_of: per expect");
		return false;
	}
	ex->one_of = ld_alloc(ld, yaml_seq_count(seq) * sizeof(*ex->one_of));
	for (i = 0; i < yaml_seq_count(seq); i++) {
		const struct ynode *alt = yaml_seq_item(seq, i);
		struct step tmp = { .kind = st->kind, .title = st->title };

		tmp.expect.path = -1;
		if (!ld_expect_node(ld, &tmp, alt))
			return false;
		if (tmp.expect.fault || tmp.expect.bug ||
		    tmp.expect.nr_warns || tmp.expect.nr_one_of) {
			ld_error(ld, alt, "an answer of one_of: is registers, a result or a path (a WARN is a hyp panic, not an answer)");
			return false;
		}
		ex->one_of[ex->nr_one_of++] = tmp.expect;
	}
	return true;
}

static bool ld_expect_map(struct ld *ld, struct step *st,
			  const struct ynode *map)
{
	const struct ynode_pair *pair;

	yaml_map_for_each(pair, map) {
		const char *key = ld_text(ld, pair->key, "a key");

		if (!key)
			return false;
		/* A register entry that loads is fine: only the others set it. */
		bool ok = true;

		if (!strcmp(key, "result"))
			ok = ld_result(ld, st, pair->value);
		else if (!strcmp(key, "warn"))
			ok = ld_warns(ld, st, pair->value);
		else if (!strcmp(key, "path"))
			ok = ld_path(ld, pair->value, &st->expect.path);
		else if (!strcmp(key, "fault"))
			ok = ld_bool(ld, pair->value, &st->expect.fault);
		else if (!strcmp(key, "bug"))
			ok = ld_bool(ld, pair->value, &st->expect.bug);
		else if (!strcmp(key, "one_of"))
			ok = ld_one_of(ld, st, pair->value);
		else if (!ld_reg_entry(ld, pair->key, pair->value,
				       st->expect.regs)) {
			if (!ld_failed(ld))
				unknown_expect_key(ld, pair->key);
			return false;
		}
		if (!ok)
			return false;
	}
	return true;
}

bool ld_expect(struct ld *ld, struct step *st, const struct ynode *node)
{
	if (st->kind == STEP_INJECT_SPMC || st->kind == STEP_INJECT_HYP ||
	    st->kind == STEP_HOST_WRITE || st->kind == STEP_RESPOND) {
		ld_error(ld, node, "a %s step has nothing to expect", st->title);
		return false;
	}
	if (st->kind == STEP_CONCURRENT) {
		ld_error(ld, node, "expect: goes on each CPU's step of a concurrently: group");
		return false;
	}
	if (is_partition_action(st->kind))
		return ld_status(ld, st, node);
	return ld_expect_node(ld, st, node) && ld_panic_alone(ld, st, node);
}

static bool ld_expect_node(struct ld *ld, struct step *st,
			   const struct ynode *node)
{
	if (node->kind == YNODE_SCALAR) {
		if (yaml_scalar_is(node, "fault")) {
			st->expect.fault = true;
			return true;
		}
		if (yaml_scalar_is(node, "bug")) {
			st->expect.bug = true;
			return true;
		}
		return ld_result(ld, st, node);
	}
	if (!yaml_expect_kind(node, YNODE_MAPPING, "expect", ld->d))
		return false;
	return ld_expect_map(ld, st, node);
}

bool ld_capture_map(struct ld *ld, struct step *st, const struct ynode *map,
		    struct expr *(*value)(struct ld *ld,
					  const struct ynode *node))
{
	const struct ynode_pair *pair;
	unsigned int i = 0;

	if (!yaml_expect_kind(map, YNODE_MAPPING, "capture", ld->d))
		return false;
	st->captures = ld_alloc(ld, yaml_map_count(map) * sizeof(*st->captures));
	yaml_map_for_each(pair, map) {
		struct capture *c = &st->captures[i++];

		/* Capturing into PAGE_SIZE or a page would shadow it. */
		if (!ld_named(ld, pair->key, (const char **)&c->name))
			return false;
		c->value = value(ld, pair->value);
		if (!c->value)
			return false;
		st->nr_captures = i;
	}
	/* Later steps may use them; this step's own expect may not. */
	for (i = 0; i < st->nr_captures; i++) {
		names_set_capture(&ld->names, st->captures[i].name, 0);
		st->captures[i].slot = names_slot(&ld->names,
						  st->captures[i].name);
	}
	return true;
}

/* A call's capture reads the returned registers: an expression over them. */
static struct expr *capture_expr(struct ld *ld, const struct ynode *node)
{
	return ld_expr(ld, node, true);
}

bool ld_captures(struct ld *ld, struct step *st, const struct ynode *map)
{
	if (st->kind == STEP_CONCURRENT) {
		ld_error(ld, map, "capture: goes on each CPU's step of a concurrently: group");
		return false;
	}
	return ld_capture_map(ld, st, map, capture_expr);
}

