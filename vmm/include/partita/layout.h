/* SPDX-License-Identifier: MIT */
/*
 * The static layout: the one binary contract between the builder (host) and
 * the runtime (EL2). The builder decides everything and writes this blob; the
 * runtime verifies magic, ABI version, size and CRC once at boot, then only
 * reads it. All fields are little-endian, fixed width, naturally aligned, with
 * explicit padding. Change anything here => bump LAYOUT_ABI_VERSION.
 *
 * Image file (<name>.img), offsets from the start of the file:
 *   0                     runtime binary (vmm.bin), starts with an arm64 Image
 *                         header; image_size (0x10) is patched by the builder
 *   align4K(runtime)      layout blob (this header, then the tables)
 *   align4K(...)          payloads (kernels, DTBs, initrds), each 4K aligned
 * The runtime finds the blob at align4K(__image_file_end) of its own binary.
 */
#ifndef PARTITA_LAYOUT_H
#define PARTITA_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#define LAYOUT_MAGIC       "PARTITA1"   /* 8 bytes, no terminator stored */
#define LAYOUT_MAGIC_SIZE  8
#define LAYOUT_ABI_VERSION 5u
#define LAYOUT_ALIGN       4096u        /* blob and payload alignment in the image */

/* Runtime limits: fixed arrays in the runtime; the builder checks them. */
#define LAYOUT_MAX_CPUS      8
#define LAYOUT_MAX_GUESTS    32
#define LAYOUT_MAX_VCPUS     8          /* per guest */
#define LAYOUT_MAX_CAPS      512        /* whole system */
#define LAYOUT_MAX_PAYLOADS  64         /* whole system */
#define LAYOUT_MAX_VIRQ      256        /* guest INTIDs are < this */
#define LAYOUT_NAME_SIZE     32         /* guest names incl. NUL */
#define LAYOUT_MAX_VIRTIO    16         /* virtio devices, whole system */
#define LAYOUT_MAX_WINDOWS   16         /* per CPU plan */
#define LAYOUT_MAX_ALL_WINDOWS (LAYOUT_MAX_CPUS * LAYOUT_MAX_WINDOWS)
#define LAYOUT_MAX_SHARED_VCPUS 32       /* vCPUs on CPUs with a plan, whole system */
#define LAYOUT_MIN_WINDOW_NS UINT64_C(10000) /* 10 us: a window switch costs ~1-2 us */
#define LAYOUT_MAX_PERIOD_NS UINT64_C(10000000000) /* 10 s: keeps tick arithmetic in 64 bits */

/*
 * Capability slots are arithmetic, as in seL4 Microkit: slot = base of the
 * kind + index within that kind, per guest. Hypercalls name slots.
 */
enum layout_cap_kind {
	LAYOUT_CAP_VCPU    = 1,  /* object: vCPU index; peer: physical CPU */
	LAYOUT_CAP_MEMORY  = 2,  /* guest RAM: pa, ipa, size, rights */
	LAYOUT_CAP_MMIO    = 3,  /* passthrough device window: pa, ipa, size */
	LAYOUT_CAP_IRQ     = 4,  /* passthrough interrupt: phys_irq -> virt_irq */
	LAYOUT_CAP_CHANNEL = 5,  /* channel end: shared pa/ipa/size, virt_irq, peer */
	LAYOUT_CAP_VIRTIO  = 6,  /* virtio-MMIO device the runtime emulates (below) */
};
#define LAYOUT_SLOT_BASE_VCPU     0u
#define LAYOUT_SLOT_BASE_MEMORY   16u
#define LAYOUT_SLOT_BASE_MMIO     32u
#define LAYOUT_SLOT_BASE_IRQ      64u
#define LAYOUT_SLOT_BASE_CHANNEL  96u
#define LAYOUT_SLOT_LIMIT         128u  /* end of the channel slots */
#define LAYOUT_SLOT_BASE_VIRTIO   128u
#define LAYOUT_SLOT_LIMIT_VIRTIO  144u  /* first slot number not in use */

