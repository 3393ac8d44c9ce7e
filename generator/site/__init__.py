"""The site: the bank laid out as pages, with their views, text, diagrams and templates."""
