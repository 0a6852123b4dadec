"""Process-wide memory settings for the long-running commands (serve, worker)."""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

log = logging.getLogger("intake.startup")
M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)
ARENAS = 2


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """At most `arenas` glibc malloc arenas; True when set.

    glibc gives each thread that allocates its own arena (up to 8 per core), so a thread pool
    of database calls grows the resident set by tens of MB that are never returned.
    MALLOC_ARENA_MAX in the environment wins (glibc read it at start); elsewhere (musl,
    macOS) nothing to do.
    """
    if os.environ.get("MALLOC_ARENA_MAX"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    ok = bool(mallopt(ctypes.c_int(M_ARENA_MAX), ctypes.c_int(arenas)))
    if not ok:
        log.warning("could not limit malloc arenas")
    return ok
