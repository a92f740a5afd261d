/*
 * stix_check.c: STIX 2.1 object validation from C tables.
 *
 * Each known type has a table of its properties: a kind (string,
 * timestamp, reference, list of references, integer in a range, closed
 * enumeration, ...), whether it is required and, for references, which
 * object types it may point to. One generic walker applies the common
 * table of the object's family and then the type's own table; the few
 * rules a table cannot say (valid_until after valid_from, malware's name
 * when is_family, observed-data's objects xor object_refs, location's
 * coordinate pairs, the marking definitions) are small functions. The
 * rules were derived by reading the OASIS schemas and the specification;
 * where the schemas are looser than the specification's MUSTs (timestamps
 * with impossible dates, stop_time before start_time) the specification
 * wins. Every error names its JSON path. Non-goals: reference resolution
 * across a bundle, open vocabularies, SCO value syntax (the importer
 * normalises the values it uses).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "format/stix/stix_check.h"
#include "format/stix/stix_names.h"
#include "format/stix/stix_pattern.h"
#include "util/err.h"
#include "util/str.h"

#define PATH_MAX_LEN	512	/* longest path we build, with its NUL */

enum pkind {
	PK_STR,		/* string */
	PK_TS,		/* timestamp */
	PK_TSMS,	/* timestamp with milliseconds */
	PK_REF,		/* identifier; arg: allowed types or !forbidden */
	PK_REFS,	/* non-empty list of identifiers, arg as PK_REF */
	PK_STRS,	/* non-empty list of strings */
	PK_INT,		/* integer in [min, max] */
	PK_NUM,		/* number in [min, max] */
	PK_BOOL,	/* true or false */
	PK_ENUM,	/* string in arg ("a|b|c") */
	PK_ENUMS,	/* non-empty list of strings in arg */
	PK_DICT,	/* non-empty object */
	PK_KCP,		/* kill-chain phases */
	PK_HASHES,	/* object of hash name -> string */
	PK_EXTREFS,	/* external references */
	PK_GRAN,	/* granular markings */
	PK_EXT,		/* extensions */
	PK_LANG		/* RFC 5646 language tag */
};

struct prop {
	const char	*name;	/* property name */
	enum pkind	 kind;	/* what its value must be */
	bool		 req;	/* required */
	const char	*arg;	/* types for refs, values for enums */
	double		 min;	/* range for PK_INT and PK_NUM */
	double		 max;
};

#define END		{ NULL, PK_STR, false, NULL, 0, 0 }
#define OPT(n, k)	{ n, k, false, NULL, 0, 0 }
#define REQ(n, k)	{ n, k, true, NULL, 0, 0 }
#define OREF(n, k, a)	{ n, k, false, a, 0, 0 }
#define RREF(n, k, a)	{ n, k, true, a, 0, 0 }
#define ORNG(n, k, lo, hi) { n, k, false, NULL, lo, hi }
#define RRNG(n, k, lo, hi) { n, k, true, NULL, lo, hi }

/* Objects a relationship or sighting may not point at. */
#define NOT_META	"!relationship|sighting|bundle|marking-definition|" \
			"language-content"

/* Common properties of SDOs and SROs (common/core.json). */
static const struct prop core_props[] = {
	REQ("spec_version", PK_STR),
	REQ("created", PK_TSMS),
	REQ("modified", PK_TSMS),
	OREF("created_by_ref", PK_REF, "identity"),
	OPT("labels", PK_STRS),
	OPT("revoked", PK_BOOL),
	ORNG("confidence", PK_INT, 0, 100),
	OPT("lang", PK_LANG),
	OPT("external_references", PK_EXTREFS),
	OREF("object_marking_refs", PK_REFS, "marking-definition"),
	OPT("granular_markings", PK_GRAN),
	OPT("extensions", PK_EXT),
	END
};

/* Common properties of SCOs (common/cyber-observable-core.json). */
static const struct prop sco_props[] = {
	OPT("spec_version", PK_STR),
	OREF("object_marking_refs", PK_REFS, "marking-definition"),
	OPT("granular_markings", PK_GRAN),
	OPT("defanged", PK_BOOL),
	OPT("extensions", PK_EXT),
	END
};

/* Custom types: whatever common property they carry must be right. */
static const struct prop custom_props[] = {
	OPT("spec_version", PK_STR),
	OPT("created", PK_TSMS),
	OPT("modified", PK_TSMS),
	OREF("created_by_ref", PK_REF, "identity"),
	OPT("labels", PK_STRS),
	OPT("revoked", PK_BOOL),
	ORNG("confidence", PK_INT, 0, 100),
	OPT("lang", PK_LANG),
	OPT("external_references", PK_EXTREFS),
	OREF("object_marking_refs", PK_REFS, "marking-definition"),
	OPT("granular_markings", PK_GRAN),
	OPT("extensions", PK_EXT),
	END
};

static const struct prop marking_props[] = {
	REQ("spec_version", PK_STR),
	REQ("created", PK_TSMS),
	OPT("name", PK_STR),
	OREF("created_by_ref", PK_REF, "identity"),
	OPT("external_references", PK_EXTREFS),
	OREF("object_marking_refs", PK_REFS, "marking-definition"),
	OPT("granular_markings", PK_GRAN),
	OPT("extensions", PK_EXT),
	OPT("definition_type", PK_STR),
	OPT("definition", PK_DICT),
	END
};

