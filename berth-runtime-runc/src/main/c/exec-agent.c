/*
 * berth's exec agent: runs inside one container and starts that container's `docker exec`
 * processes, so that an exec costs a fork and an execve instead of a whole `runc exec`.
 *
 * The daemon starts it once per container through `runc exec`, so it holds exactly the isolation
 * runc gives an exec'd process (namespaces, cgroup, capabilities, seccomp filter, no_new_privs,
 * rlimits, AppArmor): every process it forks inherits that and can gain nothing more. It runs as
 * the container's root; a child drops to the requested user with setgroups/setgid/setuid, which
 * clears its capabilities just as execve under runc does for a non-root user.
 *
 * Descriptors it is started with:
 *   3  the sealed memfd this binary was executed from (closed at once)
 *   4  the control socket, a SOCK_SEQPACKET socketpair end whose peer is the daemon
 *
 * Protocol (all integers little-endian u32 unless said otherwise; one request or reply per message):
 *   daemon -> agent  request: magic "BEX1", seq, uid, gid, ngroups, groups[ngroups], argc, envc,
 *                    then strings (u32 length + bytes, no NUL): cwd, argv[argc], env[envc];
 *                    exactly three descriptors ride along as SCM_RIGHTS: stdin, stdout, stderr.
 *   agent -> daemon  replies of 16 bytes: type, seq, value (i32), 0.
 *                    HELLO   (1, 0, pid in the container)  once, at start
 *                    STARTED (2, seq, pid in the container)
 *                    EXITED  (3, seq, wait status)
 *                    REFUSED (4, seq, 0)                   a request it could not parse or fork for
 * The agent exits when the daemon closes its end, once the processes it started have ended.
 * The daemon treats everything the agent says as untrusted input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SELF_FD 3
#define CTL_FD 4
#define MAX_REQUEST (256 * 1024)
#define MAX_GROUPS 256
#define MAX_STRINGS 8192
#define MAGIC 0x31584542u /* "BEX1" read as little-endian */

enum { HELLO = 1, STARTED = 2, EXITED = 3, REFUSED = 4 };

struct request {
    uint32_t seq, uid, gid, ngroups;
    gid_t groups[MAX_GROUPS];
    char *cwd;
    char **argv; /* NULL-terminated */
    char **envp; /* NULL-terminated */
};

struct child {
    pid_t pid;
    uint32_t seq;
};

static struct child *children;
static size_t nchildren, capchildren;
static sigset_t original_mask;

static void reply(uint32_t type, uint32_t seq, int32_t value) {
    uint32_t msg[4] = {type, seq, (uint32_t)value, 0};
    while (send(CTL_FD, msg, sizeof msg, MSG_NOSIGNAL) < 0 && errno == EINTR) {
    }
}

/* ------------------------------------------------------------------ request parsing */

struct reader {
    const unsigned char *p, *end;
    int bad;
};

