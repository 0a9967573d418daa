"""A small SMTP server on the loopback address for the fault tests: it speaks enough of the
protocol for Django's SMTP backend and keeps every message it accepted, so a test can count
them by Message-ID. It can also be absent: a port that nothing listens on refuses connections."""

from __future__ import annotations

import email
import socket
import socketserver
import threading
import time
from collections import Counter
from contextlib import contextmanager


def free_port() -> int:
    """A loopback port nothing listens on (until a test starts its server there)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Session(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        self._reply("220 localhost test ESMTP")
        in_data, lines = False, []
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if in_data:
                if line == ".":
                    self.server.accept("\r\n".join(lines))
                    in_data, lines = False, []
                    self._reply("250 queued")
                else:
                    lines.append(line[1:] if line.startswith("..") else line)
                continue
            verb = line[:4].upper()
            if verb == "EHLO":
                self._reply("250-localhost", "250 8BITMIME")
            elif verb == "DATA":
                in_data = True
                self._reply("354 end with <CRLF>.<CRLF>")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                self._reply("250 ok")

    def _reply(self, *lines: str) -> None:
        self.wfile.write("".join(f"{line}\r\n" for line in lines).encode())


class SMTPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port: int, delay: float = 0.0):
        super().__init__(("127.0.0.1", port), _Session)
        self.delay = delay
        self.messages: list[email.message.Message] = []
        self._lock = threading.Lock()

    def accept(self, text: str) -> None:
        time.sleep(self.delay)  # a server that takes its time makes workers overlap
        with self._lock:
            self.messages.append(email.message_from_string(text))

    def message_ids(self) -> Counter:
        with self._lock:
            return Counter(message["Message-ID"] for message in self.messages)


@contextmanager
def smtp_server(port: int, delay: float = 0.0):
    server = SMTPServer(port, delay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
