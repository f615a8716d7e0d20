// SPDX-License-Identifier: GPL-2.0-only
/* The register value language: numbers, precedence, hooks and errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/lang/expr.h"
#include "sim/lang/names.h"
#include "sim/lang/yaml_tree.h"
#include "tests/check_util.h"

#include <inttypes.h>
#include <string.h>

/* ---- a resolver standing in for the runner ---- */

struct test_ctx {
	uint64_t host_version;
	unsigned int calls;	/* how often the call hook ran */
};

static const struct {
	const char *name;
	uint64_t val;
} known_names[] = {
	{ "sp1", 0x8001 },
	{ "FFA_MEM_SHARE", 0x84000073 },
	{ "FFA_MEM_RW", 0x2 },
	{ "FFA_MEM_NO_EXEC", 0x8 },
	{ "handle", 0x1234567890abcdefull },
	{ "buf", 0x80000000 },
};

static enum expr_hook test_name(void *ctx, const char *name, uint64_t *val,
				char *err, size_t errlen)
{
	struct test_ctx *t = ctx;
	size_t i;

	if (!strcmp(name, "$host_version")) {
		*val = t->host_version;
		return EXPR_HOOK_OK;
	}
	if (!strcmp(name, "pending")) {
		snprintf(err, errlen, "capture '%s' has no value yet", name);
		return EXPR_HOOK_ERROR;
	}
	if (!strcmp(name, "vague"))
		return EXPR_HOOK_ERROR;
	for (i = 0; i < G_N_ELEMENTS(known_names); i++) {
		if (!strcmp(name, known_names[i].name)) {
			*val = known_names[i].val;
			return EXPR_HOOK_OK;
		}
	}
	return EXPR_HOOK_UNKNOWN;
}

static enum expr_hook test_call(void *ctx, const char *fn,
				const uint64_t *args, unsigned int nargs,
				uint64_t *val, char *err, size_t errlen)
{
	struct test_ctx *t = ctx;

	t->calls++;
	if (!strcmp(fn, "version")) {
		if (nargs != 2) {
			snprintf(err, errlen,
				 "version() takes 2 arguments, got %u", nargs);
			return EXPR_HOOK_ERROR;
		}
		*val = args[0] << 16 | args[1];
		return EXPR_HOOK_OK;
	}
	if (!strcmp(fn, "uuid") && nargs == 1) {
		*val = args[0];
		return EXPR_HOOK_OK;
	}
	if (!strcmp(fn, "sum")) {
		*val = 0;
		while (nargs--)
			*val += args[nargs];
		return EXPR_HOOK_OK;
	}
	return EXPR_HOOK_UNKNOWN;
}

/* uuid(x).lo/.hi are 64-bit halves of a UUID, not the built-ins. */
static enum expr_hook test_member(void *ctx,
				  const struct expr_member_ref *ref,
				  uint64_t *val, char *err, size_t errlen)
{
	(void)ctx;
	if (ref->base_is_call && !strcmp(ref->base_name, "uuid")) {
		assert_int_equal(ref->nargs, 1);
		if (!strcmp(ref->member, "lo")) {
			*val = 0x1111000000000000ull | ref->args[0];
			return EXPR_HOOK_OK;
		}
		if (!strcmp(ref->member, "hi")) {
			*val = 0x2222000000000000ull | ref->base;
			return EXPR_HOOK_OK;
		}
	}
	if (!strcmp(ref->member, "id")) {
		if (!ref->base_name || strcmp(ref->base_name, "sp1")) {
			snprintf(err, errlen, ".id applies to partitions only");
			return EXPR_HOOK_ERROR;
		}
		*val = ref->base;
		return EXPR_HOOK_OK;
	}
	return EXPR_HOOK_UNKNOWN;
}

static void test_suggest(void *ctx, enum expr_sym kind,
			 struct diag_suggester *s)
{
	size_t i;

	(void)ctx;
	switch (kind) {
	case EXPR_SYM_NAME:
		for (i = 0; i < G_N_ELEMENTS(known_names); i++)
			diag_suggester_add(s, known_names[i].name);
		diag_suggester_add(s, "$host_version");
		break;
	case EXPR_SYM_FUNCTION:
		diag_suggester_add(s, "version");
		diag_suggester_add(s, "uuid");
		break;
	case EXPR_SYM_MEMBER:
		diag_suggester_add(s, "id");
		break;
	}
}

struct fixture {
	struct diag d;
	struct test_ctx ctx;
	struct expr_env env;
};

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);

	diag_init(&f->d);
	f->ctx.host_version = 0x10001;
	f->env = (struct expr_env){
		.name = test_name,
		.call = test_call,
		.member = test_member,
		.suggest = test_suggest,
		.ctx = &f->ctx,
	};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	diag_free(&f->d);
	g_free(f);
	return 0;
}

/* Scalars in these tests start at s.yaml:7:10. */
static const struct src_pos scalar_pos = { "s.yaml", 7, 10 };

