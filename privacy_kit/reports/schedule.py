"""Scheduling the report: a systemd user timer where a user manager runs, else a crontab entry.

The scheduled command reports on the PREVIOUS complete period (``report --previous monthly``)
into a fixed folder, and the file name is fixed by the period, so a re-run (a missed timer
caught up by ``Persistent=true``, or a manual one) overwrites the same file. The command exits 1
when the ledger fails verification or something is overdue: systemd marks the unit failed and
cron mails its output, which is how someone is alerted.

Nothing here touches the machine unless :func:`install` or :func:`remove` is called, and both go
through a :class:`Host` whose paths and command runner tests replace.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import privacy_kit
from privacy_kit.errors import PrivacyKitError

BACKENDS = ("systemd", "cron")
DEFAULT_NAME = "privacy-kit-report"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

#: When each schedule fires (local time of the machine): early on the first day of the period after.
ON_CALENDAR = {"monthly": "*-*-01 06:00:00", "weekly": "Mon *-*-* 06:00:00"}
CRON_TIMES = {"monthly": "0 6 1 * *", "weekly": "0 6 * * 1"}


class ScheduleError(PrivacyKitError):
    """A schedule cannot be installed, shown or removed (no scheduler, a failed systemctl/crontab)."""

    code = "PK330"


@dataclass(frozen=True, slots=True)
class Completed:
    returncode: int
    stdout: str = ""
    stderr: str = ""


Runner = Callable[[Sequence[str], str | None], Completed]


def run_command(argv: Sequence[str], stdin: str | None = None) -> Completed:
    try:
        proc = subprocess.run(list(argv), input=stdin, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Completed(127, "", str(exc))
    return Completed(proc.returncode, proc.stdout, proc.stderr)


@dataclass(frozen=True)
class Host:
    """The machine's scheduler, as privacy-kit sees it (tests pass their own)."""

    systemd_dir: Path = field(default_factory=lambda: Path.home() / ".config" / "systemd" / "user")
    run: Runner = run_command
    which: Callable[[str], str | None] = shutil.which
    systemctl: str = "systemctl"
    crontab: str = "crontab"

    def has_systemd_user(self) -> bool:
        """A user service manager answers (not just a systemctl binary on the PATH)."""
        return bool(self.which(self.systemctl)) and self.run([self.systemctl, "--user", "show-environment"], None).returncode == 0

    def has_cron(self) -> bool:
        return bool(self.which(self.crontab))

    def backend(self, wanted: str = "auto") -> str:
        if wanted in BACKENDS:
            return wanted
        if self.has_systemd_user():
            return "systemd"
        if self.has_cron():
            return "cron"
        raise ScheduleError(
            "this machine has neither a systemd user session nor crontab",
            hint="use --print and install the entry in the scheduler you have, or install cron",
        )


@dataclass(frozen=True, slots=True)
class ScheduleSpec:
    every: str  # monthly | weekly
    out_dir: Path
    store: Path
    formats: tuple[str, ...] = ("html",)
    lang: str = "ja"
    name: str = DEFAULT_NAME
    key_file: Path | None = None
    python: str = sys.executable

    def __post_init__(self) -> None:
        if self.every not in ON_CALENDAR:
            raise ScheduleError(f"--every {self.every!r} is not one of {', '.join(ON_CALENDAR)}")
        check_name(self.name)

    def command(self) -> list[str]:
        """The report run, with absolute paths (a scheduler starts in another folder)."""
        argv = [self.python, "-m", "privacy_kit.cli", "report", "--previous", self.every,
                "--store", str(self.store.resolve())]
        for fmt in self.formats:
            argv += ["--format", fmt]
        return argv + ["--lang", self.lang, "-o", str(self.out_dir.resolve()) + os.sep]

    def environment(self) -> dict[str, str]:
        """PYTHONPATH to this privacy-kit when it runs from a checkout rather than an install."""
        root = Path(privacy_kit.__file__).resolve().parent.parent
        if "site-packages" in root.parts or "dist-packages" in root.parts:
            return {}
        return {"PYTHONPATH": str(root)}


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ScheduleError(f"schedule name {name!r} must be letters, digits, '_' or '-' (max 64)")
    return name


# --- systemd ------------------------------------------------------------------------------------


def _systemd_arg(arg: str) -> str:
    """One ExecStart word: specifiers (%) and variables ($) escaped, quoted when needed."""
    arg = arg.replace("%", "%%").replace("$", "$$")
    if re.search(r'[\s"\'\\;]', arg) or not arg:
        return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return arg


def systemd_units(spec: ScheduleSpec) -> dict[str, str]:
    """File name -> content of the service and its timer."""
    env = "".join(
        f"Environment={_systemd_arg(f'{k}={v}')}\n" for k, v in sorted(spec.environment().items())
    )
    service = (
        "[Unit]\n"
        f"Description=privacy-kit audit report for the previous {spec.every[:-2]} ({spec.name})\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{env}"
        f"ExecStart={' '.join(_systemd_arg(a) for a in spec.command())}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=Run {spec.name}.service {spec.every}\n\n"
        "[Timer]\n"
        f"OnCalendar={ON_CALENDAR[spec.every]}\n"
        "Persistent=true\n"
        f"Unit={spec.name}.service\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{spec.name}.service": service, f"{spec.name}.timer": timer}


