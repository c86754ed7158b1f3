"""A classroom in a box: N students use the app's servers at the same time.

    MNIST_DIR=../shared/mnist python -m devtools.load_test --sessions 10
    MNIST_DIR=../shared/mnist python -m devtools.load_test --clients protocol --sessions 100

Each student trains Iris and MNIST, then draws; it reports errors, answer times (at the client
and on the server), memory and CPU seconds. A student is a headless Chromium, or (`--clients
protocol`) a client that sends the server what a browser sends (devtools/protocol/), so a
machine plays a class of a hundred beside the server. Options (`--replicas`, `--ray`) and
why: docs/load-test.md; details: docs/architecture.md, "The load test".
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from devtools.board_client import BoardPages, board_figures
from devtools.load_report import Report, figures, merged, per_student, print_summary
from devtools.loopback import LoopbackError, run_inside_loopback_namespace
from devtools.monitor import TreeMonitor, yield_calling_thread
from devtools.protocol.classroom import own_cpu_seconds, protocol_classroom
from devtools.ray_head import RayHead
from devtools.replicas import Replica, start_replicas, stop_replicas
from devtools.server_times import ServerTimes, read_runs, server_times
from devtools.server_times import merged as merged_times
from devtools.students import classroom

RAY_ADDRESS = "WORKSHOP_RAY_ADDRESS"  # What the app reads to train on Ray.
KEEP_WORK, DATA_DIR = "WORKSHOP_KEEP_WORK", "WORKSHOP_DATA_DIR"  # The store: on, and where.


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="students at once")
    parser.add_argument(
        "--clients",
        choices=("browser", "protocol"),
        default="browser",
        help="each student a headless Chromium (up to 40), or a client speaking Streamlit's "
        "protocol that asks the server what the browser asks (up to 300: "
        "devtools/protocol/)",
    )
    parser.add_argument("--replicas", type=int, default=1, help="Streamlit servers (1-8)")
    parser.add_argument("--ray", action="store_true", help="train on a local Ray head")
    parser.add_argument(
        "--ray-cpus", type=int, default=os.cpu_count() or 1, help="the head's --num-cpus"
    )
    parser.add_argument(
        "--ray-memory-gb",
        type=float,
        default=0,
        help="the memory the head offers its tasks, as a department's node of that size would "
        "(0: what Ray detects on this machine)",
    )
    parser.add_argument("--digits", type=int, default=6, help="digits each student draws")
    parser.add_argument(
        "--mnist-steps", type=int, default=1, help="slider steps above 5,000 (1 = 10,000)"
    )
    parser.add_argument(
        "--laptops",
        action="store_true",
        help="the browsers take only the CPU the servers and Ray leave (nice 19, SCHED_IDLE), "
        "as if each ran on a student's own laptop",
    )
    parser.add_argument(
        "--keep-logs",
        type=Path,
        metavar="DIR",
        help="copy the servers' timing logs (one JSON line per script run) into DIR",
    )
    parser.add_argument(
        "--compare-store",
        action="store_true",
        help="two replicas: the first keeps students' work (SQLite), the second keeps none "
        "(WORKSHOP_KEEP_WORK=0); compare their per-replica answer times",
    )
    parser.add_argument(
        "--board-tabs",
        type=int,
        default=0,
        help="Class pages left open on the first replica all along (each student also shares "
        "their MNIST run, so the board has runs to show)",
    )
    parser.add_argument(
        "--board-as",
        choices=("protocol", "browser"),
        default="protocol",
        help="what keeps each Class page open: a client asking the server what a tab asks "
        "(devtools/board_client.py; a hundred fit beside the servers) or a Chromium tab",
    )
    parser.add_argument(
        "--compare-board",
        action="store_true",
        help="two replicas on one store: the first serves the open Class pages (--board-tabs, "
        "default 20), the second none; compare their per-replica answer times",
    )
    parser.add_argument(
        "--compare-clients",
        action="store_true",
        help="two replicas, --sessions students each: browsers on the first, protocol "
        "students on the second, in one run; compare their per-replica server times",
    )
    parser.add_argument("--max-minutes", type=float, default=30)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    most = 40 if args.clients == "browser" else 300
    if not 1 <= args.sessions <= most:
        parser.error(f"--sessions must lie between 1 and {most} with --clients {args.clients}")
    if args.compare_store + args.compare_board + args.compare_clients > 1:
        parser.error("--compare-store, --compare-board and --compare-clients each need the "
                     "two replicas")  # fmt: skip
    if args.compare_store or args.compare_board or args.compare_clients:
        args.replicas = 2
    if args.compare_board and not args.board_tabs:
        args.board_tabs = 20
    if not 0 <= args.board_tabs <= 200:
        parser.error("--board-tabs must lie between 0 and 200")
    if not 1 <= args.replicas <= 8:
        parser.error("--replicas must lie between 1 and 8")
    if not 1 <= args.ray_cpus <= 256:
        parser.error("--ray-cpus must lie between 1 and 256")
    if args.ray_memory_gb < 0:
        parser.error("--ray-memory-gb must be 0 (what Ray detects) or more")
    if args.ray:
        try:
            run_inside_loopback_namespace(
                "devtools.load_test", sys.argv[1:] if argv is None else argv
            )
        except LoopbackError as error:
            parser.error(f"--ray: {error}")
    return args


def run(args: argparse.Namespace, folder: Path) -> tuple[dict, list[str]]:
    """Start the head (with --ray) and the replicas, run the class, stop everything; the
    summary and every error."""
    started = time.perf_counter()
    memory = round(args.ray_memory_gb * 2**30)
    head = RayHead(args.ray_cpus, memory).start() if args.ray else None
    replicas: list[Replica] = []
    try:
        env = {RAY_ADDRESS: head.address if head else None}
        store = {KEEP_WORK: "1", DATA_DIR: str(folder / "store")}
        each = None
        if args.compare_store:
            each = [store, {KEEP_WORK: "0"}]
        elif args.compare_board or args.board_tabs:  # One board, whichever replica shows it.
            each = [store] * args.replicas
        replicas = start_replicas(args.replicas, env, folder, each)
        roots = {f"replica {r.number}": r.process.pid for r in replicas}
        if args.laptops:
            # The servers and the head are running: from here on this process only drives
            # and watches the browsers. The threads it starts after this (the monitor,
            # Playwright's driver) inherit the priority; the monitor keeps Chromium's there.
            yield_calling_thread()
        monitor = TreeMonitor(
            {**roots, **({"ray": head.pid} if head else {})}, laptops=args.laptops
        )
        monitor.start()
        reports = [Report() for _ in replicas]
        errors: list[str] = []
        board = BoardPages()
        clients_cpu = own_cpu_seconds()
        try:
            asyncio.run(_play(args, [r.url for r in replicas], reports, errors, board))
        finally:
            monitor.stop()
            clients_cpu = own_cpu_seconds() - clients_cpu
    finally:
        stop_replicas(replicas)  # The servers first: they are the head's drivers.
        if head:
            head.stop()
    times = [server_times(read_runs(r.timing_log)) for r in replicas]
    if args.keep_logs:
        args.keep_logs.mkdir(parents=True, exist_ok=True)
        for replica in replicas:
            if replica.timing_log.exists():
                shutil.copy(replica.timing_log, args.keep_logs / replica.timing_log.name)
    summary = _summary(args, replicas, reports, times, monitor, head)
    summary["clients"] = "both" if args.compare_clients else args.clients
    if args.clients == "protocol" or args.compare_clients:  # In this process: its CPU.
        summary["clients_cpu_seconds"] = round(clients_cpu)
    if args.board_tabs and (args.board_as == "protocol" or args.clients == "protocol"):
        summary["class_pages"] = board_figures(board, args.board_tabs)
        errors += board.errors
    summary["minutes"] = round((time.perf_counter() - started) / 60, 1)
    return summary, errors + [e for report in reports for e in report.errors]


async def _play(args, urls: list[str], reports: list[Report], errors, board) -> None:
    """The class, of browsers or protocol students; or, to compare them, both at once:
    --sessions browsers on the first replica and as many protocol students on the second."""
    if not args.compare_clients:
        play = classroom if args.clients == "browser" else protocol_classroom
        await play(urls, args, reports, errors, board)
        return
    await asyncio.gather(
        classroom(urls[:1], args, reports[:1], errors, board),
        protocol_classroom(urls[1:], args, reports[1:], errors, board),
    )


def _clients_of(args, replica: int) -> str:
    if args.compare_clients:
        return "browser" if replica == 1 else "protocol"
    return args.clients


def _summary(
    args,
    replicas: list[Replica],
    reports: list[Report],
    times: list[ServerTimes],
    monitor: TreeMonitor,
    head: RayHead | None,
) -> dict:
    per_replica = []
    for replica, report, replica_times in zip(replicas, reports, times, strict=True):
        name = f"replica {replica.number}"
        per_replica.append(
            {
                "replica": replica.number,
                "keeps_work": not (args.compare_store and replica.number == 2),
                "clients": _clients_of(args, replica.number),
                "class_pages_open": args.board_tabs if replica.number == 1 else 0,
                "url": replica.url,
                "students": report.students,
                **figures(report, replica_times),
                "peak_rss_mb": monitor.peak_mb(name),
                "peak_pss_mb": monitor.peak_pss_mb(name),
                **per_student(monitor.first_mb(name), monitor.peak_mb(name), report.students),
                "server_cpu_seconds": round(monitor.cpu_seconds(name)),
            }
        )
    summary = {
        "sessions": args.sessions,
        "replicas": len(replicas),
        "training": "ray" if head else "worker processes",
        **figures(merged(reports), merged_times(times)),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in per_replica),  # The largest replica's.
        "peak_pss_mb": max(r["peak_pss_mb"] for r in per_replica),
        "rss_mb_per_student": max(
            (r["rss_mb_per_student"] for r in per_replica if r["students"]), default=None
        ),
        "server_cpu_seconds": sum(r["server_cpu_seconds"] for r in per_replica),
        "browsers_cpu_seconds": round(monitor.browser_cpu_seconds()),
        "browsers_as_laptops": args.laptops,
        "per_replica": per_replica,
    }
    if head:
        summary["ray"] = {
            "ray_peak_rss_mb": monitor.peak_mb("ray"),
            "ray_peak_pss_mb": monitor.peak_pss_mb("ray"),
            "ray_cpu_seconds": round(monitor.cpu_seconds("ray")),
            "ray_processes_peak": monitor.most_processes["ray"],
            "ray_head_start_seconds": round(head.ready_seconds, 1),
            "ray_num_cpus": head.cpus,
            "ray_memory_gb": args.ray_memory_gb or "detected",
        }
    return summary


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    # `timeout` and CI stop a run with SIGTERM: end it like Ctrl-C, so that the servers and
    # the Ray head are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    folder = Path(tempfile.mkdtemp(prefix="load-test-"))
    try:
        summary, errors = run(args, folder)
    except RuntimeError as error:  # A server or the Ray head did not start: say which, why.
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print_summary(summary, args.json, errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
