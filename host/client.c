// SPDX-License-Identifier: GPL-2.0-only
/*
 * A minimal client driver on the FF-A bus, as OP-TEE's or the TPM's would
 * be: an ID table of one UUID, a probe that keeps the device, and calls
 * through the device's ffa_ops.  The scenario decides what each call asks;
 * whatever the tree's ops return is what the client gets.
 */
#include <stdlib.h>

#include <linux/arm_ffa.h>
#include <linux/scatterlist.h>

#include <generated/host_variant.h>

#include "host/internal.h"

#define CLIENT_MAX_NOTIFY	64

struct client {
	struct ffa_driver drv;
	struct ffa_device_id ids[2];
	struct ffa_device *dev;
	char name[16];
	unsigned int notified[CLIENT_MAX_NOTIFY];
};

static struct client *clients[HOST_MAX_CLIENTS];

void host_clients_reset(void)
{
	unsigned int i;

	/* The bus that held them is gone: only the memory is ours to free. */
	for (i = 0; i < HOST_MAX_CLIENTS; i++) {
		free(clients[i]);
		clients[i] = NULL;
	}
}

/* Runs inside host_run(): the bus's unregister may reach the driver. */
void host_clients_unregister(void)
{
	unsigned int i;

	for (i = 0; i < HOST_MAX_CLIENTS; i++) {
		if (!clients[i])
			continue;
		ffa_driver_unregister(&clients[i]->drv);
		free(clients[i]);
		clients[i] = NULL;
	}
}

static int client_probe(struct ffa_device *dev)
{
	unsigned int i;

	for (i = 0; i < HOST_MAX_CLIENTS; i++) {
		if (clients[i] && &clients[i]->drv == to_ffa_driver(dev->dev.driver)) {
			if (clients[i]->dev)
				return -EBUSY;
			clients[i]->dev = dev;
			return 0;
		}
	}
	return -ENODEV;
}

static void client_remove(struct ffa_device *dev)
{
	unsigned int i;

	for (i = 0; i < HOST_MAX_CLIENTS; i++)
		if (clients[i] && clients[i]->dev == dev)
			clients[i]->dev = NULL;
}

int host_client_of_device(const void *ffa_dev)
{
	unsigned int i;

	for (i = 0; i < HOST_MAX_CLIENTS; i++)
		if (clients[i] && clients[i]->dev == ffa_dev)
			return (int)i;
	return -1;
}

struct reg_call {
	struct client *c;
	struct host_outcome *o;
};

static void do_register(void *arg)
{
	struct reg_call *r = arg;

	r->o->ret = ffa_register(&r->c->drv);
}

int host_client_register(const uint8_t uuid[16], struct host_outcome *o)
{
	struct reg_call r = { .o = o };
	unsigned int i;

	for (i = 0; i < HOST_MAX_CLIENTS && clients[i]; i++)
		;
	if (i == HOST_MAX_CLIENTS)
		return -1;
	r.c = clients[i] = calloc(1, sizeof(*r.c));
	if (!r.c)
		return -1;
	snprintf(r.c->name, sizeof(r.c->name), "client%u", i);
	memcpy(&r.c->ids[0].uuid, uuid, sizeof(r.c->ids[0].uuid));
	r.c->drv.name = r.c->name;
	r.c->drv.probe = client_probe;
	r.c->drv.remove = client_remove;
	r.c->drv.id_table = r.c->ids;
	host_run(o, do_register, &r);
	return (int)i;
}

static struct ffa_device *client_dev(int client)
{
	if (client < 0 || client >= HOST_MAX_CLIENTS || !clients[client])
		return NULL;
	return clients[client]->dev;
}

int host_client_vm_id(int client)
{
	struct ffa_device *dev = client_dev(client);

	return dev ? dev->vm_id : -1;
}

struct dev_walk {
	struct host_device *out;
	size_t max, n;
};

static int list_one(struct device *d, void *data)
{
	struct dev_walk *w = data;
	struct ffa_device *dev = to_ffa_dev(d);
	struct host_device *h;

	if (w->n < w->max) {
		h = &w->out[w->n];
		snprintf(h->name, sizeof(h->name), "%s", dev_name(d));
		h->vm_id = (uint16_t)dev->vm_id;
		memcpy(h->uuid, &dev->uuid, sizeof(h->uuid));
		h->properties = dev->properties;
		h->mode_32bit = dev->mode_32bit;
		h->client = host_client_of_device(dev);
	}
	w->n++;
	return 0;
}

