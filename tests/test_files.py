"""`muse.files.replaced_atomically`: the new file in one step, or the old one untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from muse.files import replaced_atomically


def test_the_block_s_file_replaces_the_old_one_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    path = tmp_path / "index.npz"
    path.write_text("old")
    with replaced_atomically(path) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".npz" and tmp != path
        tmp.write_text("new")
        assert path.read_text() == "old"  # readers see the old file until the block ends
    assert path.read_text() == "new" and sorted(p.name for p in tmp_path.iterdir()) == ["index.npz"]


def test_a_failed_write_keeps_the_old_file_and_removes_its_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "hstu.pt"
    path.write_text("old")
    with pytest.raises(OSError), replaced_atomically(path) as tmp:
        tmp.write_text("half")
        raise OSError("disk full")
    assert path.read_text() == "old" and sorted(p.name for p in tmp_path.iterdir()) == ["hstu.pt"]
