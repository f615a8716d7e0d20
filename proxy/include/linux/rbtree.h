/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef SIM_FAKE_LINUX_RBTREE_H
#define SIM_FAKE_LINUX_RBTREE_H

struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
};

#endif
