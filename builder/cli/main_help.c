/* SPDX-License-Identifier: MIT */
/*
 * Command table and help texts. Options are matched per command, so an
 * option of one command is an error for another.
 */
#include "main_help.h"

#include <string.h>

static const struct main_help_command main_help_commands[] = {
	{ "check", "SPEC", "load, check and allocate SPEC; write nothing",
	  "  --no-limits  skip the named checks and the runtime's LAYOUT_MAX_* limits\n"
	  "               (benchmarks only: the runtime refuses such an image)\n", 1, 1 },
	{ "build", "SPEC [-o DIR]", "build image, FIT, boot.scr, DTBs and reports into DIR",
	  "  -o DIR       output folder (default: images/<name>/ under the current directory)\n"
	  "  --sign-key DIR  sign the FIT for U-Boot verified boot with DIR's only NAME.key\n"
	  "               (and NAME.crt); also writes u-boot-key.dtb, the board tree with\n"
	  "               the public key required (default: $PARTITA_SIGN_KEY; SECURITY.md)\n"
	  "  --no-limits  skip the named checks and the runtime's LAYOUT_MAX_* limits\n"
	  "               (benchmarks only: the runtime refuses such an image)\n", 1, 1 },
	{ "layout", "SPEC", "print the layout report (layout.txt) to stdout", NULL, 1, 1 },
	{ "dts", "SPEC GUEST", "print GUEST's generated device tree as DTS (through dtc)", NULL, 2, 2 },
	{ "inspect", "IMAGE", "decode a built <name>.img: verify the layout, list its contents",
	  NULL, 1, 1 },
	{ "diff", "OLD NEW", "what changed between two systems (specs or build folders)",
	  "  --format F   text (default), markdown (for a pull-request comment) or json\n"
	  "  Compares by name (guest, channel, device address), so reordering is no change.\n"
	  "  Changes that widen what a guest can reach are listed first, as security-relevant.\n"
	  "  exit status: 0 no changes, 1 changes, 2 trouble (like diff(1)).\n"
	  "  With -q nothing is printed; with -v payload SHA-256s are shown whole.\n", 2, 2 },
	{ "graph", "SPEC|DIR", "Graphviz graph of guests, CPUs, devices and channels",
	  "  --format F   dot (default) or svg (runs graphviz's dot; exit 2 when it is missing)\n", 1, 1 },
	{ "run", "SPEC|DIR [-- QEMU-ARGS]", "build (for a SPEC) and boot the system in QEMU",
	  "  --uboot      boot through U-Boot (u-boot-qemu) from a virtio disk with boot.scr\n"
	  "               and the FIT, instead of QEMU's -kernel\n"
	  "  --gdb        start halted with a gdb server on tcp::1234 (-s -S)\n"
	  "  --shell GUEST  build a variant into images/<name>-shell-GUEST/ with\n"
	  "               partita.then=shell on GUEST's bootargs (Linux template guests) and\n"
	  "               the console input (what you type) going to GUEST alone; Ctrl-C\n"
	  "               reaches the guest's shell, exit the shell to power the guest off\n"
	  "  --timeout S  stop QEMU after S seconds (exit status 124, from timeout(1))\n"
	  "  --serial1 FILE  the board's second UART (QEMU's serial 1) to FILE\n"
	  "  A SPEC is always rebuilt into images/<name>/ first (fast, byte-identical when\n"
	  "  nothing changed). Machine, CPU, SMP, memory and the machine's DTB come from the\n"
	  "  board's qemu: block.\n"
	  "  The exit status is QEMU's: 0 when the system powered off.\n", 1, 1 },
	{ "fmt", "SPEC [--check]", "rewrite SPEC in canonical form (key order, sizes)",
	  "  --check      change nothing; exit 1 when SPEC is not canonical (for CI)\n"
	  "  Canonical: top-level keys in the order partita (format version), name,\n"
	  "  description, board, guests, channels, disks, networks; the keys of each\n"
	  "  guest, channel, disk and network in schema order; sizes in the largest exact\n"
	  "  unit (256M, not 0x10000000). Comments move with the key they sit on or above.\n"
	  "  A spec that does not parse, or is of a newer format, is never written.\n", 1, 1 },
	{ "explain", "CHECK-ID", "what a diagnostic id guards and how to fix it",
	  "  --list       every id with its one-line summary\n", 1, 1 },
};
#define MAIN_HELP_COUNT (sizeof(main_help_commands) / sizeof(main_help_commands[0]))

