"""A trainer's workbook → the questions of one quiz, or every problem at its cell."""

from bankbooks import SINGLE_HEADERS, with_cached_values, xlsx
from generator.banks.imported import BankContext
from generator.banks.rows import SOURCE_SHEET
from generator.banks.xlsx_import import import_bank
from generator.banks.xlsx_read import read_workbook

LESSONS = {"refund-rules": "退款规则", "evidence": "验货留证"}
EMPTY = [None] * 11


POLICIES = {"days": "7 天"}


def _import(data: bytes, quiz: str = "bank"):
    return import_bank(read_workbook(data), BankContext(quiz, LESSONS, POLICIES))


def _problems(result) -> list[str]:
    return [p.render("questions.xlsx") for p in result.problems]


def _notes(result) -> list[str]:
    return [p.render("questions.xlsx") for p in sorted(result.notes, key=lambda n: n.order)]


def _row(*cells):
    return list(cells) + [None] * (11 - len(cells))


def test_a_messy_one_sheet_bank_with_a_title_row_and_header_variants():
    data = xlsx({"Sheet1": [
        ["XX 公司售后题库（2026 版）"],
        ["题 型", "题目", "选项 A", "选项（B）", "C", "选项Ｄ", "正确答案（必填）", "答案解析", "分数", "难易度",
         "考点", "序号"],
        ["单选题", "签收第 3 天，商品完好，怎么办？", "A、同意", "B.拒绝", "(C) 找平台", "D．不理", "a",
         "七天内完好应同意。", 2, "易", "退款规则", 1],
        [None] * 12,
        ["多选题", "哪些证据值得保留？", "开箱视频", "聊天记录", "客服记忆", None, "A，B", None, None, "中",
         "证据", 2],
        ["判断题", "拆开包装查看就不能退了。", None, None, None, None, "×", None, None, None, None, 3],
        ["排序题", "按顺序处理退货", "验货", "签收退货", "退款", None, "B、A、C", None, None, None, None, 4],
        ["单选题", "按文字给答案", "是", "否", None, None, "否", None, None, None, None, 5],
        ["多选题", "按文字给多个答案", "同意", "拒绝", "再说", None, "同意，再说", None, None, None, None, 6],
    ]}, merged={"Sheet1": ["A1:L1"]})
    result = _import(data)
    assert _problems(result) == []
    assert _notes(result) == ["questions.xlsx:Sheet1!L2: column '序号' is not read (not a column "
                              "of a question bank) — rename it if it should be, e.g. 解析 or 知识点"]
    single, multiple, true_false, ordering, by_text, many_by_text = (q.data for q in
                                                                      result.questions)
    assert single == {
        "id": "single-3", "type": "single", "prompt": "签收第 3 天，商品完好，怎么办？",
        "options": [{"id": "a", "text": "同意", "correct": True}, {"id": "b", "text": "拒绝"},
                    {"id": "c", "text": "找平台"}, {"id": "d", "text": "不理"}],
        "explanation": "七天内完好应同意。", "points": 2, "lesson": "refund-rules"}
    assert result.questions[0].notes == [("yaml_difficulty", "易")]
    assert multiple["scoring"] == "all_or_nothing"
    assert [o.get("correct", False) for o in multiple["options"]] == [True, True, False]
    assert result.questions[1].notes == [("yaml_default_scoring", ""), ("yaml_topic", "证据"),
                                         ("yaml_difficulty", "中")]
    assert (true_false["answer"], true_false["id"]) == (False, "true-false-6")
    assert [item["text"] for item in ordering["items"]] == ["签收退货", "验货", "退款"]
    assert [o.get("correct", False) for o in by_text["options"]] == [False, True]
    assert [o.get("correct", False) for o in many_by_text["options"]] == [True, False, True]


def test_every_true_false_spelling():
    answers = ["正确", "错误", "对", "错", "√", "×", "T", "F", "true", "false", "是", "否", True, False]
    data = xlsx({"判断题": [["题干", "正确答案"], *([f"第 {i} 题", a] for i, a in enumerate(answers))]})
    result = _import(data)
    assert [q.data["answer"] for q in result.questions] == [True, False] * 7