static const struct prop attack_pattern_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("aliases", PK_STRS), OPT("kill_chain_phases", PK_KCP), END
};
static const struct prop campaign_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("aliases", PK_STRS), OPT("first_seen", PK_TS),
	OPT("last_seen", PK_TS), OPT("objective", PK_STR), END
};
static const struct prop coa_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR), END
};
static const struct prop grouping_props[] = {
	OPT("name", PK_STR), OPT("description", PK_STR),
	REQ("context", PK_STR), RREF("object_refs", PK_REFS, NULL), END
};
static const struct prop identity_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("roles", PK_STRS), OPT("identity_class", PK_STR),
	OPT("sectors", PK_STRS), OPT("contact_information", PK_STR), END
};
static const struct prop incident_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("kill_chain_phases", PK_KCP), END
};
static const struct prop indicator_props[] = {
	OPT("name", PK_STR), OPT("description", PK_STR),
	OPT("indicator_types", PK_STRS), REQ("pattern", PK_STR),
	REQ("pattern_type", PK_STR), OPT("pattern_version", PK_STR),
	REQ("valid_from", PK_TS), OPT("valid_until", PK_TS),
	OPT("kill_chain_phases", PK_KCP), END
};
static const struct prop infrastructure_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("infrastructure_types", PK_STRS), OPT("aliases", PK_STRS),
	OPT("kill_chain_phases", PK_KCP), OPT("first_seen", PK_TS),
	OPT("last_seen", PK_TS), END
};
static const struct prop intrusion_set_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("aliases", PK_STRS), OPT("first_seen", PK_TS),
	OPT("last_seen", PK_TS), OPT("goals", PK_STRS),
	OPT("resource_level", PK_STR), OPT("primary_motivation", PK_STR),
	OPT("secondary_motivations", PK_STRS), END
};
static const struct prop location_props[] = {
	OPT("name", PK_STR), OPT("description", PK_STR),
	ORNG("latitude", PK_NUM, -90, 90), ORNG("longitude", PK_NUM, -180, 180),
	ORNG("precision", PK_NUM, 0, 1e300), OPT("region", PK_STR),
	OPT("country", PK_STR), OPT("administrative_area", PK_STR),
	OPT("city", PK_STR), OPT("street_address", PK_STR),
	OPT("postal_code", PK_STR), END
};
static const struct prop malware_props[] = {
	OPT("name", PK_STR), OPT("description", PK_STR),
	REQ("is_family", PK_BOOL), OPT("malware_types", PK_STRS),
	OPT("aliases", PK_STRS), OPT("kill_chain_phases", PK_KCP),
	OPT("first_seen", PK_TS), OPT("last_seen", PK_TS),
	OREF("operating_system_refs", PK_REFS, "software"),
	OPT("architecture_execution_envs", PK_STRS),
	OPT("implementation_languages", PK_STRS),
	OPT("capabilities", PK_STRS),
	OREF("sample_refs", PK_REFS, "file|artifact"), END
};
static const struct prop malware_analysis_props[] = {
	REQ("product", PK_STR), OPT("version", PK_STR),
	OREF("host_vm_ref", PK_REF, "software"),
	OREF("operating_system_ref", PK_REF, "software"),
	OREF("installed_software_refs", PK_REFS, "software"),
	OPT("configuration_version", PK_STR), OPT("modules", PK_STRS),
	OPT("analysis_engine_version", PK_STR),
	OPT("analysis_definition_version", PK_STR),
	OPT("submitted", PK_TS), OPT("analysis_started", PK_TS),
	OPT("analysis_ended", PK_TS), OPT("result_name", PK_STR),
	OPT("result", PK_STR), OREF("analysis_sco_refs", PK_REFS, NULL),
	OREF("sample_ref", PK_REF, "file|artifact|network-traffic"), END
};
static const struct prop note_props[] = {
	OPT("abstract", PK_STR), REQ("content", PK_STR),
	OPT("authors", PK_STRS), RREF("object_refs", PK_REFS, NULL), END
};
static const struct prop observed_data_props[] = {
	REQ("first_observed", PK_TS), REQ("last_observed", PK_TS),
	RRNG("number_observed", PK_INT, 1, 999999999),
	OPT("objects", PK_DICT), OREF("object_refs", PK_REFS, NULL), END
};
static const struct prop opinion_props[] = {
	OPT("explanation", PK_STR), OPT("authors", PK_STRS),
	{ "opinion", PK_ENUM, true, "strongly-disagree|disagree|neutral|"
	    "agree|strongly-agree", 0, 0 },
	RREF("object_refs", PK_REFS, NULL), END
};
static const struct prop report_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("report_types", PK_STRS), REQ("published", PK_TS),
	RREF("object_refs", PK_REFS, NULL), END
};
static const struct prop threat_actor_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("threat_actor_types", PK_STRS), OPT("aliases", PK_STRS),
	OPT("first_seen", PK_TS), OPT("last_seen", PK_TS),
	OPT("roles", PK_STRS), OPT("goals", PK_STRS),
	OPT("sophistication", PK_STR), OPT("resource_level", PK_STR),
	OPT("primary_motivation", PK_STR),
	OPT("secondary_motivations", PK_STRS),
	OPT("personal_motivations", PK_STRS), END
};
static const struct prop tool_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR),
	OPT("tool_types", PK_STRS), OPT("aliases", PK_STRS),
	OPT("kill_chain_phases", PK_KCP), OPT("tool_version", PK_STR), END
};
static const struct prop vulnerability_props[] = {
	REQ("name", PK_STR), OPT("description", PK_STR), END
};
static const struct prop relationship_props[] = {
	REQ("relationship_type", PK_STR), OPT("description", PK_STR),
	RREF("source_ref", PK_REF, NOT_META),
	RREF("target_ref", PK_REF, NOT_META),
	OPT("start_time", PK_TS), OPT("stop_time", PK_TS), END
};
static const struct prop sighting_props[] = {
	OPT("description", PK_STR), OPT("first_seen", PK_TS),
	OPT("last_seen", PK_TS), ORNG("count", PK_INT, 0, 999999999),
	RREF("sighting_of_ref", PK_REF, NOT_META),
	OREF("observed_data_refs", PK_REFS, "observed-data"),
	OREF("where_sighted_refs", PK_REFS, "identity|location"),
	OPT("summary", PK_BOOL), END
};
static const struct prop language_content_props[] = {
	RREF("object_ref", PK_REF, "!bundle|language-content"),
	OPT("object_modified", PK_TS), REQ("contents", PK_DICT), END
};
static const struct prop extension_definition_props[] = {
	RREF("created_by_ref", PK_REF, "identity"),
	REQ("name", PK_STR), OPT("description", PK_STR),
	REQ("schema", PK_STR), REQ("version", PK_STR),
	{ "extension_types", PK_ENUMS, true, "new-sdo|new-sco|new-sro|"
	    "property-extension|toplevel-property-extension", 0, 0 },
	OPT("extension_properties", PK_STRS), END
};

