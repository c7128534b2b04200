/* SPDX-License-Identifier: MIT */
/*
 * The board descriptor, boards/<name>/board.yaml: which tree, which UART the
 * runtime owns, the PSCI conduit, RAM (when not the tree's /memory), U-Boot
 * load addresses, QEMU options, clock rates and (testing) uart-sim-baud. A
 * .dts tree is compiled by running dtc, whose output is deterministic for
 * the same source.
 */
#include "board.h"

#include <dirent.h>
#include <errno.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "paths.h"
#include "spec_value.h"
#include "suggest.h"

enum {
	B_NAME, B_DESCRIPTION, B_DEVICETREE, B_CONSOLE, B_PSCI, B_RAM, B_UBOOT, B_QEMU,
	B_CLOCKS, B_UART_SIM, B_COUNT
};
static const char *const board_keys[B_COUNT] = {
	"name", "description", "devicetree", "console", "psci", "ram", "uboot", "qemu",
	"clocks", "uart-sim-baud",
};

/* Runs dtc with its output on a pipe; fork/exec so no shell sees the path. */
static void *board_dtc(const char *path, size_t *size)
{
	int fd[2];
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);

	if (!buf || pipe(fd))
		abort();
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execlp("dtc", "dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "--", path, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	for (ssize_t n; pid > 0 && (n = read(fd[0], buf + len, cap - len)) > 0;) {
		len += (size_t)n;
		if (len == cap && !(buf = realloc(buf, cap *= 2)))
			abort();
	}
	close(fd[0]);
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		free(buf);
		return NULL;
	}
	*size = len;
	return buf;
}

static void *board_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	void *buf = NULL;

	if (f && !fstat(fileno(f), &st) && S_ISREG(st.st_mode) && (buf = malloc((size_t)st.st_size + 1)))
		*size = fread(buf, 1, (size_t)st.st_size, f);
	if (f)
		fclose(f);
	return buf;
}

static bool board_tree(struct model_board *b, const struct yamldoc_node *n)
{
	size_t len = strlen(n->text), size = 0;
	char *path = paths_join(b->dir, n->text);
	bool dts = len > 4 && !strcmp(n->text + len - 4, ".dts");

	struct stat st;

	if (stat(path, &st) || !S_ISREG(st.st_mode))
		b->fdt = NULL;   /* report it ourselves rather than through dtc */
	else
		b->fdt = dts ? board_dtc(path, &size) : board_read_file(path, &size);
	if (!b->fdt || size < sizeof(struct fdt_header) ||
	    fdt_check_header(b->fdt) || fdt_totalsize(b->fdt) > size) {
		diag_error(&n->pos, "board-invalid", "cannot read the device tree %s%s", path,
			   dts && !stat(path, &st) ? " (dtc failed)" : "");
		free(b->fdt);
		b->fdt = NULL;
	}
	b->fdt_size = size;
	free(path);
	return b->fdt != NULL;
}

static void board_ram_override(struct model_board *b, const struct yamldoc_node *n)
{
	enum { R_BASE, R_SIZE, R_COUNT };
	static const char *const keys[R_COUNT] = { "base", "size" };
	const struct yamldoc_pair *f[R_COUNT];

	if (!spec_map(n, "{base, size}"))
		return;
	spec_fields(n->pairs, n->count, keys, R_COUNT, f, "board ram");
	spec_require(f, keys, R_COUNT, 3u, &n->pos, "board ram");
	if (f[R_BASE] && f[R_SIZE]) {
		spec_addr(f[R_BASE]->value, &b->ram_base);
		spec_size(f[R_SIZE]->value, &b->ram_size);
	}
}

static void board_uboot(struct model_board *b, const struct yamldoc_node *n)
{
	enum { U_FIT, U_IMAGE, U_COUNT };
	static const char *const keys[U_COUNT] = { "fit-addr", "image-addr" };
	const struct yamldoc_pair *f[U_COUNT];

	if (!spec_map(n, "{fit-addr, image-addr}"))
		return;
	spec_fields(n->pairs, n->count, keys, U_COUNT, f, "board uboot");
	if (f[U_FIT])
		spec_addr(f[U_FIT]->value, &b->uboot_fit_addr);
	if (f[U_IMAGE])
		spec_addr(f[U_IMAGE]->value, &b->uboot_image_addr);
}

/* qemu: {machine, cpu, smp, memory, dtb, extra} -> "-M m -cpu c -smp n -m s
 * -dtb boards/<b>/f extra"; dtb is the machine's own tree (a real SoC model
 * starts the image with it in x0), a file in the board folder */
