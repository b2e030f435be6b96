"""``bhbilling company create`` and ``bhbilling user create|list|reset-mfa``: bootstrap a real install.

A new install has no company and no users; these commands create them without the admin
site. Passwords are read from standard input (never from the command line, which ends up in
shell history and process lists); a user's TOTP device is created unconfirmed and confirmed
by the user on the web enrolment page.
"""

from __future__ import annotations

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice
from rich.table import Table

from bhbilling.app.models import BillingCompany, Membership, Practice, Role
from bhbilling.entrypoints.cli.console import console
from bhbilling.kernel.errors import BhBillingError


class UserCommandError(BhBillingError):
    """Bad input to a user or company command."""


def register(sub) -> None:
    company = sub.add_parser("company", help="billing companies").add_subparsers(
        dest="company_command", required=True)
    c = company.add_parser("create", help="create a billing company")
    c.add_argument("--name", required=True)
    c.set_defaults(handler=create_company)

    users = sub.add_parser("user", help="people who sign in").add_subparsers(
        dest="user_command", required=True)
    u = users.add_parser("create", help="create a user with one role (password from stdin)")
    u.add_argument("--username", required=True)
    u.add_argument("--email", default="")
    u.add_argument("--company", required=True, help="company slug")
    u.add_argument("--role", required=True, choices=[r.value for r in Role])
    u.add_argument("--practice", help="practice id or NPI; omit for every practice of the company")
    u.set_defaults(handler=create_user)
    ls = users.add_parser("list", help="list users and their roles")
    ls.set_defaults(handler=list_users)
    r = users.add_parser("reset-mfa", help="remove a user's TOTP devices so they enrol again")
    r.add_argument("--username", required=True)
    r.set_defaults(handler=reset_mfa)


def create_company(args) -> int:
    slug = slugify(args.name)
    if BillingCompany.objects.filter(slug=slug).exists():
        raise UserCommandError(f"a company with slug {slug!r} already exists")
    company = BillingCompany.objects.create(name=args.name, slug=slug)
    console.print(f"created company [bold]{company.name}[/] (slug {company.slug})")
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise UserCommandError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def _practice(company: BillingCompany, ref: str | None) -> Practice | None:
    if not ref:
        return None
    found = Practice.unscoped.filter(company=company).filter(
        **({"id": int(ref)} if ref.isdigit() and len(ref) < 10 else {"npi": ref})).first()
    if found is None:
        raise UserCommandError(f"--practice {ref}: no practice with that id or NPI in {company.slug}")
    return found


def create_user(args) -> int:
    company = BillingCompany.objects.filter(slug=args.company).first()
    if company is None:
        raise UserCommandError(f"--company {args.company}: no company with that slug")
    practice = _practice(company, args.practice)
    User = get_user_model()
    if User.objects.filter(username=args.username).exists():
        raise UserCommandError(f"--username {args.username}: that user already exists")
    password = _read_password()
    candidate = User(username=args.username, email=args.email)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise UserCommandError("password: " + " ".join(exc.messages)) from None
    with transaction.atomic():
        user = User.objects.create_user(username=args.username, email=args.email, password=password)
        Membership.objects.create(user=user, company=company, practice=practice, role=args.role)
    where = practice.name if practice else "every practice"
    console.print(f"created [bold]{user.username}[/] as {args.role} for {where}; "
                  "they set up their authenticator at the first sign-in")
    return 0


def list_users(args) -> int:
    table = Table("username", "role", "company", "practice", "MFA")
    for m in Membership.objects.select_related("user", "company", "practice").order_by("user__username"):
        has_mfa = TOTPDevice.objects.filter(user=m.user, confirmed=True).exists()
        table.add_row(m.user.username, m.role, m.company.slug,
                      m.practice.name if m.practice else "(all)", "yes" if has_mfa else "not enrolled")
    console.print(table)
    return 0


def reset_mfa(args) -> int:
    user = get_user_model().objects.filter(username=args.username).first()
    if user is None:
        raise UserCommandError(f"--username {args.username}: no such user")
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    console.print(f"removed {deleted} device(s); {user.username} enrols again at the next sign-in")
    return 0