/* SCOs. */
static const struct prop value_props[] = { REQ("value", PK_STR), END };
static const struct prop ipv4_props[] = {
	REQ("value", PK_STR), OREF("resolves_to_refs", PK_REFS, "mac-addr"),
	OREF("belongs_to_refs", PK_REFS, "autonomous-system"), END
};
static const struct prop ipv6_props[] = {
	REQ("value", PK_STR), OREF("resolves_to_refs", PK_REFS, "mac-addr"),
	OREF("belongs_to_refs", PK_REFS, "autonomous-system"), END
};
static const struct prop domain_props[] = {
	REQ("value", PK_STR), OREF("resolves_to_refs", PK_REFS,
	    "ipv4-addr|ipv6-addr|domain-name"), END
};
static const struct prop email_addr_props[] = {
	REQ("value", PK_STR), OPT("display_name", PK_STR),
	OREF("belongs_to_ref", PK_REF, "user-account"), END
};
static const struct prop file_props[] = {
	OPT("hashes", PK_HASHES), ORNG("size", PK_INT, 0, 9.2e18),
	OPT("name", PK_STR), OPT("name_enc", PK_STR),
	OPT("mime_type", PK_STR), OPT("ctime", PK_TS), OPT("mtime", PK_TS),
	OPT("atime", PK_TS), OREF("parent_directory_ref", PK_REF, "directory"),
	OREF("contains_refs", PK_REFS, NULL),
	OREF("content_ref", PK_REF, "artifact"), END
};
static const struct prop artifact_props[] = {
	OPT("mime_type", PK_STR), OPT("payload_bin", PK_STR),
	OPT("url", PK_STR), OPT("hashes", PK_HASHES),
	OPT("encryption_algorithm", PK_STR), OPT("decryption_key", PK_STR),
	END
};
static const struct prop as_props[] = {
	RRNG("number", PK_INT, 0, 4294967295.0), OPT("name", PK_STR),
	OPT("rir", PK_STR), END
};
static const struct prop directory_props[] = {
	REQ("path", PK_STR), OREF("contains_refs", PK_REFS, "file|directory"),
	END
};
static const struct prop name_props[] = { REQ("name", PK_STR), END };
static const struct prop email_message_props[] = {
	REQ("is_multipart", PK_BOOL), OPT("date", PK_TS),
	OREF("from_ref", PK_REF, "email-addr"),
	OREF("sender_ref", PK_REF, "email-addr"),
	OREF("to_refs", PK_REFS, "email-addr"),
	OREF("cc_refs", PK_REFS, "email-addr"),
	OREF("bcc_refs", PK_REFS, "email-addr"), OPT("subject", PK_STR),
	OREF("raw_email_ref", PK_REF, "artifact"), END
};
static const struct prop network_traffic_props[] = {
	OPT("start", PK_TS), OPT("end", PK_TS), OPT("is_active", PK_BOOL),
	OREF("src_ref", PK_REF, "ipv4-addr|ipv6-addr|mac-addr|domain-name"),
	OREF("dst_ref", PK_REF, "ipv4-addr|ipv6-addr|mac-addr|domain-name"),
	ORNG("src_port", PK_INT, 0, 65535), ORNG("dst_port", PK_INT, 0, 65535),
	REQ("protocols", PK_STRS), END
};
static const struct prop bank_account_props[] = {
	REQ("iban", PK_STR), END
};
static const struct prop none_props[] = { END };

enum family { F_SDO, F_SRO, F_SCO, F_MARKING, F_META };

struct chk;
typedef void (*extra_fn)(struct chk *, const json_t *);

struct type_rule {
	const char		*type;	/* STIX type name */
	enum family		 fam;	/* which common table applies */
	const struct prop	*props;	/* the type's own properties */
	extra_fn		 extra;	/* rules a table cannot say, or NULL */
};

struct chk {
	struct ccs_errlist	*errs;		/* where errors go */
	const char		*prefix;	/* path of the object */
	int			 rc;		/* CCS_OK, EINVAL or ENOMEM */
};

static void	err(struct chk *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

/* Adds an error at prefix.prop (prop may be NULL: the object). */
static void
err(struct chk *c, const char *prop, const char *fmt, ...)
{
	char path[PATH_MAX_LEN], msg[256];
	const char *pre = c->prefix != NULL ? c->prefix : "";
	va_list ap;
	int n;

	if (prop == NULL || prop[0] == '\0')
		n = snprintf(path, sizeof(path), "%s", pre);
	else if (pre[0] == '\0')
		n = snprintf(path, sizeof(path), "%s", prop);
	else
		n = snprintf(path, sizeof(path), "%s.%s", pre, prop);
	if (n < 0 || (size_t)n >= sizeof(path))
		/* Paths come from our own tables and a caller's prefix. */
		memcpy(path + sizeof(path) - 4, "...", 4);
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		msg[0] = '\0';
	if (ccs_errlist_add(c->errs, path, "%s", msg) != CCS_OK)
		c->rc = CCS_ENOMEM;
	else if (c->rc == CCS_OK)
		c->rc = CCS_EINVAL;
}

/* True when @p s (of @p n bytes) is one of the '|'-separated @p list. */
static bool
in_list(const char *list, const char *s, size_t n)
{
	const char *p = list, *e;

	while (p != NULL && *p != '\0') {
		e = strchr(p, '|');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && strncmp(p, s, n) == 0)
			return true;
		p = *e == '|' ? e + 1 : NULL;
	}
	return false;
}

static bool
lower_alnum(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

static bool
hexdig(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
	    (ch >= 'A' && ch <= 'F');
}

bool
ccs_stix_type_ok(const char *s)
{
	size_t i, n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n < 3 || n > 250 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (i = 1; i < n; i++) {
		if (s[i] == '-') {
			if (s[i - 1] == '-')
				return false;
		} else if (!lower_alnum(s[i]))
			return false;
	}
	return true;
}

/* UUID as identifier.json has it: version 1-5, variant 10xx. */
static bool
uuid_ok(const char *u)
{
	static const size_t dash[] = { 8, 13, 18, 23 };
	size_t i, d = 0;

	if (strlen(u) != 36)
		return false;
	for (i = 0; i < 36; i++) {
		if (d < 4 && i == dash[d]) {
			if (u[i] != '-')
				return false;
			d++;
		} else if (!hexdig(u[i]))
			return false;
	}
	if (u[14] < '1' || u[14] > '5')
		return false;
	return strchr("89abAB", u[19]) != NULL;
}

bool
ccs_stix_id_ok(const char *id, const char *type)
{
	const char *sep;
	size_t tlen, i;

	if (id == NULL)
		return false;
	sep = strstr(id, "--");
	if (sep == NULL)
		return false;
	tlen = (size_t)(sep - id);
	/* ^[a-z][a-z0-9-]+[a-z0-9]-- */
	if (tlen < 3 || !(id[0] >= 'a' && id[0] <= 'z') ||
	    !lower_alnum(id[tlen - 1]))
		return false;
	for (i = 1; i < tlen; i++)
		if (!lower_alnum(id[i]) && id[i] != '-')
			return false;
	if (type != NULL && (strlen(type) != tlen ||
	    strncmp(id, type, tlen) != 0))
		return false;
	return uuid_ok(sep + 2);
}

static bool
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool
ccs_stix_timestamp_ok(const char *s, bool millis)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, mo, d;
	size_t n, frac = 0;

	if (s == NULL)
		return false;
	n = strlen(s);
	/* YYYY-MM-DDTHH:MM:SS then optional .f+ then Z */
	if (n < 20 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) || s[10] != 'T' ||
	    !digits(s + 11, 2) || s[13] != ':' || !digits(s + 14, 2) ||
	    s[16] != ':' || !digits(s + 17, 2) || s[n - 1] != 'Z')
		return false;
	if (n > 20) {
		if (s[19] != '.' || n < 22 || !digits(s + 20, n - 21))
			return false;
		frac = n - 21;
	}
	if (millis && frac < 3)
		return false;
	y = num(s, 4);
	mo = num(s + 5, 2);
	d = num(s + 8, 2);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return false;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0))
		return false;
	return num(s + 11, 2) <= 23 && num(s + 14, 2) <= 59 &&
	    num(s + 17, 2) <= 60;
}

