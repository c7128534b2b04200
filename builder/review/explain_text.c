/* SPDX-License-Identifier: MIT */
/*
 * The explanation behind every diagnostic id, sorted by id. Each says what
 * the check protects (isolation, bootability, a runtime limit) and the usual
 * fix. Keep in step with checks.c's catalog and the ids alloc*.c and cmd*.c
 * report; tests/review/run.sh fails when an id has no entry here.
 */
#include "explain.h"

#include <string.h>

const struct explain_entry explain_entries[] = {
	{ "bad-name",
	  "Names of the system, guests and channels become file names (<name>.img, <guest>.dtb),\n"
	  "device-tree strings and console prefixes, so they are limited to [a-z][a-z0-9_-]{0,30}.\n"
	  "Fix: rename the key to lower case letters, digits, '-' and '_', starting with a letter." },
	{ "bad-size",
	  "Sizes and addresses must be exact numbers: decimal, 0x hex, or a number with a K, M, G\n"
	  "or T suffix (powers of 1024). Fractions, spaces and units like 'MB' are refused because\n"
	  "a guessed size silently changes the memory map. Fix: write e.g. 256M, 0x10000000 or 4K." },
	{ "bad-time",
	  "Times in a schedule (period, window length) are a whole number with a unit: us, ms or s\n"
	  "(500us, 4ms, 1s). Fractions, bare numbers and other units are refused so a plan means\n"
	  "exactly one thing; they become nanoseconds in the layout. Fix: write 2500us, not 2.5ms." },
	{ "bad-value",
	  "A value is not one of the words the key allows (for example rights: rw|ro|wo, console:\n"
	  "pl011|none, on_fault: stop|abort|restart, psci: smc|hvc) or a number is out of range.\n"
	  "Fix: use one of the words listed in the message; the JSON Schema in schema/ lists them too." },
	{ "board-invalid",
	  "The board descriptor (boards/<name>/board.yaml) or its device tree lacks something the\n"
	  "runtime depends on: CPUs with MPIDRs, a GIC the runtime supports, the console UART, the\n"
	  "timer interrupts or usable RAM. Fix the board files, not the spec; compare with\n"
	  "boards/qemu-virt/." },
	{ "channel-needs-two",
	  "A channel is shared memory between exactly two guests, so between: must list two guest\n"
	  "names. Fix: between: [a, b]. For more parties, declare one channel per pair." },
	{ "channel-peer-unknown",
	  "A channel's between: or ends: names a guest that the spec does not declare, so no\n"
	  "capability could be given to it. Fix the spelling (the message suggests the nearest\n"
	  "guest) or add the guest." },
	{ "channel-self",
	  "A channel joins a guest to itself. That grants nothing a guest does not already have and\n"
	  "usually hides a typo in between:. Fix: name the two different guests it should join." },
	{ "clock-rate-unknown",
	  "A passed-through device's driver asks for the rate of every clock in its clocks property\n"
	  "and fails to probe without one. The guest tree replaces each clock by a fixed clock, so\n"
	  "its rate must be known at build time. On SoCs whose clocks come from firmware or a clock\n"
	  "controller the guest does not own (ZynqMP, BCM2711, i.MX8) the tree does not say it.\n"
	  "Fix: state it in boards/<board>/board.yaml under clocks: (the provider's node, then the\n"
	  "specifier: {/path/of/provider: {\"57\": 100000000}}, or the device's node, then the\n"
	  "clock-name), or in the spec's device entry: {device: PATH, clocks: {uart_clk: HZ}}." },
	{ "console-conflict",
	  "The guest's virtual console (a trapped PL011 window the runtime emulates) sits at the\n"
	  "same guest-physical address as a passthrough device; the guest would reach one of them\n"
	  "only. Fix: drop one of them, set console: none, or move the console with console_ipa." },
	{ "console-input-twice",
	  "Two guests set console: {input: true}. The runtime owns the board UART and gives what\n"
	  "is typed on it to one virtual console, chosen at build time, so a keystroke can never\n"
	  "reach a guest the spec did not name. Fix: keep input: true on one guest (`partita run\n"
	  "--shell GUEST` picks one for a single run without editing the spec)." },
	{ "console-input-without-console",
	  "A guest asks for the board UART's input but its console type is none, so there is no\n"
	  "virtual PL011 to receive it. Fix: give the guest a pl011 console or drop input: true." },
	{ "console-uart-unsupported",
	  "The runtime prints its log and every guest's console on the board UART named by\n"
	  "board.yaml's console:, and picks its driver from that node's compatible: arm,pl011;\n"
	  "cdns,uart-r1p12, xlnx,xuartps, xlnx,zynqmp-uart (Cadence); fsl,imx21-uart and its i.MX\n"
	  "family (imx6q, imx8mq, ...); ns16550a, ns16550 and snps,dw-apb-uart (16550, with\n"
	  "reg-shift 0-4 and reg-io-width 1 or 4). Any other UART would leave the board silent.\n"
	  "Fix: point console: at a UART of one of these kinds (most SoCs have several), or add\n"
	  "a driver to vmm/drivers/." },
	{ "cpu-duplicate",
	  "A guest lists the same physical CPU twice in cpus:. Each vCPU is pinned to one CPU, and\n"
	  "plans share a CPU between guests, never between two vCPUs of one guest (one would wait\n"
	  "out the other's window while the guest expects both to run). Fix: list each CPU once." },
	{ "cpu-out-of-range",
	  "A CPU number the board does not have (the board's CPUs are numbered from 0 in device\n"
	  "tree order). Fix: use a number below the board's CPU count, see `partita layout`." },
	{ "cpu-shared",
	  "Two guests are pinned to the same physical CPU, and the spec has no plan for it. A CPU\n"
	  "runs one vCPU unless schedule.cpuN cuts its time into fixed windows, so sharing must be\n"
	  "declared (and reviewed: it decides who can delay whom). Fix: give each guest its own\n"
	  "CPUs, or add a plan: schedule: {cpuN: {period: 10ms, windows: [{guest: a, length: 4ms},\n"
	  "{guest: b, length: 6ms}]}}." },
	{ "device-not-found",
	  "A devices: entry (a node path, label or alias) does not exist in the board device tree,\n"
	  "so there is nothing to pass through. Fix: use the path printed by `dtc -I dtb -O dts` of\n"
	  "the board tree, e.g. /pl031@9010000; the message suggests the nearest node." },
	{ "device-not-mmio",
	  "A passthrough device must have CPU-visible registers (reg) or interrupts the GIC routes;\n"
	  "this node has neither (a bus or a clock, say), so the guest could not use it. Fix: pass\n"
	  "the device node itself, not its parent bus or a provider node." },
	{ "device-owned-by-runtime",
	  "The runtime itself owns the console UART, the GIC (distributor, redistributors, ITS) and\n"
	  "their interrupts. Giving one to a guest would let it take over every other guest's\n"
	  "console or interrupts. Fix: remove it from devices:; guests get a virtual console and a\n"
	  "virtual GIC instead." },
	{ "device-owned-twice",
	  "One device is passed through to two guests, or twice to one. Passthrough means exclusive\n"
	  "access: two owners could reprogram the device under each other. Fix: give it to one\n"
	  "guest and share data with a channel." },
	{ "device-page-shared",
	  "Stage-2 translation protects memory in 4 KiB pages. Two devices of different guests that\n"
	  "share a register page cannot be separated, so one guest would reach the other's device.\n"
	  "Fix: give both devices to the same guest, or neither." },
	{ "disk-size",
	  "A virtio-blk disk counts its capacity in 512-byte sectors, so the image must be a whole\n"
	  "number of sectors and not empty. Fix: pad the image (truncate -s or mke2fs with a block\n"
	  "count) to a multiple of 512 bytes." },
	{ "dma-needs-identity",
	  "A DMA-capable device (virtio-mmio, a DMA controller, an ethernet, mmc or usb node) writes\n"
	  "to the physical addresses the guest programs. Without an IOMMU those must equal\n"
	  "guest-physical addresses, otherwise the device writes into another guest's RAM.\n"
	  "Fix: memory: {size: ..., identity: true}." },
	{ "dma-unprotected",
	  "A device that masters DMA writes wherever the guest's driver points it, in physical\n"
	  "addresses. Stage-2 translation does not apply to it; only an SMMU (IOMMU) would, and the\n"
	  "runtime programs none on any board. So the device can read and overwrite the runtime\n"
	  "and every other guest's RAM, by a driver bug or on purpose (this has been shown against\n"
	  "another static partitioning hypervisor on i.MX8). Partita builds such a system only when\n"
	  "the spec says it accepts the risk: write the entry as {device: PATH, dma: unprotected}.\n"
	  "The guest's RAM must also be identity-mapped (dma-needs-identity); layout.txt lists the\n"
	  "device under the guest and partita diff reports a new unprotected DMA owner first." },
	{ "duplicate-key",
	  "A mapping has the same key twice. YAML parsers disagree on which one wins, so Partita\n"
	  "refuses both. Fix: delete or merge one of them (the note points at the first)." },
	{ "entry-outside-ram",
	  "The entry point of a raw or ELF kernel is not inside the guest's RAM, so the vCPU would\n"
	  "start on an unmapped address and fault at once. Fix the entry: value or the ELF's link\n"
	  "address, or move the guest's RAM (memory: {base: ...})." },
	{ "format-too-new",
	  "The spec's top-level partita: names a spec format version newer than this partita\n"
	  "reads. A newer format may give keys meanings this tool does not know, so it stops rather\n"
	  "than guess. Fix: use a partita at least as new as the spec; a spec of an older format\n"
	  "is read as it is, and `partita fmt` rewrites it to the current format." },
	{ "guest-ram-outside-board",
	  "A guest's fixed physical RAM (memory: {phys: ...}) is not inside the board's usable RAM.\n"
	  "Fix: choose a phys address inside the board RAM shown by `partita layout`, or drop phys\n"
	  "and let the allocator place it." },
	{ "guest-ram-overlap",
	  "Two guests' fixed physical RAM ranges overlap: both would read and write the same memory,\n"
	  "which breaks isolation. Fix: move one phys: or shrink a size; use a channel for memory\n"
	  "that is meant to be shared." },
	{ "guest-ram-overlaps-runtime",
	  "The runtime and its layout live at the top of board RAM; a guest's fixed RAM reaches into\n"
	  "that region, where the guest could overwrite the hypervisor. Fix: move or shrink the\n"
	  "guest's memory: {phys: ...} below the runtime region shown by `partita layout`." },
	{ "initrd-with-raw",
	  "An initrd is only handed over through the device tree's /chosen node by the Linux boot\n"
	  "protocol, i.e. to an arm64 Image kernel. A raw or ELF kernel would never see it. Fix: drop\n"
	  "initrd:, or use an arm64 Image kernel." },
	{ "ipa-overlap",
	  "Guest RAM covers the guest-physical address of a passthrough device, the virtual console\n"
	  "or the virtual GIC, so one of them would be hidden. Fix: move the RAM with memory: {base:\n"
	  "...} or shrink it." },
	{ "irq-owned-twice",
	  "Devices of two guests use the same physical interrupt. An interrupt is routed to exactly\n"
	  "one guest, so one of them would never see it (or see the other's). Fix: give both devices\n"
	  "to one guest." },
	{ "limits-exceeded",
	  "The runtime has fixed-size tables (LAYOUT_MAX_* in layout.h): guests, CPUs, vCPUs,\n"
	  "capabilities per guest, payloads, channels, windows per plan, saved-state slots for the\n"
	  "vCPUs on planned CPUs. The spec needs more than it has room for and the runtime would\n"
	  "refuse the image. Fix: fewer guests/devices/\n"
	  "channels/windows, or rebuild the runtime with larger limits (this changes the ABI)." },
	{ "load-outside-ram",
	  "A raw kernel's load: address, or an ELF PT_LOAD segment, lies outside the guest's RAM,\n"
	  "so it could not be copied there. Fix the load: address or the guest's memory base so the\n"
	  "whole kernel fits inside." },
	{ "memory-conflict",
	  "memory: gives both a base (guest-physical address) and identity: true (base equals the\n"
	  "physical address), which contradict each other. Fix: keep one of them." },
	{ "memory-ipa-unaligned",
	  "Memory base/phys and console addresses must be 4 KiB aligned: stage-2 maps whole pages,\n"
	  "so an unaligned region would expose the rest of a page. Fix: round the address to a\n"
	  "multiple of 0x1000." },
	{ "missing-key",
	  "A required key is absent: every spec needs name, board and guests; every guest a\n"
	  "kernel, memory and cpus (a template may supply them). Fix: add the key named." },
	{ "network-guest-twice",
	  "A network gives each listed guest one virtio-net port; a guest listed twice would get two\n"
	  "ports on the same switch, which is almost always a typo. Fix: list each guest once." },
	{ "network-needs-two",
	  "A network is a virtual switch between guests: with fewer than two there is nobody to\n"
	  "talk to. Fix: list at least two guests under guests:, or remove the network." },
	{ "no-cpus",
	  "A guest's cpus: list is empty, so it would never run. Fix: pin it to at least one\n"
	  "physical CPU, e.g. cpus: [1]." },
	{ "no-guests",
	  "The guests: mapping is empty: there is nothing to build. Fix: declare at least one guest." },
	{ "payload-does-not-fit",
	  "After placing the kernel, DTB and initrd in the guest's RAM, one of them does not fit\n"
	  "(the DTB takes the top 2 MiB, the initrd goes below it). Fix: give the guest more memory:\n"
	  "or use a smaller kernel or initrd." },
	{ "payload-format",
	  "A kernel is not in the format it claims or its header is truncated: an arm64 Image needs\n"
	  "the ARM\\x64 magic at 0x38, an ELF must be 64-bit little-endian AArch64 with PT_LOAD\n"
	  "segments. Fix: point kernel: at the uncompressed Image (not vmlinuz.gz) or a proper ELF." },
	{ "payload-missing",
	  "A kernel or initrd file does not exist. Paths are relative to the spec file's folder,\n"
	  "not to the current directory. Fix the path, or build the payload first (e.g. `make`)." },
	{ "payload-too-large",
	  "A kernel or initrd is bigger than the guest's RAM can hold. Fix: raise memory: or use a\n"
	  "smaller payload." },
	{ "payload-unreadable",
	  "A payload path names a directory, FIFO or device, or cannot be read. Partita reads each\n"
	  "payload whole and hashes it, so it must be a regular, readable file. Fix the path or\n"
	  "its permissions." },
	{ "ram-exhausted",
	  "Guests, channels and the runtime together need more RAM than the board has (after\n"
	  "alignment to 2 MiB where possible). Fix: shrink guests' memory:, channels' size:, or use a\n"
	  "board with more RAM." },
	{ "raw-needs-load",
	  "A raw binary has no header saying where it goes, so load: and entry: must be given.\n"
	  "Fix: add load: and entry: (guest-physical), or use an ELF or arm64 Image kernel." },
	{ "schedule-bad-cpu",
	  "Under schedule:, each key names the physical CPU whose plan follows, as cpuN (cpu0,\n"
	  "cpu1, ...; no leading zeros), the same numbers as a guest's cpus: list. Fix: rename the\n"
	  "key, e.g. core0 -> cpu0." },
	{ "schedule-cpu-unused",
	  "A plan for a CPU no guest is pinned to: it could only run idle windows, and a plan that\n"
	  "schedules nobody usually means a guest's cpus: list is wrong. Fix: pin the guests the\n"
	  "plan was meant for to that CPU, or delete the plan." },
	{ "schedule-guest-missing",
	  "A guest has a vCPU pinned to a CPU whose plan gives it no window, so that vCPU would never\n"
	  "run (a guest waiting on it would hang). Every guest on a time-shared CPU gets at least one\n"
	  "window. Fix: add {guest: NAME, length: ...} to the plan (and shorten others to keep the\n"
	  "period), or pin the guest elsewhere." },
	{ "schedule-guest-not-pinned",
	  "A window gives time on a CPU to a guest that has no vCPU pinned there: the runtime switches\n"
	  "between vCPUs already placed on a CPU, it never moves one. Fix: add the CPU to the guest's\n"
	  "cpus: list, or give the window to a guest that is pinned there." },
	{ "schedule-guest-unknown",
	  "A window's guest: names a guest the spec does not declare. Fix the spelling (the message\n"
	  "suggests the nearest name), or use {idle: true, length: ...} for time nobody runs in." },
	{ "schedule-period-mismatch",
	  "A plan's windows must add up to its period exactly: the plan repeats every period, and time\n"
	  "that belongs to no window (or windows that overrun) would make the real timeline differ\n"
	  "from the reviewed one. Fix: adjust the lengths, or add {idle: true, length: ...} for the\n"
	  "time nobody runs in (a guest that idles gives its window to nobody either)." },
	{ "schedule-period-too-long",
	  "The runtime converts plan times to counter ticks in 64-bit arithmetic and bounds a period\n"
	  "at 10 s (LAYOUT_MAX_PERIOD_NS in layout.h); a longer one is refused at boot. Fix: a\n"
	  "shorter period (real plans use milliseconds)." },
	{ "schedule-window-form",
	  "Each window is either {guest: NAME, length: TIME} or {idle: true, length: TIME}: it runs\n"
	  "exactly one guest's vCPU, or nobody. A window with neither, with both, or with idle: false\n"
	  "says nothing definite. Fix: name the guest, or write idle: true." },
	{ "schedule-window-too-short",
	  "Switching vCPUs (saving one's registers, FP/SIMD, timer and GIC state, loading another's)\n"
	  "costs microseconds, so the runtime refuses windows under 10 us (LAYOUT_MIN_WINDOW_NS in\n"
	  "layout.h): most of such a window would go to the switch. Fix: longer windows." },
	{ "segment-outside-ram",
	  "An ELF PT_LOAD segment, after placement, ends outside the guest's RAM. Fix: link the ELF\n"
	  "for the guest's RAM base, or set memory: {base: ...} to where the ELF is linked." },
	{ "size-too-large",
	  "A size overflows 64 bits or exceeds the board's RAM, so it cannot be satisfied. Fix: use\n"
	  "a realistic size (the board's RAM is shown by `partita layout`)." },
	{ "size-unaligned",
	  "RAM and channel sizes must be multiples of 4 KiB, the stage-2 page size; anything else\n"
	  "would share a page with the next region. Fix: round up, e.g. 4K, 64K, 16M." },
	{ "template-nested",
	  "A template names another template. Templates are one level deep so a guest's effective\n"
	  "settings are always the template plus the guest. Fix: copy the needed keys instead." },
	{ "unknown-board",
	  "There is no boards/<name>/board.yaml under the data directory (PARTITA_DATADIR, the\n"
	  "installed share/partita, or the source tree). Fix the board: name or install the board." },
	{ "unknown-guest",
	  "A command named a guest the spec does not declare (e.g. `partita dts SPEC GUEST` or\n"
	  "`partita run --shell GUEST`). Fix: use one of the guest keys under guests:." },
	{ "unknown-key",
	  "A key the spec format does not have. Unknown keys are errors, not ignored, because a\n"
	  "misspelt key (memroy:) would silently fall back to a default. Fix the spelling; the\n"
	  "message suggests the nearest known key." },
	{ "unknown-template",
	  "There is no templates/<name>.yaml for a guest's template:. Fix the name (the message\n"
	  "suggests one) or drop template: and give the keys directly." },
	{ "vcpus-exceed-cpus",
	  "More vCPUs than pinned physical CPUs. Each vCPU is pinned to a CPU of its own (plans share\n"
	  "a CPU between guests, never between vCPUs of one guest). Fix: lower vcpus: or pin the\n"
	  "guest to more CPUs." },
	{ "virtio-guest-unknown",
	  "A disk's guest: or a network's guests: names a guest the spec does not declare, so no\n"
	  "virtio device could be given to it. Fix the spelling (the message suggests the nearest\n"
	  "guest) or add the guest." },
	{ "wrong-type",
	  "A value of the wrong kind: a list where a size belongs, a mapping for a string, and so\n"
	  "on. Fix: write the value in the shape the key expects (see schema/partita.schema.json)." },
	{ "yaml-anchor",
	  "YAML anchors and aliases (&x, *x) are not supported: they make a reviewer look in two\n"
	  "places for one value, and the tool could not point at where a value came from. Fix:\n"
	  "write the value out, or use a template for shared guest settings." },
	{ "yaml-multi-document",
	  "A spec holds exactly one YAML document; a second '---' starts another that would be\n"
	  "ignored. Fix: remove the separator, or split the file into two specs." },
	{ "yaml-syntax",
	  "The file is not well-formed YAML (bad indentation, a tab, an unclosed bracket or quote),\n"
	  "or a mapping key is not a plain word. Fix at the position shown; tabs must be spaces." },
	{ "yaml-tag",
	  "Explicit YAML tags (!!str, !custom) are not supported: every value's type is decided by\n"
	  "its key. Fix: drop the tag; quote the value if it must stay a string." },
};
const int explain_count = sizeof(explain_entries) / sizeof(explain_entries[0]);

const struct explain_entry *explain_find(const char *id)
{
	for (int i = 0; i < explain_count; i++)
		if (!strcmp(explain_entries[i].id, id))
			return &explain_entries[i];
	return NULL;
}
