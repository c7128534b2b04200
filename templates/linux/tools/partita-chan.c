// SPDX-License-Identifier: MIT
/*
 * partita-chan: user tool for Partita channels in a Linux guest, over the
 * partita_channel.ko devices (/dev/partita-<channel>). Lists channels,
 * reads/writes the shared memory, notifies, waits, and runs the ping/pong
 * message exchange of tests/guests/chan_pingpong.c (same wire format) so a
 * Linux end can talk to a bare-metal end. Static arm64 binary, no libc
 * extras: it runs in the busybox initramfs.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../module/partita_channel_uapi.h"

/* wire format of chan_pingpong: two halves, header then payload */
#define HALF      0x800u
#define MSG_MAX   240u
#define HDR_SEQ   0u
#define HDR_LEN   4u
#define HDR_SUM   8u
#define HDR_DATA  16u
#define WAIT_MS   2000u

struct chan {
	int fd;
	volatile uint8_t *mem;
	struct pchan_info info;
};

struct tally {
	unsigned long ok, bad, lost, refused, doorbells, timeouts;
};

static int chan_open(const char *name, struct chan *c)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/partita-%s", name);
	c->fd = open(path, O_RDWR);
	if (c->fd < 0)
		c->fd = open(path, O_RDONLY);
	if (c->fd < 0 || ioctl(c->fd, PCHAN_IOC_INFO, &c->info)) {
		fprintf(stderr, "partita-chan: %s: %s\n", path, strerror(errno));
		return -1;
	}
	c->mem = 0;
	return 0;
}

static int chan_map(struct chan *c)
{
	void *p = mmap(0, c->info.size, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "partita-chan: mmap %s: %s\n", c->info.name, strerror(errno));
		return -1;
	}
	c->mem = p;
	return 0;
}

static volatile uint32_t *word(struct chan *c, uint32_t off)
{
	return (volatile uint32_t *)(c->mem + off);
}

static uint32_t msg_len(uint32_t seq)
{
	return 1 + (seq * 37u) % MSG_MAX;
}

static uint8_t msg_byte(uint32_t seq, uint32_t i)
{
	uint32_t x = seq * 2654435761u + i * 40503u;

	return (uint8_t)(x >> 13 ^ x);
}

static uint32_t msg_sum(const uint8_t *p, uint32_t n)
{
	uint32_t a = 0xFFFF, b = 0xFFFF;

	for (uint32_t i = 0; i < n; i++) {
		a = (a + p[i]) % 65535u;
		b = (b + a) % 65535u;
	}
	return b << 16 | a;
}

static void msg_send(struct chan *c, uint32_t half, uint32_t seq, uint8_t flip, struct tally *t)
{
	uint32_t n = msg_len(seq);
	uint8_t buf[MSG_MAX];

	for (uint32_t i = 0; i < n; i++)
		buf[i] = msg_byte(seq, i) ^ flip;
	for (uint32_t i = 0; i < n; i++)
		c->mem[half + HDR_DATA + i] = buf[i];
	*word(c, half + HDR_LEN) = n;
	*word(c, half + HDR_SUM) = msg_sum(buf, n);
	__asm__ volatile("dmb sy" ::: "memory");
	*word(c, half + HDR_SEQ) = seq;
	if (ioctl(c->fd, PCHAN_IOC_NOTIFY))
		t->refused++;
}

static int msg_check(struct chan *c, uint32_t half, uint32_t seq, uint8_t flip)
{
	uint32_t n = *word(c, half + HDR_LEN);
	uint8_t buf[MSG_MAX];

	if (n != msg_len(seq))
		return 0;
	for (uint32_t i = 0; i < n; i++)
		buf[i] = c->mem[half + HDR_DATA + i];
	if (msg_sum(buf, n) != *word(c, half + HDR_SUM))
		return 0;
	for (uint32_t i = 0; i < n; i++) {
		if (buf[i] != (msg_byte(seq, i) ^ flip))
			return 0;
	}
	return 1;
}

/* sleeps on the doorbell until half's sequence number leaves last */
static int msg_wait(struct chan *c, uint32_t half, uint32_t last, struct tally *t,
		    uint32_t *seq)
{
	struct pchan_wait w = { WAIT_MS, 0 };

	while ((*seq = *word(c, half + HDR_SEQ)) == last) {
		if (ioctl(c->fd, PCHAN_IOC_WAIT, &w) && errno != EINTR)
			return -1;
		t->doorbells += w.count;
		if (!w.count && ++t->timeouts > 3)
			return -1;
	}
	__asm__ volatile("dmb sy" ::: "memory");
	return 0;
}

