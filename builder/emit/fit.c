/* SPDX-License-Identifier: MIT */
/*
 * The boot script, and for a signed FIT its source (.its), are generated
 * into a private scratch folder and compiled by mkimage into the output;
 * `mkimage -l` then verifies the signed FIT. An unsigned FIT is written by
 * fit_tree.c with the bytes mkimage would make of the same .its. mkimage
 * stamps SOURCE_DATE_EPOCH (0 unless the user set it), which keeps every
 * output byte-identical across builds (an RSA PKCS#1 v1.5 signature is
 * deterministic too, when PARTITA_SIGN_KEY asks for one).
 */
#include "fit.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fit_sign.h"
#include "fit_tree.h"
#include "paths.h"
#include "spawn.h"

static int fit_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		diag_fatal("cannot write '%s': %s", path, strerror(errno));
		return 1;
	}
	return 0;
}

static int fit_mkimage(const char *const argv[], const char *what)
{
	int rc = spawn_run(argv, "/dev/null");

	if (rc == 0)
		return 0;
	diag_fatal("%s failed (%s); is u-boot-tools installed?", what,
		   rc < 0 ? "mkimage could not be run" : "mkimage reported an error");
	return 1;
}

/* the configuration's signature node: over both images, so none can be swapped */
static void fit_its_signature(FILE *f, const struct fit_key *k)
{
	if (k->name)
		fprintf(f, "\t\t\tsignature-1 {\n\t\t\t\talgo = \"sha256,rsa2048\";\n"
			"\t\t\t\tkey-name-hint = \"%s\";\n"
			"\t\t\t\tsign-images = \"kernel\", \"fdt\";\n\t\t\t};\n", k->name);
}

static int fit_its(const char *path, const struct alloc *a, const char *img, const char *dtb,
		   const struct fit_key *k)
{
	const struct model *m = a->m;
	unsigned long long addr = (unsigned long long)m->board.uboot_image_addr;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	fprintf(f, "/dts-v1/;\n\n/ {\n\tdescription = \"Partita system %s\";\n"
		"\t#address-cells = <1>;\n\n\timages {\n", m->name);
	fprintf(f, "\t\tkernel {\n\t\t\tdescription = \"Partita runtime, layout and guests\";\n"
		"\t\t\tdata = /incbin/(\"%s\");\n\t\t\ttype = \"kernel\";\n\t\t\tarch = \"arm64\";\n"
		"\t\t\tos = \"linux\";\n\t\t\tcompression = \"none\";\n"
		"\t\t\tload = <0x%llx>;\n\t\t\tentry = <0x%llx>;\n"
		"\t\t\thash-1 {\n\t\t\t\talgo = \"sha256\";\n\t\t\t};\n\t\t};\n", img, addr, addr);
	fprintf(f, "\t\tfdt {\n\t\t\tdescription = \"Board %s device tree\";\n"
		"\t\t\tdata = /incbin/(\"%s\");\n\t\t\ttype = \"flat_dt\";\n\t\t\tarch = \"arm64\";\n"
		"\t\t\tcompression = \"none\";\n"
		"\t\t\thash-1 {\n\t\t\t\talgo = \"sha256\";\n\t\t\t};\n\t\t};\n\t};\n\n",
		m->board.name, dtb);
	fprintf(f, "\tconfigurations {\n\t\tdefault = \"conf\";\n\t\tconf {\n"
		"\t\t\tdescription = \"%s\";\n\t\t\tkernel = \"kernel\";\n\t\t\tfdt = \"fdt\";\n",
		m->name);
	fit_its_signature(f, k);
	fprintf(f, "\t\t};\n\t};\n};\n");
	fclose(f);
	int rc = fit_text(path, text);
	free(text);
	return rc;
}

