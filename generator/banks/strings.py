"""Words of the question-bank workbook, the Moodle file and the imported YAML, in zh and en.

Kept together here until the string catalogue (issue 16) takes them over. Messages of the
command line itself are in English, like the rest of `course`.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        # Sheets
        "sheet_guide": "说明",
        "sheet_single": "单选题",
        "sheet_multiple": "多选题",
        "sheet_true_false": "判断题",
        "sheet_ordering": "排序题",
        "sheet_scenario": "情景题",
        # 题型 values (the same words as the sheet names)
        "type_single": "单选题",
        "type_multiple": "多选题",
        "type_true_false": "判断题",
        "type_ordering": "排序题",
        "type_scenario": "情景题",
        # Column headers
        "col_type": "题型",
        "col_prompt": "题干",
        "col_option": "选项{letter}",
        "col_answer": "正确答案",
        "col_explanation": "解析",
        "col_points": "分值",
        "col_difficulty": "难度",
        "col_topic": "知识点",
        "col_scoring": "评分方式",
        "col_penalty": "错选扣分",
        "col_feedback": "选项{letter}反馈",
        "col_feedback_true": "选“正确”的反馈",
        "col_feedback_false": "选“错误”的反馈",
        "col_quiz": "测验",
        "col_id": "题目ID",
        "col_lesson": "课文",
        "col_step": "步骤",
        "col_situation": "当时的情况",
        "col_best": "得分最高的做法",
        "col_choice_points": "这一步得分",
        "col_step_feedback": "这一步的反馈",
        "col_outcome": "结局",
        "col_shown": "表格里显示的文字",
        "col_source": "课程原文",
        # Cell values
        "true": "正确",
        "false": "错误",
        "scoring_all_or_nothing": "全对才得分",
        "scoring_partial": "部分得分",
        "scoring_position": "按位置",
        "scoring_adjacent_pairs": "按相邻顺序",
        "buyer_says": "买家：",
        "situation": "情况：",
        # The guide sheet
        "guide_title": "{course} · 题库",
        "guide_counts": "本题库共 {total} 道题：{counts}。题目来自课程的测验，按题型分表。",
        "guide_count_item": "{name} {n} 道",
        "list_separator": "，",
        "guide_columns": "各列的含义",
        "guide_column_head": "列名",
        "guide_meaning_head": "含义和写法",
        "guide_type": "单选题、多选题、判断题或排序题。只用一张表时，靠这一列区分题型。",
        "guide_prompt": "题目本身。",
        "guide_option": "选项A、选项B……每列一个选项，从 A 起连续填写。",
        "guide_answer": (
            "单选题写一个字母，如 B；多选题写全部正确选项的字母，如 A,C（也可写 AC、A、C）；"
            "判断题写“正确”或“错误”；排序题按正确顺序写出选项字母，如 C,A,B,D"
            "（表里的选项是打乱的）。"),
        "guide_explanation": "答题后给学员看的讲解。",
        "guide_points": "这道题的分值，不填为 1。",
        "guide_difficulty": "课程不给题目标难度，这一列留空；平台需要时可以自己填。",
        "guide_topic": "题目对应的课文标题（题目没有对应课文时写所在单元）。",
        "guide_scoring": (
            "多选题：全对才得分，或部分得分（每选对一个得一份，每选错一个扣“错选扣分”份，"
            "最低 0 分）。排序题：全对才得分、按位置（放对位置的步骤占比）或按相邻顺序"
            "（相邻两步顺序正确的占比）。"),
        "guide_penalty": "多选题部分得分时，每选错一个扣几份，不填为 1。",
        "guide_feedback": "学员选这个选项时看到的反馈。判断题分别写选“正确”和选“错误”时的反馈。",
        "guide_quiz": "题目所在的测验。导回课程时用 --quiz 选定一套测验的题。",
        "guide_id": "题目在课程里的编号。保留这一列，导回课程时编号不变，学员的答卷也还能对上。",
        "guide_lesson": "对应的课文和小标题（课程内部的写法），导回课程时用来恢复链接。",
        "guide_extra": (
            "“难度”和“知识点”之后的几列是本课程自己的：要导入别的平台时，如果平台不认识，"
            "可以删掉；要导回课程时请保留。"),
        "guide_scenarios": (
            "情景题是多步的对话，没有“一行一题”的格式，其他平台也没有对应的题型。"
            "它们列在“情景题”表里，只作参考：每道题按得分最高的路径一步一行，写出当时的情况、"
            "最好的做法、得分和反馈。导回课程时这张表会被跳过。"),
        "guide_no_scenarios": "这次导出的测验里没有情景题。",
        "guide_text": (
            "表格里的文字是学员在网站上看到的样子：规则数值已经填好，加粗等格式去掉了。"
            "隐藏的“course-source”表记着课程原文，导回课程时用它还原；改过的单元格按改后的文字导入。"),
        "guide_import": "导回课程：course import 题库.xlsx --quiz 测验编号 [--section 单元编号]",
        "guide_keys": "这个文件含有全部答案，只发给培训老师，不要发给学员。",
        # The imported YAML file
        "yaml_header": ("由 `course import` 从 {file} 导入，共 {count} 道题。"
                        "可以直接修改，改完运行 `course check`。"),
        "yaml_title": "测验标题：显示在网站上",
        "yaml_mode": "practice：做完每题就看解析 · assessment：网站不含答案，凭答卷评分",
        "yaml_pass_mark": "及格需要的得分比例",
        "yaml_shuffle": "true：每位学员的选项顺序不同",
        "yaml_row": "来自 {sheet} 第 {row} 行",
        "yaml_difficulty": "难度：{value}（课程不使用难度，仅作记录）",
        "yaml_topic": "知识点：{value}（没有同名的课文，所以没有设置 lesson）",
        "yaml_default_scoring": "工作簿没有写评分方式，默认全对才得分",
        # The Moodle file
        "moodle_generated": "《{course}》的题库，由 course export 导出为 Moodle XML。",
        "moodle_all_or_nothing": (
            "课程里这道多选题全对才得分。Moodle 没有这种计分：这里每个正确选项占一份，"
            "选错任何一个得 0 分，所以只选对一部分时在 Moodle 里会得部分分。"),
        "moodle_all_or_nothing_count": (
            "{n} 道多选题在课程里全对才得分；在 Moodle 里选错任何一个得 0 分，"
            "但只选对一部分会得部分分（Moodle 没有全对才得分的多选题）。"),
        "moodle_rounded": ("多选题“{id}”：错选扣分 {exact}% 不在 Moodle 的分值表里，"
                           "取最接近的 {used}%。"),
        "moodle_scenario": "情景题“{id}”没有导出：Moodle 没有分支对话的题型。",
        "moodle_scenarios_count": "{n} 道情景题没有导出：Moodle 没有分支对话的题型（{ids}）。",
        "moodle_too_many": (
            "多选题“{id}”有 {n} 个正确选项，Moodle 的分值表没有 1/{n}，这道题没有导出。"),
        "moodle_ordering": ("排序题使用 Moodle 的 ordering 题型"
                            "（较新的 Moodle 自带；旧版本需安装 qtype_ordering 插件）。"),
    },
    "en": {
        "sheet_guide": "Read me",
        "sheet_single": "Single choice",
        "sheet_multiple": "Multiple choice",
        "sheet_true_false": "True or false",
        "sheet_ordering": "Ordering",
        "sheet_scenario": "Scenarios",
        "type_single": "Single choice",
        "type_multiple": "Multiple choice",
        "type_true_false": "True or false",
        "type_ordering": "Ordering",
        "type_scenario": "Scenario",
        "col_type": "Type",
        "col_prompt": "Question",
        "col_option": "Option {letter}",
        "col_answer": "Answer",
        "col_explanation": "Explanation",
        "col_points": "Points",
        "col_difficulty": "Difficulty",
        "col_topic": "Topic",
        "col_scoring": "Scoring",
        "col_penalty": "Wrong-pick penalty",
        "col_feedback": "Feedback {letter}",
        "col_feedback_true": "Feedback if true",
        "col_feedback_false": "Feedback if false",
        "col_quiz": "Quiz",
        "col_id": "Question ID",
        "col_lesson": "Lesson",
        "col_step": "Step",
        "col_situation": "Situation",
        "col_best": "Best choice",
        "col_choice_points": "Points for the step",
        "col_step_feedback": "Feedback for the step",
        "col_outcome": "Ending",
        "col_shown": "Text shown in the sheet",
        "col_source": "Course source",
        "true": "True",
        "false": "False",
        "scoring_all_or_nothing": "all or nothing",
        "scoring_partial": "partial",
        "scoring_position": "by position",
        "scoring_adjacent_pairs": "by neighbouring pairs",
        "buyer_says": "Buyer: ",
        "situation": "Situation: ",
        "guide_title": "{course} · question bank",
        "guide_counts": "This bank holds {total} questions: {counts}. They come from the course's "
                        "quizzes, one sheet per question type.",
        "guide_count_item": "{n} {name}",
        "list_separator": ", ",
        "guide_columns": "The columns",
        "guide_column_head": "Column",
        "guide_meaning_head": "What it holds",
        "guide_type": "Single choice, Multiple choice, True or false or Ordering. With one sheet "
                      "for every question, this column tells the types apart.",
        "guide_prompt": "The question itself.",
        "guide_option": "Option A, Option B, …: one option per column, filled from A without gaps.",
        "guide_answer": (
            "Single choice: one letter, e.g. B. Multiple choice: the letters of every right "
            "option, e.g. A,C (AC works too). True or false: True or False. Ordering: the "
            "letters in the right order, e.g. C,A,B,D (the options are listed shuffled)."),
        "guide_explanation": "Shown to the learner after answering.",
        "guide_points": "The question's weight; empty means 1.",
        "guide_difficulty": "The course does not rate difficulty: left empty. Fill it in if your "
                            "platform needs it.",
        "guide_topic": "Title of the lesson the question belongs to (or its section).",
        "guide_scoring": (
            "Multiple choice: all or nothing, or partial (each right pick earns a share, each "
            "wrong pick costs the penalty in shares, never below zero). Ordering: all or "
            "nothing, by position (share of steps in their place) or by neighbouring pairs "
            "(share of neighbours in the right order)."),
        "guide_penalty": "For partial scoring: shares lost per wrong pick; empty means 1.",
        "guide_feedback": "Shown when the learner picks that option. True or false questions "
                          "have feedback for answering true and for answering false.",
        "guide_quiz": "The quiz the question belongs to; `course import --quiz` picks one quiz's "
                      "questions.",
        "guide_id": "The question's id in the course. Keep it and the id stays the same when "
                    "the bank comes back, so learners' answer files still match.",
        "guide_lesson": "The lesson and heading (the course's own notation), used to restore "
                        "the link when the bank comes back.",
        "guide_extra": "The columns after Difficulty and Topic are this course's own: delete "
                       "them if another platform refuses unknown columns; keep them to bring "
                       "the bank back.",
        "guide_scenarios": (
            "Scenarios are conversations of several steps: they have no one-row format and no "
            "matching type on other platforms. The Scenarios sheet lists them for reference "
            "only, one row per step of the best path: the situation, the best choice, its "
            "points and feedback. Importing skips that sheet."),
        "guide_no_scenarios": "The exported quizzes have no scenarios.",
        "guide_text": (
            "Cells show the text as learners see it: rule values filled in, bold and other "
            "marks removed. The hidden course-source sheet keeps the course's own text, used "
            "when the bank comes back; a cell you changed is imported as changed."),
        "guide_import": "Bring it back: course import bank.xlsx --quiz QUIZ-ID [--section ID]",
        "guide_keys": "This file holds every answer: give it to trainers, never to learners.",
        "yaml_header": "Imported by `course import` from {file}: {count} questions. Edit freely, "
                       "then run `course check`.",
        "yaml_title": "quiz title: shown on the site",
        "yaml_mode": "practice: feedback after each question · assessment: graded from answer "
                     "files",
        "yaml_pass_mark": "share of the points needed to pass",
        "yaml_shuffle": "true: each learner sees the options in another order",
        "yaml_row": "from {sheet}, row {row}",
        "yaml_difficulty": "difficulty: {value} (the course does not use it; kept for the record)",
        "yaml_topic": "topic: {value} (no lesson has that title, so no lesson link)",
        "yaml_default_scoring": "the workbook gives no scoring: all or nothing by default",
        "moodle_generated": "The question bank of “{course}”, exported as Moodle XML by "
                            "course export.",
        "moodle_all_or_nothing": (
            "In the course this multiple-choice question scores all or nothing. Moodle has no "
            "such rule: here each right option earns a share and any wrong pick scores 0, so "
            "picking only some of the right options earns part marks in Moodle."),
        "moodle_all_or_nothing_count": (
            "{n} multiple-choice questions score all or nothing in the course; in Moodle any "
            "wrong pick scores 0 but picking only some right options earns part marks (Moodle "
            "has no all-or-nothing multiple choice)."),
        "moodle_rounded": "Multiple-choice question “{id}”: the wrong-pick penalty {exact}% is "
                          "not a Moodle grade; the nearest, {used}%, is used.",
        "moodle_scenario": "Scenario “{id}” left out: Moodle has no branching-conversation "
                           "question type.",
        "moodle_scenarios_count": "{n} scenarios left out: Moodle has no branching-conversation "
                                  "question type ({ids}).",
        "moodle_too_many": (
            "Multiple-choice question “{id}” has {n} right options; Moodle's grade list has no "
            "1/{n}, so it was left out."),
        "moodle_ordering": "Ordering questions use Moodle's ordering type (standard in recent "
                           "Moodle; older sites need the qtype_ordering plugin).",
    },
}


def strings(language: str) -> dict[str, str]:
    return STRINGS.get(language, STRINGS["en"])
