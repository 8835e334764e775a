"""The translation workflow; for now its quality checks on translated text (see ``qa``)."""
