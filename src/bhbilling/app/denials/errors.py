"""The workbench's refusal: the message names the denial or claim and what is expected."""

from bhbilling.kernel.errors import BhBillingError

__all__ = ["DenialActionRefused"]


class DenialActionRefused(BhBillingError):
    """A workbench action is not allowed for this denial now; the message says why."""
