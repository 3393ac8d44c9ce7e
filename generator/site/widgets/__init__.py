"""Widget views: what each widget's template and script read, one module a widget."""
