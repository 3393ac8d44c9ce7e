"""Build tests: MkDocs (or the pipeline writing docs/) on a project copy; files and HTML."""
