// SPDX-License-Identifier: GPL-2.0-only
/* YAML to a positioned tree: shapes, positions, aliases and every error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/lang/yaml_tree.h"
#include "tests/check_util.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fixture {
	struct diag d;
	struct yaml_tree *tree;
};

static int setup(void **state)
{
	struct fixture *f = g_new0(struct fixture, 1);

	diag_init(&f->d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	yaml_tree_free(f->tree);
	diag_free(&f->d);
	g_free(f);
	return 0;
}

/* The helpers check at the caller's line, through NAME_at(). */
#define parse_ok(f, text) parse_ok_at((f), (text), __FILE__, __LINE__)
#define parse_fails(f, text, msg) \
	parse_fails_at((f), (text), (msg), __FILE__, __LINE__)
#define assert_refused(f, path, why) \
	assert_refused_at((f), (path), (why), __FILE__, __LINE__)

/* Parse text that must be valid; fail the test with the diagnostics if not. */
static struct ynode *parse_ok_at(struct fixture *f, const char *text,
				 const char *file, int line)
{
	f->tree = yaml_tree_parse_string("t.yaml", text, (size_t)-1, &f->d);
	if (!f->tree) {
		diag_print(&f->d, stderr);
		fail_at(file, line, "the text did not parse (diagnostics above): it is valid YAML");
	}
	check_int(diag_count(&f->d), 0, "valid YAML parses quietly");
	check_int(f->tree->n_docs, 1, "the text is one document");
	return f->tree->docs[0];
}

/* Parse text that must fail with exactly the one message given. */
static void parse_fails_at(struct fixture *f, const char *text,
			   const char *msg, const char *file, int line)
{
	f->tree = yaml_tree_parse_string("t.yaml", text, (size_t)-1, &f->d);
	check_true(!f->tree, "text with a mistake gives no tree");
	if (diag_count(&f->d) != 1)
		diag_print(&f->d, stderr);
	check_int(diag_count(&f->d), 1, "one mistake, one diagnostic");
	check_text_at("the diagnostic", diag_message(&f->d, 0), msg,
		      "the message tells the user what is wrong", file, line);
}

static void assert_pos(const struct ynode *n, unsigned int line,
		       unsigned int col)
{
	assert_non_null(n);
	assert_string_equal(n->pos.file, "t.yaml");
	assert_int_equal(n->pos.line, line);
	assert_int_equal(n->pos.col, col);
}

static void test_mapping_positions_and_raw_scalars(void **state)
{
	struct fixture *f = *state;
	struct ynode *root = parse_ok(f,
		"id: 0x8001\n"
		"ok: true\n"
		"version: 1.2\n"
		"none: ~\n"
		"empty:\n"
		"  quoted: \"a b\"\n");
	const struct ynode_pair *p;
	struct ynode *v;

	assert_int_equal(root->kind, YNODE_MAPPING);
	assert_pos(root, 1, 1);
	assert_int_equal(yaml_map_count(root), 5);

	v = yaml_map_get(root, "id");
	assert_pos(v, 1, 5);
	assert_true(yaml_scalar_is(v, "0x8001"));
	assert_true(yaml_scalar_is_plain(v));
	assert_string_equal(yaml_scalar_text(yaml_map_get(root, "ok")), "true");
	assert_string_equal(yaml_scalar_text(yaml_map_get(root, "version")),
			    "1.2");
	assert_string_equal(yaml_scalar_text(yaml_map_get(root, "none")), "~");

	p = yaml_map_find(root, "empty");
	assert_pos(p->key, 5, 1);
	assert_int_equal(p->value->kind, YNODE_MAPPING);
	assert_pos(p->value, 6, 3);

	v = yaml_map_get(p->value, "quoted");
	assert_pos(v, 6, 11);
	assert_int_equal(v->scalar.style, YSCALAR_DOUBLE_QUOTED);
	assert_false(yaml_scalar_is_plain(v));
	assert_int_equal(yaml_scalar_text_pos(v).col, 12);
	assert_string_equal(yaml_scalar_text(v), "a b");

	assert_null(yaml_map_get(root, "missing"));
	assert_null(yaml_map_get(v, "quoted"));
}

