/* SPDX-License-Identifier: MIT */
/*
 * Comparing two system views: the list of changes, each tied to a guest (or
 * the whole system), with a flag for changes that widen what a guest can
 * reach (new device, interrupt or channel end, more rights, more RAM, a
 * doorbell gained, a shared CPU joined or more time on one). diff_out.c
 * renders the list as text, Markdown or JSON.
 */
#ifndef DIFF_H
#define DIFF_H

#include <stdbool.h>
#include <stdio.h>

#include "sysview.h"

struct diff_change {
	char *guest;        /* NULL: the system as a whole */
	const char *kind;   /* guest ram cpus vcpus device irq channel network disk payload
			       console on_fault name board schedule */
	const char *action; /* added, removed, widened, narrowed, moved, changed */
	char *item;         /* what changed: a device path, channel name, payload key */
	char *detail;       /* old -> new, in words */
	bool security;
};

struct diff {
	struct diff_change *changes;
	int count;
	int security_count;
	bool full_hashes;   /* -v: whole SHA-256s, not their first 16 digits */
};

void diff_compare(const struct sysview *old, const struct sysview *new, bool full_hashes,
		  struct diff *d);
void diff_free(struct diff *d);

/* Renderers; each writes the whole report, "no changes" included. */
void diff_text(FILE *f, const struct diff *d, const char *old, const char *new, bool colour);
void diff_markdown(FILE *f, const struct diff *d, const char *old, const char *new);
void diff_json(FILE *f, const struct diff *d, const char *old, const char *new);

/* Internal to diff*.c. */
void diff_add(struct diff *d, const char *guest, const char *kind, const char *action,
	      bool security, const char *item, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* "256M", "4K", or hex when not a whole number of K. Returns buf. */
const char *diff_size(unsigned long long v, char buf[32]);
/* A SHA-256 as shown: "0123456789abcdef..." or all 64 digits. Returns buf. */
const char *diff_hash(const struct diff *d, const char *sha256, char buf[68]);
void diff_guest_parts(struct diff *d, const struct sysview_guest *o, const struct sysview_guest *n);
void diff_channels(struct diff *d, const struct sysview *old, const struct sysview *new);
void diff_networks(struct diff *d, const struct sysview *old, const struct sysview *new);
void diff_disks(struct diff *d, const struct sysview *old, const struct sysview *new);
void diff_schedule(struct diff *d, const struct sysview *old, const struct sysview *new);

#endif /* DIFF_H */
