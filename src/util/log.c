/* log.c: JSON lines to a stream; stdio's per-FILE lock keeps lines whole. */
#include <stdlib.h>
#include <time.h>

#include "util/log.h"
#include "util/mem.h"

struct ccs_log {
	FILE			*out;	/* borrowed stream */
	enum ccs_log_level	 min;	/* lines below this level are dropped */
};

static const char *const level_names[] = { "debug", "info", "warn", "error" };

struct ccs_log *
ccs_log_new(FILE *out, enum ccs_log_level min)
{
	struct ccs_log *log;

	log = ccs_calloc(1, sizeof(*log));
	if (log == NULL)
		return NULL;
	log->out = out;
	log->min = min;
	return log;
}

void
ccs_log_free(struct ccs_log *log)
{
	free(log);
}

void
ccs_log_event(struct ccs_log *log, enum ccs_log_level level,
    const char *event, json_t *fields)
{
	struct timespec ts;
	struct tm tm;
	char stamp[40];
	json_t *o;
	char *line;

	if (log == NULL || level < log->min) {
		json_decref(fields);
		return;
	}
	o = fields ? fields : json_object();
	if (o == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	if (strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		stamp[0] = '\0';
	json_object_set_new(o, "ts", json_string(stamp));
	json_object_set_new(o, "level", json_string(level_names[level]));
	json_object_set_new(o, "event", json_string(event));
	line = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (line == NULL)
		return;
	flockfile(log->out);
	fputs(line, log->out);
	fputc('\n', log->out);
	fflush(log->out);
	funlockfile(log->out);
	free(line);
}
