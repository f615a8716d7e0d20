// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory of the host kernel.  The slab is the C library's heap, so that
 * ASan watches the driver's objects.  Pages are pages of the simulated
 * DRAM, taken first-fit from the pool the machine gives the host kernel,
 * so that whatever the driver hands to FF-A by physical address is memory
 * that EL2 and the SPMC see; struct page is one per DRAM page.
 */
#include <pthread.h>
#include <stdlib.h>

#include <linux/kernel.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "host/internal.h"

static struct page *mem_map;
static uint64_t nr_dram_pages;
/* Two CPUs' driver actions may allocate at once. */
static pthread_mutex_t pool_mu = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *pool_used;		/* one flag per pool page */
static uint64_t pool_first, pool_pages;	/* in DRAM page numbers */

int host_mem_init(char *err, size_t errlen)
{
	struct physmem *pm = host_env.pm;
	uint64_t base = host_env.cfg.pool_pa, size = host_env.cfg.pool_size;

	if (base < pm->dram_base || base + size > pm->dram_base + pm->dram_size ||
	    base % PAGE_SIZE || size % PAGE_SIZE || !size) {
		snprintf(err, errlen, "the host kernel's page pool [%#llx, +%#llx) is not whole pages of DRAM",
			 (unsigned long long)base, (unsigned long long)size);
		return -EINVAL;
	}
	nr_dram_pages = pm->dram_size / PAGE_SIZE;
	pool_first = (base - pm->dram_base) / PAGE_SIZE;
	pool_pages = size / PAGE_SIZE;
	mem_map = calloc(nr_dram_pages, sizeof(*mem_map));
	pool_used = calloc(pool_pages, 1);
	if (!mem_map || !pool_used) {
		host_mem_exit();
		snprintf(err, errlen, "out of memory for the host kernel's page map");
		return -ENOMEM;
	}
	return 0;
}

void host_mem_exit(void)
{
	free(mem_map);
	free(pool_used);
	mem_map = NULL;
	pool_used = NULL;
	nr_dram_pages = pool_pages = 0;
}

void *kmalloc(size_t size, gfp_t flags)
{
	return flags & __GFP_ZERO ? calloc(1, size ? size : 1) :
				    malloc(size ? size : 1);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (check_mul_overflow(n, size, &bytes))
		return NULL;
	return kzalloc(bytes, flags);
}

void *kmemdup(const void *src, size_t len, gfp_t flags)
{
	void *p = kmalloc(len, flags);

	if (p)
		memcpy(p, src, len);
	return p;
}

void kfree(const void *p)
{
	free((void *)p);
}

static bool pool_run_free(uint64_t first, uint64_t n)
{
	uint64_t i;

	for (i = 0; i < n; i++)
		if (pool_used[first + i])
			return false;
	return true;
}

void *alloc_pages_exact(size_t size, gfp_t gfp)
{
	uint64_t n = DIV_ROUND_UP(size, PAGE_SIZE), i, pa;
	void *p = NULL;

	pthread_mutex_lock(&pool_mu);
	for (i = 0; n && i + n <= pool_pages; i++) {
		if (!pool_run_free(i, n))
			continue;
		memset(pool_used + i, 1, n);
		pa = host_env.pm->dram_base + (pool_first + i) * PAGE_SIZE;
		p = physmem_ptr(host_env.pm, pa);
		break;
	}
	pthread_mutex_unlock(&pool_mu);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, n * PAGE_SIZE);
	return p;
}

void free_pages_exact(void *virt, size_t size)
{
	uint64_t n = DIV_ROUND_UP(size, PAGE_SIZE);
	uint64_t pa = virt_to_phys(virt);
	uint64_t first = (pa - host_env.pm->dram_base) / PAGE_SIZE;

	BUG_ON(first < pool_first || first + n > pool_first + pool_pages);
	pthread_mutex_lock(&pool_mu);
	memset(pool_used + (first - pool_first), 0, n);
	pthread_mutex_unlock(&pool_mu);
}

phys_addr_t virt_to_phys(const volatile void *virt)
{
	uint64_t pa;

	if (!physmem_pa_of(host_env.pm, (const void *)virt, &pa))
		host_bug(__FILE__, __LINE__,
			 "virt_to_phys() of memory outside the linear map");
	return pa;
}

void *phys_to_virt(phys_addr_t pa)
{
	void *p = physmem_ptr(host_env.pm, pa);

	BUG_ON(!p);
	return p;
}

phys_addr_t page_to_phys(const struct page *page)
{
	BUG_ON(page < mem_map || page >= mem_map + nr_dram_pages);
	return host_env.pm->dram_base + (uint64_t)(page - mem_map) * PAGE_SIZE;
}

struct page *phys_to_page(phys_addr_t pa)
{
	uint64_t pm_base = host_env.pm->dram_base;

	BUG_ON(pa < pm_base || (pa - pm_base) / PAGE_SIZE >= nr_dram_pages);
	return &mem_map[(pa - pm_base) / PAGE_SIZE];
}

void *page_address(const struct page *page)
{
	return phys_to_virt(page_to_phys(page));
}

struct page *virt_to_page(const void *virt)
{
	return phys_to_page(virt_to_phys(virt));
}