/* The helpers check at the caller's line, through NAME_at(). */
#define eval_ok(f, text) eval_ok_at((f), (text), __FILE__, __LINE__)
#define eval_fails(f, text, msg) \
	eval_fails_at((f), (text), (msg), __FILE__, __LINE__)
#define assert_tree(text, tree) \
	assert_tree_at((text), (tree), __FILE__, __LINE__)

/* The value of @text, which must evaluate without a diagnostic. */
static uint64_t eval_ok_at(struct fixture *f, const char *text,
			   const char *file, int line)
{
	uint64_t v = 0xdeadbeef;

	if (!expr_eval_text(text, scalar_pos, &f->env, &v, &f->d)) {
		diag_print(&f->d, stderr);
		fail_at(file, line, "'%s' did not evaluate (diagnostics above): it is a valid expression",
			text);
	}
	check_int(diag_count(&f->d), 0, "a valid expression says nothing");
	return v;
}

/* @text must fail (to parse or evaluate) with exactly @msg. */
static void eval_fails_at(struct fixture *f, const char *text,
			  const char *msg, const char *file, int line)
{
	uint64_t v = 0x5a5a;

	diag_clear(&f->d);
	if (expr_eval_text(text, scalar_pos, &f->env, &v, &f->d))
		fail_at(file, line, "'%s' evaluated to 0x%" PRIx64 ", expected the error '%s'",
			text, v, msg);
	check_int(v, 0x5a5a, "a failed evaluation leaves the result alone");
	if (diag_count(&f->d) != 1)
		diag_print(&f->d, stderr);
	check_int(diag_count(&f->d), 1, "one mistake, one diagnostic");
	check_text_at("the diagnostic", diag_message(&f->d, 0), msg,
		      "the message tells the user what is wrong", file, line);
	diag_clear(&f->d);
}

/* The parenthesised form of @text, which must parse. */
static void assert_tree_at(const char *text, const char *tree,
			   const char *file, int line)
{
	struct diag d;
	struct expr *e;
	char *s;

	diag_init(&d);
	e = expr_parse(text, scalar_pos, &d);
	if (!e) {
		diag_print(&d, stderr);
		fail_at(file, line, "'%s' did not parse (diagnostics above): it is a valid expression",
			text);
	}
	s = expr_to_string(e);
	check_text_at(text, s, tree,
		      "precedence and grouping as the language defines them",
		      file, line);
	g_free(s);
	expr_free(e);
	diag_free(&d);
}

static void test_numbers(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(eval_ok(f, "0"), 0);
	assert_int_equal(eval_ok(f, "42"), 42);
	assert_int_equal(eval_ok(f, "0x8001"), 0x8001);
	assert_int_equal(eval_ok(f, "0XfF"), 0xff);
	assert_int_equal(eval_ok(f, "0b1010"), 10);
	assert_int_equal(eval_ok(f, "0B1"), 1);
	assert_int_equal(eval_ok(f, "1_000_000"), 1000000);
	assert_int_equal(eval_ok(f, "0x8400_0073"), 0x84000073);
	assert_int_equal(eval_ok(f, "0b1111_0000"), 0xf0);
	assert_int_equal(eval_ok(f, "4K"), 4096);
	assert_int_equal(eval_ok(f, "64M"), 64ull << 20);
	assert_int_equal(eval_ok(f, "2G"), 2ull << 30);
	assert_int_equal(eval_ok(f, "0x10K"), 0x4000);
	assert_int_equal(eval_ok(f, "0xB"), 11);
	assert_int_equal(eval_ok(f, "0K"), 0);
	assert_int_equal(eval_ok(f, "18446744073709551615"), UINT64_MAX);
	assert_int_equal(eval_ok(f, "0xffff_ffff_ffff_ffff"), UINT64_MAX);
	assert_int_equal(eval_ok(f, "17179869183G"),
			 17179869183ull << 30);
}

static void test_number_errors(void **state)
{
	struct fixture *f = *state;

	eval_fails(f, "18446744073709551616", "s.yaml:7:10: number too large");
	eval_fails(f, "1 + 0x1_0000_0000_0000_0000",
		   "s.yaml:7:14: number too large");
	eval_fails(f, "17179869184G", "s.yaml:7:10: number too large");
	eval_fails(f, "0x4000000000000000K", "s.yaml:7:10: number too large");
	eval_fails(f, "010", "s.yaml:7:10: leading zero in number (write 0x "
		   "for hex, 0b for binary)");
	eval_fails(f, "1__0", "s.yaml:7:11: misplaced '_' in number");
	eval_fails(f, "10_", "s.yaml:7:12: misplaced '_' in number");
	eval_fails(f, "0x_10", "s.yaml:7:12: misplaced '_' in number");
	eval_fails(f, "0x", "s.yaml:7:12: missing digits after '0x'");
	eval_fails(f, "0bK", "s.yaml:7:12: missing digits after '0b'");
	eval_fails(f, "0b102", "s.yaml:7:14: invalid digit '2' in binary "
		   "number");
	eval_fails(f, "0x1g", "s.yaml:7:13: invalid character 'g' in number");
	eval_fails(f, "12abc", "s.yaml:7:12: invalid character 'a' in number");
	eval_fails(f, "4KB", "s.yaml:7:12: invalid character 'B' in number");
	eval_fails(f, "4k", "s.yaml:7:11: invalid character 'k' in number");
	eval_fails(f, "1.2", "s.yaml:7:12: expected a member name after '.'");
}

