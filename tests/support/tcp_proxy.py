"""A loopback TCP proxy in front of a real server, for faults we control: freeze, cut, refuse.

The shared PostgreSQL server must never be stopped or frozen; the app talks to this proxy
instead, and the test makes the database "freeze" (bytes stop flowing both ways, sockets
stay open, as a hung server or a dead network path looks), "go away" (every connection
cut, new ones refused) and come back.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class TcpProxy:
    """127.0.0.1:<port> forwarding to `upstream`."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._flowing = threading.Event()
        self._flowing.set()
        self._refusing = False
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._closed = False
        self.accepted = 0
        threading.Thread(target=self._accept, name="tcp-proxy", daemon=True).start()

    def freeze(self) -> None:
        """Stop passing bytes (connections stay open; new ones are accepted, then hang)."""
        self._flowing.clear()

    def thaw(self) -> None:
        """Pass bytes again, the held ones first."""
        self._flowing.set()

    def cut(self, refuse: bool = True) -> None:
        """Close every connection; with `refuse`, close new ones at once until `restore`."""
        self._refusing = refuse
        with self._lock:
            doomed, self._sockets = self._sockets, set()
        for sock in doomed:
            _close(sock)

    def restore(self) -> None:
        """Accept and forward connections again."""
        self._refusing = False
        self._flowing.set()

    def close(self) -> None:
        """Stop listening and drop everything."""
        self._closed = True
        self._flowing.set()
        self.cut()
        _close(self._listener)

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self.accepted += 1
            if self._refusing:
                _close(client)
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._sockets.update((client, server))
            for src, dst in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                self._flowing.wait()
                dst.sendall(data)
        except OSError:
            pass
        finally:
            _close(src)
            _close(dst)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
