/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * User ABI of /dev/partita-<channel> (partita_channel.ko), shared with the
 * partita-chan tool. read/write/lseek/mmap reach the shared memory; the
 * ioctls describe the channel, ring the peer's doorbell and wait for ours.
 */
#ifndef PARTITA_CHANNEL_UAPI_H
#define PARTITA_CHANNEL_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define PCHAN_NAME_SIZE 32

struct pchan_info {
	__u64 size;                   /* bytes of shared memory */
	__u64 ipa;                    /* where this guest sees it */
	__u32 slot;                   /* capability slot the doorbell names */
	__u32 intid;                  /* this end's doorbell INTID */
	__u32 doorbells;              /* doorbells taken since the driver bound */
	__u32 reserved;
	char name[PCHAN_NAME_SIZE];   /* the spec's channel name */
	char peer[PCHAN_NAME_SIZE];   /* the peer guest's name */
};

/* wait until the doorbell count differs from this file's last one */
struct pchan_wait {
	__u32 timeout_ms;             /* 0: do not sleep */
	__u32 count;                  /* out: doorbells since the last wait (0: timed out) */
};

#define PCHAN_IOC_INFO   _IOR('P', 0x40, struct pchan_info)
#define PCHAN_IOC_NOTIFY _IO('P', 0x41)
#define PCHAN_IOC_WAIT   _IOWR('P', 0x42, struct pchan_wait)

#endif /* PARTITA_CHANNEL_UAPI_H */
