"""The `intake` command line."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from bot.errors import CliError
from bot.logs import configure_logging
from bot.settings import Settings, load_settings

Command = Callable[[argparse.Namespace, Settings], int]


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.memory import limit_malloc_arenas

    limit_malloc_arenas()  # before any thread starts (docs/performance.md)
    import uvicorn

    from bot import startup
    from bot.app import create_app
    from bot.conversation.when import warm_up
    from bot.logs import uvicorn_log_config
    from store.db import make_engine
    from store.migrate import upgrade

    startup.refuse_weak_secrets(settings)
    startup.announce(settings)
    engine = make_engine(settings.database_url, settings.database_bounds)
    if engine.dialect.name == "sqlite":
        upgrade(engine)  # the embedded default needs no separate step
    warm_up()
    port = args.port or int(os.environ.get("PORT", "8000"))
    uvicorn.run(create_app(settings, engine), host=args.host, port=port,
                log_level=settings.log_level.lower(), log_config=uvicorn_log_config())
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from store.db import make_engine
    from store.migrate import upgrade

    # A migration may rebuild a big table: no short statement bound here, the others stay.
    upgrade(make_engine(settings.database_url, settings.batch_database_bounds))
    print("database is at the latest migration")
    return 0


def _worker(args: argparse.Namespace, settings: Settings) -> int:
    from bot import startup
    from bot.memory import limit_malloc_arenas

    limit_malloc_arenas()
    from bot.outbox.worker import run_worker

    # The worker signs office webhooks and talks to Twilio and Telegram with the same
    # secrets the web app checks: a placeholder is as guessable here as there.
    startup.refuse_weak_secrets(settings)
    startup.announce(settings)
    return run_worker(settings)


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    # The terminal is the conversation: migration progress is not for the texter to read
    # (and alembic logs as soon as it is imported).
    logging.getLogger("alembic").setLevel(logging.WARNING)
    from bot.console import run_console

    return run_console(settings, phone=args.phone, channel=args.channel)


def _leads_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.leads_csv import run_import

    return run_import(settings, args.file, dry_run=args.dry_run, staff=args.staff)


def _leads_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.leads_csv import run_export

    return run_export(settings, archived=args.archived)


def _leads_merge(args: argparse.Namespace, settings: Settings) -> int:
    from bot.leads_csv import run_merge

    return run_merge(settings, args.keep_id, args.duplicate_id, staff=args.staff)


def _consent_verify(args: argparse.Namespace, settings: Settings) -> int:
    from bot.consent_tools import verify

    return verify(settings)


def _consent_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.consent_tools import export

    return export(settings, fmt=args.format, since=args.since, phone=args.phone)


def _consent_report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.consent_report import run

    return run(settings, since=args.since, until=args.until, fmt=args.format)


def _telegram_set_webhook(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.telegram_cli import run_set_webhook

    return run_set_webhook(settings, args.url)


def _telegram_poll(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.telegram_cli import run_poll

    return run_poll(settings)


def _consent_verbal(args: argparse.Namespace, settings: Settings) -> int:
    from bot.consent_tools import verbal

    return verbal(settings, phone=args.phone, staff=args.staff, script_file=args.script_file,
                  call_reference=args.call_reference)


def build_parser() -> argparse.ArgumentParser:
    """All subcommands and their flags."""
    parser = argparse.ArgumentParser(prog="intake", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the web app (webhooks, API, dashboard)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 8000")
    serve.set_defaults(func=_serve)

    sub.add_parser("worker", help="run the outbox dispatcher on its own").set_defaults(
        func=_worker)

    db = sub.add_parser("db", help="database migrations").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="apply migrations to DATABASE_URL").set_defaults(
        func=_db_upgrade)

    chat = sub.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--phone", default="+15555550100", help="the texter's phone (E.164)")
    chat.add_argument("--channel", default="sms", choices=["sms", "telegram"],
                      help="sms: the phone is the caller id; telegram: the bot asks for it")
    chat.set_defaults(func=_chat)

    leads = sub.add_parser("leads", help="lead import, export and merge").add_subparsers(
        dest="leads", required=True)
    leads_import = leads.add_parser("import", help="create or update leads from a .csv or "
                                                   ".xlsx file (matched by phone, email, "
                                                   "name + ZIP)")
    leads_import.add_argument("file")
    leads_import.add_argument("--dry-run", action="store_true",
                              help="print the report, store nothing")
    leads_import.add_argument("--staff", default=None, help="who imports (on the timeline)")
    leads_import.set_defaults(func=_leads_import)
    leads_export = leads.add_parser("export", help="every lead as CSV on stdout")
    leads_export.add_argument("--archived", action="store_true",
                              help="the archived leads instead")
    leads_export.set_defaults(func=_leads_export)
    merge = leads.add_parser("merge", help="fold a duplicate lead into the one kept")
    merge.add_argument("keep_id", type=int, metavar="KEEP_ID")
    merge.add_argument("duplicate_id", type=int, metavar="DUPLICATE_ID")
    merge.add_argument("--staff", default=None, help="who merges (on the timeline)")
    merge.set_defaults(func=_leads_merge)

    consent = sub.add_parser("consent", help="the consent ledger").add_subparsers(
        dest="consent", required=True)
    export = consent.add_parser("export", help="write the ledger to stdout")
    export.add_argument("--format", choices=["csv", "json"], default="csv")
    export.add_argument("--since", default=None, help="ISO date or datetime (UTC if no offset)")
    export.add_argument("--phone", default=None)
    export.set_defaults(func=_consent_export)
    consent.add_parser("verify", help="check the hash chain").set_defaults(func=_consent_verify)
    verbal = consent.add_parser("verbal", help="record a verbal opt-in taken on a call")
    verbal.add_argument("--phone", required=True, help="the caller's number")
    verbal.add_argument("--staff", required=True, help="who took the consent")
    verbal.add_argument("--script-file", required=True, help="the exact script that was read")
    verbal.add_argument("--call-reference", default=None, help="call id or recording ref")
    verbal.set_defaults(func=_consent_verbal)
    report = consent.add_parser("report", help="the compliance report for a period; exit 1 "
                                "when something was sent that should not have been")
    report.add_argument("--since", default=None, help="ISO date or datetime (business time "
                        "zone if no offset); default: the beginning")
    report.add_argument("--until", default=None, help="ISO date (that day included) or "
                        "datetime; default: now")
    report.add_argument("--format", choices=["csv", "json"], default="json")
    report.set_defaults(func=_consent_report)

    telegram = sub.add_parser("telegram", help="Telegram webhook and polling").add_subparsers(
        dest="telegram", required=True)
    hook = telegram.add_parser("set-webhook", help="register the webhook with the secret token")
    hook.add_argument("url", help="public https URL of POST /telegram/webhook (a bare host "
                                  "gets that path)")
    hook.set_defaults(func=_telegram_set_webhook)
    telegram.add_parser("poll", help="fetch updates by polling and reply (development)"
                        ).set_defaults(func=_telegram_poll)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `intake` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"]).upper()
            print(f"intake: configuration error in {field}: {error['msg']}", file=sys.stderr)
        return 2
    configure_logging(settings)
    try:
        return int(args.func(args, settings))
    except CliError as exc:
        print(f"intake: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
