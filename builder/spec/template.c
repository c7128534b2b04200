/* SPDX-License-Identifier: MIT */
/*
 * Guest templates: templates/<name>.yaml under the data root for a bare name,
 * or a file path relative to the spec (or absolute) when the value has a '/'
 * or ends in .yaml. Each template is loaded once per spec and must be a
 * mapping of guest keys; errors inside it point into the template file.
 */
#include "spec.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include "suggest.h"

static char *template_path(const struct spec_ctx *ctx, const char *ref)
{
	size_t len = strlen(ref);

	if (ref[0] == '/')
		return spec_strdup(ref);
	if (strchr(ref, '/') || (len > 5 && !strcmp(ref + len - 5, ".yaml")))
		return paths_join(ctx->m->spec_dir, ref);
	char *dir = paths_join(paths_data_dir(), "templates");
	char *file = malloc(len + 6);
	if (!file)
		abort();
	strcpy(file, ref);
	strcat(file, ".yaml");
	char *path = paths_join(dir, file);
	free(dir);
	free(file);
	return path;
}

bool template_key_known(const char *key)
{
	for (int k = 0; k < spec_guest_key_count; k++)
		if (!strcmp(key, spec_guest_keys[k]))
			return true;
	return false;
}

/* Once per template, so a mistake in it is reported once, not per guest. */
static void template_check_keys(const struct yamldoc_node *root)
{
	const struct yamldoc_pair *found[SPEC_MAX_KEYS];

	spec_fields(root->pairs, root->count, spec_guest_keys, spec_guest_key_count, found,
		    "template");
	if (found[0])   /* spec_guest_keys[0] is "template" */
		diag_error(&found[0]->key->pos, "template-nested",
			   "a template cannot name another template");
}

/* Reports a missing template, with the nearest name under templates/. */
static void template_unknown(const struct yamldoc_node *ref, const char *path)
{
	char *dir = paths_join(paths_data_dir(), "templates");
	char names[32][64];
	const char *list[32];
	int count = 0;
	DIR *d = opendir(dir);

	for (struct dirent *e; d && count < 32 && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len > 5 && len < sizeof(names[0]) && !strcmp(e->d_name + len - 5, ".yaml")) {
			memcpy(names[count], e->d_name, len - 5);
			names[count][len - 5] = '\0';
			list[count] = names[count];
			count++;
		}
	}
	if (d)
		closedir(d);
	free(dir);
	const char *hint = suggest_word(ref->text, list, (size_t)count);
	diag_error(&ref->pos, "unknown-template", "no template '%s' (looked for %s)%s%s%s",
		   ref->text, path, hint ? "; did you mean '" : "", hint ? hint : "",
		   hint ? "'?" : "");
}

static struct yamldoc_node *template_load(const struct spec_ctx *ctx,
					  const struct yamldoc_node *ref)
{
	char *path = template_path(ctx, ref->text);
	struct yamldoc_node *root = NULL;
	struct stat st;

	if (stat(path, &st) || !S_ISREG(st.st_mode)) {
		template_unknown(ref, path);
	} else if (!yamldoc_load_file(path, &root) && root &&
		   !spec_map(root, "a mapping of guest keys")) {
		yamldoc_free(root);
		root = NULL;
	}
	if (root)
		template_check_keys(root);
	free(path);
	return root;
}

const struct yamldoc_node *template_find(struct spec_ctx *ctx, const struct yamldoc_node *ref)
{
	if (!spec_scalar(ref, "a template name"))
		return NULL;
	for (int i = 0; i < ctx->template_count; i++)
		if (!strcmp(ctx->templates[i].name, ref->text))
			return ctx->templates[i].root;
	if (ctx->template_count == SPEC_MAX_TEMPLATES) {
		diag_error(&ref->pos, "limits-exceeded", "more than %d different templates",
			   SPEC_MAX_TEMPLATES);
		return NULL;
	}
	struct spec_template *t = &ctx->templates[ctx->template_count++];
	t->name = spec_strdup(ref->text);
	t->root = template_load(ctx, ref);
	return t->root;
}

void template_free_all(struct spec_ctx *ctx)
{
	for (int i = 0; i < ctx->template_count; i++) {
		free(ctx->templates[i].name);
		yamldoc_free(ctx->templates[i].root);
	}
	ctx->template_count = 0;
}
