"""Study-site generator: YAML study data to Markdown pages for MkDocs + Material.

The pipeline is ``load`` -> ``checks`` -> ``render``; :func:`generator.pipeline.build` runs it.
"""

from __future__ import annotations

from generator.errors import BuildError, DataError, GeneratorError, Problem

__all__ = ["BuildError", "DataError", "GeneratorError", "Problem"]
