"""``reach_fold`` and ``reach_report``."""
