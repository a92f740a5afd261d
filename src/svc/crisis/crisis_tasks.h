/*
 * crisis_tasks.h: a crisis's tasks, each owned by a person of the
 * directory, open until done.
 */
#ifndef CCS_SVC_CRISIS_TASKS_H
#define CCS_SVC_CRISIS_TASKS_H

#include <stdint.h>

#include <jansson.h>

#include "core/policy.h"
#include "store/store.h"
#include "svc/crisis/crisis_common.h"
#include "util/fail.h"
#include "util/jsonv.h"

/** Fields of POST /crises/{id}/tasks (and, none required, of PATCH). */
extern const struct ccs_jfield ccs_crisis_task_fields[];
extern const size_t ccs_crisis_task_nfields;

/** Adds a task to open crisis @p id; *out is it (new). */
int	ccs_crisis_task_add(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const json_t *body, int64_t now,
	    json_t **out /* OUT */, struct ccs_fail *f);

/** Changes title, owner, due time or status of task @p task. */
int	ccs_crisis_task_update(struct ccs_db *db,
	    const struct ccs_principal *p, int64_t id, int64_t task,
	    const json_t *body, int64_t now, json_t **out /* OUT */,
	    struct ccs_fail *f);

/** The tasks of crisis @p id by id, as a page. */
int	ccs_crisis_task_list(struct ccs_db *db, const struct ccs_principal *p,
	    int64_t id, const struct ccs_crisis_page *pg,
	    json_t **out /* OUT */, struct ccs_fail *f);

#endif
