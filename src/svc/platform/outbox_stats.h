/*
 * outbox_stats.h: the outbox's backlog as /metrics reports it, read from
 * the database at scrape time (so every server process behind a balancer
 * reports the same shared queue).
 */
#ifndef CCS_SVC_OUTBOX_STATS_H
#define CCS_SVC_OUTBOX_STATS_H

#include <stdint.h>

#include "store/store.h"

/* The outbox's channels, in the order of ccs_outbox_channel_name. */
enum ccs_outbox_channel {
	CCS_OUTBOX_EMAIL = 0,
	CCS_OUTBOX_WEBHOOK,
	CCS_OUTBOX_NCHANNELS
};

/** One channel's queue. */
struct ccs_outbox_backlog {
	int64_t	pending;	/* not sent, still to be tried */
	int64_t	oldest_age;	/* seconds since the oldest pending was
				   queued; 0 when none */
	int64_t	given_up;	/* not sent after every attempt */
};

/** "email" or "webhook"; borrowed. */
const char *ccs_outbox_channel_name(enum ccs_outbox_channel c);

/**
 * Reads the backlog of every channel as of @p now in a read transaction
 * of its own on @p db (which must not be in one).
 * @param out OUT: indexed by enum ccs_outbox_channel; all zero when empty
 * @return CCS_OK, or the database's error.
 */
int	ccs_outbox_backlog(struct ccs_db *db, int64_t now,
	    struct ccs_outbox_backlog out[CCS_OUTBOX_NCHANNELS]);

#endif
