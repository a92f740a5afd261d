/*
 * state_cache.c: one state's reply, kept rendered (state_cache.h).
 *
 * The reply of GET /api/v1/states/{code} depends on the state's rows and
 * on one thing about the reader: whether ccs_policy_check allows
 * CCS_ACT_CONTACT_READ for that state (contacts, organisations and the
 * NCPOC count, or none of them). So a reply is kept per state code and
 * that answer: two slots per possible code, an array indexed by the
 * letters, no hashing. A slot holds the bytes and the directory version
 * (migration 0034) read before the rows were, in the same transaction:
 * the rows are at least as new as the version, never older, so a reply is
 * served only while the version is unchanged and a write by any server
 * on the same database makes the next request render again.
 *
 * One read-write lock: lookups copy the bytes out under the read lock (a
 * state's reply is under a kilobyte; the copy is cheaper than reference
 * counts), a store swaps a slot under the write lock. Two threads that
 * render at once both store; the later wins, and a stale one only costs
 * the next request a render. Non-goals: error replies (unknown state) are
 * never kept, and nothing is evicted (at most 2 x 676 small replies).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/validate.h"
#include "svc/directory/directory.h"
#include "svc/directory/state_cache.h"
#include "util/err.h"
#include "util/mem.h"

#define LETTERS	26
#define NSLOTS	(LETTERS * LETTERS * 2)

/* One kept reply; immutable once stored. */
struct kept {
	int64_t	 version;	/* directory_version.n it was read under */
	size_t	 len;		/* bytes in data */
	char	 data[];	/* the JSON text, not NUL-terminated */
};

struct ccs_dir_cache {
	pthread_rwlock_t	 lock;		/* slots */
	struct kept		*slots[NSLOTS];	/* by code and contacts */
};

struct ccs_dir_cache *
ccs_dir_cache_new(void)
{
	struct ccs_dir_cache *c;

	c = ccs_calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	if (pthread_rwlock_init(&c->lock, NULL) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

void
ccs_dir_cache_free(struct ccs_dir_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < NSLOTS; i++)
		free(c->slots[i]);
	pthread_rwlock_destroy(&c->lock);
	free(c);
}

/* The slot of (@p code, @p contacts); SIZE_MAX if @p code is no code. */
static size_t
slot_of(const char *code, bool contacts)
{
	if (!ccs_valid_iso2(code))
		return SIZE_MAX;
	return ((size_t)(code[0] - 'A') * LETTERS + (size_t)(code[1] -
	    'A')) * 2 + (contacts ? 1 : 0);
}

int
ccs_dir_version(struct ccs_db *db, int64_t *out)
{
	return ccs_db_query_int(db, "SELECT n FROM directory_version WHERE "
	    "id = 1", NULL, 0, out);
}

int
ccs_dir_cache_get(struct ccs_dir_cache *c, const char *code, bool contacts,
    int64_t version, char **out, size_t *len)
{
	size_t i = slot_of(code, contacts);
	const struct kept *k;
	int rc = CCS_ENOTFOUND;

	*out = NULL;
	*len = 0;
	if (i == SIZE_MAX)
		return CCS_ENOTFOUND;
	pthread_rwlock_rdlock(&c->lock);
	k = c->slots[i];
	if (k != NULL && k->version == version) {
		*out = ccs_malloc(k->len + 1);
		if (*out != NULL) {
			memcpy(*out, k->data, k->len);
			(*out)[k->len] = '\0';
			*len = k->len;
			rc = CCS_OK;
		} else {
			rc = CCS_ENOMEM;
		}
	}
	pthread_rwlock_unlock(&c->lock);
	return rc;
}

int
ccs_dir_cache_put(struct ccs_dir_cache *c, const char *code, bool contacts,
    int64_t version, const char *body, size_t len)
{
	size_t i = slot_of(code, contacts), size;
	struct kept *k, *old;

	if (i == SIZE_MAX)
		return CCS_EINVAL;
	if (!ccs_add_sz(sizeof(*k), len, &size))
		return CCS_ENOMEM;
	k = ccs_malloc(size);
	if (k == NULL)
		return CCS_ENOMEM;
	k->version = version;
	k->len = len;
	memcpy(k->data, body, len);
	pthread_rwlock_wrlock(&c->lock);
	old = c->slots[i];
	c->slots[i] = k;
	pthread_rwlock_unlock(&c->lock);
	free(old);
	return CCS_OK;
}

/* Renders the reply of ccs_dir_state as compact JSON text. */
static int
render(struct ccs_db *db, const struct ccs_principal *p, const char *code,
    char **out, size_t *len, struct ccs_fail *f)
{
	json_t *st = NULL;
	int rc;

	rc = ccs_dir_state(db, p, code, &st, f);
	if (rc != CCS_OK)
		return rc;
	*out = json_dumps(st, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(st);
	if (*out == NULL)
		return ccs_fail(f, CCS_ENOMEM, "internal", "cannot encode the "
		    "reply");
	*len = strlen(*out);
	return CCS_OK;
}

int
ccs_dir_state_text(struct ccs_db *db, struct ccs_dir_cache *c,
    const struct ccs_principal *p, const char *code, char **out,
    size_t *len, struct ccs_fail *f)
{
	int64_t version;
	bool contacts;
	int rc;

	*out = NULL;
	*len = 0;
	if (c == NULL || !ccs_valid_iso2(code))
		return render(db, p, code, out, len, f);
	/* the one thing in the reply that depends on the reader */
	contacts = ccs_policy_check(p, CCS_ACT_CONTACT_READ, code) == CCS_OK;
	/* read before the rows: the rows are then at least this new */
	rc = ccs_dir_version(db, &version);
	if (rc != CCS_OK)
		return ccs_fail(f, rc == CCS_EBUSY || rc == CCS_EUNAVAIL ? rc :
		    CCS_EDB, "internal", "the directory could not be read");
	rc = ccs_dir_cache_get(c, code, contacts, version, out, len);
	if (rc == CCS_OK)
		return CCS_OK;
	rc = render(db, p, code, out, len, f);
	if (rc != CCS_OK)
		return rc;
	/* without memory to keep it, the reply is still given */
	(void)ccs_dir_cache_put(c, code, contacts, version, *out, *len);
	return CCS_OK;
}