/*
 * struct layout_cap of kind VIRTIO: ipa/size = the virtio-MMIO register
 * window (4 KiB), virt_irq = its SPI, object = virtio device ID (virtio 1.2
 * "Device Types": LAYOUT_VIRTIO_*), peer = backend index (disk or network
 * in spec order), rights = r (read-only disk) or rw.
 * blk: pa = dest_pa of the guest's DISK payload that backs it.
 * net: pa = the device's MAC address, byte i in bits 8i..8i+7.
 * vsock: peer = the guest's context id (LAYOUT_VSOCK_CID_BASE + guest
 * index), pa = the guests it may reach: bit i = guest index i (those it
 * shares a channel or network with that have vsock too).
 */
#define LAYOUT_VIRTIO_NET  1u
#define LAYOUT_VIRTIO_BLK  2u
#define LAYOUT_VIRTIO_CONSOLE 3u   /* hvc0: one port, output only */
#define LAYOUT_VIRTIO_VSOCK 19u
#define LAYOUT_VSOCK_CID_BASE 3u   /* 0-2 are reserved (virtio 1.2 "Socket Device") */

#define LAYOUT_RIGHT_R 1u
#define LAYOUT_RIGHT_W 2u
#define LAYOUT_RIGHT_X 4u

/* struct layout_cap.flags */
#define LAYOUT_CAPF_NOTIFY   1u  /* channel: this end may notify its peer */
#define LAYOUT_CAPF_TRAPPED  2u  /* mmio: shares a page; trap and forward, never map */

enum layout_payload_kind {
	LAYOUT_PAYLOAD_KERNEL  = 1,
	LAYOUT_PAYLOAD_DTB     = 2,
	LAYOUT_PAYLOAD_INITRD  = 3,
	LAYOUT_PAYLOAD_SEGMENT = 4,  /* one ELF PT_LOAD */
	LAYOUT_PAYLOAD_DISK    = 5,  /* virtio-blk RAM disk, used in place:
				      * dest_pa = runtime_pa + offset, never copied */
};

enum layout_console_kind {
	LAYOUT_CONSOLE_NONE  = 0,
	LAYOUT_CONSOLE_PL011 = 1,  /* virtual PL011, trapped, at console_ipa */
};

/*
 * The board UART the runtime drives, chosen by the builder from the console
 * node's compatible (Linux Documentation/devicetree/bindings/serial/).
 */
enum layout_uart_kind {
	LAYOUT_UART_PL011   = 1,  /* arm,pl011 */
	LAYOUT_UART_CADENCE = 2,  /* cdns,uart-r1p12, xlnx,xuartps, xlnx,zynqmp-uart */
	LAYOUT_UART_IMX     = 3,  /* fsl,imx21-uart family (imx6q, imx8mq, ...) */
	LAYOUT_UART_NS16550 = 4,  /* ns16550a, ns16550 */
	LAYOUT_UART_DW_APB  = 5,  /* snps,dw-apb-uart: a 16550 plus USR (busy detect) */
	LAYOUT_UART_KIND_MAX = 5,
};

enum layout_on_fault {
	LAYOUT_ON_FAULT_STOP    = 0,
	LAYOUT_ON_FAULT_ABORT   = 1,  /* inject a synchronous external abort */
	LAYOUT_ON_FAULT_RESTART = 2,
};

enum layout_psci_conduit {
	LAYOUT_PSCI_SMC = 0,
	LAYOUT_PSCI_HVC = 1,
};

