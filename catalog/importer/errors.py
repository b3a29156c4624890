"""The one kind of error an import reports: what is wrong, in which file, at which line."""


class SourceError(Exception):
    """A source file the importer cannot accept; the message names the file and the line."""

    def __init__(self, message, line=None, path=None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path

    def __str__(self):
        where = str(self.path or "<text>")
        if self.line:
            where += f", line {self.line}"
        return f"{where}: {self.message}"
