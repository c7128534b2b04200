/* SPDX-License-Identifier: MIT */
/*
 * Guest device trees of the fixture: fdt_check_full passes, the expected
 * nodes and rewritten properties are there, the cross-check accepts them and
 * rejects a tree that shows a window no capability covers.
 */
#include "back_fixture.h"
#include "crosscheck.h"
#include "guest_dt.h"

static uint32_t prop_u32(const void *fdt, const char *path, const char *name, int idx)
{
	int len, node = fdt_path_offset(fdt, path);
	const fdt32_t *p = node < 0 ? NULL : fdt_getprop(fdt, node, name, &len);

	return p && (idx + 1) * 4 <= len ? fdt32_to_cpu(p[idx]) : 0xffffffffu;
}

static void test_nodes(const void *dtb)
{
	static const char *const paths[] = {
		"/chosen", "/aliases", "/memory@40000000", "/cpus/cpu@0", "/psci", "/timer",
		"/intc@8000000", "/apb-pclk", "/pl011@9000000", "/pl031@9010000",
		"/channel@50000000",
	};
	char name[80];

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		snprintf(name, sizeof(name), "node %s present", paths[i]);
		BACK_CHECK(name, fdt_path_offset(dtb, paths[i]) >= 0);
	}
	BACK_CHECK("no board-only node leaks", fdt_path_offset(dtb, "/virtio_mmio@a000000") < 0);
	BACK_CHECK("interrupt-parent is the GIC", prop_u32(dtb, "/", "interrupt-parent", 0) ==
		   prop_u32(dtb, "/intc@8000000", "phandle", 0));
	BACK_CHECK("rtc keeps SPI 2", prop_u32(dtb, "/pl031@9010000", "interrupts", 1) == 2);
	BACK_CHECK("rtc clock points at the copied clock",
		   prop_u32(dtb, "/pl031@9010000", "clocks", 0) ==
		   prop_u32(dtb, "/apb-pclk", "phandle", 0));
	int rtc = fdt_path_offset(dtb, "/pl031@9010000");
	BACK_CHECK("board interrupt-parent dropped",
		   !fdt_getprop(dtb, rtc, "interrupt-parent", NULL));
	BACK_CHECK("doorbell SPI 64 rising edge",
		   prop_u32(dtb, "/channel@50000000", "interrupts", 1) == 64 &&
		   prop_u32(dtb, "/channel@50000000", "interrupts", 2) == 1);
	BACK_CHECK("channel slot property", prop_u32(dtb, "/channel@50000000", "partita,slot", 0) == 96);
	int chosen = fdt_path_offset(dtb, "/chosen");
	const char *bootargs = fdt_getprop(dtb, chosen, "bootargs", NULL);
	BACK_CHECK("bootargs", bootargs && !strcmp(bootargs, "console=ttyAMA0"));
	BACK_CHECK("initrd-start u64", fdt_getprop(dtb, chosen, "linux,initrd-start", NULL) != NULL);
}

/* A copy of dtb with one extra top-level node showing an uncovered window. */
static void *tampered(const void *dtb)
{
	size_t size = fdt_totalsize(dtb) + 256;
	void *t = malloc(size);
	fdt64_t reg[2] = { cpu_to_fdt64(0x0a000000), cpu_to_fdt64(0x200) };

	fdt_open_into(dtb, t, (int)size);
	int node = fdt_add_subnode(t, 0, "virtio_mmio@a000000");
	fdt_setprop(t, node, "reg", reg, sizeof(reg));
	return t;
}

/* A copy of dtb with a /pmu node whose overflow interrupt is PPI ppi. */
static void *with_pmu(const void *dtb, uint32_t ppi)
{
	size_t size = fdt_totalsize(dtb) + 256;
	void *t = malloc(size);
	fdt32_t irq[3] = { cpu_to_fdt32(1), cpu_to_fdt32(ppi), cpu_to_fdt32(4) };

	fdt_open_into(dtb, t, (int)size);
	int node = fdt_add_subnode(t, 0, "pmu");
	fdt_setprop_string(t, node, "compatible", "arm,armv8-pmuv3");
	fdt_setprop(t, node, "interrupts", irq, sizeof(irq));
	return t;
}

/* The PMU node needs no capability, but only PPI 7 (INTID 23) reaches it. */
static void test_pmu(struct alloc *a)
{
	void *t;

	BACK_CHECK("no /pmu when the board tree has none", fdt_path_offset(a->guests[0].dtb, "/pmu") < 0);
	t = with_pmu(a->guests[0].dtb, 7);
	BACK_CHECK("cross-check takes /pmu on PPI 7", crosscheck_guest(a, 0, t) == 0);
	free(t);
	t = with_pmu(a->guests[0].dtb, 8);
	BACK_CHECK("cross-check refuses /pmu on PPI 8", crosscheck_guest(a, 0, t) == 1);
	free(t);
}

static void test_gicv2(struct model *m)
{
	struct alloc a;

	m->board.gic_version = 2;
	m->board.gicd = (struct model_reg){ 0x08000000, 0x10000 };
	m->board.gicr = (struct model_reg){ 0, 0 };
	m->board.gicc = (struct model_reg){ 0x08010000, 0x10000 };
	BACK_CHECK("v2 plan", alloc_plan(m, false, &a) == 0 && guest_dt_build_all(&a) == 0);
	const void *dtb = a.guests[0].dtb;
	int gic = fdt_path_offset(dtb, "/intc@8000000");
	BACK_CHECK("v2 GIC node", gic >= 0 && !fdt_node_check_compatible(dtb, gic, "arm,cortex-a15-gic"));
	BACK_CHECK("v2 CPU interface at gicc", prop_u32(dtb, "/intc@8000000", "reg", 5) == 0x08010000);
	BACK_CHECK("v2 vgicr_ipa holds gicc", a.guests[0].vgicr_ipa == 0x08010000);
	BACK_CHECK("v2 cross-check", crosscheck_all(&a) == 0);
	alloc_free(&a);
	m->board.gic_version = 3;
}

int main(void)
{
	struct model m;
	struct alloc a;

	back_model(&m);
	BACK_CHECK("plan", alloc_plan(&m, false, &a) == 0);
	BACK_CHECK("build all trees", guest_dt_build_all(&a) == 0);
	BACK_CHECK("fdt_check_full linux0", fdt_check_full(a.guests[0].dtb, a.guests[0].dtb_size) == 0);
	BACK_CHECK("fdt_check_full rtos", fdt_check_full(a.guests[1].dtb, a.guests[1].dtb_size) == 0);
	BACK_CHECK("DTB payload filled", a.payloads[a.guests[0].dtb_payload].data == a.guests[0].dtb);
	test_nodes(a.guests[0].dtb);
	BACK_CHECK("rtos has no rtc", fdt_path_offset(a.guests[1].dtb, "/pl031@9010000") < 0);
	BACK_CHECK("cross-check passes", crosscheck_all(&a) == 0);
	void *t = tampered(a.guests[0].dtb);
	BACK_CHECK("cross-check catches an uncovered window", crosscheck_guest(&a, 0, t) == 1);
	free(t);
	test_pmu(&a);
	struct alloc b;
	alloc_plan(&m, false, &b);
	guest_dt_build_all(&b);
	BACK_CHECK("byte-identical trees run to run", b.guests[0].dtb_size == a.guests[0].dtb_size &&
		   !memcmp(a.guests[0].dtb, b.guests[0].dtb, a.guests[0].dtb_size));
	alloc_free(&b);
	alloc_free(&a);
	test_gicv2(&m);
	return back_finish();
}
