"""One TLS context shared by every outgoing office client."""

from __future__ import annotations

import functools
import ssl

import httpx


@functools.cache
def tls_context() -> ssl.SSLContext:
    """httpx's default context (certifi's CAs), built once: loading the CAs costs ~40 ms."""
    return httpx.create_ssl_context()
