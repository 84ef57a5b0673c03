"""``Problem``: the one type for what is wrong with a user's input, used by every stage.

A problem names its file, and where it can its line and column, and says what is wrong; the
site also records the page that shows it. It is raised to stop a command (``brief`` prints it
as one line and exits 1), or collected: ``brief check`` reports every one, ``mkdocs build
--strict`` fails on them, ``mkdocs serve`` shows each on its page. Problems are values: equal
when their fields are, sorted by place, and they survive pickling between processes.
"""
from __future__ import annotations

from pathlib import Path


class Problem(Exception):
    """``path:line:column: message`` (the parts that are known), and the page that shows it."""

    def __init__(self, path: str | Path | None, message: str, line: int | None = None,
                 column: int | None = None, page: str | None = None):
        self.path = str(path) if path is not None else None
        self.message = message
        self.line = line
        self.column = column
        self.page = page
        super().__init__(str(self))

    @classmethod
    def from_yaml(cls, path, error, what: str = "invalid YAML") -> Problem:
        """A PyYAML or ruamel.yaml error, placed at the line and column it names."""
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        return cls(path, f"{what}: {problem}", mark.line + 1 if mark else None,
                   mark.column + 1 if mark else None)

    def _key(self) -> tuple:
        return (self.path, self.line, self.column, self.message, self.page)

    def sort_key(self) -> tuple:
        """The order problems are reported in: by file, line, column, then message."""
        return (self.path or "", self.line or 0, self.column or 0, self.message)

    def __eq__(self, other) -> bool:
        return isinstance(other, Problem) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Problem) -> bool:
        return self.sort_key() < other.sort_key()

    def __reduce__(self):   # so that a problem raised in a worker process unpickles
        return (self.__class__, (self.path, self.message, self.line, self.column, self.page))

    def __repr__(self) -> str:
        return f"Problem({self.path!r}, {self.message!r}, {self.line!r}, {self.column!r}, {self.page!r})"

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


# The name the code raised it by until the problem types became one (the same class).
BriefsmithError = Problem
