// SPDX-License-Identifier: MIT
// partita-perf: does perf work in this guest? Lists the Arm PMUs Linux
// registered (/sys/bus/event_source/devices/armv8_*), then counts a loop of
// a known length with perf_event_open (PERF_COUNT_HW_INSTRUCTIONS and
// CPU_CYCLES, user space only) and prints one line for the tests:
//   PERF pmu=<names> loop=<insns> instructions=<n|error> cycles=<n|error>
//        irqs=<n>
// The loop is two instructions per iteration (subs, b.ne), so a PMU that
// counts INST_RETIRED gives loop plus the few user instructions around the
// enable and disable calls. A second run of the loop samples cycles every
// SAMPLE_PERIOD, so the counter overflows: irqs is how many more arm-pmu
// interrupts /proc/interrupts shows after it than before (the overflow
// interrupt reaching Linux). Static: it runs in the busybox initramfs.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ITERATIONS 5000000ULL
#define SAMPLE_PERIOD 100000

struct counter {
	const char *name;
	uint64_t config;
	uint64_t period;
	int fd;
	int err;           // errno of perf_event_open, 0 when open
	uint64_t value[3]; // count, time enabled, time running
};

static int pmus(char *buf, size_t size)
{
	DIR *d = opendir("/sys/bus/event_source/devices");
	struct dirent *e;
	size_t used = 0;
	int n = 0;

	buf[0] = '\0';
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "armv8_", 6))
			continue;
		int w = snprintf(buf + used, size - used, "%s%s", n ? "," : "", e->d_name);
		if (w < 0 || (size_t)w >= size - used)
			break;
		used += (size_t)w;
		n++;
	}
	closedir(d);
	return n;
}

static void counter_open(struct counter *c)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_HARDWARE;
	attr.config = c->config;
	attr.disabled = 1;
	attr.exclude_kernel = 1;  // the loop only, not the syscalls around it
	attr.exclude_hv = 1;
	attr.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING;
	attr.sample_period = c->period;  // 0: counting only
	c->fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	c->err = c->fd < 0 ? errno : 0;
}

// Interrupts of the arm-pmu line so far, summed over the CPUs; -1: no line.
static long long pmu_irqs(void)
{
	FILE *f = fopen("/proc/interrupts", "r");
	char line[512];
	long long sum = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, "arm-pmu"))
			continue;
		char *p = strchr(line, ':');
		sum = 0;
		while (p) {  // the per-CPU counts follow the colon; stop at the chip name
			char *end;
			long long n = strtoll(p + 1, &end, 10);
			if (end == p + 1)
				break;
			sum += n;
			p = end - 1;
		}
		break;
	}
	fclose(f);
	return sum;
}

static void loop(uint64_t n)
{
	__asm__ volatile("1: subs %0, %0, #1\n\tb.ne 1b" : "+r"(n) : : "cc");
}

static void counter_print(const struct counter *c)
{
	if (c->err) {
		printf(" %s=%s", c->name, c->err == EOPNOTSUPP ? "unsupported" :
		       c->err == ENOENT ? "no-event" : strerror(c->err));
	} else if (c->value[2] != c->value[1]) {
		// multiplexed: the count does not cover the whole loop
		printf(" %s=partial", c->name);
	} else {
		printf(" %s=%" PRIu64, c->name, c->value[0]);
	}
}

// Opens, resets, enables the n counters, runs the loop, disables and
// reads them (value[] stays 0 for one that did not open).
static void measure(struct counter *c, int n)
{
	for (int i = 0; i < n; i++) {
		counter_open(&c[i]);
		if (!c[i].err)
			ioctl(c[i].fd, PERF_EVENT_IOC_RESET, 0);
	}
	for (int i = 0; i < n; i++)
		if (!c[i].err)
			ioctl(c[i].fd, PERF_EVENT_IOC_ENABLE, 0);
	loop(ITERATIONS);
	for (int i = n - 1; i >= 0; i--)
		if (!c[i].err)
			ioctl(c[i].fd, PERF_EVENT_IOC_DISABLE, 0);
	for (int i = 0; i < n; i++) {
		if (c[i].err)
			continue;
		if (read(c[i].fd, c[i].value, sizeof(c[i].value)) != (ssize_t)sizeof(c[i].value))
			c[i].err = errno ? errno : EIO;
		close(c[i].fd);
	}
}

int main(void)
{
	struct counter c[2] = {
		{ .name = "instructions", .config = PERF_COUNT_HW_INSTRUCTIONS },
		{ .name = "cycles", .config = PERF_COUNT_HW_CPU_CYCLES },
	};
	// a run of its own: the overflow handling would add to the counts
	struct counter sampled = { .name = "sampled", .config = PERF_COUNT_HW_CPU_CYCLES,
				   .period = SAMPLE_PERIOD };
	char names[256];
	int have = pmus(names, sizeof(names));
	long long irqs[2];

	measure(c, 2);
	irqs[0] = pmu_irqs();
	measure(&sampled, 1);
	irqs[1] = pmu_irqs();
	printf("PERF pmu=%s loop=%llu", have ? names : "none", 2 * ITERATIONS);
	counter_print(&c[0]);
	counter_print(&c[1]);
	if (irqs[0] < 0 || sampled.err)
		printf(" irqs=none\n");
	else
		printf(" irqs=%lld\n", irqs[1] - irqs[0]);
	return have && !c[1].err && !sampled.err && irqs[0] >= 0 ? 0 : 1;
}
