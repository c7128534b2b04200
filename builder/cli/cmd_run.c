/* SPDX-License-Identifier: MIT */
/*
 * `partita run SPEC|DIR`: build when given a spec, then exec QEMU with the
 * board's own machine settings (board.yaml `qemu:`), so the exit status is
 * QEMU's. --uboot boots through U-Boot from a virtio-blk-pci disk holding
 * boot.scr and the FIT; --gdb waits for a debugger; --shell GUEST builds a
 * variant (its own folder) with partita.then=shell on that guest's bootargs
 * and the board UART's input going to that guest alone, and keeps Ctrl-C
 * for the guest's shell (QEMU still quits with Ctrl-A X); --serial1 FILE
 * sends the board's second UART to FILE.
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jsonio.h"
#include "paths.h"
#include "rundisk.h"
#include "yamldoc.h"

#define RUN_UBOOT_BIN "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
#define RUN_MAX_ARGS  128

struct run_argv {
	const char *v[RUN_MAX_ARGS + 1];
	int n;
};

static void run_push(struct run_argv *a, const char *s)
{
	if (a->n < RUN_MAX_ARGS)
		a->v[a->n++] = s;
}

/* The spec's name: the build folder is images/<name>[-shell-<guest>]. */
static char *run_spec_dir(const struct cmd_run_options *o)
{
	struct yamldoc_node *root = NULL;
	char *dir = NULL;

	if (yamldoc_load_file(o->target, &root) || !root)
		return NULL;
	const struct yamldoc_node *name = yamldoc_get(root, "name");
	if (name && name->kind == YAMLDOC_SCALAR && *name->text &&
	    asprintf(&dir, "images/%s%s%s", name->text, o->shell_guest ? "-shell-" : "",
		     o->shell_guest ? o->shell_guest : "") < 0)
		abort();
	yamldoc_free(root);
	return dir;
}

static int run_build(const struct cmd_run_options *o, char **dir)
{
	struct cmd_options b = { .spec = o->target };

	*dir = run_spec_dir(o);
	if (!*dir) {   /* no usable name: let check report what is wrong */
		int rc = cmd_check(&b);
		return rc ? rc : CMD_INTERNAL;
	}
	b.out_dir = *dir;
	if (o->shell_guest) {
		b.append_guest = o->shell_guest;
		b.append_args = "partita.then=shell";
		b.input_guest = o->shell_guest;
	}
	return cmd_build(&b);
}

/* name and board of a build folder, from its manifest.json. */
static int run_manifest(const char *dir, char **name, char **board)
{
	char *path = paths_join(dir, "manifest.json");
	char why[200];
	json_t *root = jsonio_load(path, why, sizeof(why));

	*name = root && *jsonio_str(root, "name") ? strdup(jsonio_str(root, "name")) : NULL;
	*board = root ? strdup(jsonio_str(json_object_get(root, "board"), "name")) : NULL;
	if (!*name)
		diag_fatal("%s: cannot read a partita manifest: %s", path,
			   root ? "no name" : why);
	json_decref(root);
	free(path);
	return *name ? CMD_OK : CMD_INTERNAL;
}

/* dtb: a file in the board folder, given to QEMU as the machine's tree */
static void run_board_dtb(const char *board, const char *file, struct run_argv *a)
{
	char *rel, *path;

	if (asprintf(&rel, "boards/%s/%s", board, file) < 0)
		abort();
	path = paths_join(paths_data_dir(), rel);
	free(rel);
	run_push(a, "-dtb");
	run_push(a, path);   /* lives until exec */
}

/* The board's qemu: block as arguments: -M, -cpu, -smp, -m, -dtb, then extra words. */
static int run_board_args(const char *board, struct run_argv *a, struct yamldoc_node **root)
{
	static const char *const keys[] = { "machine", "cpu", "smp", "memory", "dtb", "extra" };
	static const char *const flags[] = { "-M", "-cpu", "-smp", "-m", "-dtb", NULL };
	char *rel, *path;

	if (asprintf(&rel, "boards/%s/board.yaml", board) < 0)
		abort();
	path = paths_join(paths_data_dir(), rel);
	free(rel);
	int errs = yamldoc_load_file(path, root);
	const struct yamldoc_node *q = *root ? yamldoc_get(*root, "qemu") : NULL;
	if (errs || !q || q->kind != YAMLDOC_MAP) {
		diag_fatal("%s: no qemu: block to run this board with", path);
		free(path);
		return CMD_INTERNAL;
	}
	free(path);
	for (int i = 0; i < 6; i++) {
		const struct yamldoc_node *v = yamldoc_get(q, keys[i]);
		if (!v || v->kind != YAMLDOC_SCALAR)
			continue;
		if (!strcmp(keys[i], "dtb")) {
			run_board_dtb(board, v->text, a);
			continue;
		}
		if (flags[i]) {
			run_push(a, flags[i]);
			run_push(a, v->text);
			continue;
		}
		for (char *w = strtok(v->text, " \t"); w; w = strtok(NULL, " \t"))
			run_push(a, w);
	}
	return CMD_OK;
}

/*
 * The console on this terminal. A shell wants Ctrl-C for itself: QEMU's
 * -nographic stdio would quit on it, so spell that setup out with
 * signal=off (the Ctrl-A monitor multiplexer stays).
 */