def test_a_true_false_template_with_options_a_and_b():
    data = xlsx({"判断题": [["题干", "选项A", "选项B", "正确答案", "A反馈", "B反馈"],
                          ["拆开就不能退", "正确", "错误", "B", "不对，拆开查看不影响完好", "对"]]})
    question = _import(data).questions[0].data
    assert question["answer"] is False
    assert question["feedback"] == {"true": "不对，拆开查看不影响完好", "false": "对"}


def test_one_sheet_per_type_without_a_type_column_and_english_headers():
    data = xlsx({
        "单选题": [["题干", "选项A", "选项B", "正确答案"], ["能退吗？", "能", "不能", "A"]],
        "Multiple choice": [["Question", "Option A", "Option B", "Option C", "Answer", "Scoring",
                             "Wrong-pick penalty", "Feedback A"],
                            ["Keep what?", "Video", "Chat", "Memory", "A,B", "partial", 0.5,
                             "Yes."]],
        "排序题": [["题干", "选项A", "选项B", "正确答案", "评分方式"], ["顺序", "后", "先", "BA", "按相邻顺序"]],
    })
    result = _import(data)
    assert _problems(result) == []
    single, multiple, ordering = (q.data for q in result.questions)
    assert single["type"] == "single" and single["id"] == "single-2"
    assert multiple == {"id": "multiple-2", "type": "multiple", "scoring": "partial",
                        "penalty": 0.5, "prompt": "Keep what?", "options": [
                            {"id": "a", "text": "Video", "correct": True, "feedback": "Yes."},
                            {"id": "b", "text": "Chat", "correct": True},
                            {"id": "c", "text": "Memory"}]}
    assert ordering["scoring"] == "adjacent_pairs"
    assert [i["text"] for i in ordering["items"]] == ["先", "后"]


