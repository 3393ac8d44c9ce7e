"""The MkDocs integration: the hook, and the machinery it relies on."""
