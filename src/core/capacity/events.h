/*
 * events.h: the closed vocabularies of training events and awareness
 * campaigns (audiences, participant roles, channels, statuses), as
 * core/vocab.h word lists (so GET /api/v1/vocabularies serves them), and
 * the pure checks of their periods. Pure: no I/O, no clock.
 */
#ifndef CCS_CORE_CAPACITY_EVENTS_H
#define CCS_CORE_CAPACITY_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/vocab.h"

/** Audiences of a training. */
extern const struct ccs_vocab ccs_training_audiences;
/** Roles of participants: the training audiences and "unspecified". */
extern const struct ccs_vocab ccs_participant_roles;
/** Audiences of an awareness campaign. */
extern const struct ccs_vocab ccs_campaign_audiences;
/** Channels of an awareness campaign. */
extern const struct ccs_vocab ccs_campaign_channels;
/** Statuses of a training or campaign. */
extern const struct ccs_vocab ccs_event_statuses;

/**
 * Writes the keys of @p v as "a, b, c" into @p out (for messages).
 * @return 0, or -1 when @p out is too small (it then holds a prefix)
 */
int	ccs_vocab_list(const struct ccs_vocab *v, char *out, size_t size);

/**
 * Whether @p start .. @p end (YYYY-MM-DD, already valid dates) is a
 * period: the end is not before the start.
 */
bool	ccs_period_ok(const char *start, const char *end);

/**
 * Whether the year @p year (YYYY) overlaps @p start .. @p end.
 */
bool	ccs_period_in_year(const char *start, const char *end, int year);

#endif
