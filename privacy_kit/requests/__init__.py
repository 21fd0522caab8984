"""Acting on data-subject requests over the registered data sets (APPI Arts 32-39).

``audit.requests`` keeps each request's account; this package does the work that needs the
readers and the recognizers: turning the subject's identifiers into search keys (names.py,
romaji.py, matching.py), finding the subject's records in every registered data set (search.py),
writing disclosure packages (disclose.py) and deleting or correcting records (fulfil.py).
"""
