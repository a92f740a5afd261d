/* gap.c: met / not met / unknown, and shares in per mille. */
#include "core/gap.h"

enum ccs_gap_state
ccs_gap_classify(int level, int met_level)
{
	if (level < 0)
		return CCS_GAP_UNKNOWN;
	return level >= met_level ? CCS_GAP_MET : CCS_GAP_UNMET;
}

void
ccs_gap_add(struct ccs_gap_tally *t, enum ccs_gap_state s)
{
	if (s == CCS_GAP_MET)
		t->met++;
	else if (s == CCS_GAP_UNMET)
		t->unmet++;
	else
		t->unknown++;
}

size_t
ccs_gap_total(const struct ccs_gap_tally *t)
{
	return t->met + t->unmet + t->unknown;
}

unsigned
ccs_gap_permille(const struct ccs_gap_tally *t)
{
	size_t n = ccs_gap_total(t);

	if (n == 0)
		return 0;
	return (unsigned)((t->met * 1000 + n / 2) / n);
}
