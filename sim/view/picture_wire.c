// SPDX-License-Identifier: GPL-2.0-only
/*
 * A picture as one GVariant, for the pipe from the scenario's process.
 * The child that writes it ran ffa.c, which may have scribbled anywhere,
 * so what comes back is checked as it is read: an actor index out of
 * range or registers of the wrong count make it no picture at all, not a
 * crash of the runner.
 */
#include "sim/view/picture.h"

#define ACTOR_TYPE	"(sss)"
#define ITEM_TYPE	"(iiisatatay)"
#define ROW_TYPE	"(mstayayay)"
#define PICTURE_TYPE	"(a" ACTOR_TYPE "a" ITEM_TYPE "mstbba" ROW_TYPE "sas)"

static GVariant *words(const uint64_t *regs)
{
	return g_variant_new_fixed_array(G_VARIANT_TYPE_UINT64, regs,
					 regs ? SMC_NR_REGS : 0,
					 sizeof(*regs));
}

static GVariant *bytes(const uint8_t *b, unsigned int n)
{
	return g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, b, n, 1);
}

GBytes *scen_picture_to_bytes(const struct scen_picture *p)
{
	const struct explain *e = &p->explain;
	unsigned int nr_moments = p->moments ? p->moments->len : 0;
	GVariantBuilder actors, items, rows, moments;
	GVariant *v;
	GBytes *out;
	unsigned int i;

	g_variant_builder_init(&actors, G_VARIANT_TYPE("a" ACTOR_TYPE));
	for (i = 0; i < e->actors->len; i++) {
		const struct explain_actor_def *a = e->actors->pdata[i];

		g_variant_builder_add(&actors, ACTOR_TYPE, a->id, a->label,
				      a->name);
	}
	g_variant_builder_init(&items, G_VARIANT_TYPE("a" ITEM_TYPE));
	for (i = 0; i < e->items->len; i++) {
		const struct explain_item *it = e->items->pdata[i];

		g_variant_builder_add(&items, "(iiis@at@at@ay)", (gint32)it->kind,
				      (gint32)it->from, (gint32)it->to, it->text,
				      words(it->regs), words(it->request),
				      bytes(it->desc, (unsigned int)it->desc_len));
	}
	g_variant_builder_init(&rows, G_VARIANT_TYPE("a" ROW_TYPE));
	for (i = 0; i < p->rows->len; i++) {
		const struct picture_row *row = p->rows->pdata[i];

		g_variant_builder_add(&rows, "(mst@ay@ay@ay)", row->name,
				      (guint64)row->pa,
				      bytes(row->before, row->nr_pages),
				      bytes(row->after, row->nr_pages),
				      bytes(row->at, row->at ?
					    row->nr_pages * nr_moments : 0));
	}
	g_variant_builder_init(&moments, G_VARIANT_TYPE("as"));
	for (i = 0; i < nr_moments; i++)
		g_variant_builder_add(&moments, "s",
				      (char *)p->moments->pdata[i]);
	v = g_variant_ref_sink(g_variant_new(PICTURE_TYPE, &actors, &items,
					     e->outcome, (guint64)p->page_size,
					     p->booted, p->cut, &rows,
					     p->trace ? p->trace : "",
					     &moments));
	out = g_variant_get_data_as_bytes(v);
	g_variant_unref(v);
	return out;
}

static uint64_t *regs_of(GVariant *v, bool *ok)
{
	gsize n;
	const uint64_t *w = g_variant_get_fixed_array(v, &n, sizeof(*w));

	if (!n)
		return NULL;
	if (n != SMC_NR_REGS) {
		*ok = false;
		return NULL;
	}
	return g_memdup2(w, n * sizeof(*w));
}

static bool read_actors(struct explain *e, GVariant *v)
{
	const char *id, *label, *name;
	GVariantIter it;

	g_variant_iter_init(&it, v);
	while (g_variant_iter_next(&it, "(&s&s&s)", &id, &label, &name)) {
		struct explain_actor_def *a = g_new0(struct explain_actor_def, 1);

		a->id = g_strdup(id);
		a->label = g_strdup(label);
		a->name = g_strdup(name);
		g_ptr_array_add(e->actors, a);
	}
	return e->actors->len > 0;
}

