/* SPDX-License-Identifier: GPL-2.0-only */
/* Fixed-size hash tables of hlists, keyed by an integer. */
#ifndef HOST_FAKE_LINUX_HASHTABLE_H
#define HOST_FAKE_LINUX_HASHTABLE_H

#include <linux/kernel.h>
#include <linux/list.h>

#define DECLARE_HASHTABLE(name, bits)	struct hlist_head name[1 << (bits)]
#define HASH_SIZE(name)			(ARRAY_SIZE(name))

/* Any spread will do for a table this small: the low bits of the key. */
#define host_hash_bucket(table, key)	\
	(&(table)[(unsigned long)(key) % HASH_SIZE(table)])

#define hash_init(table)	memset((table), 0, sizeof(table))
#define hash_add(table, node, key)	\
	hlist_add_head((node), host_hash_bucket(table, key))
#define hash_del(node)		hlist_del_init(node)
#define hash_for_each_possible(table, obj, member, key)	\
	hlist_for_each_entry(obj, host_hash_bucket(table, key), member)

#endif
