from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.store import StoreConfig
from tests.reports.sample_store import build_sample_store


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real store or key."""
    for name in ("PRIVACY_KIT_STORE", "PRIVACY_KIT_KEY", "PRIVACY_KIT_NEW_KEY", "PRIVACY_KIT_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def _sample_master(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreConfig]:
    folder = tmp_path_factory.mktemp("sample")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("PRIVACY_KIT_KEY", "PRIVACY_KIT_NEW_KEY", "PRIVACY_KIT_KEY_FILE"):
            mp.delenv(name, raising=False)
        yield build_sample_store(folder / "audit.duckdb", folder / "logs", mp)


@pytest.fixture
def sample(_sample_master: StoreConfig, tmp_path: Path) -> StoreConfig:
    """A private copy of the sample store (and its key) that a test may read or tamper with."""
    src = _sample_master.path
    dst = tmp_path / "audit.duckdb"
    shutil.copy2(src, dst)
    shutil.copy2(src.with_suffix(".key"), dst.with_suffix(".key"))
    return StoreConfig(dst, lock_timeout=5.0)
