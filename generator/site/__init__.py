"""The site: briefs -> view model -> Markdown pages (templates), and the MkDocs plugin."""
