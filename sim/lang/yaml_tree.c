// SPDX-License-Identifier: GPL-2.0-only
#include "sim/lang/yaml_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/*
 * A collection whose end event has not come yet.  Its children wait on
 * the builder's one stack of children from @first on, and a mapping's
 * accepted keys' positions on the stack of key positions from @first_at
 * on: a file has thousands of small collections, so none of them gets
 * arrays or a hash table of its own.
 */
struct frame {
	struct ynode *node;
	char flow;		/* '{' or '[' for a flow collection, else 0 */
	unsigned int first;	/* its children: items, or key, value, ... */
	unsigned int first_at;	/* mapping: where each accepted key was */
	GHashTable *keys;	/* mapping, once large: key -> 1 + its number */
	struct ynode *key;	/* mapping: key still waiting for its value */
	bool skip_value;	/* mapping: key refused, so drop its value */
	unsigned long weight;
};

struct builder {
	struct yaml_tree *tree;
	struct diag *d;
	const char *text;
	size_t len;
	GArray *stack;		/* of struct frame */
	GPtrArray *children;	/* of the open collections, innermost last */
	GArray *key_at;		/* of struct src_pos, of the open mappings */
	GHashTable *anchors;	/* name -> node; weight 0 while still open */
	GPtrArray *docs;
	struct ynode *root;
	bool failed;
	bool fatal;		/* stop reading events */
	unsigned int lines;	/* last_line(), once asked */
};

/*
 * The tree's nodes, texts and arrays live in blocks freed with the tree:
 * a node is never freed alone (aliases share nodes), and one allocation
 * per node, text and array was most of what reading a file cost.
 */
#define ARENA_BLOCK	16384

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

struct yaml_arena {
	struct arena_block *head;
};

static void *arena_alloc(struct yaml_arena *a, size_t size)
{
	size_t need = (size + sizeof(max_align_t) - 1) &
		      ~(sizeof(max_align_t) - 1);
	struct arena_block *blk = a->head;
	void *p;

	if (need > ARENA_BLOCK / 4) {
		/* A large one gets a block of its own behind the current. */
		blk = g_malloc(sizeof(*blk) + need);
		blk->size = blk->used = need;
		blk->next = a->head ? a->head->next : NULL;
		if (a->head)
			a->head->next = blk;
		else
			a->head = blk;
		return blk->data;
	}
	if (!blk || blk->size - blk->used < need) {
		blk = g_malloc(sizeof(*blk) + ARENA_BLOCK);
		blk->size = ARENA_BLOCK;
		blk->used = 0;
		blk->next = a->head;
		a->head = blk;
	}
	p = (char *)blk->data + blk->used;
	blk->used += need;
	return p;
}

static void arena_free(struct yaml_arena *a)
{
	struct arena_block *blk, *next;

	if (!a)
		return;
	for (blk = a->head; blk; blk = next) {
		next = blk->next;
		g_free(blk);
	}
	g_free(a);
}

/* Reader errors carry a byte offset only: find its line and column. */
static struct src_pos offset_pos(const struct builder *b, size_t offset)
{
	struct src_pos pos = { b->tree->file, 1, 1 };
	size_t i;

	for (i = 0; i < offset && i < b->len; i++) {
		unsigned char c = b->text[i];

		if (c == '\n' || (c == '\r' && (i + 1 >= b->len ||
						b->text[i + 1] != '\n'))) {
			pos.line++;
			pos.col = 1;
		} else if ((c & 0xc0) != 0x80) {
			pos.col++;
		}
	}
	return pos;
}

/*
 * The number of the text's last line, counted as offset_pos() counts.
 * Without a CR in the text that is one more than its LFs, found by
 * memchr() rather than by walking every character.
 */
static unsigned int last_line(struct builder *b)
{
	const char *p = b->text, *end = b->text + b->len;
	unsigned int lines = 1;

	if (b->lines)
		return b->lines;
	if (!b->len || memchr(b->text, '\r', b->len)) {
		b->lines = offset_pos(b, b->len).line;
		return b->lines;
	}
	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		lines++;
		p++;
	}
	b->lines = lines;
	return lines;
}

static struct src_pos mark_pos(struct builder *b, yaml_mark_t mark)
{
	/*
	 * At the end of a file without a final newline libyaml's mark can be
	 * a line past the last one (and libyaml counts NEL and U+2028 as
	 * line breaks, which editors do not): say where the text ends.
	 */
	if (mark.line + 1 > last_line(b))
		return offset_pos(b, b->len);
	/* libyaml counts from 0, editors from 1. */
	return (struct src_pos){
		b->tree->file, mark.line + 1, mark.column + 1
	};
}

