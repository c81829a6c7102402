"""Hostile requests for the HTTP API, by category (issue 13's 71 HTTP 500s, generalised).

`python -m tests.ui.hostile > tests/ui/fixtures/hostile_requests.jsonl` regenerates the fixture the
tests replay; a test checks the file and this generator agree. Bodies are base64 (some are not UTF-8).
"""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass

JSON = "application/json"
SURROGATES = ("\\ud800", "\\udfff", "\\ud83d")  # lone surrogate escapes, as JSON text
NON_NUMBERS = ("NaN", "Infinity", "-Infinity", "1e999999", "-1e999999")
HUGE_INTS = (str(2**63), str(2**64), "-1", str(-(2**63) - 1), "1" + "0" * 30, "1e30", "9" * 5000)
BAD_UTF8 = (b"\xff\xfe", b"\xed\xa0\x80", b"\xc3\x28", b"\xf0\x28\x8c\x28")
VALID = {
    "/v1/chat": {"user_id": '"u1"', "session_id": '"s1"', "message": '"I loved Alien"'},
    "/v1/feedback": {"user_id": '"u1"', "item_id": "1", "value": "1", "session_id": '"s1"'},
}
PATHS = ("/v1/profile/{}", "/v1/images/{}")


@dataclass(frozen=True)
class Hostile:
    name: str
    method: str
    path: str
    content_type: str | None
    body_b64: str

    @property
    def body(self) -> bytes:
        return base64.b64decode(self.body_b64)


def _post(name: str, path: str, body: bytes, content_type: str | None = JSON) -> Hostile:
    return Hostile(name, "POST", path, content_type, base64.b64encode(body).decode())


def _json_object(fields: dict[str, str]) -> bytes:
    """A JSON object from raw JSON value texts (so NaN and lone surrogate escapes survive verbatim)."""
    return ("{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}").encode()


def _with(path: str, field: str, raw: str) -> bytes:
    return _json_object({**VALID[path], field: raw})


def surrogates() -> Iterator[Hostile]:
    for path, fields in VALID.items():
        for field, value in fields.items():
            if not value.startswith('"'):
                continue
            for escape in SURROGATES:
                yield _post(f"surrogate {escape} in {path} {field}", path, _with(path, field, value[:-1] + " " + escape + '"'))
        yield _post(f"surrogate in a key of {path}", path, _json_object({**fields, "x\\ud800": "1"}))
    for template in PATHS:  # percent-encoded surrogate / invalid UTF-8 in a path id
        for raw in ("%ED%A0%80", "u1%ED%A0%80", "%F0%28%8C%28"):
            yield Hostile(f"encoded bad bytes in {template}", "GET", template.format(raw), None, "")
        if template.startswith("/v1/profile"):
            yield Hostile(f"encoded bad bytes in DELETE {template}", "DELETE", template.format("%ED%A0%80"), None, "")


def non_numbers() -> Iterator[Hostile]:
    for path, fields in VALID.items():
        for field in fields:
            for raw in NON_NUMBERS:
                yield _post(f"{raw} as {path} {field}", path, _with(path, field, raw))
        for raw in NON_NUMBERS:
            yield _post(f"{raw} as the whole {path} body", path, raw.encode())


def invalid_utf8() -> Iterator[Hostile]:
    for path in VALID:
        for bad in BAD_UTF8:
            body = _with(path, "user_id", '"u1"').replace(b'"u1"', b'"u1' + bad + b'"', 1)
            for content_type in (JSON, "text/plain", None, "application/x-www-form-urlencoded"):
                yield _post(f"invalid UTF-8 {bad!r} in {path} as {content_type}", path, body, content_type)
            yield _post(f"raw bytes {bad!r} as {path}", path, bad, None)


def huge_ids() -> Iterator[Hostile]:
    for raw in HUGE_INTS:
        yield _post(f"item_id {raw[:24]}", "/v1/feedback", _with("/v1/feedback", "item_id", raw))
        if raw != "-1":  # a valid 👎
            yield _post(f"value {raw[:24]}", "/v1/feedback", _with("/v1/feedback", "value", raw))
    for path, fields in VALID.items():
        for field, value in fields.items():
            if value.startswith('"'):
                yield _post(f"{path} {field} of 3,000 characters", path, _with(path, field, '"' + "a" * 3000 + '"'))
                if field != "message":  # ids only: a message may be 2,000 characters
                    yield _post(f"{path} {field} of 129 characters", path, _with(path, field, '"' + "a" * 129 + '"'))
                yield _post(f"{path} {field} a number {HUGE_INTS[0]}", path, _with(path, field, HUGE_INTS[0]))
    for template in PATHS:
        yield Hostile(f"id of 200 characters in {template}", "GET", template.format("a" * 200), None, "")
        yield Hostile(f"id of 20k characters in {template}", "GET", template.format("a" * 20_000), None, "")


def hostile_requests() -> list[Hostile]:
    return [*surrogates(), *non_numbers(), *invalid_utf8(), *huge_ids()]


def main() -> None:
    for request in hostile_requests():
        sys.stdout.write(json.dumps(asdict(request), ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