static void test_empty_value_and_styles(void **state)
{
	struct fixture *f = *state;
	struct ynode *root = parse_ok(f,
		"a:\n"
		"b: 'it''s'\n"
		"c: |\n"
		"  line\n"
		"d: >\n"
		"  folded\n");
	struct ynode *v;

	v = yaml_map_get(root, "a");
	assert_true(yaml_scalar_is(v, ""));
	assert_int_equal(v->scalar.style, YSCALAR_PLAIN);
	v = yaml_map_get(root, "b");
	assert_true(yaml_scalar_is(v, "it's"));
	assert_int_equal(v->scalar.style, YSCALAR_SINGLE_QUOTED);
	assert_int_equal(yaml_scalar_text_pos(v).col, 5);
	v = yaml_map_get(root, "c");
	assert_true(yaml_scalar_is(v, "line\n"));
	assert_int_equal(v->scalar.style, YSCALAR_LITERAL);
	/* Block scalars keep the indicator's column. */
	assert_int_equal(yaml_scalar_text_pos(v).col, 4);
	v = yaml_map_get(root, "d");
	assert_int_equal(v->scalar.style, YSCALAR_FOLDED);
}

static void test_sequences_and_iteration(void **state)
{
	struct fixture *f = *state;
	struct ynode *root = parse_ok(f,
		"steps:\n"
		"  - call: FFA_VERSION\n"
		"    x1: version(1, 2)\n"
		"  - [tx, rx]\n");
	const struct ynode_pair *pair;
	struct ynode *steps = yaml_map_get(root, "steps"), *step, *flow;
	const char *keys[2];
	unsigned int n = 0;

	assert_int_equal(steps->kind, YNODE_SEQUENCE);
	assert_pos(steps, 2, 3);
	assert_int_equal(yaml_seq_count(steps), 2);
	step = yaml_seq_item(steps, 0);
	assert_pos(step, 2, 5);
	yaml_map_for_each(pair, step) {
		assert_true(n < 2);
		keys[n++] = yaml_scalar_text(pair->key);
	}
	assert_int_equal(n, 2);
	assert_string_equal(keys[0], "call");
	assert_string_equal(keys[1], "x1");
	assert_pos(yaml_map_get(step, "x1"), 3, 9);

	flow = yaml_seq_item(steps, 1);
	assert_int_equal(flow->kind, YNODE_SEQUENCE);
	assert_pos(flow, 4, 5);
	assert_pos(yaml_seq_item(flow, 1), 4, 10);
	assert_true(yaml_scalar_is(yaml_seq_item(flow, 1), "rx"));

	/* Wrong kinds and out-of-range indexes are NULL/0, never a crash. */
	assert_null(yaml_seq_item(steps, 2));
	assert_null(yaml_seq_item(root, 0));
	assert_int_equal(yaml_seq_count(root), 0);
	assert_int_equal(yaml_map_count(steps), 0);
	assert_null(yaml_map_pair(steps, 0));
	assert_null(yaml_map_pair(step, 2));
	assert_null(yaml_scalar_text(steps));
	assert_false(yaml_scalar_is(steps, ""));
}

static void test_crlf_positions(void **state)
{
	struct fixture *f = *state;
	struct ynode *root = parse_ok(f, "a: 1\r\nbb: 2\r\n");

	assert_pos(yaml_map_get(root, "bb"), 2, 5);
}

static void test_multiple_documents(void **state)
{
	struct fixture *f = *state;

	f->tree = yaml_tree_parse_string("t.yaml",
					 "---\na: 1\n---\n- b\n...\n---\nc\n",
					 (size_t)-1, &f->d);
	assert_non_null(f->tree);
	assert_int_equal(f->tree->n_docs, 3);
	assert_int_equal(f->tree->docs[0]->kind, YNODE_MAPPING);
	assert_pos(f->tree->docs[1], 4, 1);
	assert_int_equal(f->tree->docs[1]->kind, YNODE_SEQUENCE);
	assert_true(yaml_scalar_is(f->tree->docs[2], "c"));
}

