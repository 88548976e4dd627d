import sys

from journal.cli import main

if __name__ == "__main__":  # a rebuild's worker processes import this module again (spawn)
    sys.exit(main())
