/*
 * ind_impl.h: what the indicator files (indicator.c, ind_*.c) share; not
 * an interface for the rest of ccscap, which includes indicator.h.
 * Every string argument here is a pointer and a length: the parsers never
 * read past it and never need a NUL.
 */
#ifndef CCS_IND_IMPL_H
#define CCS_IND_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/indicator/indicator.h"
#include "util/fail.h"

#define CCS_IND_FAIL_CODE	"invalid_indicator"

/* A bounded writer over a caller's buffer: writes past cap are dropped
 * and remembered, so callers check once at the end. */
struct ccs_ind_wr {
	char	*p;	/* buffer, NUL-terminated while cap > 0 */
	size_t	 cap;	/* bytes in p */
	size_t	 len;	/* bytes written, excluding the NUL */
	bool	 over;	/* something did not fit */
};

void	ccs_ind_wr_init(struct ccs_ind_wr *w, char *p, size_t cap);
void	ccs_ind_wr_c(struct ccs_ind_wr *w, char c);
void	ccs_ind_wr_n(struct ccs_ind_wr *w, const char *s, size_t n);
void	ccs_ind_wr_s(struct ccs_ind_wr *w, const char *s);
/* Cuts the written text back to @p len bytes (len <= w->len). */
void	ccs_ind_wr_cut(struct ccs_ind_wr *w, size_t len);

/* ccs_fail(f, CCS_EINVAL, "invalid_indicator", ...). */
int	ccs_ind_bad(struct ccs_fail *f, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

char	ccs_ind_lower(char c);
int	ccs_ind_hexval(char c);		/* 0..15, or -1 */
bool	ccs_ind_all_digits(const char *s, size_t n);

/* Addresses: a is 4 bytes for IPv4, 16 for IPv6, network byte order. */
struct ccs_ind_net {
	int		 family;	/* 4 or 6 */
	uint8_t		 a[16];		/* address */
	unsigned	 prefix;	/* 0..32 or 0..128; 32/128 for hosts */
};

/* Strict dotted quad: four decimal octets, no leading zeros. */
bool	ccs_ind_ip4_parse(const char *s, size_t n, uint8_t a[4]);
/* The WHATWG URL host parser's IPv4 forms (0x7f.1, 2130706433, 017.1).
 * @return 1 parsed, 0 not numeric (a domain name), -1 numeric but
 * invalid. */
int	ccs_ind_ip4_whatwg(const char *s, size_t n, uint8_t a[4]);
/* Any inet_pton IPv6 text, no zone, no brackets. */
bool	ccs_ind_ip6_parse(const char *s, size_t n, uint8_t a[16]);
/* Canonical text of an address (RFC 5952 for IPv6) into @p w. */
void	ccs_ind_ip_format(struct ccs_ind_wr *w, int family, const uint8_t *a);
/* "addr" (prefix 32/128) or "addr/len" of either family, any spelling.
 * @p host_ok: whether a bare address is accepted. */
bool	ccs_ind_net_parse(const char *s, size_t n, bool host_ok,
	    struct ccs_ind_net *out);
/* Clears the bits of @p a (of @p bytes) after the first @p prefix. */
void	ccs_ind_mask(uint8_t *a, size_t bytes, unsigned prefix);
/* True when the first @p prefix bits of @p a and @p b are equal. */
bool	ccs_ind_prefix_eq(const uint8_t *a, const uint8_t *b, unsigned prefix);
/* True when @p a (16 bytes) is in ::ffff:0:0/96. */
bool	ccs_ind_ip6_mapped(const uint8_t *a);

int	ccs_ind_norm_ip(enum ccs_ind_type t, const char *s, size_t n,
	    struct ccs_ind_wr *w, unsigned *notes, struct ccs_fail *f);
/* A domain name (IDN allowed) to lower-case ASCII in @p name (at least
 * CCS_IND_DOMAIN_MAX bytes, no NUL written), trailing dot dropped, not
 * yet checked. */
int	ccs_ind_domain_ascii(const char *s, size_t n, char *name, size_t *len,
	    struct ccs_fail *f);
/* Checks an ASCII lower-case name: LDH labels, lengths, not numeric. */
int	ccs_ind_domain_check(const char *s, size_t n, struct ccs_fail *f);
/* A domain name (IDN allowed) to its canonical A-label form. */
int	ccs_ind_norm_domain(const char *s, size_t n, struct ccs_ind_wr *w,
	    struct ccs_fail *f);
int	ccs_ind_norm_url(const char *s, size_t n, struct ccs_ind_wr *w,
	    unsigned *notes, struct ccs_fail *f);
int	ccs_ind_norm_hash(enum ccs_ind_type t, const char *s, size_t n,
	    struct ccs_ind_wr *w, struct ccs_fail *f);
int	ccs_ind_norm_btc(const char *s, size_t n, struct ccs_ind_wr *w,
	    struct ccs_fail *f);
int	ccs_ind_norm_eth(const char *s, size_t n, struct ccs_ind_wr *w,
	    struct ccs_fail *f);
int	ccs_ind_norm_phone(const char *s, size_t n, struct ccs_ind_wr *w,
	    unsigned *notes, struct ccs_fail *f);
int	ccs_ind_norm_iban(const char *s, size_t n, struct ccs_ind_wr *w,
	    struct ccs_fail *f);

#endif
