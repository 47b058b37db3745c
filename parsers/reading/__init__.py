"""Readers of a customer's words, one module per field or family of fields, over `parsers.vocabulary`.

`parsers.extract` composes them into `Fields`; each reader is a pure function over text.
"""
