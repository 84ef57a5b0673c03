"""Every cache of Briefsmith, and what they are made of, around the stages.

The small interface the stages and commands use:

- ``state.state_dir(briefs)``: where state lives (``.cache/briefsmith/<briefs>/``, never in
  ``briefs/``);
- ``stamps.stamp(path)`` and ``stamps.fingerprint(*parts)``: what an entry is keyed on;
- ``files.atomic_write`` / ``atomic_file`` / ``stage``: every file written whole;
- ``forking``: work spread over forked workers; ``collector.paused_gc``: the collector paused;
- the caches themselves: ``extraction`` (which seeds changed, the records of the cross-source
  step), ``documents`` (segmented articles kept for the site), ``check`` (``brief check``'s
  results per brief) and ``site`` (parsed briefs, views, analysis and pages: the
  ``site.load.Store`` that ``load_site`` and ``render_site`` are given).
"""
