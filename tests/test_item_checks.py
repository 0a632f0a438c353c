"""generator.items.checks: each item-quality check, its thresholds, and silencing one.

Pure tests build quizzes in code and compare findings whole (check, key path, message, hint);
the tests at the end go through `course check` for file:line:column and --strict.
"""


from generator.items.checks import Finding, check_items
from generator.items.thresholds import ItemChecks
from quizhelpers import make_quiz

LESSON = "refund-rules#完好的标准"
LONGEST_HINT = ("give wrong options the same detail and care, or shorten correct ones, until "
                "the longest is right in at most 40%")


def option(oid: str, text: str, correct: bool = False) -> dict:
    return {"id": oid, "text": text, "correct": correct}


def single(qid: str, *options: dict, **fields) -> dict:
    return {"id": qid, "type": "single", "prompt": "怎么办？", "lesson": LESSON,
            "options": list(options), **fields}


def statement(qid: str, answer: bool, prompt: str = "说法", **fields) -> dict:
    return {"id": qid, "type": "true_false", "prompt": prompt, "answer": answer,
            "lesson": LESSON, **fields}


def spread(qid: str) -> int:
    """A key position that varies with the question (q1 → B, q2 → C, q3 → D, q4 → A …)."""
    return int(qid[-1]) % 4 if qid[-1].isdigit() else 1


def even(qid: str, key: int | None = None) -> dict:
    """A single-choice question whose four options are equally long, the key at `key`."""
    key = spread(qid) if key is None else key
    return single(qid, *(option(o, f"选项{o}", i == key) for i, o in enumerate("abcd")))


def long_key(qid: str, key: int | None = None) -> dict:
    """Four options, the key (at `key`) the one strictly longest."""
    key = spread(qid) if key is None else key
    return single(qid, *(option(o, "先核对签收时间再同意" if i == key else f"做法{o}xx", i == key)
                         for i, o in enumerate("abcd")))


DEFAULTS = ItemChecks()


def findings(*questions: dict, thresholds: ItemChecks = DEFAULTS, policies=None,
             **fields) -> list[Finding]:
    return check_items(make_quiz(*questions, **fields), thresholds, policies)


def named(found: list[Finding], check: str) -> list[Finding]:
    return [f for f in found if f.check == check]


# longest-key -------------------------------------------------------------------------------

def test_key_strictly_longest_in_more_than_two_fifths_of_the_questions():
    found = findings(long_key("q1"), long_key("q2"), even("q3"), even("q4"))
    assert found == [Finding(
        "longest-key", ("questions", 0, "options", 1),
        "the correct option is the strictly longest in 2 of 4 single-choice questions (50%, "
        "more than 40%): q1, q2", LONGEST_HINT, ("q1", "q2"))]


def test_key_longest_in_two_fifths_is_fine():
    assert named(findings(long_key("q1"), long_key("q2"), even("q3"), even("q4"), even("q5")),
                 "longest-key") == []


def test_a_key_that_ties_for_longest_is_not_strictly_longest():
    tie = single("q1", option("a", "先核对签收时间", True), option("b", "直接同意退款吧"),
                 option("c", "拒绝"))
    assert named(findings(tie, tie | {"id": "q2"}, tie | {"id": "q3"}, even("q4")),
                 "longest-key") == []


def test_a_quiz_with_few_single_choice_questions_is_not_judged_on_shares():
    assert findings(long_key("q1"), long_key("q2"), long_key("q3")) == []
    few = ItemChecks(single_min_questions=3)
    assert [f.check for f in findings(long_key("q1"), long_key("q2"), long_key("q3"),
                                      thresholds=few)] == ["longest-key"]


def test_longest_key_share_is_tunable():
    quiz = (long_key("q1"), long_key("q2"), even("q3"), even("q4"))
    assert findings(*quiz, thresholds=ItemChecks(longest_key_share=0.5)) == []


