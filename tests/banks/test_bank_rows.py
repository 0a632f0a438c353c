"""The sheets of a question bank, as rows, before any spreadsheet library is involved."""

from pathlib import Path

from coursefolder import LESSON_YML, make_course
from generator.banks.plaintext import plain_text, policy_values
from generator.banks.rows import SOURCE_SHEET, bank_sheets, best_path_steps
from generator.loading import load_course
from generator.models.quiz import Ordering
from generator.quizgraph import best_path, best_points
from generator.shuffle import display_order


def _sheets(loaded, quiz_id=None):
    quizzes = [e.quiz for e in loaded.quizzes if quiz_id in (None, e.quiz.id)]
    return {sheet.name: sheet for sheet in bank_sheets(loaded, quizzes)}


def test_one_sheet_per_type_after_the_guide_with_the_platform_columns_first(bundled):
    sheets = bank_sheets(bundled, [e.quiz for e in bundled.quizzes])
    assert [s.name for s in sheets] == ["说明", "单选题", "多选题", "判断题", "排序题", "情景对话",
                                        SOURCE_SHEET]
    single = sheets[1]
    assert single.headers[:11] == ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "正确答案",
                                   "解析", "分值", "难度", "知识点"]
    # The course's own columns: 抽题数 because the final draws its papers.
    assert single.headers[11:] == ["抽题数", "选项A反馈", "选项B反馈", "选项C反馈", "选项D反馈",
                                   "测验", "题目ID", "课文"]
    multiple = sheets[2]
    assert multiple.headers[:10] == ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E",
                                     "选项F", "选项G", "正确答案"]
    assert multiple.headers[13:17] == ["知识点", "抽题数", "评分方式", "错选扣分"]
    assert sheets[3].headers == ["题型", "题干", "正确答案", "解析", "分值", "难度", "知识点",
                                 "抽题数", "选“正确”的反馈", "选“错误”的反馈", "测验", "题目ID", "课文"]
    counts = {s.name: len(s.rows) for s in sheets}
    assert counts == {"说明": 26, "单选题": 61, "多选题": 23, "判断题": 44, "排序题": 12,
                      "情景对话": 56, SOURCE_SHEET: 106}


def test_a_quiz_that_draws_no_paper_has_no_draw_column(bundled):
    sheets = _sheets(bundled, "rules-practice")
    assert all("抽题数" not in sheet.headers for sheet in sheets.values())
    assert all("抽题" not in " ".join(map(str, row)) for row in sheets["说明"].rows)


def test_a_drawn_quiz_has_its_pool_as_the_topic_and_says_how_many_each_paper_draws(bundled):
    sheets = _sheets(bundled, "final-assessment")
    row = dict(zip(sheets["单选题"].headers, sheets["单选题"].rows[0]))
    assert (row["题目ID"], row["知识点"], row["抽题数"]) == ("month-boundary", "rules", 6)
    assert row["课文"] == "seven-day-return#从哪天开始算"  # the lesson link is kept
    pools = {dict(zip(sheets[name].headers, row))["知识点"]
             for name in ("单选题", "多选题", "判断题", "排序题") for row in sheets[name].rows}
    assert pools == {"rules", "communication", "inspection", "refund-methods", "reviews",
                     "training"}
    assert sheets["说明"].rows[3] == [
        "“结业考核”每份试卷从每个知识点（抽题组）随机抽 6 道题，共 36 道：rules（13 道）、"
        "communication（13 道）、inspection（13 道）、refund-methods（13 道）、reviews（13 道）、"
        "training（13 道）。在平台上按知识点随机组卷，就和课程一样。其中的情景对话只列在“情景对话”表里，"
        "不能导入平台，所以平台上每个知识点的题会少几道。"]
    assert ["抽题数", "抽题的测验才有这一列：本题所在的抽题组（写在“知识点”里）每份试卷抽几道题。导回课程时，"
            "知识点和抽题数一起还原成抽题组和抽题规则。"] in sheets["说明"].rows


def test_a_single_choice_row(bundled):
    sheet = _sheets(bundled, "rules-practice")["单选题"]
    row = dict(zip(sheet.headers, sheet.rows[0]))
    assert row["题型"] == "单选题"
    # As learners see it: the policy value filled in, no Markdown emphasis, one line.
    assert row["题干"] == ("买家 11 月 3 日 14:00 签收了一件卫衣，订单标签只有“7天无理由”。他想无理由退货，"
                         "最晚哪一天提交申请还算在期限内？")
    assert row["解析"] == "七天无理由退货从签收的次日起算 7 天。用订单里的签收时间数日子。"
    assert (row["选项A"], row["选项B"], row["正确答案"]) == (
        "11 月 9 日（签收当天算第 1 天）", "11 月 10 日（签收次日算第 1 天）", "B")
    assert row["分值"] == 1 and row["难度"] == ""
    assert row["知识点"] == "七天无理由退货：法律怎么规定"  # the linked lesson's title
    assert (row["测验"], row["题目ID"], row["课文"]) == ("rules-practice", "last-day",
                                                     "seven-day-return#从哪天开始算")
    assert row["选项B反馈"] == "对。4 日是第 1 天，10 日是第 7 天。"


