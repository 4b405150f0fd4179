"""Picture choices a child can use to give their views: a symbol with words for each.

The symbols are Coproduce's own simple drawings (``web/static/coproduce/symbols/``); each always has
its words beside it, so it never relies on the picture alone.
"""

PICTURES: tuple[tuple[str, str], ...] = (
    ("happy", "Happy"),
    ("sad", "Sad"),
    ("worried", "Worried"),
    ("friends", "Being with friends"),
    ("family", "My family"),
    ("playing", "Playing"),
    ("reading", "Reading and stories"),
    ("music", "Music"),
    ("sport", "Sport and moving"),
    ("animals", "Animals"),
    ("outside", "Being outside"),
    ("quiet", "Somewhere quiet"),
    ("help", "Someone to help me"),
    ("computer", "Computers and games"),
)

PICTURE_CHOICES = list(PICTURES)
PICTURE_WORDS = dict(PICTURES)
