"""Coproduce: families and practitioners write EHC plans and design local SEND services together."""

__version__ = "0.1.0"
