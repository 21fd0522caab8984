"""Two processes: the one that waits too long fails with a clear message, and concurrent writers
never corrupt the store or the ledger."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.errors import StoreLockedError
from audit.store import Store, StoreConfig
from audit.verify import verify_store

ROOT = Path(__file__).resolve().parents[2]

_HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from audit.store import Store, StoreConfig
    st = Store.open(StoreConfig(Path(sys.argv[1])))
    print("ready", flush=True)
    time.sleep(float(sys.argv[2]))
    st.close()
""")

_WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from audit.purposes import add_purpose
    from audit.store import Store, StoreConfig
    path, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for i in range(n):
        with Store.open(StoreConfig(path, lock_timeout=60, actor=tag)) as st:
            add_purpose(st, purpose_id=f"{tag}-{i}", text=f"{tag}の業務記録 {i} 件目の管理のため",
                        categories=["PERSON"])
""")


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.fixture
def holder(config: StoreConfig) -> Iterator[subprocess.Popen[str]]:
    Store.open(config).close()
    proc = _python(_HOLDER, str(config.path), "30")
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", proc.stderr
        yield proc
    finally:
        proc.kill()  # only the process this test started
        proc.wait()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_second_process_fails_cleanly_after_the_lock_timeout(
    config: StoreConfig, holder: subprocess.Popen[str], read_only: bool
) -> None:
    started = time.monotonic()
    with pytest.raises(StoreLockedError) as exc:
        Store.open(StoreConfig(config.path, lock_timeout=0.6), read_only=read_only)
    waited = time.monotonic() - started
    assert waited >= 0.6
    message = str(exc.value)
    assert "in use by another process" in message and f"PID {holder.pid}" in message
    assert "--lock-timeout" in message and exc.value.exit_code == 2


def test_the_waiting_process_gets_the_store_once_it_is_released(config: StoreConfig) -> None:
    Store.open(config).close()
    proc = _python(_HOLDER, str(config.path), "1.0")
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        with Store.open(StoreConfig(config.path, lock_timeout=30)) as st:
            assert proc.poll() is not None  # it could only open after the holder finished
            assert verify_store(st).ok
    finally:
        proc.kill()
        proc.wait()


def test_two_concurrent_writers_do_not_corrupt_the_store(config: StoreConfig) -> None:
    Store.open(config).close()
    n = 8
    procs = [_python(_WRITER, str(config.path), tag, str(n)) for tag in ("alpha", "beta")]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    with Store.open(config, read_only=True) as st:
        ids = [r[0] for r in st.con.execute("SELECT purpose_id FROM purpose_versions ORDER BY 1").fetchall()]
        assert ids == sorted([f"alpha-{i}" for i in range(n)] + [f"beta-{i}" for i in range(n)])
        report = verify_store(st)
        assert report.ok, report.to_dict()
        assert report.chain.count == 1 + 2 * n
        actors = [e.actor for e in st.events()][1:]
        assert actors.count("alpha") == n and actors.count("beta") == n
