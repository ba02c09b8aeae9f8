"""Apiary: a lakehouse for small compute. ``from apiary import Apiary``."""

from ._client import Apiary
from .errors import (
    AccessDenied,
    ApiaryError,
    BackpressureError,
    ConflictError,
    InvalidInputError,
    MemoryExceededError,
    NotFoundError,
    SchemaError,
)

__version__ = "0.1.0"

__all__ = [
    "Apiary",
    "ApiaryError",
    "NotFoundError",
    "InvalidInputError",
    "SchemaError",
    "ConflictError",
    "AccessDenied",
    "MemoryExceededError",
    "BackpressureError",
]
