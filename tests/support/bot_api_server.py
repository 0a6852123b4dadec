"""A real loopback HTTP fake of the Telegram Bot API, good enough for python-telegram-bot."""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import json
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

DEFAULT_BOT_ID = 7000000001
BOT_USERNAME = "intake_test_bot"
JSONDict = dict[str, Any]
# PTB sends every value json.dumps()-encoded except plain strings; these params stay raw text.
_STRING_PARAMS = frozenset({
    "text", "url", "secret_token", "parse_mode", "caption", "callback_query_id", "action",
    "ip_address", "business_connection_id", "message_effect_id", "certificate",
})
_OK_METHODS = frozenset({"answercallbackquery", "close", "logout"})


class ApiError(Exception):
    """An error envelope to send back; the HTTP status equals error_code."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


@dataclass(frozen=True)
class SentMessage:
    """One recorded, successful sendMessage call."""

    chat_id: int | str
    text: str
    reply_markup: JSONDict | None
    parse_mode: str | None
    message_id: int
    received_at: float
    params: JSONDict = field(default_factory=dict)


def _decode_value(name: str, raw: str) -> Any:
    """Undo PTB's per-value encoding (json.dumps unless the value was a str)."""
    try:
        return raw if name in _STRING_PARAMS else json.loads(raw)
    except ValueError:
        return raw


def parse_params(content_type: str, body: bytes, query: str = "") -> JSONDict:
    """Parse Bot API params from a query string plus a JSON, urlencoded or multipart body."""
    params: JSONDict = {k: _decode_value(k, v) for k, v in parse_qsl(query)}
    ctype = content_type.split(";")[0].strip().lower()
    if not body:
        return params
    if ctype == "application/json":
        params.update(json.loads(body))
    elif ctype == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            raw = part.get_payload(decode=True)
            payload = raw if isinstance(raw, bytes) else b""
            if isinstance(name, str):  # uploaded files are kept as raw bytes
                is_file = part.get_filename() is not None
                params[name] = payload if is_file else _decode_value(name, payload.decode())
    else:  # application/x-www-form-urlencoded: PTB's encoding whenever no files are sent
        params.update({k: _decode_value(k, v)
                       for k, v in parse_qsl(body.decode(), keep_blank_values=True)})
    return params


def _user(user_id: int, first_name: str = "Test") -> JSONDict:
    return {"id": user_id, "is_bot": False, "first_name": first_name}


def _chat(chat_id: int | str, first_name: str = "Test") -> JSONDict:
    if isinstance(chat_id, int) and chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": first_name}
    return {"id": chat_id, "type": "group", "title": "Test group"}


def _message_update(update_id: int, chat_id: int, user_id: int | None, first_name: str,
                    **content: Any) -> JSONDict:
    sender = _user(user_id if user_id is not None else chat_id, first_name)
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "chat": _chat(chat_id, first_name),
        "from": sender, **content}}


def make_text_update(update_id: int, chat_id: int, text: str, user_id: int | None = None,
                     first_name: str = "Test") -> JSONDict:
    """Build an Update carrying a plain text message (message_id = update_id)."""
    return _message_update(update_id, chat_id, user_id, first_name, text=text)


def make_message_update(update_id: int, chat_id: int, user_id: int | None = None,
                        first_name: str = "Test", **content: Any) -> JSONDict:
    """Build an Update whose message carries `content` (photo=[...], sticker={...}, ...)."""
    return _message_update(update_id, chat_id, user_id, first_name, **content)


def make_command_update(update_id: int, chat_id: int, text: str = "/start",
                        user_id: int | None = None, first_name: str = "Test") -> JSONDict:
    """Build an Update with a bot_command entity, e.g. text="/start payload"."""
    if not text.startswith("/"):
        raise ValueError("command text must start with '/'")
    length = len(text.split(" ", 1)[0].encode("utf-16-le")) // 2  # entity units are UTF-16
    entities = [{"type": "bot_command", "offset": 0, "length": length}]
    return _message_update(update_id, chat_id, user_id, first_name, text=text, entities=entities)


def make_contact_update(update_id: int, chat_id: int, phone: str, contact_user_id: int | None,
                        from_user_id: int, first_name: str = "Test") -> JSONDict:
    """Build an Update carrying a shared contact (contact_user_id None = not a TG user)."""
    contact: JSONDict = {"phone_number": phone, "first_name": first_name}
    if contact_user_id is not None:
        contact["user_id"] = contact_user_id
    return _message_update(update_id, chat_id, from_user_id, first_name, contact=contact)


