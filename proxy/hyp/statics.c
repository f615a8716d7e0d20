// SPDX-License-Identifier: GPL-2.0-only
/*
 * ffa.c keeps its state in file-scope statics and nothing in it resets
 * them, so a process that runs more than one machine puts them back
 * between machines.  The build renames ffa.o's .data and .bss to ffa_data
 * and ffa_bss (proxy/variant.mk), and the linker brackets each with
 * __start_ and __stop_ symbols: a copy taken before ffa.c first runs is
 * copied back before each machine, after which the real hyp_ffa_init()
 * boots the proxy as in a fresh process.  A build without the rename
 * (the coverage build, whose counters live in .bss) has neither symbol,
 * and hyp_statics_save() says so.
 */
#include <glib.h>

#include "internal.h"

extern char __start_ffa_data[] __attribute__((weak));
extern char __stop_ffa_data[] __attribute__((weak));
extern char __start_ffa_bss[] __attribute__((weak));
extern char __stop_ffa_bss[] __attribute__((weak));

static char *snap_data, *snap_bss;
static bool saved;

/*
 * ASan lays redzones between instrumented statics, so the sections are
 * not all addressable as far as it is concerned: copy uninstrumented
 * (volatile keeps the loop from becoming a memcpy call, which ASan would
 * check).  By words where both sides allow: in the fuzzer every loop
 * test is a coverage callback, and this runs before every input.
 */
typedef uint64_t __attribute__((may_alias)) raw_word;

__attribute__((no_sanitize("address")))
static void copy_raw(char *dst, const char *src, size_t n)
{
	volatile char *d = dst;
	const volatile char *s = src;

	if (!(((uintptr_t)dst | (uintptr_t)src) % sizeof(raw_word))) {
		volatile raw_word *dw = (volatile raw_word *)dst;
		const volatile raw_word *sw = (const volatile raw_word *)src;
		size_t words = n / sizeof(raw_word);

		while (words--)
			*dw++ = *sw++;
		d = (volatile char *)dw;
		s = (const volatile char *)sw;
		n %= sizeof(raw_word);
	}
	while (n--)
		*d++ = *s++;
}

static size_t section_len(const char *start, const char *stop)
{
	return start && stop ? (size_t)(stop - start) : 0;
}

static char *snapshot(char *start, char *stop)
{
	size_t n = section_len(start, stop);
	char *copy = g_malloc(n ? n : 1);

	copy_raw(copy, start, n);
	return copy;
}

bool hyp_statics_save(void)
{
	if (saved)
		return true;
	/* An empty section has no symbols: one of the two is enough. */
	if (!section_len(__start_ffa_data, __stop_ffa_data) &&
	    !section_len(__start_ffa_bss, __stop_ffa_bss))
		return false;
	snap_data = snapshot(__start_ffa_data, __stop_ffa_data);
	snap_bss = snapshot(__start_ffa_bss, __stop_ffa_bss);
	saved = true;
	return true;
}

/* Before main(): nothing can have run ffa.c yet. */
static void __attribute__((constructor)) save_at_start(void)
{
	hyp_statics_save();
}

void hyp_statics_restore(void)
{
	if (!saved)
		return;
	copy_raw(__start_ffa_data, snap_data,
		 section_len(__start_ffa_data, __stop_ffa_data));
	copy_raw(__start_ffa_bss, snap_bss,
		 section_len(__start_ffa_bss, __stop_ffa_bss));
}

void hyp_statics_each(void (*fn)(void *start, size_t len))
{
	size_t n = section_len(__start_ffa_data, __stop_ffa_data);

	if (n)
		fn(__start_ffa_data, n);
	n = section_len(__start_ffa_bss, __stop_ffa_bss);
	if (n)
		fn(__start_ffa_bss, n);
}