static void report(const char *role, unsigned long n, const struct tally *t, double secs)
{
	printf("CHAN linux %s done n=%lu ok=%lu bad=%lu lost=%lu refused=%lu doorbells=%lu"
	       " timeouts=%lu ns_per_msg=%.0f\n", role, n, t->ok, t->bad, t->lost, t->refused,
	       t->doorbells, t->timeouts, n ? secs * 1e9 / n : 0.0);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Linux sends, the peer answers: the ping role of chan_pingpong */
static int run_ping(struct chan *c, uint32_t n)
{
	struct tally t = { 0 };
	double t0 = now();
	uint32_t got, seq;

	for (seq = 1; seq <= n; seq++) {
		msg_send(c, 0, seq, 0, &t);
		if (msg_wait(c, HALF, seq - 1, &t, &got))
			break;
		if (got != seq)
			t.lost++;
		else if (msg_check(c, HALF, seq, 0xFF))
			t.ok++;
		else
			t.bad++;
	}
	if (seq <= n)
		t.lost += n - seq + 1;   /* the peer went quiet */
	report("ping", n, &t, now() - t0);
	return t.ok == n ? 0 : 1;
}

/* the peer sends, Linux answers: the pong role */
static int run_pong(struct chan *c, uint32_t n)
{
	struct tally t = { 0 };
	double t0 = now();
	uint32_t last = 0, seq;

	while (last < n && !msg_wait(c, 0, last, &t, &seq)) {
		if (seq != last + 1)
			t.lost += seq > last ? seq - last - 1 : 1;
		if (msg_check(c, 0, seq, 0))
			t.ok++;
		else
			t.bad++;
		msg_send(c, HALF, seq, 0xFF, &t);
		last = seq;
	}
	t.lost += n - last;
	report("pong", n, &t, now() - t0);
	return t.ok == n ? 0 : 1;
}

static void print_info(const struct pchan_info *i)
{
	printf("%s peer=%s size=%llu ipa=0x%llx slot=%u intid=%u doorbells=%u\n", i->name,
	       i->peer, (unsigned long long)i->size, (unsigned long long)i->ipa, i->slot,
	       i->intid, i->doorbells);
}

static int run_list(void)
{
	DIR *d = opendir("/dev");
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d))) {
		struct chan c;

		if (strncmp(e->d_name, "partita-", 8) || chan_open(e->d_name + 8, &c))
			continue;
		print_info(&c.info);
		close(c.fd);
		found++;
	}
	if (d)
		closedir(d);
	if (!found)
		fprintf(stderr, "partita-chan: no channels (is partita_channel.ko loaded?)\n");
	return found ? 0 : 1;
}

static int run_write(struct chan *c, unsigned long off, const char *text)
{
	size_t len = strlen(text);

	if (pwrite(c->fd, text, len, (off_t)off) != (ssize_t)len) {
		perror("partita-chan: write");
		return 1;
	}
	return 0;
}

static int run_read(struct chan *c, unsigned long off, unsigned long len)
{
	char buf[4096];
	ssize_t got;

	if (len > sizeof(buf))
		len = sizeof(buf);
	got = pread(c->fd, buf, len, (off_t)off);
	if (got < 0) {
		perror("partita-chan: read");
		return 1;
	}
	fwrite(buf, 1, strnlen(buf, (size_t)got), stdout);
	putchar('\n');
	return 0;
}

static int run_wait(struct chan *c, unsigned long ms)
{
	struct pchan_wait w = { (uint32_t)ms, 0 };

	if (ioctl(c->fd, PCHAN_IOC_WAIT, &w)) {
		perror("partita-chan: wait");
		return 1;
	}
	printf("doorbells %u\n", w.count);
	return w.count ? 0 : 2;
}

static int run_notify(struct chan *c)
{
	if (ioctl(c->fd, PCHAN_IOC_NOTIFY)) {
		fprintf(stderr, "partita-chan: notify %s: %s\n", c->info.name, strerror(errno));
		return 1;
	}
	return 0;
}

static int usage(void)
{
	fputs("usage: partita-chan list\n"
	      "       partita-chan info|notify CHANNEL\n"
	      "       partita-chan wait CHANNEL [MS]      (exit 2: timed out)\n"
	      "       partita-chan write CHANNEL OFFSET TEXT\n"
	      "       partita-chan read CHANNEL OFFSET LEN\n"
	      "       partita-chan ping|pong CHANNEL COUNT (chan_pingpong protocol)\n", stderr);
	return 2;
}

static int dispatch(struct chan *c, const char *cmd, int argc, char **argv)
{
	unsigned long a = argc > 3 ? strtoul(argv[3], 0, 0) : 0;

	if (!strcmp(cmd, "info") && argc == 3)
		return print_info(&c->info), 0;
	if (!strcmp(cmd, "notify") && argc == 3)
		return run_notify(c);
	if (!strcmp(cmd, "wait") && argc <= 4)
		return run_wait(c, argc == 4 ? a : 10000);
	if (!strcmp(cmd, "write") && argc == 5)
		return run_write(c, a, argv[4]);
	if (!strcmp(cmd, "read") && argc == 5)
		return run_read(c, a, strtoul(argv[4], 0, 0));
	if ((!strcmp(cmd, "ping") || !strcmp(cmd, "pong")) && argc == 4) {
		if (chan_map(c))
			return 1;
		return cmd[1] == 'i' ? run_ping(c, (uint32_t)a) : run_pong(c, (uint32_t)a);
	}
	return usage();
}

int main(int argc, char **argv)
{
	struct chan c;
	int rc;

	setvbuf(stdout, 0, _IOLBF, 0);
	if (argc == 2 && !strcmp(argv[1], "list"))
		return run_list();
	if (argc < 3)
		return usage();
	if (chan_open(argv[2], &c))
		return 1;
	rc = dispatch(&c, argv[1], argc, argv);
	close(c.fd);
	return rc;
}
