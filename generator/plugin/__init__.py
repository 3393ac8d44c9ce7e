"""The MkDocs plugin ``studysite`` (:mod:`~generator.plugin.plugin`) and its machinery.

Its options (:mod:`~generator.plugin.options`), what it adds to an author's configuration
(:mod:`~generator.plugin.site_config`), what it checks on every page
(:mod:`~generator.plugin.page_safety`), the offline copy (:mod:`~generator.plugin.offline_site`),
and what makes ``mkdocs serve`` quick and builds safe (Markdown cache, theme cache, polling,
staging, fragments). :mod:`~generator.plugin.other_builders` writes the same additions down
for builders that run no plugin.
"""
