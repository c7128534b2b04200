/* SPDX-License-Identifier: MIT */
/*
 * builder/lib/jsonio.c: its limits before jansson parses (depth, brackets inside
 * strings not counted, duplicate keys), the tolerant member readers
 * (absent, mistyped, negative, hex strings) and the writer's string, which
 * is valid UTF-8 whatever it is given.
 */
#include <string.h>

#include "back_fixture.h"
#include "jsonio.h"

static json_t *parse(const char *text, char *err)
{
	return jsonio_parse(text, strlen(text), err, 200);
}

static void test_limits(void)
{
	char err[200], deep[200], shallow[200];
	json_t *v;

	memset(deep, '[', 65);
	memset(deep + 65, ']', 65);
	deep[130] = '\0';
	memset(shallow, '[', 64);
	memset(shallow + 64, ']', 64);
	shallow[128] = '\0';
	BACK_CHECK("65 levels refused", !parse(deep, err) && strstr(err, "deeper than 64"));
	v = parse(shallow, err);
	BACK_CHECK("64 levels read", v != NULL);
	json_decref(v);
	v = parse("{\"s\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"\"}",
		  err);
	BACK_CHECK("brackets in a string (and an escaped quote) are not depth", v != NULL);
	json_decref(v);
	BACK_CHECK("duplicate key refused", !parse("{\"a\": 1, \"a\": 2}", err) &&
		   strstr(err, "duplicate"));
	BACK_CHECK("syntax error has a position", !parse("{\"a\": }", err) && strstr(err, "line 1"));
}

static void test_members(void)
{
	char err[200];
	json_t *v = parse("{\"n\": 7, \"neg\": -3, \"hex\": \"0x40000000\", \"dec\": \"12\", "
			  "\"s\": \"x\", \"t\": true, \"f\": false, \"real\": 1.5}", err);

	BACK_CHECK("members parse", v != NULL);
	BACK_CHECK("integer", jsonio_u64(v, "n") == 7);
	BACK_CHECK("negative is 0", jsonio_u64(v, "neg") == 0);
	BACK_CHECK("hex string", jsonio_u64(v, "hex") == 0x40000000);
	BACK_CHECK("decimal string", jsonio_u64(v, "dec") == 12);
	BACK_CHECK("real is 0", jsonio_u64(v, "real") == 0);
	BACK_CHECK("absent is 0", jsonio_u64(v, "none") == 0);
	BACK_CHECK("string", !strcmp(jsonio_str(v, "s"), "x"));
	BACK_CHECK("number as string is \"\"", !strcmp(jsonio_str(v, "n"), ""));
	BACK_CHECK("absent string is \"\"", !strcmp(jsonio_str(v, "none"), ""));
	BACK_CHECK("true", jsonio_bool(v, "t"));
	BACK_CHECK("false", !jsonio_bool(v, "f"));
	BACK_CHECK("string is not true", !jsonio_bool(v, "s"));
	BACK_CHECK("members of a non-object", jsonio_u64(json_object_get(v, "s"), "n") == 0 &&
		   !strcmp(jsonio_str(NULL, "s"), ""));
	json_decref(v);
}

static void test_writer(void)
{
	json_t *s = jsonio_string("caf\xc3\xa9");
	json_t *bad = jsonio_string("a\xff" "b\xc3");
	json_t *none = jsonio_string(NULL);

	BACK_CHECK("UTF-8 kept", !strcmp(json_string_value(s), "caf\xc3\xa9"));
	BACK_CHECK("bytes that are not UTF-8 become ?", !strcmp(json_string_value(bad), "a?b?"));
	BACK_CHECK("NULL is \"\"", !strcmp(json_string_value(none), ""));
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	json_t *o = json_pack("{s:o, s:i}", "k", jsonio_string("q\"\n"), "n", 5);
	jsonio_dump(f, o, 0, true);
	fclose(f);
	BACK_CHECK("one-line dump, escaped, newline", !strcmp(text, "{\"k\": \"q\\\"\\n\", \"n\": 5}\n"));
	free(text);
	json_decref(o);
	json_decref(s);
	json_decref(bad);
	json_decref(none);
}

int main(void)
{
	test_limits();
	test_members();
	test_writer();
	return back_finish();
}