def test_every_problem_is_reported_at_its_cell_all_at_once():
    data = xlsx({
        "单选题": [SINGLE_HEADERS,
                _row("单选题", None, "同意", "拒绝", None, None, "A"),
                _row("单选题", "两个答案", "同意", "拒绝", None, None, "A,B"),
                _row("单选题", "答案越界", "同意", "拒绝", None, None, "E"),
                _row("单选题", "答案为空", "同意", "拒绝"),
                _row("单选题", "空档", "同意", None, "拒绝", None, "A"),
                _row("单选题", "一个选项", "同意", None, None, None, "A", None, "x"),
                _row("填空题", "填空", None, None, None, None, "x"),
                _row("简单题", "未知题型", "a", "b", None, None, "A"),
                _row("单选题", "重复选项", "同意", "同意", None, None, "A", None, -1),
                _row("情景题", "情景", "a", "b", None, None, "A"),
                _row("单选题", "答案乱写", "同意", "拒绝", None, None, "都对")],
        "判断题": [["题干", "正确答案"], ["拆开包装就不能退", "不知道"], ["没有答案", None]],
        "排序题": [["题干", "选项A", "选项B", "选项C", "正确答案", "评分方式", "A反馈"],
                ["排序", "a", "b", "c", "AAB", "随便", "x"]],
        "多选题": [["题干", "选项A", "选项B", "正确答案", "评分方式", "错选扣分"],
                ["m", "a", "b", "A", "全对才得分", 1], ["m2", "a", "b", "A", "部分得分", "abc"]],
    })
    assert _problems(_import(data)) == [
        "questions.xlsx:单选题!B2: the question (题干) is empty — write the question, or delete the row",
        "questions.xlsx:单选题!G3: a single-choice question has one answer, but 'A,B' names 2 — "
        "keep one letter, or make it a 多选题",
        "questions.xlsx:单选题!G4: the answer names option E, which the row does not have "
        "(options: A–B) — fix the answer or add the option",
        "questions.xlsx:单选题!G5: the answer (正确答案) is empty — write the letter of the right "
        "option, e.g. B",
        "questions.xlsx:单选题!D6: 选项B is empty but 选项C is not — fill the options from A on without "
        "gaps",
        "questions.xlsx:单选题!C7: a single-choice question needs at least two options; this row "
        "has 1 — fill 选项A and 选项B at least",
        "questions.xlsx:单选题!I7: the points 'x' are not a number above 0 and at most 1000 — "
        "write e.g. 2, or leave it empty for 1",
        "questions.xlsx:单选题!A8: '填空题' questions cannot be imported: the course has 单选题, 多选题, "
        "判断题 or 排序题 questions — delete the row, or rewrite the question as one of those types",
        "questions.xlsx:单选题!A9: '简单题' is not a question type — write 单选题, 多选题, 判断题 or 排序题",
        "questions.xlsx:单选题!D10: option B repeats option A — make every option different",
        "questions.xlsx:单选题!I10: the points '-1' are not a number above 0 and at most 1000 — "
        "write e.g. 2, or leave it empty for 1",
        "questions.xlsx:单选题!A11: a 情景题 (scenario) cannot be imported from a workbook — write it "
        "in YAML (see AUTHORING.md), or delete the row",
        "questions.xlsx:单选题!G12: the answer '都对' is neither option letters nor the text of an "
        "option — write letters such as B",
        "questions.xlsx:判断题!B2: the answer '不知道' is not true or false — write 正确 or 错误 (对/错, "
        "√/×, T/F, true/false and 是/否 work too)",
        "questions.xlsx:判断题!B3: the answer (正确答案) is empty — write 正确 or 错误 (对/错, √/×, T/F, "
        "true/false and 是/否 work too)",
        "questions.xlsx:排序题!E2: the order 'AAB' misses C; names A twice — give every step's "
        "letter once, in the right order, e.g. C,B,A",
        "questions.xlsx:排序题!F2: '随便' is not a scoring rule for an ordering question — write "
        "全对才得分, 按位置 or 按相邻顺序",
        "questions.xlsx:排序题!G2: steps of an ordering question have no feedback of their own — "
        "move the text to 解析, or clear it",
        "questions.xlsx:多选题!F2: a wrong-pick penalty applies only to multiple-choice questions "
        "with partial scoring — clear it, or set 评分方式 to 部分得分",
        "questions.xlsx:多选题!F3: the penalty 'abc' is not a number from 0 to 10 — write how many "
        "shares a wrong pick costs, e.g. 1",
    ]


def test_merged_type_cells_apply_to_each_row_and_other_merges_are_problems():
    data = xlsx({"题库": [
        ["售后题库"], SINGLE_HEADERS,
        _row("单选题", "q1", "a", "b", None, None, "A"),
        _row(None, "q2", "a", "b", None, None, "B"),
        _row("单选题", "q3", None, None, None, None, "A"),
        _row(None, None, "a", "b", None, None, "A"),
    ]}, merged={"题库": ["A1:K1", "A3:A4", "B5:B6"]})
    result = _import(data)
    assert _problems(result) == [
        "questions.xlsx:题库!B5: cells B5:B6 are merged — unmerge them so that each question has "
        "its own row and each value its own cell (Excel/WPS: 合并后居中 ▸ 取消单元格合并)",
        "questions.xlsx:题库!C5: a single-choice question needs at least two options; this row "
        "has 0 — fill 选项A and 选项B at least",
    ]
    assert [q.data["prompt"] for q in result.questions] == ["q1", "q2"]


def test_formulas_are_read_as_their_saved_values_or_named():
    data = xlsx({"单选题": [SINGLE_HEADERS,
                           _row("单选题", '=CONCAT("能","退吗")', "能", "不能", None, None, "A"),
                           _row("单选题", "q2", "能", "不能", None, None, "=CHAR(65)"),
                           _row("单选题", "q3", "能", "不能", None, None, "A", "=1/0")]})
    data = with_cached_values(data, "xl/worksheets/sheet1.xml",
                              {"B2": ("str", "能退吗"), "H4": ("e", "#DIV/0!")})
    result = _import(data)
    assert _problems(result) == [
        "questions.xlsx:单选题!G3: the cell holds a formula whose value was never calculated and "
        "saved — open the file in Excel or WPS and save it, or replace the formula by its value",
        "questions.xlsx:单选题!H4: the cell shows the error #DIV/0! — fix the formula, or type the "
        "value"]
    assert result.questions[0].data["prompt"] == "能退吗"


