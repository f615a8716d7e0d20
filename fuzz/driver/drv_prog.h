/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An input of ffa-driver-fuzz: a machine set-up and a list of calls a
 * client driver makes through Linux's FF-A driver (host/host.h).  Every
 * call is well typed, as a client's would be: partitions by name,
 * scatterlists of whole host pages of DRAM, handles the client got back
 * (or any 64-bit value), notification IDs 0..63.  What a scenario's
 * driver: step can say, and no more, so that an input is written out as
 * a scenario (drv_emit.c) that ffa-sim runs the same way.
 */
#ifndef FUZZ_DRIVER_DRV_PROG_H
#define FUZZ_DRIVER_DRV_PROG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz/prog.h"

#define DF_MAX_CALLS		24
#define DF_MAX_RECEIVERS	4
#define DF_MAX_RANGES		8
#define DF_MAX_BYTES		64
#define DF_MAX_CPUS		4

enum df_kind {
	DF_BIND,		/* a client driver for a partition's UUID */
	DF_INFO,		/* partition_info_get */
	DF_DIRECT,		/* sync_send_receive */
	DF_DIRECT2,		/* sync_send_receive2 */
	DF_INDIRECT,		/* indirect_send */
	DF_SHARE,		/* memory_share */
	DF_LEND,		/* memory_lend */
	DF_RECLAIM,		/* memory_reclaim */
	DF_NOTIFY,		/* notify_request */
	DF_UNNOTIFY,		/* notify_relinquish */
	DF_NR_KINDS,
};

/* The partition a call names: sp1, sp2, or (partition info) all of them. */
enum df_target {
	DT_SP1,
	DT_SP2,
	DT_ALL,
};

/* A receiver's ID: a partition, the host itself, or any 16 bits. */
enum df_who {
	DW_SP1,
	DW_SP2,
	DW_HOST,
	DW_RAW,
};

struct df_receiver {
	uint8_t who;			/* enum df_who */
	uint16_t id;			/* DW_RAW */
	uint8_t perms;
};

struct df_range {
	uint8_t page;			/* DRAM page number */
	uint8_t pages;			/* 1.., within DRAM */
};

struct df_call {
	uint8_t kind;			/* enum df_kind */
	uint8_t cpu;			/* 0 .. DF_MAX_CPUS - 1 */
	uint8_t target;			/* enum df_target */
	uint8_t nr_data;
	uint64_t data[14];
	/* share, lend */
	bool own_buffer, per_page, has_flags, has_tag;
	uint32_t flags;			/* also reclaim's */
	uint64_t tag;
	uint8_t nr_receivers;
	struct df_receiver rcv[DF_MAX_RECEIVERS];
	uint8_t nr_ranges;
	struct df_range range[DF_MAX_RANGES];
	/* reclaim: the handle @back shares ago, or @handle itself */
	bool raw_handle;
	uint8_t back;
	uint64_t handle;
	/* notifications */
	uint8_t notify_id;		/* 0..63 */
	bool per_vcpu;
	/* indirect */
	uint8_t nr_bytes;
	uint8_t bytes[DF_MAX_BYTES];
};

struct df_prog {
	struct fz_setup setup;
	unsigned int nr_calls;
	struct df_call calls[DF_MAX_CALLS];
};

/* Any bytes make a program: short input reads zeros, fields fold in range. */
void df_decode(const uint8_t *data, size_t size, struct df_prog *p);

const char *df_kind_name(enum df_kind kind);

#endif /* FUZZ_DRIVER_DRV_PROG_H */
