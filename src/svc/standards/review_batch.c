/*
 * review_batch.c: one decision over many status records.
 *
 * The batch is one transaction and all or nothing, as issue 11 asks ("a
 * bulk validation that includes one record the user may not validate: the
 * whole batch refused, nothing changed"): a reviewer who ticks 25 records
 * and sees "validated" must not find later that 24 were and one was not.
 * Every record is still tried, so the answer names the outcome of each id
 * (and every reason to untick) at once, not only the first refusal. A
 * record that does not exist and one the reviewer may not read answer the
 * same not_found (every reviewer may read every status record today; the
 * rule holds if that changes because ccs_assess_review answers it).
 */
#include <stdlib.h>
#include <string.h>

#include "svc/standards/assessments.h"
#include "svc/standards/review_batch.h"
#include "svc/svc.h"
#include "util/err.h"
#include "util/str.h"

const struct ccs_jfield ccs_review_batch_fields[] = {
	{ "ids", CCS_J_ARRAY, true, 0, CCS_REVIEW_BATCH_MAX },
	{ "decision", CCS_J_STRING, true, 1, 16 },
	{ "reason", CCS_J_NULLSTR, false, 0, 2000 },
};
const size_t ccs_review_batch_nfields = sizeof(ccs_review_batch_fields) /
    sizeof(ccs_review_batch_fields[0]);

/* Distinct positive integers, 1..CCS_REVIEW_BATCH_MAX of them. */
static int
check_ids(const json_t *ids, struct ccs_fail *f)
{
	const json_t *a, *b;
	size_t i, j;

	if (json_array_size(ids) == 0)
		return ccs_fail(f, CCS_EINVAL, "invalid_ids", "ids must list "
		    "1-%d status record ids", CCS_REVIEW_BATCH_MAX);
	json_array_foreach(ids, i, a) {
		if (!json_is_integer(a) || json_integer_value(a) <= 0)
			return ccs_fail(f, CCS_EINVAL, "invalid_ids",
			    "ids[%zu] must be a status record id (a positive "
			    "integer)", i);
		for (j = 0; j < i; j++) {
			b = json_array_get(ids, j);
			if (json_integer_value(a) == json_integer_value(b))
				return ccs_fail(f, CCS_EINVAL, "invalid_ids",
				    "ids[%zu] repeats record %lld", i,
				    (long long)json_integer_value(a));
		}
	}
	return CCS_OK;
}

/* A refusal the reviewer can act on (untick), not a server fault. */
static bool
refusal(int rc)
{
	return rc == CCS_ENOTFOUND || rc == CCS_ECONFLICT || rc == CCS_EPERM ||
	    rc == CCS_EINVAL;
}

int
ccs_assess_review_batch(struct ccs_db *db, const struct ccs_principal *p,
    const json_t *body, int64_t now, json_t **out, struct ccs_fail *f)
{
	const json_t *ids = json_object_get(body, "ids"), *id;
	const char *decision = ccs_jstr(body, "decision");
	const char *reason = ccs_jstr(body, "reason");
	struct ccs_fail one;
	json_t *results = NULL, *res;
	int64_t first = 0;
	size_t i, refused = 0;
	bool validate;
	int rc;

	*out = NULL;
	rc = ccs_policy_check(p, CCS_ACT_ASSESS_VALIDATE, NULL);
	if (rc != CCS_OK)
		return ccs_fail(f, rc, rc == CCS_EAUTH ?
		    "authentication_required" : "forbidden", "only RIFC "
		    "analysts and coordinators validate status records");
	if (!ccs_streq(decision, "validate") && !ccs_streq(decision, "reject"))
		return ccs_fail(f, CCS_EINVAL, "invalid_decision", "decision "
		    "must be validate or reject");
	validate = ccs_streq(decision, "validate");
	if (!validate && (reason == NULL || reason[0] == '\0'))
		return ccs_fail(f, CCS_EINVAL, "reason_required", "reason: say "
		    "why the records are rejected, so the submitters can "
		    "correct them");
	rc = check_ids(ids, f);
	if (rc != CCS_OK)
		return rc;
	results = json_array();
	if (results == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	json_array_foreach(ids, i, id) {
		one = (struct ccs_fail){ 0, NULL, "" };
		rc = ccs_assess_review(db, p, json_integer_value(id), validate,
		    reason, now, &one);
		if (rc != CCS_OK && !refusal(rc)) {
			json_decref(results);
			*f = one;
			return rc;
		}
		if (rc == CCS_OK)
			res = json_pack("{s:I, s:s}", "id",
			    json_integer_value(id), "outcome",
			    validate ? "validated" : "rejected");
		else
			res = json_pack("{s:I, s:s, s:{s:s, s:s}}", "id",
			    json_integer_value(id), "outcome", "refused",
			    "error", "code", one.code, "message", one.message);
		if (rc != CCS_OK && refused == 0)
			first = json_integer_value(id);
		if (rc != CCS_OK)
			refused++;
		if (res == NULL || json_array_append_new(results, res) != 0) {
			json_decref(results);
			return ccs_fail(f, CCS_ENOMEM, "internal", "out of "
			    "memory");
		}
	}
	if (refused > 0) {
		/* nothing is kept: the others are ready, not reviewed */
		json_array_foreach(results, i, res) {
			if (!ccs_streq(ccs_jstr(res, "outcome"), "refused"))
				json_object_set_new(res, "outcome",
				    json_string("ready"));
		}
		rc = ccs_fail(f, CCS_ECONFLICT, "batch_refused", "%zu of %zu "
		    "records cannot be %s (first: record %lld); nothing was "
		    "changed", refused, json_array_size(ids), validate ?
		    "validated" : "rejected", (long long)first);
	}
	*out = json_pack("{s:s, s:I, s:o}", "decision", decision, "count",
	    (json_int_t)json_array_size(ids), "results", results);
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "out of memory");
	return rc;
}