static uint32_t u32(struct reader *r) {
    if (r->bad || r->end - r->p < 4) {
        r->bad = 1;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

/* A string copied out NUL-terminated; NULL (and r->bad) when it overruns or holds a NUL. */
static char *str(struct reader *r) {
    uint32_t n = u32(r);
    if (r->bad || (size_t)(r->end - r->p) < n || memchr(r->p, 0, n) != NULL) {
        r->bad = 1;
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (s == NULL) {
        r->bad = 1;
        return NULL;
    }
    memcpy(s, r->p, n);
    s[n] = 0;
    r->p += n;
    return s;
}

static char **strings(struct reader *r, uint32_t count) {
    char **v = calloc((size_t)count + 1, sizeof *v);
    if (v == NULL) {
        r->bad = 1;
        return NULL;
    }
    for (uint32_t i = 0; i < count && !r->bad; i++) {
        v[i] = str(r);
    }
    return v;
}

static void free_strings(char **v) {
    if (v != NULL) {
        for (char **s = v; *s != NULL; s++) {
            free(*s);
        }
        free(v);
    }
}

static void free_request(struct request *q) {
    free(q->cwd);
    free_strings(q->argv);
    free_strings(q->envp);
}

/* Returns 0 when the request is well-formed; any error leaves q safe to free. */
static int parse(const unsigned char *buf, size_t len, struct request *q) {
    struct reader r = {buf, buf + len, 0};
    memset(q, 0, sizeof *q);
    if (u32(&r) != MAGIC) {
        return -1;
    }
    q->seq = u32(&r);
    q->uid = u32(&r);
    q->gid = u32(&r);
    q->ngroups = u32(&r);
    if (r.bad || q->ngroups > MAX_GROUPS) {
        return -1;
    }
    for (uint32_t i = 0; i < q->ngroups; i++) {
        q->groups[i] = u32(&r);
    }
    uint32_t argc = u32(&r), envc = u32(&r);
    if (r.bad || argc == 0 || argc > MAX_STRINGS || envc > MAX_STRINGS) {
        return -1;
    }
    q->cwd = str(&r);
    q->argv = strings(&r, argc);
    q->envp = strings(&r, envc);
    return r.bad || r.p != r.end ? -1 : 0;
}

/* ------------------------------------------------------------------ the child */

static const char *getenv_in(char **envp, const char *name) {
    size_t n = strlen(name);
    for (char **e = envp; *e != NULL; e++) {
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') {
            return *e + n + 1;
        }
    }
    return NULL;
}

static int executable_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && !S_ISDIR(st.st_mode) && (st.st_mode & 0111) != 0;
}

/* strerror's text as Go prints it (runc is Go): lower-case first letter. */
static const char *errtext(int e) {
    static char text[256];
    snprintf(text, sizeof text, "%s", strerror(e));
    if (text[0] >= 'A' && text[0] <= 'Z') {
        text[0] = (char)(text[0] - 'A' + 'a');
    }
    return text;
}

/* The errors below carry runc's text, so a failed exec reads the same whichever way it ran. */
_Noreturn __attribute__((format(printf, 2, 3))) static void fail(int code, const char *fmt, ...) {
    char text[8192];
    va_list args;
    va_start(args, fmt);
    vsnprintf(text, sizeof text, fmt, args);
    va_end(args);
    dprintf(2, "exec failed: unable to start container process: %s\n", text);
    _exit(code);
}

/* Go's exec.LookPath, as runc uses it: a name with a slash is taken as is; otherwise each PATH entry. */
_Noreturn static void exec_command(struct request *q) {
    const char *name = q->argv[0];
    if (strchr(name, '/') != NULL) {
        struct stat st;
        if (stat(name, &st) != 0) {
            int e = errno;
            fail(e == ENOENT ? 127 : 126, "exec: \"%s\": stat %s: %s", name, name, errtext(e));
        }
        if (S_ISDIR(st.st_mode) || (st.st_mode & 0111) == 0) {
            fail(126, "exec: \"%s\": permission denied", name);
        }
        execve(name, q->argv, q->envp);
        int e = errno;
        fail(e == ENOENT ? 127 : 126, "exec %s: %s", name, errtext(e));
    }
    const char *path = getenv_in(q->envp, "PATH");
    char candidate[4096];
    while (path != NULL && name[0] != 0) {
        const char *colon = strchr(path, ':');
        size_t dirlen = colon == NULL ? strlen(path) : (size_t)(colon - path);
        int n = dirlen == 0 ? snprintf(candidate, sizeof candidate, "./%s", name)
                            : snprintf(candidate, sizeof candidate, "%.*s/%s", (int)dirlen, path, name);
        if (n > 0 && (size_t)n < sizeof candidate && executable_file(candidate)) {
            execve(candidate, q->argv, q->envp);
            int e = errno;
            fail(e == ENOENT ? 127 : 126, "exec %s: %s", candidate, errtext(e));
        }
        path = colon == NULL ? NULL : colon + 1;
    }
    fail(127, "exec: \"%s\": executable file not found in $PATH", name);
}

/* runc hands the process its stdio owned by the user it becomes, but never a character device. */
static void own_stdio(uid_t uid, gid_t gid) {
    for (int fd = 0; fd < 3; fd++) {
        struct stat st;
        if (fstat(fd, &st) == 0 && !S_ISCHR(st.st_mode) && st.st_uid != uid) {
            (void)fchown(fd, uid, gid);
        }
    }
}

static void close_from(int lowest) {
    if (syscall(SYS_close_range, (unsigned)lowest, ~0u, 0) == 0) {
        return;
    }
    long max = sysconf(_SC_OPEN_MAX);
    for (long fd = lowest; fd < (max > 0 ? max : 65536); fd++) {
        close((int)fd);
    }
}

_Noreturn static void run_child(struct request *q, const int fds[3]) {
    sigprocmask(SIG_SETMASK, &original_mask, NULL);
    for (int i = 0; i < 3; i++) {
        if (dup2(fds[i], i) < 0) {
            _exit(126);
        }
    }
    close_from(3);
    int chdir_failed = q->cwd[0] != 0 && chdir(q->cwd) != 0 ? errno : 0;
    if (chdir_failed != 0 && chdir_failed != EACCES && chdir_failed != EPERM) {
        fail(chdir_failed == ENOENT ? 127 : 126, "chdir to cwd (\"%s\") set in config.json failed: %s", q->cwd,
             errtext(chdir_failed));
    }
    own_stdio(q->uid, q->gid);
    if (setgroups(q->ngroups, q->groups) != 0) {
        fail(126, "setgroups: %s", errtext(errno));
    }
    if (setgid(q->gid) != 0) {
        fail(126, "setgid: %s", errtext(errno));
    }
    if (setuid(q->uid) != 0) {
        fail(126, "setuid: %s", errtext(errno));
    }
    if (chdir_failed != 0 && chdir(q->cwd) != 0) {
        int e = errno;
        fail(e == ENOENT ? 127 : 126, "chdir to cwd (\"%s\") set in config.json failed: %s", q->cwd, errtext(e));
    }
    exec_command(q);
}

/* ------------------------------------------------------------------ the loop */

static void remember(pid_t pid, uint32_t seq) {
    if (nchildren == capchildren) {
        size_t cap = capchildren == 0 ? 16 : capchildren * 2;
        struct child *grown = realloc(children, cap * sizeof *grown);
        if (grown == NULL) {
            return; /* its exit goes unreported; the daemon sees the pipes close */
        }
        children = grown;
        capchildren = cap;
    }
    children[nchildren++] = (struct child){pid, seq};
}

static void reap(void) {
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (size_t i = 0; i < nchildren; i++) {
            if (children[i].pid == pid) {
                reply(EXITED, children[i].seq, status);
                children[i] = children[--nchildren];
                break;
            }
        }
    }
}

