"""Who this dispatcher is, and whether a process on this host still runs."""

from __future__ import annotations

import os
import socket
import uuid


def host() -> str:
    """This machine's name, as recorded beside each worker's pid."""
    return socket.gethostname()[:255]


def new_worker_id() -> str:
    """Unique per dispatcher, even for several in one process."""
    return f"{host()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def process_alive(pid: int) -> bool:
    """False once `pid` has exited (or is a zombie that runs no code any more)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True  # no /proc (not Linux): the heartbeat decides
