/* SPDX-License-Identifier: MIT */
/*
 * spec_load on the good specs of tests/specs/good: the typed model carries
 * the spec's values, template defaults (the guest's own keys winning),
 * sniffed payloads, resolved devices and source positions.
 */
#include <unistd.h>

#include "front_check.h"
#include "model.h"

static const struct model_guest *guest(const struct model *m, const char *name)
{
	for (int i = 0; i < m->guest_count; i++)
		if (!strcmp(m->guests[i].name, name))
			return &m->guests[i];
	return NULL;
}

static void test_demo(void)
{
	struct model m;

	diag_reset();
	FRONT_CHECK("spec: demo loads", spec_load("tests/specs/good/demo.yaml", &m) == 0);
	FRONT_CHECK("spec: demo passes checks", checks_run(&m) == 0);
	const struct model_guest *l = guest(&m, "linux0"), *r = guest(&m, "rtos");
	FRONT_CHECK("spec: name and two guests in order", m.name && !strcmp(m.name, "demo") &&
		    m.guest_count == 2 && l == &m.guests[0] && r == &m.guests[1]);
	if (!l || !r)
		return;
	FRONT_CHECK("spec: linux0 Image sniffed", l->kernel.format == KERNEL_IMAGE &&
		    l->kernel.image_size == 0x2000 && l->kernel.text_offset == 0);
	FRONT_CHECK("spec: own bootargs win over the template",
		    !strcmp(l->bootargs, "console=ttyAMA0"));
	FRONT_CHECK("spec: template name and console default", !strcmp(l->template_name, "linux") &&
		    l->console == LAYOUT_CONSOLE_PL011 && l->console_ipa == 0x9000000);
	FRONT_CHECK("spec: memory and cpus", l->mem_size == 256ull << 20 && l->cpu_count == 1 &&
		    l->cpus[0] == 0 && l->vcpus == 1 && !l->mem_ipa_set && !l->mem_phys_set);
	FRONT_CHECK("spec: initrd read", l->has_initrd && l->initrd.size == 13);
	FRONT_CHECK("spec: pl031 resolved", l->device_count == 1 &&
		    !strcmp(l->devices[0].path, "/pl031@9010000") && l->devices[0].reg[0].pa ==
		    0x9010000 && l->devices[0].irq_count == 1 && l->devices[0].irq[0].intid == 34);
	FRONT_CHECK("spec: device position 13:15", l->devices[0].pos.line == 13 &&
		    l->devices[0].pos.col == 15);
	FRONT_CHECK("spec: rtos ELF with one segment", r->kernel.format == KERNEL_ELF &&
		    r->kernel.seg_count == 1 && r->kernel.seg[0].ipa == 0x40000000 &&
		    r->kernel.seg[0].file_size == 8 && r->kernel.entry == 0x40000000);
	FRONT_CHECK("spec: no template: empty bootargs, stop on fault",
		    !r->template_name && !strcmp(r->bootargs, "") &&
		    r->on_fault == LAYOUT_ON_FAULT_STOP);
	FRONT_CHECK("spec: channel", m.channel_count == 1 && m.channels[0].size == 4096 &&
		    m.channels[0].end[0].guest == 0 && m.channels[0].end[1].guest == 1 &&
		    m.channels[0].end[0].notify &&
		    m.channels[0].end[1].rights == (LAYOUT_RIGHT_R | LAYOUT_RIGHT_W));
	FRONT_CHECK("spec: board position", m.board.pos.line == 4 && m.board.pos.col == 8);
	model_free(&m);
}

