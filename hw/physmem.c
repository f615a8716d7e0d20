// SPDX-License-Identifier: GPL-2.0-only
#include "physmem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static bool in_dram(const struct physmem *pm, uint64_t pa)
{
	return pa >= pm->dram_base && pa - pm->dram_base < pm->dram_size;
}

static bool bank_valid(uint64_t dram_base, uint64_t dram_size,
			size_t page_size)
{
	return page_size && !(page_size & (page_size - 1)) && dram_size &&
	       !(dram_base % page_size) && !(dram_size % page_size) &&
	       dram_base + dram_size > dram_base;
}

static int finish_init(struct physmem *pm, uint8_t *map, uint64_t dram_base,
		       uint64_t dram_size, size_t page_size)
{
	pm->guard = calloc(dram_size / page_size, 1);
	if (map == MAP_FAILED || !pm->guard) {
		if (pm->reserve)
			munmap(pm->reserve, pm->reserve_size);
		free(pm->guard);
		memset(pm, 0, sizeof(*pm));
		return -ENOMEM;
	}
	pm->backing = map;
	pm->dram_base = dram_base;
	pm->dram_size = dram_size;
	pm->page_size = page_size;
	return 0;
}

int physmem_init(struct physmem *pm, uint64_t dram_base, uint64_t dram_size,
		 size_t page_size)
{
	void *map;

	memset(pm, 0, sizeof(*pm));
	if (!bank_valid(dram_base, dram_size, page_size))
		return -EINVAL;

	/*
	 * DRAM sits in the middle of a large inaccessible reservation, so
	 * that code running off either end of it faults every time instead
	 * of landing in whatever the process mapped next.
	 */
	pm->reserve_size = dram_size + 2 * PHYSMEM_FAR + page_size;
	pm->reserve = mmap(NULL, pm->reserve_size, PROT_NONE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (pm->reserve == MAP_FAILED) {
		pm->reserve = NULL;
		return -ENOMEM;
	}
	/*
	 * The backing is aligned to the simulated page size, not just the
	 * host's: the hyp aligns pointers into it to PAGE_SIZE (pins, the
	 * linear map), which with 16K or 64K pages must not step outside.
	 */
	map = (uint8_t *)(((uintptr_t)pm->reserve + PHYSMEM_FAR + page_size - 1) &
			  ~(uintptr_t)(page_size - 1));
	map = mmap(map, dram_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
	return finish_init(pm, map, dram_base, dram_size, page_size);
}

/* Inaccessible space on each side of DRAM placed at its own address. */
#define PHYSMEM_AT_PA_FAR	(256ULL << 20)

/*
 * A PROT_NONE neighbourhood of [base, base + size), never over anything
 * already mapped; NULL when the process uses some of it.  Kept below
 * 2 GiB on the low side of DRAM by the caller's choice of base, where a
 * sanitizer's shadow memory does not start.
 */
static uint8_t *reserve_around(uint64_t base, uint64_t size, size_t *len)
{
	uint64_t below = base < PHYSMEM_AT_PA_FAR ? base : PHYSMEM_AT_PA_FAR;
	void *r;

	*len = below + size + PHYSMEM_AT_PA_FAR;
	r = mmap((void *)(uintptr_t)(base - below), *len, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
		 MAP_FIXED_NOREPLACE, -1, 0);
	if (r == MAP_FAILED)
		return NULL;
	if (r != (void *)(uintptr_t)(base - below)) {
		munmap(r, *len);
		return NULL;
	}
	return r;
}

int physmem_init_at_pa(struct physmem *pm, uint64_t dram_base,
		       uint64_t dram_size, size_t page_size)
{
	void *map, *at = (void *)(uintptr_t)dram_base;

	memset(pm, 0, sizeof(*pm));
	if (!bank_valid(dram_base, dram_size, page_size) ||
	    dram_base + dram_size > UINTPTR_MAX)
		return -EINVAL;
	/*
	 * As physmem_init(), DRAM sits inside an inaccessible reservation
	 * when the process leaves room for one, so that a stray access
	 * near it is named as such.
	 */
	pm->reserve = reserve_around(dram_base, dram_size, &pm->reserve_size);
	if (pm->reserve) {
		map = mmap(at, dram_size, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
			   MAP_FIXED, -1, 0);
		return finish_init(pm, map, dram_base, dram_size, page_size);
	}
	/* Never over something of the process (or a sanitizer's shadow). */
	map = mmap(at, dram_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
		   MAP_FIXED_NOREPLACE, -1, 0);
	if (map == MAP_FAILED)
		return -EADDRINUSE;
	if (map != at) {
		/* A kernel older than MAP_FIXED_NOREPLACE took it as a hint. */
		munmap(map, dram_size);
		return -EADDRINUSE;
	}
	pm->reserve = map;
	pm->reserve_size = dram_size;
	return finish_init(pm, map, dram_base, dram_size, page_size);
}

void physmem_destroy(struct physmem *pm)
{
	if (pm->reserve)
		munmap(pm->reserve, pm->reserve_size);
	free(pm->guard);
	memset(pm, 0, sizeof(*pm));
}

void physmem_reset(struct physmem *pm)
{
	physmem_set_guard(pm, pm->dram_base, pm->dram_size, false);
	/* Dropping the pages is cheaper than memset for a large, sparse bank. */
	madvise(pm->backing, pm->dram_size, MADV_DONTNEED);
	pm->nr_mmio = 0;
}

int physmem_add_mmio(struct physmem *pm, uint64_t base, uint64_t size,
		     const char *name)
{
	struct phys_window *w;
	unsigned int i;

	if (!size || base + size < base ||
	    ranges_overlap(base, size, pm->dram_base, pm->dram_size))
		return -EINVAL;
	for (i = 0; i < pm->nr_mmio; i++)
		if (ranges_overlap(base, size, pm->mmio[i].base, pm->mmio[i].size))
			return -EINVAL;
	if (pm->nr_mmio == PHYSMEM_MAX_MMIO)
		return -ENOSPC;

	w = &pm->mmio[pm->nr_mmio++];
	w->base = base;
	w->size = size;
	strncpy(w->name, name ? name : "mmio", sizeof(w->name) - 1);
	w->name[sizeof(w->name) - 1] = '\0';
	return 0;
}

static const struct phys_window *find_mmio(const struct physmem *pm, uint64_t pa)
{
	unsigned int i;

	for (i = 0; i < pm->nr_mmio; i++)
		if (pa >= pm->mmio[i].base && pa - pm->mmio[i].base < pm->mmio[i].size)
			return &pm->mmio[i];
	return NULL;
}

enum phys_kind physmem_kind(const struct physmem *pm, uint64_t pa)
{
	if (in_dram(pm, pa))
		return pm->guard[(pa - pm->dram_base) / pm->page_size] ?
		       PHYS_GUARD : PHYS_DRAM;
	return find_mmio(pm, pa) ? PHYS_MMIO : PHYS_HOLE;
}

const char *phys_kind_name(enum phys_kind kind)
{
	switch (kind) {
	case PHYS_DRAM:
		return "DRAM";
	case PHYS_MMIO:
		return "MMIO";
	case PHYS_GUARD:
		return "guard page";
	case PHYS_HOLE:
		break;
	}
	return "hole";
}

bool physmem_is_ram(const struct physmem *pm, uint64_t pa, uint64_t len)
{
	uint64_t first, last, i;

	if (!len)
		return in_dram(pm, pa);
	if (pa + len < pa || !in_dram(pm, pa) || !in_dram(pm, pa + len - 1))
		return false;

	first = (pa - pm->dram_base) / pm->page_size;
	last = (pa + len - 1 - pm->dram_base) / pm->page_size;
	for (i = first; i <= last; i++)
		if (pm->guard[i])
			return false;
	return true;
}

void *physmem_ptr(const struct physmem *pm, uint64_t pa)
{
	if (!in_dram(pm, pa))
		return NULL;
	return pm->backing + (pa - pm->dram_base);
}

bool physmem_pa_of(const struct physmem *pm, const void *ptr, uint64_t *pa)
{
	uintptr_t p = (uintptr_t)ptr, base = (uintptr_t)pm->backing;

	if (!pm->backing || p < base || p - base >= pm->dram_size)
		return false;
	*pa = pm->dram_base + (p - base);
	return true;
}

bool physmem_near_dram(const struct physmem *pm, const void *ptr,
		       int64_t *offset)
{
	uintptr_t p = (uintptr_t)ptr, lo = (uintptr_t)pm->reserve;

	if (!pm->reserve || p < lo || p - lo >= pm->reserve_size)
		return false;
	*offset = (int64_t)(p - (uintptr_t)pm->backing);
	return true;
}

int physmem_read(const struct physmem *pm, uint64_t pa, void *buf, size_t len)
{
	if (!physmem_is_ram(pm, pa, len))
		return -EFAULT;
	memcpy(buf, physmem_ptr(pm, pa), len);
	return 0;
}

int physmem_write(struct physmem *pm, uint64_t pa, const void *buf, size_t len)
{
	if (!physmem_is_ram(pm, pa, len))
		return -EFAULT;
	memcpy(physmem_ptr(pm, pa), buf, len);
	return 0;
}

int physmem_set_guard(struct physmem *pm, uint64_t pa, uint64_t len, bool on)
{
	uint64_t first, i, n;

	if (!len || pa % pm->page_size || len % pm->page_size ||
	    !in_dram(pm, pa) || !in_dram(pm, pa + len - 1))
		return -EINVAL;
	if (mprotect(physmem_ptr(pm, pa), len,
		     on ? PROT_NONE : PROT_READ | PROT_WRITE))
		return -errno;

	first = (pa - pm->dram_base) / pm->page_size;
	n = len / pm->page_size;
	for (i = 0; i < n; i++)
		pm->guard[first + i] = on;
	return 0;
}

static uint64_t distance(uint64_t pa, uint64_t base, uint64_t size)
{
	if (pa < base)
		return base - pa;
	if (pa - base < size)
		return 0;
	return pa - (base + size - 1);
}

const char *physmem_nearest(const struct physmem *pm, uint64_t pa,
			    uint64_t *dist)
{
	const char *best = "DRAM";
	uint64_t best_dist, d;
	unsigned int i;

	if (in_dram(pm, pa)) {
		*dist = 0;
		return phys_kind_name(physmem_kind(pm, pa));
	}
	best_dist = distance(pa, pm->dram_base, pm->dram_size);
	for (i = 0; i < pm->nr_mmio; i++) {
		d = distance(pa, pm->mmio[i].base, pm->mmio[i].size);
		if (d < best_dist) {
			best_dist = d;
			best = pm->mmio[i].name;
		}
	}
	*dist = best_dist;
	return best;
}
