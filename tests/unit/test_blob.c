/* SPDX-License-Identifier: MIT */
/*
 * Layout blob and image: encode the fixture, decode it back field by field,
 * detect a flipped byte (CRC), bad magic, bad version and truncation; then
 * assemble a whole image and check its header, alignment and inspection.
 */
#include "back_fixture.h"
#include "blob.h"
#include "guest_dt.h"
#include "image.h"
#include "inspect.h"

static uint8_t fake_runtime[5000];

static void test_roundtrip(const struct alloc *a, uint8_t *buf, size_t size)
{
	struct blob_view v;
	char err[128];

	BACK_CHECK("decode ok", blob_decode(buf, size, &v, err, sizeof(err)) == 0);
	BACK_CHECK("guest count", v.hdr->guest_count == 2 && v.hdr->size == size);
	BACK_CHECK("guest name and vmid", !strcmp(v.guests[1].name, "rtos") && v.guests[1].vmid == 2);
	BACK_CHECK("guest entry/dtb", v.guests[0].entry_ipa == a->guests[0].entry_ipa &&
		   v.guests[0].dtb_ipa == a->guests[0].dtb_ipa);
	BACK_CHECK("caps identical", v.hdr->cap_count == (uint32_t)a->cap_count &&
		   !memcmp(v.caps, a->caps, (size_t)a->cap_count * sizeof(*a->caps)));
	BACK_CHECK("payload dest", v.hdr->payload_count == (uint32_t)a->payload_count &&
		   v.payloads[0].dest_pa == a->payloads[0].dest_pa &&
		   v.payloads[0].offset % LAYOUT_ALIGN == 0);
	BACK_CHECK("board record", v.hdr->board.uart_irq == 33 && v.hdr->board.vtimer_irq == 27 &&
		   v.hdr->board.gic_version == 3 && v.hdr->board.cpu_count == 4);
	BACK_CHECK("runtime region", v.hdr->runtime_pa == a->runtime_pa &&
		   v.hdr->image_size == a->image_size);
}

static void test_corruption(uint8_t *buf, size_t size)
{
	struct blob_view v;
	char err[128];

	buf[size - 3] ^= 0x40;
	BACK_CHECK("flipped byte fails CRC", blob_decode(buf, size, &v, err, sizeof(err)) != 0 &&
		   strstr(err, "CRC"));
	buf[size - 3] ^= 0x40;
	buf[0] = 'X';
	BACK_CHECK("bad magic fails", blob_decode(buf, size, &v, err, sizeof(err)) != 0);
	buf[0] = 'P';
	buf[8]++;
	BACK_CHECK("bad version fails", blob_decode(buf, size, &v, err, sizeof(err)) != 0 &&
		   strstr(err, "version"));
	buf[8]--;
	BACK_CHECK("truncated fails", blob_decode(buf, size - 8, &v, err, sizeof(err)) != 0);
	BACK_CHECK("restored decodes", blob_decode(buf, size, &v, err, sizeof(err)) == 0);
}

/* A plan on CPU 0 shared by both fixture guests: tables after the payloads,
 * windows in spec order, each naming the guest's vCPU on that CPU. */
static void test_plan(struct model *m, struct alloc *a)
{
	struct blob_view v;
	char err[128];
	int cpu1 = back_shared_plan(m);

	size_t size = blob_size(a);
	uint8_t *buf = calloc(1, size);
	blob_encode(a, buf);
	BACK_CHECK("plan: decode ok", blob_decode(buf, size, &v, err, sizeof(err)) == 0);
	BACK_CHECK("plan: one plan, three windows", v.hdr->plan_count == 1 &&
		   v.hdr->window_count == 3 && size == v.hdr->size &&
		   v.hdr->window_offset == v.hdr->plan_offset + sizeof(struct layout_plan));
	BACK_CHECK("plan: cpu, period, first window", v.plans[0].cpu == 0 &&
		   v.plans[0].period_ns == 10000000 && v.plans[0].window_count == 3 &&
		   v.plans[0].window_first == 0 && v.plans[0].reserved == 0);
	BACK_CHECK("plan: windows in spec order", v.windows[0].guest == 0 &&
		   v.windows[0].length_ns == 4000000 && v.windows[2].guest == 1 &&
		   v.windows[2].length_ns == 5000000 && v.windows[0].vcpu == 0 &&
		   v.windows[2].vcpu == 0);
	BACK_CHECK("plan: idle window", v.windows[1].guest == LAYOUT_WINDOW_IDLE &&
		   v.windows[1].vcpu == 0 && v.windows[1].length_ns == 1000000);
	BACK_CHECK("plan: tables end the blob", v.hdr->window_offset + 3 * sizeof(struct layout_window) ==
		   v.hdr->size);
	free(buf);
	m->plans = NULL;
	m->plan_count = 0;
	m->guests[1].cpus[0] = cpu1;
}

static void test_image(struct alloc *a)
{
	char err[128];
	uint8_t *img = image_build(a, fake_runtime, sizeof(fake_runtime));
	uint64_t hdr_size = 0;

	for (int i = 7; i >= 0; i--)
		hdr_size = hdr_size << 8 | img[0x10 + i];
	BACK_CHECK("image_size patched to file size", hdr_size == a->image_size);
	BACK_CHECK("blob at align4K(runtime)", a->blob_offset == 0x2000 &&
		   inspect_find_blob(img, (size_t)a->image_size, err, sizeof(err)) == 0x2000);
	BACK_CHECK("runtime bytes kept", !memcmp(img + 0x18, fake_runtime + 0x18,
						 sizeof(fake_runtime) - 0x18));
	const struct alloc_payload *k = &a->payloads[0];
	BACK_CHECK("kernel bytes at its offset", !memcmp(img + k->offset, back_image, sizeof(back_image)));
	FILE *devnull = fopen("/dev/null", "w");
	BACK_CHECK("inspect accepts the image", inspect_image(devnull, img, (size_t)a->image_size) == 0);
	img[a->blob_offset + 300] ^= 1;
	BACK_CHECK("inspect refuses a flipped blob byte",
		   inspect_image(devnull, img, (size_t)a->image_size) != 0);
	fclose(devnull);
	free(img);
}

int main(void)
{
	struct model m;
	struct alloc a;

	memcpy(fake_runtime + 0x38, "ARM\x64", 4);
	back_model(&m);
	BACK_CHECK("plan", alloc_plan(&m, false, &a) == 0);
	BACK_CHECK("device trees", guest_dt_build_all(&a) == 0);
	uint64_t size = image_layout(&a, sizeof(fake_runtime));
	BACK_CHECK("image size 4K aligned", size % LAYOUT_ALIGN == 0);
	BACK_CHECK("runtime placed", alloc_place_runtime(&a, size) == 0);
	uint8_t *buf = calloc(1, blob_size(&a));
	blob_encode(&a, buf);
	test_roundtrip(&a, buf, blob_size(&a));
	BACK_CHECK("no plans: empty tables", ((struct layout_header *)buf)->plan_count == 0 &&
		   ((struct layout_header *)buf)->window_count == 0);
	test_corruption(buf, blob_size(&a));
	free(buf);
	test_plan(&m, &a);
	test_image(&a);
	alloc_free(&a);
	return back_finish();
}
