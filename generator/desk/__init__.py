"""The trainer's grading desk: answer files in; gradebook, reports and certificates out.

Modules, from the edge inwards:
- `commands`, `roster_commands`: the `course grade / report / certificates / verify / roster`
  subcommands (all I/O); `atomic`: outputs written whole or not at all.
- `batch`: finding answer files (every entry not graded named) and grading them batch by batch.
- `answerfiles`: one answer file's bytes → validated data (`answerdata`) and its canonical
  document, or one line saying what is wrong.
- `attempts`: a validated file → a graded attempt against the current quizzes and the registry of
  published versions (pure); with `timing` (times, lateness), `identity` (roster, signature,
  seed) and `paper` (the draw replayed, ids mapped, changed questions).
- `gradebook`: every attempt, the roster and certificates, in SQLite or PostgreSQL (SQLAlchemy
  Core).
- `roster`: a trainer's CSV → learners (pure); `codesheet`: the printable slips (pure).
- `analysis`: item statistics over a cohort's attempts (pure).
- `charts`, `report`, `certificates`, `outputs`: data in, text out (pure); `escape`: learner-made
  text made safe to show in a terminal. Their words come from the catalogue (`catalogue.py`).
"""