def make_my_chat_member_update(update_id: int, chat_id: int, user_id: int, new_status: str,
                               old_status: str | None = None,
                               bot_user_id: int = DEFAULT_BOT_ID) -> JSONDict:
    """Build a my_chat_member Update (new_status "kicked" = blocked, "member" = unblocked)."""
    old_status = old_status or ("member" if new_status == "kicked" else "kicked")
    bot = {"id": bot_user_id, "is_bot": True, "first_name": "Intake Test Bot",
           "username": BOT_USERNAME}

    def member(status: str) -> JSONDict:
        return {"status": status, "user": bot, **({"until_date": 0} if status == "kicked" else {})}

    return {"update_id": update_id, "my_chat_member": {
        "chat": _chat(chat_id), "from": _user(user_id), "date": int(time.time()),
        "old_chat_member": member(old_status), "new_chat_member": member(new_status)}}


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _handle(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        try:  # URL shape: /bot<token>/<method>
            prefix, _, rest = url.path.partition("/bot")
            token, _, method = rest.rpartition("/")
            if prefix or not token or not method:
                raise ApiError(404, "Not Found")
            params = parse_params(self.headers.get("Content-Type", ""), body, url.query)
            result = self.server.api.dispatch(token, method, params)
            status, payload = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, payload = exc.code, {"ok": False, "error_code": exc.code,
                                         "description": exc.description}
            if exc.retry_after is not None:
                payload["parameters"] = {"retry_after": exc.retry_after}
        except Exception as exc:  # malformed input or a bug in the fake: answer, don't hang up
            status = 400 if isinstance(exc, ValueError) else 500
            payload = {"ok": False, "error_code": status, "description": f"{exc!r}"}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _handle


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, api: BotApiServer) -> None:
        self.api = api
        super().__init__(("127.0.0.1", 0), _Handler)


