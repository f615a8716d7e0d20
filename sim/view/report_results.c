// SPDX-License-Identifier: GPL-2.0-only
/*
 * The results file: one line per scenario, for `ffa-sim compare` to read
 * back from each variant's run.  Tab-separated, every field cleaned to
 * one line:
 *
 *	result	ID	STATUS	VERDICT	DETAIL	KNOWN_REASON
 *	notice	TEXT
 *
 * DETAIL is where and how the scenario first went wrong ("step 2 (call
 * FFA_VERSION): x0: expected 1.2 (0x10002), got 1.1 (0x10001)"), empty
 * when it passed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/view/report.h"

char *report_first_difference(const struct scen_result *r)
{
	return scen_result_outcome(r);
}

static void put_field(FILE *f, const char *text, bool last)
{
	char *clean = report_one_line(text);

	g_strdelimit(clean, "\t", ' ');
	fprintf(f, "%s%c", clean, last ? '\n' : '\t');
	g_free(clean);
}

int report_results(const char *path, const struct run_summary *s, char *err,
		   size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	unsigned int i;
	GString *text;
	int ret;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < s->notices->len; i++) {
		fputs("notice\t", f);
		put_field(f, s->notices->pdata[i], true);
	}
	for (i = 0; i < s->results->len; i++) {
		const struct scen_result *r = s->results->pdata[i];
		char *detail = report_first_difference(r);

		fputs("result\t", f);
		put_field(f, r->id, false);
		put_field(f, scen_status_name(r->status), false);
		put_field(f, scen_verdict_name(r->verdict), false);
		put_field(f, detail, false);
		put_field(f, r->known_reason, true);
		g_free(detail);
	}
	fclose(f);
	text = g_string_new_len(buf, (gssize)len);
	free(buf);
	ret = report_write_file(path, text, err, errlen);
	g_string_free(text, TRUE);
	return ret;
}
