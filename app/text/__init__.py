"""Texts as read: decoding, the rules' normalization and its offset maps."""
