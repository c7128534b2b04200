/* SPDX-License-Identifier: MIT */
/*
 * The diagnostic catalog: ids are kebab-case, unique and sorted (so the list
 * a user reads is stable), each with a summary; lookups find exactly them.
 */
#include <ctype.h>

#include "checks.h"
#include "front_check.h"

static bool kebab(const char *id)
{
	if (!islower((unsigned char)id[0]))
		return false;
	for (const char *p = id; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      (*p == '-' && p[1] && p[1] != '-')))
			return false;
	return true;
}

int main(void)
{
	bool all_kebab = true, sorted = true, summaries = true;

	for (int i = 0; i < checks_catalog_count; i++) {
		all_kebab = all_kebab && kebab(checks_catalog[i].id);
		summaries = summaries && strlen(checks_catalog[i].summary) > 10;
		if (i)
			sorted = sorted && strcmp(checks_catalog[i - 1].id, checks_catalog[i].id) < 0;
	}
	FRONT_CHECK("catalog: at least 25 ids", checks_catalog_count >= 25);
	FRONT_CHECK("catalog: ids are kebab-case", all_kebab);
	FRONT_CHECK("catalog: sorted and unique", sorted);
	FRONT_CHECK("catalog: every id has a summary", summaries);
	FRONT_CHECK("catalog: finds cpu-shared", checks_known_id("cpu-shared"));
	FRONT_CHECK("catalog: no partial matches", !checks_known_id("cpu") &&
		    !checks_known_id("cpu-shared-x") && !checks_known_id(""));
	return front_finish();
}