static void test_precedence_trees(void **state)
{
	(void)state;
	assert_tree("1 + 2 * 3", "(+ 1 (* 2 3))");
	assert_tree("1 - 2 - 3", "(- (- 1 2) 3)");
	assert_tree("0 << 16 | sp1", "(| (<< 0 16) sp1)");
	assert_tree("x2 | x3 << 32", "(| x2 (<< x3 32))");
	assert_tree("a | b ^ c & d", "(| a (^ b (& c d)))");
	assert_tree("1 << 2 + 3", "(<< 1 (+ 2 3))");
	assert_tree("a * b / c % d", "(% (/ (* a b) c) d)");
	assert_tree("(1 + 2) * 3", "(* (+ 1 2) 3)");
	assert_tree("-x.lo", "(neg (. x lo))");
	assert_tree("~-~1", "(~ (neg (~ 1)))");
	assert_tree("uuid(sp1).hi", "(. (call uuid sp1) hi)");
	assert_tree("f()", "(call f)");
	assert_tree("version(1, 2 + 3)", "(call version 1 (+ 2 3))");
	assert_tree("a.b.c", "(. (. a b) c)");
	assert_tree("$host_version", "$host_version");
	assert_tree("  4K\t", "4096");
}

static void test_arithmetic(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(eval_ok(f, "1 + 2 * 3"), 7);
	assert_int_equal(eval_ok(f, "(1 + 2) * 3"), 9);
	assert_int_equal(eval_ok(f, "10 - 2 - 3"), 5);
	assert_int_equal(eval_ok(f, "100 / 7 % 4"), 2);
	assert_int_equal(eval_ok(f, "1 << 4 + 1"), 32);
	assert_int_equal(eval_ok(f, "0x80 >> 3"), 0x10);
	assert_int_equal(eval_ok(f, "0xf0 & 0x3c"), 0x30);
	assert_int_equal(eval_ok(f, "0xf0 ^ 0x3c"), 0xcc);
	assert_int_equal(eval_ok(f, "0xf0 | 0x0f & 0x3"), 0xf3);
	assert_int_equal(eval_ok(f, "-2"), 0xfffffffffffffffeull);
	assert_int_equal(eval_ok(f, "- -2"), 2);
	assert_int_equal(eval_ok(f, "~0"), UINT64_MAX);
	assert_int_equal(eval_ok(f, "~0 >> 63"), 1);
	assert_int_equal(eval_ok(f, "1 << 63"), 1ull << 63);
	/* Wrapping, not trapping. */
	assert_int_equal(eval_ok(f, "0xffffffffffffffff + 2"), 1);
	assert_int_equal(eval_ok(f, "0 - 1"), UINT64_MAX);
	assert_int_equal(eval_ok(f, "-1 / 2"), UINT64_MAX / 2);
	assert_int_equal(eval_ok(f, "buf + 0x1000"), 0x80001000);
	assert_int_equal(eval_ok(f, "buf + 4K * 3"), 0x80003000);
	assert_int_equal(eval_ok(f, "FFA_MEM_RW | FFA_MEM_NO_EXEC"), 0xa);
	assert_int_equal(eval_ok(f, "0 << 16 | sp1"), 0x8001);
}

static void test_eval_errors(void **state)
{
	struct fixture *f = *state;

	eval_fails(f, "1 / 0", "s.yaml:7:12: division by zero");
	eval_fails(f, "1 % (2 - 2)", "s.yaml:7:12: division by zero");
	eval_fails(f, "1 << 64", "s.yaml:7:12: shift count 64 out of range "
		   "0..63");
	eval_fails(f, "1 >> -1", "s.yaml:7:12: shift count "
		   "18446744073709551615 out of range 0..63");
	/* The first failing operand is the one reported. */
	eval_fails(f, "nope / 0", "s.yaml:7:10: unknown name 'nope'");
}