size_t host_devices(struct host_device *out, size_t max)
{
	struct dev_walk w = { .out = out, .max = max };

	bus_for_each_dev(&ffa_bus_type, NULL, &w, list_one);
	return w.n;
}

struct info_call {
	struct ffa_device *dev;
	const uint8_t *uuid;
	struct host_part *parts;
	size_t max;
	struct host_outcome *o;
};

static void uuid_string(const uint8_t *u, char *s)
{
	snprintf(s, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		 u[10], u[11], u[12], u[13], u[14], u[15]);
}

static void do_partition_info(void *arg)
{
	struct info_call *c = arg;
	struct ffa_partition_info *buf;
	char uuid[37];
	size_t i;

	/* The API fills as many entries as partitions match: room for all. */
	buf = calloc(HOST_MAX_PARTS, sizeof(*buf));
	if (!buf)
		host_bug(__FILE__, __LINE__, "out of memory");
	uuid_string(c->uuid, uuid);
	c->o->ret = c->dev->ops->info_ops->partition_info_get(uuid, buf);
	for (i = 0; i < c->max && i < HOST_MAX_PARTS; i++) {
		c->parts[i].id = buf[i].id;
		c->parts[i].exec_ctxt = buf[i].exec_ctxt;
		c->parts[i].properties = buf[i].properties;
		memcpy(c->parts[i].uuid, &buf[i].uuid, sizeof(c->parts[i].uuid));
	}
	free(buf);
}

static bool need_dev(struct ffa_device *dev, struct host_outcome *o)
{
	memset(o, 0, sizeof(*o));
	if (dev)
		return true;
	o->stop = HOST_RETURNED;
	o->ret = -ENODEV;
	return false;
}

void host_client_partition_info(int client, const uint8_t uuid[16],
				struct host_part *parts, size_t max,
				struct host_outcome *o)
{
	struct info_call c = {
		.dev = client_dev(client), .uuid = uuid, .parts = parts,
		.max = max, .o = o,
	};

	memset(parts, 0, max * sizeof(*parts));
	if (need_dev(c.dev, o))
		host_run(o, do_partition_info, &c);
}

struct direct_call {
	struct ffa_device *dev;
	bool req2;
	uint64_t *data;
	struct host_outcome *o;
};

static void do_direct(void *arg)
{
	struct direct_call *c = arg;
	const struct ffa_msg_ops *ops = c->dev->ops->msg_ops;
	struct ffa_send_direct_data d;
	struct ffa_send_direct_data2 d2;

	if (!c->req2) {
		d = (struct ffa_send_direct_data){
			c->data[0], c->data[1], c->data[2], c->data[3], c->data[4]
		};
		c->o->ret = ops->sync_send_receive(c->dev, &d);
		c->data[0] = d.data0;
		c->data[1] = d.data1;
		c->data[2] = d.data2;
		c->data[3] = d.data3;
		c->data[4] = d.data4;
		return;
	}
	BUILD_BUG_ON(sizeof(d2.data) != 14 * sizeof(uint64_t));
	memcpy(d2.data, c->data, sizeof(d2.data));
#if HOST_SEND2_TAKES_UUID
	c->o->ret = ops->sync_send_receive2(c->dev, &c->dev->uuid, &d2);
#else
	c->o->ret = ops->sync_send_receive2(c->dev, &d2);
#endif
	memcpy(c->data, d2.data, sizeof(d2.data));
}

void host_client_direct(int client, bool req2, uint64_t data[14],
			struct host_outcome *o)
{
	struct direct_call c = {
		.dev = client_dev(client), .req2 = req2, .data = data, .o = o,
	};

	if (need_dev(c.dev, o))
		host_run(o, do_direct, &c);
}

struct indirect_call {
	struct ffa_device *dev;
	const uint8_t *buf;
	size_t len;
	struct host_outcome *o;
};

static void do_indirect(void *arg)
{
	struct indirect_call *c = arg;
	void *copy = malloc(c->len ? c->len : 1);

	if (!copy)
		host_bug(__FILE__, __LINE__, "out of memory");
	memcpy(copy, c->buf, c->len);
	c->o->ret = c->dev->ops->msg_ops->indirect_send(c->dev, copy, c->len);
	free(copy);
}

void host_client_indirect(int client, const uint8_t *buf, size_t len,
			  struct host_outcome *o)
{
	struct indirect_call c = {
		.dev = client_dev(client), .buf = buf, .len = len, .o = o,
	};