static void board_qemu(struct model_board *b, const struct yamldoc_node *n)
{
	enum { Q_MACHINE, Q_CPU, Q_SMP, Q_MEMORY, Q_DTB, Q_EXTRA, Q_COUNT };
	static const char *const keys[Q_COUNT] = { "machine", "cpu", "smp", "memory", "dtb", "extra" };
	static const char *const flags[Q_COUNT] = { "-M", "-cpu", "-smp", "-m", "-dtb", "" };
	const struct yamldoc_pair *f[Q_COUNT];
	char args[1024] = "";

	if (!spec_map(n, "{machine, cpu, smp, memory, dtb, extra}"))
		return;
	spec_fields(n->pairs, n->count, keys, Q_COUNT, f, "board qemu");
	for (int i = 0; i < Q_COUNT; i++) {
		if (!f[i] || !spec_scalar(f[i]->value, "a QEMU option value"))
			continue;
		char *dtb = i == Q_DTB ? paths_join(b->dir, f[i]->value->text) : NULL;
		size_t used = strlen(args);
		snprintf(args + used, sizeof(args) - used, "%s%s%s%s", used ? " " : "",
			 flags[i], *flags[i] ? " " : "", dtb ? dtb : f[i]->value->text);
		free(dtb);
	}
	b->qemu_args = spec_strdup(args);
}

static void board_descriptor(struct model_board *b, const struct yamldoc_node *root)
{
	const struct yamldoc_pair *f[B_COUNT];
	int psci;
	uint64_t sim;
	static const char *const conduits[] = { "smc", "hvc" };

	spec_fields(root->pairs, root->count, board_keys, B_COUNT, f, "board");
	spec_require(f, board_keys, B_COUNT, 1u << B_DEVICETREE | 1u << B_CONSOLE,
		     &b->file_pos, "board.yaml");
	if (!f[B_DEVICETREE] || !f[B_CONSOLE] ||
	    !spec_scalar(f[B_DEVICETREE]->value, "a device-tree file name") ||
	    !spec_scalar(f[B_CONSOLE]->value, "a device-tree path") ||
	    !board_tree(b, f[B_DEVICETREE]->value) ||
	    !board_read_tree(b, f[B_CONSOLE]->value->text, &f[B_CONSOLE]->value->pos))
		return;
	if (f[B_RAM])
		board_ram_override(b, f[B_RAM]->value);
	if (f[B_PSCI] && spec_enum(f[B_PSCI]->value, conduits, 2, &psci))
		b->psci_conduit = (enum layout_psci_conduit)psci;
	if (f[B_UBOOT])
		board_uboot(b, f[B_UBOOT]->value);
	if (f[B_QEMU])
		board_qemu(b, f[B_QEMU]->value);
	if (f[B_CLOCKS])
		board_clocks(b, f[B_CLOCKS]->value);
	/* testing aid: the runtime paces its output as a UART at this rate */
	if (f[B_UART_SIM] && spec_uint(f[B_UART_SIM]->value, 4000000, &sim) && sim)
		b->uart_sim_baud = (uint32_t)sim < 300 ? 300 : (uint32_t)sim;
}

static void board_unknown(const struct yamldoc_node *ref, const char *boards)
{
	const char *names[64];
	char *owned[64];
	int count = 0;
	DIR *dir = opendir(boards);

	for (struct dirent *e; dir && count < 64 && (e = readdir(dir));)
		if (e->d_name[0] != '.')
			names[count] = owned[count] = spec_strdup(e->d_name), count++;
	if (dir)
		closedir(dir);
	const char *hint = suggest_word(ref->text, names, (size_t)count);
	diag_error(&ref->pos, "unknown-board", "no board '%s' in %s%s%s%s", ref->text, boards,
		   hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
	for (int i = 0; i < count; i++)
		free(owned[i]);
}

bool board_load(struct model *m, const struct yamldoc_node *ref)
{
	struct model_board *b = &m->board;
	struct yamldoc_node *root = NULL;
	struct stat st;

	b->pos = ref->pos;
	b->uart_node = b->gic_node = -1;
	if (!spec_scalar(ref, "a board name"))
		return false;
	char *boards = paths_join(paths_data_dir(), "boards");
	b->name = spec_strdup(ref->text);
	b->dir = strchr(ref->text, '/') ? paths_join(m->spec_dir, ref->text)
					 : paths_join(boards, ref->text);
	char *file = paths_join(b->dir, "board.yaml");
	if (stat(file, &st) || !S_ISREG(st.st_mode))
		board_unknown(ref, boards);
	else if (!yamldoc_load_file(file, &root) && root &&
		 spec_map(root, "a mapping of board keys")) {
		b->file_pos = (struct srcpos){ yamldoc_intern(file), 1, 1 };
		board_descriptor(b, root);
	}
	yamldoc_free(root);
	free(file);
	free(boards);
	return b->fdt != NULL && b->cpu_count > 0;
}

void board_free(struct model_board *b)
{
	free(b->name);
	free(b->dir);
	free(b->fdt);
	free(b->cpu_compatible);
	free(b->uart_path);
	free(b->qemu_args);
	board_clocks_free(b->clock_rates, b->clock_rate_count);
	free(b->clock_nodes);
	memset(b, 0, sizeof(*b));
}
