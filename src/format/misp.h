/*
 * misp.h: reading MISP event JSON (a file of {"Event": {...}}, a bare
 * event {...} as PyMISP's MISPEvent.to_json() writes it, a search answer
 * {"response": [{"Event": ...}, ...]}, or a list of those) into
 * neutral records: each event with its tags and TLP, and each attribute
 * (top level and inside Object[]) with its own tags and TLP and the
 * ccscap indicators it holds.
 *
 * MISP types ccscap uses: ip-src, ip-dst, ip-src|port, ip-dst|port (the
 * address), domain, hostname, hostname|port (the name), domain|ip (both),
 * url, uri (only when it is an absolute URL; otherwise skipped), email,
 * email-src, email-dst, email-reply-to, whois-registrant-email, md5,
 * sha1, sha256, sha512, filename|md5, filename|sha1, filename|sha256,
 * filename|sha512 (the hash), btc, phone-number, whois-registrant-phone,
 * iban; and in a cryptocurrency-wallet object the "address" attribute,
 * Bitcoin or Ethereum by its form (MISP has no Ethereum type). Any other
 * type (link, xmr, text, ...) is delivered with no indicator and counted
 * as skipped. A malformed attribute (no type or value, or a value that is
 * not a valid indicator of its type) is an error naming its path, e.g.
 * "Event.Attribute[4].value" ("Attribute[4].value" in a bare event).
 *
 * TLP: tags "tlp:clear", "tlp:white", "tlp:green", "tlp:amber",
 * "tlp:amber+strict", "tlp:red" (any case); the strictest wins when there
 * are several. "tlp:ex:chr" and "tlp:unclear" carry no level and are
 * ignored; any other "tlp:" tag is an error. An attribute's own TLP tag
 * overrides its event's.
 */
#ifndef CCS_MISP_H
#define CCS_MISP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/indicator/indicator.h"
#include "core/tlp.h"
#include "format/errlist.h"
#include "util/fail.h"

#define CCS_MISP_TAGS_MAX	64	/* tags handed over per item */
#define CCS_MISP_ATTRS_DEFAULT	100000	/* attributes when max is 0 */

/* One event; every pointer borrowed, valid during the callback only. */
struct ccs_misp_event {
	const char		*path;		/* "Event", "[1].Event" */
	const char		*uuid;		/* NULL when absent */
	const char		*info;		/* NULL when absent */
	const char		*date;		/* YYYY-MM-DD or NULL */
	const char		*orgc;		/* Orgc.name or NULL */
	int			 threat_level;	/* 1 high .. 4 undefined, 0 */
	int			 analysis;	/* 0, 1, 2; -1 when absent */
	const char *const	*tags;		/* tag names */
	size_t			 ntags;		/* up to CCS_MISP_TAGS_MAX */
	bool			 has_tlp;	/* a TLP tag was found */
	enum ccs_tlp		 tlp;		/* its level when has_tlp */
};

struct ccs_misp_ind {
	enum ccs_ind_type	 type;			/* refined type */
	char			 value[CCS_IND_VALUE_MAX]; /* canonical */
};

/* One attribute; borrowed, valid during the callback only. */
struct ccs_misp_attr {
	const char		*path;		/* "Event.Attribute[4]" */
	const char		*uuid;		/* NULL when absent */
	const char		*type;		/* MISP type */
	const char		*category;	/* NULL when absent */
	const char		*value;		/* as written */
	const char		*comment;	/* NULL when absent */
	const char		*object_name;	/* NULL at the top level */
	const char		*object_relation; /* NULL when absent */
	bool			 to_ids;	/* MISP's IDS flag */
	int64_t			 timestamp;	/* Unix time, 0 when absent */
	const char *const	*tags;		/* its own tag names */
	size_t			 ntags;
	bool			 has_tlp;	/* own TLP tag or the event's */
	enum ccs_tlp		 tlp;
	size_t			 nind;		/* 0: type not used (skipped) */
	struct ccs_misp_ind	 ind[2];	/* domain|ip gives two */
};

struct ccs_misp_opts {
	size_t	 max_attributes;	/* over all events; 0: the default */
};

struct ccs_misp_stats {
	size_t	 events;	/* events read */
	size_t	 attributes;	/* well-formed attributes delivered */
	size_t	 indicators;	/* indicators in them */
	size_t	 skipped;	/* attributes of types ccscap does not use */
};

struct ccs_misp_cb {
	/* Each may be NULL. A non-zero return stops the read and is
	 * returned. on_event comes before the event's attributes. */
	int	(*on_event)(void *arg, const struct ccs_misp_event *ev);
	int	(*on_attr)(void *arg, const struct ccs_misp_event *ev,
		    const struct ccs_misp_attr *a);
};

/**
 * Reads MISP JSON from @p buf (@p len bytes, the caller's size cap
 * applied). Well-formed attributes are delivered even when others are
 * not: an importer that wants all or nothing checks the return value.
 * @param o may be NULL
 * @param st OUT, may be NULL: counts
 * @param errs every malformed item with its path (borrowed, may be NULL)
 * @param f OUT, may be NULL
 * @return CCS_OK; CCS_EINVAL when the document is not MISP JSON or an
 *     item was malformed (then in @p errs); CCS_ETOOBIG past
 *     max_attributes; CCS_ENOMEM; or the callback's non-zero value
 */
int	ccs_misp_read(const char *buf, size_t len,
	    const struct ccs_misp_opts *o, const struct ccs_misp_cb *cb,
	    void *arg, struct ccs_misp_stats *st /* OUT */,
	    struct ccs_errlist *errs, struct ccs_fail *f);

#endif
