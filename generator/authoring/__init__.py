"""Authoring tools: the new-exam scaffold, the data files' JSON Schemas and the reference."""