def test_empty_rows_are_skipped_wherever_they_are():
    data = xlsx({"单选题": [SINGLE_HEADERS, EMPTY, _row("单选题", "q1", "a", "b", None, None, "A"),
                           EMPTY, EMPTY, _row(" ", "  ", None, None, None, None, "\n"),
                           _row("单选题", "q2", "a", "b", None, None, "A")]})
    result = _import(data)
    assert _problems(result) == []
    assert [(q.row, q.data["prompt"]) for q in result.questions] == [(3, "q1"), (7, "q2")]


def test_question_ids_from_the_id_column_made_valid_or_generated():
    data = xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "题目ID"],
                           ["q1", "a", "b", "A", "day-count"], ["q2", "a", "b", "A", "DY-002"],
                           ["q3", "a", "b", "A", "第三题"], ["q4", "a", "b", "A", None],
                           ["q5", "a", "b", "A", "day-count"]]})
    result = _import(data)
    assert _problems(result) == [
        "questions.xlsx:单选题!E6: question id 'day-count' is also used at 单选题!E2 — give every "
        "question its own id, or leave the cell empty to have one made"]
    assert [q.data["id"] for q in result.questions] == ["day-count", "dy-002", "single-4",
                                                        "single-5", "single-6"]


def test_the_quiz_column_picks_one_quizs_rows():
    data = xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "测验"],
                           ["q1", "a", "b", "A", "rules"], ["q2", "a", "b", "A", "talks"],
                           ["q3", "a", "b", "A", None]]})
    result = _import(data, quiz="rules")
    assert [q.data["prompt"] for q in result.questions] == ["q1", "q3"]
    assert _notes(result) == ["questions.xlsx: 1 row of other quizzes left out (talks) — import "
                              "each with its own --quiz"]
    only_others = xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "测验"],
                                  ["q1", "a", "b", "A", "rules"]]})
    assert _problems(_import(only_others, quiz="bank")) == [
        "questions.xlsx: no row belongs to quiz 'bank': the quiz column names rules — pass one of "
        "them to --quiz, or empty that column to import every row"]


def test_lessons_from_the_lesson_column_or_a_topic_that_is_a_lesson_title():
    data = xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "知识点", "课文"],
                           ["q1", "a", "b", "A", "退款规则", None],
                           ["q2", "a", "b", "A", "验货留证", "refund-rules#完好的标准"],
                           ["q3", "a", "b", "A", None, "no-such-lesson"],
                           ["q4", "a", "b", "A", "包装", None]]})
    result = _import(data)
    assert _problems(result) == [
        "questions.xlsx:单选题!F4: there is no lesson 'no-such-lesson' in the course — use a lesson "
        "id (with #heading if you like), or clear the cell"]
    assert [q.data.get("lesson") for q in result.questions] == ["refund-rules",
                                                                "refund-rules#完好的标准", None]
    assert result.questions[2].notes == [("yaml_topic", "包装")]


def test_the_authors_text_comes_back_from_the_source_sheet_unless_the_cell_was_changed():
    headers = ["题干", "选项A", "选项B", "正确答案", "测验", "题目ID"]
    data = xlsx({
        "单选题": [headers, ["期限是 7 天？", "是", "否", "A", "bank", "q1"],
                ["改过的题干", "是", "否", "A", "bank", "q2"],
                ["看得见的题干", "是", "否", "A", "bank", "q3"],
                ["期限是 7 天吗？", "是", "否", "A", "bank", "q4"]],
        SOURCE_SHEET: [["测验", "题目ID", "表格里显示的文字", "课程原文"],
                       ["bank", "q1", "期限是 7 天？", "期限是 {{policy.days}}？"],
                       ["bank", "q2", "原来的题干", "原来的**题干**"],
                       # A hidden text that does not show as the cell does is not taken.
                       ["bank", "q3", "看得见的题干", "看不见的[链接](https://example.org)"],
                       # Nor one whose policy value has changed since the export.
                       ["bank", "q4", "期限是 7 天吗？", "期限是 {{policy.old}}吗？"]]})
    result = _import(data)
    assert [q.data["prompt"] for q in result.questions] == [
        "期限是 {{policy.days}}？", "改过的题干", "看得见的题干", "期限是 7 天吗？"]