static int fit_script(const struct output *o, const struct alloc *a, const char *scratch)
{
	const struct model *m = a->m;
	char text[1024];
	char *cmd = paths_join(scratch, "boot.cmd");
	char *scr = output_path(o, "boot.scr");
	char title[64];

	snprintf(text, sizeof(text),
		 "# Partita: boot system '%s' from the partition distro boot found us on\n"
		 "echo \"partita: loading %s.itb\"\n"
		 "load ${devtype} ${devnum}:${distro_bootpart} 0x%llx %s.itb\n"
		 "bootm 0x%llx#conf\n",
		 m->name, m->name, (unsigned long long)m->board.uboot_fit_addr, m->name,
		 (unsigned long long)m->board.uboot_fit_addr);
	snprintf(title, sizeof(title), "partita %s", m->name);
	const char *const argv[] = { "mkimage", "-A", "arm64", "-O", "linux", "-T", "script",
				     "-C", "none", "-n", title, "-d", cmd, scr, NULL };
	int rc = fit_text(cmd, text) || fit_mkimage(argv, "making boot.scr");
	free(cmd);
	free(scr);
	return rc;
}

static int fit_board_dtb(const char *path, const struct alloc *a)
{
	FILE *f = fopen(path, "wb");
	const struct model_board *b = &a->m->board;

	if (!f || !b->fdt || fwrite(b->fdt, 1, b->fdt_size, f) != b->fdt_size || fclose(f)) {
		diag_fatal("cannot write the board tree to '%s'", path);
		return 1;
	}
	return 0;
}

/* mkimage -f: plain, or signed with the public key written into key_dtb */
static int fit_make(const char *its, const char *itb, const struct fit_key *k,
		    const char *key_dtb)
{
	const char *const plain[] = { "mkimage", "-f", its, itb, NULL };
	const char *const sign[] = { "mkimage", "-f", its, "-k", k->dir, "-K", key_dtb, "-r",
				     itb, NULL };

	return fit_mkimage(k->dir ? sign : plain, k->dir ? "signing the FIT image"
							 : "making the FIT image");
}

int fit_write(const struct output *o, const struct alloc *a, const char *sign_key,
	      const struct image_plan *img, const uint8_t img_sha256[SHA256_SIZE])
{
	char scratch[] = "/tmp/partita-fit-XXXXXX";
	char name[300];
	struct fit_key key;
	int rc = 1;

	setenv("SOURCE_DATE_EPOCH", "0", 0);
	if (fit_sign_key(&key, sign_key))
		return 1;
	if (!mkdtemp(scratch)) {
		diag_fatal("cannot create a scratch folder: %s", strerror(errno));
		fit_sign_free(&key);
		return 1;
	}
	/* dtc resolves /incbin/ relative to the .its: give it an absolute path. */
	char *tmp_abs = realpath(o->tmp, NULL);
	snprintf(name, sizeof(name), "%s.img", a->m->name);
	char *img_path = paths_join(tmp_abs ? tmp_abs : o->tmp, name);
	free(tmp_abs);
	snprintf(name, sizeof(name), "%s.itb", a->m->name);
	char *itb = output_path(o, name);
	char *its = paths_join(scratch, "system.its");
	char *dtb = paths_join(scratch, "board.dtb");
	char *key_dtb = paths_join(scratch, "u-boot-key.dtb");
	const char *const ls[] = { "mkimage", "-l", itb, NULL };
	/* PARTITA_FIT_MKIMAGE=1: the unsigned FIT through mkimage too (tests/repro
	 * compares both ways' bytes). */
	const char *via = getenv("PARTITA_FIT_MKIMAGE");
	if (!key.dir && !(via && !strcmp(via, "1"))) {
		if (!fit_tree_write(itb, a, img, img_sha256))
			rc = fit_script(o, a, scratch);
	} else if (!fit_board_dtb(dtb, a) && !fit_board_dtb(key_dtb, a) &&
		   !fit_its(its, a, img_path, dtb, &key) && !fit_make(its, itb, &key, key_dtb) &&
		   !fit_mkimage(ls, "verifying the FIT image") &&
		   !(key.dir && fit_sign_publish(o, key_dtb))) {
		rc = fit_script(o, a, scratch);
	}
	output_remove_dir(scratch);
	fit_sign_free(&key);
	free(img_path);
	free(itb);
	free(its);
	free(dtb);
	free(key_dtb);
	return rc;
}
