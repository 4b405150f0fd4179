"""Pure-Python domain rules: no Django, no apps. Plain values in, plain values out."""
