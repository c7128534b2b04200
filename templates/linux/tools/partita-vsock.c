// SPDX-License-Identifier: MIT
/*
 * partita-vsock: a tiny vsock client and server for Linux guests (busybox
 * has no AF_VSOCK). Static arm64 binary, runs from the busybox initramfs.
 *   partita-vsock cid                       this guest's context id
 *   partita-vsock listen PORT SECONDS       serve one connection: read to
 *                                           EOF, answer with what arrived
 *   partita-vsock send CID PORT BYTES TRIES connect (retrying, one second
 *                                           apart), send BYTES of a fixed
 *                                           pattern (0: stdin to EOF, as
 *                                           nc does), print the answer
 * Every result is one line: tests/vsock/run.sh greps them. The checksum is
 * FNV-1a 64 over the bytes, so both ends can print it cheaply.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/vm_sockets.h>

#define CHUNK 4096

static uint64_t fnv(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

#define FNV_START 0xcbf29ce484222325ull

static int vsock_cid(void)
{
	unsigned int cid = 0;
	int fd = open("/dev/vsock", O_RDONLY);

	if (fd < 0 || ioctl(fd, IOCTL_VM_SOCKETS_GET_LOCAL_CID, &cid) < 0) {
		printf("VSOCK cid error %s\n", strerror(errno));
		return 1;
	}
	printf("VSOCK cid %u\n", cid);
	return 0;
}

static int vsock_listen(unsigned port, unsigned seconds)
{
	struct sockaddr_vm addr = { .svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_ANY,
				    .svm_port = port };
	struct sockaddr_vm from;
	socklen_t from_len = sizeof(from);
	uint8_t buf[CHUNK];
	uint64_t sum = FNV_START;
	unsigned long total = 0;
	char line[128];
	ssize_t n;
	int s = socket(AF_VSOCK, SOCK_STREAM, 0), c;

	if (s < 0 || bind(s, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(s, 4) < 0) {
		printf("VSOCK listen error %s\n", strerror(errno));
		return 1;
	}
	printf("VSOCK listening port %u\n", port);
	fflush(stdout);
	alarm(seconds);     /* nobody came: the test fails on the missing line */
	c = accept(s, (struct sockaddr *)&from, &from_len);
	if (c < 0) {
		printf("VSOCK accept error %s\n", strerror(errno));
		return 1;
	}
	while ((n = read(c, buf, sizeof(buf))) > 0) {
		sum = fnv(sum, buf, (size_t)n);
		total += (unsigned long)n;
	}
	snprintf(line, sizeof(line), "%lu %016llx from cid %u", total,
		 (unsigned long long)sum, from.svm_cid);
	printf("VSOCK recv %s\n", line);
	if (write(c, line, strlen(line)) < 0)
		printf("VSOCK reply error %s\n", strerror(errno));
	close(c);
	return 0;
}

static int vsock_connect(unsigned cid, unsigned port, unsigned tries)
{
	struct sockaddr_vm addr = { .svm_family = AF_VSOCK, .svm_cid = cid, .svm_port = port };
	int err = 0;

	for (unsigned t = 0; t < tries; t++) {
		int s = socket(AF_VSOCK, SOCK_STREAM, 0);

		if (s < 0)
			break;
		if (connect(s, (struct sockaddr *)&addr, sizeof(addr)) == 0)
			return s;
		err = errno;
		close(s);
		sleep(1);
	}
	printf("VSOCK connect failed %s\n", strerror(err));
	return -1;
}

static int vsock_send(unsigned cid, unsigned port, unsigned long bytes, unsigned tries)
{
	uint8_t buf[CHUNK];
	uint64_t sum = FNV_START;
	uint32_t x = 1;
	char reply[128];
	unsigned long total = 0;
	ssize_t n;
	int s = vsock_connect(cid, port, tries);

	if (s < 0)
		return 1;
	for (unsigned long left = bytes; !bytes || left; ) {
		ssize_t chunk = left < CHUNK && bytes ? (ssize_t)left : CHUNK;

		if (!bytes) {
			chunk = read(0, buf, CHUNK);    /* what nc would send */
			if (chunk <= 0)
				break;
		}
		for (ssize_t i = 0; bytes && i < chunk; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (uint8_t)(x >> 16);
		}
		if (write(s, buf, (size_t)chunk) != chunk) {
			printf("VSOCK write error %s\n", strerror(errno));
			return 1;
		}
		if (bytes) {
			sum = fnv(sum, buf, (size_t)chunk);
			left -= (unsigned long)chunk;
		}
		total += (unsigned long)chunk;
	}
	shutdown(s, SHUT_WR);
	if (bytes)
		printf("VSOCK sent %lu %016llx\n", total, (unsigned long long)sum);
	else
		printf("VSOCK sent %lu from stdin\n", total);
	n = read(s, reply, sizeof(reply) - 1);
	reply[n > 0 ? n : 0] = 0;
	printf("VSOCK answer %s\n", n > 0 ? reply : "none");
	close(s);
	return n > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && !strcmp(argv[1], "cid"))
		return vsock_cid();
	if (argc == 4 && !strcmp(argv[1], "listen"))
		return vsock_listen((unsigned)strtoul(argv[2], 0, 0),
				    (unsigned)strtoul(argv[3], 0, 0));
	if (argc == 6 && !strcmp(argv[1], "send"))
		return vsock_send((unsigned)strtoul(argv[2], 0, 0),
				  (unsigned)strtoul(argv[3], 0, 0),
				  strtoul(argv[4], 0, 0), (unsigned)strtoul(argv[5], 0, 0));
	fprintf(stderr, "usage: partita-vsock cid | listen PORT SECONDS | send CID PORT BYTES TRIES\n");
	return 2;
}
