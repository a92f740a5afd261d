/*
 * report_store.c: public report rows (see report_store.h).
 *
 * The body and the contact details are sealed with the reference as
 * additional data, so a sealed value copied onto another row does not
 * open. The reference is drawn at random and checked before the insert:
 * on PostgreSQL a failed INSERT would abort the whole transaction, so a
 * unique violation is not the retry signal. Non-goal: search inside
 * sealed bodies (the triage side works on the clear columns and opens a
 * report one at a time, audited).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "svc/reporting/report_store.h"
#include "util/err.h"
#include "util/mem.h"
#include "util/str.h"

#define REF_TRIES	8	/* draws before giving up (never happens) */

void
ccs_report_reference_new(char out[CCS_REPORT_REF_LEN])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char r[8];
	size_t i, o = 0;

	randombytes_buf(r, sizeof(r));
	out[o++] = 'R';
	out[o++] = '-';
	for (i = 0; i < 8; i++) {
		if (i == 4)
			out[o++] = '-';
		out[o++] = alphabet[r[i] & 31];
	}
	while (o < CCS_REPORT_REF_LEN)
		out[o++] = '\0';
}

static int
open_json(const struct ccs_report_keys *keys, int64_t key_id,
    const char *ref, const char *sealed, json_t **out)
{
	char *plain = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	rc = ccs_report_open(keys, key_id, ref, sealed, &plain, &n);
	if (rc != CCS_OK)
		return rc;
	*out = json_loadb(plain, n, JSON_REJECT_DUPLICATES, NULL);
	sodium_memzero(plain, n);
	free(plain);
	return *out != NULL ? CCS_OK : CCS_ECORRUPT;
}

int
ccs_report_store_create(struct ccs_db *db, const struct ccs_report_keys *keys,
    const struct ccs_report_new *r, const struct ccs_report_route *routes,
    size_t nroutes, int64_t now, char ref[CCS_REPORT_REF_LEN], int64_t *id)
{
	char *body = NULL, *contact = NULL;
	int64_t key_id = 0, taken = 1;
	struct ccs_val v[4];
	size_t i;
	int rc;

	for (i = 0; i < REF_TRIES && taken != 0; i++) {
		ccs_report_reference_new(ref);
		v[0] = CCS_VTEXT(ref);
		rc = ccs_db_query_int(db, "SELECT COUNT(*) FROM public_reports "
		    "WHERE reference = $1", v, 1, &taken);
		if (rc != CCS_OK)
			return rc;
	}
	if (taken != 0)
		return CCS_ECONFLICT;
	rc = ccs_report_seal(keys, ref, r->body, strlen(r->body), &body,
	    &key_id);
	if (rc == CCS_OK && r->contact != NULL)
		rc = ccs_report_seal(keys, ref, r->contact, strlen(r->contact),
		    &contact, &key_id);
	if (rc != CCS_OK)
		goto out;
	{
		const struct ccs_named np[] = {
			CCS_NAMED("ref", CCS_VTEXT(ref)),
			CCS_NAMED("state", CCS_VTEXT(r->state)),
			CCS_NAMED("category", CCS_VTEXT(r->category)),
			CCS_NAMED("victim", CCS_VTEXT(r->victim_type)),
			CCS_NAMED("lang", CCS_VTEXT(r->language)),
			CCS_NAMED("anon", CCS_VINT(r->contact == NULL)),
			CCS_NAMED("key", CCS_VINT(key_id)),
			CCS_NAMED("body", CCS_VTEXT(body)),
			CCS_NAMED("contact", CCS_VTEXT(contact)),
			CCS_NAMED("secret", CCS_VTEXT(r->secret_hash)),
			CCS_NAMED("dedupe", CCS_VTEXT(r->dedupe_hash)),
			CCS_NAMED("now", CCS_VINT(now)),
		};

		rc = ccs_db_query_int_named(db, "INSERT INTO public_reports "
		    "(reference, state, category, victim_type, status, "
		    "language, anonymous, key_id, body_enc, contact_enc, "
		    "secret_hash, dedupe_hash, created_at, updated_at) VALUES "
		    "(:ref, :state, :category, :victim, 'submitted', :lang, "
		    ":anon, :key, :body, :contact, :secret, :dedupe, :now, "
		    ":now) RETURNING id", np, CCS_NNAMED(np), id);
	}
	for (i = 0; rc == CCS_OK && i < nroutes; i++) {
		v[0] = CCS_VINT(*id);
		v[1] = CCS_VTEXT(routes[i].state);
		v[2] = CCS_VTEXT(routes[i].reason);
		v[3] = CCS_VINT(now);
		rc = ccs_db_exec(db, "INSERT INTO public_report_routes "
		    "(report_id, state, reason, created_at) VALUES ($1, $2, "
		    "$3, $4)", v, 4, NULL, NULL);
	}
out:
	free(body);
	free(contact);
	return rc;
}