int
ccs_stix_timestamp_cmp(const char *a, const char *b)
{
	int c = strncmp(a, b, 19);
	const char *fa = a + 19, *fb = b + 19;

	if (c != 0)
		return c;
	if (*fa == '.')
		fa++;
	if (*fb == '.')
		fb++;
	/* Fractions: a missing digit counts as 0; 'Z' ends both. */
	for (;;) {
		char da = (*fa >= '0' && *fa <= '9') ? *fa : '0';
		char db = (*fb >= '0' && *fb <= '9') ? *fb : '0';
		bool enda = !(*fa >= '0' && *fa <= '9');
		bool endb = !(*fb >= '0' && *fb <= '9');

		if (enda && endb)
			return 0;
		if (da != db)
			return da < db ? -1 : 1;
		if (!enda)
			fa++;
		if (!endb)
			fb++;
	}
}

/* Checks that id @p v points at an allowed type (see struct prop). */
static void
check_ref(struct chk *c, const char *path, const json_t *v, const char *arg)
{
	const char *s, *sep;
	bool neg;

	if (!json_is_string(v)) {
		err(c, path, "must be an identifier string");
		return;
	}
	s = json_string_value(v);
	if (!ccs_stix_id_ok(s, NULL)) {
		err(c, path, "'%.80s' is not a STIX identifier (type--uuid)",
		    s);
		return;
	}
	if (arg == NULL)
		return;
	sep = strstr(s, "--");
	neg = arg[0] == '!';
	if (in_list(neg ? arg + 1 : arg, s, (size_t)(sep - s)) == neg)
		err(c, path, "must %sreference %s objects, not '%.*s'",
		    neg ? "not " : "", neg ? arg + 1 : arg, (int)(sep - s), s);
}

static bool
selector_ok(const char *s)
{
	size_t n = 0;

	if (strcmp(s, "id") == 0)
		return true;
	while (lower_alnum(s[n]) || s[n] == '_' || s[n] == '-')
		n++;
	if (n < 3 || n > 249)
		return false;
	s += n;
	while (*s == '.') {
		s++;
		if (*s == '[') {
			s++;
			n = 0;
			while (s[n] >= '0' && s[n] <= '9')
				n++;
			if (n == 0 || s[n] != ']')
				return false;
			s += n + 1;
			continue;
		}
		n = 0;
		while (lower_alnum(s[n]) || s[n] == '_' || s[n] == '-')
			n++;
		if (n < 1 || n > 250)
			return false;
		s += n;
	}
	return *s == '\0';
}

/* Builds "name[i]" or "name[i].sub" into @p buf. */
static const char *
idx_path(char *buf, size_t size, const char *name, size_t i, const char *sub)
{
	int n;

	if (sub != NULL)
		n = snprintf(buf, size, "%s[%zu].%s", name, i, sub);
	else
		n = snprintf(buf, size, "%s[%zu]", name, i);
	if (n < 0 || (size_t)n >= size)
		return name;
	return buf;
}

static bool
cve_id_ok(const char *s)
{
	size_t n = strlen(s);

	/* CVE-\d{4}-(0\d{3}|[1-9]\d{3,}) */
	if (n < 13 || strncmp(s, "CVE-", 4) != 0 || !digits(s + 4, 4) ||
	    s[8] != '-' || !digits(s + 9, n - 9))
		return false;
	return s[9] != '0' || n == 13;
}

static void
check_extref(struct chk *c, const char *name, size_t i, const json_t *r)
{
	char p[128];
	const json_t *sn, *eid, *v;
	const char *src, *id;

	if (!json_is_object(r)) {
		err(c, idx_path(p, sizeof(p), name, i, NULL),
		    "must be an object");
		return;
	}
	sn = json_object_get(r, "source_name");
	eid = json_object_get(r, "external_id");
	if (!json_is_string(sn)) {
		err(c, idx_path(p, sizeof(p), name, i, "source_name"),
		    "is required and must be a string");
		return;
	}
	src = json_string_value(sn);
	if (eid != NULL && !json_is_string(eid)) {
		err(c, idx_path(p, sizeof(p), name, i, "external_id"),
		    "must be a string");
		return;
	}
	id = eid != NULL ? json_string_value(eid) : NULL;
	v = json_object_get(r, "url");
	if (v != NULL && !json_is_string(v))
		err(c, idx_path(p, sizeof(p), name, i, "url"),
		    "must be a string");
	v = json_object_get(r, "description");
	if (v != NULL && !json_is_string(v))
		err(c, idx_path(p, sizeof(p), name, i, "description"),
		    "must be a string");
	if (strcmp(src, "cve") == 0) {
		if (id == NULL || !cve_id_ok(id))
			err(c, idx_path(p, sizeof(p), name, i, "external_id"),
			    "a cve reference needs CVE-YYYY-NNNN");
	} else if (strcmp(src, "capec") == 0) {
		if (id == NULL || strncmp(id, "CAPEC-", 6) != 0 ||
		    id[6] == '\0' || !digits(id + 6, strlen(id + 6)))
			err(c, idx_path(p, sizeof(p), name, i, "external_id"),
			    "a capec reference needs an external_id CAPEC-N");
	} else if (id == NULL && json_object_get(r, "description") == NULL &&
	    json_object_get(r, "url") == NULL)
		err(c, idx_path(p, sizeof(p), name, i, NULL),
		    "needs external_id, description or url");
}

