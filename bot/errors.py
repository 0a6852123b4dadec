"""Errors the edges turn into a clear answer."""


class CliError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback and exits 2."""