static void test_members(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(eval_ok(f, "handle.lo"), 0x90abcdef);
	assert_int_equal(eval_ok(f, "handle.hi"), 0x12345678);
	assert_int_equal(eval_ok(f, "(handle + 1).lo"), 0x90abcdf0);
	assert_int_equal(eval_ok(f, "0x1_0000_0002.hi.lo"), 1);
	assert_int_equal(eval_ok(f, "-handle.hi"), 0 - 0x12345678ull);
	/* The env claims uuid(...).lo and .hi before the built-ins. */
	assert_int_equal(eval_ok(f, "uuid(sp1).lo"), 0x1111000000008001ull);
	assert_int_equal(eval_ok(f, "uuid(sp1 + 1).hi"), 0x2222000000008002ull);
	assert_int_equal(eval_ok(f, "sp1.id"), 0x8001);
	/* Built-ins still apply to other calls. */
	assert_int_equal(eval_ok(f, "version(1, 2).hi"), 0);
	assert_int_equal(eval_ok(f, "version(1, 2).lo"), 0x10002);

	eval_fails(f, "handle.low", "s.yaml:7:17: unknown member 'low' (did "
		   "you mean lo?)");
	eval_fails(f, "handle.ib", "s.yaml:7:17: unknown member 'ib' (did you "
		   "mean id?)");
	eval_fails(f, "handle.size", "s.yaml:7:17: unknown member 'size'");
	eval_fails(f, "buf.id", "s.yaml:7:14: .id applies to partitions only");
	eval_fails(f, "handle.", "s.yaml:7:17: expected a member name after "
		   "'.'");
	eval_fails(f, "handle.(1)", "s.yaml:7:17: expected a member name "
		   "after '.'");
}

static void test_names(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(eval_ok(f, "$host_version"), 0x10001);
	eval_fails(f, "FFA_MEM_SHAER", "s.yaml:7:10: unknown name "
		   "'FFA_MEM_SHAER' (did you mean FFA_MEM_SHARE?)");
	eval_fails(f, "1 | $host_verison", "s.yaml:7:14: unknown name "
		   "'$host_verison' (did you mean $host_version?)");
	eval_fails(f, "2 * frobnicate", "s.yaml:7:14: unknown name "
		   "'frobnicate'");
	eval_fails(f, "pending + 1", "s.yaml:7:10: capture 'pending' has no "
		   "value yet");
	eval_fails(f, "(vague)", "s.yaml:7:11: cannot evaluate 'vague'");
}

static void test_calls(void **state)
{
	struct fixture *f = *state;
	char text[128];

	assert_int_equal(eval_ok(f, "version(1, 2)"), 0x10002);
	assert_int_equal(eval_ok(f, "version(1,2)|0"), 0x10002);
	assert_int_equal(eval_ok(f, "version($host_version >> 16, 0)"),
			 0x10000);
	assert_int_equal(eval_ok(f, "sum()"), 0);
	assert_int_equal(eval_ok(f, "sum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, "
				 "12, 13, 14, 15, 16)"), 136);

	eval_fails(f, "versoin(1, 2)", "s.yaml:7:10: unknown function "
		   "'versoin' (did you mean version?)");
	eval_fails(f, "frob(1)", "s.yaml:7:10: unknown function 'frob'");
	eval_fails(f, "1 + version(1)", "s.yaml:7:14: version() takes 2 "
		   "arguments, got 1");
	/* Arguments are evaluated before the call; their errors come first. */
	f->ctx.calls = 0;
	eval_fails(f, "version(1, nope)", "s.yaml:7:21: unknown name 'nope'");
	assert_int_equal(f->ctx.calls, 0);

	snprintf(text, sizeof(text), "sum(%s0)",
		 "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, ");
	eval_fails(f, text, "s.yaml:7:69: too many arguments (at most 16)");
}

static void test_syntax_errors(void **state)
{
	struct fixture *f = *state;

	eval_fails(f, "", "s.yaml:7:10: empty expression");
	eval_fails(f, "   ", "s.yaml:7:10: empty expression");
	eval_fails(f, "1 x", "s.yaml:7:12: unexpected 'x' in expression");
	eval_fails(f, "sp1 sp2", "s.yaml:7:14: unexpected 'sp2' in expression");
	eval_fails(f, "(1))", "s.yaml:7:13: unexpected ')' in expression");
	eval_fails(f, "buf..buf+3", "s.yaml:7:13: unexpected '..' in "
		   "expression");
	eval_fails(f, "1 @ 2", "s.yaml:7:12: unexpected '@' in expression");
	eval_fails(f, "a && b", "s.yaml:7:13: expected a value, found '&'");
	eval_fails(f, "1 + \xc3\xa4", "s.yaml:7:14: unexpected character 0xc3 "
		   "in expression");
	eval_fails(f, "1 +", "s.yaml:7:13: expected a value, found end of "
		   "expression");
	eval_fails(f, "(1 + )", "s.yaml:7:15: expected a value, found ')'");
	eval_fails(f, "*2", "s.yaml:7:10: expected a value, found '*'");
	eval_fails(f, "version(1 2)", "s.yaml:7:20: expected ')' after "
		   "arguments");
	eval_fails(f, "version(1,", "s.yaml:7:20: expected a value, found end "
		   "of expression");
	eval_fails(f, "version(1, 2", "s.yaml:7:22: expected ')' after "
		   "arguments");
	eval_fails(f, "(1 + 2", "s.yaml:7:16: expected ')' after expression");
	eval_fails(f, "((1) 2)", "s.yaml:7:15: expected ')' after expression");
}