static __attribute__((format(printf, 3, 4)))
void error_at(struct builder *b, struct src_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(b->d, pos, fmt, ap);
	va_end(ap);
	b->failed = true;
}

static struct ynode *node_new(struct builder *b, enum ynode_kind kind,
			      yaml_mark_t mark)
{
	struct ynode *node = arena_alloc(b->tree->arena, sizeof(*node));

	*node = (struct ynode){ .kind = kind, .pos = mark_pos(b, mark) };
	return node;
}

static guint key_hash(gconstpointer p)
{
	return g_str_hash(((const struct ynode *)p)->scalar.text);
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
	const struct ynode *ka = a, *kb = b;

	return ka->scalar.len == kb->scalar.len &&
	       !memcmp(ka->scalar.text, kb->scalar.text, ka->scalar.len);
}

static struct frame *top_frame(struct builder *b)
{
	if (!b->stack->len)
		return NULL;
	return &g_array_index(b->stack, struct frame, b->stack->len - 1);
}

/* @at is where the child appears: for an alias, not the anchored node. */
static void add_weight(struct builder *b, struct frame *f,
		       const struct ynode *child, struct src_pos at)
{
	if (f->weight > YAML_TREE_MAX_EXPANDED)
		return;
	f->weight += child->weight;
	if (f->weight > YAML_TREE_MAX_EXPANDED) {
		error_at(b, at,
			 "aliases expand to more than %lu nodes",
			 YAML_TREE_MAX_EXPANDED);
		b->fatal = true;
	}
}

/* Keys of a mapping up to this many are compared one by one. */
#define FEW_KEYS	16

static bool same_key(const struct ynode *a, const struct ynode *b)
{
	return a->scalar.len == b->scalar.len &&
	       !memcmp(a->scalar.text, b->scalar.text, a->scalar.len);
}

/* The accepted key @nr of the open mapping @f. */
static struct ynode *frame_key(struct builder *b, const struct frame *f,
			       unsigned int nr)
{
	return b->children->pdata[f->first + 2 * nr];
}

/* Where an earlier key equal to @key appeared, or NULL. */
static const struct src_pos *earlier_key(struct builder *b, struct frame *f,
					 const struct ynode *key)
{
	unsigned int n = b->key_at->len - f->first_at, i;
	gpointer nr;

	if (n > FEW_KEYS && !f->keys) {
		f->keys = g_hash_table_new(key_hash, key_equal);
		for (i = 0; i < n; i++)
			g_hash_table_insert(f->keys, frame_key(b, f, i),
					    GUINT_TO_POINTER(i + 1));
	}
	if (f->keys) {
		nr = g_hash_table_lookup(f->keys, key);
		if (!nr)
			return NULL;
		i = GPOINTER_TO_UINT(nr) - 1;
		return &g_array_index(b->key_at, struct src_pos,
				      f->first_at + i);
	}
	for (i = 0; i < n; i++)
		if (same_key(frame_key(b, f, i), key))
			return &g_array_index(b->key_at, struct src_pos,
					      f->first_at + i);
	return NULL;
}

static void add_to_mapping(struct builder *b, struct frame *f,
			   struct ynode *child, struct src_pos at)
{
	const struct src_pos *first;
	char *hint;

	if (f->key || f->skip_value) {
		if (!f->skip_value) {
			if (f->keys)
				g_hash_table_insert(f->keys, f->key,
					GUINT_TO_POINTER(b->key_at->len -
							 f->first_at));
			g_ptr_array_add(b->children, f->key);
			g_ptr_array_add(b->children, child);
			add_weight(b, f, f->key, at);
			add_weight(b, f, child, at);
		}
		f->key = NULL;
		f->skip_value = false;
		return;
	}
	if (child->kind != YNODE_SCALAR) {
		error_at(b, at, "mapping key must be a scalar, not a %s",
			 yaml_node_kind_name(child->kind));
		f->skip_value = true;
		return;
	}
	first = earlier_key(b, f, child);
	if (first) {
		hint = yaml_flow_comma_hint(child);
		error_at(b, at, "duplicate key '%s' (first at %u:%u)%s%s",
			 child->scalar.text, first->line, first->col,
			 hint ? "; " : "", hint ? hint : "");
		g_free(hint);
		f->skip_value = true;
		return;
	}
	g_array_append_val(b->key_at, at);
	f->key = child;
}

