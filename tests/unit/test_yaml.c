/* SPDX-License-Identifier: MIT */
/*
 * yamldoc: 1-based positions on every node, and rejection of duplicate keys,
 * anchors, aliases, tags, second documents and broken syntax.
 */
#include "front_check.h"

static void test_positions(void)
{
	struct yamldoc_node *root;
	int errors = front_parse("name: demo\nguests:\n  a:\n    cpus: [0, 12]\n", &root);

	FRONT_CHECK("yaml: clean file has no errors", errors == 0 && root);
	if (!root)
		return;
	const struct yamldoc_node *a = yamldoc_get(yamldoc_get(root, "guests"), "a");
	const struct yamldoc_node *cpus = yamldoc_get(a, "cpus");
	FRONT_CHECK("yaml: root is a mapping at 1:1",
		    root->kind == YAMLDOC_MAP && root->pos.line == 1 && root->pos.col == 1);
	FRONT_CHECK("yaml: key position 3:3",
		    root->pairs[1].value->pairs[0].key->pos.line == 3 &&
		    root->pairs[1].value->pairs[0].key->pos.col == 3);
	FRONT_CHECK("yaml: flow list at 4:11", cpus && cpus->kind == YAMLDOC_SEQ &&
		    cpus->pos.line == 4 && cpus->pos.col == 11);
	FRONT_CHECK("yaml: second item '12' at 4:15", cpus && cpus->count == 2 &&
		    !strcmp(cpus->items[1]->text, "12") && cpus->items[1]->pos.col == 15);
	FRONT_CHECK("yaml: file name kept", !strcmp(root->pos.file, "test.yaml"));
	yamldoc_free(root);
}

static void test_rejections(void)
{
	struct yamldoc_node *root;

	FRONT_CHECK("yaml: duplicate key is an error", front_parse("a: 1\nb: 2\na: 3\n", &root) == 1);
	FRONT_CHECK("yaml: duplicate key keeps the first",
		    root && root->count == 2 && !strcmp(yamldoc_get(root, "a")->text, "1"));
	yamldoc_free(root);
	FRONT_CHECK("yaml: nested duplicate key",
		    front_parse("g:\n  x: {m: 1, m: 2}\n", &root) == 1);
	yamldoc_free(root);
	FRONT_CHECK("yaml: anchor rejected", front_parse("a: &x 1\n", &root) == 1);
	yamldoc_free(root);
	FRONT_CHECK("yaml: anchor and alias both rejected",
		    front_parse("a: &x 1\nb: *x\n", &root) == 2);
	yamldoc_free(root);
	FRONT_CHECK("yaml: tag rejected", front_parse("a: !!int 1\n", &root) == 1);
	yamldoc_free(root);
	FRONT_CHECK("yaml: local tag rejected", front_parse("a: !mine {b: 1}\n", &root) == 1);
	yamldoc_free(root);
	FRONT_CHECK("yaml: two documents rejected", front_parse("a: 1\n---\nb: 2\n", &root) == 1);
	yamldoc_free(root);
	FRONT_CHECK("yaml: syntax error", front_parse("a: [1, 2\n", &root) == 1 && !root);
	FRONT_CHECK("yaml: tab indentation", front_parse("a:\n\tb: 1\n", &root) == 1 && !root);
	FRONT_CHECK("yaml: complex key rejected", front_parse("? [a]\n: 1\n", &root) == 1);
	yamldoc_free(root);
}

static void test_scalars(void)
{
	struct yamldoc_node *root;

	front_parse("a: ~\nb: ''\nc: \"null\"\nd:\ne: x\n", &root);
	FRONT_CHECK("yaml: ~ is null", yamldoc_is_null(yamldoc_get(root, "a")));
	FRONT_CHECK("yaml: '' quoted is not null", !yamldoc_is_null(yamldoc_get(root, "b")));
	FRONT_CHECK("yaml: \"null\" quoted is not null", !yamldoc_is_null(yamldoc_get(root, "c")));
	FRONT_CHECK("yaml: empty value is null", yamldoc_is_null(yamldoc_get(root, "d")));
	FRONT_CHECK("yaml: quoted flag", yamldoc_get(root, "b")->quoted &&
		    !yamldoc_get(root, "e")->quoted);
	FRONT_CHECK("yaml: missing key gives NULL", yamldoc_get(root, "zz") == NULL);
	yamldoc_free(root);
	FRONT_CHECK("yaml: comments-only file is empty, no error",
		    front_parse("# nothing\n", &root) == 0 && root == NULL);
}

static void test_depth(void)
{
	char deep[400];
	struct yamldoc_node *root;

	memset(deep, '[', 200);
	deep[200] = '\0';
	FRONT_CHECK("yaml: nesting bound", front_parse(deep, &root) >= 1 && !root);
}

int main(void)
{
	test_positions();
	test_rejections();
	test_scalars();
	test_depth();
	return front_finish();
}
