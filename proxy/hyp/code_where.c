// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which code a hyp panic happened in: the function (the innermost one,
 * inlined or not), file and line of a program counter, and the functions
 * of a short backtrace.  elfutils' libdwfl reads this process's own
 * DWARF; nothing here parses it by hand.  Only called after a panic, so
 * the cost of loading the debug information is paid when there is one.
 */
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static Dwfl *self;

static Dwfl *self_dwfl(void)
{
	static const Dwfl_Callbacks cb = {
		.find_elf = dwfl_linux_proc_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
	};

	if (self)
		return self;
	self = dwfl_begin(&cb);
	if (self && (dwfl_linux_proc_report(self, getpid()) ||
		     dwfl_report_end(self, NULL, NULL))) {
		dwfl_end(self);
		self = NULL;
	}
	return self;
}

/* "/x/build/v/kernel/arch/arm64/.../ffa.c" -> "ffa.c" */
static const char *base_name(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path;
}

/* An inlined copy names its function through its abstract origin. */
static const char *scope_name(Dwarf_Die *die)
{
	Dwarf_Attribute attr;

	if (!dwarf_attr_integrate(die, DW_AT_name, &attr))
		return NULL;
	return dwarf_formstring(&attr);
}

/* Where EL2 was entered: the backtrace stops there, at the model's door. */
static bool is_el2_entry(const char *name)
{
	return !strcmp(name, "call_handler") || !strcmp(name, "hyp_host_smc") ||
	       !strcmp(name, "hyp_env_ffa_init");
}

/*
 * The functions at @pc, innermost first: an inlined ffa.c helper, then
 * the function it was inlined into.  Returns how many went into @names.
 */
static unsigned int scopes_at(Dwfl_Module *m, Dwarf_Addr pc,
			      const char **names, unsigned int max)
{
	Dwarf_Die *scopes = NULL, *cu;
	Dwarf_Addr bias;
	unsigned int n = 0;
	int i, count;

	cu = dwfl_module_addrdie(m, pc, &bias);
	if (!cu)
		return 0;
	count = dwarf_getscopes(cu, pc - bias, &scopes);
	for (i = 0; i < count && n < max; i++) {
		int tag = dwarf_tag(&scopes[i]);
		const char *name;

		if (tag != DW_TAG_subprogram && tag != DW_TAG_inlined_subroutine)
			continue;
		name = scope_name(&scopes[i]);
		if (name)
			names[n++] = name;
	}
	free(scopes);
	return n;
}

/* The module of this program, not of a library such as libc. */
static bool in_program(Dwfl *d, Dwfl_Module *m)
{
	return m == dwfl_addrmodule(d, (Dwarf_Addr)(uintptr_t)&hyp_code_where);
}

/* The innermost function at @pc, and then the symbol it lies in. */
static unsigned int names_at(Dwfl_Module *m, Dwarf_Addr pc,
			     const char **names, unsigned int max)
{
	unsigned int n = scopes_at(m, pc, names, max);
	const char *sym = dwfl_module_addrname(m, pc);

	if (sym && n < max && (!n || strcmp(names[n - 1], sym)))
		names[n++] = sym;
	return n;
}

static bool where_at(Dwfl_Module *m, uintptr_t pc, struct hyp_code_loc *loc)
{
	Dwfl_Line *l;
	const char *name;
	int line = 0;

	memset(loc, 0, sizeof(*loc));
	if (!names_at(m, pc, &name, 1))
		return false;
	loc->func = name;
	l = dwfl_module_getsrc(m, pc);
	if (l) {
		loc->file = base_name(dwfl_lineinfo(l, NULL, &line, NULL, NULL,
						    NULL));
		loc->line = line;
	}
	return true;
}

bool hyp_code_where(uintptr_t pc, struct hyp_code_loc *loc)
{
	Dwfl *d = self_dwfl();
	Dwfl_Module *m = d ? dwfl_addrmodule(d, pc) : NULL;

	return m && where_at(m, pc, loc);
}

bool hyp_fault_where(const struct hyp_fault *f, struct hyp_code_loc *loc)
{
	Dwfl *d = self_dwfl();
	unsigned int i;

	for (i = 0; d && i < f->nr_pcs; i++) {
		uintptr_t pc = f->pcs[i] - (i ? 1 : 0);
		Dwfl_Module *m = dwfl_addrmodule(d, pc);

		/* A fault in memcpy() is the caller's: name the caller. */
		if (m && in_program(d, m) && where_at(m, pc, loc) && loc->file)
			return true;
	}
	return false;
}

void hyp_backtrace_text(const struct hyp_fault *f, char *buf, size_t len)
{
	Dwfl *d = self_dwfl();
	const char *names[8];
	size_t used = 0;
	unsigned int i, j, n;

	buf[0] = '\0';
	for (i = 0; d && i < f->nr_pcs && used + 1 < len; i++) {
		/* A return address is past its call: look up the call. */
		uintptr_t pc = f->pcs[i] - (i ? 1 : 0);
		Dwfl_Module *m = dwfl_addrmodule(d, pc);

		if (!m)
			continue;
		n = names_at(m, pc, names, sizeof(names) / sizeof(names[0]));
		for (j = 0; j < n && used + 1 < len; j++) {
			used += snprintf(buf + used, len - used, "%s%s",
					 used ? " <- " : "", names[j]);
			if (is_el2_entry(names[j]))
				return;
		}
	}
}
