/*
 * h_login.c: sign-in without JavaScript. GET /login serves the sign-in
 * page (web/platform/login.html) with a form token; POST /login takes the
 * form (login, password, one-time code), starts a session and redirects
 * to ?next=, or serves the page again with the GOV.UK error pattern: a
 * summary linking to each field, the message beside the field, "Error:"
 * in the title.
 *
 * The page with scripts signs in through POST /api/v1/session and never
 * posts this form. The form's cross-site protection is a double-submit
 * token: a random value in a SameSite=Strict cookie limited to /login and
 * the same value in a hidden field. Nothing here decides anything about
 * the account: ccs_login does, with its failure counters, exactly as for
 * the API. The page is the static asset with marked places filled in
 * (HTML comments "<!--@errors-->" and "<!--@hidden-->", and attributes
 * found by their text), so both ways of signing in share one page.
 */
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>
#include <sodium.h>

#include "http/platform/handlers.h"
#include "http/reporting/form.h"
#include "svc/platform/accounts.h"
#include "util/asset.h"
#include "util/buf.h"
#include "util/crypto.h"
#include "util/err.h"
#include "util/html.h"
#include "util/mem.h"
#include "util/str.h"

#define LOGIN_PAGE_MAX	(64 * 1024)
#define FORM_TOKEN_HEX	65	/* 32 random bytes in hex + NUL */
#define COOKIE_NAME	"ccscap_login"

/* What goes wrong with a sign-in: the message and the field it is about
 * (NULL: the summary only). */
struct login_err {
	const char	*field;
	const char	*text;
};

/* The state of the page to serve. */
struct login_view {
	const char		*login;		/* typed login, or NULL */
	const char		*next;		/* where to go after, checked */
	const char		*token;		/* form token */
	bool			 code_step;	/* show the one-time code */
	struct login_err	 err[3];
	size_t			 nerr;
};

/*
 * A same-site path to go to after signing in: it starts with one "/",
 * has no backslash or control character and is not the sign-in page
 * itself; anything else is "/".
 */
static const char *
safe_next(const char *v)
{
	const unsigned char *p;

	if (v == NULL || v[0] != '/' || v[1] == '/' || strlen(v) > 500 ||
	    strncmp(v, "/login", 6) == 0)
		return "/";
	for (p = (const unsigned char *)v; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	}
	return v;
}

/* The form token from the cookie when well formed, else a new one. */
static void
form_token(struct ccs_req *r, char out[FORM_TOKEN_HEX])
{
	const char *c = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
	    COOKIE_NAME);
	unsigned char raw[32];
	size_t i;

	if (c != NULL && strlen(c) == FORM_TOKEN_HEX - 1) {
		for (i = 0; c[i] != '\0'; i++) {
			if (!((c[i] >= '0' && c[i] <= '9') ||
			    (c[i] >= 'a' && c[i] <= 'f')))
				break;
		}
		if (c[i] == '\0') {
			memcpy(out, c, FORM_TOKEN_HEX);
			return;
		}
	}
	ccs_random(raw, sizeof(raw));
	sodium_bin2hex(out, FORM_TOKEN_HEX, raw, sizeof(raw));
}

/* Appends @p s to @p b with @p from (its first occurrence) replaced by
 * @p to. */
static int
replace(struct ccs_buf *b, const char *s, const char *from, const char *to)
{
	const char *hit = strstr(s, from);
	int rc;

	if (hit == NULL)
		return ccs_buf_adds(b, s);
	rc = ccs_buf_add(b, s, (size_t)(hit - s));
	if (rc == CCS_OK)
		rc = ccs_buf_adds(b, to);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(b, hit + strlen(from));
	return rc;
}

/* Applies one replacement to the page in @p page (replaced in place). */
static int
apply(struct ccs_buf *page, const char *from, const char *to)
{
	struct ccs_buf out;
	int rc;

	ccs_buf_init(&out, LOGIN_PAGE_MAX);
	rc = replace(&out, ccs_buf_str(page), from, to);
	if (rc != CCS_OK) {
		ccs_buf_free(&out);
		return rc;
	}
	ccs_buf_free(page);
	*page = out;
	return CCS_OK;
}

