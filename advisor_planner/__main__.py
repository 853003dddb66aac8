"""The one entry point: ``advisor-planner`` opens the app; subcommands serve scripts and tests.

::

    advisor-planner [--db PATH]                      open the app
    advisor-planner check  [--db PATH]               integrity and foreign-key check
    advisor-planner backup [--db PATH] [--to FILE]   copy the database with SQLite's backup API
    advisor-planner restore [--db PATH] (--latest | --from BACKUP)   put a backup in its place
    advisor-planner demo --db PATH --size small|large [--seed N]   write sample data
    advisor-planner report [--db PATH] --out FILE.pdf [--from D] [--to D]
                    [--include-private] [--audience me|mentor] [--paper a4|letter]
    advisor-planner import [--db PATH] FILE [--dry-run] [--add-unknown] [--merge]
                    [--until YYYY-MM-DD]       contacts, meetings, a CSV or an archive
    advisor-planner export [--db PATH] --out FILE.json|FILE.csv [--what LIST]
    advisor-planner encrypt [--db PATH] [--passphrase-file FILE]   prints the recovery key
    advisor-planner decrypt [--db PATH]              store it plain again
    advisor-planner change-passphrase [--db PATH] [--new-passphrase-file FILE]

Every command but ``encrypt`` also takes ``--passphrase-file FILE`` or
``--recovery-key-file FILE`` for an encrypted database (else the key the keychain remembers,
except for ``decrypt`` and ``change-passphrase``, else a prompt on a terminal); ``demo
--passphrase-file`` encrypts a new sample database. Reports and exports are never encrypted.

The database is ``--db``, else ``$ADVISOR_PLANNER_DB``, else a file in the user's data folder
(``advisor_planner.paths``). This module is only the entry point, for ``python -m
advisor_planner`` and the ``advisor-planner`` gui-script: the commands live in
``advisor_planner.cli``, one module each (its docstring says how to add one).
"""

from __future__ import annotations

import sys

from advisor_planner.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
