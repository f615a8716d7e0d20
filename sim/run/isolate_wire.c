// SPDX-License-Identifier: GPL-2.0-only
/*
 * A scenario's result as one GVariant, for the socket from a worker.
 * New fields go at the end of the tuple with a new type string checked
 * first, so that an old reader can still say what it does not know.
 */
#include <string.h>

#include "sim/run/isolate_internal.h"

#define RESULT_TYPE	"(ussda(subs))"

GVariant *isolate_result_to_variant(const struct scen_result *r)
{
	GVariantBuilder steps;
	unsigned int i;

	g_variant_builder_init(&steps, G_VARIANT_TYPE("a(subs)"));
	for (i = 0; i < r->steps->len; i++) {
		const struct scen_step_result *s =
			&g_array_index(r->steps, struct scen_step_result, i);

		g_variant_builder_add(&steps, "(subs)", s->title, s->line,
				      s->ok, s->got ? s->got : "");
	}
	return g_variant_new(RESULT_TYPE, r->status,
			     r->message ? r->message : "",
			     r->trace ? r->trace : "", r->seconds, &steps);
}

bool isolate_result_from_variant(struct scen_result *r, const void *data,
				 size_t len)
{
	void *copy = g_memdup2(data, len);
	GVariant *v = g_variant_new_from_data(G_VARIANT_TYPE(RESULT_TYPE),
					      copy, len, FALSE, g_free, copy);
	const char *message, *trace, *title, *got;
	GVariantIter *steps;
	guint32 status, line;
	gboolean ok;

	/* GVariant reads any bytes safely: a damaged one gives defaults. */
	g_variant_ref_sink(v);
	g_variant_get(v, "(u&s&sda(subs))", &status, &message, &trace,
		      &r->seconds, &steps);
	r->status = (enum scen_status)status;
	r->message = *message ? g_strdup(message) : NULL;
	r->trace = *trace ? g_strdup(trace) : NULL;
	while (g_variant_iter_loop(steps, "(&sub&s)", &title, &line, &ok,
				   &got)) {
		scen_result_add_step(r, title, line, ok);
		scen_result_step_got(r, *got ? got : NULL);
	}
	g_variant_iter_free(steps);
	g_variant_unref(v);
	return true;
}
