"""The one exception configuration loading raises."""

from __future__ import annotations


class ConfigError(Exception):
    """A configuration problem the operator must fix before the terminal starts.

    ``str(error)`` is the message to show as is: it names the file, the line,
    the key or the environment variable, and what is wrong. When several
    problems are found at once, ``problems`` holds one line per problem and
    the message lists them all, so one round of editing fixes the file.
    """

    def __init__(self, message: str, *, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = problems or (message,)

    def __str__(self) -> str:
        return str(self.args[0])