static void
check_gran(struct chk *c, const char *name, size_t i, const json_t *g)
{
	char p[128];
	const json_t *sel, *mr, *lang, *s;
	size_t k;

	if (!json_is_object(g)) {
		err(c, idx_path(p, sizeof(p), name, i, NULL),
		    "must be an object");
		return;
	}
	sel = json_object_get(g, "selectors");
	if (!json_is_array(sel) || json_array_size(sel) == 0)
		err(c, idx_path(p, sizeof(p), name, i, "selectors"),
		    "is required and must be a non-empty list");
	else
		json_array_foreach(sel, k, s)
			if (!json_is_string(s) ||
			    !selector_ok(json_string_value(s))) {
				err(c, idx_path(p, sizeof(p), name, i,
				    "selectors"), "item %zu is not a selector",
				    k);
				break;
			}
	mr = json_object_get(g, "marking_ref");
	lang = json_object_get(g, "lang");
	if ((mr == NULL) == (lang == NULL))
		err(c, idx_path(p, sizeof(p), name, i, NULL),
		    "needs exactly one of marking_ref and lang");
	else if (mr != NULL)
		check_ref(c, idx_path(p, sizeof(p), name, i, "marking_ref"),
		    mr, "marking-definition");
	else if (!json_is_string(lang))
		err(c, idx_path(p, sizeof(p), name, i, "lang"),
		    "must be a string");
	else if (!ccs_stix_lang_ok(json_string_value(lang)))
		err(c, idx_path(p, sizeof(p), name, i, "lang"),
		    "'%.40s' is not an RFC 5646 language tag (en, fr-CA, "
		    "es-419)", json_string_value(lang));
}

static bool
ext_key_ok(const char *k)
{
	size_t n = strlen(k);
	char t[256];

	if (strncmp(k, "extension-definition--", 22) == 0)
		return uuid_ok(k + 22);
	if (n < 7 || n >= sizeof(t) || strcmp(k + n - 4, "-ext") != 0)
		return false;
	memcpy(t, k, n - 4);
	t[n - 4] = '\0';
	return ccs_stix_type_ok(t) && t[n - 5] != '-';
}

static void
check_ext(struct chk *c, const char *name, const json_t *v)
{
	char p[PATH_MAX_LEN];
	const char *k;
	const json_t *e, *et;
	int n;

	if (!json_is_object(v) || json_object_size(v) == 0) {
		err(c, name, "must be a non-empty object");
		return;
	}
	json_object_foreach((json_t *)v, k, e) {
		n = snprintf(p, sizeof(p), "%s.%s", name, k);
		if (n < 0 || (size_t)n >= sizeof(p))
			n = snprintf(p, sizeof(p), "%s", name);
		if (!ext_key_ok(k)) {
			err(c, name, "'%.80s' is neither a <name>-ext nor an "
			    "extension-definition id", k);
			continue;
		}
		if (!json_is_object(e)) {
			err(c, p, "must be an object");
			continue;
		}
		if (strncmp(k, "extension-definition--", 22) != 0)
			continue;
		et = json_object_get(e, "extension_type");
		if (!json_is_string(et) || !in_list("new-sdo|new-sco|new-sro|"
		    "property-extension|toplevel-property-extension",
		    json_string_value(et), strlen(json_string_value(et))))
			err(c, p, "extension_type must be new-sdo, new-sco, "
			    "new-sro, property-extension or "
			    "toplevel-property-extension");
	}
}

static void
check_prop(struct chk *c, const struct prop *p, const json_t *v)
{
	char path[PATH_MAX_LEN];
	const char *k;
	const json_t *e;
	size_t i;
	double d;

	switch (p->kind) {
	case PK_STR:
		if (!json_is_string(v))
			err(c, p->name, "must be a string");
		break;
	case PK_TS:
	case PK_TSMS:
		if (!json_is_string(v) || !ccs_stix_timestamp_ok(
		    json_string_value(v), p->kind == PK_TSMS))
			err(c, p->name, "must be an RFC 3339 UTC timestamp "
			    "(YYYY-MM-DDTHH:MM:SS%sZ)",
			    p->kind == PK_TSMS ? ".sss" : "[.s]");
		break;
	case PK_REF:
		check_ref(c, p->name, v, p->arg);
		break;
	case PK_REFS:
	case PK_STRS:
	case PK_ENUMS:
	case PK_KCP:
	case PK_EXTREFS:
	case PK_GRAN:
		if (!json_is_array(v) || json_array_size(v) == 0) {
			err(c, p->name, "must be a non-empty list");
			break;
		}
		json_array_foreach(v, i, e) {
			const char *ip = idx_path(path, sizeof(path), p->name,
			    i, NULL);

			if (p->kind == PK_REFS)
				check_ref(c, ip, e, p->arg);
			else if (p->kind == PK_EXTREFS)
				check_extref(c, p->name, i, e);
			else if (p->kind == PK_GRAN)
				check_gran(c, p->name, i, e);
			else if (p->kind == PK_KCP) {
				if (!json_is_object(e) || !json_is_string(
				    json_object_get(e, "kill_chain_name")) ||
				    !json_is_string(json_object_get(e,
				    "phase_name")))
					err(c, ip, "needs kill_chain_name and "
					    "phase_name strings");
			} else if (!json_is_string(e))
				err(c, ip, "must be a string");
			else if (p->kind == PK_ENUMS && !in_list(p->arg,
			    json_string_value(e), json_string_length(e)))
				err(c, ip, "must be one of %s", p->arg);
		}
		break;
	case PK_INT:
		if (!json_is_integer(v))
			err(c, p->name, "must be an integer");
		else if ((double)json_integer_value(v) < p->min ||
		    (double)json_integer_value(v) > p->max)
			err(c, p->name, "must be between %.0f and %.0f",
			    p->min, p->max);
		break;
	case PK_NUM:
		if (!json_is_number(v)) {
			err(c, p->name, "must be a number");
			break;
		}
		d = json_number_value(v);
		if (d < p->min || d > p->max)
			err(c, p->name, "must be between %g and %g", p->min,
			    p->max);
		break;
	case PK_BOOL:
		if (!json_is_boolean(v))
			err(c, p->name, "must be true or false");
		break;
	case PK_ENUM:
		if (!json_is_string(v) || !in_list(p->arg,
		    json_string_value(v), json_string_length(v)))
			err(c, p->name, "must be one of %s", p->arg);
		break;
	case PK_DICT:
		if (!json_is_object(v) || json_object_size(v) == 0)
			err(c, p->name, "must be a non-empty object");
		break;
	case PK_HASHES:
		if (!json_is_object(v) || json_object_size(v) == 0) {
			err(c, p->name, "must be a non-empty object");
			break;
		}
		json_object_foreach((json_t *)v, k, e)
			if (!json_is_string(e) || json_string_length(e) == 0) {
				err(c, p->name, "hash '%.40s' must be a "
				    "non-empty string", k);
				break;
			}
		break;
	case PK_EXT:
		check_ext(c, p->name, v);
		break;
	case PK_LANG:
		if (!json_is_string(v))
			err(c, p->name, "must be a string");
		else if (!ccs_stix_lang_ok(json_string_value(v)))
			err(c, p->name, "'%.40s' is not an RFC 5646 language "
			    "tag (en, fr-CA, es-419)", json_string_value(v));
		break;
	}
}

