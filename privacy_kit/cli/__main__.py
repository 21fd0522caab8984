"""``python -m privacy_kit.cli``: the same entry point as the ``privacy-kit`` script.

Scheduled reports run through the interpreter that installed them (``sys.executable -m
privacy_kit.cli``), which works whether or not the console script is on the scheduler's PATH.
"""

from __future__ import annotations

from privacy_kit.cli import main

if __name__ == "__main__":
    main()
