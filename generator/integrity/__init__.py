"""What makes an answer file trustworthy: its canonical content and signature, access codes,
derived seeds, opaque ids in assessment pages, and the registry of published quiz versions.

Pure functions, except `registry`'s reading and appending (the registry is a file). The quiz
widget mirrors `canonical`, `signing`, `codes` (the check symbol) and `seeds`; the tests pin the
exact bytes and numbers both sides must produce.
"""
