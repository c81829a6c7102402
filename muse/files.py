"""Writing a file so that readers and other writers never see half of it."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replaced_atomically(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` for the block to write; when the block ends, it replaces `path`
    in one step, so a reader sees the old file or the new one. The temporary name is this process's
    and thread's own (two writers never share one) and keeps `path`'s suffix (`np.savez` adds ".npz"
    otherwise); it is removed if the block fails."""
    tmp = path.with_name(f"{path.stem}.{os.getpid()}-{threading.get_ident()}.tmp{path.suffix}")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
