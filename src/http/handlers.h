/* handlers.h: every route handler, grouped by resource file (h_*.c). */
#ifndef CCS_HANDLERS_H
#define CCS_HANDLERS_H

#include "http/req.h"

/* h_ops.c: health, metrics, API description */
void	ccs_h_healthz(struct ccs_req *r);
void	ccs_h_metrics(struct ccs_req *r);
void	ccs_h_openapi(struct ccs_req *r);

/* h_session.c: sign-in, sign-out, own account, TOTP, tokens */
void	ccs_h_session_create(struct ccs_req *r);
void	ccs_h_session_get(struct ccs_req *r);
void	ccs_h_session_delete(struct ccs_req *r);
void	ccs_h_me(struct ccs_req *r);
void	ccs_h_totp_enrol(struct ccs_req *r);
void	ccs_h_totp_confirm(struct ccs_req *r);
void	ccs_h_token_create(struct ccs_req *r);

/* h_directory.c: states, organisations, contacts */
void	ccs_h_states(struct ccs_req *r);
void	ccs_h_state(struct ccs_req *r);
void	ccs_h_orgs(struct ccs_req *r);
void	ccs_h_org(struct ccs_req *r);
void	ccs_h_org_create(struct ccs_req *r);
void	ccs_h_contacts(struct ccs_req *r);
void	ccs_h_contact(struct ccs_req *r);
void	ccs_h_contact_create(struct ccs_req *r);
void	ccs_h_contact_update(struct ccs_req *r);
void	ccs_h_contact_delete(struct ccs_req *r);

/* h_standards.c: framework, status records, evidence, gap analysis */
void	ccs_h_framework(struct ccs_req *r);
void	ccs_h_framework_publish(struct ccs_req *r);
void	ccs_h_framework_versions(struct ccs_req *r);
void	ccs_h_framework_needs(struct ccs_req *r);
void	ccs_h_assessments(struct ccs_req *r);
void	ccs_h_assessment(struct ccs_req *r);
void	ccs_h_assessment_submit(struct ccs_req *r);
void	ccs_h_assessment_validate(struct ccs_req *r);
void	ccs_h_assessment_reject(struct ccs_req *r);
void	ccs_h_evidence_upload(struct ccs_req *r);
void	ccs_h_evidence_get(struct ccs_req *r);
void	ccs_h_gaps(struct ccs_req *r);
void	ccs_h_gaps_matrix(struct ccs_req *r);
void	ccs_h_gaps_changes(struct ccs_req *r);
void	ccs_h_gaps_ranking(struct ccs_req *r);
void	ccs_h_gaps_unmet(struct ccs_req *r);

/* h_export.c: gap analysis downloads (?format=csv|xlsx); the two export
 * functions steal the JSON and reply (nothing more if already replied) */
bool	ccs_export_wanted(struct ccs_req *r);
void	ccs_export_state(struct ccs_req *r, json_t *gaps);
void	ccs_export_matrix(struct ccs_req *r, json_t *matrix);

/* h_assessments_csv.c: bulk import of status records from CSV */
void	ccs_h_assessments_import(struct ccs_req *r);

/* h_chart.c: one state's gap history as JSON and as a chart (SVG, PDF) */
void	ccs_h_gaps_history(struct ccs_req *r);
void	ccs_h_gaps_history_svg(struct ccs_req *r);

/* h_admin.c: users, audit trail */
void	ccs_h_users(struct ccs_req *r);
void	ccs_h_audit(struct ccs_req *r);

/* h_advisories.c, h_lessons.c, h_rfis.c, h_notify.c: information sharing
 * between teams (advisories, lessons learnt, requests for information,
 * subscriptions, inbox, sharing communities) */
