/* SPDX-License-Identifier: MIT */
/*
 * The typed system model: what the spec means, after YAML loading, templates
 * and board defaults, with the source position of everything a diagnostic may
 * point at. The front end (yaml -> spec -> checks) fills it; the back end
 * (alloc -> blob, device trees, image, report) reads it and never reports
 * user errors.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "partita/layout.h"

#define MODEL_MAX_REGS 4  /* reg windows / interrupts per passthrough device */
#define MODEL_MAX_SEGS 8  /* ELF PT_LOAD segments per kernel */
#define MODEL_MAX_CLOCKS 8 /* clocks entries per passthrough device */
#define MODEL_MAX_CELLS 4  /* clock specifier cells */

/* A file the spec names, read whole into memory by the front end. */
struct model_file {
	char *path;            /* as resolved (relative to the spec's folder) */
	struct srcpos pos;     /* where the spec names it */
	uint8_t *data;
	size_t size;
};

enum kernel_format {
	KERNEL_IMAGE = 1,      /* arm64 Linux Image ("ARM\x64" at 0x38) */
	KERNEL_ELF   = 2,      /* ELF64 AArch64, loaded by PT_LOAD */
	KERNEL_RAW   = 3,      /* raw binary at `load`, starts at `entry` */
};

struct model_segment {
	uint64_t ipa;          /* guest-physical load address (ELF p_paddr) */
	uint64_t file_offset;  /* in model_kernel.file.data */
	uint64_t file_size;
	uint64_t mem_size;     /* >= file_size; the rest is zeroed */
};

struct model_kernel {
	struct model_file file;
	enum kernel_format format;
	uint64_t text_offset;  /* Image: from the header */
	uint64_t image_size;   /* Image: effective size incl. bss, from the header */
	uint64_t entry;        /* ELF and raw: guest-physical entry point */
	struct model_segment seg[MODEL_MAX_SEGS]; /* ELF and raw (one segment) */
	int seg_count;
};

struct model_reg {
	uint64_t pa;
	uint64_t size;
};

struct model_irq {
	uint32_t intid;        /* GIC INTID (SPI n => 32 + n) */
	uint32_t dt_flags;     /* third cell of the board's interrupts property */
};

/* A rate stated for a clock: by clock-name or index (spec device entries, or
 * board.yaml under a device path), or by specifier (board.yaml under a
 * clock provider's path). */
struct model_rate {
	char *key;             /* clock-name, index, or specifier cells "0 56" */
	uint64_t hz;
	struct srcpos pos;
};

/* One entry of a passthrough device's clocks property, as resolved. */
struct model_clock {
	char *name;            /* its clock-names entry, or NULL */
	int provider;          /* board offset of the provider node */
	uint32_t cells[MODEL_MAX_CELLS];
	int cell_count;
	uint64_t hz;           /* 0: the provider is a board fixed-clock, copied */
	const struct srcpos *from;  /* where the rate was stated (NULL for a fixed-clock) */
};

/* A passthrough device, resolved against the board device tree. */
struct model_device {
	char *ref;             /* as written: path, label or alias */
	char *path;            /* full node path in the board tree */
	struct srcpos pos;
	int node;              /* node offset in model_board.fdt */
	struct model_reg reg[MODEL_MAX_REGS];
	int reg_count;
	struct model_irq irq[MODEL_MAX_REGS];
	int irq_count;
	bool dma_capable;
	bool dma_unprotected;  /* dma: unprotected (declared: no SMMU stops it) */
	struct srcpos dma_pos;
	struct model_rate *rates;   /* the spec entry's clocks: {name: Hz} */
	int rate_count;
	struct model_clock clocks[MODEL_MAX_CLOCKS];
	int clock_count;
};

struct model_guest {
	char *name;
	struct srcpos pos;            /* the guest's key */
	char *template_name;          /* NULL when none */
	struct model_kernel kernel;
	bool has_initrd;
	struct model_file initrd;
	char *bootargs;               /* "" when none */
	uint64_t mem_size;
	struct srcpos mem_pos;
	bool mem_ipa_set;             /* memory: {base: ...} */
	uint64_t mem_ipa;
	bool mem_phys_set;            /* memory: {phys: ...} */
	uint64_t mem_phys;
	bool mem_identity;            /* memory: {identity: true}: ipa == pa */
	int cpus[LAYOUT_MAX_CPUS];    /* physical CPUs; vCPU i runs on cpus[i] */
	int cpu_count;
	struct srcpos cpus_pos;
	int vcpus;                    /* == cpu_count unless the spec says more */
	bool has_entry, has_load;
	uint64_t entry, load;         /* raw binaries */
	enum layout_console_kind console;
	uint64_t console_ipa;         /* default: the board UART's address */
	bool console_input;           /* console: {input: true}: the board UART's input */
	bool console_virtio;          /* console: virtio (hvc0); console is then NONE */
	bool vsock;                   /* vsock: true: a virtio-vsock device */
	struct srcpos console_input_pos;
	enum layout_on_fault on_fault;
	struct model_device *devices;
	int device_count;
	/* Front-end positions for diagnostics (the back end may ignore them). */
	struct srcpos cpu_pos[LAYOUT_MAX_CPUS];  /* each `cpus:` item */
	struct srcpos vcpus_pos, entry_pos, load_pos, console_pos, template_pos;
	struct srcpos mem_addr_pos;   /* memory: base/phys value */
};

struct model_channel_end {
	int guest;                    /* index into model.guests */
	uint16_t rights;              /* LAYOUT_RIGHT_R | LAYOUT_RIGHT_W */
	bool notify;                  /* may ring the peer's doorbell */
	struct srcpos pos;
};

