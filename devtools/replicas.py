"""Several Streamlit servers of the same app, on different loopback ports: the web replicas.

Each replica is a real `streamlit run app.py` (devtools/server.py) that logs its server-side
time per answer to its own file (WORKSHOP_TIMING_LOG, ui/frame/request_timing.py). A load balancer
with sticky sessions would send each student to one of them; the load test does the same by
giving student n the replica n mod N.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from devtools.server import free_port, start_server, stop_server
from ui.frame.request_timing import ENV as TIMING_LOG


@dataclass
class Replica:
    number: int  # From 1.
    port: int
    process: subprocess.Popen
    timing_log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_replicas(
    count: int,
    env: dict[str, str | None],
    folder: Path,
    each: list[dict[str, str | None]] | None = None,
) -> list[Replica]:
    """Start `count` servers one after the other (each answers its health check before the
    next starts); if one fails, stop those already started and raise. `each[n]` adds to
    replica n+1's environment."""
    replicas: list[Replica] = []
    try:
        for number in range(1, count + 1):
            port = free_port()
            log = folder / f"timing-{number}.jsonl"
            own = each[number - 1] if each and number <= len(each) else {}
            process = start_server(port, {**env, **own, TIMING_LOG: str(log)})
            replicas.append(Replica(number, port, process, log))
    except BaseException:
        stop_replicas(replicas)
        raise
    return replicas


def stop_replicas(replicas: list[Replica]) -> None:
    for replica in replicas:
        stop_server(replica.process)
