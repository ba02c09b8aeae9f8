"""Exceptions raised by the Apiary SDK.

Every error is an :class:`ApiaryError`, which is a :class:`RuntimeError`. The message is the one
Apiary's Java core wrote: what went wrong, with the values, and how to fix it.
"""


class ApiaryError(RuntimeError):
    """Root of every Apiary error.

    Attributes:
        category: ``"USER"``, ``"CONFLICT"``, ``"RESOURCE"``, ``"EXTERNAL"`` or ``"INTERNAL"``
            (``None`` for errors raised in Python, such as calling before ``start()``).
        java_class: the fully qualified name of the Java exception, if one was raised.
    """

    def __init__(self, message, category=None, java_class=None):
        super().__init__(message)
        self.category = category
        self.java_class = java_class


class NotFoundError(ApiaryError):
    """A hive, box, frame or version does not exist."""


class InvalidInputError(ApiaryError, ValueError):
    """An invalid name, type, argument or statement."""


class SchemaError(ApiaryError):
    """Data offered for a write does not fit the frame's schema; nothing was written."""


class ConflictError(ApiaryError):
    """Another writer won a race; retrying the whole operation may succeed."""


class AccessDenied(ApiaryError):
    """SQL tried to reach the host (files, network, settings) or do what it may not."""


class MemoryExceededError(ApiaryError):
    """A task went over the memory of the bees it held."""


class BackpressureError(ApiaryError):
    """The colony is too hot to take the work now."""


__all__ = [
    "ApiaryError",
    "NotFoundError",
    "InvalidInputError",
    "SchemaError",
    "ConflictError",
    "AccessDenied",
    "MemoryExceededError",
    "BackpressureError",
]