static void test_empty_stream_and_document(void **state)
{
	struct fixture *f = *state;

	f->tree = yaml_tree_parse_string("t.yaml", "", 0, &f->d);
	assert_non_null(f->tree);
	assert_int_equal(f->tree->n_docs, 0);
	yaml_tree_free(f->tree);

	f->tree = yaml_tree_parse_string("t.yaml", NULL, 0, &f->d);
	assert_non_null(f->tree);
	assert_int_equal(f->tree->n_docs, 0);
	yaml_tree_free(f->tree);

	f->tree = yaml_tree_parse_string("t.yaml", "# only a comment\n---\n",
					 (size_t)-1, &f->d);
	assert_non_null(f->tree);
	assert_int_equal(f->tree->n_docs, 1);
	assert_true(yaml_scalar_is(f->tree->docs[0], ""));
	assert_int_equal(diag_count(&f->d), 0);
}

static void test_scalar_with_nul(void **state)
{
	struct fixture *f = *state;
	struct ynode *v = parse_ok(f, "\"a\\0b\"\n");

	assert_int_equal(v->scalar.len, 3);
	assert_false(yaml_scalar_is(v, "a"));
	assert_int_equal(memcmp(v->scalar.text, "a\0b", 4), 0);
}

/* A prefix either way is not the same text. */
static void test_scalar_is_whole_text(void **state)
{
	struct fixture *f = *state;
	struct ynode *v = parse_ok(f, "abc\n");
	const char *file = __FILE__;
	int line = __LINE__;

	check_true(yaml_scalar_is(v, "abc"), "the same text");
	check_true(!yaml_scalar_is(v, "ab"), "the text is longer");
	check_true(!yaml_scalar_is(v, "abcd"), "the text is shorter");
	check_true(!yaml_scalar_is(v, "abd"), "the last character differs");
	check_true(!yaml_scalar_is(v, ""), "an empty text is another text");
}

static void test_alias_shares_node(void **state)
{
	struct fixture *f = *state;
	struct ynode *root = parse_ok(f,
		"base: &sp { id: 0x8001, name: sp1 }\n"
		"copy: *sp\n"
		"list: [*sp, *sp]\n"
		"key: &k x1\n"
		"regs: { *k : 5 }\n");
	struct ynode *base = yaml_map_get(root, "base");
	struct ynode *list = yaml_map_get(root, "list");
	const struct ynode_pair *pair;

	assert_ptr_equal(yaml_map_get(root, "copy"), base);
	assert_ptr_equal(yaml_seq_item(list, 0), base);
	assert_ptr_equal(yaml_seq_item(list, 1), base);
	/* The shared node keeps the anchor's position. */
	assert_pos(base, 1, 7);
	pair = yaml_map_pair(yaml_map_get(root, "regs"), 0);
	assert_true(yaml_scalar_is(pair->key, "x1"));
	assert_true(yaml_scalar_is(pair->value, "5"));
}

static void test_alias_to_later_redefinition(void **state)
{
	struct fixture *f = *state;
	struct ynode *root = parse_ok(f, "a: &x 1\nb: &x 2\nc: *x\n");

	assert_true(yaml_scalar_is(yaml_map_get(root, "c"), "2"));
}

static void test_alias_errors(void **state)
{
	struct fixture *f = *state;

	parse_fails(f, "a: 1\nb: *nope\n", "t.yaml:2:4: unknown anchor 'nope'");
	yaml_tree_free(f->tree);
	diag_clear(&f->d);
	parse_fails(f, "- &a [1, *a]\n",
		    "t.yaml:1:10: alias '*a' refers to a node that contains "
		    "it");
	yaml_tree_free(f->tree);
	diag_clear(&f->d);
	/* Anchors stay in their document. */
	parse_fails(f, "&a x\n---\n*a\n", "t.yaml:3:1: unknown anchor 'a'");
}