/* Hang a complete node under the open collection, or make it the root. */
static void add_child(struct builder *b, struct ynode *child,
		      struct src_pos at)
{
	struct frame *f = top_frame(b);

	if (!f) {
		b->root = child;
		return;
	}
	if (f->node->kind == YNODE_SEQUENCE) {
		g_ptr_array_add(b->children, child);
		add_weight(b, f, child, at);
	} else {
		add_to_mapping(b, f, child, at);
	}
}

static void set_anchor(struct builder *b, const yaml_char_t *anchor,
		       struct ynode *node)
{
	if (anchor)
		g_hash_table_replace(b->anchors, g_strdup((const char *)anchor),
				     node);
}

static enum yscalar_style scalar_style(yaml_scalar_style_t style)
{
	switch (style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return YSCALAR_SINGLE_QUOTED;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return YSCALAR_DOUBLE_QUOTED;
	case YAML_LITERAL_SCALAR_STYLE:
		return YSCALAR_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE:
		return YSCALAR_FOLDED;
	default:
		return YSCALAR_PLAIN;
	}
}

static void on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct ynode *node = node_new(b, YNODE_SCALAR, ev->start_mark);

	node->scalar.len = ev->data.scalar.length;
	node->scalar.text = arena_alloc(b->tree->arena, node->scalar.len + 1);
	memcpy(node->scalar.text, ev->data.scalar.value, node->scalar.len);
	node->scalar.text[node->scalar.len] = '\0';
	node->scalar.style = scalar_style(ev->data.scalar.style);
	node->flow = top_frame(b) ? top_frame(b)->flow : 0;
	node->weight = 1;
	set_anchor(b, ev->data.scalar.anchor, node);
	add_child(b, node, node->pos);
}

/*
 * Stand in for a node that could not be built, so that the keys and values
 * of the enclosing mapping stay paired and later errors stay true.
 */
static void add_placeholder(struct builder *b, yaml_mark_t mark)
{
	struct frame *f = top_frame(b);
	struct ynode *node;

	if (f && f->node->kind == YNODE_MAPPING && !f->key && !f->skip_value) {
		f->skip_value = true;
		return;
	}
	node = node_new(b, YNODE_SCALAR, mark);
	node->scalar.text = arena_alloc(b->tree->arena, 1);
	node->scalar.text[0] = '\0';
	node->weight = 1;
	add_child(b, node, node->pos);
}

static void on_alias(struct builder *b, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct ynode *target = g_hash_table_lookup(b->anchors, name);
	struct src_pos pos = mark_pos(b, ev->start_mark);

	if (!target) {
		error_at(b, pos, "unknown anchor '%s'", name);
		add_placeholder(b, ev->start_mark);
		return;
	}
	/* Sharing an open collection would make the tree a cycle. */
	if (!target->weight) {
		error_at(b, pos,
			 "alias '*%s' refers to a node that contains it", name);
		add_placeholder(b, ev->start_mark);
		return;
	}
	add_child(b, target, pos);
}

static void on_collection_start(struct builder *b, const yaml_event_t *ev,
				enum ynode_kind kind)
{
	const yaml_char_t *anchor = kind == YNODE_MAPPING ?
		ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	struct frame f = { 0 };

	if (b->stack->len >= YAML_TREE_MAX_DEPTH) {
		error_at(b, mark_pos(b, ev->start_mark),
			 "nesting deeper than %d levels", YAML_TREE_MAX_DEPTH);
		b->fatal = true;
		return;
	}
	f.node = node_new(b, kind, ev->start_mark);
	if (kind == YNODE_MAPPING &&
	    ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE)
		f.flow = '{';
	if (kind == YNODE_SEQUENCE &&
	    ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE)
		f.flow = '[';
	f.first = b->children->len;
	f.first_at = b->key_at->len;
	f.weight = 1;
	set_anchor(b, anchor, f.node);
	g_array_append_val(b->stack, f);
}

static void frame_release(struct frame *f)
{
	if (f->keys)
		g_hash_table_destroy(f->keys);
}

