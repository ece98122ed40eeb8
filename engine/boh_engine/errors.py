"""Errors raised on bad input.

Every problem with user data is reported as :class:`InputError`, which carries
the file, the 1-based line number in that file (header is line 1) and the column
involved, so that a caller (CLI, Odoo) can show a precise message instead of a
traceback from deep inside a library.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input data or parameter, located by file, row and column."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message
