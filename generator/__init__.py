"""Study-site generator: YAML study data to Markdown pages for MkDocs + Material.

The pipeline is load -> check -> site -> render -> files; :func:`generator.pipeline.generate`
runs it. One subpackage per concern: ``content`` (the model, loading, tree walks), ``checks``,
``site`` (layout, page and widget views, text, templates), ``plugin`` (MkDocs), ``authoring``,
``publishing``, ``formats`` and ``commands`` (one module per command).
"""

from __future__ import annotations

from generator.errors import BuildError, DataError, GeneratorError, Problem

__all__ = ["BuildError", "DataError", "GeneratorError", "Problem"]
