/*
 * test_faults.c: multi-row writes under injected faults. For N = 1, 2, ...
 * each case fails the Nth statement (ccs_db_fault_arm: every query wrapper
 * goes through ccs_db_exec) or the Nth allocation (ccs_mem_fault_arm:
 * ccs_malloc and friends, and jansson's allocator routed through the same
 * counter), until a run completes without reaching N. Every failed run
 * must end in an error and, once the caller rolls back as the router does,
 * leave every table and the audit head as they were; a run that still
 * returns success must have written all of it. The last, clean run commits
 * and the audit chain still verifies (the `ccscap verify-audit` check).
 *
 * Writes covered: a contact, an incident with indicators, sectors, states
 * involved, a related incident, an attached file, a search document and
 * notices to a subscriber; a status record with evidence files and links;
 * the validation of a record (review plus derived status tables); an
 * advisory with indicators to two states (recipients, inbox entries);
 * completing a training (the training, its participants and targets, and
 * the proposals for two standards in two states) and accepting a proposal
 * (a status record submitted through the assessments service); merging
 * a same_work pair of initiatives (lists copied, money moved, results,
 * related links, a training, a campaign and proposals moved or collapsed,
 * both marked, two audit events). Row counts do not see an UPDATE, so every
 * run also compares a fingerprint of the rows a merge updates.
 * Public report triage: converting a classified report into an incident
 * (the incident with its indicators, the report's link and status, the
 * update for the reporter and both audit events).
 * The legal tracker: an instrument in force (the instrument, its step
 * dates, its section mappings and the proposals for two standards).
 * Cyber crisis management: a crisis declared at level 4 (the crisis, its
 * marking and incident link, both escalations, the inbox entries of the
 * RIFC and the state's team, a subscriber's notice, the audit events);
 * the review of a closed crisis (a lesson with its incident link, search
 * document and notices, two recommendations, the review and its links,
 * the crisis's move, the audit events).
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "svc/capacity/duplicates.h"
#include "svc/capacity/initiatives.h"
#include "svc/capacity/proposals.h"
#include "svc/capacity/training.h"
#include "svc/forensics/custody.h"
#include "svc/crisis/crises.h"
#include "svc/crisis/crisis_review.h"
#include "svc/monitoring/legal_instruments.h"
#include "svc/monitoring/legal_seed.h"
#include "svc/sharing/advisories.h"
#include "svc/standards/assessments.h"
#include "svc/directory/directory.h"
#include "svc/monitoring/evaluation.h"
#include "svc/monitoring/meetings.h"
#include "svc/monitoring/plan_versions.h"
#include "svc/monitoring/recommendations.h"
#include "svc/sharing/incidents.h"
#include "svc/platform/notify.h"
#include "svc/reporting/report_keys.h"
#include "svc/reporting/report_store.h"
#include "svc/reporting/triage.h"
#include "svc/reporting/triage_convert.h"
#include "svc_fixture.h"
#include "util/err.h"
#include "util/mem.h"

/* A run that needs more than this many statements or allocations is a
 * runaway loop, not a write to test. */
#define MAX_STEPS	100000

#define SHA_A	"11111111111111111111111111111111" \
		"11111111111111111111111111111111"
#define SHA_B	"22222222222222222222222222222222" \
		"22222222222222222222222222222222"

/*
 * One write under test: calls one service in the open transaction with
 * @p body, parsed before the fault is armed (a test's own parsing is not
 * what is under test).
 */
typedef int (*write_fn)(struct svc_fx *fx, const json_t *body,
    json_t **out /* OUT */);

/* Ids the writes refer to, kept in svc_fx.ref by the preparing step. */
#define REF_RELATED	0	/* an incident to link to */
#define REF_RECORD	1	/* a status record to validate */
#define REF_TRAINING	2	/* a planned training to complete */
#define REF_PROPOSAL	3	/* a pending proposal to accept */
#define REF_KEEP	0	/* the initiative a merge keeps */
#define REF_GONE	1	/* the one merged into it */

#define CONTACT "{\"name\": \"Ann One\", \"title\": \"Director\", " \
	"\"role\": \"ncpoc\", \"ncpoc_category\": \"law_enforcement\", " \
	"\"state\": \"JM\", \"email\": \"ann@gov.jm\", \"phone\": " \
	"\"+1 876 555 0100\"}"
#define RECORD "{\"state\": \"JM\", \"standard\": \"AWR-MINISTERS\", " \
	"\"as_of\": \"2025-06-01\", \"level\": 1, \"evidence\": \"Session " \
	"held in May\", \"links\": [\"https://mof.gov.jm/cyber\"], " \
	"\"files\": [{\"sha256\": \"" SHA_A "\", \"filename\": " \
	"\"minutes.txt\"}, {\"sha256\": \"" SHA_B "\", \"filename\": " \
	"\"agenda.txt\"}]}"
#define ADVISORY "{\"title\": \"Patch the VPN gateways\", \"summary\": " \
	"\"CVE in VPN\", \"actions\": [\"Patch\", \"Rotate keys\"], " \
	"\"severity\": \"high\", \"to_states\": [\"JM\", \"BB\"], \"tlp\": " \
	"\"amber\", \"indicators\": [{\"type\": \"domain\", \"value\": " \
	"\"vpn-update-jm.com\"}]}"

/* The incident body, linking to fx->ref[REF_RELATED]; new. */
static json_t *
incident_body(struct svc_fx *fx)
{
	char body[1024];

	(void)snprintf(body, sizeof(body), "{\"title\": \"Phishing wave\", "
	    "\"description\": \"Fake tax refund pages\", \"rsit\": "
	    "\"fraud:phishing\", \"severity\": \"high\", \"tlp\": \"amber\", "
	    "\"share_states\": [\"TT\"], \"sectors\": [\"communications\", "
	    "\"dams\"], \"crime_links\": [\"narcotics_arms_trafficking\"], "
	    "\"states_involved\": [\"TT\", \"BB\"], \"related\": [%lld], "
	    "\"files\": [{\"sha256\": \"" SHA_A "\", \"filename\": "
	    "\"headers.txt\"}], \"indicators\": [{\"type\": \"domain\", "
	    "\"value\": \"tax-refund-jm.com\"}, {\"type\": \"ipv4\", "
	    "\"value\": \"45.77.12.9\"}, {\"type\": \"url\", \"value\": "
	    "\"http://tax-refund-jm.com/login\"}, {\"type\": \"email\", "
	    "\"value\": \"refunds@tax-refund-jm.com\"}]}",
	    (long long)fx->ref[REF_RELATED]);
	return svc_json(body);
}

