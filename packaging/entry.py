"""The bundle's entry script: PyInstaller starts from a file, not a module, so this is
``python -m advisor_planner`` for the frozen app (the same ``cli.main.main``)."""

import sys

from advisor_planner.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
