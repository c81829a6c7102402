"""API keys and tenants: who a caller is, and the namespace their user ids live in.

`MUSE_API_KEYS=tenantA:key1,tenantB:key2` (and/or the lines of `MUSE_API_KEYS_FILE`) gives each key
a tenant. A bare `key` (or `default:key`) belongs to the default tenant, whose user ids are the plain
ones the UI, Telegram and the CLI use, so deployments from before tenants keep their users. A named
tenant's user `u1` is stored as `tenantA/u1`; no plain id contains "/", so one tenant can never name
another's users. Keys are compared in constant time, and the keys file is re-read when its
modification time or size changes (checked at most once a second): rotate keys without a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from muse.errors import InvalidInputError
from muse.ids import TENANT, scope_user, unscope_user

log = logging.getLogger("muse.api")
DEFAULT_TENANT = "default"


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated caller: its tenant (None = the default, unscoped namespace) and the identity
    its requests are rate-limited under."""

    tenant: str | None
    rate_key: str

    def scope(self, user_id: str) -> str:
        return scope_user(self.tenant, user_id)

    def unscope(self, stored_user_id: str) -> str:
        return unscope_user(self.tenant, stored_user_id)


@dataclass(frozen=True, slots=True)
class _Key:
    tenant: str | None
    digest: bytes


def parse_keys(entries: Iterable[str], source: str) -> list[_Key]:
    """`tenant:key` or bare `key` entries; blank entries and `#` comments skipped."""
    keys: list[_Key] = []
    for number, raw in enumerate(entries, 1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        tenant, sep, key = entry.partition(":")
        if not sep:
            tenant, key = DEFAULT_TENANT, entry
        if not TENANT.fullmatch(tenant) or not key.strip():
            raise InvalidInputError(f"{source}: entry {number}: expected `tenant:key` (tenant: 1-32 letters, digits, '_' or '-') or a bare key")
        keys.append(_Key(None if tenant == DEFAULT_TENANT else tenant, _digest(key.strip())))
    return keys


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()


class Keyring:
    """The accepted keys: fixed ones from settings plus a file re-read on change."""

    def __init__(self, keys: Iterable[str], path: Path | None = None, *, clock: Callable[[], float] = time.monotonic,
                 check_every_s: float = 1.0) -> None:
        self._fixed = parse_keys(keys, "MUSE_API_KEYS")
        self._path, self._clock, self._check_every_s = path, clock, check_every_s
        self._from_file: list[_Key] = []
        self._stamp: tuple[int, int] | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()
        if path is not None:
            self._reload(strict=True)

    def configured(self) -> bool:
        self._maybe_reload()
        return bool(self._fixed or self._from_file)

    def caller(self, authorization: str) -> Caller | None:
        """The caller an `Authorization: Bearer KEY` header belongs to, or None."""
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        self._maybe_reload()
        digest = _digest(token.strip())
        found: _Key | None = None
        for key in [*self._fixed, *self._from_file]:  # every key compared: no early exit, no timing hint
            if hmac.compare_digest(digest, key.digest):
                found = key
        if found is None:
            return None
        return Caller(found.tenant, "key:" + digest.hex()[:16])

    def _maybe_reload(self) -> None:
        if self._path is None or self._clock() - self._checked < self._check_every_s:
            return
        with self._lock:
            self._reload(strict=False)

    def _reload(self, *, strict: bool) -> None:
        assert self._path is not None
        self._checked = self._clock()
        try:
            stat = self._path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
            if stamp == self._stamp:
                return
            keys = parse_keys(self._path.read_text(encoding="utf-8").splitlines(), str(self._path))
        except (OSError, UnicodeDecodeError, InvalidInputError) as exc:
            if strict and not isinstance(exc, FileNotFoundError):
                raise InvalidInputError(f"API keys file: {exc}") from exc
            if isinstance(exc, FileNotFoundError):
                self._from_file, self._stamp = [], None  # a removed file revokes its keys
            log.warning("API keys file %s not (re)loaded: %s; keeping %d keys from it", self._path,
                        type(exc).__name__, len(self._from_file))
            return
        self._from_file, self._stamp = keys, stamp
        log.info("API keys file %s loaded: %d keys", self._path, len(keys))


class ImageTags:
    """Image ids as a tenant sees them: `<id>-<tag>`, the tag an HMAC of the tenant and the id under
    a per-home secret, so an image id handed to one tenant is a 404 for every other."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def external(self, tenant: str | None, image_id: str) -> str:
        return f"{image_id}-{self._tag(tenant, image_id)}"

    def internal(self, tenant: str | None, external_id: str) -> str | None:
        image_id, sep, tag = external_id.rpartition("-")
        if not sep or not image_id or not hmac.compare_digest(tag, self._tag(tenant, image_id)):
            return None
        return image_id

    def _tag(self, tenant: str | None, image_id: str) -> str:
        message = f"{tenant or ''}\0{image_id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:16]


def home_secret(home: Path, name: str = "api-secret") -> bytes:
    """A random secret kept under the Muse home (created once, owner-only), shared by all workers."""
    path = home / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f".{name}.{os.getpid()}")
        staged.write_text(secrets.token_hex(32), encoding="utf-8")
        staged.chmod(0o600)
        try:
            os.link(staged, path)  # atomic and never overwrites: two workers starting at once agree
        except FileExistsError:
            pass
        finally:
            staged.unlink()
    return bytes.fromhex(path.read_text(encoding="utf-8").strip())