	if (need_dev(c.dev, o))
		host_run(o, do_indirect, &c);
}

struct notify_call {
	struct ffa_device *dev;
	struct client *c;
	bool request, per_vcpu;
	unsigned int id;
	struct host_outcome *o;
};

static void notified(int notify_id, void *cb_data)
{
	struct client *c = cb_data;

	if (notify_id >= 0 && notify_id < CLIENT_MAX_NOTIFY)
		c->notified[notify_id]++;
}

static void do_notify(void *arg)
{
	struct notify_call *n = arg;
	const struct ffa_notifier_ops *ops = n->dev->ops->notifier_ops;

	n->o->ret = n->request ?
		ops->notify_request(n->dev, n->per_vcpu, notified, n->c,
				    (int)n->id) :
		ops->notify_relinquish(n->dev, (int)n->id);
}

void host_client_notify(int client, bool request, bool per_vcpu,
			unsigned int id, struct host_outcome *o)
{
	struct notify_call n = {
		.dev = client_dev(client), .request = request,
		.per_vcpu = per_vcpu, .id = id, .o = o,
	};

	if (!need_dev(n.dev, o))
		return;
	n.c = clients[client];
	host_run(o, do_notify, &n);
}

unsigned int host_client_notified(int client, unsigned int id)
{
	if (!client_dev(client) || id >= CLIENT_MAX_NOTIFY)
		return 0;
	return clients[client]->notified[id];
}

struct mem_call {
	struct ffa_device *dev;
	const struct host_mem_args *a;
	struct scatterlist *sg;
	uint64_t *handle;
	struct host_outcome *o;
};

/* The scatterlist the scenario describes: one entry per range. */
static struct scatterlist *build_sg(const struct host_mem_args *a)
{
	struct scatterlist *sg = calloc(a->nr_ranges, sizeof(*sg));
	unsigned int i;

	if (!sg)
		return NULL;
	sg_init_table(sg, a->nr_ranges);
	for (i = 0; i < a->nr_ranges; i++)
		sg_set_page(&sg[i], phys_to_page(a->ranges[i].pa),
			    (unsigned int)(a->ranges[i].pages * PAGE_SIZE), 0);
	return sg;
}

static void do_mem(void *arg)
{
	struct mem_call *c = arg;
	const struct ffa_mem_ops *ops = c->dev->ops->mem_ops;
	struct ffa_mem_region_attributes attrs[HOST_MAX_RECEIVERS];
	struct ffa_mem_ops_args args = { 0 };
	unsigned int i;

	memset(attrs, 0, sizeof(attrs));
	for (i = 0; i < c->a->nr_receivers; i++) {
		attrs[i].receiver = c->a->receivers[i].id;
		attrs[i].attrs = c->a->receivers[i].perms;
	}
	args.use_txbuf = c->a->use_txbuf;
	args.nattrs = c->a->nr_receivers;
	args.flags = c->a->flags;
	args.tag = c->a->tag;
	args.attrs = attrs;
	args.sg = c->sg;
	c->o->ret = c->a->lend ? ops->memory_lend(&args) :
				 ops->memory_share(&args);
	*c->handle = args.g_handle;
}

void host_client_mem(int client, const struct host_mem_args *a,
		     uint64_t *handle, struct host_outcome *o)
{
	struct mem_call c = {
		.dev = client_dev(client), .a = a, .handle = handle, .o = o,
	};

	*handle = 0;
	if (!need_dev(c.dev, o))
		return;
	/* The driver walks args.sg along the list: keep where it starts. */
	c.sg = build_sg(a);
	if (!c.sg) {
		o->ret = -ENOMEM;
		return;
	}
	host_run(o, do_mem, &c);
	free(c.sg);
}

struct reclaim_call {
	struct ffa_device *dev;
	uint64_t handle;
	uint32_t flags;
	struct host_outcome *o;
};

static void do_reclaim(void *arg)
{
	struct reclaim_call *c = arg;

	c->o->ret = c->dev->ops->mem_ops->memory_reclaim(c->handle, c->flags);
}

void host_client_reclaim(int client, uint64_t handle, uint32_t flags,
			 struct host_outcome *o)
{
	struct reclaim_call c = {
		.dev = client_dev(client), .handle = handle, .flags = flags,
		.o = o,
	};

	if (need_dev(c.dev, o))
		host_run(o, do_reclaim, &c);
}
