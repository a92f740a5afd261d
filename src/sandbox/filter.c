/*
 * filter.c: the seccomp allow-list of a serving process (libseccomp).
 * Any other system call kills the process (SCMP_ACT_KILL_PROCESS): there
 * is no execve, fork, ptrace, mount, module or key call, and clone only
 * makes threads (CLONE_THREAD). clone3 answers ENOSYS, as its flags sit
 * in memory a filter cannot read; glibc then uses clone. ioctl and prctl
 * take only the requests glibc and the libraries make while serving.
 *
 * The list is what serving does: the HTTP workers (epoll, accept4,
 * eventfd), SQLite and libpq (files, locks, sockets), the delivery worker
 * (libcurl: DNS, TCP, TLS to webhooks and SMTP), charts and PDFs
 * (fontconfig reads its cache, cairo, pango), evidence files, and the
 * thread and memory calls under all of them. Sanitizer builds also allow
 * what LeakSanitizer's check at exit does (a tracer task, ptrace).
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <termios.h>

#include <seccomp.h>

#include "sandbox/sandbox.h"
#include "util/err.h"
#include "util/str.h"

#if defined(__SANITIZE_ADDRESS__)
#define CCS_SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CCS_SANITIZED	1
#endif
#endif

/* Allowed with any arguments. */
static const char *const allowed[] = {
	/* memory */
	"brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "mlock",
	"munlock", "mincore", "membarrier",
	/* threads, signals, time */
	"futex", "set_robust_list", "get_robust_list", "rseq",
	"set_tid_address", "sched_yield", "sched_getaffinity", "exit",
	"exit_group", "gettid", "getpid", "getppid", "tgkill",
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigtimedwait",
	"sigaltstack", "restart_syscall", "clock_gettime", "clock_getres",
	"clock_nanosleep", "nanosleep", "gettimeofday", "time",
	"getrandom", "uname", "sysinfo", "getrusage", "prlimit64",
	"getrlimit", "getuid", "geteuid", "getgid", "getegid", "getgroups",
	"umask",
	/* files */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv",
	"pwritev", "openat", "open", "close", "fstat", "newfstatat", "stat",
	"lstat", "statx", "statfs", "fstatfs", "lseek", "fcntl", "fsync",
	"fdatasync", "ftruncate", "getdents64", "mkdir", "mkdirat",
	"rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir",
	"access", "faccessat", "faccessat2", "readlink", "readlinkat",
	"fchmod", "fadvise64", "flock", "getcwd", "dup", "dup2", "dup3",
	"getdents",
	"pipe", "pipe2", "eventfd2", "utimensat", "sendfile",
	/* sockets and polling */
	"socket", "socketpair", "connect", "accept", "accept4", "bind",
	"listen", "getsockname", "getpeername", "setsockopt", "getsockopt",
	"shutdown", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
	"recvmmsg", "poll", "ppoll", "select", "pselect6", "epoll_create",
	"epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
	NULL
};

#ifdef CCS_SANITIZED
/* LeakSanitizer at exit: a tracer task stops the threads with ptrace. */
static const char *const sanitizer[] = {
	"clone", "ptrace", "wait4", "prctl", "sched_setaffinity", "kill",
	"ioctl", "sched_getparam", "sched_getscheduler", "setsid",
	NULL
};
#endif

static int
add(scmp_filter_ctx ctx, const char *name, unsigned n,
    const struct scmp_arg_cmp *cmp)
{
	int nr = seccomp_syscall_resolve_name(name);

	/* a call this architecture does not have needs no rule */
	if (nr == __NR_SCMP_ERROR)
		return 0;
	return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, n, cmp);
}

#ifndef CCS_SANITIZED
/* clone only for threads; ioctl and prctl only for these requests */
static int
add_narrow(scmp_filter_ctx ctx)
{
	/* spelled out: the SCMP_A* macros leave fields out, which clang's
	 * -Wmissing-field-initializers refuses */
	const struct scmp_arg_cmp thread = { .arg = 0, .op =
	    SCMP_CMP_MASKED_EQ, .datum_a = CLONE_THREAD, .datum_b =
	    CLONE_THREAD };
	static const unsigned long ioctls[] = { TCGETS, FIONREAD, FIONBIO };
	static const int prctls[] = { PR_SET_NAME, PR_GET_NAME,
	    PR_GET_DUMPABLE, PR_SET_VMA };
	struct scmp_arg_cmp one;
	size_t i;
	int rc;

	rc = add(ctx, "clone", 1, &thread);
	for (i = 0; i < sizeof(ioctls) / sizeof(ioctls[0]) && rc == 0; i++) {
		one = (struct scmp_arg_cmp){ .arg = 1, .op = SCMP_CMP_EQ,
		    .datum_a = ioctls[i], .datum_b = 0 };
		rc = add(ctx, "ioctl", 1, &one);
	}
	for (i = 0; i < sizeof(prctls) / sizeof(prctls[0]) && rc == 0; i++) {
		one = (struct scmp_arg_cmp){ .arg = 0, .op = SCMP_CMP_EQ,
		    .datum_a = (scmp_datum_t)prctls[i], .datum_b = 0 };
		rc = add(ctx, "prctl", 1, &one);
	}
	return rc;
}
#endif

static int
add_rules(scmp_filter_ctx ctx)
{
	size_t i;
	int rc = 0;

	for (i = 0; allowed[i] != NULL && rc == 0; i++)
		rc = add(ctx, allowed[i], 0, NULL);
#ifdef CCS_SANITIZED
	for (i = 0; sanitizer[i] != NULL && rc == 0; i++)
		rc = add(ctx, sanitizer[i], 0, NULL);
#else
	if (rc == 0)
		rc = add_narrow(ctx);
#endif
	if (rc == 0)
		rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
		    SCMP_SYS(clone3), 0);
	return rc;
}

int
ccs_seccomp_apply(char *err, size_t errlen)
{
	scmp_filter_ctx ctx;
	int rc;

	ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
	if (ctx == NULL) {
		(void)ccs_snprintf(err, errlen, "seccomp: cannot initialise");
		return CCS_ENOMEM;
	}
	/* no new privileges is libseccomp's default; said here to be sure */
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 1);
	if (rc == 0)
		rc = add_rules(ctx);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0) {
		(void)ccs_snprintf(err, errlen, "seccomp: cannot load the "
		    "filter: %s", strerror(-rc));
		return CCS_EIO;
	}
	return CCS_OK;
}