static void test_nesting_limits(void **state)
{
	struct fixture *f = *state;
	GString *text = g_string_new(NULL);
	char msg[96];
	int i;

	/* Exactly at the limit is fine. */
	for (i = 0; i < EXPR_MAX_DEPTH - 1; i++)
		g_string_append_c(text, '(');
	g_string_append_c(text, '1');
	for (i = 0; i < EXPR_MAX_DEPTH - 1; i++)
		g_string_append_c(text, ')');
	assert_int_equal(eval_ok(f, text->str), 1);

	g_string_prepend_c(text, '(');
	g_string_append_c(text, ')');
	snprintf(msg, sizeof(msg), "s.yaml:7:%d: expression nested too deeply "
		 "(limit %d)", 10 + EXPR_MAX_DEPTH, EXPR_MAX_DEPTH);
	eval_fails(f, text->str, msg);

	g_string_truncate(text, 0);
	for (i = 0; i < 1000; i++)
		g_string_append(text, "-");
	g_string_append_c(text, '1');
	/* Blamed on the first '-' one too deep. */
	snprintf(msg, sizeof(msg), "s.yaml:7:%d: expression nested too deeply "
		 "(limit %d)", 10 + EXPR_MAX_DEPTH - 1, EXPR_MAX_DEPTH);
	eval_fails(f, text->str, msg);

	/* A long flat chain is deep too, once it is a tree. */
	g_string_truncate(text, 0);
	g_string_append_c(text, '1');
	for (i = 0; i < 100; i++)
		g_string_append(text, "+1");
	snprintf(msg, sizeof(msg), "s.yaml:7:%d: expression nested too deeply "
		 "(limit %d)", 11 + 2 * EXPR_MAX_DEPTH - 2, EXPR_MAX_DEPTH);
	eval_fails(f, text->str, msg);

	g_string_truncate(text, 0);
	for (i = 0; i <= EXPR_MAX_TEXT; i++)
		g_string_append_c(text, ' ');
	snprintf(msg, sizeof(msg), "s.yaml:7:10: expression longer than %d "
		 "characters", EXPR_MAX_TEXT);
	eval_fails(f, text->str, msg);
	g_string_free(text, TRUE);
}

static void test_parse_once_eval_per_case(void **state)
{
	struct fixture *f = *state;
	struct expr *e = expr_parse("version($host_version >> 16, 0) | sp1",
				    scalar_pos, &f->d);
	uint64_t v;

	assert_non_null(e);
	assert_string_equal(expr_text(e),
			    "version($host_version >> 16, 0) | sp1");
	assert_null(expr_as_name(e));
	f->ctx.host_version = 0x10000;
	assert_true(expr_eval(e, &f->env, &v, &f->d));
	assert_int_equal(v, 0x18001);
	f->ctx.host_version = 0x20000;
	assert_true(expr_eval(e, &f->env, &v, &f->d));
	assert_int_equal(v, 0x28001);
	expr_free(e);

	e = expr_parse(" FFA_SUCCESS ", scalar_pos, &f->d);
	assert_string_equal(expr_as_name(e), "FFA_SUCCESS");
	expr_free(e);
	expr_free(NULL);
	assert_int_equal(diag_count(&f->d), 0);
}

/* A fixer that gives sp1 and buf values of its own, and nothing else. */
static bool fix_sp1_buf(void *ctx, const char *name, uint64_t *val)
{
	GString *asked = ctx;

	g_string_append_printf(asked, "%s ", name);
	if (!strcmp(name, "sp1"))
		*val = 0x9001;
	else if (!strcmp(name, "buf"))
		*val = 0x7000000500000000ull;
	else
		return false;
	return true;
}

static void test_fix_names(void **state)
{
	struct fixture *f = *state;
	struct expr *e = expr_parse("version($host_version >> 16, 0) | sp1 | buf.hi",
				    scalar_pos, &f->d);
	GString *asked = g_string_new(NULL);
	uint64_t v;

	assert_non_null(e);
	expr_fix_names(e, fix_sp1_buf, asked);
	/* Names only: not the function, not the member. */
	assert_text_same("names asked", asked->str, "$host_version sp1 buf ",
			 "every name of the tree, once, in order");
	f->ctx.host_version = 0x10000;
	assert_true(expr_eval(e, &f->env, &v, &f->d));
	/* The hook would say 0x8001 and 0x80000000: the fixed values win. */
	check_int_at("value", (long long)v, 0x19001 | 0x70000005,
		     "sp1 and buf read as fixed, $host_version as the hook says",
		     __FILE__, __LINE__);
	f->ctx.host_version = 0x20000;
	assert_true(expr_eval(e, &f->env, &v, &f->d));
	check_int_at("value", (long long)v, 0x29001 | 0x70000005,
		     "a name left unfixed is still asked at every evaluation",
		     __FILE__, __LINE__);
	g_string_free(asked, TRUE);
	expr_free(e);
}

