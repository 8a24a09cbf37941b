"""Child processes die with their parent: a crash of the server (kill -9, the OOM killer) leaves no
report worker, resource tracker or chromium behind.

die_with_parent() runs first thing in a child (the report worker): the kernel sends it SIGTERM when
its parent dies (prctl PR_SET_PDEATHSIG), and a watch thread checks the parent every half second
as well (the signal waits for the main thread while it is inside WeasyPrint, and the kernel sends
it when the parent *thread* ends, which may come early or, across re-parenting, never). Either
way the child kills every process below it first: chromium runs in a session of its own (the
chart exporter starts it so), so killing a process group would miss it.
"""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process we can see (Linux /proc; elsewhere nothing)."""
    parents: dict[int, int] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return parents
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
                fields = stat.read().rsplit(b")", 1)[1].split()
            parents[int(name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    return parents


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, children first."""
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, pending = [], list(children.get(pid, []))
    while pending:
        child = pending.pop(0)
        found.append(child)
        pending.extend(children.get(child, []))
    return found


def kill_descendants() -> None:
    for _ in range(2):  # a second pass catches what was being started during the first
        for pid in descendants(os.getpid()):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


def _end(reason: str) -> None:
    logger.warning("%s: ending this process (pid %d) and its children", reason, os.getpid())
    kill_descendants()
    os._exit(1)


def die_with_parent(own_group: bool = True) -> None:
    """`own_group`: leave the parent's process group first, so a kill -9 of the server's whole
    group (kill -9 -PGID) spares this process the half second it needs to end its children."""
    parent = os.getppid()
    if own_group:
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)
    libc_name = ctypes.util.find_library("c")
    if sys.platform.startswith("linux") and libc_name:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            logger.warning("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    signal.signal(signal.SIGTERM, lambda signum, frame: _end("SIGTERM (parent gone or stopping)"))
    if os.getppid() != parent:  # the parent died before the signal was asked for
        _end("parent gone")

    def watch() -> None:
        while True:
            time.sleep(POLL_SECONDS)
            if os.getppid() != parent:
                _end(f"parent {parent} gone")

    threading.Thread(target=watch, name="lifeline", daemon=True).start()
