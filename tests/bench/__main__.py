"""``python -m tests.bench``: run the benchmark, or ``readme`` to regenerate the README's table."""

from tests.bench.cli import main

raise SystemExit(main())