/* The places a field's error goes: after its label or hint. */
static const struct {
	const char	*field;
	const char	*group;		/* text opening the field's group */
	const char	*anchor;	/* the error goes after this */
	const char	*input;		/* text of the input to mark */
	const char	*marked;	/* that text marked invalid */
} places[] = {
	{ "login", "<div class=\"field\">\n<label for=\"login\">",
	    "<label for=\"login\">Login</label>", "id=\"login\"",
	    "id=\"login\" aria-invalid=\"true\" "
	    "aria-describedby=\"login-error\"" },
	{ "password", "<div class=\"field\">\n<label for=\"password\">",
	    "<label for=\"password\">Password</label>", "id=\"password\"",
	    "id=\"password\" aria-invalid=\"true\" "
	    "aria-describedby=\"password-error\"" },
	{ "code", "<div class=\"field\">\n<label for=\"code\">",
	    "shows now.</p>", "aria-describedby=\"code-hint\"",
	    "aria-invalid=\"true\" aria-describedby=\"code-hint code-error\"" },
};

/* Marks field @p e->field in error on the page. */
static int
field_error(struct ccs_buf *page, const struct login_err *e)
{
	struct ccs_buf t;
	char group[128];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		if (strcmp(places[i].field, e->field) == 0)
			break;
	}
	if (i == sizeof(places) / sizeof(places[0]))
		return CCS_OK;
	ccs_buf_init(&t, 4096);
	rc = ccs_buf_printf(&t, "%s\n<p class=\"field-error\" id=\"%s-error\">"
	    "<span class=\"vh\">Error: </span>", places[i].anchor, e->field);
	if (rc == CCS_OK)
		rc = ccs_html_esc(&t, e->text);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&t, "</p>");
	if (rc == CCS_OK)
		rc = apply(page, places[i].anchor, ccs_buf_str(&t));
	if (rc == CCS_OK)
		rc = ccs_snprintf(group, sizeof(group), "<div class=\"field "
		    "field--error\">\n<label for=\"%s\">", e->field);
	if (rc == CCS_OK)
		rc = apply(page, places[i].group, group);
	if (rc == CCS_OK)
		rc = apply(page, places[i].input, places[i].marked);
	ccs_buf_free(&t);
	return rc;
}

/* The error summary: one line a problem, linking to its field. */
static int
summary(struct ccs_buf *t, const struct login_view *v)
{
	size_t i;
	int rc;

	rc = ccs_buf_adds(t, "<div class=\"error-summary\" tabindex=\"-1\" "
	    "role=\"alert\" aria-labelledby=\"error-summary-title\">"
	    "<h2 id=\"error-summary-title\">There is a problem</h2><ul>");
	for (i = 0; rc == CCS_OK && i < v->nerr; i++) {
		if (v->err[i].field != NULL)
			rc = ccs_buf_printf(t, "<li><a href=\"#%s\">",
			    v->err[i].field);
		else
			rc = ccs_buf_adds(t, "<li>");
		if (rc == CCS_OK)
			rc = ccs_html_esc(t, v->err[i].text);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(t, v->err[i].field != NULL ?
			    "</a></li>" : "</li>");
	}
	if (rc == CCS_OK)
		rc = ccs_buf_adds(t, "</ul></div>");
	return rc;
}

/* The hidden fields and the typed login, filled in. */
static int
fill_form(struct ccs_buf *page, const struct login_view *v)
{
	struct ccs_buf t;
	int rc;

	ccs_buf_init(&t, 4096);
	rc = ccs_buf_printf(&t, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\">\n<input type=\"hidden\" name=\"next\" value=\"",
	    v->token);
	if (rc == CCS_OK)
		rc = ccs_html_esc(&t, v->next);
	if (rc == CCS_OK)
		rc = ccs_buf_adds(&t, "\">");
	if (rc == CCS_OK)
		rc = apply(page, "<!--@hidden-->", ccs_buf_str(&t));
	if (rc == CCS_OK && v->login != NULL) {
		ccs_buf_reset(&t);
		rc = ccs_buf_adds(&t, "id=\"login\" value=\"");
		if (rc == CCS_OK)
			rc = ccs_html_esc(&t, v->login);
		if (rc == CCS_OK)
			rc = ccs_buf_adds(&t, "\"");
		if (rc == CCS_OK)
			rc = apply(page, "id=\"login\"", ccs_buf_str(&t));
	}
	ccs_buf_free(&t);
	return rc;
}