def test_many_longest_keys_are_listed_up_to_eight():
    found = findings(*(long_key(f"q{n}") for n in range(1, 11)))
    assert found[0].message.endswith("(100%, more than 40%): q1, q2, q3, q4, q5, q6, q7, q8, "
                                     "… (10 in all)")
    assert len(found[0].questions) == 10


def test_lengths_count_policy_values_and_ignore_markdown():
    # As written the key is longest; as read, the policy value makes a wrong option longest.
    question = single("q1", option("a", "**按规则办**", True), option("b", "{{policy.days}}"),
                      option("c", "拒绝"))
    quiz = [question | {"id": f"q{n}"} for n in range(3)] + [even("q4")]
    assert [f.check for f in findings(*quiz, policies={"days": "签收后第二天起七天"})] == [
        "key-position"]  # three of the four keys are listed first
    assert [f.check for f in findings(*quiz, policies={"days": "七天"})] == [
        "longest-key", "key-position"]


# key-position ------------------------------------------------------------------------------

def test_keys_bunched_in_one_position_when_options_are_not_shuffled():
    found = findings(even("q1", 1), even("q2", 1), even("q3", 1), even("q4", 0))
    assert found == [Finding(
        "key-position", ("questions", 0, "options", 1),
        "the correct option is listed B (position 2) in 3 of 4 single-choice questions (75%, "
        "more than 50%); options are not shuffled, so the page shows this order too: q1, q2, q3",
        "move the correct option to other positions in some of these questions",
        ("q1", "q2", "q3"))]


def test_keys_bunched_when_shuffled_still_show_in_the_handbook():
    found = findings(even("q1", 3), even("q2", 3), even("q3", 3), even("q4", 0), shuffle=True)
    assert found[0].message == (
        "the correct option is listed D (position 4) in 3 of 4 single-choice questions (75%, "
        "more than 50%); the handbook prints options in this order: q1, q2, q3")


def test_keys_spread_over_positions_are_fine():
    assert findings(even("q1", 0), even("q2", 1), even("q3", 2), even("q4", 3)) == []
    assert findings(even("q1", 0), even("q2", 0), even("q3", 2), even("q4", 3)) == []  # 50%


# true-false-balance ------------------------------------------------------------------------

def test_five_false_of_six_is_out_of_balance():
    found = findings(statement("t1", True), *(statement(f"f{n}", False) for n in range(5)))
    assert found == [Finding(
        "true-false-balance", ("questions", 1, "answer"),
        "5 of 6 true/false answers are false (17% true, outside 30%–70%)",
        "rewrite some as true statements: a real rule stated plainly is true, a real mistake "
        "stated plainly is false; never change one word to flip it",
        ("f0", "f1", "f2", "f3", "f4"))]


def test_too_many_true_answers_too():
    found = findings(*(statement(f"t{n}", True) for n in range(5)), statement("f", False))
    assert found[0].message == "5 of 6 true/false answers are true (83% true, outside 30%–70%)"
    assert found[0].path == ("questions", 0, "answer")


def test_two_true_of_six_is_within_the_range_and_five_statements_are_not_judged():
    assert findings(*(statement(f"t{n}", n < 2) for n in range(6))) == []  # 33% true
    assert findings(*(statement(f"f{n}", False) for n in range(5))) == []


def test_true_false_range_and_minimum_are_tunable():
    six = [statement(f"t{n}", n < 2) for n in range(6)]
    narrow = ItemChecks(tf_true_share=[0.4, 0.6])
    assert [f.check for f in findings(*six, thresholds=narrow)] == ["true-false-balance"]
    five = [statement(f"f{n}", False) for n in range(5)]
    assert [f.check for f in findings(*five, thresholds=ItemChecks(tf_min_questions=5))] == [
        "true-false-balance"]


# absolute-words ----------------------------------------------------------------------------