static int
write_contact(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_dir_contact_create(fx->db, &fx->ncpoc_jm, body, fx->now,
	    out, &fx->f);
}

static int
write_incident(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_incident_create(fx->db, &fx->ncpoc_jm, body, fx->now, out,
	    &fx->f);
}

static int
write_assessment(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_assess_submit(fx->db, &fx->ncpoc_jm, body, fx->now, out,
	    &fx->f);
}

static int
write_review(struct svc_fx *fx, const json_t *body, json_t **out)
{
	(void)body;
	*out = NULL;
	return ccs_assess_review(fx->db, &fx->rifc, fx->ref[REF_RECORD], true,
	    NULL, fx->now, &fx->f);
}

static int
write_advisory(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_adv_create(fx->db, &fx->rifc, body, fx->now, out, &fx->f);
}

static int
write_training_done(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_training_update(fx->db, &fx->coord, fx->ref[REF_TRAINING],
	    body, fx->now, out, &fx->f);
}

static int
write_proposal_accept(struct svc_fx *fx, const json_t *body, json_t **out)
{
	(void)body;
	return ccs_proposal_accept(fx->db, &fx->rifc, fx->ref[REF_PROPOSAL],
	    fx->now, out, &fx->f);
}

static int
write_merge(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_dup_decide(fx->db, &fx->coord, body, fx->now, out,
	    &fx->f);
}

/*
 * What a merge updates in place: which initiative holds each transaction,
 * budget, result, related link (both ends), training, campaign and
 * proposal, and each initiative's merged_into and version.
 */
static int64_t
fingerprint(struct svc_fx *fx)
{
	bool own = !fx->db->in_tx;
	int64_t v = 0;
	int rc = CCS_OK;

	if (own)
		rc = ccs_db_begin(fx->db, false);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(fx->db, "SELECT (SELECT COALESCE(SUM(id "
		    "* initiative_id), 0) FROM initiative_transactions) + "
		    "(SELECT COALESCE(SUM(id * initiative_id), 0) FROM "
		    "initiative_budgets) + (SELECT COALESCE(SUM(id * "
		    "COALESCE(merged_into, 0) + version), 0) FROM initiatives)"
		    " + (SELECT COALESCE(SUM(id * initiative_id), 0) FROM "
		    "initiative_results) + (SELECT COALESCE(SUM(id * (3 * "
		    "initiative_id + COALESCE(related_id, 0))), 0) FROM "
		    "initiative_related) + (SELECT COALESCE(SUM(id * "
		    "COALESCE(initiative_id, 0)), 0) FROM trainings) + "
		    "(SELECT COALESCE(SUM(id * COALESCE(initiative_id, 0)), 0) "
		    "FROM campaigns) + (SELECT COALESCE(SUM(id * source_id), "
		    "0) FROM proposals)", NULL, 0, &v);
	if (own)
		ccs_db_rollback(fx->db);
	assert_int_equal(rc, CCS_OK);
	return v;
}

/* An act of JM in force mapping sections to Arts 2 and 9: it proposes
 * the cybercrime-law and child-exploitation standards. */
#define LEGAL "{\"state\": \"JM\", \"kind\": \"act\", \"name\": " \
	"\"Cybercrimes Act\", \"number\": \"No. 31 of 2015\", \"year\": " \
	"2015, \"status\": \"in_force\", \"dates\": {\"passed\": " \
	"\"2015-12\", \"in_force\": \"2016-01-01\"}, \"mappings\": [" \
	"{\"section\": \"s.3\", \"provisions\": [\"budapest-2\"]}, " \
	"{\"section\": \"s.9\", \"provisions\": [\"budapest-9\", " \
	"\"hipcar-child-pornography\"], \"evidence_url\": " \
	"\"https://example.org/act#s9\"}]}"

static int
write_legal(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_legal_instrument_create(fx->db, &fx->coord, body, fx->now,
	    out, &fx->f);
}

