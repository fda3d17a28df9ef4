"""Speed and quality benchmark of the collation engine (``make bench``)."""