static void on_collection_end(struct builder *b)
{
	struct frame f = *top_frame(b);
	struct ynode *node = f.node;
	gpointer *child = b->children->pdata;
	unsigned int i, n = b->children->len - f.first;
	struct yaml_arena *a = b->tree->arena;

	g_array_set_size(b->stack, b->stack->len - 1);
	if (node->kind == YNODE_SEQUENCE) {
		node->seq.count = n;
		node->seq.items = arena_alloc(a, sizeof(*node->seq.items) *
					      (n ? n : 1));
		for (i = 0; i < n; i++)
			node->seq.items[i] = child[f.first + i];
	} else {
		node->map.count = n / 2;
		node->map.pairs = arena_alloc(a, sizeof(struct ynode_pair) *
					      (n ? n / 2 : 1));
		for (i = 0; i + 1 < n; i += 2) {
			node->map.pairs[i / 2].key = child[f.first + i];
			node->map.pairs[i / 2].value = child[f.first + i + 1];
		}
	}
	node->weight = f.weight;
	frame_release(&f);
	g_ptr_array_set_size(b->children, f.first);
	g_array_set_size(b->key_at, f.first_at);
	add_child(b, node, node->pos);
}

static void report_parser_error(struct builder *b, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "unknown error";
	struct src_pos pos, ctx;

	if (p->error == YAML_MEMORY_ERROR) {
		error_at(b, (struct src_pos){ b->tree->file, 0, 0 },
			 "out of memory while reading YAML");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		error_at(b, offset_pos(b, p->problem_offset),
			 "invalid YAML: %s", problem);
		return;
	}
	pos = mark_pos(b, p->problem_mark);
	if (!p->context) {
		error_at(b, pos, "invalid YAML: %s", problem);
		return;
	}
	ctx = mark_pos(b, p->context_mark);
	error_at(b, pos, "invalid YAML: %s (%s at %u:%u)", problem, p->context,
		 ctx.line, ctx.col);
}

/* Each document is bounded on its own; the stream as a whole is too. */
static void add_document(struct builder *b, struct ynode *root)
{
	b->tree->expanded += root->weight;
	if (b->tree->expanded > YAML_TREE_MAX_EXPANDED) {
		error_at(b, root->pos,
			 "with this document the file expands to more than %lu nodes",
			 YAML_TREE_MAX_EXPANDED);
		b->fatal = true;
	}
	g_ptr_array_add(b->docs, root);
}

static void handle_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		/* Anchors do not reach across documents. */
		g_hash_table_remove_all(b->anchors);
		b->root = NULL;
		break;
	case YAML_DOCUMENT_END_EVENT:
		if (b->root)
			add_document(b, b->root);
		break;
	case YAML_SCALAR_EVENT:
		on_scalar(b, ev);
		break;
	case YAML_ALIAS_EVENT:
		on_alias(b, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
		on_collection_start(b, ev, YNODE_SEQUENCE);
		break;
	case YAML_MAPPING_START_EVENT:
		on_collection_start(b, ev, YNODE_MAPPING);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		on_collection_end(b);
		break;
	default:
		break;
	}
}

static void run_parser(struct builder *b)
{
	yaml_parser_t parser;
	const unsigned char *input;
	yaml_event_t ev;
	bool done = false;

	if (!yaml_parser_initialize(&parser)) {
		error_at(b, (struct src_pos){ b->tree->file, 0, 0 },
			 "out of memory while reading YAML");
		return;
	}
	/* libyaml asserts on a NULL input, even an empty one. */
	input = (const unsigned char *)(b->text ? b->text : "");
	yaml_parser_set_input_string(&parser, input, b->len);
	while (!done && !b->fatal) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(b, &parser);
			break;
		}
		handle_event(b, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
}

struct yaml_tree *yaml_tree_parse_string(const char *name, const char *text,
					 size_t len, struct diag *d)
{
	struct yaml_tree *tree = g_new0(struct yaml_tree, 1);
	struct builder b = {
		.tree = tree,
		.d = d,
		.text = text,
		.len = !text ? 0 : len == (size_t)-1 ? strlen(text) : len,
	};
	unsigned int i;

	tree->file = g_strdup(name ? name : "<input>");
	tree->arena = g_new0(struct yaml_arena, 1);
	b.stack = g_array_new(FALSE, TRUE, sizeof(struct frame));
	b.children = g_ptr_array_new();
	b.key_at = g_array_new(FALSE, FALSE, sizeof(struct src_pos));
	b.anchors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					  NULL);
	b.docs = g_ptr_array_new();

	run_parser(&b);

	/* After an error, frames may still be open. */
	for (i = 0; i < b.stack->len; i++)
		frame_release(&g_array_index(b.stack, struct frame, i));
	g_array_free(b.stack, TRUE);
	g_ptr_array_free(b.children, TRUE);
	g_array_free(b.key_at, TRUE);
	g_hash_table_destroy(b.anchors);
	tree->n_docs = b.docs->len;
	tree->docs = (struct ynode **)g_ptr_array_free(b.docs, FALSE);
	if (b.failed) {
		yaml_tree_free(tree);
		return NULL;
	}
	return tree;
}