def test_absolute_words_only_in_wrong_options():
    question = single("q1", option("a", "先核对签收时间和订单标签", True),
                      option("b", "一律拒绝，所有理由都不行"), option("c", "一定要先发货再说"))
    assert findings(question) == [Finding(
        "absolute-words", ("questions", 0, "options", 1),
        "only wrong options use absolute words (“一律”, “所有”, “一定”, in b, c), which marks "
        "them wrong", "state the mistake without them, or let a correct option use such a word "
        "too", ("q1",))]


def test_absolute_words_on_both_sides_are_no_cue():
    question = single("q1", option("a", "一定先核对签收时间", True),
                      option("b", "一律拒绝退货申请"))
    assert findings(question) == []


def test_hedges_only_in_the_correct_option():
    question = single("q1", option("a", "一般先核对，可能还要看标签", True),
                      option("b", "马上同意退款申请"), option("c", "马上拒绝退款申请"))
    assert findings(question) == [Finding(
        "absolute-words", ("questions", 0, "options", 0),
        "only correct options hedge (“一般”, “可能”, in a), which marks them right",
        "state the correct answer plainly, or hedge a wrong option too", ("q1",))]


def test_a_false_statement_made_false_by_an_absolute_word():
    found = findings(statement("t1", True, "签收后七天内可以申请"),
                     statement("f1", False, "只要买家申请就必须同意"))
    assert found == [Finding(
        "absolute-words", ("questions", 1, "prompt"),
        "the statement is false and says “只要”, “必须”, while no true statement of this quiz "
        "uses an absolute word, so the word gives the answer away",
        "make it false for a reason of substance, or write true statements that use such words "
        "too", ("f1",))]


def test_absolute_words_in_true_statements_too_are_no_cue():
    assert findings(statement("t1", True, "退款一定原路退回"),
                    statement("f1", False, "只要买家申请就必须同意")) == []


def test_a_true_statement_that_hedges_alone():
    found = findings(statement("t1", True, "一般在签收后七天内"),
                     statement("f1", False, "随时可以退"))
    assert [(f.check, f.path, f.message) for f in found] == [(
        "absolute-words", ("questions", 0, "prompt"),
        "the statement is true and hedges (“一般”), while no false statement of this quiz does, "
        "so the hedge gives the answer away")]


# all-of-the-above, short-distractor --------------------------------------------------------

def test_all_of_the_above_is_flagged_on_the_option():
    question = single("q1", option("a", "核对签收时间"), option("b", "核对订单标签"),
                      option("c", "以上都对", True))
    assert named(findings(question), "all-of-the-above") == [Finding(
        "all-of-the-above", ("questions", 0, "options", 2), "option 'c' offers “以上都对”",
        "replace it with a mistake agents really make: a learner who recognises two right "
        "options picks it without knowing the rest", ("q1",))]


def test_a_distractor_under_a_third_of_the_key():
    key = "先在后台核对签收时间和订单标签，再决定是否同意退货"  # 25 characters
    question = single("q1", option("a", key, True), option("b", "直接拒绝这次退货申请"),  # 10
                      option("c", "马上同意吧"))  # 5
    assert len(key) == 25
    assert findings(question) == [Finding(
        "short-distractor", ("questions", 0, "options", 2),
        "wrong option 'c' is 5 characters against the correct option's 25 (less than 33% of it)",
        "write it as a full answer an agent might really give, as detailed as the correct one",
        ("q1",))]


def test_short_distractors_in_multiple_choice_compare_with_the_shortest_key():
    question = {"id": "m1", "type": "multiple", "prompt": "哪些对？", "scoring": "partial",
                "lesson": LESSON, "options": [option("a", "核对签收时间和标签", True),  # 9
                                              option("b", "核对商品是否完好", True),  # 8
                                              option("c", "拒绝"),  # 2 < 0.33 × 8
                                              option("d", "先拒绝")]}  # 3: not under 2.64
    found = findings(question)
    assert [(f.path, f.message) for f in found] == [(
        ("questions", 0, "options", 2),
        "wrong option 'c' is 2 characters against the shortest correct option's 8 (less than "
        "33% of it)")]


