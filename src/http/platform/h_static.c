/*
 * h_static.c: the web UI, compiled into the binary. "/" serves
 * web/index.html, "/x" serves web/x or web/x.html. Responses carry a strong
 * ETag so a slow link revalidates with a 304 instead of downloading again.
 * These are asset names, not source paths: tools/embed.c names a file of
 * web/<domain>/ by its base name (web/sharing/incidents.js is
 * "web/js/incidents.js"), so moving a file between folders keeps its URL.
 */
#include <string.h>

#include <sodium.h>

#include "http/platform/handlers.h"
#include "util/asset.h"
#include "util/str.h"
#include "util/err.h"

static const char *
content_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".json", "application/json" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	}
	return "application/octet-stream";
}

/*
 * No such page: a browser (Accept: text/html) gets the "page not found"
 * page with the header and links back; anything else the JSON error.
 */
static void
not_found(struct ccs_req *r)
{
	const char *accept = ccs_req_header(r, "Accept");
	const struct ccs_asset *a = ccs_asset_find("web/not-found.html");

	if (accept == NULL || strstr(accept, "text/html") == NULL || a ==
	    NULL) {
		ccs_reply_error(r, 404, "not_found", "no such page");
		return;
	}
	ccs_reply_bytes(r, 404, "text/html; charset=utf-8", a->data, a->len,
	    false);
	ccs_reply_header(r, "Cache-Control", "no-cache");
}

void
ccs_h_static(struct ccs_req *r)
{
	const struct ccs_asset *a;
	unsigned char h[16];
	char name[192], etag[40], hex[33];
	const char *inm;

	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
		ccs_reply_error(r, 405, "method_not_allowed", "pages are read "
		    "with GET");
		return;
	}
	if (strstr(r->path, "..") != NULL || strlen(r->path) > 128) {
		not_found(r);
		return;
	}
	if (ccs_snprintf(name, sizeof(name), "web%s", strcmp(r->path, "/") ==
	    0 ? "/index.html" : r->path) != CCS_OK) {
		not_found(r);
		return;
	}
	a = ccs_asset_find(name);
	if (a == NULL && strchr(strrchr(name, '/'), '.') == NULL &&
	    ccs_snprintf(name, sizeof(name), "web%s.html", r->path) == CCS_OK)
		a = ccs_asset_find(name);
	if (a == NULL) {
		not_found(r);
		return;
	}
	crypto_generichash(h, sizeof(h), a->data, a->len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	(void)ccs_snprintf(etag, sizeof(etag), "\"%s\"", hex);
	inm = ccs_req_header(r, "If-None-Match");
	if (inm != NULL && strcmp(inm, etag) == 0) {
		ccs_reply_bytes(r, 304, content_type(name), "", 0, false);
	} else {
		ccs_reply_bytes(r, 200, content_type(name), a->data, a->len,
		    false);
	}
	ccs_reply_header(r, "ETag", etag);
	ccs_reply_header(r, "Cache-Control", "no-cache");
}
