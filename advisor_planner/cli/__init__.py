"""The command line behind ``advisor-planner``: one module per command, and ``common`` for
what they share (exit codes, one-line errors, the ``--db`` option, opening a database).

Nothing here is imported at package level, so the app's start-up loads only what it needs.
"""
