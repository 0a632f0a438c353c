"""The floor for `course check`: read and parse a course's YAML files with PyYAML's C loader, and
nothing else. Run as `python bench/parse_floor.py COURSE_FOLDER` (a fresh process, like the
command it is compared with)."""

import sys
from pathlib import Path

import yaml

root = Path(sys.argv[1])
files = sorted([*root.glob("content/**/*.yml"), *root.glob("quizzes/*.yml")])
for path in files:
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
