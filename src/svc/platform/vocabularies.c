/*
 * vocabularies.c: the one answer that carries every vocabulary.
 *
 * The pages keep no copy of these words: they read this answer. The keys
 * "severities" and "statuses" stay plain lists of keys as they were
 * before the words moved to core/; the words people read are under
 * "words". No database access: everything is compiled in.
 */
#include "core/incident.h"
#include "core/vocab.h"
#include "svc/platform/vocabularies.h"
#include "svc/sharing/incidents.h"
#include "util/err.h"

/* [key, ...] of @p v; new array or NULL. */
static json_t *
keys(const struct ccs_vocab *v)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a != NULL && i < v->nwords; i++) {
		if (json_array_append_new(a, json_string(v->words[i].key)) !=
		    0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* [{"key", "name", "plural"?}, ...] of @p v; new array or NULL. */
static json_t *
words(const struct ccs_vocab *v)
{
	const struct ccs_word *w;
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; a != NULL && i < v->nwords; i++) {
		w = &v->words[i];
		o = json_pack("{s:s, s:s}", "key", w->key, "name", w->name);
		if (o != NULL && w->plural != NULL &&
		    json_object_set_new(o, "plural", json_string(w->plural)) !=
		    0) {
			json_decref(o);
			o = NULL;
		}
		if (json_array_append_new(a, o) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* {"reported": ["triaged", ...], ...}: the workflow's moves (staying
 * put is not a move); new object or NULL. */
static json_t *
moves(void)
{
	json_t *o = json_object(), *a;
	size_t from, to;

	for (from = 0; o != NULL && from < CCS_INCIDENT_STATUS_COUNT; from++) {
		a = json_array();
		for (to = 0; a != NULL && to < CCS_INCIDENT_STATUS_COUNT;
		    to++) {
			if (to == from || !ccs_incident_move_ok(
			    (enum ccs_incident_status)from,
			    (enum ccs_incident_status)to))
				continue;
			if (json_array_append_new(a, json_string(
			    ccs_incident_status_name(
			    (enum ccs_incident_status)to))) != 0) {
				json_decref(a);
				a = NULL;
			}
		}
		if (json_object_set_new(o, ccs_incident_status_name(
		    (enum ccs_incident_status)from), a) != 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

int
ccs_vocabularies_get(json_t **out, struct ccs_fail *f)
{
	json_t *v = NULL, *w;
	size_t i;
	int rc;

	*out = NULL;
	rc = ccs_incident_vocab(&v, f);
	if (rc != CCS_OK)
		return rc;
	w = json_object();
	for (i = 0; w != NULL && i < ccs_nvocabs; i++) {
		if (json_object_set_new(w, ccs_vocabs[i]->name,
		    words(ccs_vocabs[i])) != 0) {
			json_decref(w);
			w = NULL;
		}
	}
	if (json_object_set_new(v, "severities", keys(&ccs_severities)) != 0 ||
	    json_object_set_new(v, "statuses", keys(&ccs_incident_statuses)) !=
	    0 || json_object_set_new(v, "status_moves", moves()) != 0 ||
	    json_object_set_new(v, "words", w) != 0) {
		json_decref(v);
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	}
	*out = v;
	return CCS_OK;
}