def test_a_sheet_that_names_no_type_and_has_no_type_column():
    data = xlsx({"Sheet1": [["题干", "正确答案"], ["x", "A"]]})
    assert _problems(_import(data)) == [
        "questions.xlsx:Sheet1: sheet 'Sheet1' does not say which type its questions are — name "
        "the sheet 单选题, 多选题, 判断题 or 排序题, or add a 题型 column"]


def test_sheets_that_are_not_question_sheets_are_skipped_with_a_note():
    data = xlsx({"说明": [["这是说明"], ["题干", "题目本身"]],
                 "情景题": [["测验", "题目ID", "题干", "步骤"], ["q", "s", "x", 1]],
                 "单选题": [["题干", "选项A", "选项B", "正确答案"], ["q1", "a", "b", "A"]]})
    result = _import(data)
    assert _notes(result) == [
        "questions.xlsx:说明: sheet skipped: no header row with 题干 and 正确答案",
        "questions.xlsx:情景题: sheet skipped: scenarios are listed for reference only and cannot "
        "be imported — write scenarios in YAML (see AUTHORING.md)"]
    assert len(result.questions) == 1


def test_a_second_column_of_the_same_kind():
    data = xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "答案"], ["q1", "a", "b", "A", "B"]]})
    assert _problems(_import(data)) == [
        "questions.xlsx:单选题!E1: a second 答案 column (the first is D1) — keep one of them"]


def test_a_workbook_without_questions():
    assert _problems(_import(xlsx({"Sheet1": [["姓名", "工号"], ["王小明", "cs-017"]]}))) == [
        "questions.xlsx: no questions found: no sheet has a header row with 题干 and 正确答案 "
        "followed by rows of questions — put the headers (题型, 题干, 选项A…, 正确答案, 解析, 分值) in "
        "the first row"]


DRAWN_HEADERS = ["题型", "题干", "选项A", "选项B", "正确答案", "知识点", "抽题数"]


def test_a_topic_with_a_number_drawn_is_the_questions_pool_and_makes_the_draw():
    data = xlsx({"单选题": [DRAWN_HEADERS,
                         ["单选题", "一", "是", "否", "A", "rules", 2],
                         ["单选题", "二", "是", "否", "B", "Rules", "2"],  # case and text cells
                         ["单选题", "三", "是", "否", "A", "talks", 1],
                         ["单选题", "四", "是", "否", "B", "rules", "２"]]})
    result = _import(data)
    assert _problems(result) == []
    assert [(q.data["id"], q.data["type"], q.data["pool"], list(q.data)[:3])
            for q in result.questions] == [
        ("single-2", "single", "rules", ["id", "type", "pool"]),
        ("single-3", "single", "rules", ["id", "type", "pool"]),
        ("single-4", "single", "talks", ["id", "type", "pool"]),
        ("single-5", "single", "rules", ["id", "type", "pool"])]
    assert result.draws == [("rules", 2, "单选题!G2"), ("talks", 1, "单选题!G4")]
    assert all("lesson" not in q.data and not q.notes for q in result.questions)


def test_a_topic_without_a_number_drawn_stays_a_topic():
    data = xlsx({"单选题": [DRAWN_HEADERS, ["单选题", "一", "是", "否", "A", "退款规则", None]]})
    result = _import(data)
    assert _problems(result) == [] and result.draws == []
    assert result.questions[0].data["lesson"] == "refund-rules"
    assert "pool" not in result.questions[0].data


