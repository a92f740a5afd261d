/* log.h: structured JSON log lines, one object per line. */
#ifndef CCS_LOG_H
#define CCS_LOG_H

#include <stdio.h>

#include <jansson.h>

enum ccs_log_level {
	CCS_LOG_DEBUG = 0,
	CCS_LOG_INFO,
	CCS_LOG_WARN,
	CCS_LOG_ERROR
};

struct ccs_log;

/** Returns a new logger writing to @p out (borrowed); free with ccs_log_free. */
struct ccs_log *ccs_log_new(FILE *out, enum ccs_log_level min);
void	ccs_log_free(struct ccs_log *log);

/**
 * Writes {"ts":..., "level":..., "event":@p event, ...@p fields} as one line.
 * @p fields is stolen (may be NULL). Safe from several threads. NULL @p log
 * discards.
 */
void	ccs_log_event(struct ccs_log *log, enum ccs_log_level level,
	    const char *event, json_t *fields);

#endif