static bool read_items(struct explain *e, GVariant *v)
{
	GVariant *regs, *request, *desc;
	gint32 kind, from, to;
	const char *text;
	GVariantIter it;
	bool ok = true;
	int n = (int)e->actors->len;

	g_variant_iter_init(&it, v);
	while (ok && g_variant_iter_next(&it, "(iii&s@at@at@ay)", &kind, &from,
					 &to, &text, &regs, &request, &desc)) {
		struct explain_item *item = g_new0(struct explain_item, 1);
		gsize nd;
		const uint8_t *d = g_variant_get_fixed_array(desc, &nd, 1);

		g_ptr_array_add(e->items, item);
		item->kind = (enum explain_item_kind)kind;
		item->from = from;
		item->to = to;
		item->text = g_strdup(text);
		item->regs = regs_of(regs, &ok);
		item->request = regs_of(request, &ok);
		if (nd) {
			item->desc = g_memdup2(d, nd);
			item->desc_len = nd;
		}
		g_variant_unref(regs);
		g_variant_unref(request);
		g_variant_unref(desc);
		ok = ok && kind >= EXPLAIN_SECTION && kind <= EXPLAIN_NOTE &&
		     from >= 0 && from < n && to >= 0 && to < n;
	}
	return ok;
}

static bool read_rows(GPtrArray *rows, GVariant *v, gsize nr_moments)
{
	GVariant *before, *after, *at;
	const char *name;
	GVariantIter it;
	guint64 pa;
	gsize nb, na, nt;
	bool ok = true;

	g_variant_iter_init(&it, v);
	while (ok && g_variant_iter_next(&it, "(m&st@ay@ay@ay)", &name, &pa,
					 &before, &after, &at)) {
		struct picture_row *row = g_new0(struct picture_row, 1);
		const uint8_t *b = g_variant_get_fixed_array(before, &nb, 1);
		const uint8_t *a = g_variant_get_fixed_array(after, &na, 1);
		const uint8_t *t = g_variant_get_fixed_array(at, &nt, 1);

		g_ptr_array_add(rows, row);
		row->name = g_strdup(name);
		row->pa = pa;
		ok = nb == na && nb > 0 && nb <= PICTURE_MAX_PAGES &&
		     nt == nb * nr_moments;
		if (ok) {
			row->nr_pages = (unsigned int)nb;
			row->before = g_memdup2(b, nb);
			row->after = g_memdup2(a, na);
			row->at = nt ? g_memdup2(t, nt) : NULL;
		}
		g_variant_unref(before);
		g_variant_unref(after);
		g_variant_unref(at);
	}
	return ok;
}

struct scen_picture *scen_picture_from_bytes(const void *data, size_t len)
{
	GBytes *b = g_bytes_new(data, len);
	GVariant *v = g_variant_ref_sink(g_variant_new_from_bytes(
		G_VARIANT_TYPE(PICTURE_TYPE), b, FALSE));
	struct scen_picture *p = g_new0(struct scen_picture, 1);
	GVariant *actors, *items, *rows;
	const char *outcome, *trace;
	char **moments = NULL, **m;
	gboolean booted, cut;
	guint64 page_size;
	bool ok;

	p->explain.actors = g_ptr_array_new();
	p->explain.items = g_ptr_array_new();
	p->explain.step = -1;
	p->rows = g_ptr_array_new();
	g_variant_get(v, "(@a" ACTOR_TYPE "@a" ITEM_TYPE "m&stbb@a" ROW_TYPE
		      "&s^as)", &actors, &items, &outcome, &page_size, &booted,
		      &cut, &rows, &trace, &moments);
	p->moments = g_ptr_array_new_with_free_func(g_free);
	for (m = moments; m && *m; m++)
		g_ptr_array_add(p->moments, g_strdup(*m));
	g_strfreev(moments);
	ok = read_actors(&p->explain, actors) &&
	     read_items(&p->explain, items) &&
	     read_rows(p->rows, rows, p->moments->len);
	p->explain.outcome = g_strdup(outcome);
	p->page_size = (size_t)page_size;
	p->booted = booted;
	p->cut = cut;
	p->trace = *trace ? g_strdup(trace) : NULL;
	g_variant_unref(actors);
	g_variant_unref(items);
	g_variant_unref(rows);
	g_variant_unref(v);
	g_bytes_unref(b);
	if (!ok || !p->page_size) {
		scen_picture_free(p);
		return NULL;
	}
	return p;
}