struct model_channel {
	char *name;
	struct srcpos pos;
	struct model_channel_end end[2];
	uint64_t size;
	struct srcpos size_pos;
};

/* A virtio-blk RAM disk: `disks.<name>: {image, guest, readonly}`. */
struct model_disk {
	char *name;
	struct srcpos pos;
	struct model_file image;      /* read whole; packed into the system image */
	int guest;                    /* index into model.guests, -1 if unknown */
	struct srcpos guest_pos;
	bool readonly;
};

/* A virtual switch: `networks.<name>: {guests: [a, b, ...]}`. */
struct model_network {
	char *name;
	struct srcpos pos;
	int guests[LAYOUT_MAX_GUESTS];  /* indices into model.guests, -1 if unknown */
	struct srcpos guest_pos[LAYOUT_MAX_GUESTS];
	int guest_count;
	struct srcpos guests_pos;     /* the guests: list */
};

/*
 * Time partitioning: `schedule.cpuN: {period, windows: [...]}`, the cyclic
 * plan of physical CPU N. Windows run in spec order from the period start;
 * an idle window runs nobody. Times are nanoseconds, as in the blob.
 */
#define MODEL_WINDOW_IDLE (-1)     /* model_window.guest: an idle window */
#define MODEL_WINDOW_UNKNOWN (-2)  /* names no guest (already reported) */

struct model_window {
	int guest;                    /* index into model.guests, or the two above */
	uint64_t length_ns;           /* 0 when it failed to parse (reported) */
	struct srcpos pos;            /* the window's entry */
	struct srcpos guest_pos;      /* its guest: (or idle:) value */
	struct srcpos length_pos;
};

struct model_plan {
	int cpu;                      /* physical CPU index */
	struct srcpos pos;            /* the cpuN key */
	uint64_t period_ns;           /* 0 when it failed to parse (reported) */
	struct srcpos period_pos;
	struct model_window *windows; /* in spec order */
	int window_count;
	struct srcpos windows_pos;    /* line 0: no windows key */
};

/* The board: descriptor (boards/<name>/board.yaml) plus its device tree. */
struct model_board {
	char *name;
	char *dir;                    /* boards/<name> */
	struct srcpos pos;            /* the spec's `board:` value */
	void *fdt;                    /* board device tree blob (owned) */
	size_t fdt_size;
	uint64_t ram_base;            /* RAM usable by guests and the runtime */
	uint64_t ram_size;
	int cpu_count;
	uint64_t cpu_mpidr[LAYOUT_MAX_CPUS];
	char *cpu_compatible;         /* e.g. "arm,cortex-a57" */
	int gic_version;              /* 2 or 3 */
	struct model_reg gicd, gicr, gicc, gich, gicv;
	uint32_t maint_irq;           /* INTID */
	char *uart_path;              /* node path of the UART the runtime owns */
	uint64_t uart_pa, uart_size;
	uint32_t uart_irq;            /* INTID */
	uint32_t uart_kind;           /* enum layout_uart_kind, from its compatible */
	uint32_t uart_reg_shift, uart_io_width, uart_tx_fifo;   /* 16550 only */
	uint32_t uart_sim_baud;       /* board.yaml uart-sim-baud (testing), 0: off */
	uint32_t timer_irq[4];        /* INTIDs: secure phys, phys, virt, hyp */
	uint32_t timer_flags[4];      /* third interrupt cells, as in the tree */
	int pmu_node;                 /* offset of the tree's PMU node, -1: none */
	uint32_t pmu_irq, pmu_flags;  /* its first interrupt (INTID 0: none) */
	enum layout_psci_conduit psci_conduit;
	uint64_t uboot_fit_addr;      /* where boot.scr loads the FIT */
	uint64_t uboot_image_addr;    /* where booti loads <name>.img */
	char *qemu_args;              /* machine options for `run` and tests */
	int uart_node, gic_node;      /* offsets in fdt: what the runtime owns */
	struct model_reg its;         /* GICv3 ITS (size 0 when none) */
	/* clocks: rates under a node path: a provider's (by specifier) or a
	 * device's (by clock-name); node is the board offset of each. */
	struct model_rate *clock_rates;
	int *clock_nodes;
	int clock_rate_count;
	struct srcpos file_pos;       /* board.yaml itself, for notes */
};

struct model {
	char *name;
	struct srcpos name_pos;
	char *spec_path;
	char *spec_dir;
	struct model_board board;
	struct model_guest *guests;   /* in spec order */
	int guest_count;
	struct model_channel *channels; /* in spec order */
	int channel_count;
	struct model_disk *disks;       /* in spec order */
	int disk_count;
	struct model_network *networks; /* in spec order */
	int network_count;
	struct model_plan *plans;       /* by CPU index, at most one per CPU */
	int plan_count;
	struct srcpos schedule_pos;     /* the schedule: key (line 0: none) */
	bool plan_key_bad;              /* a plan not keyed cpuN: its CPU is unknown */
};

/* Front end. Each returns the number of errors it reported (0 = fine). */
int spec_load(const char *path, struct model *m);  /* YAML, templates, board, payloads */
/* The same from text in memory; path names it and its folder (fuzzing, tests). */
int spec_load_buffer(const char *path, const char *text, size_t len, struct model *m);
int checks_run(struct model *m);                  /* every named check */
/* The plan of physical CPU cpu, or NULL (a CPU that is not time-shared). */
const struct model_plan *model_plan_of(const struct model *m, int cpu);
/* Which vCPU of guest g runs on physical CPU cpu, or -1. */
int model_vcpu_on(const struct model_guest *g, int cpu);
void model_free(struct model *m);

#endif /* MODEL_H */
