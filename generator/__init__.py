"""Briefsmith: news articles in, grounded YAML briefs and a cited briefing site out."""
__version__ = "0.1.0"
