"""The command line behind ``advisor-planner`` (``advisor_planner.__main__`` is only its entry
point; its docstring lists the commands).

- ``main``: the parser and ``main(argv)``; a plain ``[--db PATH]`` launch is read without
  argparse, so opening the app pays for neither it nor any command module.
- ``app``: opening the app (no command), the only command module on the start-up path.
- ``check``, ``backup``, ``restore``, ``demo``, ``report``, ``import_``, ``export``: one
  module per command (``import_`` because ``import`` is a keyword).
- ``common``: what they share: the exit codes, one-line errors, the ``--db`` option
  (``add_db_option``, ``db_path``), and ``run``, which turns any failure into one line and
  an exit status (``--debug`` shows the traceback).
- ``opening``: ``database(args, writing=...)``, the one context manager that opens a
  database for a command (lock, start-up check, migration; read-only for a command that
  only reads) and closes it, and ``locked``, the instance lock alone.

Opening a database goes through ``services.session`` (``opening.database`` wraps its
``opened``), as the app's start-up does; no command imports ``store`` or peewee (the
``forbidden`` contract in pyproject.toml's ``[tool.importlinter]`` holds them to it). That
is the one place issue 16 adds passphrases, for the app and the command line alike (and
``common.add_db_option`` the one place a passphrase option joins ``--db``).

Imports are lazy: the commands never load Qt (``report`` does, to draw its PDF), so they run
without a display, and nothing here loads pyqtgraph or numpy.

Adding a command: write ``cli/<name>.py`` with ``add(subparsers)``, which builds its parser
(``common.add_db_option`` for ``--db``) and sets ``handler=run``, and ``run(args) -> int``,
which imports what it needs inside it, opens the database with ``with
opening.database(args, writing="<name>")`` (leave ``writing`` out to only read), says a
refusal with ``common.error`` or raises ``common.Refused``, and returns an ``EXIT_*`` status;
then list its ``add`` in ``main._subcommands`` (and its name in ``main.WRITES_FILES`` if its
output is a file).
"""