static bool
defined(const struct prop *props, const char *name)
{
	const struct prop *p;

	for (p = props; p != NULL && p->name != NULL; p++)
		if (strcmp(p->name, name) == 0)
			return true;
	return false;
}

/*
 * The rules for a property the tables do not define (a custom property,
 * or one of an extension): its name is 3 to 250 of a-z, 0-9 and '_'
 * (STIX 2.1 sections 3.1 and 11.1), and its value is not an empty list
 * (the specification's list type: empty lists are prohibited; the OASIS
 * schemas' properties.json says minItems 1). @p at is the path of
 * the property. Lists nested inside a custom property's own value are
 * its producer's structure, not STIX properties, and are left alone.
 */
static void
check_custom(struct chk *c, const char *at, const char *name,
    const json_t *v)
{
	if (!ccs_stix_prop_name_ok(name, strlen(name)))
		err(c, at, "'%.40s%s' is not a STIX property name (3 to 250 of "
		    "a-z, 0-9 and _)", name, strlen(name) > 40 ? "..." : "");
	else if (json_is_array(v) && json_array_size(v) == 0)
		err(c, at, "must not be an empty list (STIX 2.1 forbids "
		    "them; leave the property out)");
}

/* Every property name of @p obj; and those of its extensions. */
static void
check_names(struct chk *c, const json_t *obj, const struct prop *common,
    const struct prop *own)
{
	char p[PATH_MAX_LEN];
	const json_t *v, *ext, *e;
	const char *k, *ek;
	int n;

	json_object_foreach((json_t *)obj, k, v) {
		if (ccs_stix_prop_reserved(k)) {
			err(c, k, "is a reserved property name in STIX 2.1");
			continue;
		}
		if (strcmp(k, "type") == 0 || strcmp(k, "id") == 0 ||
		    defined(common, k) || defined(own, k))
			continue;
		check_custom(c, k, k, v);
	}
	ext = json_object_get(obj, "extensions");
	if (!json_is_object(ext))
		return;
	json_object_foreach((json_t *)ext, ek, e) {
		if (!json_is_object(e))
			continue;	/* said by check_ext */
		json_object_foreach((json_t *)e, k, v) {
			n = snprintf(p, sizeof(p), "extensions.%s.%s", ek, k);
			if (n < 0 || (size_t)n >= sizeof(p))
				n = snprintf(p, sizeof(p), "extensions");
			check_custom(c, p, k, v);
		}
	}
}

static void
check_props(struct chk *c, const json_t *obj, const struct prop *props)
{
	const struct prop *p;
	const json_t *v;

	for (p = props; p->name != NULL; p++) {
		v = json_object_get(obj, p->name);
		if (v == NULL) {
			if (p->req)
				err(c, p->name, "is required");
			continue;
		}
		check_prop(c, p, v);
	}
}

/* A valid timestamp property, or NULL (its error is reported already). */
static const char *
ts_of(const json_t *obj, const char *name)
{
	const char *s = json_string_value(json_object_get(obj, name));

	return ccs_stix_timestamp_ok(s, false) ? s : NULL;
}

/* Reports @p later < @p earlier (or <= when @p strict). */
static void
order(struct chk *c, const json_t *obj, const char *earlier,
    const char *later, bool strict)
{
	const char *a = ts_of(obj, earlier), *b = ts_of(obj, later);
	int r;

	if (a == NULL || b == NULL)
		return;
	r = ccs_stix_timestamp_cmp(b, a);
	if (r < 0 || (strict && r == 0))
		err(c, later, "must be %s %s", strict ? "later than" :
		    "the same as or later than", earlier);
}

static void
x_seen(struct chk *c, const json_t *o)
{
	order(c, o, "first_seen", "last_seen", false);
}

static void
x_indicator(struct chk *c, const json_t *o)
{
	const char *pt = json_string_value(json_object_get(o, "pattern_type"));
	const char *pat = json_string_value(json_object_get(o, "pattern"));
	struct ccs_stix_pattern *sp = NULL;
	struct ccs_fail f;
	int rc;

	order(c, o, "valid_from", "valid_until", true);
	if (pt == NULL || pat == NULL || strcmp(pt, "stix") != 0)
		return;
	rc = ccs_stix_pattern_parse(pat, &sp, &f);
	if (rc == CCS_ENOMEM)
		c->rc = CCS_ENOMEM;
	else if (rc != CCS_OK)
		err(c, "pattern", "%s", f.message);
	ccs_stix_pattern_free(sp);
}

/* The keys of contents are the languages of the translations. */
static void
x_language_content(struct chk *c, const json_t *o)
{
	const json_t *contents = json_object_get(o, "contents"), *v;
	char p[PATH_MAX_LEN];
	const char *k;
	int n;

	if (!json_is_object(contents))
		return;
	json_object_foreach((json_t *)contents, k, v) {
		(void)v;
		if (ccs_stix_lang_ok(k))
			continue;
		n = snprintf(p, sizeof(p), "contents.%s", k);
		err(c, n > 0 && (size_t)n < sizeof(p) ? p : "contents",
		    "'%.40s' is not an RFC 5646 language tag", k);
	}
}

static void
x_malware(struct chk *c, const json_t *o)
{
	if (json_is_true(json_object_get(o, "is_family")) &&
	    json_object_get(o, "name") == NULL)
		err(c, "name", "is required when is_family is true");
	x_seen(c, o);
}

