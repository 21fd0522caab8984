"""Breach incidents (漏えい等, APPI Art 26; PPC Rules 7-10): assess, decide, draft.

``people`` counts the distinct people a leak concerns (union-find over keyed hashes), ``rules``
decides Rule 7's four categories and Rule 8's deadlines, ``assess`` gathers the evidence (a scan
recorded in the audit store, or a stored scan) and records the assessment, ``draft`` writes the
report to the PPC and the notice to the individuals in Japanese. The records themselves live in
``audit.incidents``. Nothing is imported here, so ``import privacy_kit.incidents.rules`` stays light.
"""
