/* asset.h: files compiled into the binary (migrations, seed, web UI). */
#ifndef CCS_ASSET_H
#define CCS_ASSET_H

#include <stddef.h>

struct ccs_asset {
	const char		*name;	/* e.g. "web/index.html", "migrations/0001.sql" */
	const unsigned char	*data;	/* contents, NUL-terminated */
	size_t			 len;	/* bytes, excluding the NUL */
};

/** The table, ended by a NULL name (generated at build time). */
extern const struct ccs_asset ccs_assets[];

/** Returns the asset called @p name, or NULL; borrowed, static. */
const struct ccs_asset *ccs_asset_find(const char *name);

#endif