/* Serves the sign-in page in state @p v with @p status. */
static void
serve(struct ccs_req *r, unsigned status, const struct login_view *v)
{
	const struct ccs_asset *a = ccs_asset_find("web/login.html");
	struct ccs_buf page, t;
	char cookie[160];
	size_t i;
	int rc;

	if (a == NULL) {
		ccs_reply_error(r, 500, "internal", "the sign-in page is "
		    "missing");
		return;
	}
	ccs_buf_init(&page, LOGIN_PAGE_MAX);
	ccs_buf_init(&t, 8192);
	rc = ccs_buf_add(&page, a->data, a->len);
	if (rc == CCS_OK)
		rc = fill_form(&page, v);
	if (rc == CCS_OK && v->code_step) {
		rc = apply(&page, "<div id=\"step2\" hidden>",
		    "<div id=\"step2\">");
		if (rc == CCS_OK)
			rc = apply(&page, "<h1 id=\"title\">Sign in</h1>",
			    "<h1 id=\"title\">Enter your one-time code</h1>");
	}
	if (rc == CCS_OK && v->nerr > 0) {
		rc = summary(&t, v);
		if (rc == CCS_OK)
			rc = apply(&page, "<!--@errors-->", ccs_buf_str(&t));
		if (rc == CCS_OK)
			rc = apply(&page, "<title>", "<title>Error: ");
		for (i = 0; rc == CCS_OK && i < v->nerr; i++) {
			if (v->err[i].field != NULL)
				rc = field_error(&page, &v->err[i]);
		}
	}
	ccs_buf_free(&t);
	if (rc != CCS_OK) {
		ccs_buf_free(&page);
		ccs_reply_error(r, 500, "internal", "cannot build the sign-in "
		    "page");
		return;
	}
	ccs_reply_bytes(r, status, "text/html; charset=utf-8",
	    ccs_buf_str(&page), page.len, true);
	ccs_buf_free(&page);
	ccs_reply_header(r, "Cache-Control", "no-store");
	if (ccs_snprintf(cookie, sizeof(cookie), COOKIE_NAME "=%s; Path=/login;"
	    " HttpOnly; SameSite=Strict; Max-Age=3600%s", v->token,
	    r->app->conf->cookie_secure ? "; Secure" : "") == CCS_OK)
		ccs_reply_header(r, "Set-Cookie", cookie);
}

void
ccs_h_login_page(struct ccs_req *r)
{
	struct login_view v;
	char token[FORM_TOKEN_HEX];

	memset(&v, 0, sizeof(v));
	form_token(r, token);
	v.token = token;
	v.next = safe_next(ccs_req_query(r, "next"));
	serve(r, 200, &v);
}

static void
add_err(struct login_view *v, const char *field, const char *text)
{
	if (v->nerr < sizeof(v->err) / sizeof(v->err[0])) {
		v->err[v->nerr].field = field;
		v->err[v->nerr++].text = text;
	}
}

/* Whether @p s is six digits. */
static bool
six_digits(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
	}
	return i == 6;
}

