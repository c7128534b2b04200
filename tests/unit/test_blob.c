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
	test_corruption(buf, blob_size(&a));
	free(buf);
	test_image(&a);
	alloc_free(&a);
	return back_finish();
}
