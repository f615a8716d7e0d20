// SPDX-License-Identifier: GPL-2.0-only
#include "sim/lang/expr.h"

#include <glib.h>
#include <inttypes.h>
#include <string.h>

enum tok_kind {
	T_END,
	T_NUM,
	T_NAME,
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_DOT,
	T_DOTDOT,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_PERCENT,
	T_SHL,
	T_SHR,
	T_AMP,
	T_CARET,
	T_PIPE,
	T_TILDE,
};

struct token {
	enum tok_kind kind;
	size_t start;
	size_t len;
	uint64_t num;
};

enum node_kind {
	N_NUM,
	N_NAME,
	N_CALL,
	N_MEMBER,
	N_NEG,
	N_NOT,
	N_BINARY,
};

enum builtin_member {
	MEMBER_OTHER,
	MEMBER_LO,
	MEMBER_HI,
};

struct enode {
	enum node_kind kind;
	size_t offset;		/* what errors about this node point at */
	unsigned int depth;
	uint64_t num;		/* N_NUM; N_NAME when fixed */
	bool fixed;		/* N_NAME: num is its value, for good */
	int slot;		/* N_NAME: the env's slot to read first, or -1 */
	enum builtin_member builtin;	/* N_MEMBER: lo, hi or another */
	char *name;		/* name, function or member */
	enum tok_kind op;	/* N_BINARY */
	struct enode *lhs;	/* operand, member base, left side */
	struct enode *rhs;
	struct enode **args;
	unsigned int nargs;
};

struct expr {
	struct expr_head head;	/* first: expr.h reads it */
	char *text;
	char *file;
	struct src_pos pos;
	struct enode *root;
};

struct parser {
	const struct expr *e;
	struct diag *d;
	size_t at;		/* next byte for the lexer */
	struct token tok;	/* current token */
	unsigned int depth;
	bool failed;
};

/* Columns count characters, as libyaml and editors do, not bytes. */
static struct src_pos pos_at(const struct expr *e, size_t offset)
{
	struct src_pos pos = e->pos;
	size_t i;

	pos.file = e->file;
	for (i = 0; i < offset && e->text[i]; i++) {
		unsigned char c = e->text[i];

		if (c == '\n') {
			pos.line++;
			pos.col = 1;
		} else if ((c & 0xc0) != 0x80) {
			pos.col++;
		}
	}
	return pos;
}

static __attribute__((format(printf, 4, 5)))
void report(const struct expr *e, struct diag *d, size_t offset,
	    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(d, pos_at(e, offset), fmt, ap);
	va_end(ap);
}

/* Only the first error of a parse is worth reading: later ones cascade. */
static __attribute__((format(printf, 3, 4)))
void syntax_error(struct parser *p, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = true;
	va_start(ap, fmt);
	diag_verror(p->d, pos_at(p->e, offset), fmt, ap);
	va_end(ap);
}

/* ---- lexer ---- */

static bool is_name_start(char c)
{
	return g_ascii_isalpha(c) || c == '_' || c == '$';
}

static bool is_name_char(char c)
{
	return is_name_start(c) || g_ascii_isdigit(c);
}

