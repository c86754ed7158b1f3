"""The teacher's settings (environment variables), each checked once, with one sentence when wrong.

A teacher sets these on a server before class, often as Secrets on Streamlit Community Cloud,
where a typo shows nowhere else: the app keeps serving with its defaults, and every page says
which setting it ignored and why, in one sentence. Each setting's reader falls back to the same
default the sentence names.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TeacherSetting:
    """One variable: its name, why a value is wrong (None: fine) and what the app does then."""

    name: str
    problem: Callable[[str], str | None]
    instead: str  # What the app does with a wrong value, as the end of a sentence.


def _whole_number(low: int, high: int | None = None) -> Callable[[str], str | None]:
    def problem(value: str) -> str | None:
        top = f" to {high}" if high is not None else " or more"
        if (
            not (value.isdigit() and len(value) < 10)
            or int(value) < low
            or (high is not None and int(value) > high)
        ):
            return f"it must be a whole number from {low}{top}"
        return None

    return problem


def _positive_number(value: str) -> str | None:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    return None if number > 0 else "it must be a number above 0"


def _one_of(*choices: str) -> Callable[[str], str | None]:
    def problem(value: str) -> str | None:
        return None if value in choices else "it must be one of " + ", ".join(choices)

    return problem


def _variant(value: str) -> str | None:
    from core.engine.training.variants import AUTO, VARIANTS

    return _one_of(AUTO, *VARIANTS)(value)


def _ray_address(value: str) -> str | None:
    if value == "auto":
        return None
    host, _, port = value.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return "it must be auto, host:port or ray://host:port"
    return None


def _model_file(value: str) -> str | None:
    path = Path(value)
    if not path.exists():
        return f"there is no file {value} on the server"
    if not path.is_file():
        return f"{value} is a folder, not a .keras file"
    if path.suffix != ".keras":
        return f"{value} is not a .keras file"
    return None


def _database_url(value: str) -> str | None:
    from sqlalchemy.engine import make_url  # Loaded by the store anyway.
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(value)
    except (ArgumentError, ValueError):
        return "it must look like postgresql://user:password@host:5432/database"
    if url.drivername not in ("postgresql", "postgres", "postgresql+psycopg", "sqlite"):
        return "it must be a postgresql:// address"
    if url.drivername != "sqlite" and not url.host:
        return "it names no database server (postgresql://user:password@host/database)"
    return None


def _data_dir(value: str) -> str | None:
    path = Path(value)
    return f"{value} is a file, not a folder" if path.exists() and not path.is_dir() else None


def _log_file(value: str) -> str | None:
    folder = Path(value).parent
    return None if folder.is_dir() else f"there is no folder {folder} to write it in"


def _teacher_code(value: str) -> str | None:
    return None if len(value.strip()) >= 6 else "it must be at least 6 characters long"


# Every WORKSHOP_ variable the app reads; tests/core/engine/test_teacher_settings.py checks
# that no other is read. The readers: core/engine/jobs, runtime and training, ui/.
SETTINGS: tuple[TeacherSetting, ...] = (
    TeacherSetting(
        "WORKSHOP_MNIST_MODEL", _model_file, "the Draw page offers no class model"
    ),
    TeacherSetting(
        "WORKSHOP_MAX_TRAININGS", _whole_number(1), "2 MNIST trainings run at once"
    ),
    TeacherSetting("WORKSHOP_TF_NICE", _whole_number(0, 19), "trainings run at nice 10"),
    TeacherSetting("WORKSHOP_TF_IDLE", _one_of("0", "1"), "trainings run under SCHED_IDLE"),
    TeacherSetting("WORKSHOP_TRAIN_VARIANT", _variant, "auto chooses the variant"),
    TeacherSetting("WORKSHOP_TRAIN_PATH", _variant, "auto chooses the variant"),
    TeacherSetting(
        "WORKSHOP_RAY_ADDRESS", _ray_address, "trainings fail until it is fixed or unset"
    ),
    TeacherSetting("WORKSHOP_RAY_CPUS", _positive_number, "each training asks Ray for 1 CPU"),
    TeacherSetting("WORKSHOP_TIMING_LOG", _log_file, "no request is timed"),
    TeacherSetting(
        "WORKSHOP_TEACHER_CODE", _teacher_code, "the class board's teacher controls stay off"
    ),
    # The store of each student's work (core/engine/store).
    TeacherSetting("WORKSHOP_KEEP_WORK", _one_of("0", "1"), "students' work is kept"),
    TeacherSetting(
        "WORKSHOP_DATA_DIR", _data_dir, "work is kept in .workshop-data in the app's folder"
    ),
    TeacherSetting(
        "WORKSHOP_DATABASE_URL", _database_url, "work is kept in SQLite in WORKSHOP_DATA_DIR"
    ),
    TeacherSetting(
        "WORKSHOP_KEEP_RUNS", _whole_number(1, 1000), "each student keeps 5 runs per chapter"
    ),
    TeacherSetting("WORKSHOP_STUDENT_MB", _positive_number, "each student may keep 50 MB"),
    TeacherSetting("WORKSHOP_STORE_MB", _positive_number, "the whole store keeps 2000 MB"),
    TeacherSetting(
        "WORKSHOP_KEEP_DAYS", _positive_number, "students not seen for 14 days are deleted"
    ),
    TeacherSetting(
        "WORKSHOP_SHARES_PER_STUDENT",
        _whole_number(1, 50),
        "the class board keeps 5 shared runs per student",
    ),
    TeacherSetting(
        "WORKSHOP_BOARD_ENTRIES", _whole_number(1, 2000), "the class board keeps 200 shared runs"
    ),
)  # fmt: skip


def setting_problem(name: str, environ: dict[str, str] | None = None) -> str | None:
    """One sentence for the teacher if `name` is set to a value the app cannot use; else None."""
    environ = os.environ if environ is None else environ
    value = environ.get(name, "").strip()
    setting = next(s for s in SETTINGS if s.name == name)
    if not value or (reason := setting.problem(value)) is None:
        return None
    shown = value if len(value) <= 60 else value[:57] + "..."
    return f"The teacher's setting {name}={shown!r} is not used: {reason}; {setting.instead}."


def setting_problems(environ: dict[str, str] | None = None) -> list[str]:
    """A sentence for every wrong setting, in the order of SETTINGS."""
    found = (setting_problem(setting.name, environ) for setting in SETTINGS)
    return [sentence for sentence in found if sentence]
