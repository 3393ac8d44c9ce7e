"""Study-site generator: YAML study data to Markdown pages for MkDocs + Material.

The pipeline is load -> check -> site -> render -> files; :func:`generator.pipeline.generate`
runs it. One subpackage per concern: ``content`` (the model, loading, tree walks), ``checks``,
``site`` (layout, page and widget views, text, templates), ``plugin`` (MkDocs), ``authoring``,
``publishing``, ``formats`` and ``commands`` (one module per command).

Design notes live beside the code: ``README.md`` in this folder (the package map and its
house rules) and in each subpackage (the decisions and what they bought), and each module's
docstring (for the plugin's modules, the private MkDocs or Material details they rely on).
"""

from __future__ import annotations

from generator.errors import BuildError, DataError, GeneratorError, Problem

__all__ = ["BuildError", "DataError", "GeneratorError", "Problem"]
