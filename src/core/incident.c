/*
 * incident.c: the incident status workflow and the severity scale.
 *
 * The workflow is one table of allowed moves, so the rule can be read (and
 * tested) pair by pair instead of being inferred from index arithmetic.
 * The words here are the only copy: svc validates with them and
 * GET /api/v1/vocabularies serves them to the pages.
 */
#include <string.h>

#include "core/incident.h"

static const struct ccs_word status_words[] = {
	[CCS_INCIDENT_REPORTED] = { "reported", "Reported", NULL },
	[CCS_INCIDENT_TRIAGED] = { "triaged", "Triaged", NULL },
	[CCS_INCIDENT_INVESTIGATING] = { "investigating", "Investigating",
	    NULL },
	[CCS_INCIDENT_CONTAINED] = { "contained", "Contained", NULL },
	[CCS_INCIDENT_RESOLVED] = { "resolved", "Resolved", NULL },
	[CCS_INCIDENT_CLOSED] = { "closed", "Closed", NULL },
};

const struct ccs_vocab ccs_incident_statuses = { "statuses", status_words,
	sizeof(status_words) / sizeof(status_words[0]) };

static const struct ccs_word severity_words[] = {
	[CCS_SEVERITY_LOW] = { "low", "Low", NULL },
	[CCS_SEVERITY_MEDIUM] = { "medium", "Medium", NULL },
	[CCS_SEVERITY_HIGH] = { "high", "High", NULL },
	[CCS_SEVERITY_CRITICAL] = { "critical", "Critical", NULL },
};

const struct ccs_vocab ccs_severities = { "severities", severity_words,
	sizeof(severity_words) / sizeof(severity_words[0]) };

#define R	CCS_INCIDENT_REPORTED
#define T	CCS_INCIDENT_TRIAGED
#define I	CCS_INCIDENT_INVESTIGATING
#define C	CCS_INCIDENT_CONTAINED
#define S	CCS_INCIDENT_RESOLVED
#define X	CCS_INCIDENT_CLOSED

/* moves[from][to]: forward from anything but closed, back to
 * investigating from contained and resolved; the diagonal is "no move". */
#define N	CCS_INCIDENT_STATUS_COUNT
static const bool moves[N][N] = {
	[R] = { [R] = true, [T] = true, [I] = true, [C] = true, [S] = true,
	    [X] = true },
	[T] = { [T] = true, [I] = true, [C] = true, [S] = true, [X] = true },
	[I] = { [I] = true, [C] = true, [S] = true, [X] = true },
	[C] = { [I] = true, [C] = true, [S] = true, [X] = true },
	[S] = { [I] = true, [S] = true, [X] = true },
	[X] = { [X] = true },
};

#undef R
#undef T
#undef I
#undef C
#undef S
#undef X
#undef N

bool
ccs_incident_status_parse(const char *s, enum ccs_incident_status *out)
{
	size_t i;

	for (i = 0; s != NULL && i < CCS_INCIDENT_STATUS_COUNT; i++) {
		if (strcmp(status_words[i].key, s) == 0) {
			*out = (enum ccs_incident_status)i;
			return true;
		}
	}
	return false;
}

const char *
ccs_incident_status_name(enum ccs_incident_status st)
{
	if ((size_t)st >= CCS_INCIDENT_STATUS_COUNT)
		return NULL;
	return status_words[st].key;
}

bool
ccs_incident_move_ok(enum ccs_incident_status from,
    enum ccs_incident_status to)
{
	if ((size_t)from >= CCS_INCIDENT_STATUS_COUNT ||
	    (size_t)to >= CCS_INCIDENT_STATUS_COUNT)
		return false;
	return moves[from][to];
}

bool
ccs_severity_parse(const char *s, enum ccs_severity *out)
{
	size_t i;

	for (i = 0; s != NULL && i < CCS_SEVERITY_COUNT; i++) {
		if (strcmp(severity_words[i].key, s) == 0) {
			*out = (enum ccs_severity)i;
			return true;
		}
	}
	return false;
}

const char *
ccs_severity_name(enum ccs_severity sev)
{
	if ((size_t)sev >= CCS_SEVERITY_COUNT)
		return NULL;
	return severity_words[sev].key;
}

int64_t
ccs_severity_ack_hours(enum ccs_severity sev)
{
	switch (sev) {
	case CCS_SEVERITY_CRITICAL:
		return 4;
	case CCS_SEVERITY_HIGH:
		return 24;
	case CCS_SEVERITY_MEDIUM:
		return 72;
	case CCS_SEVERITY_LOW:
	default:
		return 168;
	}
}
