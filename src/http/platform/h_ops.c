/* h_ops.c: operations endpoints: health, metrics, the OpenAPI document,
 * the vocabularies. */
#include <string.h>

#include "http/platform/handlers.h"
#include "http/metrics.h"
#include "svc/platform/outbox_stats.h"
#include "svc/platform/vocabularies.h"
#include "util/asset.h"
#include "util/err.h"

void
ccs_h_healthz(struct ccs_req *r)
{
	struct ccs_db *db;
	int64_t one = 0;
	int rc;

	db = ccs_store_acquire(r->app->store);
	rc = ccs_db_query_int(db, "SELECT 1", NULL, 0, &one);
	ccs_store_release(r->app->store, db);
	if (rc != CCS_OK || one != 1) {
		ccs_reply_error(r, 503, "store_unavailable", "the database does "
		    "not answer");
		return;
	}
	ccs_reply_json(r, 200, json_pack("{s:s, s:s}", "status", "ok", "store",
	    ccs_store_backend(r->app->store)));
}

/*
 * Who may scrape: anyone who reaches the server, as for /healthz. The text
 * holds counts, route patterns and the version, never a record or a
 * principal; keep it from the outside in the reverse proxy (README,
 * docs/ops/). The outbox is read here, at scrape time, with a connection
 * of its own; if the database does not answer, the request counters are
 * still served and ccscap_outbox_scrape_ok says 0.
 */
void
ccs_h_metrics(struct ccs_req *r)
{
	struct ccs_metrics_live live;
	struct ccs_db *db;
	struct ccs_buf b;

	memset(&live, 0, sizeof(live));
	live.backend = ccs_store_backend(r->app->store);
	/* before this scrape takes its own connection */
	ccs_store_stats(r->app->store, &live.pool);
	db = ccs_store_acquire(r->app->store);
	live.outbox_ok = ccs_outbox_backlog(db, r->now, live.outbox) ==
	    CCS_OK;
	ccs_store_release(r->app->store, db);
	/* one histogram of 16 lines per route in use */
	ccs_buf_init(&b, 8u << 20);
	if (ccs_metrics_render(r->metrics, &live, r->now, &b) != CCS_OK) {
		ccs_buf_free(&b);
		ccs_reply_error(r, 500, "internal", "cannot render metrics");
		return;
	}
	ccs_reply_bytes(r, 200, "text/plain; version=0.0.4; charset=utf-8",
	    ccs_buf_str(&b), b.len, true);
	ccs_buf_free(&b);
}

void
ccs_h_openapi(struct ccs_req *r)
{
	const struct ccs_asset *a = ccs_asset_find("docs/openapi.json");

	if (a == NULL) {
		ccs_reply_error(r, 500, "internal", "API document missing");
		return;
	}
	ccs_reply_bytes(r, 200, "application/json; charset=utf-8", a->data,
	    a->len, false);
}

void
ccs_h_vocabularies(struct ccs_req *r)
{
	struct ccs_fail f = { 0, NULL, "" };
	json_t *v = NULL;
	int rc;

	rc = ccs_vocabularies_get(&v, &f);
	ccs_reply_result(r, 200, rc, v, &f);
}
