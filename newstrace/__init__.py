"""newstrace: which news reports are copies of which, what they say, and where they disagree."""
__version__ = "0.1.0"
