from __future__ import annotations

import sys

from generator.commands import main

sys.exit(main(prog="python -m generator"))
