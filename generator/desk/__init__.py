"""The trainer's grading desk: answer files in; gradebook, reports and certificates out.

Modules, from the edge inwards:
- `commands`: the `course grade / report / certificates / verify` subcommands (all I/O).
- `answerfiles`: one answer file's bytes → a validated AnswerFile, or one line saying what is wrong.
- `attempts`: a validated file → a graded attempt against the current quizzes (pure).
- `batch`: many files graded into the gradebook, batch by batch.
- `gradebook`: every attempt kept in SQLite or PostgreSQL (SQLAlchemy Core).
- `analysis`: item statistics over a cohort's attempts (pure).
- `charts`, `report`, `certificates`, `outputs`: data in, text out (pure).
"""