/* Replaces the sealed member @p from of @p o by its opened JSON @p to. */
static int
open_member(json_t *o, const struct ccs_report_keys *keys, int64_t key_id,
    const char *ref, const char *from, const char *to)
{
	const char *sealed = json_string_value(json_object_get(o, from));
	json_t *plain = NULL;
	int rc = CCS_OK;

	if (sealed != NULL)
		rc = open_json(keys, key_id, ref, sealed, &plain);
	if (rc == CCS_OK) {
		(void)json_object_set_new(o, to, plain != NULL ? plain :
		    json_null());
		(void)json_object_del(o, from);
	}
	return rc;
}

static int
load_additions(struct ccs_db *db, const struct ccs_report_keys *keys,
    int64_t id, const char *ref, json_t *o)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *rows = NULL, *row, *out;
	char *plain = NULL;
	size_t i;
	int rc;

	out = json_array();
	if (out == NULL)
		return CCS_ENOMEM;
	rc = ccs_db_query_json(db, "SELECT key_id, body_enc, created_at FROM "
	    "public_report_additions WHERE report_id = $1 ORDER BY id", &v, 1,
	    &rows);
	json_array_foreach(rows, i, row) {
		if (rc != CCS_OK)
			break;
		rc = ccs_report_open(keys, json_integer_value(
		    json_object_get(row, "key_id")), ref, json_string_value(
		    json_object_get(row, "body_enc")), &plain, NULL);
		if (rc == CCS_OK)
			rc = json_array_append_new(out, json_pack("{s:s, s:O}",
			    "text", plain, "created_at", json_object_get(row,
			    "created_at"))) == 0 ? CCS_OK : CCS_ENOMEM;
		free(plain);
		plain = NULL;
	}
	json_decref(rows);
	if (rc == CCS_OK)
		(void)json_object_set_new(o, "additions", out);
	else
		json_decref(out);
	return rc;
}

int
ccs_report_store_get(struct ccs_db *db, const struct ccs_report_keys *keys,
    int64_t id, json_t **out)
{
	struct ccs_val v = CCS_VINT(id);
	json_t *o = NULL, *routes = NULL;
	const char *ref;
	int64_t key_id;
	int rc;

	*out = NULL;
	rc = ccs_db_query_one(db, "SELECT id, reference, state, category, "
	    "victim_type, status, language, anonymous, key_id, body_enc, "
	    "contact_enc, reporter_update, reporter_update_at, processed_at, "
	    "created_at, updated_at FROM public_reports WHERE id = $1", &v, 1,
	    &o);
	if (rc != CCS_OK)
		return rc;
	ref = json_string_value(json_object_get(o, "reference"));
	key_id = json_integer_value(json_object_get(o, "key_id"));
	rc = open_member(o, keys, key_id, ref, "body_enc", "body");
	if (rc == CCS_OK)
		rc = open_member(o, keys, key_id, ref, "contact_enc",
		    "contact");
	if (rc == CCS_OK)
		rc = ccs_db_query_json(db, "SELECT state, reason FROM "
		    "public_report_routes WHERE report_id = $1 ORDER BY state",
		    &v, 1, &routes);
	if (rc == CCS_OK) {
		(void)json_object_set_new(o, "routes", routes);
		rc = load_additions(db, keys, id, ref, o);
	}
	(void)json_object_del(o, "key_id");
	if (rc != CCS_OK) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return CCS_OK;
}

int
ccs_report_store_find(struct ccs_db *db, const char *reference, int64_t *id,
    char secret_hash[CCS_REPORT_HASH_HEX])
{
	struct ccs_val v = CCS_VTEXT(reference);
	json_t *o = NULL;
	int rc;

	rc = ccs_db_query_one(db, "SELECT id, secret_hash FROM public_reports "
	    "WHERE reference = $1", &v, 1, &o);
	if (rc != CCS_OK)
		return rc;
	*id = json_integer_value(json_object_get(o, "id"));
	rc = ccs_strlcpy(secret_hash, json_string_value(json_object_get(o,
	    "secret_hash")), CCS_REPORT_HASH_HEX);
	json_decref(o);
	return rc;
}

int
ccs_report_store_add(struct ccs_db *db, const struct ccs_report_keys *keys,
    int64_t id, const char *text, int64_t now)
{
	struct ccs_val v[4] = { CCS_VINT(id) };
	char *sealed = NULL;
	json_t *o = NULL;
	int64_t key_id = 0;
	int rc;

	rc = ccs_db_query_one(db, "SELECT reference FROM public_reports WHERE "
	    "id = $1", v, 1, &o);
	if (rc != CCS_OK)
		return rc;
	rc = ccs_report_seal(keys, json_string_value(json_object_get(o,
	    "reference")), text, strlen(text), &sealed, &key_id);
	json_decref(o);
	if (rc != CCS_OK)
		return rc;
	v[1] = CCS_VINT(key_id);
	v[2] = CCS_VTEXT(sealed);
	v[3] = CCS_VINT(now);
	rc = ccs_db_exec(db, "INSERT INTO public_report_additions (report_id, "
	    "key_id, body_enc, created_at) VALUES ($1, $2, $3, $4)", v, 4,
	    NULL, NULL);
	if (rc == CCS_OK)
		rc = ccs_db_exec(db, "UPDATE public_reports SET "
		    "updated_at = $2 WHERE id = $1", (struct ccs_val[]){ v[0],
		    v[3] }, 2, NULL, NULL);
	free(sealed);
	return rc;
}
