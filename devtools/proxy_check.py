"""Check deploy/nginx.conf on loopback: two real replicas behind it, several browsers.

    python -m devtools.proxy_check --browsers 6      # needs nginx (apt-get install nginx-light)

Exit code 1 if a route reached two replicas or a browser never got its app
(docs/architecture.md, "Checking the proxy").
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devtools.replicas import start_replicas, stop_replicas
from devtools.server import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port
from devtools.students import idle

LOG_FORMAT = "log_format routes '$workshop_route|$upstream_addr|$status|$uri';"


def loopback_config(ports: list[int], listen: int, folder: Path) -> str:
    """deploy/nginx.conf with the replicas' addresses, a loopback port and a routes log."""
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "\n        ".join(f"server 127.0.0.1:{port};" for port in ports)
    for old, new in (
        ("server web:8501;", servers),
        ("listen 80;", f"listen 127.0.0.1:{listen};"),
        ("    upstream workshop_web", f"    {LOG_FORMAT}\n    access_log {folder}/routes.log"
         " routes;\n\n    upstream workshop_web"),
    ):  # fmt: skip
        assert old in config, f"deploy/nginx.conf no longer has {old!r}"
        config = config.replace(old, new)
    return config


async def browse(url: str, browsers: int) -> int:
    """Each browser: open the app, follow a link, reload; how many got their app each time."""
    from playwright.async_api import async_playwright

    served = 0
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(browsers):
                context = await browser.new_context()
                page = await context.new_page()
                await page.goto(url)
                await idle(page, 60)
                await page.get_by_role("link", name="Iris flowers").first.click()
                await page.get_by_role("heading", name="The Iris classifier").first.wait_for()
                await page.reload()
                await idle(page, 60)
                served += 1
                await context.close()
        finally:
            await browser.close()
    return served


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--browsers", type=int, default=6)
    args = parser.parse_args(argv)
    if not shutil.which("nginx"):
        parser.error("nginx is not installed (Debian: apt-get install nginx-light)")
    folder = Path(tempfile.mkdtemp(prefix="proxy-check-"))
    replicas = start_replicas(2, {"WORKSHOP_RAY_ADDRESS": None}, folder)
    listen = free_port()
    (folder / "nginx.conf").write_text(loopback_config([r.port for r in replicas], listen, folder))
    settings = f"daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log;"
    nginx = subprocess.Popen(["nginx", "-p", str(folder), "-c", "nginx.conf", "-g", settings])
    try:
        time.sleep(1)
        served = asyncio.run(browse(f"http://127.0.0.1:{listen}/", args.browsers))
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        stop_replicas(replicas)
    routes: dict[str, set[str]] = collections.defaultdict(set)
    upgrades = 0
    for line in (folder / "routes.log").read_text().splitlines():
        route, upstream, status, _ = line.split("|", 3)
        routes[route].add(upstream)
        upgrades += status == "101"
    per_replica = collections.Counter(next(iter(u)) for u in routes.values() if len(u) == 1)
    report = {
        "browsers_served": served,
        "routes": len(routes),
        "routes_on_one_replica": sum(len(u) == 1 for u in routes.values()),
        "websockets_upgraded": upgrades,
        "routes_per_replica": dict(per_replica),
    }
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(report))
    sticky = report["routes_on_one_replica"] == report["routes"]
    return 0 if sticky and served == args.browsers else 1


if __name__ == "__main__":
    sys.exit(main())
