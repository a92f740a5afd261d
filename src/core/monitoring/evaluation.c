/*
 * evaluation.c: the vocabularies of plan versions and evaluations, and
 * the finding the records suggest for an item. The suggestion is a hint
 * shown beside the evaluator's own finding, never stored in its place.
 */
#include <string.h>

#include "core/monitoring/evaluation.h"

static const char *const criteria[] = {
	"relevance", "coherence", "effectiveness", "efficiency", "impact",
	"sustainability"
};
#define NCRITERIA	((int)(sizeof(criteria) / sizeof(criteria[0])))

bool
ccs_eval_progress_known(const char *s)
{
	return s != NULL && (strcmp(s, "done") == 0 ||
	    strcmp(s, "partly") == 0 || strcmp(s, "not_started") == 0);
}

bool
ccs_eval_criterion_known(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < NCRITERIA; i++) {
		if (strcmp(criteria[i], s) == 0)
			return true;
	}
	return false;
}

const char *const *
ccs_eval_criteria(int *n)
{
	*n = NCRITERIA;
	return criteria;
}

static bool
carried(const char *s)
{
	return strcmp(s, "kept") == 0 || strcmp(s, "changed") == 0 ||
	    strcmp(s, "dropped") == 0;
}

bool
ccs_plan_change_ok(const char *from, const char *to)
{
	if (from == NULL || to == NULL)
		return false;
	if (carried(from))
		return carried(to);
	return strcmp(from, "new") == 0 && strcmp(to, "new") == 0;
}

const char *
ccs_eval_suggest(const struct ccs_eval_evidence *e)
{
	if (e->initiatives_done > 0 &&
	    e->recommendations_closed == e->recommendations)
		return "done";
	if (e->initiatives > 0 || e->recommendations > 0 ||
	    e->standards_met > 0)
		return "partly";
	return "not_started";
}