def test_short_distractor_ratio_is_tunable():
    question = single("q1", option("a", "先核对签收时间再决定", True), option("b", "直接拒绝"))
    assert named(findings(question), "short-distractor") == []  # 4 of 10
    assert len(named(findings(question, thresholds=ItemChecks(short_distractor_ratio=0.5)),
                     "short-distractor")) == 1


# scenario-longest, and short replies -----------------------------------------------------

def conversation(first: tuple[str, str], second: tuple[str, str]) -> dict:
    """start: best/worse reply; mid: best/worse reply. Texts given as (best, worse)."""
    return {"id": "c1", "type": "scenario", "prompt": "对话", "lesson": LESSON, "nodes": [
        {"id": "start", "customer": "能退吗", "choices": [
            {"id": "good", "text": first[0], "next": "mid", "points": 2},
            {"id": "bad", "text": first[1], "next": "end"}]},
        {"id": "mid", "customer": "好的", "choices": [
            {"id": "best", "text": second[0], "next": "end", "points": 2},
            {"id": "worse", "text": second[1], "next": "end", "points": 1}]},
        {"id": "end", "outcome": "结束"}]}


def test_the_longest_reply_best_at_every_step():
    found = findings(conversation(("您好，我先帮您核对签收时间", "不好意思，不能退"),
                                  ("已同意，退货地址在后台", "好的，您稍等")))
    assert found == [Finding(
        "scenario-longest", ("questions", 0, "nodes", 0, "choices", 0),
        "picking the longest reply at each of its 2 steps scores full marks in scenario 'c1'",
        "make a wrong reply the longest at some step: warm and detailed, but wrong on a fact "
        "(a promise the shop cannot keep, a deadline nobody checked)", ("c1",))]


def test_a_long_wrong_reply_at_one_step_is_enough():
    assert findings(conversation(("您好，我先帮您核对签收时间", "不好意思，不能退"),
                                 ("已同意", "您加我微信，我私下马上给您转账"))) == []


def test_a_tie_for_longest_leaves_the_cue_undecided():
    assert findings(conversation(("您好先核对", "您好不能退"),
                                 ("已同意，退货地址在后台", "好的，您稍等"))) == []


def test_one_step_conversations_are_not_judged():
    question = {"id": "c1", "type": "scenario", "prompt": "对话", "lesson": LESSON, "nodes": [
        {"id": "start", "choices": [{"id": "a", "text": "先核对签收时间", "next": "end",
                                     "points": 1},
                                    {"id": "b", "text": "直接拒绝", "next": "end"}]},
        {"id": "end", "outcome": "结束"}]}
    assert findings(question) == []


def test_a_worse_reply_under_a_third_of_the_best_one():
    # The best reply is the one on the best path (its points and what follows), not the one
    # with the most points now: `wait` earns nothing itself but leads to the best ending.
    question = {"id": "c1", "type": "scenario", "prompt": "对话", "lesson": LESSON, "nodes": [
        {"id": "start", "customer": "能退吗", "choices": [
            {"id": "wait", "text": "您稍等，我先帮您核对签收时间和订单标签", "next": "mid"},  # 19
            {"id": "now", "text": "能退", "next": "end", "points": 1},  # 2: worse and short
            {"id": "no", "text": "不好意思，这单不能退", "next": "end"}]},  # 10: not under 6.27
        {"id": "mid", "customer": "好的", "choices": [
            {"id": "yes", "text": "核对过了，您可以申请退货", "next": "end", "points": 3},
            {"id": "later", "text": "明天再说吧，今天忙", "next": "end"}]},
        {"id": "end", "outcome": "结束"}]}
    assert named(findings(question), "short-distractor") == [Finding(
        "short-distractor", ("questions", 0, "nodes", 0, "choices", 1),
        "reply 'now' is 2 characters against the best reply's 19 (less than 33% of it)",
        "write it as a reply an agent might really give, as detailed as the best one", ("c1",))]


