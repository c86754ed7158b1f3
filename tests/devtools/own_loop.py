"""Run a coroutine (or a command that calls asyncio.run) on a thread of its own.

Once a test in the same process has used Playwright's sync API, the main thread has an event
loop running and `asyncio.run` refuses it there; which tests ran first must not matter.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def on_own_thread(call: Callable[[], T]) -> T:
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result()


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    return on_own_thread(lambda: asyncio.run(coroutine))