static void test_every_key(void)
{
	struct model m;

	diag_reset();
	FRONT_CHECK("spec: every-key loads", spec_load("tests/specs/good/every-key.yaml", &m) == 0);
	FRONT_CHECK("spec: every-key passes checks", checks_run(&m) == 0);
	const struct model_guest *l = guest(&m, "linux0"), *c = guest(&m, "ctl"),
		*o = guest(&m, "old");
	if (!l || !c || !o)
		return;
	FRONT_CHECK("spec: memory base", l->mem_ipa_set && l->mem_ipa == 0x40000000 &&
		    l->mem_size == 0x10000000);
	FRONT_CHECK("spec: template bootargs apply", !strcmp(l->bootargs,
		    "console=ttyAMA0 earlycon"));
	FRONT_CHECK("spec: two vCPUs on CPUs 0 and 1", l->vcpus == 2 && l->cpu_count == 2 &&
		    l->cpus[1] == 1 && l->cpu_pos[1].col == 15);
	FRONT_CHECK("spec: restart overrides nothing in linux template",
		    l->on_fault == LAYOUT_ON_FAULT_RESTART);
	FRONT_CHECK("spec: device by node name", l->device_count == 2 &&
		    !strcmp(l->devices[1].path, "/pl061@9030000"));
	FRONT_CHECK("spec: raw kernel at load/entry", c->kernel.format == KERNEL_RAW &&
		    c->kernel.seg[0].ipa == 0x60000000 && c->kernel.entry == 0x60000000);
	FRONT_CHECK("spec: identity phys memory", c->mem_identity && c->mem_phys_set &&
		    c->mem_phys == 0x60000000 && c->mem_ipa_set && c->mem_ipa == 0x60000000);
	FRONT_CHECK("spec: console none, baremetal template restart",
		    c->console == LAYOUT_CONSOLE_NONE && c->on_fault == LAYOUT_ON_FAULT_RESTART);
	FRONT_CHECK("spec: virtio is DMA capable", c->device_count == 1 && c->devices[0].dma_capable);
	FRONT_CHECK("spec: old Image: image_size 0 means text_offset 0x80000",
		    o->kernel.format == KERNEL_IMAGE && o->kernel.text_offset == 0x80000 &&
		    o->kernel.image_size == 128 && o->on_fault == LAYOUT_ON_FAULT_ABORT);
	FRONT_CHECK("spec: channel end options", m.channel_count == 2 &&
		    m.channels[0].size == 64 << 10 && m.channels[0].end[1].rights == LAYOUT_RIGHT_R &&
		    !m.channels[0].end[1].notify && m.channels[0].end[0].notify);
	FRONT_CHECK("spec: channel size defaults to 4K", m.channels[1].size == 4096);
	model_free(&m);
}

static void test_partial(void)
{
	struct model m;

	diag_reset();
	FRONT_CHECK("spec: bad spec counts errors",
		    spec_load("tests/specs/bad/unknown-key.yaml", &m) == 2);
	checks_run(&m);
	model_free(&m);
	FRONT_CHECK("spec: model_free twice is safe", (model_free(&m), m.guests == NULL));
	diag_reset();
	FRONT_CHECK("spec: missing file is one error",
		    spec_load("tests/specs/no-such.yaml", &m) == 1);
	model_free(&m);
}

/* Two guests share a template with a misspelt key: one error, not two. */
static void test_template_reported_once(void)
{
	char cwd[256], spec[4096];
	const char *path = "build/tests/unit/two-typo.yaml";
	FILE *f = fopen(path, "w");
	struct model m;

	if (!getcwd(cwd, sizeof(cwd)) || !f) {
		FRONT_CHECK("spec: can write a temporary spec", false);
		return;
	}
	snprintf(spec, sizeof(spec), "name: t\nboard: qemu-virt\nguests:\n"
		 "  a: {template: %s/tests/specs/templates/typo.yaml, kernel: %s/tests/specs/payloads/Image, memory: 16M, cpus: [0]}\n"
		 "  b: {template: %s/tests/specs/templates/typo.yaml, kernel: %s/tests/specs/payloads/Image, memory: 16M, cpus: [1]}\n",
		 cwd, cwd, cwd, cwd);
	fputs(spec, f);
	fclose(f);
	diag_reset();
	FRONT_CHECK("spec: template mistake reported once for two guests",
		    spec_load(path, &m) == 1 && m.guest_count == 2 &&
		    m.guests[1].on_fault == LAYOUT_ON_FAULT_STOP);
	model_free(&m);
}

int main(void)
{
	test_demo();
	test_every_key();
	test_partial();
	test_template_reported_once();
	return front_finish();
}
