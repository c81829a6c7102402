"""The id rules every boundary shares: the HTTP schema, the service, the UI and the stores.

One pattern per kind of id, so a value the published schema accepts is a value the service accepts
(and the other way round). Item ids are bounded to SQLite's signed 64-bit integers.
"""

from __future__ import annotations

import re

from muse.errors import InvalidInputError

USER_ID_PATTERN = r"^[A-Za-z0-9_.:@-]{1,64}$"
SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{1,128}$"
IMAGE_ID_PATTERN = r"^[A-Za-z0-9_-]{1,128}$"
TENANT_PATTERN = r"^[A-Za-z0-9_-]{1,32}$"
#: A user id inside a tenant, as the service and the stores see it: "tenant/user". The external rule
#: has no "/", so no interface that takes a plain user id (the UI, Telegram, the CLI) can reach one.
SCOPED_USER_ID_PATTERN = r"^(?:[A-Za-z0-9_-]{1,32}/)?[A-Za-z0-9_.:@-]{1,64}$"
MAX_ITEM_ID = 2**63 - 1

USER_ID = re.compile(USER_ID_PATTERN)
SESSION_ID = re.compile(SESSION_ID_PATTERN)
IMAGE_ID = re.compile(IMAGE_ID_PATTERN)
TENANT = re.compile(TENANT_PATTERN)
SCOPED_USER_ID = re.compile(SCOPED_USER_ID_PATTERN)

USER_ID_RULE = "user_id must be 1-64 characters of letters, digits, '_', '-', '.', ':' or '@'"
SESSION_ID_RULE = "session_id must be 1-128 letters, digits, '_' or '-'"
ITEM_ID_RULE = f"item_id must be a whole number from 0 to {MAX_ITEM_ID}"


def _full(pattern: re.Pattern[str], value: object) -> bool:
    return isinstance(value, str) and pattern.fullmatch(value) is not None


def check_user_id(user_id: object) -> str:
    """A plain or tenant-scoped user id, or InvalidInputError."""
    if not _full(SCOPED_USER_ID, user_id):
        raise InvalidInputError(USER_ID_RULE)
    return user_id  # type: ignore[return-value]


def check_session_id(session_id: object) -> str:
    if not _full(SESSION_ID, session_id):
        raise InvalidInputError(SESSION_ID_RULE)
    return session_id  # type: ignore[return-value]


def check_item_id(item_id: object) -> int:
    """An item id that fits SQLite's INTEGER (bool and floats with a fraction refused)."""
    if isinstance(item_id, bool) or not isinstance(item_id, int) or not 0 <= item_id <= MAX_ITEM_ID:
        raise InvalidInputError(ITEM_ID_RULE)
    return item_id


def is_image_id(image_id: object) -> bool:
    return _full(IMAGE_ID, image_id)


def scope_user(tenant: str | None, user_id: str) -> str:
    """The stored id of `user_id` in `tenant` (None: the unscoped default namespace)."""
    return user_id if tenant is None else f"{tenant}/{user_id}"


def unscope_user(tenant: str | None, stored: str) -> str:
    """The id a tenant knows for a stored user id (inverse of `scope_user`)."""
    prefix = "" if tenant is None else f"{tenant}/"
    return stored[len(prefix):] if prefix and stored.startswith(prefix) else stored
