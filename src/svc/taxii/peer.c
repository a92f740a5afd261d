/*
 * peer.c: requests to a TAXII peer for `ccscap sync` (see peer.h).
 * Replies are capped at 256 MiB; a request gives up after 300 s (20 s to
 * connect). The token is copied into one header and wiped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "svc/svc.h"
#include "svc/taxii/peer.h"
#include "svc/taxii/taxii.h"
#include "util/err.h"
#include "util/str.h"

#define REPLY_MAX	((size_t)256 << 20)

void
ccs_peer_step(struct ccs_peer *pe, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(pe->step, sizeof(pe->step), fmt, ap);
	va_end(ap);
}

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct ccs_peer_reply *r = arg;

	if (ccs_buf_add(&r->body, data, size * n) != CCS_OK)
		return 0;
	return size * n;
}

static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	static const char name[] = "X-TAXII-Date-Added-Last:";
	struct ccs_peer_reply *r = arg;
	size_t len = size * n, k = sizeof(name) - 1, e;

	if (len > k && strncasecmp(data, name, k) == 0) {
		while (k < len && data[k] == ' ')
			k++;
		e = len;
		while (e > k && (data[e - 1] == '\r' || data[e - 1] == '\n' ||
		    data[e - 1] == ' '))
			e--;
		(void)ccs_snprintf(r->last, sizeof(r->last), "%.*s",
		    (int)(e - k), data + k);
	}
	return len;
}

int
ccs_peer_http(struct ccs_peer *pe, const char *url, const char *post,
    struct ccs_peer_reply *r, struct ccs_fail *f)
{
	struct curl_slist *hd = NULL, *t;
	char auth[1100];
	CURL *h = pe->h;
	CURLcode cc;

	memset(r, 0, sizeof(*r));
	ccs_buf_init(&r->body, REPLY_MAX);
	(void)ccs_snprintf(auth, sizeof(auth), "Authorization: Bearer %s",
	    pe->o->token);
	hd = curl_slist_append(hd, "Accept: " CCS_TAXII_MEDIA);
	t = hd ? curl_slist_append(hd, auth) : NULL;
	hd = t ? t : hd;
	if (t != NULL && post != NULL) {
		t = curl_slist_append(hd, "Content-Type: " CCS_TAXII_MEDIA);
		hd = t ? t : hd;
	}
	explicit_bzero(auth, sizeof(auth));
	if (t == NULL) {
		curl_slist_free_all(hd);
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	curl_easy_reset(h);
	(void)curl_easy_setopt(h, CURLOPT_URL, url);
	(void)curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	(void)curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	(void)curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	(void)curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	(void)curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	(void)curl_easy_setopt(h, CURLOPT_TIMEOUT, 300L);
	(void)curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 20L);
	(void)curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	if (post != NULL)
		(void)curl_easy_setopt(h, CURLOPT_POSTFIELDS, post);
	cc = curl_easy_perform(h);
	(void)curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(hd);
	if (cc != CURLE_OK)
		return ccs_fail(f, CCS_EIO, "peer_unreachable", "peer %s: %s: "
		    "%s", pe->o->peer, pe->step, curl_easy_strerror(cc));
	return CCS_OK;
}

int
ccs_peer_json(struct ccs_peer *pe, const struct ccs_peer_reply *r,
    long want, json_t **out, struct ccs_fail *f)
{
	json_t *j = json_loadb(r->body.data ? r->body.data : "", r->body.len,
	    0, NULL);

	*out = NULL;
	if (r->status != want) {
		(void)ccs_fail(f, CCS_EIO, "peer_refused", "peer %s: %s: HTTP "
		    "%ld %s", pe->o->peer, pe->step, r->status, j &&
		    ccs_jstr(j, "description") ? ccs_jstr(j, "description") :
		    "");
		json_decref(j);
		return CCS_EIO;
	}
	if (j == NULL)
		return ccs_fail(f, CCS_EIO, "peer_bad_reply", "peer %s: %s: "
		    "the reply is not JSON", pe->o->peer, pe->step);
	*out = j;
	return CCS_OK;
}

int
ccs_peer_get(struct ccs_peer *pe, const char *url, long want, json_t **out,
    struct ccs_fail *f)
{
	struct ccs_peer_reply r;
	int rc;

	*out = NULL;
	rc = ccs_peer_http(pe, url, NULL, &r, f);
	if (rc == CCS_OK)
		rc = ccs_peer_json(pe, &r, want, out, f);
	ccs_buf_free(&r.body);
	return rc;
}