static void test_alias_error_keeps_pairs_in_step(void **state)
{
	struct fixture *f = *state;

	/* A bad value or key must not shift later keys into value place. */
	f->tree = yaml_tree_parse_string("t.yaml",
					 "a: *u\nb: 1\nb: 2\n"
					 "*v : 3\nc: 4\nc: 5\n",
					 (size_t)-1, &f->d);
	assert_null(f->tree);
	assert_int_equal(diag_count(&f->d), 4);
	assert_string_equal(diag_message(&f->d, 0),
			    "t.yaml:1:4: unknown anchor 'u'");
	assert_string_equal(diag_message(&f->d, 1),
			    "t.yaml:3:1: duplicate key 'b' (first at 2:1)");
	assert_string_equal(diag_message(&f->d, 2),
			    "t.yaml:4:1: unknown anchor 'v'");
	assert_string_equal(diag_message(&f->d, 3),
			    "t.yaml:6:1: duplicate key 'c' (first at 5:1)");
}

static void test_alias_bomb_refused(void **state)
{
	struct fixture *f = *state;
	GString *text = g_string_new("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	char name, prev;
	int i;

	/* Each level references the previous one ten times: 10^8 nodes. */
	for (name = 'b'; name <= 'h'; name++) {
		prev = name - 1;
		g_string_append_printf(text, "%c: &%c [*%c", name, name, prev);
		for (i = 1; i < 10; i++)
			g_string_append_printf(text, ", *%c", prev);
		g_string_append(text, "]\n");
	}
	parse_fails(f, text->str,
		    "t.yaml:6:16: aliases expand to more than 250000 nodes");
	g_string_free(text, TRUE);
}

static void test_duplicate_keys(void **state)
{
	struct fixture *f = *state;

	parse_fails(f, "call: FFA_VERSION\n  \nx1: 1\nx1: 2\n",
		    "t.yaml:4:1: duplicate key 'x1' (first at 3:1)");
	yaml_tree_free(f->tree);
	diag_clear(&f->d);
	/* Quoting does not make a key different. */
	parse_fails(f, "{x1: 1, \"x1\": 2}\n",
		    "t.yaml:1:9: duplicate key 'x1' (first at 1:2)");
	yaml_tree_free(f->tree);
	diag_clear(&f->d);
	/* An aliased key is blamed where the alias is, not the anchor. */
	parse_fails(f, "a: &k x1\nm:\n  *k : 1\n  x1: 2\n",
		    "t.yaml:4:3: duplicate key 'x1' (first at 3:3)");
	yaml_tree_free(f->tree);
	diag_clear(&f->d);
	/* Same key in different mappings is fine. */
	parse_ok(f, "a: {x: 1}\nb: {x: 2}\n");
}

/*
 * A large mapping finds its duplicates another way than a small one:
 * the message must not say which way.  Keys k0..k39, then k3 again.
 */
static void test_duplicate_key_in_large_mapping(void **state)
{
	struct fixture *f = *state;
	GString *text = g_string_new(NULL);
	const char *file = __FILE__;
	struct ynode *root;
	unsigned int i;
	int line = __LINE__;

	for (i = 0; i < 40; i++)
		g_string_append_printf(text, "k%u: {inner: %u, k%u: x}\n", i,
				       i, i);
	g_string_append(text, "k3: again\nk40: fine\n");
	parse_fails(f, text->str,
		    "t.yaml:41:1: duplicate key 'k3' (first at 4:1)");
	yaml_tree_free(f->tree);
	diag_clear(&f->d);
	/* Without the duplicate: every pair, nested ones in their place. */
	g_string_truncate(text, text->len - strlen("k3: again\nk40: fine\n"));
	root = parse_ok(f, text->str);
	check_int(yaml_map_count(root), 40,
		  "forty keys, each with its value, none lost to the nesting");
	assert_text_same("k39's inner value",
			 yaml_scalar_text(yaml_map_get(yaml_map_get(root, "k39"),
						       "inner")), "39",
			 "a nested mapping keeps its own pairs");
	assert_text_same("k17's own k17",
			 yaml_scalar_text(yaml_map_get(yaml_map_get(root, "k17"),
						       "k17")), "x",
			 "a nested key equal to an outer one is no duplicate");
	g_string_free(text, TRUE);
}

static void test_non_scalar_key(void **state)
{
	struct fixture *f = *state;

	parse_fails(f, "? [1, 2]\n: v\n",
		    "t.yaml:1:3: mapping key must be a scalar, not a sequence");
}

static void test_syntax_errors(void **state)
{
	static const struct {
		const char *text;
		const char *msg;
	} cases[] = {
		{ "a: b: c\n",
		  "t.yaml:1:5: invalid YAML: mapping values are not allowed in "
		  "this context" },
		{ "a: 1\n b: 2\n",
		  "t.yaml:2:3: invalid YAML: mapping values are not allowed in "
		  "this context" },
		{ "x: [1, 2\n",
		  "t.yaml:2:1: invalid YAML: did not find expected ',' or ']' "
		  "(while parsing a flow sequence at 1:4)" },
		{ "x: \"abc\n",
		  "t.yaml:2:1: invalid YAML: found unexpected end of stream "
		  "(while scanning a quoted scalar at 1:4)" },
		{ "k:\n  - a\n  b: c\n",
		  "t.yaml:3:3: invalid YAML: did not find expected '-' "
		  "indicator (while parsing a block collection at 2:3)" },
		{ "\tkey: 1\n",
		  "t.yaml:1:1: invalid YAML: found character that cannot start "
		  "any token (while scanning for the next token at 1:1)" },
	};
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		parse_fails(f, cases[i].text, cases[i].msg);
		diag_clear(&f->d);
	}
}