static void run_console_args(const struct cmd_run_options *o, struct run_argv *a)
{
	if (!o->shell_guest) {
		run_push(a, "-nographic");
		if (o->serial1) {   /* an explicit -serial ends -nographic's default one */
			run_push(a, "-serial");
			run_push(a, "mon:stdio");
		}
		return;
	}
	run_push(a, "-display");
	run_push(a, "none");
	run_push(a, "-chardev");
	run_push(a, "stdio,id=partita-console,mux=on,signal=off");
	run_push(a, "-serial");
	run_push(a, "chardev:partita-console");
	run_push(a, "-mon");
	run_push(a, "chardev=partita-console,mode=readline");
}

/* --serial1 FILE: the board's second UART (a guest's passthrough) to FILE */
static void run_serial1_args(const struct cmd_run_options *o, struct run_argv *a)
{
	char *spec;

	if (!o->serial1)
		return;
	if (asprintf(&spec, "file:%s", o->serial1) < 0)
		abort();
	run_push(a, "-serial");
	run_push(a, spec);   /* lives until exec */
}

static int run_boot_args(const struct cmd_run_options *o, const char *dir, const char *name,
			 struct run_argv *a)
{
	char *img, *itb, *scr, *disk, *drive;

	if (asprintf(&img, "%s/%s.img", dir, name) < 0 || asprintf(&itb, "%s/%s.itb", dir, name) < 0 ||
	    asprintf(&scr, "%s/boot.scr", dir) < 0 || asprintf(&disk, "%s/boot-disk.img", dir) < 0 ||
	    asprintf(&drive, "if=none,format=raw,id=partita-disk,file=%s", disk) < 0)
		abort();
	if (!o->uboot) {
		run_push(a, "-kernel");
		run_push(a, img);
		return access(img, R_OK) ? (diag_fatal("cannot read '%s'", img), CMD_INTERNAL) : 0;
	}
	if (access(RUN_UBOOT_BIN, R_OK)) {
		diag_fatal("--uboot needs %s (apt-get install u-boot-qemu)", RUN_UBOOT_BIN);
		return CMD_INTERNAL;
	}
	const char *const files[] = { scr, itb, NULL };
	if (rundisk_make(disk, files))
		return CMD_INTERNAL;
	run_push(a, "-bios");
	run_push(a, RUN_UBOOT_BIN);
	run_push(a, "-drive");
	run_push(a, drive);
	run_push(a, "-device");
	run_push(a, "virtio-blk-pci,drive=partita-disk");
	return CMD_OK;
}

static void run_show(const struct run_argv *a, const char *dir, const char *name, bool gdb)
{
	if (cmd_verbosity > 0) {
		fprintf(stderr, "partita: running:");
		for (int i = 0; i < a->n; i++)
			fprintf(stderr, " %s", a->v[i]);
		fputc('\n', stderr);
	}
	if (gdb)
		fprintf(stderr, "partita: QEMU waits for a debugger on tcp::1234; attach with\n"
			"  gdb-multiarch -ex 'set architecture aarch64' -ex 'target remote :1234'\n"
			"  (the runtime starts at EL2 from %s/%s.img; `continue` to boot)\n", dir, name);
	if (cmd_verbosity >= 0)
		fprintf(stderr, "partita: QEMU console on this terminal; quit with Ctrl-A X\n");
}

static int run_exec(const struct cmd_run_options *o, const char *dir, const char *name,
		    const char *board)
{
	struct run_argv a = { .n = 0 };
	struct yamldoc_node *root = NULL;

	if (o->timeout) {
		run_push(&a, "timeout");
		run_push(&a, "--foreground");
		run_push(&a, o->timeout);
	}
	run_push(&a, "qemu-system-aarch64");
	int rc = run_board_args(board, &a, &root);
	if (!rc) {
		run_console_args(o, &a);
		run_serial1_args(o, &a);
		run_push(&a, "-no-reboot");
		rc = run_boot_args(o, dir, name, &a);
	}
	if (rc)
		return rc;
	if (o->gdb) {
		run_push(&a, "-s");
		run_push(&a, "-S");
	}
	for (int i = 0; i < o->extra_count; i++)
		run_push(&a, o->extra[i]);
	if (a.n >= RUN_MAX_ARGS) {
		diag_fatal("too many QEMU arguments");
		return CMD_INTERNAL;
	}
	run_show(&a, dir, name, o->gdb);
	fflush(stdout);
	fflush(stderr);
	execvp(a.v[0], (char *const *)a.v);
	diag_fatal("cannot start %s: %s", a.v[0], strerror(errno));
	return CMD_INTERNAL;
}

int cmd_run(const struct cmd_run_options *o)
{
	struct stat st;
	char *dir = NULL, *name = NULL, *board = NULL;
	int rc = CMD_OK;

	if (o->timeout && (strspn(o->timeout, "0123456789.") != strlen(o->timeout) ||
			   !*o->timeout)) {
		diag_fatal("--timeout wants seconds, not '%s'", o->timeout);
		return CMD_INTERNAL;
	}
	if (stat(o->target, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (o->shell_guest) {
			diag_fatal("--shell needs a spec (it builds a variant), not a build folder");
			return CMD_INTERNAL;
		}
		dir = strdup(o->target);
	} else {
		rc = run_build(o, &dir);
	}
	if (!rc)
		rc = run_manifest(dir, &name, &board);
	if (!rc)
		rc = run_exec(o, dir, name, board);
	free(dir);
	free(name);
	free(board);
	return rc;
}