/* What a caller may take without evaluating: a number, a fixed name. */
static void test_constant(void **state)
{
	static const struct {
		const char *text;
		bool constant;
		uint64_t value;
		const char *why;
	} cases[] = {
		{ "0x8001", true, 0x8001, "a number is its value" },
		{ "sp1", true, 0x9001, "a fixed name is its fixed value" },
		{ "$host_version", false, 0, "an unfixed name asks the hook" },
		{ "sp1 << 16 | 1", true, 0x90010001,
		  "operators over numbers and fixed names fold" },
		{ "-1", true, ~0ull, "so does a negation" },
		{ "$host_version | 1", false, 0,
		  "an operator over an unfixed name is evaluated" },
		{ "version(1, 1)", false, 0, "and a call" },
		{ "sp1.lo", false, 0, "and a member: the env's hook may claim it" },
		{ "1 / (sp1 - sp1)", false, 0,
		  "a failing operation is left to report where it fails" },
	};
	struct fixture *f = *state;
	GString *asked = g_string_new(NULL);
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct expr *e = expr_parse(cases[i].text, scalar_pos, &f->d);
		uint64_t v = 0x5a5a;
		bool got;

		assert_non_null(e);
		expr_fix_names(e, fix_sp1_buf, asked);
		got = expr_constant(e, &v);
		check_int_at(cases[i].text, got, cases[i].constant,
			     cases[i].why, __FILE__, __LINE__);
		check_int_at(cases[i].text, (long long)v,
			     cases[i].constant ? (long long)cases[i].value : 0x5a5a,
			     "the value when constant, else left alone",
			     __FILE__, __LINE__);
		expr_free(e);
	}
	g_string_free(asked, TRUE);
}

/* ---- names bound to slots ---- */

/* Binds "a" to slot 3 and "b" to slot 7, and writes down what it saw. */
static int bind_a_b(void *ctx, const char *name)
{
	g_string_append_printf(ctx, "%s ", name);
	return !strcmp(name, "a") ? 3 : !strcmp(name, "b") ? 7 : -1;
}

struct slot_ctx {
	struct test_ctx t;	/* the name hook's, first */
	bool has_a;		/* slot 3 has a value */
	unsigned int asked;	/* slots asked, one bit each */
};

static bool test_slot(void *ctx, unsigned int slot, uint64_t *val)
{
	struct slot_ctx *c = ctx;

	c->asked |= 1u << slot;
	if (slot == 3 && !c->has_a)
		return false;
	*val = 0x100 + slot;
	return true;
}

static enum expr_hook name_a_b(void *ctx, const char *name, uint64_t *val,
			       char *err, size_t errlen)
{
	if (!strcmp(name, "a") || !strcmp(name, "b")) {
		*val = 0x5000;
		return EXPR_HOOK_OK;
	}
	return test_name(ctx, name, val, err, errlen);
}

static void test_bind_names(void **state)
{
	struct fixture *f = *state;
	struct expr *e = expr_parse("a * 0x10000 + b + sp1", scalar_pos, &f->d);
	struct slot_ctx c = { .has_a = true };
	struct expr_env env = f->env;
	GString *seen = g_string_new(NULL);
	uint64_t v;

	assert_non_null(e);
	expr_fix_names(e, fix_sp1_buf, seen);
	g_string_truncate(seen, 0);
	expr_bind_names(e, bind_a_b, seen);
	assert_text_same("names bound", seen->str, "a b ",
			 "a fixed name is not offered a slot");
	env.name = name_a_b;
	env.slot = test_slot;
	env.ctx = &c;
	assert_true(expr_eval(e, &env, &v, &f->d));
	check_int_at("value", (long long)v, 0x103 * 0x10000 + 0x107 + 0x9001,
		     "a read slot 3, b slot 7: the slots they were bound to",
		     __FILE__, __LINE__);
	check_int_at("slots asked", c.asked, 1u << 3 | 1u << 7,
		     "each bound name asks its own slot, no other",
		     __FILE__, __LINE__);
	c.has_a = false;
	assert_true(expr_eval(e, &env, &v, &f->d));
	check_int_at("value", (long long)v, 0x5000 * 0x10000 + 0x107 + 0x9001,
		     "a slot without a value leaves the name to the name hook",
		     __FILE__, __LINE__);
	env.slot = NULL;
	assert_true(expr_eval(e, &env, &v, &f->d));
	check_int_at("value", (long long)v, 0x5000 * 0x10000 + 0x5000 + 0x9001,
		     "an env without a slot hook asks the name hook",
		     __FILE__, __LINE__);
	g_string_free(seen, TRUE);
	expr_free(e);
}

/*
 * The runner's slots (names_slot()): every register and capture name
 * must read what the name hook reads, so a slot off by one, a w read
 * unmasked or a capture read from another's slot fails here.
 */
struct bound {
	struct scen_setup setup;
	struct names load;	/* as at the end of a load */
	struct names run;	/* as while the steps run */
	GPtrArray *slot_names;
	uint64_t regs[SMC_NR_REGS];
	struct diag d;
};