/* The legal tracker's provisions, which the fixture does not seed. */
static void
prepare_legal(struct svc_fx *fx)
{
	int loaded = 0, rc;

	svc_begin(fx);
	rc = ccs_legal_seed(fx->db, fx->now, &loaded, &fx->f);
	if (rc != CCS_OK)
		fail_msg("legal seed: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	assert_true(loaded > 60);
}

/* forensics: an evidence item of JM and a hand-over of it */
#define ITEM "{\"state\": \"JM\", \"kind\": \"disk_image_e01\", " \
	"\"description\": \"Laptop image\", \"copy\": \"original\", " \
	"\"seal\": \"S-1\", \"sha256\": \"" SHA_A "\", \"acquired_at\": " \
	"\"2020-01-01T00:00:00Z\", \"place\": \"Kingston\"}"
#define HANDOVER "{\"receiver\": \"cert.bb\", \"at\": " \
	"\"2020-01-02T00:00:00Z\", \"place\": \"Bridgetown\", \"reason\": " \
	"\"examination\", \"seal\": \"S-1\", \"sha256\": \"" SHA_B "\", " \
	"\"courier\": \"DHL 1\", \"from_state\": \"JM\", \"to_state\": " \
	"\"BB\"}"

static int
write_item(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_evidence_item_create(fx->db, &fx->ncpoc_jm, body, fx->now,
	    out, &fx->f);
}

static int
write_handover(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_custody_handover(fx->db, &fx->ncpoc_jm, fx->ref[0], body,
	    fx->now, out, &fx->f);
}

/* An item of JM held by ncpoc.jm, in fx->ref[0]. */
static void
prepare_item(struct svc_fx *fx)
{
	json_t *body = svc_json(ITEM), *out = NULL;
	int rc;

	svc_begin(fx);
	rc = write_item(fx, body, &out);
	if (rc != CCS_OK)
		fail_msg("evidence item: %s", fx->f.message);
	fx->ref[0] = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(body);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

enum fault_kind {
	FAULT_STORE,	/* the Nth ccs_db_exec */
	FAULT_MEM	/* the Nth allocation */
};

static void
arm(struct svc_fx *fx, enum fault_kind k, unsigned long n)
{
	if (k == FAULT_STORE)
		ccs_db_fault_arm(fx->db, n, CCS_EDB);
	else
		ccs_mem_fault_arm(n);
}

static unsigned long
calls(struct svc_fx *fx, enum fault_kind k)
{
	return k == FAULT_STORE ? ccs_db_fault_calls(fx->db) :
	    ccs_mem_fault_calls();
}

/*
 * Runs @p fn on @p body (consumed) with a fault at step 1, 2, ... until
 * a run does not reach its fault, checking each run is all or nothing.
 * Returns how many runs failed (the K of N = 1..K).
 */
static unsigned long
fault_sweep(struct svc_fx *fx, const char *what, write_fn fn, json_t *body,
    enum fault_kind k)
{
	struct svc_snap base, full, after;
	char delta[1024], got[1024];
	unsigned long n, used, absorbed = 0;
	int64_t fp_base, fp_full;
	json_t *out = NULL;
	int rc;

	/* The complete write, to know what "everything" is. */
	svc_snap_take(fx, &base);
	fp_base = fingerprint(fx);
	svc_begin(fx);
	rc = fn(fx, body, &out);
	if (rc != CCS_OK)
		fail_msg("%s: %s %s", what, fx->f.code ? fx->f.code : "",
		    fx->f.message);
	json_decref(out);
	out = NULL;
	svc_snap_take(fx, &full);
	fp_full = fingerprint(fx);
	ccs_db_rollback(fx->db);
	svc_snap_delta(&base, &full, delta, sizeof(delta));
	assert_true(delta[0] != '\0');

	for (n = 1; n < MAX_STEPS; n++) {
		svc_begin(fx);
		arm(fx, k, n);
		rc = fn(fx, body, &out);
		used = calls(fx, k);
		arm(fx, k, 0);
		if (used < n) {
			/* Fault not reached: the clean run; keep it. */
			if (rc != CCS_OK)
				fail_msg("%s: clean run failed: %s", what,
				    fx->f.message);
			json_decref(out);
			out = NULL;
			assert_int_equal(svc_end(fx, rc), CCS_OK);
			break;
		}
		if (rc == CCS_OK) {
			/* Tolerated: only if everything is there. */
			svc_snap_take(fx, &after);
			svc_snap_delta(&base, &after, got, sizeof(got));
			if (k == FAULT_STORE || strcmp(got, delta) != 0 ||
			    fingerprint(fx) != fp_full ||
			    (out == NULL && fn != write_review)) {
				json_decref(out);
				json_decref(body);
				fail_msg("%s: %s fault at step %lu: service "
				    "returned OK with {%s}, a full write is "
				    "{%s}%s", what, k == FAULT_STORE ?
				    "statement" : "allocation", n, got, delta,
				    out == NULL ? " and no reply" : "");
			}
			absorbed++;
		}
		json_decref(out);
		out = NULL;
		ccs_db_rollback(fx->db);
		svc_snap_take(fx, &after);
		svc_snap_assert_equal(&base, &after, what);
		if (fingerprint(fx) != fp_base)
			fail_msg("%s: fault at step %lu left rows updated",
			    what, n);
	}
	json_decref(body);
	assert_true(n < MAX_STEPS);
	svc_snap_take(fx, &after);
	svc_snap_delta(&base, &after, got, sizeof(got));
	assert_string_equal(got, delta);
	assert_true(fingerprint(fx) == fp_full);
	svc_audit_ok(fx);
	print_message("%s: %s faults at steps 1..%lu: nothing half-written "
	    "(%lu absorbed with a full write; full write {%s})\n", what,
	    k == FAULT_STORE ? "statement" : "allocation", n - 1, absorbed,
	    delta);
	return n - 1;
}

/* Baseline records the writes refer to, committed before the sweep. */
static void
prepare_sharing(struct svc_fx *fx)
{
	json_t *b, *out = NULL;
	int rc;

	svc_add_evidence(fx, &fx->ncpoc_jm, SHA_A);
	svc_add_evidence(fx, &fx->ncpoc_jm, SHA_B);
	b = svc_json("{\"title\": \"Earlier\", \"description\": \"x\", "
	    "\"rsit\": \"fraud:phishing\", \"severity\": \"low\", \"tlp\": "
	    "\"green\"}");
	svc_begin(fx);
	rc = ccs_incident_create(fx->db, &fx->cert_jm, b, fx->now, &out,
	    &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	fx->ref[REF_RELATED] = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(b);
	/* A subscriber, so an incident also writes inbox and outbox rows. */
	b = svc_json("{\"topic\": \"state\", \"value\": \"JM\", \"email\": "
	    "\"desk@rifc.example\"}");
	svc_begin(fx);
	rc = ccs_sub_create(fx->db, &fx->rifc2, b, fx->now, &out, &fx->f);
	if (rc != CCS_OK)
		fail_msg("subscription: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(out);
	json_decref(b);
}

static void
prepare_record(struct svc_fx *fx)
{
	json_t *b, *out = NULL;
	int rc;

	svc_add_evidence(fx, &fx->ncpoc_jm, SHA_A);
	svc_add_evidence(fx, &fx->ncpoc_jm, SHA_B);
	b = svc_json(RECORD);
	svc_begin(fx);
	rc = write_assessment(fx, b, &out);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(b);
	fx->ref[REF_RECORD] = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
}

/*
 * A planned training in JM and BB targeting two standards (none met in the
 * fixture), so completing it writes the training and four proposals; with
 * @p complete, it is completed and its first proposal kept to accept.
 */
static void
prepare_training(struct svc_fx *fx, bool complete)
{
	json_t *b, *out = NULL;
	int64_t l1 = 0, l2 = 0;
	int rc;

	svc_begin(fx);
	rc = ccs_db_query_int(fx->db, "SELECT MIN(lineage_id) FROM standards",
	    NULL, 0, &l1);
	if (rc == CCS_OK)
		rc = ccs_db_query_int(fx->db, "SELECT MAX(lineage_id) FROM "
		    "standards", NULL, 0, &l2);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	b = json_pack("{s:s, s:s, s:s, s:I, s:[s], s:[{s:s, s:s, s:i}, "
	    "{s:s}], s:[{s:s, s:s}], s:[I, I]}", "title", "First responders",
	    "start", "2025-05-01", "end", "2025-05-02", "organiser_id",
	    (json_int_t)1, "audiences", "le_first_responders", "participants",
	    "state", "JM", "role", "investigators", "women", 3, "state", "BB",
	    "materials", "title", "Slides", "url", "https://example.org/s",
	    "standards", (json_int_t)l1, (json_int_t)l2);
	assert_non_null(b);
	svc_begin(fx);
	rc = ccs_training_create(fx->db, &fx->coord, b, fx->now, &out, &fx->f);
	if (rc != CCS_OK)
		fail_msg("training: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	fx->ref[REF_TRAINING] = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(b);
	if (!complete)
		return;
	b = svc_json("{\"status\": \"completed\"}");
	svc_begin(fx);
	rc = write_training_done(fx, b, &out);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(out);
	json_decref(b);
	svc_begin(fx);
	rc = ccs_db_query_int(fx->db, "SELECT MIN(id) FROM proposals", NULL,
	    0, &fx->ref[REF_PROPOSAL]);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

static void
test_store_training(void **state)
{
	struct svc_fx *fx = *state;

	prepare_training(fx, false);
	assert_true(fault_sweep(fx, "training completed", write_training_done,
	    svc_json("{\"status\": \"completed\"}"), FAULT_STORE) > 8);
	assert_int_equal(svc_count(fx, "FROM proposals"), 4);
}

static void
test_store_proposal(void **state)
{
	prepare_training(*state, true);
	assert_true(fault_sweep(*state, "proposal accepted",
	    write_proposal_accept, NULL, FAULT_STORE) > 5);
}

static void
test_store_legal(void **state)
{
	struct svc_fx *fx = *state;

	prepare_legal(fx);
	assert_true(fault_sweep(fx, "legal instrument in force", write_legal,
	    svc_json(LEGAL), FAULT_STORE) > 8);
	assert_int_equal(svc_count(fx, "FROM proposals WHERE source_kind = "
	    "'legal_instrument'"), 2);
	assert_int_equal(svc_count(fx, "FROM legal_mappings m JOIN "
	    "legal_instruments i ON i.id = m.instrument_id WHERE i.state_code "
	    "= 'JM'"), 3);
}

static void
test_mem_legal(void **state)
{
	prepare_legal(*state);
	(void)fault_sweep(*state, "legal instrument in force", write_legal,
	    svc_json(LEGAL), FAULT_MEM);
}

static void
test_store_custody(void **state)
{
	struct svc_fx *fx = *state;

	assert_true(fault_sweep(fx, "evidence item", write_item,
	    svc_json(ITEM), FAULT_STORE) > 4);
	prepare_item(fx);
	assert_true(fault_sweep(fx, "hand-over", write_handover,
	    svc_json(HANDOVER), FAULT_STORE) > 4);
	assert_int_equal(svc_count(fx, "FROM custody_events WHERE hash_ok = "
	    "0"), 1);
	assert_int_equal(svc_count(fx, "FROM evidence_items e JOIN users u ON "
	    "u.id = e.holder_id WHERE u.login = 'cert.bb'"), 1);
}

static void
test_mem_custody(void **state)
{
	struct svc_fx *fx = *state;

	(void)fault_sweep(fx, "evidence item", write_item, svc_json(ITEM),
	    FAULT_MEM);
	prepare_item(fx);
	(void)fault_sweep(fx, "hand-over", write_handover, svc_json(HANDOVER),
	    FAULT_MEM);
}

static void
test_mem_training(void **state)
{
	prepare_training(*state, false);
	(void)fault_sweep(*state, "training completed", write_training_done,
	    svc_json("{\"status\": \"completed\"}"), FAULT_MEM);
}

static void
test_mem_proposal(void **state)
{
	prepare_training(*state, true);
	(void)fault_sweep(*state, "proposal accepted", write_proposal_accept,
	    NULL, FAULT_MEM);
}

/* An initiative as the coordinator; returns its id. */
static int64_t
add_initiative(struct svc_fx *fx, const char *body)
{
	json_t *b = svc_json(body), *out = NULL;
	int64_t id = 0;
	int rc;

	svc_begin(fx);
	rc = ccs_initiative_create(fx->db, &fx->coord, b, fx->now, &out, &id,
	    &fx->f);
	if (rc != CCS_OK)
		fail_msg("initiative: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(out);
	json_decref(b);
	return id;
}

/*
 * The children a merge moves: a result on each (the merged one's twice,
 * once identical to the survivor's), links (merged -> survivor, merged ->
 * an external activity, a third initiative -> merged), a training and a
 * campaign of the merged one, and its proposals: one the survivor also
 * has (collapsed), one it has not (moved).
 */
static void
merge_children(struct svc_fx *fx)
{
	static const char *const sql[] = {
		"INSERT INTO initiative_results (initiative_id, type, title, "
		    "measure, target) VALUES ($1, 1, 'Officers trained', 1, "
		    "'40'), ($2, 1, 'Officers trained', 1, '40'), ($2, 2, "
		    "'Cases filed', 1, '5')",
		"INSERT INTO initiative_related (initiative_id, type, "
		    "related_id, related_ref) VALUES ($2, 3, $1, NULL), "
		    "($2, 1, NULL, 'XM-DAC-1-PARENT'), ($3, 3, $2, NULL)",
		"UPDATE trainings SET initiative_id = $2",
		"INSERT INTO campaigns (title, state_code, audiences, channel, "
		    "start_date, end_date, organiser_id, initiative_id, "
		    "materials, status, created_by, created_at, updated_by, "
		    "updated_at) VALUES ('Safe online', 'DM', "
		    "'[\"public\"]', 'radio', '2024-03-01', '2024-03-31', 1, "
		    "$2, '[]', 'planned', 'test', 1, 'test', 1)",
		"INSERT INTO proposals (source_kind, source_id, state_code, "
		    "lineage_id, level, status, created_at) SELECT "
		    "'initiative', x.id, x.st, (SELECT MIN(lineage_id) FROM "
		    "standards), 1, 'pending', 1 FROM (SELECT CAST($1 AS "
		    "BIGINT) AS id, 'DM' AS st UNION ALL SELECT CAST($2 AS "
		    "BIGINT), 'DM' UNION ALL SELECT CAST($2 AS BIGINT), 'LC') "
		    "x",
	};
	struct ccs_val v[3];
	int64_t third;
	size_t i;
	int rc = CCS_OK;

	third = add_initiative(fx, "{\"iati_identifier\": \"XX-F-THIRD\", "
	    "\"title\": \"Forensics lab\", \"kind\": \"project\", "
	    "\"status\": 2, \"planned_start\": \"2023-01-01\", "
	    "\"planned_end\": \"2023-12-31\", \"states\": [{\"state\": "
	    "\"TT\"}], \"needs\": [\"T1.2\"]}");
	prepare_training(fx, false);
	v[0] = CCS_VINT(fx->ref[REF_KEEP]);
	v[1] = CCS_VINT(fx->ref[REF_GONE]);
	v[2] = CCS_VINT(third);
	svc_begin(fx);
	for (i = 0; rc == CCS_OK && i < sizeof(sql) / sizeof(sql[0]); i++)
		rc = ccs_db_exec(fx->db, sql[i], v, 3, NULL, NULL);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
}

/*
 * Two records of one course: the one merged has a state, a need, an
 * implementer, a document, a budget and a transaction the survivor
 * lacks, and a pledge both record (which stays behind).
 */
static json_t *
prepare_merge(struct svc_fx *fx)
{
	fx->ref[REF_KEEP] = add_initiative(fx, "{\"iati_identifier\": "
	    "\"XX-F-KEEP\", \"title\": \"E-evidence course\", \"kind\": "
	    "\"project\", \"status\": 2, \"planned_start\": \"2024-01-01\", "
	    "\"planned_end\": \"2024-12-31\", \"states\": [{\"state\": "
	    "\"DM\"}], \"needs\": [\"T5.2\"], \"transactions\": "
	    "[{\"type\": 12, \"date\": \"2024-02-01\", \"amount\": \"300\", "
	    "\"currency\": \"USD\"}]}");
	fx->ref[REF_GONE] = add_initiative(fx, "{\"iati_identifier\": "
	    "\"XX-F-GONE\", \"title\": \"E-evidence course\", \"kind\": "
	    "\"project\", \"status\": 2, \"planned_start\": \"2024-02-01\", "
	    "\"planned_end\": \"2024-11-30\", \"states\": [{\"state\": "
	    "\"DM\", \"percentage\": 50}, {\"state\": \"LC\", "
	    "\"percentage\": 50}], \"needs\": [\"T5.2\", \"T5.4\"], "
	    "\"organisations\": [{\"id\": 1, \"role\": 4}], "
	    "\"documents\": [{\"url\": \"https://example.org/r.pdf\", "
	    "\"title\": \"Report\"}], \"budgets\": [{\"type\": 1, "
	    "\"status\": 2, \"period_start\": \"2024-01-01\", "
	    "\"period_end\": \"2024-12-31\", \"amount\": \"900\", "
	    "\"currency\": \"USD\"}], \"transactions\": [{\"type\": 12, "
	    "\"date\": \"2024-02-01\", \"amount\": \"300\", \"currency\": "
	    "\"USD\"}, {\"type\": 3, \"date\": \"2024-03-01\", "
	    "\"amount\": \"120\", \"currency\": \"USD\"}]}");
	merge_children(fx);
	return json_pack("{s:I, s:I, s:s, s:s, s:I}", "a",
	    (json_int_t)fx->ref[REF_KEEP], "b", (json_int_t)fx->ref[REF_GONE],
	    "decision", "same_work", "reason", "One course reported twice",
	    "keep", (json_int_t)fx->ref[REF_KEEP]);
}

static void
test_store_merge(void **state)
{
	struct svc_fx *fx = *state;
	json_t *body = prepare_merge(fx);

	assert_true(fault_sweep(fx, "same_work merge", write_merge, body,
	    FAULT_STORE) > 10);
	assert_int_equal(svc_count(fx, "FROM initiatives WHERE merged_into "
	    "IS NOT NULL"), 1);
	assert_int_equal(svc_count(fx, "FROM initiative_transactions WHERE "
	    "type = 3 AND initiative_id IN (SELECT id FROM initiatives "
	    "WHERE iati_identifier = 'XX-F-KEEP')"), 1);
	/* every child is on the survivor, each once */
	assert_int_equal(svc_count(fx, "FROM initiative_results WHERE "
	    "initiative_id IN (SELECT id FROM initiatives WHERE "
	    "iati_identifier = 'XX-F-KEEP')"), 2);
	assert_int_equal(svc_count(fx, "FROM initiative_results"), 2);
	assert_int_equal(svc_count(fx, "FROM initiative_related"), 2);
	assert_int_equal(svc_count(fx, "FROM initiative_related WHERE "
	    "initiative_id = related_id"), 0);
	assert_int_equal(svc_count(fx, "FROM trainings t JOIN initiatives i "
	    "ON i.id = t.initiative_id WHERE i.merged_into IS NULL"), 1);
	assert_int_equal(svc_count(fx, "FROM campaigns c JOIN initiatives i "
	    "ON i.id = c.initiative_id WHERE i.merged_into IS NULL"), 1);
	assert_int_equal(svc_count(fx, "FROM proposals p JOIN initiatives i "
	    "ON i.id = p.source_id WHERE i.merged_into IS NULL"), 2);
	assert_int_equal(svc_count(fx, "FROM proposals"), 2);
}

static void
test_mem_merge(void **state)
{
	struct svc_fx *fx = *state;

	(void)fault_sweep(fx, "same_work merge", write_merge,
	    prepare_merge(fx), FAULT_MEM);
}

static void
test_store_contact(void **state)
{
	assert_true(fault_sweep(*state, "contact", write_contact,
	    svc_json(CONTACT), FAULT_STORE) > 3);
}

static void
test_store_incident(void **state)
{
	prepare_sharing(*state);
	assert_true(fault_sweep(*state, "incident", write_incident,
	    incident_body(*state), FAULT_STORE) > 10);
}

static void
test_store_assessment(void **state)
{
	struct svc_fx *fx = *state;

	svc_add_evidence(fx, &fx->ncpoc_jm, SHA_A);
	svc_add_evidence(fx, &fx->ncpoc_jm, SHA_B);
	assert_true(fault_sweep(*state, "status record", write_assessment,
	    svc_json(RECORD), FAULT_STORE) > 5);
}

static void
test_store_review(void **state)
{
	prepare_record(*state);
	assert_true(fault_sweep(*state, "review", write_review, NULL,
	    FAULT_STORE) > 3);
}

static void
test_store_advisory(void **state)
{
	assert_true(fault_sweep(*state, "advisory", write_advisory,
	    svc_json(ADVISORY), FAULT_STORE) > 5);
}

static void
test_mem_contact(void **state)
{
	(void)fault_sweep(*state, "contact", write_contact,
	    svc_json(CONTACT), FAULT_MEM);
}

static void
test_mem_incident(void **state)
{
	prepare_sharing(*state);
	(void)fault_sweep(*state, "incident", write_incident,
	    incident_body(*state), FAULT_MEM);
}

static void
test_mem_assessment(void **state)
{
	struct svc_fx *fx = *state;

	svc_add_evidence(fx, &fx->ncpoc_jm, SHA_A);
	svc_add_evidence(fx, &fx->ncpoc_jm, SHA_B);
	(void)fault_sweep(*state, "status record", write_assessment,
	    svc_json(RECORD), FAULT_MEM);
}

static void
test_mem_review(void **state)
{
	prepare_record(*state);
	(void)fault_sweep(*state, "review", write_review, NULL, FAULT_MEM);
}

static void
test_mem_advisory(void **state)
{
	(void)fault_sweep(*state, "advisory", write_advisory,
	    svc_json(ADVISORY), FAULT_MEM);
}

/* Public report triage: the key ring of the report being converted.
 * File scope because write_fn has no room for it; set by
 * prepare_report before a sweep, freed after it. */
static struct ccs_report_keys *triage_keys;

#define REF_REPORT	0	/* the public report to convert */

static int
write_convert(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_triage_convert(fx->db, triage_keys, &fx->cert_jm,
	    fx->ref[REF_REPORT], body, fx->now, out, &fx->f);
}

/* A classified public report naming a phone, an e-mail and an address. */
static void
prepare_report(struct svc_fx *fx)
{
	static const unsigned char key[32] = { 7, 7, 7 };
	struct ccs_report_new r = {
		.category = "fraud", .state = "JM", .victim_type = "business",
		.language = "en", .body = "{\"narrative\": \"Invoice fraud\", "
		"\"suspect\": {\"phones\": [\"+1 876 555 0142\"], \"emails\": "
		"[\"billing@invoice-jm.example\"], \"ips\": "
		"[\"45.77.12.10\"]}}",
		.secret_hash = "aa", .dedupe_hash = "bb",
	};
	struct ccs_report_route route = { "JM", "reporter_state" };
	char ref[CCS_REPORT_REF_LEN];
	json_t *b, *out = NULL;
	int rc;

	triage_keys = ccs_report_keys_from(1, key);
	assert_non_null(triage_keys);
	svc_begin(fx);
	rc = ccs_report_store_create(fx->db, triage_keys, &r, &route, 1,
	    fx->now, ref, &fx->ref[REF_REPORT]);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	b = svc_json("{\"rsit\": \"fraud:masquerade\", \"priority\": "
	    "\"high\"}");
	svc_begin(fx);
	rc = ccs_triage_classify(fx->db, triage_keys, &fx->cert_jm,
	    fx->ref[REF_REPORT], b, fx->now, &out, &fx->f);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(out);
	json_decref(b);
}

#define CONVERT "{\"title\": \"Invoice fraud wave\", \"update\": \"Your " \
	"report is now a case\", \"share_states\": [\"TT\"]}"

static void
test_store_convert(void **state)
{
	prepare_report(*state);
	assert_true(fault_sweep(*state, "report converted", write_convert,
	    svc_json(CONVERT), FAULT_STORE) > 10);
	ccs_report_keys_free(triage_keys);
	triage_keys = NULL;
}

static void
test_mem_convert(void **state)
{
	prepare_report(*state);
	(void)fault_sweep(*state, "report converted", write_convert,
	    svc_json(CONVERT), FAULT_MEM);
	ccs_report_keys_free(triage_keys);
	triage_keys = NULL;
}

/*
 * Monitoring: a meeting with attendees and restricted minutes (its
 * marking), a progress report that closes a recommendation (the trail
 * row and the status), deriving a plan version (every item of the 2016
 * plan copied) and an evaluation's findings with DAC scores. Each case
 * has a fresh fixture, so the ids it prepares reuse ref[0] and ref[1].
 */
#define REF_MON_A	0	/* a recommendation, or a plan version */
#define REF_MON_B	1	/* an evaluation */

#define MEETING "{\"kind\": \"steering\", \"title\": \"Steering " \
	"Committee\", \"date\": \"2025-10-22\", \"place\": \"Port of " \
	"Spain\", \"agenda\": [\"RCC report\", \"Plan update\"], " \
	"\"minutes\": \"Reviewed.\", \"decisions\": [\"Derive the " \
	"update\"], \"minutes_sharing\": {\"tlp\": \"red\", \"recipients\": " \
	"[\"steering\"]}, \"attendees\": [{\"organisation_id\": 1, " \
	"\"role\": \"chair\"}, {\"state\": \"JM\"}, {\"state\": \"BB\"}]}"

static int
write_meeting(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_meeting_create(fx->db, &fx->coord, body, fx->now, out,
	    &fx->f);
}

static int
write_progress(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_rec_progress_add(fx->db, &fx->steering, fx->ref[REF_MON_A],
	    body, fx->now, out, &fx->f);
}

static int
write_derive(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_plan_version_derive(fx->db, &fx->coord, body, fx->now, out,
	    &fx->f);
}

static int
write_findings(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_eval_update(fx->db, &fx->coord, fx->ref[REF_MON_A],
	    fx->ref[REF_MON_B], body, fx->now, out, &fx->f);
}

static void
prepare_recommendation(struct svc_fx *fx)
{
	json_t *body, *out = NULL;

	body = svc_json("{\"text\": \"Nominate the second NCPOC.\", "
	    "\"owner_state\": \"JM\", \"due_date\": \"2025-12-01\", "
	    "\"timeframe\": \"immediate\", \"need_ref\": \"T2.4\"}");
	svc_begin(fx);
	assert_int_equal(svc_end(fx, ccs_rec_create(fx->db, &fx->coord, body,
	    fx->now, &out, &fx->f)), CCS_OK);
	fx->ref[REF_MON_A] = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(body);
}

/* The 2016 plan's id in ref[0], an evaluation of it in ref[1]; the
 * findings body names two of its items (new). */
static json_t *
prepare_evaluation(struct svc_fx *fx)
{
	json_t *body, *out = NULL, *items;
	char text[512];

	fx->ref[REF_MON_A] = svc_count(fx, "FROM plan_versions");
	body = svc_json("{\"title\": \"Evaluation 2016-2024\", \"as_of\": "
	    "\"2024-10-22\"}");
	svc_begin(fx);
	assert_int_equal(svc_end(fx, ccs_eval_create(fx->db, &fx->coord,
	    fx->ref[REF_MON_A], body, fx->now, &out, &fx->f)), CCS_OK);
	fx->ref[REF_MON_B] = json_integer_value(json_object_get(out, "id"));
	items = json_object_get(out, "items");
	(void)snprintf(text, sizeof(text), "{\"summary\": \"Partly.\", "
	    "\"items\": [{\"item_id\": %lld, \"progress\": \"partly\", "
	    "\"note\": \"Met twice.\", \"scores\": {\"relevance\": "
	    "{\"score\": 4, \"text\": \"Key.\"}, \"impact\": {\"score\": 2}}}, "
	    "{\"item_id\": %lld, \"progress\": \"done\"}]}",
	    (long long)json_integer_value(json_object_get(json_array_get(items,
	    0), "id")), (long long)json_integer_value(json_object_get(
	    json_array_get(items, 1), "id")));
	json_decref(out);
	json_decref(body);
	return svc_json(text);
}

#define PROGRESS "{\"text\": \"Nominated.\", \"status\": \"closed\", " \
	"\"document_url\": \"https://example.org/letter.pdf\"}"
#define DERIVE "{\"from\": 1, \"label\": \"2024-2025 update\", " \
	"\"title\": \"CCSCAP updated\"}"

static void
test_store_meeting(void **state)
{
	assert_true(fault_sweep(*state, "meeting", write_meeting,
	    svc_json(MEETING), FAULT_STORE) > 5);
}

static void
test_mem_meeting(void **state)
{
	(void)fault_sweep(*state, "meeting", write_meeting, svc_json(MEETING),
	    FAULT_MEM);
}

static void
test_store_progress(void **state)
{
	prepare_recommendation(*state);
	assert_true(fault_sweep(*state, "progress", write_progress,
	    svc_json(PROGRESS), FAULT_STORE) > 2);
}

static void
test_mem_progress(void **state)
{
	prepare_recommendation(*state);
	(void)fault_sweep(*state, "progress", write_progress,
	    svc_json(PROGRESS), FAULT_MEM);
}

static void
test_store_derive(void **state)
{
	assert_true(fault_sweep(*state, "plan version", write_derive,
	    svc_json(DERIVE), FAULT_STORE) > 2);
}

static void
test_mem_derive(void **state)
{
	(void)fault_sweep(*state, "plan version", write_derive,
	    svc_json(DERIVE), FAULT_MEM);
}

static void
test_store_findings(void **state)
{
	json_t *body = prepare_evaluation(*state);

	assert_true(fault_sweep(*state, "findings", write_findings, body,
	    FAULT_STORE) > 5);
}

static void
test_mem_findings(void **state)
{
	json_t *body = prepare_evaluation(*state);

	(void)fault_sweep(*state, "findings", write_findings, body,
	    FAULT_MEM);
}

/*
 * jansson's allocations count with ccs_malloc's: services build most of
 * their rows as JSON. Plain malloc underneath, so free() stays right for
 * json_dumps results.
 *
 * Except while jansson parses: 2.14 (Debian 12) ignores a failed
 * allocation in its lexer (lex_save, akheron/jansson#362; fix open as
 * PR #747) and then writes past its buffer, which corrupts the heap
 * instead of failing. That is jansson's bug, not the service's, so the
 * parse entry points below (which libccs, linked statically into this
 * executable, binds to) pause the count and call the library's own.
 */
static bool parsing;	/* inside json_loads/json_loadb: do not fail */

static void *
fault_json_malloc(size_t n)
{
	if (!parsing && ccs_mem_fault_hit())
		return NULL;
	return malloc(n);
}

typedef json_t *(*loads_fn)(const char *, size_t, json_error_t *);
typedef json_t *(*loadb_fn)(const char *, size_t, size_t, json_error_t *);

json_t *json_loads(const char *input, size_t flags, json_error_t *error);
json_t *json_loadb(const char *buffer, size_t buflen, size_t flags,
    json_error_t *error);

json_t *
json_loads(const char *input, size_t flags, json_error_t *error)
{
	loads_fn real;
	json_t *j;

	*(void **)(&real) = dlsym(RTLD_NEXT, "json_loads");
	assert_non_null(real);
	parsing = true;
	j = real(input, flags, error);
	parsing = false;
	return j;
}

json_t *
json_loadb(const char *buffer, size_t buflen, size_t flags,
    json_error_t *error)
{
	loadb_fn real;
	json_t *j;

	*(void **)(&real) = dlsym(RTLD_NEXT, "json_loadb");
	assert_non_null(real);
	parsing = true;
	j = real(buffer, buflen, flags, error);
	parsing = false;
	return j;
}

/* cyber crisis management */
#define REF_CRISIS	1	/* a closed crisis to review */

static int
write_crisis(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_crisis_declare(fx->db, &fx->ncpoc_jm, body, fx->now, out,
	    &fx->f);
}

static int
write_crisis_review(struct svc_fx *fx, const json_t *body, json_t **out)
{
	return ccs_crisis_review_file(fx->db, &fx->ncpoc_jm,
	    fx->ref[REF_CRISIS], body, fx->now, out, &fx->f);
}

/* A level-4 crisis of JM from the incident the sharing fixture made. */
static json_t *
crisis_body(struct svc_fx *fx)
{
	json_t *b = json_pack("{s:s, s:s, s:i, s:[I]}", "title", "Port "
	    "outage", "summary", "Ransomware at the port", "severity", 4,
	    "incident_ids", (json_int_t)fx->ref[REF_RELATED]);

	assert_non_null(b);
	return b;
}

#define CRISIS_REVIEW "{\"title\": \"Port lessons\", \"what_happened\": " \
	"\"Encrypted\", \"what_worked\": \"Backups\", \"what_to_change\": " \
	"\"Segment\", \"tlp\": \"green\", \"recommendations\": [{\"text\": " \
	"\"Segment OT\", \"due_date\": \"2027-06-30\", \"timeframe\": " \
	"\"medium\"}, {\"text\": \"Exercise\", \"due_date\": " \
	"\"2026-06-30\", \"timeframe\": \"immediate\"}]}"

/* A declared, then closed, crisis of JM kept in fx->ref[REF_CRISIS]. */
static void
prepare_crisis_review(struct svc_fx *fx)
{
	json_t *b, *out = NULL;
	int rc;

	prepare_sharing(fx);
	b = crisis_body(fx);
	svc_begin(fx);
	rc = write_crisis(fx, b, &out);
	if (rc != CCS_OK)
		fail_msg("crisis: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(b);
	fx->ref[REF_CRISIS] = json_integer_value(json_object_get(out, "id"));
	b = json_pack("{s:s, s:O}", "status", "closed", "version",
	    json_object_get(out, "version"));
	json_decref(out);
	svc_begin(fx);
	rc = ccs_crisis_update(fx->db, &fx->ncpoc_jm, fx->ref[REF_CRISIS], b,
	    fx->now, &out, &fx->f);
	if (rc != CCS_OK)
		fail_msg("close: %s", fx->f.message);
	assert_int_equal(svc_end(fx, rc), CCS_OK);
	json_decref(out);
	json_decref(b);
}

static void
test_store_crisis(void **state)
{
	struct svc_fx *fx = *state;

	prepare_sharing(fx);
	assert_true(fault_sweep(fx, "crisis declared at level 4",
	    write_crisis, crisis_body(fx), FAULT_STORE) > 10);
	assert_int_equal(svc_count(fx, "FROM crisis_escalations"), 2);
	assert_true(svc_count(fx, "FROM inbox WHERE kind = 'crisis'") >= 2);
}

static void
test_mem_crisis(void **state)
{
	struct svc_fx *fx = *state;

	prepare_sharing(fx);
	(void)fault_sweep(fx, "crisis declared at level 4", write_crisis,
	    crisis_body(fx), FAULT_MEM);
}

static void
test_store_crisis_review(void **state)
{
	struct svc_fx *fx = *state;

	prepare_crisis_review(fx);
	assert_true(fault_sweep(fx, "crisis review", write_crisis_review,
	    svc_json(CRISIS_REVIEW), FAULT_STORE) > 10);
	assert_int_equal(svc_count(fx, "FROM crisis_review_recommendations"),
	    2);
	assert_int_equal(svc_count(fx, "FROM crises WHERE status = "
	    "'reviewed'"), 1);
}

static void
test_mem_crisis_review(void **state)
{
	prepare_crisis_review(*state);
	(void)fault_sweep(*state, "crisis review", write_crisis_review,
	    svc_json(CRISIS_REVIEW), FAULT_MEM);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_contact,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_incident,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_assessment,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_review,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_advisory,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_contact,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_incident,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_assessment,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_review,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_advisory,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_training,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_proposal,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_training,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_proposal,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_merge,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_merge,
		    svc_fx_setup, svc_fx_teardown),
		/* monitoring: meetings, recommendations, plan versions */
		cmocka_unit_test_setup_teardown(test_store_meeting,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_meeting,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_progress,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_progress,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_derive,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_derive,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_findings,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_findings,
		    svc_fx_setup, svc_fx_teardown),
		/* public report triage */
		cmocka_unit_test_setup_teardown(test_store_convert,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_convert,
		    svc_fx_setup, svc_fx_teardown),
		/* legal harmonisation tracker */
		cmocka_unit_test_setup_teardown(test_store_legal,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_legal,
		    svc_fx_setup, svc_fx_teardown),
		/* forensics: evidence items and hand-overs */
		cmocka_unit_test_setup_teardown(test_store_custody,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_custody,
		    svc_fx_setup, svc_fx_teardown),
		/* cyber crisis management */
		cmocka_unit_test_setup_teardown(test_store_crisis,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_crisis,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_crisis_review,
		    svc_fx_setup, svc_fx_teardown),
		cmocka_unit_test_setup_teardown(test_mem_crisis_review,
		    svc_fx_setup, svc_fx_teardown),
	};

	json_set_alloc_funcs(fault_json_malloc, free);
	return cmocka_run_group_tests_name("svc_faults", tests, NULL, NULL);
}
