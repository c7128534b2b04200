/* SPDX-License-Identifier: MIT */
/*
 * The runtime's check of the time-partitioning tables (vmm/core/layout_plan.c)
 * built for the host: a blob of three guests on a 4-CPU board, two of them
 * sharing CPU 0 under a 10 ms plan, then one broken field at a time, each of
 * which must be refused (layout.h "Time partitioning").
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../../vmm/core/layout_plan.c"

static int failed;
static char last_line[512];

#define CHECK(name, cond) do { \
	if (cond) printf("PASS layout_plan: %s\n", name); \
	else { printf("FAIL layout_plan: %s (%s:%d: %s; %s)\n", name, __FILE__, __LINE__, \
		       #cond, last_line); failed++; } \
} while (0)

void log_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_line, sizeof(last_line), fmt, ap);
	va_end(ap);
}

static struct blob {
	struct layout_header h;
	struct layout_guest g[3];
	struct layout_cap c[4];
	struct layout_plan p[2];
	struct layout_window w[4];
} b;
static uint32_t cpu_guests[LAYOUT_MAX_CPUS];

static void vcpu_cap(int i, uint32_t vcpu, uint32_t cpu)
{
	b.c[i].kind = LAYOUT_CAP_VCPU;
	b.c[i].object = vcpu;
	b.c[i].peer = cpu;
}

/* alpha and beta share CPU 0 (4 + 6 ms), gamma has CPU 1 and CPU 2 */
static void good(void)
{
	memset(&b, 0, sizeof(b));
	b.h.guest_count = 3;
	b.h.guest_offset = offsetof(struct blob, g);
	b.h.cap_count = 4;
	b.h.cap_offset = offsetof(struct blob, c);
	b.h.plan_count = 1;
	b.h.plan_offset = offsetof(struct blob, p);
	b.h.window_count = 2;
	b.h.window_offset = offsetof(struct blob, w);
	b.h.board.cpu_count = 4;
	for (int i = 0; i < 3; i++)
		b.g[i].cap_first = (uint32_t)i, b.g[i].cap_count = 1, b.g[i].vcpu_count = 1;
	b.g[2].cap_count = 2;
	b.g[2].vcpu_count = 2;
	vcpu_cap(0, 0, 0);
	vcpu_cap(1, 0, 0);
	vcpu_cap(2, 0, 1);
	vcpu_cap(3, 1, 2);
	b.p[0] = (struct layout_plan){ .cpu = 0, .window_count = 2, .window_first = 0,
				       .period_ns = 10000000 };
	b.w[0] = (struct layout_window){ .guest = 0, .vcpu = 0, .length_ns = 4000000 };
	b.w[1] = (struct layout_window){ .guest = 1, .vcpu = 0, .length_ns = 6000000 };
	memset(cpu_guests, 0, sizeof(cpu_guests));
	cpu_guests[0] = 3;
	cpu_guests[1] = 4;
	cpu_guests[2] = 4;
}

static int ok(void)
{
	last_line[0] = 0;
	return layout_plans_ok(&b.h, cpu_guests);
}

int main(void)
{
	good();
	CHECK("two guests on CPU 0 under a 4 + 6 ms plan accepted", ok());
	CHECK("vCPU lookup: gamma's vCPU 1 is on CPU 2", layout_vcpu_on(&b.h, 2, 2) == 1);
	CHECK("vCPU lookup: gamma has nothing on CPU 0", layout_vcpu_on(&b.h, 2, 0) == ~0u);
	b.h.plan_count = 0;
	CHECK("shared CPU without a plan refused", !ok() && strstr(last_line, "without a plan"));
	good();
	b.w[1].length_ns = 5000000;
	CHECK("windows short of the period refused", !ok() && strstr(last_line, "sum to 9000000"));
	good();
	b.w[1].length_ns = LAYOUT_MAX_PERIOD_NS - 4000000 + 1;
	b.p[0].period_ns = LAYOUT_MAX_PERIOD_NS + 1;
	CHECK("period past the bound refused", !ok());
	good();
	b.w[0].length_ns = ~0ull - 3000000;   /* the sum wraps to 10 ms without the clamp */
	b.w[1].length_ns = 13000001;
	CHECK("window lengths whose sum wraps refused", !ok());
	good();
	b.w[1].length_ns = LAYOUT_MIN_WINDOW_NS - 1;
	b.w[0].length_ns = 10000000 - b.w[1].length_ns;
	CHECK("window under the minimum refused", !ok());
	good();
	b.w[1].guest = 2;
	CHECK("window for a guest not pinned to the CPU refused", !ok());
	good();
	b.w[1].vcpu = 1;
	CHECK("window for another vCPU of a pinned guest refused", !ok());
	good();
	b.w[1].guest = 7;
	CHECK("window for a guest out of range refused", !ok());
	good();
	b.w[1].guest = LAYOUT_WINDOW_IDLE;
	CHECK("pinned guest without a window refused", !ok() && strstr(last_line, "0x1 planned of 0x3"));
	good();
	b.h.window_count = 3;
	b.p[0].window_count = 3;
	b.p[0].period_ns = 12000000;
	b.w[2] = (struct layout_window){ .guest = LAYOUT_WINDOW_IDLE, .length_ns = 2000000 };
	CHECK("idle window accepted", ok());
	b.w[2].vcpu = 1;
	CHECK("idle window with a vCPU refused", !ok());
	good();
	b.h.plan_count = 2;
	b.p[1] = b.p[0];
	CHECK("two plans for one CPU refused", !ok() && strstr(last_line, "two plans"));
	good();
	b.p[0].cpu = 4;
	CHECK("plan for a CPU the board lacks refused", !ok());
	good();
	b.p[0].window_first = 1;
	CHECK("windows past the window table refused", !ok());
	good();
	b.p[0].window_count = 0;
	CHECK("plan without windows refused", !ok());
	good();
	b.p[0].reserved = 1;
	CHECK("plan with reserved bits refused", !ok());
	good();
	b.h.plan_count = 2;
	b.h.window_count = 3;
	b.p[1] = (struct layout_plan){ .cpu = 1, .window_count = 1, .window_first = 2,
				       .period_ns = 1000000 };
	b.w[2] = (struct layout_window){ .guest = 2, .vcpu = 0, .length_ns = 1000000 };
	CHECK("plan for a CPU with one guest accepted", ok());
	return failed != 0;
}