def test_the_source_sheet_keeps_what_the_author_wrote_where_the_cell_differs(bundled):
    source = _sheets(bundled, "rules-practice")[SOURCE_SHEET]
    assert source.headers == ["测验", "题目ID", "表格里显示的文字", "课程原文"]
    assert source.rows[1] == ["rules-practice", "last-day",
                              "七天无理由退货从签收的次日起算 7 天。用订单里的签收时间数日子。",
                              "七天无理由退货从{{policy.no_reason_start}}起算 "
                              "{{policy.no_reason_days}}。用订单里的签收时间数日子。"]
    assert all(shown != original for _, _, shown, original in source.rows)


def test_multiple_choice_answers_and_scoring(bundled):
    sheet = _sheets(bundled, "rules-practice")["多选题"]
    rows = [dict(zip(sheet.headers, row)) for row in sheet.rows]
    partial, whole = rows
    assert (partial["正确答案"], partial["评分方式"], partial["错选扣分"]) == ("B,D,E", "部分得分", 1)
    assert (whole["正确答案"], whole["评分方式"], whole["错选扣分"]) == ("A,D,E", "全对才得分", "")


def test_ordering_steps_are_listed_as_on_the_site_and_the_answer_gives_the_right_order(bundled):
    values = policy_values(bundled.policies)
    for entry in bundled.quizzes:
        for question in entry.quiz.questions:
            if isinstance(question, Ordering):
                sheet = _sheets(bundled, entry.quiz.id)["排序题"]
                row = next(dict(zip(sheet.headers, r)) for r in sheet.rows
                           if r[sheet.headers.index("题目ID")] == question.id)
                listed = [row[f"选项{letter}"] for letter in "ABCDEFGHIJKL"[:len(question.items)]]
                assert listed == [plain_text(i.text, values) for i in display_order(question)]
    sheet = _sheets(bundled, "rules-practice")["排序题"]
    row = dict(zip(sheet.headers, sheet.rows[0]))
    letters = row["正确答案"].split(",")
    assert [row[f"选项{letter}"] for letter in letters] == [
        "看申请类型：仅退款、退货退款还是换货", "看买家选的原因：无理由还是质量问题",
        "看订单：发货了没有、签收后第几天、标签怎么写", "看逾期时间还剩多少",
        "决定：同意、拦截、协商，或者有理有据地拒绝"]
    assert letters != sorted(letters)
    assert row["评分方式"] == "按位置"


def test_true_false_rows(bundled):
    sheet = _sheets(bundled, "rules-practice")["判断题"]
    row = dict(zip(sheet.headers, sheet.rows[0]))
    assert row["正确答案"] == "错误"
    assert row["选“正确”的反馈"].startswith("不对。“售后期”是买家可以申请售后")
    assert row["选“错误”的反馈"].startswith("对。")


def test_scenarios_are_listed_one_row_per_step_of_the_best_path(bundled):
    sheet = _sheets(bundled, "rules-practice")["情景对话"]
    assert sheet.headers == ["测验", "题目ID", "题干", "步骤", "当时的情况", "得分最高的做法", "这一步得分",
                             "这一步的反馈", "结局", "分值", "解析", "知识点"]
    dress = [dict(zip(sheet.headers, row)) for row in sheet.rows if row[1] == "day-eight-dress"]
    assert [(r["步骤"], r["这一步得分"]) for r in dress] == [(1, 3), (2, 2)]
    assert dress[0]["当时的情况"] == ("情况：今天是 11 月 13 日。\n"
                                  "买家：你好，这条裙子收到一个多星期了，还能退吗？")
    assert dress[0]["得分最高的做法"] == "先问原因：方便说一下是哪里不满意吗？"
    assert dress[0]["结局"] == "" and dress[1]["结局"].startswith("买家没有再申请。")
    question = next(q for q in bundled.quiz("rules-practice").quiz.questions
                    if q.id == "day-eight-dress")
    steps = best_path_steps(question)
    assert [(node.id, choice.id) for node, choice, _ in steps] == best_path(question)
    assert sum(choice.points for _, choice, _ in steps) == best_points(question) == 5


