"""A fake OpenAI-compatible server on loopback: answers /v1/chat/completions from a script and
records the request bodies. A script entry is the reply text, an int (an HTTP error status),
"sleep N" (answers late), or {"tool_calls": [(name, args), ...]} (a tool-calling answer)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeOpenAI(ThreadingHTTPServer):
    """Answers /v1/chat/completions from a script; records request bodies."""

    daemon_threads = True

    def __init__(self, replies: list[Any]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies, self.requests = list(replies), []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: FakeOpenAI

    def log_message(self, *args: Any) -> None:  # keep pytest output clean
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, **body})
        reply = self.server.replies.pop(0)
        if isinstance(reply, dict):
            calls = [{"id": f"call-{n}", "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}
                     for n, (name, args) in enumerate(reply["tool_calls"])]
            message = {"role": "assistant", "content": None, "tool_calls": calls}
            return self._send(200, _completion({"index": 0, "message": message, "finish_reason": "tool_calls"}, "chat.completion"))
        if isinstance(reply, int):  # an HTTP error status, e.g. a server without json_schema
            error = {"message": "unsupported response_format", "type": "invalid_request_error"}
            return self._send(reply, {"error": error})
        if reply.startswith("sleep "):
            time.sleep(float(reply.split()[1]))
            reply = "late"
        if body.get("stream"):
            return self._stream(reply)
        message = {"role": "assistant", "content": reply}
        self._send(200, _completion({"index": 0, "message": message, "finish_reason": "stop"}, "chat.completion"))

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, reply: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for word in reply.split(" "):
            delta = {"index": 0, "delta": {"content": word + " "}, "finish_reason": None}
            self.wfile.write(f"data: {json.dumps(_completion(delta, 'chat.completion.chunk'))}\n\n".encode())
        done = _completion({"index": 0, "delta": {}, "finish_reason": "stop"}, "chat.completion.chunk")
        self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())


def _completion(choice: dict[str, Any], kind: str) -> dict[str, Any]:
    return {"id": "c1", "object": kind, "created": 0, "model": "fake", "choices": [choice]}


def fake_openai_servers() -> Iterator[Any]:
    """Yields a `start(replies) -> FakeOpenAI` function; stops every server started, afterwards."""
    servers: list[FakeOpenAI] = []

    def start(replies: list[Any]) -> FakeOpenAI:
        server = FakeOpenAI(replies)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in servers:
        server.shutdown()
        server.server_close()
