/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Register values in FF-A terms, for failure messages, traces and
 * `ffa-sim decode`: 0x84000060 is FFA_ERROR, w2 after it is an error
 * code, the answer to FFA_VERSION is a version, w1 of a direct request
 * holds a source and a destination.  Every function returns g_malloc()ed
 * strings.
 */
#ifndef SIM_DECODE_H
#define SIM_DECODE_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "hw/smc.h"

/*
 * One register of a call (@request NULL) or of the answer to @request:
 * "FFA_SUCCESS (0x84000061)", "INVALID_PARAMETERS (-2)", "1.2 (0x10002)",
 * "0x1000".
 */
char *decode_reg(const uint64_t *request, const uint64_t *regs, int reg,
		 uint64_t value);

/*
 * A whole call or answer on one line: "FFA_MEM_SHARE x1=0x50 x2=0x50",
 * "FFA_ERROR INVALID_PARAMETERS", "FFA_VERSION -> 1.2".  Zero registers
 * are left out.  This is the --trace wording, which decode --stdin reads
 * back: change both together.
 */
char *decode_regs(const uint64_t *request, const uint64_t *regs);

/* One register, or a value spread over two ("w2/w3" for a handle). */
struct decode_field {
	char *label;		/* "x0", "w1", "w2/w3" */
	char *raw;		/* as it was: "0x5a000001 0x1" */
	char *text;		/* what it means */
	char *problem;		/* NULL, or the rule the value breaks */
};

struct decoded {
	GPtrArray *fields;	/* of struct decode_field *, x0 first */
	char *brief;		/* "FFA_SUCCESS handle 0x15a000001" */
	unsigned int problems;
};

/*
 * Every register of a call (@request NULL) or of the answer to @request,
 * by what the function defines for it.  Registers the function does not
 * use are listed when they are not zero: in a call that breaks the rule
 * that they be zero, in an answer it is only noted.
 */
void decode_smc(const uint64_t *request, const uint64_t *regs,
		struct decoded *d);
void decoded_free(struct decoded *d);
/* The fields as aligned columns, each line starting with @indent. */
void decoded_print(const struct decoded *d, const char *indent, GString *out);
/* Only the one-line summary of decode_smc(), for diagrams. */
char *decode_brief(const uint64_t *request, const uint64_t *regs);

/*
 * FF-A values in words, shared by the register and descriptor decoders.
 * A value with reserved bits set is described anyway; *@bad (when not
 * NULL) says so.
 */
char *decode_endpoint(uint16_t id);		/* "0x8001 (secure)" */
char *decode_version(uint32_t v, bool *bad);	/* "1.2" */
char *decode_handle(uint64_t h);		/* "0x15a000001 (by the SPMC)" */
char *decode_perms(uint8_t perms, bool *bad);	/* "read-write, no execute" */
/* Memory region attributes; @v1_0: the 8-bit field, without the NS bit. */
char *decode_attrs(uint16_t attrs, bool v1_0, bool *bad);
char *decode_uuid(const uint8_t uuid[16]);

#endif /* SIM_DECODE_H */
