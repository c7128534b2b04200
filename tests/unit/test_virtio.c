// SPDX-License-Identifier: MIT
/*
 * Back-end unit test for virtio (alloc_virtio.c, guest_dt_virtio.c): on the
 * fixture system plus a read-only disk for rtos and network lan between both
 * guests: windows after the channel windows, INTIDs after the doorbells,
 * slots from 128, MACs from SHA-256("lan/<guest>"), the DISK payload used in
 * place in the runtime region, and trees that pass the cross-check.
 */
#include "back_fixture.h"
#include "crosscheck.h"
#include "guest_dt.h"
#include "image.h"
#include "sha256.h"

static const struct alloc_virtio *dev_of(const struct alloc *a, int gi, uint32_t slot)
{
	for (int i = 0; i < a->virtio_count; i++)
		if (a->virtio[i].guest == gi && a->virtio[i].slot == slot)
			return &a->virtio[i];
	return NULL;
}

static void add_virtio(struct model *m)
{
	static uint8_t disk[1024];
	static struct model_disk d;
	static struct model_network n;

	d = (struct model_disk){ .name = "data", .guest = 1, .readonly = true };
	d.image = (struct model_file){ .path = "data.img", .data = disk, .size = sizeof(disk) };
	n = (struct model_network){ .name = "lan", .guest_count = 2 };
	n.guests[0] = 0;
	n.guests[1] = 1;
	m->disks = &d;
	m->disk_count = 1;
	m->networks = &n;
	m->network_count = 1;
}

static bool mac_ok(const uint8_t *mac, const char *guest)
{
	char text[64];
	uint8_t h[SHA256_SIZE];
	struct sha256 s;

	snprintf(text, sizeof(text), "lan/%s", guest);
	sha256_init(&s);
	sha256_update(&s, text, strlen(text));
	sha256_final(&s, h);
	h[0] = (uint8_t)((h[0] & 0xFC) | 2);
	return !memcmp(mac, h, 6);
}

static void test_devices(const struct alloc *a)
{
	const struct alloc_virtio *l = dev_of(a, 0, 128), *b = dev_of(a, 1, 128),
				  *r = dev_of(a, 1, 129);

	BACK_CHECK("three devices", a->virtio_count == 3);
	BACK_CHECK("linux0: net at slot 128", l && l->type == LAYOUT_VIRTIO_NET);
	BACK_CHECK("rtos: disk first, then net", b && b->type == LAYOUT_VIRTIO_BLK &&
		   r && r->type == LAYOUT_VIRTIO_NET);
	BACK_CHECK("window after linux0's channel window, 2M aligned", l && l->ipa == 0x50200000);
	BACK_CHECK("rtos windows 4K apart", b && r && b->ipa == 0x41200000 &&
		   r->ipa == 0x41201000);
	BACK_CHECK("INTIDs after the doorbell", l && l->virq == 97 && b && b->virq == 97 &&
		   r && r->virq == 98);
	BACK_CHECK("MACs from the names", l && r && mac_ok(l->mac, "linux0") &&
		   mac_ok(r->mac, "rtos") && memcmp(l->mac, r->mac, 6));
}

static void test_caps(const struct alloc *a)
{
	const struct alloc_virtio *b = dev_of(a, 1, 128), *r = dev_of(a, 1, 129);
	const struct layout_cap *cb = b ? &a->caps[b->cap] : NULL;
	const struct layout_cap *cr = r ? &a->caps[r->cap] : NULL;
	uint64_t mac = 0;

	for (int i = 0; r && i < 6; i++)
		mac |= (uint64_t)r->mac[i] << (8 * i);
	BACK_CHECK("blk cap: read-only, type 2, window", cb && cb->kind == LAYOUT_CAP_VIRTIO &&
		   cb->rights == LAYOUT_RIGHT_R && cb->object == LAYOUT_VIRTIO_BLK &&
		   cb->ipa == 0x41200000 && cb->size == 0x1000 && cb->virt_irq == 97);
	BACK_CHECK("net cap carries the MAC and the network", cr && cr->pa == mac &&
		   cr->peer == 0 && cr->object == LAYOUT_VIRTIO_NET);
	BACK_CHECK("virtio caps last in the guest's group", cr &&
		   r->cap == a->guests[1].cap_first + a->guests[1].cap_count - 1);
}

static void test_disk(struct alloc *a)
{
	const struct alloc_virtio *b = dev_of(a, 1, 128);
	const struct alloc_payload *p = b ? &a->payloads[b->payload] : NULL;
	uint64_t size = image_layout(a, 0x3000);

	BACK_CHECK("disk payload in rtos's group", p && p->kind == LAYOUT_PAYLOAD_DISK &&
		   b->payload >= a->guests[1].payload_first &&
		   b->payload < a->guests[1].payload_first + a->guests[1].payload_count);
	BACK_CHECK("runtime placed", alloc_place_runtime(a, size) == 0);
	BACK_CHECK("disk used in place in the runtime region", p &&
		   p->dest_pa == a->runtime_pa + p->offset && a->caps[b->cap].pa == p->dest_pa &&
		   p->dest_pa + p->file_size <= a->runtime_pa + a->runtime_size);
}

int main(void)
{
	struct model m;
	struct alloc a;

	back_model(&m);
	add_virtio(&m);
	BACK_CHECK("plan succeeds", alloc_plan(&m, false, &a) == 0);
	test_devices(&a);
	test_caps(&a);
	BACK_CHECK("trees built and cross-checked", guest_dt_build_all(&a) == 0 &&
		   crosscheck_all(&a) == 0);
	test_disk(&a);
	alloc_free(&a);
	return back_finish();
}
