"""``python -m ecomap``: the same command line as the ``ecomap`` console script."""

from ecomap.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
