/* asset.c: lookup in the generated asset table. */
#include <string.h>

#include "util/asset.h"

const struct ccs_asset *
ccs_asset_find(const char *name)
{
	const struct ccs_asset *a;

	for (a = ccs_assets; a->name != NULL; a++) {
		if (strcmp(a->name, name) == 0)
			return a;
	}
	return NULL;
}