# --- cron ---------------------------------------------------------------------------------------


def _markers(name: str) -> tuple[str, str]:
    return f"# BEGIN privacy-kit schedule {name}", f"# END privacy-kit schedule {name}"


def cron_block(spec: ScheduleSpec) -> str:
    """The crontab lines (between markers, so a re-install replaces them and remove finds them)."""
    env = "".join(f"{k}={shlex.quote(v)} " for k, v in sorted(spec.environment().items()))
    command = " ".join(shlex.quote(a) for a in spec.command()).replace("%", "\\%")
    begin, end = _markers(spec.name)
    return f"{begin}\n{CRON_TIMES[spec.every]} {env}{command}\n{end}\n"


def without_block(crontab: str, name: str) -> str:
    """``crontab`` with the named block removed; every other line kept as it was."""
    begin, end = _markers(name)
    out, inside = [], False
    for line in crontab.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if stripped == begin:
            inside = True
            continue
        if inside and stripped == end:
            inside = False
            continue
        if not inside:
            out.append(line)
    text = "".join(out)
    return text if not text or text.endswith("\n") else text + "\n"


def find_block(crontab: str, name: str) -> str | None:
    begin, end = _markers(name)
    lines = crontab.splitlines()
    if begin not in lines:
        return None
    start = lines.index(begin)
    stop = lines.index(end, start) if end in lines[start:] else len(lines) - 1
    return "\n".join(lines[start : stop + 1]) + "\n"


def _current_crontab(host: Host) -> str:
    got = host.run([host.crontab, "-l"], None)
    if got.returncode == 0:
        return got.stdout
    if "no crontab" in (got.stderr + got.stdout).lower():
        return ""
    raise ScheduleError(f"`crontab -l` failed: {got.stderr.strip() or got.returncode}")


def _set_crontab(host: Host, text: str) -> None:
    got = host.run([host.crontab, "-"], text)
    if got.returncode != 0:
        raise ScheduleError(f"`crontab -` failed: {got.stderr.strip() or got.returncode}")


# --- operations ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScheduleResult:
    backend: str
    text: str  # what was (or would be) installed, shown, or removed
    files: tuple[Path, ...] = ()


def preview(spec: ScheduleSpec, backend: str) -> ScheduleResult:
    """What install would write, without touching anything (``--print``)."""
    if backend == "systemd":
        units = systemd_units(spec)
        return ScheduleResult(backend, "".join(f"# {name}\n{text}\n" for name, text in units.items()))
    return ScheduleResult(backend, cron_block(spec))


def _systemctl(host: Host, *args: str) -> None:
    got = host.run([host.systemctl, "--user", *args], None)
    if got.returncode != 0:
        raise ScheduleError(f"`systemctl --user {' '.join(args)}` failed: {got.stderr.strip() or got.returncode}")


def install(spec: ScheduleSpec, host: Host, backend: str = "auto") -> ScheduleResult:
    """Install (or replace) the named schedule; running it twice leaves one schedule."""
    from privacy_kit.atomic import atomic_write

    chosen = host.backend(backend)
    spec.out_dir.mkdir(parents=True, exist_ok=True)
    if chosen == "systemd":
        files = []
        for name, text in systemd_units(spec).items():
            path = host.systemd_dir / name
            with atomic_write(path) as fh:
                fh.write(text)
            files.append(path)
        _systemctl(host, "daemon-reload")
        _systemctl(host, "enable", "--now", f"{spec.name}.timer")
        return ScheduleResult(chosen, preview(spec, chosen).text, tuple(files))
    current = _current_crontab(host)
    _set_crontab(host, without_block(current, spec.name) + cron_block(spec))
    return ScheduleResult(chosen, cron_block(spec))


def _unit_paths(host: Host, name: str) -> list[Path]:
    return [host.systemd_dir / f"{name}.service", host.systemd_dir / f"{name}.timer"]


def show(name: str, host: Host) -> list[ScheduleResult]:
    """The named schedule wherever it is installed (systemd units, crontab block)."""
    check_name(name)
    found = []
    units = [p for p in _unit_paths(host, name) if p.exists()]
    if units:
        text = "".join(f"# {p.name}\n{p.read_text(encoding='utf-8')}\n" for p in units)
        found.append(ScheduleResult("systemd", text, tuple(units)))
    if host.has_cron():
        block = find_block(_current_crontab(host), name)
        if block:
            found.append(ScheduleResult("cron", block))
    return found


def remove(name: str, host: Host) -> list[ScheduleResult]:
    """Remove the named schedule from every scheduler it is in; nothing else is touched."""
    removed = []
    for item in show(name, host):
        if item.backend == "systemd":
            if host.has_systemd_user():
                host.run([host.systemctl, "--user", "disable", "--now", f"{name}.timer"], None)
            for path in item.files:
                path.unlink(missing_ok=True)
            if host.has_systemd_user():
                _systemctl(host, "daemon-reload")
        else:
            _set_crontab(host, without_block(_current_crontab(host), name))
        removed.append(item)
    return removed