static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/*
 * Up to YAML_TREE_MAX_FILE + 1 bytes of @fd: the size fstat() saw may
 * have grown since, and /proc files say 0.
 */
static GByteArray *read_bounded(int fd)
{
	GByteArray *buf = g_byte_array_new();
	guint8 chunk[8192];
	ssize_t n;

	while (buf->len <= YAML_TREE_MAX_FILE) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			g_byte_array_unref(buf);
			return NULL;
		}
		if (!n)
			break;
		g_byte_array_append(buf, chunk, (guint)n);
	}
	return buf;
}

static void file_error(struct diag *d, const char *path, const char *what)
{
	diag_error(d, (struct src_pos){ path, 0, 0 }, "%s", what);
}

/*
 * Only a regular file is read: a FIFO would block the run for ever and
 * /dev/zero never ends.  O_NONBLOCK keeps open() itself from waiting for
 * a FIFO's writer.
 */
static GByteArray *read_scenario_file(const char *path, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	GByteArray *buf = NULL;
	struct stat st;
	char *why;

	if (fd < 0) {
		why = g_strdup_printf("cannot read: %s", g_strerror(errno));
		goto fail;
	}
	if (fstat(fd, &st)) {
		why = g_strdup_printf("cannot read: %s", g_strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		why = g_strdup_printf("cannot read: %s, not a regular file",
				      file_kind(st.st_mode));
		goto fail;
	}
	buf = read_bounded(fd);
	if (!buf) {
		why = g_strdup_printf("cannot read: %s", g_strerror(errno));
		goto fail;
	}
	if (buf->len > YAML_TREE_MAX_FILE) {
		why = g_strdup_printf("larger than %lu MiB: too large for a scenario file",
				      YAML_TREE_MAX_FILE >> 20);
		g_byte_array_unref(buf);
		buf = NULL;
		goto fail;
	}
	close(fd);
	return buf;
fail:
	if (fd >= 0)
		close(fd);
	file_error(d, path, why);
	g_free(why);
	return NULL;
}

struct yaml_tree *yaml_tree_parse_file(const char *path, struct diag *d)
{
	struct yaml_tree *tree;
	GByteArray *buf = read_scenario_file(path, d);

	if (!buf)
		return NULL;
	tree = yaml_tree_parse_string(path, (const char *)buf->data, buf->len,
				      d);
	g_byte_array_unref(buf);
	return tree;
}

void yaml_tree_free(struct yaml_tree *tree)
{
	if (!tree)
		return;
	arena_free(tree->arena);
	g_free(tree->docs);
	g_free(tree->file);
	g_free(tree);
}

unsigned long yaml_node_weight(const struct ynode *node)
{
	return node->weight;
}

const char *yaml_node_kind_name(enum ynode_kind kind)
{
	switch (kind) {
	case YNODE_SCALAR:
		return "scalar";
	case YNODE_SEQUENCE:
		return "sequence";
	case YNODE_MAPPING:
		return "mapping";
	}
	return "node";
}

const char *yaml_scalar_text(const struct ynode *node)
{
	if (!node || node->kind != YNODE_SCALAR)
		return NULL;
	return node->scalar.text;
}

/*
 * Called for every key a loader looks for, so it stops at the first
 * character that differs rather than measuring @text first.  A scalar
 * may hold a NUL where @text ends: that is a difference too.
 */
bool yaml_scalar_is(const struct ynode *node, const char *text)
{
	size_t i;

	if (!node || node->kind != YNODE_SCALAR)
		return false;
	for (i = 0; i < node->scalar.len; i++)
		if (!text[i] || text[i] != node->scalar.text[i])
			return false;
	return !text[i];
}

bool yaml_scalar_is_plain(const struct ynode *node)
{
	return node && node->kind == YNODE_SCALAR &&
	       node->scalar.style == YSCALAR_PLAIN;
}

struct src_pos yaml_scalar_text_pos(const struct ynode *node)
{
	struct src_pos pos = node->pos;

	if (node->kind == YNODE_SCALAR &&
	    (node->scalar.style == YSCALAR_SINGLE_QUOTED ||
	     node->scalar.style == YSCALAR_DOUBLE_QUOTED))
		pos.col++;
	return pos;
}

unsigned int yaml_seq_count(const struct ynode *node)
{
	return node && node->kind == YNODE_SEQUENCE ? node->seq.count : 0;
}

struct ynode *yaml_seq_item(const struct ynode *node, unsigned int i)
{
	if (i >= yaml_seq_count(node))
		return NULL;
	return node->seq.items[i];
}

unsigned int yaml_map_count(const struct ynode *node)
{
	return node && node->kind == YNODE_MAPPING ? node->map.count : 0;
}

const struct ynode_pair *yaml_map_pair(const struct ynode *node,
				       unsigned int i)
{
	if (i >= yaml_map_count(node))
		return NULL;
	return &node->map.pairs[i];
}

const struct ynode_pair *yaml_map_find(const struct ynode *map,
				       const char *key)
{
	const struct ynode_pair *pair;

	yaml_map_for_each(pair, map) {
		if (yaml_scalar_is(pair->key, key))
			return pair;
	}
	return NULL;
}

struct ynode *yaml_map_get(const struct ynode *map, const char *key)
{
	const struct ynode_pair *pair = yaml_map_find(map, key);

	return pair ? pair->value : NULL;
}

bool yaml_expect_kind(const struct ynode *node, enum ynode_kind kind,
		      const char *what, struct diag *d)
{
	if (node->kind == kind)
		return true;
	if (what)
		diag_error(d, node->pos, "expected a %s for '%s', found a %s",
			   yaml_node_kind_name(kind), what,
			   yaml_node_kind_name(node->kind));
	else
		diag_error(d, node->pos, "expected a %s, found a %s",
			   yaml_node_kind_name(kind),
			   yaml_node_kind_name(node->kind));
	return false;
}

static bool key_allowed(const struct ynode *key, const char *const *allowed,
			size_t n_allowed)
{
	size_t i;

	for (i = 0; i < n_allowed; i++) {
		if (allowed[i] && yaml_scalar_is(key, allowed[i]))
			return true;
	}
	return false;
}

bool yaml_map_check_keys(const struct ynode *map,
			 const char *const *allowed, size_t n_allowed,
			 struct diag *d)
{
	const struct ynode_pair *pair;
	const char *hint;
	char *cut;
	bool ok = true;

	if (!yaml_expect_kind(map, YNODE_MAPPING, NULL, d))
		return false;
	yaml_map_for_each(pair, map) {
		if (key_allowed(pair->key, allowed, n_allowed))
			continue;
		ok = false;
		cut = yaml_flow_comma_hint(pair->key);
		if (cut)
			diag_error(d, pair->key->pos, "unknown key '%s'; %s",
				   pair->key->scalar.text, cut);
		else if ((hint = diag_suggest(pair->key->scalar.text, allowed,
					      n_allowed)))
			diag_error(d, pair->key->pos,
				   "unknown key '%s' (did you mean %s?)",
				   pair->key->scalar.text, hint);
		else
			diag_error(d, pair->key->pos, "unknown key '%s'",
				   pair->key->scalar.text);
		g_free(cut);
	}
	return ok;
}

char *yaml_flow_comma_hint(const struct ynode *node)
{
	const char *p, *noun;
	int depth = 0;

	if (node->kind != YNODE_SCALAR || node->scalar.style != YSCALAR_PLAIN ||
	    !node->flow)
		return NULL;
	for (p = node->scalar.text; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
	}
	if (!depth)
		return NULL;
	noun = node->flow == '{' ? "value" : "item";
	return g_strdup_printf("inside %s a comma ends %s %s, so '%s' is %s; put %s %s that holds a comma in quotes (\"version(1, 1)\") or write the %s one %s per line",
			       node->flow == '{' ? "{ }" : "[ ]",
			       node->flow == '{' ? "a" : "an", noun,
			       node->scalar.text,
			       depth > 0 ? "only the start of one" :
					   "the end of the one before it",
			       node->flow == '{' ? "a" : "an", noun,
			       node->flow == '{' ? "mapping" : "list",
			       node->flow == '{' ? "key" : "item");
}
