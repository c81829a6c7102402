"""Fetching MovieLens archives from GroupLens on request, with a checksum, into a cache."""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from muse.errors import DataError

BASE_URL = "https://files.grouplens.org/datasets/movielens"


@dataclass(frozen=True)
class Archive:
    name: str
    md5: str | None  # None: read GroupLens' published `<zip>.md5` next to the archive

    @property
    def url(self) -> str:
        return f"{BASE_URL}/{self.name}.zip"


ARCHIVES = {
    "ml-100k": Archive("ml-100k", "0e33842e24a9c977be4e0107933c0723"),
    "ml-1m": Archive("ml-1m", "c4d9eecfca2ab87c1945afe126590906"),
    "ml-20m": Archive("ml-20m", "cd245b17a1ae2cc31bb14903e1204af3"),
    "ml-25m": Archive("ml-25m", "6b51fb2759a8657d3bfcbfc42b592ada"),
    "ml-32m": Archive("ml-32m", None),
}


def md5_of(path: Path) -> str:
    digest = hashlib.md5()  # noqa: S324 - GroupLens publishes MD5 sums
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _published_md5(archive: Archive, timeout: float) -> str:
    with urllib.request.urlopen(archive.url + ".md5", timeout=timeout) as response:
        text = response.read().decode("ascii", "replace")
    match = re.search(r"\b[0-9a-f]{32}\b", text)
    if not match:
        raise DataError(f"no MD5 sum in {archive.url}.md5")
    return match.group(0)


def fetch(archive: Archive, cache: Path, *, timeout: float = 30.0) -> Path:
    """The archive's zip in `cache`, downloading it first if absent; verified by MD5 either way."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"{archive.name}.zip"
    try:
        expected = archive.md5 or _published_md5(archive, timeout)
        if not target.exists():
            _download(archive.url, target, timeout)
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise DataError(
            f"cannot download {archive.url} ({exc}). Offline? Put {archive.name}.zip at {target} "
            f"(or pass --dataset /path/to/{archive.name}, a directory or zip)"
        ) from exc
    actual = md5_of(target)
    if actual != expected:
        raise DataError(f"MD5 {actual} does not match {expected}; delete the file and retry", path=str(target))
    return target


def _download(url: str, target: Path, timeout: float) -> None:
    partial = target.with_suffix(".part")
    with urllib.request.urlopen(url, timeout=timeout) as response, partial.open("wb") as out:
        total = int(response.headers.get("Content-Length") or 0) or None
        with tqdm(total=total, unit="B", unit_scale=True, desc=target.name) as bar:
            for block in iter(lambda: response.read(1 << 20), b""):
                out.write(block)
                bar.update(len(block))
    partial.replace(target)


def extract(zip_path: Path, into: Path) -> Path:
    """Unpack a zip once (re-used afterwards) and return the folder holding its files."""
    target = into / zip_path.stem
    marker = target / ".complete"
    if not marker.exists():
        try:
            with zipfile.ZipFile(zip_path) as archive:
                for member in archive.namelist():
                    if member.startswith("/") or ".." in Path(member).parts:
                        raise DataError(f"unsafe path {member!r} in archive", path=str(zip_path))
                archive.extractall(target)
        except zipfile.BadZipFile as exc:
            raise DataError(f"not a valid zip file ({exc})", path=str(zip_path)) from exc
        marker.touch()
    return target
