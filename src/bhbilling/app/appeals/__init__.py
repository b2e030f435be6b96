"""Appeals in the app: start from a denial, send, decide, next level, reminders, letter PDF."""
