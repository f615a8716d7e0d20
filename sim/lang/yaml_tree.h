/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A YAML stream as a plain tree whose every node knows where it started in
 * the file, so that the scenario loader can say "7:13: expected ..." about
 * any value.  Scalars stay raw text: `0x8001`, `true`, `1.2` and `~` are
 * strings here and the loader decides what they mean where they appear.
 *
 * Aliases (`*name`) resolve to the anchored node itself: the same node may
 * hang under several parents, which is why nodes are owned by the tree and
 * not by their parent.  Tags are ignored.  Merge keys (`<<`) have no
 * special meaning.
 *
 * Names: libyaml owns yaml_node_t and YAML_*_NODE, hence struct ynode.
 */
#ifndef SIM_YAML_TREE_H
#define SIM_YAML_TREE_H

#include "sim/lang/diag.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQUENCE,
	YNODE_MAPPING,
};

enum yscalar_style {
	YSCALAR_PLAIN,
	YSCALAR_SINGLE_QUOTED,
	YSCALAR_DOUBLE_QUOTED,
	YSCALAR_LITERAL,	/* | */
	YSCALAR_FOLDED,		/* > */
};

struct ynode;
struct yaml_arena;

struct ynode_pair {
	struct ynode *key;	/* always a scalar */
	struct ynode *value;
};

struct ynode {
	enum ynode_kind kind;
	struct src_pos pos;	/* first character, quote or indicator too */
	union {
		struct {
			char *text;	/* NUL-terminated, may hold NULs */
			size_t len;
			enum yscalar_style style;
		} scalar;
		struct {
			struct ynode **items;
			unsigned int count;
		} seq;
		struct {
			struct ynode_pair *pairs;	/* in file order */
			unsigned int count;
		} map;
	};
	/* '{' or '[' for a scalar written inside a flow collection, else 0. */
	char flow;
	/* Private: node count once aliases are expanded, to refuse bombs. */
	unsigned long weight;
};

struct yaml_tree {
	char *file;		/* every pos.file of the tree points here */
	struct ynode **docs;	/* one root per document of the stream */
	unsigned int n_docs;
	/* Nodes of every document once aliases are expanded. */
	unsigned long expanded;
	struct yaml_arena *arena;	/* private: holds every node */
};

/* Deeper nesting is refused so consumers may recurse freely. */
#define YAML_TREE_MAX_DEPTH		128
/*
 * Aliases may not make the stream larger than this once expanded: a
 * loaded node costs about 400 bytes, so this is about 100 MB of scenarios,
 * and eighty times the largest file of the suite.
 */
#define YAML_TREE_MAX_EXPANDED		250000ul
/* Larger files, and what is not a regular file, are refused unread. */
#define YAML_TREE_MAX_FILE		(4ul << 20)

/*
 * Parse a whole stream.  On any problem, every diagnostic found goes to @d
 * and NULL is returned; otherwise the tree, even for an empty stream
 * (n_docs == 0).  @name is what diagnostics call the input; @len may be
 * (size_t)-1 for a NUL-terminated @text.
 */
struct yaml_tree *yaml_tree_parse_string(const char *name, const char *text,
					 size_t len, struct diag *d);
struct yaml_tree *yaml_tree_parse_file(const char *path, struct diag *d);
void yaml_tree_free(struct yaml_tree *tree);

/* How many nodes @node stands for once aliases are expanded. */
unsigned long yaml_node_weight(const struct ynode *node);

/* "scalar", "sequence", "mapping" */
const char *yaml_node_kind_name(enum ynode_kind kind);

/* NULL unless @node is a scalar. */
const char *yaml_scalar_text(const struct ynode *node);
/* @node is a scalar whose text is exactly @text (quoted or not). */
bool yaml_scalar_is(const struct ynode *node, const char *text);
bool yaml_scalar_is_plain(const struct ynode *node);
/*
 * Where the scalar's text starts: one column past the opening quote of a
 * quoted scalar.  Block scalars (| >) keep the indicator's position.
 */
struct src_pos yaml_scalar_text_pos(const struct ynode *node);

/* 0 / NULL when @node is not of the kind or @i is out of range. */
unsigned int yaml_seq_count(const struct ynode *node);
struct ynode *yaml_seq_item(const struct ynode *node, unsigned int i);
unsigned int yaml_map_count(const struct ynode *node);
const struct ynode_pair *yaml_map_pair(const struct ynode *node,
				       unsigned int i);

/* @pair must be a plain identifier: the loop counter is named after it. */
#define yaml_map_for_each(pair, map)					\
	for (unsigned int pair##_idx = 0;				\
	     pair##_idx < yaml_map_count(map) &&			\
	     ((pair) = yaml_map_pair((map), pair##_idx), 1); pair##_idx++)

/* The value for @key, NULL if absent or @map is not a mapping. */
struct ynode *yaml_map_get(const struct ynode *map, const char *key);
const struct ynode_pair *yaml_map_find(const struct ynode *map,
				       const char *key);

/*
 * If @node is not of @kind, report "expected a mapping for 'what', found a
 * sequence" (without " for 'what'" when @what is NULL) at the node.
 */
bool yaml_expect_kind(const struct ynode *node, enum ynode_kind kind,
		      const char *what, struct diag *d);

/*
 * Report every key of @map not in @allowed as "unknown key 'expct' (did you
 * mean expect?)" at the key.  True when all keys are allowed; a @map that is
 * not a mapping is reported like yaml_expect_kind() does.
 */
bool yaml_map_check_keys(const struct ynode *map,
			 const char *const *allowed, size_t n_allowed,
			 struct diag *d);

/*
 * The common YAML slip: inside { } or [ ] a comma ends a plain value, so
 * `{ x1: version(1, 1) }` gives a value "version(1" and a key "1)".  For a
 * scalar that looks cut that way (plain, in a flow collection, its
 * parentheses unbalanced), a sentence to add to the error (g_free() it);
 * else NULL.
 */
char *yaml_flow_comma_hint(const struct ynode *node);

#endif /* SIM_YAML_TREE_H */
