"""A fault of the store, as the reason a page gives in plain words.

Every exception the store meets ends here: the caller gets an empty answer and the page one
sentence ("Work is not being kept on the server: the server's disk is full."), never a
traceback. Transient faults (a full disk, a lock, a server away) are retried; anything else
(a bug of ours, a value the database refuses) drops the one write that caused it.
"""

from __future__ import annotations

import errno

from sqlalchemy import exc

NOT_KEPT = "Work is not being kept on the server: {reason}; the app keeps trying."

# Words in the database's own message -> the reason, for the faults a teacher can fix.
_MESSAGES = (
    (("disk is full", "no space left", "could not extend file", "diskfull"),
     "the server's disk is full"),
    (("readonly database", "read-only file system", "read-only transaction"),
     "the store's folder is read-only"),
    (("unable to open database file", "permission denied"),
     "the store's folder cannot be written to"),
    (("database is locked", "database table is locked", "lock timeout"),
     "another program holds a lock on the store"),
    (("file is not a database", "malformed", "corrupt"),
     "the store's database file is damaged (the teacher can move it away)"),
    (("disk i/o error",), "the server's disk reported an error"),
    (("connection refused", "could not connect", "connection failed", "timeout expired",
      "server closed the connection", "name or service not known", "no route to host",
      "connection to server", "terminating connection"),
     "the database server cannot be reached"),
    (("deadlock", "could not serialize", "duplicate key", "unique constraint"),
     "two servers saved at the same moment"),
    (("statement timeout", "canceling statement"), "the database server did not answer in time"),
)  # fmt: skip

_ERRNO = {
    errno.ENOSPC: "the server's disk is full",
    errno.EROFS: "the store's folder is read-only",
    errno.EACCES: "the store's folder cannot be written to",
    errno.EPERM: "the store's folder cannot be written to",
    errno.ENOTDIR: "the store's folder cannot be made where WORKSHOP_DATA_DIR says",
}


class ReadTimeout(Exception):
    """A read that did not answer within its bound (the store is slow or hung)."""


def reason(error: BaseException) -> str:
    """What went wrong, in words a teacher can act on (the end of a sentence)."""
    if isinstance(error, ReadTimeout):
        return "the store did not answer within a second"
    if isinstance(error, exc.TimeoutError):
        return "the store is too busy to answer"
    if isinstance(error, OSError) and error.errno in _ERRNO:
        return _ERRNO[error.errno]
    original = getattr(error, "orig", None) or error
    text = f"{type(original).__name__} {original}".lower()
    for words, said in _MESSAGES:
        if any(word in text for word in words):
            return said
    return f"the store failed ({type(original).__name__})"


def sentence(error: BaseException) -> str:
    """The one sentence the page shows while work is not being kept."""
    return NOT_KEPT.format(reason=reason(error))


def is_transient(error: BaseException) -> bool:
    """True when trying the same write again later may work (the fault is the store's, not
    the write's)."""
    if isinstance(error, OSError | ReadTimeout | exc.TimeoutError):
        return True
    if isinstance(error, exc.DBAPIError):
        # Operational (disk, lock, connection), a damaged file (DatabaseError), a table that
        # vanished (ProgrammingError) and two servers inserting one key (IntegrityError):
        # all may pass. Only a value the database refuses (DataError) never will.
        return not isinstance(error, exc.DataError)
    return False
