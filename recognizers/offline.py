"""Keep Presidio from reaching the network.

Presidio's EmailRecognizer calls ``tldextract.extract``; a default extractor with no cached
Public Suffix List fetches one over HTTPS on its first call. tldextract 5.4 reads
``TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS`` when its module-level extractor is created, so the
variable must be set before tldextract is first imported; with it empty, the bundled snapshot
is used. Call this before importing presidio_analyzer.
"""

from __future__ import annotations

import os
import sys


def ensure_offline() -> None:
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    tld = sys.modules.get("tldextract")
    if tld is not None:
        # Imported before us: replace the module-level extractor with a no-fetch one.
        import tldextract.tldextract as impl

        impl.TLD_EXTRACTOR = impl.TLDExtract(suffix_list_urls=())
        tld.extract = impl.TLD_EXTRACTOR  # type: ignore[attr-defined]
