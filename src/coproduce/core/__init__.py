"""Small shared building blocks: the action base class."""