static void bound_init(struct bound *b)
{
	unsigned int i;

	memset(b, 0, sizeof(*b));
	diag_init(&b->d);
	b->slot_names = g_ptr_array_new_with_free_func(g_free);
	names_init(&b->load, &b->setup, 4096);
	b->load.checking = true;
	b->load.slot_names = b->slot_names;
	names_set_capture(&b->load, "h", 0);
	names_set_capture(&b->load, "g", 0);
	names_set_pending(&b->load, "later", "not captured yet");
	names_init(&b->run, &b->setup, 4096);
	for (i = 0; i < SMC_NR_REGS; i++)
		b->regs[i] = 0xa0000000f0000000ull | (uint64_t)i << 32 | i;
}

static void bound_free(struct bound *b)
{
	names_free(&b->load);
	names_free(&b->run);
	g_ptr_array_unref(b->slot_names);
	diag_free(&b->d);
}

/* @text bound as the loader binds it, evaluated at run time. */
static struct expr *bound_parse(struct bound *b, const char *text)
{
	struct expr *e = expr_parse(text, scalar_pos, &b->d);

	assert_non_null(e);
	expr_fix_names(e, names_fixed, &b->load);
	expr_bind_names(e, names_slot, &b->load);
	return e;
}

/* The value through the slots and through the name hook alone. */
static void bound_eval(struct bound *b, struct expr *e, uint64_t *slotted,
		       uint64_t *hooked)
{
	struct expr_env env = names_env(&b->run);

	assert_true(expr_eval(e, &env, slotted, &b->d));
	env.slot = NULL;
	assert_true(expr_eval(e, &env, hooked, &b->d));
}

static void test_bound_registers(void **state)
{
	struct bound b;
	struct expr_env env;
	uint64_t slotted, hooked;
	unsigned int i;
	char text[8];
	struct expr *e;

	(void)state;
	bound_init(&b);
	b.run.regs = b.regs;
	for (i = 0; i < 2 * SMC_NR_REGS; i++) {
		bool w = i >= SMC_NR_REGS;
		unsigned int reg = i % SMC_NR_REGS;

		snprintf(text, sizeof(text), "%c%u", w ? 'w' : 'x', reg);
		e = bound_parse(&b, text);
		bound_eval(&b, e, &slotted, &hooked);
		check_int_at(text, (long long)slotted,
			     (long long)(w ? b.regs[reg] & 0xffffffffu :
					b.regs[reg]),
			     "a register name reads its own register, w the low half",
			     __FILE__, __LINE__);
		check_int_at(text, (long long)slotted, (long long)hooked,
			     "the slot reads what the name hook reads",
			     __FILE__, __LINE__);
		expr_free(e);
	}
	e = bound_parse(&b, "w2 | w3 << 32");
	bound_eval(&b, e, &slotted, &hooked);
	check_int_at("w2 | w3 << 32", (long long)slotted,
		     (long long)(0xf0000002ull | 0xf0000003ull << 32),
		     "a handle from its two halves", __FILE__, __LINE__);
	/* Outside expect and capture: the hook's refusal, word for word. */
	b.run.regs = NULL;
	env = names_env(&b.run);
	assert_false(expr_eval(e, &env, &slotted, &b.d));
	assert_string_equal(diag_message(&b.d, 0),
			    "s.yaml:7:10: registers can be read only in expect and capture");
	expr_free(e);
	bound_free(&b);
}

static void test_bound_captures(void **state)
{
	struct bound b;
	struct expr_env env;
	uint64_t slotted, hooked;
	struct expr *h, *g, *later;

	(void)state;
	bound_init(&b);
	g = bound_parse(&b, "g");
	h = bound_parse(&b, "h.hi << 32 | h.lo");
	later = bound_parse(&b, "later + 1");
	check_int_at("slots", b.slot_names->len, 3,
		     "one slot per capture name, pending ones included",
		     __FILE__, __LINE__);
	/* The load is over: the run reads the slots it made. */
	names_use_slots(&b.run, b.slot_names);
	names_set_capture(&b.run, "h", 0x1111222233334444ull);
	names_set_capture(&b.run, "g", 0x5555);
	names_set_capture(&b.run, "later", 7);
	bound_eval(&b, g, &slotted, &hooked);
	check_int_at("g", (long long)slotted, 0x5555,
		     "g reads g's value, not h's", __FILE__, __LINE__);
	check_int_at("g", (long long)slotted, (long long)hooked,
		     "the slot reads what the name hook reads",
		     __FILE__, __LINE__);
	bound_eval(&b, h, &slotted, &hooked);
	check_int_at("h", (long long)slotted, 0x1111222233334444ull,
		     "h reads h's value", __FILE__, __LINE__);
	check_int_at("h", (long long)slotted, (long long)hooked,
		     "the slot reads what the name hook reads",
		     __FILE__, __LINE__);
	bound_eval(&b, later, &slotted, &hooked);
	check_int_at("later", (long long)slotted, 8,
		     "a capture pending at load reads its value once made",
		     __FILE__, __LINE__);
	/* A step run again captures into the same place: read anew. */
	names_set_capture(&b.run, "g", 0x6666);
	bound_eval(&b, g, &slotted, &hooked);
	check_int_at("g again", (long long)slotted, 0x6666,
		     "a capture made again reads its new value",
		     __FILE__, __LINE__);
	expr_free(g);
	expr_free(h);
	expr_free(later);
	/* Not captured yet at run time: the hook's answer, word for word. */
	names_free(&b.run);
	names_init(&b.run, &b.setup, 4096);
	g = bound_parse(&b, "g");
	names_use_slots(&b.run, b.slot_names);
	env = names_env(&b.run);
	assert_false(expr_eval(g, &env, &slotted, &b.d));
	assert_string_equal(diag_message(&b.d, 0),
			    "s.yaml:7:10: unknown name 'g'");
	expr_free(g);
	bound_free(&b);
}