static void
x_relationship(struct chk *c, const json_t *o)
{
	const json_t *rt = json_object_get(o, "relationship_type");
	const char *s;

	if (json_is_string(rt)) {
		s = json_string_value(rt);
		if (s[0] == '\0' || s[strspn(s,
		    "abcdefghijklmnopqrstuvwxyz0123456789-")] != '\0')
			err(c, "relationship_type", "must be lower-case "
			    "letters, digits and hyphens");
	}
	order(c, o, "start_time", "stop_time", true);
}

static void
x_observed(struct chk *c, const json_t *o)
{
	bool objs = json_object_get(o, "objects") != NULL;
	bool refs = json_object_get(o, "object_refs") != NULL;

	if (objs == refs)
		err(c, NULL, "needs exactly one of object_refs and objects");
	order(c, o, "first_observed", "last_observed", false);
}

static void
x_location(struct chk *c, const json_t *o)
{
	bool lat = json_object_get(o, "latitude") != NULL;
	bool lon = json_object_get(o, "longitude") != NULL;

	if (lat != lon)
		err(c, lat ? "longitude" : "latitude", "latitude and "
		    "longitude go together");
	if (json_object_get(o, "precision") != NULL && !(lat && lon))
		err(c, "precision", "needs latitude and longitude");
	if (!lat && !lon && json_object_get(o, "region") == NULL &&
	    json_object_get(o, "country") == NULL)
		err(c, NULL, "needs region, country or latitude and "
		    "longitude");
}

static void
x_malware_analysis(struct chk *c, const json_t *o)
{
	if (json_object_get(o, "result") == NULL &&
	    json_object_get(o, "analysis_sco_refs") == NULL)
		err(c, NULL, "needs result or analysis_sco_refs");
}

static void
x_file(struct chk *c, const json_t *o)
{
	if (json_object_get(o, "hashes") == NULL &&
	    json_object_get(o, "name") == NULL)
		err(c, NULL, "needs hashes or name");
}

static void
x_artifact(struct chk *c, const json_t *o)
{
	bool bin = json_object_get(o, "payload_bin") != NULL;
	bool url = json_object_get(o, "url") != NULL;

	if (bin && url)
		err(c, NULL, "has both payload_bin and url");
	if (url && json_object_get(o, "hashes") == NULL)
		err(c, "hashes", "is required with url");
}

static void
x_traffic(struct chk *c, const json_t *o)
{
	if (json_object_get(o, "src_ref") == NULL &&
	    json_object_get(o, "dst_ref") == NULL)
		err(c, NULL, "needs src_ref or dst_ref");
	order(c, o, "start", "end", false);
}

static void
x_sighting(struct chk *c, const json_t *o)
{
	x_seen(c, o);
}

/* The TLP 2.0 extension of marking definitions. */
#define TLP2_EXT	"extension-definition--60a3c5c5-0d10-413e-aab3-" \
			"9e08dde9e88d"

static const char *const tlp2_ids[CCS_TLP_NLEVELS] = {
	"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
	"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
	"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
	"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
	"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

static const struct {
	const char	*id;	/* TLP 1.0 marking-definition id */
	const char	*name;	/* its definition.tlp */
	enum ccs_tlp	 tlp;	/* read as */
} tlp1[] = {
	{ "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
	    "white", CCS_TLP_CLEAR },
	{ "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
	    "green", CCS_TLP_GREEN },
	{ "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
	    "amber", CCS_TLP_AMBER },
	{ "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
	    "red", CCS_TLP_RED },
};

static const char *const tlp2_names[CCS_TLP_NLEVELS] = {
	"clear", "green", "amber", "amber+strict", "red"
};

bool
ccs_stix_tlp_of_marking(const char *id, enum ccs_tlp *out)
{
	size_t i;

	if (id == NULL)
		return false;
	for (i = 0; i < CCS_TLP_NLEVELS; i++)
		if (strcasecmp(id, tlp2_ids[i]) == 0) {
			*out = (enum ccs_tlp)i;
			return true;
		}
	for (i = 0; i < sizeof(tlp1) / sizeof(tlp1[0]); i++)
		if (strcasecmp(id, tlp1[i].id) == 0) {
			*out = tlp1[i].tlp;
			return true;
		}
	return false;
}

const char *
ccs_stix_tlp_marking_id(enum ccs_tlp tlp)
{
	if ((unsigned)tlp >= CCS_TLP_NLEVELS)
		return NULL;
	return tlp2_ids[tlp];
}

json_t *
ccs_stix_tlp_marking_object(enum ccs_tlp tlp)
{
	char name[32];

	if ((unsigned)tlp >= CCS_TLP_NLEVELS)
		return NULL;
	if (ccs_snprintf(name, sizeof(name), "TLP:%s",
	    tlp == CCS_TLP_AMBER_STRICT ? "AMBER+STRICT" :
	    tlp == CCS_TLP_CLEAR ? "CLEAR" : tlp == CCS_TLP_GREEN ? "GREEN" :
	    tlp == CCS_TLP_AMBER ? "AMBER" : "RED") != CCS_OK)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:{s:s, s:s}}}",
	    "type", "marking-definition", "spec_version", "2.1",
	    "id", tlp2_ids[tlp], "created", "2022-10-01T00:00:00.000Z",
	    "name", name, "extensions", TLP2_EXT,
	    "extension_type", "property-extension",
	    "tlp_2_0", tlp2_names[tlp]);
}

static void
x_marking(struct chk *c, const json_t *o)
{
	const char *id = json_string_value(json_object_get(o, "id"));
	const char *dt;
	const json_t *def = json_object_get(o, "definition");
	const json_t *ext = json_object_get(o, "extensions");
	const json_t *t2;
	const char *lvl;
	enum ccs_tlp known;
	bool is_known = ccs_stix_tlp_of_marking(id, &known);
	size_t i;

	dt = json_string_value(json_object_get(o, "definition_type"));
	if (ext == NULL && (dt == NULL || def == NULL))
		err(c, NULL, "needs definition_type and definition (or "
		    "extensions)");
	if (dt != NULL && strcmp(dt, "tlp") == 0) {
		lvl = json_string_value(json_object_get(def, "tlp"));
		for (i = 0; i < sizeof(tlp1) / sizeof(tlp1[0]); i++)
			if (id != NULL && strcasecmp(id, tlp1[i].id) == 0)
				break;
		if (i == sizeof(tlp1) / sizeof(tlp1[0]))
			err(c, "id", "a TLP 1.0 marking must have one of the "
			    "four predefined ids");
		else if (lvl == NULL || strcmp(lvl, tlp1[i].name) != 0)
			err(c, "definition.tlp", "must be '%s' for this id",
			    tlp1[i].name);
	} else if (dt != NULL && strcmp(dt, "statement") == 0) {
		if (!json_is_string(json_object_get(def, "statement")))
			err(c, "definition.statement", "is required");
	}
	t2 = json_is_object(ext) ? json_object_get(ext, TLP2_EXT) : NULL;
	if (t2 == NULL)
		return;
	lvl = json_string_value(json_object_get(t2, "tlp_2_0"));
	for (i = 0; i < CCS_TLP_NLEVELS; i++)
		if (lvl != NULL && strcmp(lvl, tlp2_names[i]) == 0)
			break;
	if (i == CCS_TLP_NLEVELS)
		err(c, "extensions." TLP2_EXT ".tlp_2_0", "must be clear, "
		    "green, amber, amber+strict or red");
	else if (is_known && known != (enum ccs_tlp)i)
		err(c, "extensions." TLP2_EXT ".tlp_2_0", "'%s' does not "
		    "match the TLP 2.0 id of the object", lvl);
}

