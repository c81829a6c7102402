"""One exception root for Muse, with a few subclasses that say what happened."""

from __future__ import annotations


class MuseError(Exception):
    """Root of every error Muse raises on purpose."""


class DataError(MuseError):
    """A dataset file is missing, malformed, or of the wrong kind."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class NotFoundError(MuseError):
    """An id (user, item, session, checkpoint) that does not exist."""


class InvalidInputError(MuseError):
    """Input from a person, a bot or an LLM that cannot be used as it is."""


class ForbiddenError(InvalidInputError):
    """An id that exists but belongs to someone else (another user's session, another tenant's data)."""


class BackendUnavailableError(MuseError):
    """A backend (LLM server, vector server, model weights) cannot be reached or loaded."""