static int digit_value(char c)
{
	if (g_ascii_isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static unsigned int suffix_shift(char c)
{
	switch (c) {
	case 'K':
		return 10;
	case 'M':
		return 20;
	case 'G':
		return 30;
	default:
		return 0;
	}
}

static const char *base_name(unsigned int base)
{
	return base == 16 ? "hex" : base == 2 ? "binary" : "decimal";
}

/* Accumulate one digit; false when the value no longer fits. */
static bool push_digit(uint64_t *val, unsigned int base, int digit)
{
	if (*val > (UINT64_MAX - (uint64_t)digit) / base)
		return false;
	*val = *val * base + (uint64_t)digit;
	return true;
}

static unsigned int number_base(const char *s, size_t *i)
{
	if (s[0] != '0')
		return 10;
	if (s[1] == 'x' || s[1] == 'X') {
		*i += 2;
		return 16;
	}
	if (s[1] == 'b' || s[1] == 'B') {
		*i += 2;
		return 2;
	}
	return 10;
}

/* Explain the first character of a number that is not part of it. */
static void bad_number_char(struct parser *p, size_t at, unsigned int base)
{
	char c = p->e->text[at];

	if (g_ascii_isdigit(c))
		syntax_error(p, at, "invalid digit '%c' in %s number", c,
			     base_name(base));
	else
		syntax_error(p, at, "invalid character '%c' in number", c);
}

/*
 * @start..@end is the whole alphanumeric run starting with a digit, so that
 * "12abc" is one bad number rather than a number and a name.  Leading zeros
 * are refused because a C reader would take 010 for octal.
 */
static bool lex_number(struct parser *p, size_t start, size_t end)
{
	const char *s = p->e->text;
	size_t i = start;
	unsigned int base = number_base(s + start, &i), shift = 0;
	bool last_digit = false;
	uint64_t val = 0;
	int dv;

	if (base == 10 && s[i] == '0' && i + 1 < end &&
	    g_ascii_isdigit(s[i + 1])) {
		syntax_error(p, start, "leading zero in number (write 0x for "
			     "hex, 0b for binary)");
		return false;
	}
	for (; i < end; i++) {
		dv = digit_value(s[i]);
		if (s[i] == '_' && last_digit && i + 1 < end &&
		    digit_value(s[i + 1]) >= 0 &&
		    digit_value(s[i + 1]) < (int)base) {
			last_digit = false;
			continue;
		}
		if (s[i] == '_') {
			syntax_error(p, i, "misplaced '_' in number");
			return false;
		}
		if (dv < 0 || dv >= (int)base)
			break;
		if (!push_digit(&val, base, dv)) {
			syntax_error(p, start, "number too large");
			return false;
		}
		last_digit = true;
	}
	if (!last_digit) {
		syntax_error(p, i, "missing digits after '%.2s'", s + start);
		return false;
	}
	if (i < end && suffix_shift(s[i]))
		shift = suffix_shift(s[i++]);
	if (i < end) {
		bad_number_char(p, i, base);
		return false;
	}
	if (val > (UINT64_MAX >> shift)) {
		syntax_error(p, start, "number too large");
		return false;
	}
	p->tok.num = val << shift;
	return true;
}

static enum tok_kind punct_kind(const char *s, size_t *len)
{
	static const struct {
		const char *text;
		enum tok_kind kind;
	} puncts[] = {
		{ "<<", T_SHL }, { ">>", T_SHR }, { "..", T_DOTDOT },
		{ "(", T_LPAREN }, { ")", T_RPAREN }, { ",", T_COMMA },
		{ ".", T_DOT }, { "+", T_PLUS }, { "-", T_MINUS },
		{ "*", T_STAR }, { "/", T_SLASH }, { "%", T_PERCENT },
		{ "&", T_AMP }, { "^", T_CARET }, { "|", T_PIPE },
		{ "~", T_TILDE },
	};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(puncts); i++) {
		*len = strlen(puncts[i].text);
		if (!strncmp(s, puncts[i].text, *len))
			return puncts[i].kind;
	}
	return T_END;
}

static void bad_character(struct parser *p, size_t at)
{
	unsigned char c = p->e->text[at];

	if (g_ascii_isprint(c))
		syntax_error(p, at, "unexpected '%c' in expression", c);
	else
		syntax_error(p, at,
			     "unexpected character 0x%02x in expression", c);
}

/* Advance to the next token; on a lexical error, p->failed is set. */
static void next(struct parser *p)
{
	const char *s = p->e->text;
	size_t at = p->at, len = 0;

	while (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r')
		at++;
	p->tok = (struct token){ .kind = T_END, .start = at };
	if (!s[at]) {
		p->at = at;
		return;
	}
	if (is_name_start(s[at]) || g_ascii_isdigit(s[at])) {
		while (is_name_char(s[at + len]))
			len++;
		p->tok.kind = is_name_start(s[at]) ? T_NAME : T_NUM;
		if (p->tok.kind == T_NUM && !lex_number(p, at, at + len))
			p->tok.kind = T_END;
	} else {
		p->tok.kind = punct_kind(s + at, &len);
		if (p->tok.kind == T_END) {
			bad_character(p, at);
			len = 1;
		}
	}
	p->tok.len = len;
	p->at = at + len;
}

/* ---- parser ---- */

static void node_free(struct enode *n)
{
	unsigned int i;

	if (!n)
		return;
	node_free(n->lhs);
	node_free(n->rhs);
	for (i = 0; i < n->nargs; i++)
		node_free(n->args[i]);
	g_free(n->args);
	g_free(n->name);
	g_free(n);
}

static struct enode *node_new(enum node_kind kind, size_t offset)
{
	struct enode *n = g_new0(struct enode, 1);

	n->kind = kind;
	n->offset = offset;
	n->depth = 1;
	n->slot = -1;
	return n;
}

/* Adopt @child and refuse trees too deep to evaluate recursively. */
static bool track_depth(struct parser *p, struct enode *n,
			const struct enode *child)
{
	if (child->depth + 1 > n->depth)
		n->depth = child->depth + 1;
	if (n->depth <= EXPR_MAX_DEPTH)
		return true;
	syntax_error(p, n->offset, "expression nested too deeply (limit %d)",
		     EXPR_MAX_DEPTH);
	return false;
}

static char *token_text(const struct parser *p)
{
	return g_strndup(p->e->text + p->tok.start, p->tok.len);
}

/* "found ')'" or "found end of expression" */
static void expected(struct parser *p, const char *what)
{
	char *found;

	if (p->failed)
		return;
	if (p->tok.kind == T_END) {
		syntax_error(p, p->tok.start, "expected %s, found end of "
			     "expression", what);
		return;
	}
	found = token_text(p);
	syntax_error(p, p->tok.start, "expected %s, found '%s'", what, found);
	g_free(found);
}

static struct enode *parse_expr(struct parser *p);
static bool fold(const struct enode *n, uint64_t *out);

static struct enode *parse_call(struct parser *p, struct enode *call)
{
	struct enode *arg;

	next(p);	/* '(' */
	if (p->tok.kind == T_RPAREN) {
		next(p);
		return call;
	}
	for (;;) {
		if (call->nargs == EXPR_MAX_ARGS) {
			syntax_error(p, p->tok.start,
				     "too many arguments (at most %d)",
				     EXPR_MAX_ARGS);
			break;
		}
		arg = parse_expr(p);
		if (!arg)
			break;
		call->args = g_renew(struct enode *, call->args,
				     call->nargs + 1);
		call->args[call->nargs++] = arg;
		if (!track_depth(p, call, arg))
			break;
		if (p->tok.kind == T_RPAREN) {
			next(p);
			return call;
		}
		if (p->tok.kind != T_COMMA) {
			syntax_error(p, p->tok.start,
				     "expected ')' after arguments");
			break;
		}
		next(p);
	}
	node_free(call);
	return NULL;
}

static struct enode *parse_primary(struct parser *p)
{
	struct enode *n;

	switch (p->tok.kind) {
	case T_NUM:
		n = node_new(N_NUM, p->tok.start);
		n->num = p->tok.num;
		next(p);
		return n;
	case T_NAME:
		n = node_new(N_NAME, p->tok.start);
		n->name = token_text(p);
		next(p);
		if (p->tok.kind != T_LPAREN)
			return n;
		n->kind = N_CALL;
		return parse_call(p, n);
	case T_LPAREN:
		next(p);
		n = parse_expr(p);
		if (!n)
			return NULL;
		if (p->tok.kind == T_RPAREN) {
			next(p);
			return n;
		}
		syntax_error(p, p->tok.start, "expected ')' after expression");
		node_free(n);
		return NULL;
	default:
		expected(p, "a value");
		return NULL;
	}
}

static struct enode *parse_postfix(struct parser *p)
{
	struct enode *n = parse_primary(p), *m;

	while (n && !p->failed && p->tok.kind == T_DOT) {
		next(p);
		if (p->tok.kind != T_NAME) {
			syntax_error(p, p->tok.start,
				     "expected a member name after '.'");
			break;
		}
		m = node_new(N_MEMBER, p->tok.start);
		m->name = token_text(p);
		m->builtin = !strcmp(m->name, "lo") ? MEMBER_LO :
			     !strcmp(m->name, "hi") ? MEMBER_HI : MEMBER_OTHER;
		m->lhs = n;
		n = m;
		if (!track_depth(p, m, m->lhs))
			break;
		next(p);
	}
	if (p->failed) {
		node_free(n);
		return NULL;
	}
	return n;
}

static struct enode *parse_unary(struct parser *p)
{
	struct enode *n, *operand;
	size_t start = p->tok.start;
	enum tok_kind op = p->tok.kind;

	if (op != T_MINUS && op != T_TILDE)
		return parse_postfix(p);
	if (++p->depth > EXPR_MAX_DEPTH) {
		syntax_error(p, start,
			     "expression nested too deeply (limit %d)",
			     EXPR_MAX_DEPTH);
		return NULL;
	}
	next(p);
	operand = parse_unary(p);
	p->depth--;
	if (!operand)
		return NULL;
	n = node_new(op == T_MINUS ? N_NEG : N_NOT, start);
	n->lhs = operand;
	if (!track_depth(p, n, operand)) {
		node_free(n);
		return NULL;
	}
	return n;
}

/* Binary levels, loosest first; each is left-associative. */
static const enum tok_kind levels[][4] = {
	{ T_PIPE },
	{ T_CARET },
	{ T_AMP },
	{ T_SHL, T_SHR },
	{ T_PLUS, T_MINUS },
	{ T_STAR, T_SLASH, T_PERCENT },
};

static bool at_level(const struct parser *p, unsigned int level)
{
	unsigned int i;

	for (i = 0; i < G_N_ELEMENTS(levels[level]) && levels[level][i]; i++) {
		if (p->tok.kind == levels[level][i])
			return true;
	}
	return false;
}

static struct enode *parse_binary(struct parser *p, unsigned int level)
{
	struct enode *lhs, *rhs, *n;

	if (level == G_N_ELEMENTS(levels))
		return parse_unary(p);
	lhs = parse_binary(p, level + 1);
	while (lhs && !p->failed && at_level(p, level)) {
		n = node_new(N_BINARY, p->tok.start);
		n->op = p->tok.kind;
		n->lhs = lhs;
		lhs = n;
		next(p);
		rhs = parse_binary(p, level + 1);
		if (!rhs)
			break;
		n->rhs = rhs;
		if (!track_depth(p, n, n->lhs) || !track_depth(p, n, rhs))
			break;
	}
	if (p->failed) {
		node_free(lhs);
		return NULL;
	}
	return lhs;
}

static struct enode *parse_expr(struct parser *p)
{
	struct enode *n;

	/* Parentheses and arguments recurse through here. */
	if (++p->depth > EXPR_MAX_DEPTH) {
		syntax_error(p, p->tok.start,
			     "expression nested too deeply (limit %d)",
			     EXPR_MAX_DEPTH);
		return NULL;
	}
	n = parse_binary(p, 0);
	p->depth--;
	return n;
}

static bool all_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return !*s;
}

struct expr *expr_parse(const char *text, struct src_pos pos, struct diag *d)
{
	struct expr *e = g_new0(struct expr, 1);
	struct parser p = { .e = e, .d = d };
	char *found;

	e->text = g_strdup(text);
	e->file = g_strdup(pos.file);
	e->pos = pos;
	e->pos.file = e->file;
	if (strlen(text) > EXPR_MAX_TEXT) {
		syntax_error(&p, 0, "expression longer than %d characters",
			     EXPR_MAX_TEXT);
	} else if (all_blank(text)) {
		syntax_error(&p, 0, "empty expression");
	} else {
		next(&p);
		e->root = parse_expr(&p);
		if (e->root && p.tok.kind != T_END) {
			found = token_text(&p);
			syntax_error(&p, p.tok.start,
				     "unexpected '%s' in expression", found);
			g_free(found);
		}
	}
	if (p.failed) {
		expr_free(e);
		return NULL;
	}
	e->head.constant = fold(e->root, &e->head.value);
	return e;
}

void expr_free(struct expr *e)
{
	if (!e)
		return;
	node_free(e->root);
	g_free(e->text);
	g_free(e->file);
	g_free(e);
}

const char *expr_text(const struct expr *e)
{
	return e->text;
}

const char *expr_as_name(const struct expr *e)
{
	return e->root->kind == N_NAME ? e->root->name : NULL;
}

/* ---- evaluation ---- */

struct evaluator {
	const struct expr *e;
	const struct expr_env *env;
	struct diag *d;
	char err[256];
};

static bool eval(struct evaluator *ev, const struct enode *n, uint64_t *out);

static void report_unknown(struct evaluator *ev, const struct enode *n,
			   const char *what, enum expr_sym kind,
			   const char *name)
{
	struct diag_suggester s;

	diag_suggester_init(&s, name);
	if (kind == EXPR_SYM_MEMBER) {
		diag_suggester_add(&s, "lo");
		diag_suggester_add(&s, "hi");
	}
	if (ev->env && ev->env->suggest)
		ev->env->suggest(ev->env->ctx, kind, &s);
	if (s.best)
		report(ev->e, ev->d, n->offset,
		       "unknown %s '%s' (did you mean %s?)", what, name,
		       s.best);
	else
		report(ev->e, ev->d, n->offset, "unknown %s '%s'", what, name);
}

/* Turn a hook's verdict into a diagnostic; true when it gave a value. */
static bool hook_result(struct evaluator *ev, const struct enode *n,
			enum expr_hook r, const char *what,
			enum expr_sym kind)
{
	if (r == EXPR_HOOK_OK)
		return true;
	if (r == EXPR_HOOK_UNKNOWN)
		report_unknown(ev, n, what, kind, n->name);
	else if (ev->err[0])
		report(ev->e, ev->d, n->offset, "%s", ev->err);
	else
		report(ev->e, ev->d, n->offset, "cannot evaluate '%s'",
		       n->name);
	return false;
}

static bool eval_name(struct evaluator *ev, const struct enode *n,
		      uint64_t *out)
{
	enum expr_hook r = EXPR_HOOK_UNKNOWN;

	if (n->fixed) {
		*out = n->num;
		return true;
	}
	if (n->slot >= 0 && ev->env && ev->env->slot &&
	    ev->env->slot(ev->env->ctx, (unsigned int)n->slot, out))
		return true;
	ev->err[0] = '\0';
	if (ev->env && ev->env->name)
		r = ev->env->name(ev->env->ctx, n->name, out, ev->err,
				  sizeof(ev->err));
	return hook_result(ev, n, r, "name", EXPR_SYM_NAME);
}

/* @args receives the evaluated arguments, for a member of the result. */
static bool eval_call(struct evaluator *ev, const struct enode *n,
		      uint64_t *args, uint64_t *out)
{
	enum expr_hook r = EXPR_HOOK_UNKNOWN;
	unsigned int i;

	for (i = 0; i < n->nargs; i++) {
		if (!eval(ev, n->args[i], &args[i]))
			return false;
	}
	ev->err[0] = '\0';
	if (ev->env && ev->env->call)
		r = ev->env->call(ev->env->ctx, n->name, args, n->nargs, out,
				  ev->err, sizeof(ev->err));
	return hook_result(ev, n, r, "function", EXPR_SYM_FUNCTION);
}

static bool builtin_member(enum builtin_member member, uint64_t base,
			   uint64_t *out)
{
	switch (member) {
	case MEMBER_LO:
		*out = base & 0xffffffffu;
		return true;
	case MEMBER_HI:
		*out = base >> 32;
		return true;
	default:
		return false;
	}
}

static bool eval_member(struct evaluator *ev, const struct enode *n,
			uint64_t *out)
{
	const struct enode *base = n->lhs;
	uint64_t args[EXPR_MAX_ARGS];
	struct expr_member_ref ref = { .member = n->name };
	enum expr_hook r = EXPR_HOOK_UNKNOWN;
	bool ok;

	if (base->kind == N_CALL) {
		ok = eval_call(ev, base, args, &ref.base);
		ref.base_is_call = true;
		ref.args = args;
		ref.nargs = base->nargs;
	} else {
		ok = eval(ev, base, &ref.base);
	}
	if (!ok)
		return false;
	if (base->kind == N_CALL || base->kind == N_NAME)
		ref.base_name = base->name;
	ev->err[0] = '\0';
	if (ev->env && ev->env->member)
		r = ev->env->member(ev->env->ctx, &ref, out, ev->err,
				    sizeof(ev->err));
	if (r == EXPR_HOOK_UNKNOWN && builtin_member(n->builtin, ref.base, out))
		return true;
	return hook_result(ev, n, r, "member", EXPR_SYM_MEMBER);
}

/* False for a division by zero or a shift out of range. */
static bool apply_binary(enum tok_kind op, uint64_t a, uint64_t b,
			 uint64_t *out)
{
	switch (op) {
	case T_SLASH:
	case T_PERCENT:
		if (!b)
			return false;
		*out = op == T_SLASH ? a / b : a % b;
		return true;
	case T_SHL:
	case T_SHR:
		if (b >= 64)
			return false;
		*out = op == T_SHL ? a << b : a >> b;
		return true;
	case T_STAR:
		*out = a * b;
		return true;
	case T_PLUS:
		*out = a + b;
		return true;
	case T_MINUS:
		*out = a - b;
		return true;
	case T_AMP:
		*out = a & b;
		return true;
	case T_CARET:
		*out = a ^ b;
		return true;
	default:
		*out = a | b;
		return true;
	}
}

static bool eval_binary(struct evaluator *ev, const struct enode *n,
			uint64_t *out)
{
	uint64_t a, b;

	if (!eval(ev, n->lhs, &a) || !eval(ev, n->rhs, &b))
		return false;
	if (apply_binary(n->op, a, b, out))
		return true;
	if (n->op == T_SLASH || n->op == T_PERCENT)
		report(ev->e, ev->d, n->offset, "division by zero");
	else
		report(ev->e, ev->d, n->offset,
		       "shift count %" PRIu64 " out of range 0..63", b);
	return false;
}

static bool eval(struct evaluator *ev, const struct enode *n, uint64_t *out)
{
	uint64_t args[EXPR_MAX_ARGS], v;

	switch (n->kind) {
	case N_NUM:
		*out = n->num;
		return true;
	case N_NAME:
		return eval_name(ev, n, out);
	case N_CALL:
		return eval_call(ev, n, args, out);
	case N_MEMBER:
		return eval_member(ev, n, out);
	case N_NEG:
	case N_NOT:
		if (!eval(ev, n->lhs, &v))
			return false;
		*out = n->kind == N_NEG ? 0 - v : ~v;
		return true;
	default:
		return eval_binary(ev, n, out);
	}
}

bool expr_eval(const struct expr *e, const struct expr_env *env,
	       uint64_t *out, struct diag *d)
{
	struct evaluator ev;
	uint64_t v;

	/* Not an initialiser: that would clear err[] at every evaluation. */
	ev.e = e;
	ev.env = env;
	ev.d = d;
	ev.err[0] = '\0';

	if (!eval(&ev, e->root, &v))
		return false;
	*out = v;
	return true;
}

/*
 * The value of a tree of numbers, fixed names and operators, which no
 * env can change; false for anything else, and for an operation that
 * fails (evaluation reports it, at its place).
 */
static bool fold(const struct enode *n, uint64_t *out)
{
	uint64_t a, b;

	switch (n->kind) {
	case N_NUM:
		*out = n->num;
		return true;
	case N_NAME:
		*out = n->num;
		return n->fixed;
	case N_NEG:
	case N_NOT:
		if (!fold(n->lhs, &a))
			return false;
		*out = n->kind == N_NEG ? 0 - a : ~a;
		return true;
	case N_BINARY:
		return fold(n->lhs, &a) && fold(n->rhs, &b) &&
		       apply_binary(n->op, a, b, out);
	default:
		return false;
	}
}


bool expr_eval_text(const char *text, struct src_pos pos,
		    const struct expr_env *env, uint64_t *out, struct diag *d)
{
	struct expr *e = expr_parse(text, pos, d);
	bool ok;

	if (!e)
		return false;
	ok = expr_eval(e, env, out, d);
	expr_free(e);
	return ok;
}

static void fix_names(struct enode *n,
		      bool (*fix)(void *ctx, const char *name, uint64_t *val),
		      void *ctx)
{
	unsigned int i;

	if (!n)
		return;
	if (n->kind == N_NAME && !n->fixed)
		n->fixed = fix(ctx, n->name, &n->num);
	fix_names(n->lhs, fix, ctx);
	fix_names(n->rhs, fix, ctx);
	for (i = 0; i < n->nargs; i++)
		fix_names(n->args[i], fix, ctx);
}

void expr_fix_names(struct expr *e,
		    bool (*fix)(void *ctx, const char *name, uint64_t *val),
		    void *ctx)
{
	fix_names(e->root, fix, ctx);
	e->head.constant = fold(e->root, &e->head.value);
}

static void bind_names(struct enode *n,
		       int (*bind)(void *ctx, const char *name), void *ctx)
{
	unsigned int i;

	if (!n)
		return;
	if (n->kind == N_NAME && !n->fixed)
		n->slot = bind(ctx, n->name);
	bind_names(n->lhs, bind, ctx);
	bind_names(n->rhs, bind, ctx);
	for (i = 0; i < n->nargs; i++)
		bind_names(n->args[i], bind, ctx);
}

void expr_bind_names(struct expr *e, int (*bind)(void *ctx, const char *name),
		     void *ctx)
{
	bind_names(e->root, bind, ctx);
}

/* ---- printing ---- */

static const char *const op_text[] = {
	[T_PLUS] = "+",
	[T_MINUS] = "-",
	[T_STAR] = "*",
	[T_SLASH] = "/",
	[T_PERCENT] = "%",
	[T_SHL] = "<<",
	[T_SHR] = ">>",
	[T_AMP] = "&",
	[T_CARET] = "^",
	[T_PIPE] = "|",
};

static void print_node(GString *out, const struct enode *n)
{
	unsigned int i;

	switch (n->kind) {
	case N_NUM:
		g_string_append_printf(out, "%" PRIu64, n->num);
		return;
	case N_NAME:
		g_string_append(out, n->name);
		return;
	case N_CALL:
		g_string_append_printf(out, "(call %s", n->name);
		for (i = 0; i < n->nargs; i++) {
			g_string_append_c(out, ' ');
			print_node(out, n->args[i]);
		}
		break;
	case N_MEMBER:
		g_string_append(out, "(. ");
		print_node(out, n->lhs);
		g_string_append_printf(out, " %s", n->name);
		break;
	case N_NEG:
	case N_NOT:
		g_string_append(out, n->kind == N_NEG ? "(neg " : "(~ ");
		print_node(out, n->lhs);
		break;
	case N_BINARY:
		g_string_append_printf(out, "(%s ", op_text[n->op]);
		print_node(out, n->lhs);
		g_string_append_c(out, ' ');
		print_node(out, n->rhs);
		break;
	}
	g_string_append_c(out, ')');
}

char *expr_to_string(const struct expr *e)
{
	GString *out = g_string_new(NULL);

	print_node(out, e->root);
	return g_string_free(out, FALSE);
}
