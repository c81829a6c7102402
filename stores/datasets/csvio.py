"""Strict line readers: every error names the file and the line."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from muse.errors import DataError


def _open_binary(path: Path) -> IO[bytes]:
    try:
        return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")
    except OSError as exc:
        raise DataError(f"cannot open: {exc.strerror or exc}", path=str(path)) from exc


def text_lines(path: Path, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """(line number, text without newline) for each line, decoding strictly line by line."""
    with _open_binary(path) as handle:
        try:
            for number, raw in enumerate(handle, start=1):
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError as exc:
                    raise DataError(
                        f"not valid {encoding} (byte {exc.start} of the line); convert the file to {encoding}",
                        path=str(path), line=number,
                    ) from exc
                yield number, text.rstrip("\r\n")
        except (OSError, EOFError) as exc:  # truncated gzip and the like
            raise DataError(f"cannot read: {exc}", path=str(path)) from exc


def csv_rows(path: Path, header: list[str], encoding: str = "utf-8") -> Iterator[tuple[int, list[str]]]:
    """Rows of a CSV file whose first line must start with `header`; each row has exactly that width."""
    lines = text_lines(path, encoding)
    numbers: list[int] = []

    def feed() -> Iterator[str]:
        for number, text in lines:
            numbers.append(number)
            yield text

    reader = csv.reader(feed())
    try:
        first = next(reader)
    except StopIteration:
        raise DataError("empty file, expected a header line " + ",".join(header), path=str(path), line=1) from None
    except csv.Error as exc:
        raise DataError(f"malformed CSV: {exc}", path=str(path), line=1) from exc
    if [h.strip().lstrip("\ufeff") for h in first[: len(header)]] != header:
        raise DataError(f"header is {first!r}, expected it to start with {header!r}", path=str(path), line=1)
    width = len(first)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DataError(f"malformed CSV: {exc}", path=str(path), line=numbers[-1]) from exc
        if not row:
            continue
        if len(row) != width:
            raise DataError(f"expected {width} fields, found {len(row)}: {','.join(row)[:120]!r}",
                            path=str(path), line=numbers[-1])
        yield numbers[-1], row


def split_rows(path: Path, sep: str, width: int, encoding: str) -> Iterator[tuple[int, list[str]]]:
    """Rows of a separator-delimited file without header (MovieLens .dat / u.data / u.item)."""
    for number, text in text_lines(path, encoding):
        if not text.strip():
            continue
        row = text.split(sep)
        if len(row) != width:
            raise DataError(f"expected {width} fields separated by {sep!r}, found {len(row)}: {text[:120]!r}",
                            path=str(path), line=number)
        yield number, row


def as_int(value: str, path: Path, line: int, what: str) -> int:
    try:
        return int(value.strip())
    except ValueError:
        raise DataError(f"{what} {value!r} is not an integer", path=str(path), line=line) from None


def as_float(value: str, path: Path, line: int, what: str) -> float:
    try:
        return float(value.strip())
    except ValueError:
        raise DataError(f"{what} {value!r} is not a number", path=str(path), line=line) from None