static void test_without_hooks(void **state)
{
	struct fixture *f = *state;
	struct expr_env none = { 0 };
	uint64_t v = 0;

	assert_true(expr_eval_text("0x1_0000_0003.hi + 1", scalar_pos, &none,
				   &v, &f->d));
	assert_int_equal(v, 2);
	assert_true(expr_eval_text("4K", scalar_pos, NULL, &v, &f->d));
	assert_int_equal(v, 4096);
	assert_false(expr_eval_text("x", scalar_pos, &none, &v, &f->d));
	assert_false(expr_eval_text("f(1)", scalar_pos, NULL, &v, &f->d));
	assert_false(expr_eval_text("1 .lw", scalar_pos, &none, &v, &f->d));
	assert_int_equal(diag_count(&f->d), 3);
	assert_string_equal(diag_message(&f->d, 0),
			    "s.yaml:7:10: unknown name 'x'");
	assert_string_equal(diag_message(&f->d, 1),
			    "s.yaml:7:10: unknown function 'f'");
	assert_string_equal(diag_message(&f->d, 2),
			    "s.yaml:7:13: unknown member 'lw' (did you mean "
			    "lo?)");
}

static bool eval_value(struct fixture *f, const struct ynode *map,
		       const char *key, uint64_t *v)
{
	const struct ynode *value = yaml_map_get(map, key);

	return expr_eval_text(yaml_scalar_text(value),
			      yaml_scalar_text_pos(value), &f->env, v, &f->d);
}

/* The whole path: a YAML scalar's position makes the expression's columns. */
static void test_columns_from_yaml(void **state)
{
	struct fixture *f = *state;
	struct yaml_tree *tree;
	struct ynode *step;
	uint64_t v;

	tree = yaml_tree_parse_string("s.yaml",
				      "- call: FFA_VERSION\n"
				      "  x1: version(1, 2\n"
				      "  x2: \"FFA_MEM_SHAER\"\n"
				      "  x3: 'buf + 1'\n",
				      (size_t)-1, &f->d);
	assert_non_null(tree);
	step = yaml_seq_item(tree->docs[0], 0);

	eval_fails(f, "", "s.yaml:7:10: empty expression");
	assert_false(eval_value(f, step, "x1", &v));
	assert_false(eval_value(f, step, "x2", &v));
	assert_true(eval_value(f, step, "x3", &v));
	assert_int_equal(v, 0x80000001);
	/* The tree is gone: the expression's messages must not need it. */
	yaml_tree_free(tree);
	assert_int_equal(diag_count(&f->d), 2);
	assert_string_equal(diag_message(&f->d, 0),
			    "s.yaml:2:19: expected ')' after arguments");
	assert_string_equal(diag_message(&f->d, 1),
			    "s.yaml:3:8: unknown name 'FFA_MEM_SHAER' (did you "
			    "mean FFA_MEM_SHARE?)");
}

static void test_expr_outlives_file_name(void **state)
{
	struct fixture *f = *state;
	char *file = g_strdup("gone.yaml");
	struct expr *e;
	uint64_t v;

	e = expr_parse("1 / 0", (struct src_pos){ file, 3, 4 }, &f->d);
	g_free(file);
	assert_false(expr_eval(e, &f->env, &v, &f->d));
	assert_string_equal(diag_message(&f->d, 0),
			    "gone.yaml:3:6: division by zero");
	expr_free(e);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_numbers),
		T(test_number_errors),
		T(test_precedence_trees),
		T(test_arithmetic),
		T(test_eval_errors),
		T(test_members),
		T(test_names),
		T(test_calls),
		T(test_syntax_errors),
		T(test_nesting_limits),
		T(test_parse_once_eval_per_case),
		T(test_fix_names),
		T(test_constant),
		T(test_bind_names),
		T(test_bound_registers),
		T(test_bound_captures),
		T(test_without_hooks),
		T(test_columns_from_yaml),
		T(test_expr_outlives_file_name),
	};
#undef T

	return cmocka_run_group_tests_name("sim_expr", tests, NULL, NULL);
}
