"""The `intake` command as a person runs it: real processes, a real SQLite file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

INTAKE = [sys.executable, "-m", "bot.cli"]
ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None,
        stdin: str = "") -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items()
                if not k.startswith(("TWILIO_", "TELEGRAM_", "OFFICE_", "DATABASE_URL"))}
    full_env["PYTHONPATH"] = str(ROOT)
    full_env.update(env or {})
    return subprocess.run(INTAKE + args, cwd=cwd, env=full_env, input=stdin, text=True,
                          capture_output=True, timeout=60)


def test_config_error_names_the_variable(tmp_path: Path) -> None:
    result = run(["db", "upgrade"], tmp_path, {"DEFAULT_REGION": "ZZ"})
    assert result.returncode == 2
    assert "DEFAULT_REGION" in result.stderr and "Traceback" not in result.stderr


def test_db_upgrade_then_chat_then_consent_verify_and_export(tmp_path: Path) -> None:
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    assert (tmp_path / "intake.db").exists()
    chat = run(["chat", "--phone", "+15551234567"], tmp_path, stdin="hi\nAnn Lee\nSTOP\nhi\n")
    assert chat.returncode == 0, chat.stderr
    assert "Msg & data rates may apply" in chat.stdout
    assert "Is (555) 123-4567 the best number" in chat.stdout
    assert chat.stdout.count("unsubscribed") == 1
    verify = run(["consent", "verify"], tmp_path)
    assert verify.returncode == 0 and "1 events" in verify.stdout
    exported = run(["consent", "export", "--format", "json"], tmp_path)
    [event] = json.loads(exported.stdout)["items"]
    assert (event["kind"], event["text"], event["channel"]) == ("opt_out", "STOP", "console")
    csv_out = run(["consent", "export", "--since", "2020-01-01"], tmp_path)
    assert csv_out.stdout.splitlines()[0].startswith("id,phone,chat_id")


def test_bad_flags_are_cli_errors(tmp_path: Path) -> None:
    result = run(["chat", "--phone", "not-a-phone"], tmp_path)
    assert result.returncode == 2 and "--phone" in result.stderr
    since = run(["consent", "export", "--since", "yesterday-ish"], tmp_path)
    assert since.returncode == 2 and "--since" in since.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_starts_on_sqlite_with_no_credentials(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TWILIO_", "TELEGRAM_", "OFFICE_", "DATABASE_URL"))}
    env.update(PYTHONPATH=str(ROOT), PORT=str(port))
    proc = subprocess.Popen(INTAKE + ["serve"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert json.load(r)["status"] == "ok"
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    output = proc.stdout.read() if proc.stdout else ""
                    pytest.fail(f"serve did not come up: {output}")
                time.sleep(0.2)
        assert (tmp_path / "intake.db").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_leads_import_and_export(tmp_path: Path) -> None:
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    (tmp_path / "in.csv").write_text("phone,first_name,last_name\n5551230009,Al,Bo\nbad,X,Y\n")
    imported = run(["leads", "import", "in.csv"], tmp_path)
    assert imported.returncode == 0
    assert "created 1, updated 0, skipped 1" in imported.stdout
    assert "line 3: skipped" in imported.stdout
    exported = run(["leads", "export"], tmp_path)
    assert "Al,Bo,,+15551230009,,,,,,import," in exported.stdout
    missing = run(["leads", "import", "nope.csv"], tmp_path)
    assert missing.returncode == 2 and "cannot read nope.csv" in missing.stderr
