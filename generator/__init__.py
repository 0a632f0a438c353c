"""Merchant training course generator: YAML lessons and quizzes in, a static course site out."""

__version__ = "0.1.0"