const struct main_help_command *main_help_find(const char *name)
{
	for (size_t i = 0; i < MAIN_HELP_COUNT; i++)
		if (!strcmp(main_help_commands[i].name, name))
			return &main_help_commands[i];
	return NULL;
}

void main_help_usage(FILE *f)
{
	fprintf(f, "usage: partita [-q|-v] [--color=WHEN] COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < MAIN_HELP_COUNT; i++)
		fprintf(f, "  %-8s %-24s %s\n", main_help_commands[i].name,
			main_help_commands[i].args, main_help_commands[i].summary);
	fprintf(f, "\noptions: -q quiet, -v verbose, --color=auto|always|never (diagnostics;\n"
		"         NO_COLOR is honoured), --help, --version; `partita COMMAND --help`.\n"
		"exit status: 0 ok, 1 errors in the spec or image, 2 usage or internal errors.\n"
		"environment: PARTITA_RUNTIME (runtime binary), PARTITA_DATADIR (boards, templates),\n"
		"             SOURCE_DATE_EPOCH (FIT and boot.scr timestamps; default 0).\n"
		"see also: partita(1), `partita explain --list`.\n");
}

int main_help_command(FILE *f, const struct main_help_command *c)
{
	fprintf(f, "usage: partita %s %s\n  %s\n", c->name, c->args, c->summary);
	if (c->options)
		fprintf(f, "%s", c->options);
	return CMD_OK;
}

const char *main_help_value_option(const char *cmd, const char *arg)
{
	static const struct { const char *cmd, *opt; } opts[] = {
		{ "build", "-o" }, { "build", "--sign-key" },
		{ "diff", "--format" }, { "graph", "--format" },
		{ "run", "--shell" }, { "run", "--timeout" }, { "run", "--serial1" },
	};

	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		size_t n = strlen(opts[i].opt);
		if (!strcmp(cmd, opts[i].cmd) && !strncmp(arg, opts[i].opt, n) &&
		    (arg[n] == '\0' || (arg[n] == '=' && arg[1] == '-')))
			return opts[i].opt;
	}
	return NULL;
}

void main_help_set_value(struct main_args *a, const char *opt, const char *value)
{
	if (!strcmp(opt, "-o"))
		a->opt.out_dir = value;
	else if (!strcmp(opt, "--sign-key"))
		a->opt.sign_key = value;
	else if (!strcmp(opt, "--format"))
		a->format = value;
	else if (!strcmp(opt, "--shell"))
		a->run.shell_guest = value;
	else if (!strcmp(opt, "--timeout"))
		a->run.timeout = value;
	else if (!strcmp(opt, "--serial1"))
		a->run.serial1 = value;
}

bool main_help_set_flag(struct main_args *a, const char *cmd, const char *arg)
{
	bool limits = !strcmp(cmd, "build") || !strcmp(cmd, "check");

	if (limits && !strcmp(arg, "--no-limits"))
		return a->opt.no_limits = true;
	if (!strcmp(cmd, "fmt") && !strcmp(arg, "--check"))
		return a->check = true;
	if (!strcmp(cmd, "explain") && !strcmp(arg, "--list"))
		return a->list = true;
	if (!strcmp(cmd, "run") && !strcmp(arg, "--uboot"))
		return a->run.uboot = true;
	if (!strcmp(cmd, "run") && !strcmp(arg, "--gdb"))
		return a->run.gdb = true;
	return false;
}
