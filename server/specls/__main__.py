"""Allow ``python -m specls``."""

from specls.cli import main

raise SystemExit(main())
