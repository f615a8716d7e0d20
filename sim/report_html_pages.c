// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page map of a scenario: a row per named block of pages (and per run
 * of pages only a step touched), a coloured cell per page before the
 * first step and after the last.  A cell carries a letter as well as a
 * colour, so the map reads in print and to a screen reader too, and says
 * its address and state when pointed at.  Long runs of one state are one
 * cell with a count, so that a 512-page share stays one line.
 */
#include "sim/report.h"
#include "sim/report_html.h"
#include "sim/scenario.h"

/* Up to this many equal pages are drawn one by one. */
#define RUN_MIN		6

static const char letters[PW_NR_WORDS] = {
	[PW_OWNED_BY_HOST] = 'H',
	[PW_SHARED_WITH_FFA] = 'F',
	[PW_SHARED_WITH_HYP] = 'S',
	[PW_OWNED_BY_HYP] = 'Y',
	[PW_OWNED_BY_GUEST] = 'G',
	[PW_NO_OWNER] = '-',
};

/* The word is the class; a byte the child made up is "unknown". */
static const char *state_class(uint8_t word)
{
	return word < PW_NR_WORDS ? page_word_name(word) : "unknown";
}

static char state_letter(uint8_t word)
{
	return word < PW_NR_WORDS ? letters[word] : '?';
}

static void cell(GString *out, const struct scen_picture *p,
		 const struct picture_row *row, unsigned int first,
		 unsigned int n, uint8_t word, bool changed)
{
	uint64_t pa = row->pa + first * p->page_size;

	g_string_append_printf(out, "<span class=\"pg %s%s%s\" title=\"%#llx",
			       state_class(word), n > 1 ? " run" : "",
			       changed ? " changed" : "",
			       (unsigned long long)pa);
	if (n > 1)
		g_string_append_printf(out, "-%#llx, %u pages",
				       (unsigned long long)(pa + n * p->page_size - 1),
				       n);
	g_string_append_printf(out, ": %s%s\">%c", state_class(word),
			       changed ? " (changed)" : "", state_letter(word));
	if (n > 1)
		g_string_append_printf(out, "&#215;%u", n);
	g_string_append(out, "</span>");
}

/* One column of a row: runs of equal cells, drawn singly when short. */
static void cells(GString *out, const struct scen_picture *p,
		  const struct picture_row *row, bool after)
{
	const uint8_t *w = after ? row->after : row->before;
	unsigned int i = 0, n, k;

	g_string_append(out, "<td class=\"cells\">");
	while (i < row->nr_pages) {
		bool changed = after && row->after[i] != row->before[i];

		for (n = 1; i + n < row->nr_pages && w[i + n] == w[i] &&
		     (!after || (row->after[i + n] != row->before[i + n]) ==
		      changed); n++)
			;
		if (n >= RUN_MIN) {
			cell(out, p, row, i, n, w[i], changed);
		} else {
			for (k = 0; k < n; k++)
				cell(out, p, row, i + k, 1, w[i], changed);
		}
		i += n;
	}
	g_string_append(out, "</td>");
}

static void legend(GString *out)
{
	unsigned int w;

	g_string_append(out, "<p class=\"legend\">");
	for (w = 0; w < PW_NR_WORDS; w++)
		g_string_append_printf(out, "<span class=\"pg %s\">%c</span> %s ",
				       page_word_name(w), letters[w],
				       page_word_name(w));
	g_string_append(out, "<span class=\"pg owned-by-host changed\">H</span> changed by the steps</p>\n");
}

void html_page_map(GString *out, const struct scen_picture *p)
{
	unsigned int i;

	if (!p->booted) {
		g_string_append(out, "<p class=\"pagemap none\">The machine did not come up: no page states.</p>\n");
		return;
	}
	if (!p->rows->len) {
		g_string_append(out, "<p class=\"pagemap none\">No named pages, and no step touched any.</p>\n");
		return;
	}
	g_string_append(out, "<table class=\"pagemap\">\n<thead><tr><th>pages</th><th>at</th><th>before the first step</th><th>after the last step</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < p->rows->len; i++) {
		const struct picture_row *row = p->rows->pdata[i];

		g_string_append(out, "<tr>");
		if (row->name) {
			g_string_append(out, "<th>");
			report_xml_append(out, row->name);
		} else {
			g_string_append(out, "<th class=\"unnamed\">touched");
		}
		g_string_append_printf(out, "</th><td class=\"addr\">%#llx</td>",
				       (unsigned long long)row->pa);
		cells(out, p, row, false);
		cells(out, p, row, true);
		g_string_append(out, "</tr>\n");
	}
	g_string_append(out, "</tbody>\n</table>\n");
	if (p->cut)
		g_string_append_printf(out, "<p class=\"cut\">Only the first %d pages are shown.</p>\n",
				       PICTURE_MAX_PAGES);
	legend(out);
}
