"""The content model and its loading: typed models read from YAML, and walks over trees."""
