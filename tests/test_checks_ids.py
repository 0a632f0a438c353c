"""generator.checks.ids: ids and file names."""



from coursefolder import lesson, make_course, problems


def test_id_must_match_file_name(here):
    make_course(here, lessons={"rules/refund-rules": lesson(), "rules/other": lesson("another")})
    assert problems(here) == [
        "content/rules/other.yml:1:5: id 'another' does not match the file name 'other.yml' — "
        "rename the file to another.yml or change the id to other"]


def test_id_mismatch_suggests_only_a_valid_id(here):
    make_course(here, lessons={"rules/refund-rules": lesson(),
                               "rules/Other Notes": lesson("other")})
    assert problems(here) == [
        "content/rules/Other Notes.yml:1:5: id 'other' does not match the file name "
        "'Other Notes.yml' — rename the file to other.yml"]


def test_duplicate_lesson_ids_across_sections(here):
    make_course(here, lessons={"rules/refund-rules": lesson(),
                               "communication/refund-rules": lesson()})
    assert problems(here) == [
        "content/communication/refund-rules.yml:1:5: lesson id 'refund-rules' is also used by "
        "content/rules/refund-rules.yml — give each lesson its own id"]


def test_duplicate_section_ids(here):
    course = ("title: t\naudience: a\nsections:\n  - id: rules\n    title: A\n"
              "  - id: rules\n    title: B\n")
    make_course(here, course=course)
    assert problems(here) == [
        "content/course.yml:6:9: duplicate section id 'rules' (first used on line 4) — "
        "ids must be unique; rename one of them"]
