"""The package's browser assets: widget scripts and styles, and the theme overrides.

Shipped as package data; :mod:`generator.assets.bundle` joins and minifies the sources.
"""