static void test_reader_errors_have_positions(void **state)
{
	struct fixture *f = *state;

	parse_fails(f, "a: 1\nb: x\ay\n",
		    "t.yaml:2:5: invalid YAML: control characters are not "
		    "allowed");
	diag_clear(&f->d);
	/* Old Mac and DOS line ends count as one line break each. */
	parse_fails(f, "a: 1\rb: 2\r\nc: \a\n",
		    "t.yaml:3:4: invalid YAML: control characters are not "
		    "allowed");
	diag_clear(&f->d);
	/* Columns count characters: the e-acute is one column. */
	parse_fails(f, "a: 1\nb: \xc3\xa9\xff\n",
		    "t.yaml:2:5: invalid YAML: invalid leading UTF-8 octet");
	diag_clear(&f->d);
	/* An embedded NUL is caught too, the length is what counts. */
	f->tree = yaml_tree_parse_string("t.yaml", "a: 1\0b", 6, &f->d);
	assert_null(f->tree);
	assert_int_equal(diag_count(&f->d), 1);
	assert_string_equal(diag_message(&f->d, 0),
			    "t.yaml:1:5: invalid YAML: control characters are "
			    "not allowed");
}

static void test_nesting_limit(void **state)
{
	struct fixture *f = *state;
	GString *deep = g_string_new(NULL);
	char msg[64];
	int i;

	for (i = 0; i < YAML_TREE_MAX_DEPTH; i++)
		g_string_append_c(deep, '[');
	for (i = 0; i < YAML_TREE_MAX_DEPTH; i++)
		g_string_append_c(deep, ']');
	f->tree = yaml_tree_parse_string("t.yaml", deep->str, deep->len,
					 &f->d);
	assert_non_null(f->tree);
	yaml_tree_free(f->tree);

	g_string_prepend_c(deep, '[');
	g_string_append_c(deep, ']');
	snprintf(msg, sizeof(msg), "t.yaml:1:%d: nesting deeper than %d levels",
		 YAML_TREE_MAX_DEPTH + 1, YAML_TREE_MAX_DEPTH);
	parse_fails(f, deep->str, msg);
	g_string_free(deep, TRUE);
}

static void test_parse_file(void **state)
{
	struct fixture *f = *state;
	GError *err = NULL;
	char *path;
	int fd;

	fd = g_file_open_tmp("ffa-sim-XXXXXX.yaml", &path, &err);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "name: x\nname: y\n", 16), 16);
	close(fd);
	f->tree = yaml_tree_parse_file(path, &f->d);
	assert_null(f->tree);
	assert_int_equal(diag_count(&f->d), 1);
	assert_true(g_str_has_prefix(diag_message(&f->d, 0), path));
	assert_string_equal(diag_message(&f->d, 0) + strlen(path),
			    ":2:1: duplicate key 'name' (first at 1:1)");

	/* An empty file is an empty stream, not a crash inside libyaml. */
	assert_true(g_file_set_contents(path, "", 0, NULL));
	diag_clear(&f->d);
	f->tree = yaml_tree_parse_file(path, &f->d);
	assert_non_null(f->tree);
	assert_int_equal(f->tree->n_docs, 0);
	assert_string_equal(f->tree->file, path);
	unlink(path);
	g_free(path);
}

