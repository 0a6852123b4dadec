"""A real SMTP server (aiosmtpd) on 127.0.0.1, recording every message it accepts."""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass(frozen=True)
class Mail:
    """One accepted message: the envelope and the parsed message."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        """The plain-text body."""
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None, "no text/plain part"
        return str(part.get_content()).replace("\r\n", "\n")  # SMTP lines end in CRLF


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.server.lock:
            self.server.attempts += 1
            if self.server.failures:
                self.server.failures -= 1
                return "451 4.3.0 Try again later"
        message = message_from_bytes(envelope.original_content or envelope.content,
                                     policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self.server.lock:
            self.server.mails.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


class _Controller(Controller):
    """Controller on a socket we bound ourselves: an ephemeral port, known before start."""

    def __init__(self, handler: Any, sock: socket.socket, **kwargs: Any) -> None:
        self._sock = sock
        super().__init__(handler, hostname="127.0.0.1", port=sock.getsockname()[1], **kwargs)

    def _create_server(self) -> Any:
        return self.loop.create_server(self._factory_invoker, sock=self._sock)


class SmtpServer:
    """aiosmtpd with AUTH (plain text allowed: it is loopback); `fail_next` answers 451."""

    def __init__(self, username: str = "office", password: str = "s3cret") -> None:
        self.username, self.password = username, password
        self.lock = threading.Lock()
        self.mails: list[Mail] = []
        self.failures = 0
        self.attempts = 0
        self._controller: _Controller | None = None

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                      auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == self.username
              and auth_data.password.decode() == self.password)
        return AuthResult(success=ok, handled=False)

    def start(self) -> SmtpServer:
        """Bind 127.0.0.1:<ephemeral> and serve in aiosmtpd's thread."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self._controller = _Controller(_Handler(self), sock, loop=asyncio.new_event_loop(),
                                       authenticator=self._authenticate,
                                       auth_require_tls=False)
        self._controller.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._controller is not None:
            self._controller.stop()
            self._controller.loop.close()
        self._controller = None

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port."""
        assert self._controller is not None
        return int(self._controller.port)

    @property
    def url(self) -> str:
        """An SMTP_URL for this server, with its credentials."""
        return f"smtp://{self.username}:{self.password}@127.0.0.1:{self.port}"

    def fail_next(self, n: int) -> None:
        """Answer DATA of the next n messages with 451 (a temporary failure)."""
        with self.lock:
            self.failures = n

    def received(self) -> list[Mail]:
        """Accepted messages, oldest first."""
        with self.lock:
            return list(self.mails)