static void handle_request(unsigned char *buf) {
    struct iovec iov = {buf, MAX_REQUEST};
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(int) * 3)];
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space,
                         .msg_controllen = sizeof control.space};
    ssize_t n = recvmsg(CTL_FD, &msg, MSG_CMSG_CLOEXEC);
    if (n <= 0) {
        if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
            /* the daemon went away: take no more requests, wait for what runs */
            while (nchildren > 0) {
                int status;
                pid_t pid = waitpid(-1, &status, 0);
                if (pid < 0 && errno != EINTR) {
                    break;
                }
                for (size_t i = 0; pid > 0 && i < nchildren; i++) {
                    if (children[i].pid == pid) {
                        children[i] = children[--nchildren];
                        break;
                    }
                }
            }
            _exit(0);
        }
        return;
    }
    int fds[3] = {-1, -1, -1};
    int nfds = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            int count = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < count; i++) {
                int fd;
                memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
                if (nfds < 3) {
                    fds[nfds++] = fd;
                } else {
                    close(fd);
                }
            }
        }
    }
    struct request q;
    memset(&q, 0, sizeof q);
    int ok = (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) == 0 && nfds == 3 && parse(buf, (size_t)n, &q) == 0;
    if (!ok) {
        reply(REFUSED, n >= 8 ? (uint32_t)buf[4] | (uint32_t)buf[5] << 8 | (uint32_t)buf[6] << 16 | (uint32_t)buf[7] << 24 : 0, 0);
    } else {
        pid_t pid = fork();
        if (pid == 0) {
            run_child(&q, fds);
        }
        if (pid < 0) {
            reply(REFUSED, q.seq, 0);
        } else {
            remember(pid, q.seq);
            reply(STARTED, q.seq, pid);
        }
    }
    free_request(&q);
    for (int i = 0; i < nfds; i++) {
        close(fds[i]);
    }
}

int main(void) {
    close(SELF_FD);
    struct stat st;
    if (fstat(CTL_FD, &st) != 0 || !S_ISSOCK(st.st_mode)) {
        return 1;
    }
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &original_mask);
    sigset_t child_mask = original_mask;
    sigdelset(&child_mask, SIGCHLD);
    original_mask = child_mask;
    int sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0) {
        return 1;
    }
    if (fcntl(CTL_FD, F_SETFD, FD_CLOEXEC) != 0) {
        return 1;
    }
    unsigned char *buf = malloc(MAX_REQUEST);
    if (buf == NULL) {
        return 1;
    }
    reply(HELLO, 0, getpid());
    for (;;) {
        struct pollfd p[2] = {{CTL_FD, POLLIN, 0}, {sfd, POLLIN, 0}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return 1;
        }
        if (p[1].revents & POLLIN) {
            struct signalfd_siginfo info;
            while (read(sfd, &info, sizeof info) == sizeof info) {
            }
            reap();
        }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            handle_request(buf);
        }
    }
}
