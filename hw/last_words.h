/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A process's last words: the one line that code which stops the process
 * on purpose (a failed TF-A assertion, an EL3 panic, a BUG nothing can
 * catch) leaves for whoever watches it die.  The runner does not read a
 * worker's stderr, so without them a death says only "Aborted", and an
 * expectation of one death would match any other at the same step.
 *
 * The watcher hands the process a buffer in memory it shares with it
 * (last_words_at()); until then, or in a process nobody watches, saying
 * them does nothing.  They live in the bottom layer so that every layer
 * above, the fakes of TF-A and of the kernel included, can say them.
 *
 * This header is a leaf: it includes nothing of the project.
 */
#ifndef HW_LAST_WORDS_H
#define HW_LAST_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Room for one line: a condition, a function and file:line. */
#define LAST_WORDS_LEN	256

/*
 * Where this process's last words go: @len bytes at @buf, emptied here;
 * NULL: nowhere.  A child of fork() inherits the place.
 */
void last_words_at(char *buf, size_t len);

/* Empty the place, for the next piece of work watched. */
void last_words_forget(void);

/* Say them (printf-style, one line), replacing what was said before. */
void last_words_say(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * What a child that shares the place said, copied into @out (@len bytes,
 * NUL-terminated): false when nothing was said or there is no place.
 */
bool last_words_heard(char *out, size_t len);

#endif /* HW_LAST_WORDS_H */
