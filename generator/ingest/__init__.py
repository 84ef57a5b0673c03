"""Ingest: seed files -> ``Article`` (untouched text, furniture marked, metadata), then
sentences and their anchors (``Document``)."""