static const struct type_rule rules[] = {
	{ "attack-pattern", F_SDO, attack_pattern_props, NULL },
	{ "campaign", F_SDO, campaign_props, x_seen },
	{ "course-of-action", F_SDO, coa_props, NULL },
	{ "grouping", F_SDO, grouping_props, NULL },
	{ "identity", F_SDO, identity_props, NULL },
	{ "incident", F_SDO, incident_props, NULL },
	{ "indicator", F_SDO, indicator_props, x_indicator },
	{ "infrastructure", F_SDO, infrastructure_props, x_seen },
	{ "intrusion-set", F_SDO, intrusion_set_props, x_seen },
	{ "location", F_SDO, location_props, x_location },
	{ "malware", F_SDO, malware_props, x_malware },
	{ "malware-analysis", F_SDO, malware_analysis_props,
	    x_malware_analysis },
	{ "note", F_SDO, note_props, NULL },
	{ "observed-data", F_SDO, observed_data_props, x_observed },
	{ "opinion", F_SDO, opinion_props, NULL },
	{ "report", F_SDO, report_props, NULL },
	{ "threat-actor", F_SDO, threat_actor_props, x_seen },
	{ "tool", F_SDO, tool_props, NULL },
	{ "vulnerability", F_SDO, vulnerability_props, NULL },
	{ "relationship", F_SRO, relationship_props, x_relationship },
	{ "sighting", F_SRO, sighting_props, x_sighting },
	{ "marking-definition", F_MARKING, none_props, x_marking },
	{ "language-content", F_META, language_content_props,
	    x_language_content },
	{ "extension-definition", F_META, extension_definition_props, NULL },
	{ "artifact", F_SCO, artifact_props, x_artifact },
	{ "autonomous-system", F_SCO, as_props, NULL },
	{ "directory", F_SCO, directory_props, NULL },
	{ "domain-name", F_SCO, domain_props, NULL },
	{ "email-addr", F_SCO, email_addr_props, NULL },
	{ "email-message", F_SCO, email_message_props, NULL },
	{ "file", F_SCO, file_props, x_file },
	{ "ipv4-addr", F_SCO, ipv4_props, NULL },
	{ "ipv6-addr", F_SCO, ipv6_props, NULL },
	{ "mac-addr", F_SCO, value_props, NULL },
	{ "mutex", F_SCO, name_props, NULL },
	{ "network-traffic", F_SCO, network_traffic_props, x_traffic },
	{ "process", F_SCO, none_props, NULL },
	{ "software", F_SCO, name_props, NULL },
	{ "url", F_SCO, value_props, NULL },
	{ "user-account", F_SCO, none_props, NULL },
	{ "windows-registry-key", F_SCO, none_props, NULL },
	{ "x509-certificate", F_SCO, none_props, NULL },
	/* ccscap's custom SCOs, as OpenCTI spells them. */
	{ "cryptocurrency-wallet", F_SCO, value_props, NULL },
	{ "phone-number", F_SCO, value_props, NULL },
	{ "bank-account", F_SCO, bank_account_props, NULL },
};

static const struct type_rule *
rule_of(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i].type, type) == 0)
			return &rules[i];
	return NULL;
}

int
ccs_stix_check(const json_t *obj, const char *path_prefix,
    struct ccs_errlist *errs)
{
	struct chk c = { errs, path_prefix, CCS_OK };
	const struct prop *common;
	const struct type_rule *r;
	const json_t *tv, *sv, *iv;
	const char *type, *id, *sep;
	bool sco;

	if (!json_is_object(obj)) {
		err(&c, NULL, "must be an object");
		goto out;
	}
	tv = json_object_get(obj, "type");
	if (!json_is_string(tv)) {
		err(&c, "type", "is required and must be a string");
		goto out;
	}
	type = json_string_value(tv);
	if (!ccs_stix_type_ok(type)) {
		err(&c, "type", "'%.80s' is not a STIX type name (3 to 250 "
		    "of a-z, 0-9 and single hyphens)", type);
		goto out;
	}
	r = rule_of(type);
	iv = json_object_get(obj, "id");
	if (!json_is_string(iv))
		err(&c, "id", "is required and must be a string");
	else {
		id = json_string_value(iv);
		sep = strstr(id, "--");
		if (!ccs_stix_id_ok(id, NULL))
			err(&c, "id", "'%.80s' is not <type>--<uuid>", id);
		else if (strncmp(id, type, (size_t)(sep - id)) != 0 ||
		    type[sep - id] != '\0')
			err(&c, "id", "type prefix '%.*s' does not match "
			    "type '%s'", (int)(sep - id), id, type);
	}
	sco = r != NULL && r->fam == F_SCO;
	common = r == NULL ? custom_props : sco ? sco_props :
	    r->fam == F_MARKING ? marking_props : core_props;
	check_props(&c, obj, common);
	check_names(&c, obj, common, r != NULL ? r->props : NULL);
	sv = json_object_get(obj, "spec_version");
	if (json_is_string(sv) && strcmp(json_string_value(sv), "2.1") != 0)
		err(&c, "spec_version", "must be \"2.1\", not \"%.20s\"",
		    json_string_value(sv));
	if (r == NULL || r->fam != F_MARKING)
		order(&c, obj, "created", "modified", false);
	if (r != NULL) {
		check_props(&c, obj, r->props);
		if (r->extra != NULL)
			r->extra(&c, obj);
	}
out:
	return c.rc;
}