class BotApiServer:
    """Fake Bot API served over real HTTP on 127.0.0.1:<ephemeral port>; test controls below."""

    def __init__(self, valid_token: str | None = None, max_poll_timeout: float = 2.0,
                 bot_id: int = DEFAULT_BOT_ID) -> None:
        self.valid_token, self.max_poll_timeout = valid_token, max_poll_timeout
        self.bot_user: JSONDict = {
            "id": bot_id, "is_bot": True, "first_name": "Intake Test Bot",
            "username": BOT_USERNAME, "can_join_groups": True,
            "can_read_all_group_messages": False, "supports_inline_queries": False}
        self.token: str | None = None  # last token seen in a request URL
        self.webhook: JSONDict = {}
        self._cond = threading.Condition()  # guards everything below (RLock inside)
        self._updates: list[JSONDict] = []
        self._sent: list[SentMessage] = []
        self._calls: list[tuple[str, JSONDict]] = []
        self._blocked: set[str] = set()
        self._rate_limited, self._retry_after, self._failures, self._fail_status = 0, 1, 0, 502
        self._next_message_id, self._stopping = 1, False
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> BotApiServer:
        """Bind an ephemeral port and serve in a daemon thread."""
        self._stopping, self._httpd = False, _HTTPServer(self)
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        name="fake-bot-api", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake pending long-polls, stop serving and close the socket."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._httpd is not None and self._thread is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> BotApiServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound port (server must be started)."""
        assert self._httpd is not None, "server not started"
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """Value for Bot(base_url=...) / ApplicationBuilder().base_url(...)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- test controls (thread-safe) ----
    def push_update(self, update: JSONDict) -> None:
        """Queue an Update dict for getUpdates."""
        with self._cond:
            self._updates.append(update)
            self._cond.notify_all()

    def block_chat(self, chat_id: int | str) -> None:
        """Make sendMessage/sendChatAction to chat_id answer 403 (bot blocked)."""
        with self._cond:
            self._blocked.add(str(chat_id))

    def unblock_chat(self, chat_id: int | str) -> None:
        """Undo block_chat."""
        with self._cond:
            self._blocked.discard(str(chat_id))

    def rate_limit_next(self, n: int, retry_after: int = 1) -> None:
        """Make the next n sendMessage calls answer 429 with parameters.retry_after."""
        with self._cond:
            self._rate_limited, self._retry_after = n, retry_after

    def fail_next(self, n: int, status: int = 502) -> None:
        """Make the next n calls of any method answer with HTTP error `status`."""
        with self._cond:
            self._failures, self._fail_status = n, status

    def clear(self) -> None:
        """Forget recorded calls, sent messages and queued updates."""
        with self._cond:
            self._updates, self._sent, self._calls = [], [], []

    @property
    def sent(self) -> list[SentMessage]:
        """Snapshot of successful sendMessage calls, oldest first."""
        with self._cond:
            return list(self._sent)

    def sent_to(self, chat_id: int | str) -> list[str]:
        """Texts successfully sent to chat_id."""
        return [m.text for m in self.sent if str(m.chat_id) == str(chat_id)]

    @property
    def calls(self) -> list[tuple[str, JSONDict]]:
        """Snapshot of every (method, params) received, including failed ones."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[JSONDict]:
        """Params of every call of one method (e.g. "sendMessage")."""
        return [p for m, p in self.calls if m == method]

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed via a getUpdates offset."""
        with self._cond:
            return list(self._updates)

    async def wait_for_sent(self, count: int = 1, chat_id: int | str | None = None,
                            timeout: float = 5.0) -> list[SentMessage]:
        """Await >= count sent messages (to chat_id if given) without blocking the loop."""
        deadline = time.monotonic() + timeout
        while True:
            msgs = [m for m in self.sent if chat_id is None or str(m.chat_id) == str(chat_id)]
            if len(msgs) >= count:
                return msgs
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {len(msgs)} of {count} messages sent")
            await asyncio.sleep(0.02)

    # ---- request handling (runs in HTTP handler threads) ----
    def dispatch(self, token: str, method: str, params: JSONDict) -> Any:
        """Handle one API call and return its result, or raise ApiError."""
        with self._cond:
            self._calls.append((method, params))
            self.token = token
            if self._failures > 0:
                self._failures -= 1
                phrase = {s.value: s.phrase for s in HTTPStatus}.get(self._fail_status, "Error")
                raise ApiError(self._fail_status, phrase)
        if self.valid_token is not None and token != self.valid_token:
            raise ApiError(401, "Unauthorized")
        if method.lower() in _OK_METHODS:
            return True
        if method.lower() == "getme":
            return dict(self.bot_user)
        handler = getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            raise ApiError(404, "Not Found")
        return handler(params)

    def _check_chat(self, params: JSONDict) -> Any:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        with self._cond:
            if str(chat_id) in self._blocked:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat_id

    def _api_sendchataction(self, params: JSONDict) -> Any:
        return self._check_chat(params) is not None

    def _api_sendmessage(self, params: JSONDict) -> Any:
        with self._cond:
            chat_id = self._check_chat(params)
            if self._rate_limited > 0:
                self._rate_limited -= 1
                raise ApiError(429, f"Too Many Requests: retry after {self._retry_after}",
                               retry_after=self._retry_after)
            text, markup = params.get("text"), params.get("reply_markup")
            if not text:
                raise ApiError(400, "Bad Request: message text is empty")
            message_id, self._next_message_id = self._next_message_id, self._next_message_id + 1
            self._sent.append(SentMessage(chat_id, str(text), markup, params.get("parse_mode"),
                                          message_id, time.time(), params))
        result = {"message_id": message_id, "date": int(time.time()), "chat": _chat(chat_id),
                  "from": dict(self.bot_user), "text": text}
        if isinstance(markup, dict) and "inline_keyboard" in markup:  # TG echoes only inline
            result["reply_markup"] = markup
        return result

    def _api_setwebhook(self, params: JSONDict, delete: bool = False) -> Any:
        if not delete and not params.get("url"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        keys = ("url", "secret_token", "allowed_updates", "drop_pending_updates",
                "max_connections", "ip_address")
        with self._cond:
            self.webhook = {} if delete else {k: params.get(k) for k in keys}
            if params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _api_deletewebhook(self, params: JSONDict) -> Any:
        return self._api_setwebhook(params, delete=True)

    def _api_getwebhookinfo(self, params: JSONDict) -> Any:
        with self._cond:
            info = {"url": self.webhook.get("url") or "", "has_custom_certificate": False,
                    "pending_update_count": len(self._updates)}
            if self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
            return info

    def _api_getupdates(self, params: JSONDict) -> Any:
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0),
                                          self.max_poll_timeout)
        with self._cond:
            if self.webhook.get("url"):
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is "
                                    "active; use deleteWebhook to delete the webhook first")
            if offset > 0:  # confirms (drops) everything below offset
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:  # TG semantics: keep only the last -offset updates
                self._updates = self._updates[offset:]
            while not self._updates and not self._stopping:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return list(self._updates[: max(1, min(limit, 100))])
