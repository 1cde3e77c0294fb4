"""``python -m pyaot``: the ``pyaot`` command (see :mod:`pyaot.cli`)."""

import sys

from pyaot.cli import main

if __name__ == "__main__":
    sys.exit(main())