/* What the runtime needs to know about the machine; copied from the board. */
struct layout_board {
	uint64_t ram_base;
	uint64_t ram_size;
	uint64_t uart_pa;          /* the UART owned by the runtime (uart_kind) */
	uint64_t gicd_pa;
	uint64_t gicd_size;
	uint64_t gicr_pa;          /* GICv3 redistributors (0 on GICv2) */
	uint64_t gicr_size;
	uint64_t gicc_pa;          /* GICv2 CPU interface (0 on GICv3) */
	uint64_t gich_pa;          /* GICv2 virtual interface control */
	uint64_t gicv_pa;          /* GICv2 virtual CPU interface */
	uint32_t gic_version;      /* 2 or 3 */
	uint32_t uart_irq;         /* INTID */
	uint32_t maint_irq;        /* INTID of the GIC maintenance PPI */
	uint32_t vtimer_irq;       /* INTID, 27 on every GIC */
	uint32_t ptimer_irq;       /* INTID, EL1 physical timer, 30 */
	uint32_t htimer_irq;       /* INTID, EL2 physical timer, 26 */
	uint32_t psci_conduit;     /* enum layout_psci_conduit */
	uint32_t cpu_count;
	uint64_t cpu_mpidr[LAYOUT_MAX_CPUS];  /* physical CPU index -> MPIDR */
	uint32_t uart_kind;        /* enum layout_uart_kind */
	uint32_t uart_reg_shift;   /* register n at uart_pa + (n << shift) (16550 reg-shift) */
	uint32_t uart_io_width;    /* bytes per register access: 1 or 4 (reg-io-width) */
	uint32_t uart_tx_fifo;     /* bytes the TX FIFO takes once it reports empty (16550) */
	uint32_t uart_sim_baud;    /* testing: pace output as a UART at this baud rate (0: off) */
	uint32_t reserved0;        /* 0 */
};

/*
 * Time partitioning (issue 16): a CPU that hosts several vCPUs has a cyclic
 * plan, a period cut into windows in spec order. The first window starts at
 * the period start, one counter value the boot CPU picks for all CPUs, so
 * plans on different CPUs keep a fixed phase. Times are nanoseconds (the
 * builder does not know CNTFRQ_EL0); the runtime converts every boundary
 * cumulatively from the period start, so rounding never drifts. A CPU with
 * one vCPU and no plan runs it alone, as before. Windows must sum to the
 * period exactly; an idle window (guest LAYOUT_WINDOW_IDLE, vcpu 0) runs
 * nobody. Every vCPU pinned to a planned CPU has at least one window there,
 * and no guest has two vCPUs on one CPU.
 */
#define LAYOUT_WINDOW_IDLE 0xFFFFFFFFu  /* layout_window.guest: nobody runs */

struct layout_window {
	uint32_t guest;           /* guest index, or LAYOUT_WINDOW_IDLE */
	uint32_t vcpu;            /* that guest's vCPU pinned to this CPU (0 if idle) */
	uint64_t length_ns;       /* >= LAYOUT_MIN_WINDOW_NS */
};

struct layout_plan {
	uint32_t cpu;             /* physical CPU index; one plan per CPU at most */
	uint32_t window_count;    /* 1..LAYOUT_MAX_WINDOWS */
	uint32_t window_first;    /* index into the window table */
	uint32_t reserved;        /* 0 */
	uint64_t period_ns;       /* == sum of its windows' length_ns, <= LAYOUT_MAX_PERIOD_NS */
};

struct layout_header {
	uint8_t  magic[LAYOUT_MAGIC_SIZE];
	uint32_t abi_version;
	uint32_t size;            /* bytes of the whole blob, header included */
	uint32_t crc32;           /* CRC-32 (IEEE) of the blob with this field 0 */
	uint32_t flags;           /* 0 */
	uint32_t guest_count;
	uint32_t guest_offset;    /* from the blob start: struct layout_guest[] */
	uint32_t cap_count;
	uint32_t cap_offset;      /* struct layout_cap[], grouped by guest */
	uint32_t payload_count;
	uint32_t payload_offset;  /* struct layout_payload[], grouped by guest */
	uint64_t runtime_pa;      /* where the runtime moves the whole image */
	uint64_t runtime_size;    /* bytes reserved there: image + runtime bss */
	uint64_t image_size;      /* bytes of the image file */
	struct layout_board board;
	uint32_t plan_count;      /* 0..LAYOUT_MAX_CPUS */
	uint32_t plan_offset;     /* struct layout_plan[] */
	uint32_t window_count;    /* 0..LAYOUT_MAX_ALL_WINDOWS */
	uint32_t window_offset;   /* struct layout_window[], grouped by plan */
};

