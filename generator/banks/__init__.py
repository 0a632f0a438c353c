"""Question banks: the course's questions in and out of other systems.

Out: `course export --questions xlsx` writes one workbook (rows.py lays out the sheets,
xlsx_export.py writes them byte for byte the same on every run); `--questions moodle` writes
Moodle XML (moodle.py). In: `course import` reads a trainer's workbook (xlsx_read.py), turns its
rows into questions or problems at their cells (xlsx_import.py for sheets, rowread.py for one
row, with cells.py and columns.py for the many spellings of headers and answers) and writes a
commented quiz file (quizyaml.py). commands.py is the only module that touches files.
"""
