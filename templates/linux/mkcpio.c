// SPDX-License-Identifier: MIT
// mkcpio: writes a newc ("070701") cpio archive from a text list, so an
// initramfs can hold device nodes and root-owned files without root. Every
// entry is owned by 0:0, stamped with one fixed mtime and written in path
// order, so the same list always gives the same bytes.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MKCPIO_LINE_MAX 4096

enum mkcpio_kind { MKCPIO_DIR, MKCPIO_FILE, MKCPIO_SLINK, MKCPIO_NOD };

struct mkcpio_entry {
	enum mkcpio_kind kind;
	char *path;         // inside the archive, no leading '/'
	unsigned long mode; // permission bits only
	char *arg;          // file: host source; slink: target
	char dev_type;      // nod: 'c' or 'b'
	unsigned long major, minor;
	unsigned long line;
};

struct mkcpio_list {
	struct mkcpio_entry *v;
	size_t n, cap;
};

static const char *mkcpio_list_name = "-";

static void mkcpio_die(unsigned long line, const char *what)
{
	fprintf(stderr, "mkcpio: %s:%lu: error: %s\n", mkcpio_list_name, line,
		what);
	exit(1);
}

static char *mkcpio_strdup(const char *s)
{
	char *d = strdup(s);
	if (!d) {
		perror("mkcpio");
		exit(1);
	}
	return d;
}

// Parses an unsigned number in the given base; the whole token must match.
static unsigned long mkcpio_number(const char *tok, int base,
				   unsigned long line)
{
	char *end;
	unsigned long v;

	if (!tok)
		mkcpio_die(line, "missing field");
	errno = 0;
	v = strtoul(tok, &end, base);
	if (errno || *end || end == tok)
		mkcpio_die(line, "bad number");
	return v;
}

static const char *mkcpio_path(const char *tok, unsigned long line)
{
	if (!tok)
		mkcpio_die(line, "missing path");
	while (*tok == '/')
		tok++;
	if (!*tok || strstr(tok, ".."))
		mkcpio_die(line, "path must be a relative name without '..'");
	return tok;
}

static const struct {
	const char *word;
	enum mkcpio_kind kind;
} mkcpio_kinds[] = {
	{ "dir", MKCPIO_DIR },
	{ "file", MKCPIO_FILE },
	{ "slink", MKCPIO_SLINK },
	{ "nod", MKCPIO_NOD },
};

static enum mkcpio_kind mkcpio_kind_of(const char *word, unsigned long line)
{
	for (size_t i = 0; i < sizeof(mkcpio_kinds) / sizeof(mkcpio_kinds[0]);
	     i++)
		if (!strcmp(word, mkcpio_kinds[i].word))
			return mkcpio_kinds[i].kind;
	mkcpio_die(line, "unknown entry kind (dir, file, slink, nod)");
	return MKCPIO_DIR;
}

// One line: "dir PATH MODE", "file PATH MODE SRC", "slink PATH MODE TARGET"
// or "nod PATH MODE c|b MAJOR MINOR". '#' starts a comment line.
static void mkcpio_parse_line(char *buf, unsigned long line,
			      struct mkcpio_entry *e)
{
	const char *sep = " \t\n";
	char *word = strtok(buf, sep);

	e->kind = mkcpio_kind_of(word, line);
	e->line = line;
	e->path = mkcpio_strdup(mkcpio_path(strtok(NULL, sep), line));
	e->mode = mkcpio_number(strtok(NULL, sep), 8, line);
	if (e->mode & ~07777UL)
		mkcpio_die(line, "mode must be permission bits only");
	e->arg = NULL;
	if (e->kind == MKCPIO_FILE || e->kind == MKCPIO_SLINK) {
		const char *arg = strtok(NULL, sep);
		if (!arg)
			mkcpio_die(line, "missing source or link target");
		e->arg = mkcpio_strdup(arg);
	} else if (e->kind == MKCPIO_NOD) {
		const char *t = strtok(NULL, sep);
		if (!t || (strcmp(t, "c") && strcmp(t, "b")))
			mkcpio_die(line, "device type must be c or b");
		e->dev_type = t[0];
		e->major = mkcpio_number(strtok(NULL, sep), 10, line);
		e->minor = mkcpio_number(strtok(NULL, sep), 10, line);
	}
	if (strtok(NULL, sep))
		mkcpio_die(line, "too many fields");
}

static void mkcpio_grow(struct mkcpio_list *list)
{
	if (list->n < list->cap)
		return;
	list->cap = list->cap ? list->cap * 2 : 64;
	list->v = realloc(list->v, list->cap * sizeof(*list->v));
	if (!list->v) {
		perror("mkcpio");
		exit(1);
	}
}

static void mkcpio_read(FILE *in, struct mkcpio_list *list)
{
	char buf[MKCPIO_LINE_MAX];
	unsigned long line = 0;

	while (fgets(buf, sizeof(buf), in)) {
		line++;
		if (!strchr(buf, '\n') && !feof(in))
			mkcpio_die(line, "line too long");
		if (buf[strspn(buf, " \t\n")] == '\0' || buf[0] == '#')
			continue;
		mkcpio_grow(list);
		mkcpio_parse_line(buf, line, &list->v[list->n++]);
	}
}

