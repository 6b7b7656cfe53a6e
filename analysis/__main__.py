"""``python -m analysis``: the command line (see :mod:`analysis.cli`)."""

import sys

if __name__ == "__main__":
    try:
        from .cli import main
    except KeyboardInterrupt:  # Ctrl-C while the libraries load: one line, no traceback
        print("pressconf: interrupted.", file=sys.stderr)
        sys.exit(130)
    sys.exit(main())
