// SPDX-License-Identifier: GPL-2.0-only
/*
 * A process's last words (last_words.h).  Saying them must work in a
 * process about to abort, from any thread: no allocation, no lock; the
 * place is written with one vsnprintf() and read only once the writer
 * is dead.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "hw/last_words.h"

static char *place;
static size_t room;

void last_words_at(char *buf, size_t len)
{
	place = len ? buf : NULL;
	room = place ? len : 0;
	last_words_forget();
}

void last_words_forget(void)
{
	if (place)
		place[0] = '\0';
}

void last_words_say(const char *fmt, ...)
{
	va_list ap;

	if (!place)
		return;
	va_start(ap, fmt);
	vsnprintf(place, room, fmt, ap);
	va_end(ap);
	/* One line: the outcome a verdict is matched on is one line. */
	place[strcspn(place, "\n")] = '\0';
}

bool last_words_heard(char *out, size_t len)
{
	size_t n = len < room ? len : room;

	if (!place || !n || !place[0])
		return false;
	/* Not strlcpy: a writer killed mid-line leaves no NUL behind. */
	memcpy(out, place, n);
	out[n - 1] = '\0';
	return true;
}