static int mkcpio_cmp(const void *a, const void *b)
{
	const struct mkcpio_entry *x = a, *y = b;
	return strcmp(x->path, y->path);
}

// Sorting by bytes puts every directory before its contents (a prefix sorts
// first), which the kernel's unpacker needs; duplicates are list mistakes.
static void mkcpio_sort(struct mkcpio_list *list)
{
	qsort(list->v, list->n, sizeof(*list->v), mkcpio_cmp);
	for (size_t i = 1; i < list->n; i++)
		if (!strcmp(list->v[i - 1].path, list->v[i].path))
			mkcpio_die(list->v[i].line, "path listed twice");
}

static void mkcpio_pad(FILE *out, unsigned long long len)
{
	static const char zero[4];
	fwrite(zero, 1, (4 - len % 4) % 4, out);
}

struct mkcpio_header {
	unsigned long ino, mode, nlink, mtime, size;
	unsigned long rmajor, rminor;
};

// newc header: magic, 13 eight-digit hex fields, then the NUL-terminated
// name, padded so that header + name is a multiple of 4.
static void mkcpio_header(FILE *out, const struct mkcpio_header *h,
			  const char *name)
{
	size_t namesize = strlen(name) + 1;

	fprintf(out,
		"070701%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX%08lX"
		"%08lX%08lX%08lX%08lX",
		h->ino, h->mode, 0UL, 0UL, h->nlink, h->mtime, h->size, 0UL,
		0UL, h->rmajor, h->rminor, (unsigned long)namesize, 0UL);
	fwrite(name, 1, namesize, out);
	mkcpio_pad(out, 110 + namesize);
}

static unsigned long mkcpio_file_size(FILE *f, const struct mkcpio_entry *e)
{
	long size;

	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		mkcpio_die(e->line, "cannot size source file");
	if ((unsigned long long)size > 0xffffffffULL)
		mkcpio_die(e->line, "source file larger than 4 GiB");
	return (unsigned long)size;
}

static void mkcpio_copy(FILE *out, FILE *in, unsigned long size,
			const struct mkcpio_entry *e)
{
	char buf[65536];
	unsigned long left = size;

	while (left) {
		size_t want = left < sizeof(buf) ? left : sizeof(buf);
		if (fread(buf, 1, want, in) != want)
			mkcpio_die(e->line, "source file changed while read");
		fwrite(buf, 1, want, out);
		left -= want;
	}
	mkcpio_pad(out, size);
}

static void mkcpio_write_file(FILE *out, struct mkcpio_header *h,
			      const struct mkcpio_entry *e)
{
	FILE *in = fopen(e->arg, "rb");

	if (!in) {
		fprintf(stderr, "mkcpio: %s: %s\n", e->arg, strerror(errno));
		mkcpio_die(e->line, "cannot open source file");
	}
	h->mode |= 0100000;
	h->size = mkcpio_file_size(in, e);
	mkcpio_header(out, h, e->path);
	mkcpio_copy(out, in, h->size, e);
	fclose(in);
}

static void mkcpio_write_entry(FILE *out, const struct mkcpio_entry *e,
			       unsigned long ino, unsigned long mtime)
{
	struct mkcpio_header h = { .ino = ino, .mode = e->mode, .nlink = 1,
				   .mtime = mtime };

	switch (e->kind) {
	case MKCPIO_FILE:
		mkcpio_write_file(out, &h, e);
		return;
	case MKCPIO_DIR:
		h.mode |= 0040000;
		h.nlink = 2;
		break;
	case MKCPIO_SLINK:
		h.mode |= 0120000;
		h.size = strlen(e->arg);
		break;
	case MKCPIO_NOD:
		h.mode |= e->dev_type == 'c' ? 0020000 : 0060000;
		h.rmajor = e->major;
		h.rminor = e->minor;
		break;
	}
	mkcpio_header(out, &h, e->path);
	if (e->kind == MKCPIO_SLINK) {
		fwrite(e->arg, 1, h.size, out);
		mkcpio_pad(out, h.size);
	}
}

static unsigned long mkcpio_mtime(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	unsigned long v;

	if (!s || !*s)
		return 0;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > 0xffffffffUL) {
		fprintf(stderr, "mkcpio: SOURCE_DATE_EPOCH is not a number\n");
		exit(1);
	}
	return v;
}

int main(int argc, char **argv)
{
	struct mkcpio_list list = { 0 };
	struct mkcpio_header trailer = { .nlink = 1 };
	FILE *in = stdin;
	unsigned long mtime = mkcpio_mtime();

	if (argc != 2) {
		fprintf(stderr, "usage: mkcpio LIST > archive.cpio\n"
			"  mtime comes from SOURCE_DATE_EPOCH (0 if unset)\n");
		return 2;
	}
	mkcpio_list_name = argv[1];
	if (strcmp(argv[1], "-") && !(in = fopen(argv[1], "r"))) {
		perror(argv[1]);
		return 1;
	}
	mkcpio_read(in, &list);
	mkcpio_sort(&list);
	for (size_t i = 0; i < list.n; i++)
		mkcpio_write_entry(stdout, &list.v[i], i + 1, mtime);
	mkcpio_header(stdout, &trailer, "TRAILER!!!");
	if (fflush(stdout) || ferror(stdout)) {
		perror("mkcpio: write");
		return 1;
	}
	return 0;
}
