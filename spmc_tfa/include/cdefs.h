/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fake of TF-A's cdefs.h: the attribute spellings TF-A's code uses, which
 * glibc's <sys/cdefs.h> lacks.
 */
#ifndef CDEFS_H
#define CDEFS_H

#define __dead2			__attribute__((__noreturn__))
#define __deprecated		__attribute__((__deprecated__))
#define __packed		__attribute__((__packed__))
#define __used			__attribute__((__used__))
#define __unused		__attribute__((__unused__))
#define __maybe_unused		__attribute__((__unused__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __section(x)		__attribute__((__section__(x)))
#define __fallthrough		__attribute__((__fallthrough__))
#define __init
#define __printflike(fmt, args)	__attribute__((__format__(__printf__, fmt, args)))
#define __STRING(x)		#x
#define __XSTRING(x)		__STRING(x)

#endif /* CDEFS_H */
