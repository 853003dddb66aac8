"""The command line behind ``advisor-planner`` (``advisor_planner.__main__`` is only its entry
point; its docstring lists the commands).

- ``main``: the parser and ``main(argv)``; a plain ``[--db PATH]`` launch is read without
  argparse, so opening the app pays for neither it nor any command module.
- ``app``: opening the app (no command), the only command module on the start-up path.
- ``check``, ``backup``, ``restore``, ``demo``, ``report``, ``import_``, ``export``,
  ``encrypt``, ``decrypt``, ``change_passphrase``: one module per command (``import_``
  because ``import`` is a keyword).
- ``common``: what they share: the exit codes, one-line errors, the ``--db`` option with
  the secrets that go with it (``add_db_option``: ``--passphrase-file`` and
  ``--recovery-key-file``), ``db_path``, ``say_plain`` (the line saying an output file is
  not encrypted), and ``run``, which turns any failure into one line and an exit status
  (``--debug`` shows the traceback).
- ``opening``: ``database(args, writing=...)``, the one context manager that opens a
  database for a command (lock, unlocking an encrypted file, start-up check, migration;
  read-only for a command that only reads) and closes it; ``locked``, the instance lock
  alone; and ``unlock``, which commands that do not open through ``database`` call first.
- ``passphrases``: reading a secret from a file, asking for one on the terminal (a new
  passphrase twice), and showing a new recovery key once.

Opening a database goes through ``services.session`` (``opening.database`` wraps its
``opened``) and unlocking it through ``services.encryption``, as the app's start-up does;
no command imports ``store`` or peewee (the ``forbidden`` contract in pyproject.toml's
``[tool.importlinter]`` holds them to it).

**Encrypted databases.** Every command that opens one unlocks it first, from
``--passphrase-file``, ``--recovery-key-file``, the OS keychain or the terminal, and exits 2
in one line when it has none of them (``opening``'s docstring has the order and why
``decrypt`` and ``change-passphrase`` skip the keychain). What a command writes outside the
database is plain by nature: ``report`` (a PDF) and ``export`` (JSON, CSV) say so in one
line; ``backup`` copies stay encrypted with the database's key.

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
