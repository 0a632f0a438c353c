"""Access codes, derived seeds and opaque ids: the numbers both sides must agree on."""

import hashlib
import re

import pytest

from generator.integrity import codes, opaque, seeds
from quizhelpers import make_quiz, multiple, ordering, scenario, single, true_false


def test_new_codes_are_8_random_symbols_and_a_check_symbol():
    made = {codes.new_code() for _ in range(500)}
    assert len(made) == 500
    for code in made:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]",
                            code)
        assert codes.problem(code) is None


@pytest.mark.parametrize("data, check", [
    ("00000000", "0"), ("00000001", "1"), ("0000000Z", "Z"),  # 31
    ("00000014", "U"),  # 1 * 32 + 4 = 36, the last check symbol
    ("00000015", "0"),  # 37 wraps
    ("ZZZZZZZZ", "F"),  # 2**40 - 1 = 1099511627775, mod 37 = 15
    ("0000000Y", "Y"), ("00000012", "$"),  # 30; 34 = 1 * 32 + 2
])
def test_the_check_symbol_is_crockford_mod_37(data, check):
    assert codes.check_symbol(data) == check


def test_typing_is_forgiving_and_typos_are_caught():
    good = "7KQ2-M9XD-" + codes.check_symbol("7KQ2M9XD")
    assert codes.normalise(" 7kq2 m9xd-" + good[-1].lower()) == good.replace("-", "")
    assert codes.printed("7kq2m9xd" + good[-1]) == good
    assert codes.normalise("oil0") == "0110"
    assert codes.problem(good) is None
    assert codes.problem(good.replace("K", "M", 1)) == (
        "the last symbol does not match: a letter or digit is mistyped")
    swapped = "K7Q2-M9XD-" + good[-1]
    assert codes.problem(swapped) == "the last symbol does not match: a letter or digit is mistyped"
    assert codes.problem("7KQ2-M9X") == (
        "an access code has 9 letters and digits (XXXX-XXXX-X), this has 7")
    assert codes.problem("7KQ2-M9XU-0") == "'U' is not used in access codes"


def test_every_single_typo_and_neighbour_swap_is_caught():
    data = "7KQ2M9XD"
    code = data + codes.check_symbol(data)
    for i in range(8):
        for c in codes.SYMBOLS:
            if c != data[i]:
                typo = data[:i] + c + data[i + 1:]
                assert codes.check_symbol(typo) != code[-1]
        if i < 7 and data[i] != data[i + 1]:
            swap = data[:i] + data[i + 1] + data[i] + data[i + 2:]
            assert codes.check_symbol(swap) != code[-1]


def test_derived_seeds():
    expected = int.from_bytes(hashlib.sha256("cs-017\n3f2a9b1c0d7e4a51\n1".encode())
                              .digest()[:4], "big")
    assert seeds.derived_seed(" CS-017 ", "3f2a9b1c0d7e4a51", 1) == expected
    assert seeds.derived_seed("cs-017", "3f2a9b1c0d7e4a51", 2) != expected
    assert seeds.derived_seed("ｃｓ-017", "v", 1) != seeds.derived_seed("cs-017", "v", 1)
    assert seeds.normalised_id("Ǆ\u0041\u030a ") == "ǆå"  # NFC, case-folded, trimmed


QUIZ = make_quiz(single("s"), multiple("m"), true_false("t"), ordering("o"), scenario("c"))
SALT = "0123456789abcdef0123456789abcdef"


def test_opaque_ids_have_one_shape_and_say_nothing():
    ids = opaque.OpaqueIds(QUIZ, SALT)
    every = [ids.question(q.id) for q in QUIZ.questions]
    every += [v for q in ids.questions.values() for v in (*q.items.values(), *q.nodes.values())]
    assert len(set(every)) == len(every)
    for value in every:
        assert re.fullmatch(r"x[a-z2-7]{11}", value) and opaque.looks_opaque(value)
    for word in ("good", "bad", "best", "end", "start", "mid", "fine"):
        assert not any(word in value for value in every)


def test_opaque_ids_follow_the_definition_and_need_the_salt():
    import base64
    import hmac

    message = "q|choice|c|start|good".encode()
    digest = hmac.new(SALT.encode(), message, hashlib.sha256).digest()
    expected = "x" + base64.b32encode(digest).decode()[:11].lower()
    ids = opaque.OpaqueIds(QUIZ, SALT)
    assert ids.item("c", "good") == expected
    assert opaque.OpaqueIds(QUIZ, "f" * 32).item("c", "good") != expected
    assert opaque.OpaqueIds(QUIZ, SALT).item("c", "good") == expected  # stable


def test_answers_map_back_and_unknown_values_are_named():
    ids = opaque.OpaqueIds(QUIZ, SALT)
    assert ids.authored_question(ids.question("o")) == "o"
    assert ids.authored_answer("o", [ids.item("o", s) for s in "dcba"]) == list("dcba")
    assert ids.authored_answer("s", ids.item("s", "b")) == "b"
    assert ids.authored_answer("t", True) is True
    with pytest.raises(opaque.UnknownId) as caught:
        ids.authored_answer("s", "b")  # an authored id in an opaque file
    assert caught.value.value == "b"
