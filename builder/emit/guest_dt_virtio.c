/* SPDX-License-Identifier: MIT */
/*
 * One `virtio_mmio@<ipa>` node per virtio device of the guest (Linux
 * Documentation/devicetree/bindings/virtio/mmio.yaml): reg, a rising-edge
 * SPI, and dma-coherent, because the runtime reads and writes the rings
 * through cacheable mappings like the guest's own.
 */
#include "guest_dt.h"

#include <libfdt.h>

void guest_dt_virtio(struct guest_dt *w)
{
	const struct alloc *a = w->a;

	for (int i = 0; i < a->virtio_count; i++) {
		const struct alloc_virtio *v = &a->virtio[i];
		if (v->guest != w->gi)
			continue;
		uint64_t reg[2] = { v->ipa, ALLOC_SZ_4K };
		fdt32_t irq[3] = { cpu_to_fdt32(0), cpu_to_fdt32(v->virq - 32), cpu_to_fdt32(1) };
		guest_dt_begin(w, "virtio_mmio@%llx", (unsigned long long)v->ipa);
		guest_dt_str(w, "compatible", "virtio,mmio");
		guest_dt_reg(w, reg, 1);
		guest_dt_prop(w, "interrupts", irq, sizeof(irq));
		guest_dt_prop(w, "dma-coherent", NULL, 0);
		guest_dt_u32(w, "partita,slot", v->slot);
		guest_dt_str(w, "label", v->type == LAYOUT_VIRTIO_CONSOLE ? "console" :
			     v->type == LAYOUT_VIRTIO_BLK ? a->m->disks[v->backend].name :
			     v->type == LAYOUT_VIRTIO_VSOCK ? "vsock" :
			     a->m->networks[v->backend].name);
		guest_dt_end(w);
	}
}
