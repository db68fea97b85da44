"""Entry point for ``python -m analysis``."""

from analysis.cli.main import main

raise SystemExit(main())
