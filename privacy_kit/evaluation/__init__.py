"""Measure detection quality against labelled data: datasets, metrics, the naive baseline, the runner.

Nothing here is imported by the scanning path; importing this package loads neither Presidio nor GiNZA.
"""

from __future__ import annotations