void	ccs_h_advisories(struct ccs_req *r);
void	ccs_h_advisory(struct ccs_req *r);
void	ccs_h_advisory_create(struct ccs_req *r);
void	ccs_h_advisory_ack(struct ccs_req *r);
void	ccs_h_advisories_overdue(struct ccs_req *r);
void	ccs_h_lessons(struct ccs_req *r);
void	ccs_h_lesson(struct ccs_req *r);
void	ccs_h_lesson_create(struct ccs_req *r);
void	ccs_h_rfis(struct ccs_req *r);
void	ccs_h_rfi(struct ccs_req *r);
void	ccs_h_rfi_create(struct ccs_req *r);
void	ccs_h_rfi_answer(struct ccs_req *r);
void	ccs_h_rfi_close(struct ccs_req *r);
void	ccs_h_subscriptions(struct ccs_req *r);
void	ccs_h_subscription_create(struct ccs_req *r);
void	ccs_h_subscription_delete(struct ccs_req *r);
void	ccs_h_inbox(struct ccs_req *r);
void	ccs_h_inbox_read(struct ccs_req *r);
void	ccs_h_communities(struct ccs_req *r);
void	ccs_h_community_create(struct ccs_req *r);

/* capacity/h_training.c: trainings, campaigns, their calendar */
void	ccs_h_trainings(struct ccs_req *r);
void	ccs_h_training_create(struct ccs_req *r);
void	ccs_h_training(struct ccs_req *r);
void	ccs_h_training_update(struct ccs_req *r);
void	ccs_h_campaigns(struct ccs_req *r);
void	ccs_h_campaign_create(struct ccs_req *r);
void	ccs_h_campaign(struct ccs_req *r);
void	ccs_h_campaign_update(struct ccs_req *r);
void	ccs_h_capacity_calendar(struct ccs_req *r);
/* capacity/h_proposals.c: proposals from completed work */
void	ccs_h_proposals(struct ccs_req *r);
void	ccs_h_proposal_accept(struct ccs_req *r);
void	ccs_h_proposal_dismiss(struct ccs_req *r);
/* capacity/h_timeline.c: the plan's timeline */
void	ccs_h_timeline(struct ccs_req *r);
void	ccs_h_milestone_update(struct ccs_req *r);
void	ccs_h_adoption_set(struct ccs_req *r);

/* h_static.c: the web UI (not in the route table: the fallback) */
void	ccs_h_static(struct ccs_req *r);

/* h_incidents.c: incidents, indicators, correlation, clusters */
void	ccs_h_incidents(struct ccs_req *r);
void	ccs_h_incident(struct ccs_req *r);
void	ccs_h_incident_create(struct ccs_req *r);
void	ccs_h_incident_update(struct ccs_req *r);
void	ccs_h_vocabularies(struct ccs_req *r);
void	ccs_h_indicators(struct ccs_req *r);
void	ccs_h_indicator(struct ccs_req *r);
void	ccs_h_indicator_report(struct ccs_req *r);
void	ccs_h_indicator_lookup(struct ccs_req *r);
void	ccs_h_clusters(struct ccs_req *r);

/* h_routing.c: constituencies, state queues, search */
void	ccs_h_claims(struct ccs_req *r);
void	ccs_h_claim_create(struct ccs_req *r);
void	ccs_h_claim_approve(struct ccs_req *r);
void	ccs_h_claim_reject(struct ccs_req *r);
void	ccs_h_queue(struct ccs_req *r);
void	ccs_h_queue_done(struct ccs_req *r);
void	ccs_h_search(struct ccs_req *r);

/* h_interchange.c: STIX 2.1, MISP, indicator CSV imports; STIX export */
void	ccs_h_import_stix(struct ccs_req *r);
void	ccs_h_import_misp(struct ccs_req *r);
void	ccs_h_import_csv(struct ccs_req *r);
void	ccs_h_export_stix(struct ccs_req *r);

/* capacity/: initiatives, needs, duplicates, coverage, funding */
void	ccs_h_initiatives(struct ccs_req *r);
void	ccs_h_initiative(struct ccs_req *r);
void	ccs_h_initiative_create(struct ccs_req *r);
void	ccs_h_initiative_update(struct ccs_req *r);
void	ccs_h_needs(struct ccs_req *r);
void	ccs_h_need(struct ccs_req *r);
void	ccs_h_need_update(struct ccs_req *r);
void	ccs_h_need_history(struct ccs_req *r);
void	ccs_h_duplicates(struct ccs_req *r);
void	ccs_h_duplicate_decide(struct ccs_req *r);
void	ccs_h_coverage(struct ccs_req *r);
void	ccs_h_funding(struct ccs_req *r);
void	ccs_h_rate_create(struct ccs_req *r);

#endif
