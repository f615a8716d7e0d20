/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Simulated physical memory: the one thing the proxy (normal world) and the
 * mock SPMC (secure world) both stand on.
 *
 * One DRAM bank backed by an anonymous mapping, plus MMIO windows that are
 * addresses but not memory.  Everything else is a hole.  Pages of DRAM can be
 * turned into guard pages (PROT_NONE): a stray access by code running on the
 * host pointer faults, and physmem_read()/physmem_write() refuse them.
 *
 * This header is a leaf: it includes nothing of the project.
 */
#ifndef HW_PHYSMEM_H
#define HW_PHYSMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum phys_kind {
	PHYS_HOLE,
	PHYS_DRAM,
	PHYS_MMIO,
	PHYS_GUARD,		/* DRAM, but unmapped on purpose */
};

#define PHYSMEM_MAX_MMIO	16
/*
 * A machine's DRAM unless its scenario says otherwise: 64 MiB at 2 GiB.
 * TF-A dereferences the normal world's buffers at their physical address:
 * its variants place DRAM at 1 GiB, where the process (and ASan's shadow)
 * leave room.
 */
#define PHYSMEM_DRAM_BASE	0x80000000ULL
#define PHYSMEM_DRAM_BASE_TFA	0x40000000ULL
#define PHYSMEM_DRAM_SIZE	(64ULL << 20)
/* Inaccessible host address space on each side of DRAM's backing. */
#define PHYSMEM_FAR		(4ULL << 30)
#define PHYSMEM_NAME_LEN	32

struct phys_window {
	uint64_t base;
	uint64_t size;
	char name[PHYSMEM_NAME_LEN];
};

struct physmem {
	uint64_t dram_base;
	uint64_t dram_size;
	size_t page_size;
	uint8_t *backing;	/* host mapping of DRAM, dram_size bytes */
	uint8_t *reserve;	/* PROT_NONE around it, backing included */
	size_t reserve_size;
	uint8_t *guard;		/* one flag per page: 1 = guard page */
	struct phys_window mmio[PHYSMEM_MAX_MMIO];
	unsigned int nr_mmio;
};

/*
 * Returns 0, or -EINVAL for an unaligned or empty bank, -ENOMEM when the
 * backing cannot be mapped.
 */
int physmem_init(struct physmem *pm, uint64_t dram_base, uint64_t dram_size,
		 size_t page_size);
/*
 * The same with DRAM at its own physical address in the process, for
 * secure-side code that dereferences physical addresses (TF-A maps the
 * normal world's RX/TX buffers flat, va == pa).  Inside an inaccessible
 * reservation of up to 256 MiB a side when the process leaves room;
 * -EADDRINUSE when the process or a sanitizer already uses DRAM's range.
 */
int physmem_init_at_pa(struct physmem *pm, uint64_t dram_base,
		       uint64_t dram_size, size_t page_size);
void physmem_destroy(struct physmem *pm);

/* Zero all of DRAM and drop every guard page (a fresh machine). */
void physmem_reset(struct physmem *pm);

/* -EINVAL when it overlaps DRAM or another window, -ENOSPC when full. */
int physmem_add_mmio(struct physmem *pm, uint64_t base, uint64_t size,
		     const char *name);

enum phys_kind physmem_kind(const struct physmem *pm, uint64_t pa);
const char *phys_kind_name(enum phys_kind kind);

/* True when [pa, pa + len) is DRAM with no guard page in it. */
bool physmem_is_ram(const struct physmem *pm, uint64_t pa, uint64_t len);

/* Host pointer to DRAM at pa, or NULL when pa is not DRAM. */
void *physmem_ptr(const struct physmem *pm, uint64_t pa);

/* Physical address of a host pointer into DRAM; false when it is not one. */
bool physmem_pa_of(const struct physmem *pm, const void *ptr, uint64_t *pa);

/*
 * A host pointer that misses DRAM but falls in the reservation around it:
 * *offset is how far from DRAM's first byte (negative: below it).
 */
bool physmem_near_dram(const struct physmem *pm, const void *ptr,
		       int64_t *offset);

/* Copies that never fault: -EFAULT unless the range is physmem_is_ram(). */
int physmem_read(const struct physmem *pm, uint64_t pa, void *buf, size_t len);
int physmem_write(struct physmem *pm, uint64_t pa, const void *buf, size_t len);

/* Make whole pages inaccessible, or accessible again. */
int physmem_set_guard(struct physmem *pm, uint64_t pa, uint64_t len, bool on);

/*
 * Name of the region nearest to pa, for fault reports ("DRAM",
 * "guard page", an MMIO window's name, "hole").  *dist is how far pa is
 * from it (0 when inside).
 */
const char *physmem_nearest(const struct physmem *pm, uint64_t pa,
			    uint64_t *dist);

#endif /* HW_PHYSMEM_H */