def test_a_short_reply_as_good_as_the_best_is_not_a_distractor():
    question = {"id": "c1", "type": "scenario", "prompt": "对话", "lesson": LESSON, "nodes": [
        {"id": "start", "customer": "能退吗", "choices": [
            {"id": "long", "text": "您好，我先帮您核对签收时间和订单标签", "next": "end",
             "points": 1},
            {"id": "short", "text": "能退", "next": "end", "points": 1}]},
        {"id": "end", "outcome": "结束"}]}
    assert named(findings(question), "short-distractor") == []


def test_a_conversation_with_a_loop_or_a_missing_node_is_left_to_the_structure_checks():
    looped = conversation(("您好，我先帮您核对签收时间", "不好意思，不能退"),
                          ("已同意，退货地址在后台", "好的，您稍等"))
    looped["nodes"][1]["choices"][0]["next"] = "start"
    assert findings(looped) == []
    missing = conversation(("您好，我先帮您核对签收时间", "不好意思，不能退"),
                           ("已同意，退货地址在后台", "好的，您稍等"))
    missing["nodes"][1]["choices"][1]["next"] = "nowhere"
    assert findings(missing) == []


# no-lesson ---------------------------------------------------------------------------------

def test_a_question_without_a_lesson_link():
    question = statement("t1", True)
    del question["lesson"]
    assert findings(question) == [Finding(
        "no-lesson", ("questions", 0), "question 't1' has no lesson link",
        "add `lesson: lesson-id#heading` where this is taught, so the explanation and the report "
        "can send a learner there", ("t1",))]


# Silencing, and turning the checks off -----------------------------------------------------

REASON = "这几题考的就是把话说完整"


def test_a_quiz_allows_a_whole_quiz_check_with_a_reason():
    quiz = (long_key("q1"), long_key("q2"), even("q3"), even("q4"))
    assert findings(*quiz, quality={"allow": ["longest-key"], "reason": REASON}) == []


def test_a_quiz_level_allow_of_a_question_check_covers_every_question():
    question = statement("t1", True)
    del question["lesson"]
    assert findings(question, question | {"id": "t2"},
                    quality={"allow": ["no-lesson"], "reason": REASON}) == []


def test_a_question_allows_a_check_for_itself_only():
    bare = statement("t1", True)
    del bare["lesson"]
    found = findings(bare | {"quality": {"allow": ["no-lesson"], "reason": REASON}},
                     bare | {"id": "t2"})
    assert [(f.check, f.path) for f in found] == [("no-lesson", ("questions", 1))]


def test_a_question_cannot_allow_a_whole_quiz_check():
    quiz = (long_key("q1", ) | {"quality": {"allow": ["longest-key"], "reason": REASON}},
            long_key("q2"), even("q3"), even("q4"))
    found = findings(*quiz)
    assert [f.check for f in found] == ["longest-key", "quality"]
    assert found[1] == Finding(
        "quality", ("questions", 0, "quality", "allow", 0),
        "'longest-key' is judged over the whole quiz, so one question cannot allow it",
        "move it to the quiz's `quality: allow:`", kind="error")


def test_an_allow_that_silences_nothing_is_a_warning():
    found = findings(even("q1") | {"quality": {"allow": ["short-distractor"], "reason": REASON}},
                     quality={"allow": ["true-false-balance"], "reason": REASON})
    assert found == [
        Finding("quality", ("questions", 0, "quality", "allow", 0),
                "'short-distractor' is allowed here but finds nothing to silence",
                "remove it from `allow:`", kind="warning"),
        Finding("quality", ("quality", "allow", 0),
                "'true-false-balance' is allowed here but finds nothing to silence",
                "remove it from `allow:`", kind="warning")]


def test_checks_turned_off_find_nothing_and_judge_no_allow():
    off = ItemChecks(enabled=False)
    assert findings(long_key("q1"), long_key("q2"), long_key("q3"), long_key("q4"),
                    quality={"allow": ["true-false-balance"], "reason": REASON},
                    thresholds=off) == []
