/* SPDX-License-Identifier: MIT */
/*
 * The check table and the catalog of every diagnostic id. checks_run runs
 * all model checks even after errors, so one run reports every mistake.
 */
#include "checks.h"

#include <string.h>

static const struct {
	const char *name;
	void (*run)(const struct model *m);
} checks_table[] = {
	{ "cpus", checks_cpus },
	{ "vcpus", checks_vcpus },
	{ "sizes", checks_sizes },
	{ "guest-ram", checks_guest_ram },
	{ "ram-total", checks_ram_total },
	{ "payloads", checks_payloads },
	{ "ipa", checks_ipa },
	{ "devices", checks_devices },
	{ "device-sharing", checks_device_sharing },
	{ "channels", checks_channels },
	{ "console-input", checks_console_input },
	{ "limits", checks_limits },
	{ "virtio", checks_virtio },
	{ "schedule", checks_schedule },
};

const struct checks_info checks_catalog[] = {
	{ "bad-name", "a system, guest or channel name is not [a-z][a-z0-9_-]{0,30}" },
	{ "bad-size", "a size or address is not a number with an optional K/M/G/T" },
	{ "bad-time", "a time is not a whole number with us, ms or s" },
	{ "bad-value", "a value is not one of the allowed words, or out of range" },
	{ "board-invalid", "board.yaml or the board device tree lacks what the tool needs" },
	{ "channel-needs-two", "a channel's between: does not name exactly two guests" },
	{ "channel-peer-unknown", "a channel names a guest that does not exist" },
	{ "channel-self", "a channel joins a guest to itself" },
	{ "clock-rate-unknown", "a passthrough device's clock has no rate stated (board.yaml or the spec)" },
	{ "console-conflict", "a passthrough device sits at the guest's virtual console" },
	{ "console-input-twice", "more than one guest asks for the board UART's input" },
	{ "console-input-without-console", "console input for a guest whose console is none" },
	{ "console-uart-unsupported", "the board's console UART has no runtime driver" },
	{ "cpu-duplicate", "a guest lists the same CPU twice" },
	{ "cpu-out-of-range", "a CPU number the board does not have" },
	{ "cpu-shared", "two guests are pinned to the same CPU, which has no schedule plan" },
	{ "device-not-found", "a device path, label or alias is not in the board tree" },
	{ "device-not-mmio", "a device has no CPU-visible reg or non-GIC interrupts" },
	{ "device-owned-by-runtime", "a device the runtime owns: its UART, the GIC, the ITS" },
	{ "device-owned-twice", "one device is given to two guests (or twice to one)" },
	{ "device-page-shared", "devices of two guests share a 4 KiB register page" },
	{ "disk-size", "a disk image is empty or not whole 512-byte sectors" },
	{ "dma-needs-identity", "a DMA-capable device needs identity-mapped guest RAM" },
	{ "dma-unprotected", "a DMA-capable device without an SMMU, not declared dma: unprotected" },
	{ "duplicate-key", "a mapping has the same key twice" },
	{ "entry-outside-ram", "the entry point is outside guest RAM" },
	{ "format-too-new", "the spec's partita: format version is newer than this tool reads" },
	{ "guest-ram-outside-board", "fixed guest RAM (phys) is outside board RAM" },
	{ "guest-ram-overlap", "fixed RAM ranges of two guests overlap" },
	{ "initrd-with-raw", "an initrd for a kernel that is not an arm64 Image" },
	{ "ipa-overlap", "guest RAM covers a passthrough device or the virtual console" },
	{ "irq-owned-twice", "devices of two guests use the same physical interrupt" },
	{ "limits-exceeded", "more guests, vCPUs, capabilities, payloads or windows than the runtime holds" },
	{ "load-outside-ram", "a raw or ELF kernel loads outside guest RAM" },
	{ "memory-conflict", "memory: gives both base and identity: true" },
	{ "memory-ipa-unaligned", "a memory base/phys or console address is not 4 KiB aligned" },
	{ "missing-key", "a required key is absent" },
	{ "network-guest-twice", "a network lists the same guest twice" },
	{ "network-needs-two", "a network joins fewer than two guests" },
	{ "no-cpus", "a guest's cpus: list is empty" },
	{ "no-guests", "the guests: mapping is empty" },
	{ "payload-format", "a kernel is not the declared format, or its header is truncated" },
	{ "payload-missing", "a kernel or initrd file does not exist" },
	{ "payload-too-large", "a kernel or initrd does not fit in guest RAM" },
	{ "payload-unreadable", "a payload path is a directory, FIFO or device, or unreadable" },
	{ "ram-exhausted", "guests and channels together need more RAM than the board has" },
	{ "raw-needs-load", "a raw kernel without load and entry addresses" },
	{ "schedule-bad-cpu", "a schedule key is not cpuN" },
	{ "schedule-cpu-unused", "a plan for a CPU no guest is pinned to" },
	{ "schedule-guest-missing", "a guest pinned to a planned CPU has no window in its plan" },
	{ "schedule-guest-not-pinned", "a window for a guest with no vCPU on that CPU" },
	{ "schedule-guest-unknown", "a window names a guest that does not exist" },
	{ "schedule-period-mismatch", "a plan's windows do not add up to its period" },
	{ "schedule-period-too-long", "a plan's period is longer than the runtime's 10 s" },
	{ "schedule-window-form", "a window names no guest, or both a guest and idle" },
	{ "schedule-window-too-short", "a window is shorter than the runtime's 10 us" },
	{ "size-too-large", "a size overflows 64 bits or exceeds board RAM" },
	{ "size-unaligned", "a RAM or channel size is not a multiple of 4 KiB" },
	{ "template-nested", "a template names another template" },
	{ "unknown-board", "no boards/<name>/board.yaml" },
	{ "unknown-key", "a key the spec format does not have (with a did-you-mean hint)" },
	{ "unknown-template", "no templates/<name>.yaml" },
	{ "vcpus-exceed-cpus", "more vCPUs than pinned CPUs (a guest's vCPUs never share a CPU)" },
	{ "virtio-guest-unknown", "a disk or network names a guest that does not exist" },
	{ "wrong-type", "a value of the wrong kind (e.g. a list where a size belongs)" },
	{ "yaml-anchor", "YAML anchors and aliases are not supported" },
	{ "yaml-multi-document", "more than one YAML document in a spec" },
	{ "yaml-syntax", "the file is not well-formed YAML" },
	{ "yaml-tag", "explicit YAML tags are not supported" },
};
const int checks_catalog_count = sizeof(checks_catalog) / sizeof(checks_catalog[0]);

bool checks_known_id(const char *id)
{
	for (int i = 0; i < checks_catalog_count; i++)
		if (!strcmp(checks_catalog[i].id, id))
			return true;
	return false;
}

int checks_run(struct model *m)
{
	int before = diag_error_count();

	for (size_t i = 0; i < sizeof(checks_table) / sizeof(checks_table[0]); i++)
		checks_table[i].run(m);
	return diag_error_count() - before;
}