def test_every_problem_of_a_draw_is_named_at_its_cell():
    data = xlsx({"单选题": [DRAWN_HEADERS,
                         ["单选题", "一", "是", "否", "A", "rules", 2],
                         ["单选题", "二", "是", "否", "B", "rules", 3],
                         ["单选题", "三", "是", "否", "A", None, None],
                         ["单选题", "四", "是", "否", "B", None, 2],
                         ["单选题", "五", "是", "否", "A", "退款规则", 2],
                         ["单选题", "六", "是", "否", "B", "talks", 1.5],
                         ["单选题", "七", "是", "否", "A", "talks", "六道"]]})
    assert _problems(_import(data)) == [
        "questions.xlsx:单选题!G3: pool 'rules' draws 3 questions here but 2 questions at "
        "单选题!G2 — give every question of a pool the same 抽题数",
        "questions.xlsx:单选题!G4: this quiz draws its papers from pools (抽题数 at 单选题!G2), "
        "but this question has no 抽题数, so no paper would hold it — write its pool in 知识点 "
        "and the pool's 抽题数, or clear 抽题数 on every row",
        "questions.xlsx:单选题!F5: 抽题数 is filled but 知识点 (the pool) is empty — write the "
        "pool's name in 知识点, or clear 抽题数",
        "questions.xlsx:单选题!F6: '退款规则' cannot name a pool: a pool name is lowercase "
        "letters, digits and hyphens — e.g. refund-rules (or clear 抽题数 if the quiz does not "
        "draw)",
        "questions.xlsx:单选题!G7: the number drawn '1.5' is not a whole number from 1 to 1000 — "
        "write how many questions of the pool (知识点) each paper gets, e.g. 6, or clear the "
        "cell if the quiz does not draw",
        "questions.xlsx:单选题!G8: the number drawn '六道' is not a whole number from 1 to 1000 — "
        "write how many questions of the pool (知识点) each paper gets, e.g. 6, or clear the "
        "cell if the quiz does not draw"]


def test_a_number_drawn_without_a_topic_column_says_what_is_missing():
    data = xlsx({"单选题": [["题干", "选项A", "选项B", "正确答案", "抽题数"], ["一", "是", "否", "A", 1]]})
    assert _problems(_import(data)) == [
        "questions.xlsx:单选题!E2: 抽题数 is filled but the sheet has no 知识点 column to name the "
        "pool — add a 知识点 column with the pool's name, or clear 抽题数"]


def test_checks_allowed_need_known_names_and_a_reason():
    headers = ["题干", "选项A", "选项B", "正确答案", "检查豁免", "豁免理由"]
    data = xlsx({"单选题": [headers,
                         ["一", "是", "否", "A", "Short-Distractor，no-lesson", "原样考"],
                         ["二", "是", "否", "A", "short-distractor, longer-key", "原样考"],
                         ["三", "是", "否", "A", "no-lesson", None],
                         ["四", "是", "否", "A", None, "原样考"]]})
    result = _import(data)
    assert result.questions[0].data["quality"] == {"allow": ["short-distractor", "no-lesson"],
                                                   "reason": "原样考"}
    assert _problems(result) == [
        "questions.xlsx:单选题!E3: 'longer-key' is not an item check — use longest-key, "
        "key-position, true-false-balance, absolute-words, all-of-the-above, short-distractor, "
        "scenario-longest, no-lesson",
        "questions.xlsx:单选题!F4: checks are allowed without a reason (豁免理由) — say why the "
        "question keeps them; reviewers read it",
        "questions.xlsx:单选题!E5: there is a reason (豁免理由) but no check allowed (检查豁免) — "
        "name the checks the question keeps, or clear the reason"]


def _hiding(data: bytes, states: dict[str, str]) -> bytes:
    """The workbook with the named sheets hidden ("hidden") or very hidden ("veryHidden")."""
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    for name, state in states.items():
        workbook[name].sheet_state = state
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_hidden_and_very_hidden_sheets_are_skipped_with_a_note_each():
    rows = [["题干", "选项A", "选项B", "正确答案"], ["完好吗？", "是", "否", "A"]]
    data = _hiding(xlsx({"单选题": rows, "旧题（已停用）": [rows[0], ["旧的？", "是", "否", "B"]],
                         "草稿": [rows[0], ["草稿？", "是", "否", "B"]]}),
                   {"旧题（已停用）": "hidden", "草稿": "veryHidden"})
    result = _import(data)
    assert _problems(result) == []
    assert [q.data["prompt"] for q in result.questions] == ["完好吗？"]
    assert _notes(result) == [
        "questions.xlsx:旧题（已停用）: sheet '旧题（已停用）' is hidden: skipped — unhide it in the "
        "workbook to import it",
        "questions.xlsx:草稿: sheet '草稿' is hidden: skipped — unhide it in the workbook to "
        "import it"]


