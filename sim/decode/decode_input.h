/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where `ffa-sim decode` finds register values: in its arguments
 * ("0x84000063 0x10002", "x0=0xc4000073 x1=0x60", FFA_MEM_SHARE,
 * "w2=-2"), or in pasted text: --trace lines of ffa-sim itself, and log
 * lines that name registers (x0=..., "x1 : 0000000000000060" as arm64
 * register dumps print them, a0=... as struct arm_smccc_1_2_regs names
 * them) or show a function ID among 0x numbers.
 */
#ifndef SIM_DECODE_INPUT_H
#define SIM_DECODE_INPUT_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "hw/smc.h"

/*
 * @args in order: NAME=VALUE sets xN or wN (wN: the low 32 bits), a bare
 * VALUE the register after the last one set (x0 first).  A VALUE is an
 * expression of the scenario language: 0x60, -2, version(1, 2),
 * FFA_MEM_SHARE, INVALID_PARAMETERS.  A word holding spaces outside
 * parentheses is several values.  False with a message in *err.
 */
bool decode_parse_args(char **args, int n, uint64_t regs[SMC_NR_REGS],
		       char **err);

/* One register set found in pasted text. */
struct paste_set {
	uint64_t regs[SMC_NR_REGS];
	bool has_request;		/* the call these registers answer */
	uint64_t request[SMC_NR_REGS];
	unsigned int request_line;
	unsigned int first_line, last_line;
	char *text;			/* the (last) line, trimmed */
	char *error;			/* not decodable: why */
};

struct paste;

struct paste *paste_new(void);
/* Feed the next line (without its newline); sets found go to @out. */
void paste_line(struct paste *p, const char *line, GPtrArray *out);
/* End of input: a register dump still open goes to @out. */
void paste_finish(struct paste *p, GPtrArray *out);
void paste_free(struct paste *p);
void paste_set_free(struct paste_set *s);

#endif /* SIM_DECODE_INPUT_H */
