"""Briefs: the model types, the brief format and schema, reading and writing briefs, merging
a fresh extraction with a person's edits, and checking them."""