def test_characters_that_show_as_nothing_are_removed_from_every_cell():
    data = xlsx({"单选题": [
        ["\ufeff题干", "选项A\u200c", "选项B", "选项C", "\u2060正确答案"],
        ["完好吗？\u200d", "是", "否", "再\u200b说", "B\u200b"],
        ["重复吗？", "甲\u200b", "甲", "乙", "A"],
    ]})
    result = _import(data)
    assert _problems(result) == ["questions.xlsx:单选题!C3: option B repeats option A — make "
                                 "every option different"]
    assert result.questions[0].data == {
        "id": "single-2", "type": "single", "prompt": "完好吗？",
        "options": [{"id": "a", "text": "是"}, {"id": "b", "text": "否", "correct": True},
                    {"id": "c", "text": "再说"}]}


def test_a_question_twice_is_imported_once_or_refused_when_the_rows_differ():
    headers = ["题干", "选项A", "选项B", "正确答案", "解析"]
    data = xlsx({"单选题": [
        headers,
        ["能退吗？", "能", "不能", "A", None],
        ["下列说法正确的是", "甲", "乙", "A", None],
        ["下列说法正确的是", "丙", "丁", "B", None],  # the same stem, other options: another one
        [" 能退吗？", "能", "不能", "B", None],
        ["能退吗？", "能", "不能", "A", "因为完好。"],
        ["能退吗？ ", "能", "不能", "A", None],
    ], "判断题": [["题干", "正确答案"], ["能退吗？", "对"], ["拆了能退吗？", "对"],
                 ["拆了能退吗？", "错"]]})
    result = _import(data)
    assert _problems(result) == [
        "questions.xlsx:单选题!A5: the same question as row 2 with a different answer (B here, "
        "A there) — keep one",
        "questions.xlsx:单选题!A6: the same question as row 2 with a different explanation — "
        "keep one",
        "questions.xlsx:判断题!A4: the same question as row 3 with a different answer (错 here, "
        "对 there) — keep one"]
    assert _notes(result) == ["questions.xlsx:单选题!A7: row 7 repeats row 2: imported once"]
    assert [(q.sheet, q.row) for q in result.questions] == [
        ("单选题", 2), ("单选题", 3), ("单选题", 4), ("判断题", 2), ("判断题", 3)]


def _formatted(rows: list[list], formats: dict[str, str]) -> bytes:
    """One 单选题 sheet with number formats on some cells: {"B2": "0%"}."""
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx({"单选题": rows})))
    for cell, number_format in formats.items():
        workbook["单选题"][cell].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_number_cells_read_as_excel_shows_them_or_are_refused():
    import datetime

    data = _formatted([
        ["题干", "选项A", "选项B", "选项C", "正确答案"],
        ["退款比例是多少？", 0.1, 0.2, 0.25, "A"],
        ["运费多少元？", 2.5, 1200, 12, "B"],
        ["哪天截止？", datetime.datetime(2026, 3, 1), "3月2日", None, "A"],
        ["订单号是哪个？", 123456789012345678, "1", None, "A"],
    ], {"B2": "0%", "C2": "0%", "D2": "0.0%", "B3": "0.00", "C3": "#,##0.00", "D3": "0000",
        "B4": 'm"月"d"日"', "B5": "0"})
    result = _import(data)
    assert _problems(result) == [
        "questions.xlsx:单选题!B4: Excel stored this cell as a date (shown as 3月1日) — if it is "
        "text, format the column as Text (文本) and type it again",
        "questions.xlsx:单选题!B5: Excel stored this long number as a number and keeps only its "
        "first 15 digits (123456789012346000) — if it is a code or id, format the column as "
        "Text (文本) and type it again"]
    assert [[o["text"] for o in q.data["options"]] for q in result.questions] == [
        ["10%", "20%", "25.0%"], ["2.50", "1,200.00", "0012"]]