static void test_unreadable_files(void **state)
{
	struct fixture *f = *state;

	assert_null(yaml_tree_parse_file("/nonexistent/s.yaml", &f->d));
	assert_null(yaml_tree_parse_file("/", &f->d));
	assert_int_equal(diag_count(&f->d), 2);
	assert_string_equal(diag_message(&f->d, 0),
			    "/nonexistent/s.yaml: cannot read: No such file "
			    "or directory");
	assert_string_equal(diag_message(&f->d, 1),
			    "/: cannot read: a folder, not a regular file");
}

/* A temporary folder for files that are not files; removed by the caller. */
#define tmp_dir() make_tmp_dir_at(__FILE__, __LINE__)

/* @path is not read, with "@path: @why" as the one diagnostic. */
static void assert_refused_at(struct fixture *f, const char *path,
			      const char *why, const char *file, int line)
{
	char *want = g_strdup_printf("%s: %s", path, why);

	diag_clear(&f->d);
	check_true(!yaml_tree_parse_file(path, &f->d),
		   "what is not a regular file is not read");
	check_int(diag_count(&f->d), 1, "one refusal, one diagnostic");
	check_text_at("the diagnostic", diag_message(&f->d, 0), want,
		      "the message names the file and why it is not read",
		      file, line);
	g_free(want);
}


/*
 * A FIFO would block the run until a writer came, /dev/zero would grow
 * until memory ran out: neither is read.  Without a writer the FIFO's
 * open() would wait for ever, so this test would hang, not pass.
 */
static void test_not_regular_files(void **state)
{
	struct fixture *f = *state;
	char *dir = tmp_dir();
	char *fifo = g_build_filename(dir, "fifo.yaml", NULL);
	char *zero = g_build_filename(dir, "zero.yaml", NULL);

	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink("/dev/zero", zero), 0);
	assert_refused(f, fifo, "cannot read: a FIFO, not a regular file");
	assert_refused(f, zero, "cannot read: a device, not a regular file");
	unlink(fifo);
	unlink(zero);
	rmdir(dir);
	g_free(fifo);
	g_free(zero);
	g_free(dir);
}

/* The bound is on what is read: a sparse file costs no disk. */
static void test_file_too_large(void **state)
{
	struct fixture *f = *state;
	char *dir = tmp_dir();
	char *big = g_build_filename(dir, "big.yaml", NULL);
	FILE *out = fopen(big, "w");

	assert_non_null(out);
	fputs("# comment\n", out);
	assert_int_equal(ftruncate(fileno(out), YAML_TREE_MAX_FILE + 1), 0);
	fclose(out);
	assert_refused(f, big, "larger than 4 MiB: too large for a scenario file");

	/* Exactly the bound is read: NULs are reported with a position. */
	assert_int_equal(truncate(big, YAML_TREE_MAX_FILE), 0);
	diag_clear(&f->d);
	assert_null(yaml_tree_parse_file(big, &f->d));
	assert_int_equal(diag_count(&f->d), 1);
	assert_non_null(strstr(diag_message(&f->d, 0), ":2:1: invalid YAML"));
	unlink(big);
	rmdir(dir);
	g_free(big);
	g_free(dir);
}

/* Documents under the bound each still add up to one file over it. */
static void test_documents_add_up(void **state)
{
	struct fixture *f = *state;
	GString *doc = g_string_new("a: &a [x, x, x, x, x, x, x, x]\n");
	GString *text = g_string_new(NULL);
	char name;
	int i;

	/* About 42,800 nodes each: the sixth document (line 32) crosses 250,000. */
	for (name = 'b'; name <= 'e'; name++) {
		g_string_append_printf(doc, "%c: &%c [*%c", name, name, name - 1);
		for (i = 1; i < 8; i++)
			g_string_append_printf(doc, ", *%c", name - 1);
		g_string_append(doc, "]\n");
	}
	for (i = 0; i < 8; i++)
		g_string_append_printf(text, "---\n%s", doc->str);
	parse_fails(f, text->str,
		    "t.yaml:32:1: with this document the file expands to more than 250000 nodes");
	g_string_free(doc, TRUE);
	g_string_free(text, TRUE);
}