def test_the_guide_explains_the_columns_and_how_scenarios_are_handled(bundled):
    guide = _sheets(bundled)["说明"]
    text = "\n".join(" ".join(map(str, row)) for row in guide.rows)
    assert guide.rows[0] == ["抖音电商退款与售后实务 · 题库"]
    assert "本题库共 165 道题：单选题 61 道、多选题 23 道、判断题 44 道、排序题 12 道、情景对话 25 道。" in text
    assert ["正确答案", "单选题写一个字母，如 B；多选题写全部正确选项的字母，如 A,C（也可写 AC、A、C）；"
            "判断题写“正确”或“错误”；排序题按正确顺序写出选项字母，如 C,A,B,D（表里的选项是打乱的）。"] \
        in guide.rows
    assert "它们列在“情景对话”表里，只作参考" in text and "导回课程时这张表会被跳过" in text
    assert "难度" in text and "这个文件含有全部答案" in text


def test_an_english_course_gets_english_sheets_and_headers(tmp_path):
    course = ("title: Refund basics\nlanguage: en\naudience: New agents\nsections:\n"
              "  - id: rules\n    title: Rules\n")
    quiz = ("id: rules-quiz\ntitle: Rules quiz\nsection: rules\nquestions:\n"
            "  - id: q1\n    type: true_false\n    prompt: Opening the box voids the return.\n"
            "    answer: false\n")
    config = make_course(tmp_path, course=course, quizzes={"rules-quiz": quiz}, lessons={
        "rules/refund-rules": LESSON_YML.format(id="refund-rules", title="Refund rules",
                                                order=1)})
    loaded = load_course(Path(config).parent / "content", Path(config).parent / "quizzes")
    sheets = {s.name: s for s in bank_sheets(loaded, [e.quiz for e in loaded.quizzes])}
    assert list(sheets) == ["Read me", "Single choice", "Multiple choice", "True or false",
                            "Put in order", SOURCE_SHEET]
    assert sheets["True or false"].headers[:7] == ["Type", "Question", "Answer", "Explanation",
                                                   "Points", "Difficulty", "Topic"]
    assert sheets["True or false"].rows[0][:3] == ["True or false",
                                                   "Opening the box voids the return.", "False"]
    assert sheets["Single choice"].headers[2:6] == ["Option A", "Option B", "Option C",
                                                    "Option D"]
    assert sheets["Read me"].rows[0] == ["Refund basics · question bank"]


def _english_exam(tmp_path, dates: int, proof: int) -> dict:
    course = ("title: Refund basics\nlanguage: en\naudience: New agents\nsections:\n"
              "  - id: rules\n    title: Rules\n")
    questions = "".join(
        f"  - id: q{i}\n    type: true_false\n    pool: {pool}\n    prompt: Claim {i}.\n"
        f"    answer: {'true' if i % 2 else 'false'}\n"
        for i, pool in enumerate(["dates", "dates", "dates", "proof", "proof"]))
    quiz = ("id: exam\ntitle: Exam\nsection: rules\nmode: assessment\ndraw:\n"
            f"  - pool: dates\n    count: {dates}\n  - pool: proof\n    count: {proof}\n"
            f"questions:\n{questions}")
    config = make_course(tmp_path, course=course, quizzes={"exam": quiz}, lessons={
        "rules/refund-rules": LESSON_YML.format(id="refund-rules", title="Refund rules",
                                                order=1)})
    loaded = load_course(Path(config).parent / "content", Path(config).parent / "quizzes")
    return {s.name: s for s in bank_sheets(loaded, [e.quiz for e in loaded.quizzes])}


def test_an_english_drawn_quiz_drawing_one_from_each_pool(tmp_path):
    sheets = _english_exam(tmp_path, 1, 1)
    assert sheets["Read me"].rows[1] == [
        "This bank holds 5 questions: 5 True or false. They come from the course's quizzes, one "
        "sheet per question type."]
    assert sheets["Read me"].rows[3] == [
        "“Exam” draws 1 question from each pool (Topic) for each learner's paper, 2 in all: "
        "dates (3), proof (2). Draw by topic on your platform to do the same."]


def test_an_english_drawn_quiz_with_pools_drawn_unevenly(tmp_path):
    sheets = _english_exam(tmp_path, 2, 1)
    assert sheets["Read me"].rows[3] == [
        "“Exam” draws each learner's paper from pools (Topic), 3 questions in all: 2 of the 3 "
        "in dates, 1 of the 2 in proof. Draw by topic on your platform to do the same."]
    assert ["Topic", "Title of the lesson the question belongs to (or its section). For a quiz "
            "that draws its papers, the pool: see Drawn per paper."] in sheets["Read me"].rows
    sheet = sheets["True or false"]
    assert sheet.headers[6:8] == ["Topic", "Drawn per paper"]
    assert [row[6:8] for row in sheet.rows] == [["dates", 2]] * 3 + [["proof", 1]] * 2