def test_an_answer_with_a_repeated_letter_or_a_range_is_refused_not_guessed():
    headers = ["题型", "题干", "选项A", "选项B", "选项C", "正确答案"]
    data = xlsx({"Sheet1": [
        headers,
        ["多选题", "哪些要保留？", "视频", "聊天", "记忆", "ABA"],
        ["多选题", "哪些能退？", "甲", "乙", "丙", "A-C"],
        ["单选题", "能退吗？", "能", "不能", "再说", "A～C"],
        ["单选题", "完好吗？", "是", "否", "不知道", "AA"],
        ["多选题", "相邻的范围没有两种读法", "甲", "乙", "丙", "A-B"],
        ["排序题", "按顺序", "验货", "签收", "退款", "B-A-C"],
    ]})
    result = _import(data)
    assert _problems(result) == [
        "questions.xlsx:Sheet1!F2: the answer 'ABA' names A more than once — write each letter "
        "once, e.g. A,B",
        "questions.xlsx:Sheet1!F3: the answer 'A-C' could mean A to C or A and C — write the "
        "letters, e.g. A,B,C or A,C",
        "questions.xlsx:Sheet1!F4: the answer 'A～C' could mean A to C or A and C — write the "
        "letters, e.g. A,B,C or A,C",
        "questions.xlsx:Sheet1!F5: the answer 'AA' names A more than once — write each letter "
        "once, e.g. A"]
    assert [q.row for q in result.questions] == [6, 7]


def test_a_wps_in_cell_picture_is_named_as_a_picture_not_imported_as_text():
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(xlsx({"单选题": [
        ["题干", "选项A", "选项B", "选项C", "正确答案"],
        ["哪张是完好的包装？", '=_xlfn.DISPIMG("ID_4D2F0A",1)', '=DISPIMG("ID_5E3A1B",1)', "丙",
         "A"],
        ["只有缓存的文字", "甲", "乙", None, "A"],
    ]})))
    workbook["单选题"]["C3"].value = '=DISPIMG("ID_6F4B2C",1)'
    workbook["单选题"]["C3"].data_type = "s"  # text, as a copy of WPS's cached value
    buffer = io.BytesIO()
    workbook.save(buffer)
    # WPS saves the formula's own text as its value: B2 has one, C2 none
    data = with_cached_values(buffer.getvalue(), "xl/worksheets/sheet1.xml", {
        "B2": ("str", '=DISPIMG("ID_4D2F0A",1)')})
    result = _import(data)
    message = ("the cell holds a picture (WPS 嵌入单元格图片, DISPIMG); pictures are not imported — "
               "write the text instead, and put the picture in a lesson")
    assert _problems(result) == [f"questions.xlsx:单选题!{cell}: {message}"
                                 for cell in ("B2", "C2", "C3")]


def test_a_cell_that_markdown_would_read_as_a_list_or_heading_is_escaped_to_show_as_typed():
    data = xlsx({"单选题": [
        ["题干", "选项A", "选项B", "选项C", "正确答案", "解析"],
        ["1. 下列说法正确的是", "# 全部正确", "- 甲", "2) 乙", "A", "> 见第 3 课"],
        ["3.5 天够吗？", "1.5 天", "#号", "-1", "A", "---"],
    ]})
    result = _import(data)
    assert _problems(result) == []
    first, second = (q.data for q in result.questions)
    assert first["prompt"] == "1\\. 下列说法正确的是"
    assert [o["text"] for o in first["options"]] == ["\\# 全部正确", "\\- 甲", "2\\) 乙"]
    assert first["explanation"] == "\\> 见第 3 课"
    # what Markdown reads as text already is left alone
    assert second["prompt"] == "3.5 天够吗？"
    assert [o["text"] for o in second["options"]] == ["1.5 天", "#号", "-1"]
    assert second["explanation"] == "\\---"
