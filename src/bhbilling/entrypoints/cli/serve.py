"""``bhbilling serve``: the development server, with the demo logins and MFA help on screen.

It runs Django's ``runserver`` (no auto-reload) with static files served by WhiteNoise
(``WHITENOISE_USE_FINDERS``), for a laptop demo only; production runs a WSGI server.
"""

from __future__ import annotations

import time

from rich.panel import Panel


def register(sub) -> None:
    p = sub.add_parser("serve", help="run the web app locally and show the demo logins")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(handler=handle)


def login_help(host: str, port: int) -> str:
    """The text of the start-up panel: URL, demo users, password and how to pass MFA."""
    from django.contrib.auth import get_user_model

    from bhbilling.app.demo import current_totp, is_demo_user, totp_secret_base32
    from bhbilling.domain.demo import DEMO_PASSWORD

    url = f"http://{host}:{port}"
    lines = [f"Open [bold]{url}[/bold]", ""]
    demo = [u for u in get_user_model().objects.filter(
        email__iendswith="@demo.bhbilling.invalid").order_by("id") if is_demo_user(u)]
    if not demo:
        lines.append("No demo users: run [bold]bhbilling demo[/bold] to load the demo data.")
        return "\n".join(lines)
    first = demo[0].username
    remaining = 30 - int(time.time()) % 30
    lines += [
        "Demo users: " + ", ".join(u.username for u in demo),
        f"Password (demo only, never for real data): [bold]{DEMO_PASSWORD}[/bold]",
        "",
        "MFA: add this secret to an authenticator app (TOTP, 6 digits, 30 s):",
        f"  [bold]{totp_secret_base32(first)}[/bold]",
        f"Current code: [bold]{current_totp(first)}[/bold] (changes in {remaining} s); "
        "a fresh one: [bold]bhbilling demo totp[/bold]",
    ]
    return "\n".join(lines)


def handle(args) -> int:
    from django.core.management import call_command

    from bhbilling.entrypoints.cli.console import console

    console.print(Panel(login_help(args.host, args.port), title="bhbilling demo",
                        expand=False))
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return 0