static void test_kind_names_and_expect_kind(void **state)
{
	struct fixture *f = *state;
	struct ynode *root = parse_ok(f, "setup: [1]\nname: x\n");

	assert_string_equal(yaml_node_kind_name(YNODE_SCALAR), "scalar");
	assert_string_equal(yaml_node_kind_name(YNODE_SEQUENCE), "sequence");
	assert_string_equal(yaml_node_kind_name(YNODE_MAPPING), "mapping");

	assert_true(yaml_expect_kind(root, YNODE_MAPPING, "scenario", &f->d));
	assert_false(yaml_expect_kind(yaml_map_get(root, "setup"),
				      YNODE_MAPPING, "setup", &f->d));
	assert_false(yaml_expect_kind(yaml_map_get(root, "name"),
				      YNODE_SEQUENCE, NULL, &f->d));
	assert_int_equal(diag_count(&f->d), 2);
	assert_string_equal(diag_message(&f->d, 0),
			    "t.yaml:1:8: expected a mapping for 'setup', "
			    "found a sequence");
	assert_string_equal(diag_message(&f->d, 1),
			    "t.yaml:2:7: expected a sequence, found a scalar");
}

static void test_check_keys(void **state)
{
	static const char *const step_keys[] = {
		"call", "x1", "x2", "expect", "capture", "then",
	};
	struct fixture *f = *state;
	struct ynode *root = parse_ok(f,
		"- call: FFA_VERSION\n"
		"  expct: FFA_SUCCESS\n"
		"  frobnicate: 1\n"
		"  x2: 0\n"
		"- [not, a, map]\n");
	struct ynode *good, *bad;

	good = yaml_seq_item(root, 0);
	bad = yaml_seq_item(root, 1);
	assert_false(yaml_map_check_keys(good, step_keys, 6, &f->d));
	assert_int_equal(diag_count(&f->d), 2);
	assert_string_equal(diag_message(&f->d, 0),
			    "t.yaml:2:3: unknown key 'expct' (did you mean "
			    "expect?)");
	assert_string_equal(diag_message(&f->d, 1),
			    "t.yaml:3:3: unknown key 'frobnicate'");

	diag_clear(&f->d);
	assert_true(yaml_map_check_keys(good, (const char *const[]){
		"call", "expct", "frobnicate", "x2" }, 4, &f->d));
	assert_int_equal(diag_count(&f->d), 0);

	assert_false(yaml_map_check_keys(bad, step_keys, 6, &f->d));
	assert_int_equal(diag_count(&f->d), 1);
	assert_string_equal(diag_message(&f->d, 0),
			    "t.yaml:5:3: expected a mapping, found a sequence");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_mapping_positions_and_raw_scalars),
		T(test_empty_value_and_styles),
		T(test_sequences_and_iteration),
		T(test_crlf_positions),
		T(test_multiple_documents),
		T(test_empty_stream_and_document),
		T(test_scalar_with_nul),
		T(test_scalar_is_whole_text),
		T(test_alias_shares_node),
		T(test_alias_to_later_redefinition),
		T(test_alias_errors),
		T(test_alias_error_keeps_pairs_in_step),
		T(test_alias_bomb_refused),
		T(test_duplicate_keys),
		T(test_duplicate_key_in_large_mapping),
		T(test_non_scalar_key),
		T(test_syntax_errors),
		T(test_reader_errors_have_positions),
		T(test_nesting_limit),
		T(test_parse_file),
		T(test_unreadable_files),
		T(test_not_regular_files),
		T(test_file_too_large),
		T(test_documents_add_up),
		T(test_kind_names_and_expect_kind),
		T(test_check_keys),
	};
#undef T

	return cmocka_run_group_tests_name("sim_yaml_tree", tests, NULL, NULL);
}