struct layout_guest {
	char     name[LAYOUT_NAME_SIZE];  /* NUL-terminated, NUL-padded */
	uint32_t vmid;            /* stage-2 VMID, 1-based */
	uint32_t vcpu_count;
	uint32_t cap_first;       /* index into the cap table */
	uint32_t cap_count;
	uint32_t payload_first;   /* index into the payload table */
	uint32_t payload_count;
	uint32_t console_kind;    /* enum layout_console_kind */
	uint32_t on_fault;        /* enum layout_on_fault */
	uint64_t entry_ipa;       /* vCPU 0 starts here at EL1h, MMU off */
	uint64_t dtb_ipa;         /* x0 at entry (0: none) */
	uint64_t console_ipa;     /* virtual PL011 window (4 KiB) */
	uint64_t vgicd_ipa;       /* virtual distributor (64 KiB) */
	uint64_t vgicr_ipa;       /* virtual redistributors, 128 KiB per vCPU */
	uint32_t spi_count;       /* virtual SPIs emulated: INTIDs 32..32+n-1 */
	uint32_t console_input;   /* 1: the board UART's input goes to this console (one guest at most) */
};

struct layout_cap {
	uint32_t slot;            /* LAYOUT_SLOT_BASE_<kind> + index */
	uint16_t kind;            /* enum layout_cap_kind */
	uint16_t rights;          /* LAYOUT_RIGHT_* */
	uint64_t pa;
	uint64_t ipa;
	uint64_t size;
	uint32_t phys_irq;        /* irq: physical INTID */
	uint32_t virt_irq;        /* irq: INTID the guest sees; channel: its doorbell SPI */
	uint32_t peer;            /* channel: peer guest index; vcpu: physical CPU index */
	uint32_t peer_slot;       /* channel: the peer's slot for this channel */
	uint32_t object;          /* vcpu index / channel index / device index */
	uint32_t flags;           /* LAYOUT_CAPF_* */
};

struct layout_payload {
	uint32_t guest;           /* guest index */
	uint32_t kind;            /* enum layout_payload_kind */
	uint64_t offset;          /* from the start of the image file, 4K aligned */
	uint64_t file_size;       /* bytes present in the image */
	uint64_t mem_size;        /* bytes at dest; the tail past file_size is zeroed */
	uint64_t dest_pa;         /* physical destination */
};

_Static_assert(sizeof(struct layout_board) == 200, "layout_board ABI");
_Static_assert(sizeof(struct layout_header) == 288, "layout_header ABI");
_Static_assert(sizeof(struct layout_guest) == 112, "layout_guest ABI");
_Static_assert(sizeof(struct layout_cap) == 56, "layout_cap ABI");
_Static_assert(sizeof(struct layout_payload) == 40, "layout_payload ABI");
_Static_assert(sizeof(struct layout_window) == 16, "layout_window ABI");
_Static_assert(sizeof(struct layout_plan) == 24, "layout_plan ABI");
_Static_assert(offsetof(struct layout_header, crc32) == 16, "crc at 16");

/*
 * Hypercalls (hvc #0, SMCCC register convention: x0 = function id, x1.. args,
 * x0 = result). Ids live in the SMCCC "vendor specific hypervisor service"
 * range (owner 6). PSCI ids are standard and handled separately.
 */
#define PARTITA_HVC_NULL    0xC6000000u  /* returns 0; for measurements */
#define PARTITA_HVC_NOTIFY  0xC6000001u  /* x1 = channel slot: doorbell to the peer */
#define PARTITA_HVC_EXITS   0xC6000002u  /* the caller vCPU's exits to EL2 so far; x1: kicks */
#define PARTITA_HVC_RESTARTS 0xC6000003u /* returns how often this guest was restarted (RAM is zeroed then) */
#define PARTITA_HVC_SCRATCH  0xC6000004u /* x1 = 1: keep x2; returns the word kept across restarts (0 at boot) */
#define PARTITA_HVC_OK          0
#define PARTITA_HVC_NOT_SUPPORTED (-1)   /* SMCCC NOT_SUPPORTED */
#define PARTITA_HVC_BAD_SLOT    (-2)     /* caller holds no such channel slot */
#define PARTITA_HVC_DENIED      (-3)     /* slot held but this end may not notify */

/* CRC-32 (IEEE 802.3, reflected 0xEDB88320), shared so both sides agree. */
static inline uint32_t layout_crc32(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t crc = 0xFFFFFFFFu;

	while (len--) {
		crc ^= *p++;
		for (int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

#endif /* PARTITA_LAYOUT_H */
