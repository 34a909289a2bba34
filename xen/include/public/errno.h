/* SPDX-License-Identifier: MIT */
/*
 * Error numbers the hypervisor returns, negated, in rax. They equal
 * Linux's on x86. Two uses, as with Xen's header:
 *  - plain #include gives enum xen_errno { XEN_EPERM = 1, ... };
 *  - with XEN_ERRNO(name, value) defined by the includer, the header
 *    expands it once per error (to build name tables) and undefines it.
 * EINTR (4) and ERESTART (85) are hypervisor-internal and never reach a
 * guest, so they are not listed here.
 */
#ifndef XEN_ERRNO

#ifndef XENO_PUBLIC_ERRNO_H
#define XENO_PUBLIC_ERRNO_H
#define XENO_ERRNO_AS_ENUM
#ifndef __ASSEMBLY__
#define XEN_ERRNO(name, value) XEN_##name = value,
enum xen_errno {
#endif
#endif /* XENO_PUBLIC_ERRNO_H */

#endif /* !XEN_ERRNO */

#ifdef XEN_ERRNO
XEN_ERRNO(EPERM,          1)
XEN_ERRNO(ENOENT,         2)
XEN_ERRNO(ESRCH,          3)
XEN_ERRNO(EIO,            5)
XEN_ERRNO(ENXIO,          6)
XEN_ERRNO(E2BIG,          7)
XEN_ERRNO(ENOEXEC,        8)
XEN_ERRNO(EBADF,          9)
XEN_ERRNO(ECHILD,        10)
XEN_ERRNO(EAGAIN,        11)
XEN_ERRNO(EWOULDBLOCK,   11)   /* = EAGAIN */
XEN_ERRNO(ENOMEM,        12)
XEN_ERRNO(EACCES,        13)
XEN_ERRNO(EFAULT,        14)
XEN_ERRNO(EBUSY,         16)
XEN_ERRNO(EEXIST,        17)
XEN_ERRNO(EXDEV,         18)
XEN_ERRNO(ENODEV,        19)
XEN_ERRNO(ENOTDIR,       20)
XEN_ERRNO(EISDIR,        21)
XEN_ERRNO(EINVAL,        22)
XEN_ERRNO(ENFILE,        23)
XEN_ERRNO(EMFILE,        24)
XEN_ERRNO(ENOSPC,        28)
XEN_ERRNO(EROFS,         30)
XEN_ERRNO(EMLINK,        31)
XEN_ERRNO(EDOM,          33)
XEN_ERRNO(ERANGE,        34)
XEN_ERRNO(EDEADLK,       35)
XEN_ERRNO(EDEADLOCK,     35)   /* = EDEADLK */
XEN_ERRNO(ENAMETOOLONG,  36)
XEN_ERRNO(ENOLCK,        37)
XEN_ERRNO(ENOSYS,        38)
XEN_ERRNO(ENOTEMPTY,     39)
XEN_ERRNO(ENODATA,       61)
XEN_ERRNO(ETIME,         62)
XEN_ERRNO(EBADMSG,       74)
XEN_ERRNO(EOVERFLOW,     75)
XEN_ERRNO(EILSEQ,        84)
XEN_ERRNO(ENOTSOCK,      88)
XEN_ERRNO(EMSGSIZE,      90)
XEN_ERRNO(EOPNOTSUPP,    95)
XEN_ERRNO(EADDRINUSE,    98)
XEN_ERRNO(EADDRNOTAVAIL, 99)
XEN_ERRNO(ENOBUFS,      105)
XEN_ERRNO(EISCONN,      106)
XEN_ERRNO(ENOTCONN,     107)
XEN_ERRNO(ETIMEDOUT,    110)
XEN_ERRNO(ECONNREFUSED, 111)
#undef XEN_ERRNO
#endif /* XEN_ERRNO */

#ifdef XENO_ERRNO_AS_ENUM
#undef XENO_ERRNO_AS_ENUM
#ifndef __ASSEMBLY__
};
#endif
#endif
