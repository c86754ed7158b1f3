"""Run a devtool inside a network namespace that has only loopback, as Ray needs here.

Ray connects through the machine's own address even when told 127.0.0.1
(ray-project/ray#59110); as root this re-runs the command under `unshare --net`
(docs/architecture.md, "Ray on loopback only").
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

MARKER = "WORKSHOP_LOOPBACK_NAMESPACE"  # Set in the re-run command: never re-run twice.


class LoopbackError(RuntimeError):
    """This process cannot get a network namespace with only loopback."""


def interfaces() -> list[str]:
    """The network interfaces of this process's namespace (/proc/self/net/dev, not /sys,
    which shows the namespace /sys was mounted in)."""
    lines = Path("/proc/self/net/dev").read_text().splitlines()[2:]
    return sorted(line.split(":", 1)[0].strip() for line in lines)


def loopback_up() -> bool:
    """True if a connection to 127.0.0.1 goes through. (A new namespace's `lo` starts down;
    binding to 127.0.0.1 still works then, connecting does not.)"""
    with socket.socket() as listener, socket.socket() as client:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        client.settimeout(2)
        try:
            client.connect(listener.getsockname())
        except OSError:
            return False
    return True


def in_loopback_namespace() -> bool:
    """True if this process's network namespace has no interface but `lo`."""
    return interfaces() == ["lo"]


def run_inside_loopback_namespace(module: str, argv: list[str]) -> None:
    """Return if this process already runs with only loopback; else re-run
    `python -m module argv` in a new network namespace with `lo` up (as root), never to
    return; else raise LoopbackError."""
    if in_loopback_namespace():
        if not loopback_up():
            if os.geteuid() != 0:
                raise LoopbackError(
                    "this network namespace's loopback is down: run `ip link set lo up` first"
                )
            subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
        return
    if os.environ.get(MARKER):
        raise LoopbackError(
            f"`unshare --net` gave a namespace with other interfaces ({', '.join(interfaces())})"
        )
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        raise LoopbackError(
            "Ray must run in a network namespace with only loopback here "
            "(ray-project/ray#59110): run this as root (it then uses `unshare --net` itself), "
            "or inside `unshare --net` after `ip link set lo up`"
        )
    command = [sys.executable, "-m", module, *argv]
    shell = 'ip link set lo up && exec "$@"'
    os.environ[MARKER] = "1"
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvp("unshare", ["unshare", "--net", "sh", "-c", shell, "sh", *command])