/* Signs in with the checked form; replies the redirect or the page. */
static void
sign_in(struct ccs_req *r, struct login_view *v, const char *password,
    const char *code)
{
	const struct ccs_conf *c = r->app->conf;
	struct ccs_login_limits lim = { c->login_max_failures,
	    c->login_lock_seconds, c->ip_max_failures, c->ip_window_seconds };
	struct ccs_fail f = { 0, NULL, "" };
	char token[CCS_TOKEN_LEN], csrf[CCS_TOKEN_LEN], cookie[160];
	int rc;

	rc = ccs_login(r->db, r->app->key, &lim, v->login, password, code,
	    r->ip, r->now, &r->who, &f);
	if (rc != CCS_OK) {
		/* Keep the failure counters even though the request fails. */
		r->commit = rc == CCS_EAUTH || rc == CCS_ELIMIT;
		if (strcmp(f.code, "totp_required") == 0) {
			v->code_step = true;
			add_err(v, "code", "Your account uses one-time codes: "
			    "enter your password again and the 6-digit code "
			    "from your authenticator app");
		} else if (strcmp(f.code, "invalid_credentials") == 0) {
			v->code_step = code != NULL;
			add_err(v, "password", code != NULL ? "The password or "
			    "the one-time code is wrong. Enter your password, "
			    "then the next code" : "The login or password is "
			    "wrong");
		} else if (strcmp(f.code, "too_many_attempts") == 0) {
			add_err(v, NULL, "There have been too many failed "
			    "sign-ins. Try again later");
		} else if (strcmp(f.code, "totp_not_enrolled") == 0) {
			add_err(v, NULL, "Your account must use a one-time "
			    "code but has none. Ask an administrator to reset "
			    "it");
		} else {
			add_err(v, NULL, "Signing in failed. Try again");
		}
		serve(r, rc == CCS_ELIMIT ? 429 : rc == CCS_EAUTH ? 401 :
		    ccs_status_for(rc), v);
		return;
	}
	rc = ccs_session_create(r->db, &r->who, c->session_ttl, r->now, token,
	    csrf);
	if (rc != CCS_OK) {
		add_err(v, NULL, "Signing in failed. Try again");
		serve(r, 500, v);
		return;
	}
	ccs_reply_bytes(r, 303, "text/plain; charset=utf-8", "", 0, false);
	ccs_reply_header(r, "Location", v->next);
	ccs_reply_header(r, "Cache-Control", "no-store");
	if (ccs_snprintf(cookie, sizeof(cookie), "ccscap_session=%s; Path=/; "
	    "HttpOnly; SameSite=Strict; Max-Age=%u%s", token, c->session_ttl,
	    c->cookie_secure ? "; Secure" : "") == CCS_OK)
		ccs_reply_header(r, "Set-Cookie", cookie);
	ccs_wipe(token, sizeof(token));
	ccs_wipe(csrf, sizeof(csrf));
	ccs_wipe(cookie, sizeof(cookie));
}

void
ccs_h_login_submit(struct ccs_req *r)
{
	const char *sent, *password = NULL, *code = NULL, *cookie;
	struct ccs_form *form = NULL;
	struct login_view v;
	char token[FORM_TOKEN_HEX];

	memset(&v, 0, sizeof(v));
	form_token(r, token);
	v.token = token;
	v.next = "/";
	cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
	    COOKIE_NAME);
	form = calloc(1, sizeof(*form));
	if (form == NULL || r->body.data == NULL || ccs_form_parse(
	    r->body.data, r->body.len, ccs_req_header(r, "Content-Type"),
	    form) != CCS_OK) {
		add_err(&v, NULL, "The sign-in form could not be read. Sign in "
		    "again");
		serve(r, 400, &v);
		goto out;
	}
	v.next = safe_next(ccs_form_get(form, "next"));
	v.login = ccs_form_get(form, "login");
	password = ccs_form_get(form, "password");
	code = ccs_form_get(form, "code");
	if (code != NULL && code[0] == '\0')
		code = NULL;
	sent = ccs_form_get(form, "csrf");
	if (cookie == NULL || sent == NULL || !ccs_ct_streq(cookie, sent)) {
		add_err(&v, NULL, "The sign-in form had expired. Sign in "
		    "again");
		serve(r, 403, &v);
		goto out;
	}
	if (v.login == NULL || v.login[0] == '\0' || strlen(v.login) > 64)
		add_err(&v, "login", "Enter your login");
	if (password == NULL || password[0] == '\0' ||
	    strlen(password) > 1024)
		add_err(&v, "password", "Enter your password");
	if (code != NULL && !six_digits(code)) {
		v.code_step = true;
		add_err(&v, "code", "Enter the 6-digit code from your "
		    "authenticator app");
	}
	if (v.nerr > 0) {
		serve(r, 400, &v);
		goto out;
	}
	sign_in(r, &v, password, code);
out:
	if (form != NULL) {
		if (r->body.data != NULL)
			ccs_wipe(r->body.data, r->body.len);
		free(form);
	}
}
