"""Words of the report, the certificates and the CSV, in the course's language (zh or en)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        "colon": "：",
        "report_title": "{course} · 成绩与题目分析",
        "generated": "生成于 {date}。共 {attempts} 份答卷，{learners} 名学员。",
        "basis_best": "每位学员的每套测验取最好的一次成绩。",
        "basis_latest": "每位学员的每套测验取最近的一次成绩。",
        "overview": "总览",
        "quiz": "测验",
        "learners": "学员",
        "learner_count": "{n} 人",
        "pass_rate": "通过率",
        "mean_score": "平均分",
        "required": "必修",
        "pass_mark": "及格线 {pct}%",
        "pass_mark_head": "及格线",
        "distribution": "{quiz}：成绩分布",
        "distribution_desc": "按得分分组的学员人数，竖线为及格线。",
        "score_axis": "得分（%）",
        "no_attempts": "还没有人提交这套测验。",
        "items": "题目分析：{quiz}",
        "quality_map": "{quiz}：题目质量图",
        "quality_desc": "每道题按答对率（横轴）和区分度（纵轴）放置；阴影区里的题需要检查，菱形为已标记的题。",
        "facility": "答对率",
        "discrimination": "区分度",
        "check_zone": "需要检查",
        "flagged": "需要检查的题目",
        "none_flagged": "没有需要检查的题目。",
        "question": "第 {n} 题",
        "scored": "作答 {n} 人",
        "too_few": "不足 {n} 人，不计算",
        "low_facility": "答对率很低：可能答案设错、题目有歧义，或课程没有讲清楚。",
        "negative_discrimination": "区分度为负：总分高的学员反而更常答错，请检查答案和措辞。",
        "lesson": "对应课程：{title}",
        "choices": "各选项被选的人数",
        "choices_desc": "选项前的 ✓ 表示正确选项，✗ 表示错误选项。",
        "endings": "对话走到的结局",
        "endings_desc": "每个结局有多少学员走到，以及他们在这道题上的平均得分。",
        "unfinished": "（没有走完对话）",
        "ending_note": "{n} 人 · {pct}% · 平均得分 {score}%",
        "count_note": "{n} 人 · {pct}%",
        "correct": "全对",
        "partial": "部分对",
        "wrong": "错误",
        "unanswered": "未作答",
        "true": "对",
        "false": "错",
        "mark_right": "✓ ",
        "mark_wrong": "✗ ",
        "learner_table": "学员成绩",
        "passed": "通过",
        "failed": "未通过",
        "not_taken": "—",
        "method": "计算方法",
        "method_text": (
            "<p><b>答对率</b>：这道题计分的答卷中，得分占满分比例的平均值（部分得分按比例计入，"
            "未作答计 0）。低于 0.3 时标记。</p>"
            "<p><b>区分度</b>（上下 27% 分组法，与 Moodle 报告的区分度同为 −1 到 1）：把答卷按"
            "<em>除这道题以外</em>的得分排序，取最低和最高各 27%（至少 1 人），区分度 = 高分组在"
            "这道题上的平均得分比例 − 低分组的平均得分比例。为负时标记。作答少于 {min_d} 人时不计算；"
            "少于 {min_f} 人时不标记。</p>"
            "<p><b>信度</b>：每道题的得分计为这道题拿到的分数，信度 = m·c̄ / (v̄ + (m − 1)·c̄)，"
            "v̄ 为各题得分方差的平均，c̄ 为两题得分协方差的平均，m 为每份试卷的题数；每位学员都答全部"
            "题目时它就是 Cronbach α，全部是同分值的对错题时就是 KR-20。试卷从题库抽取时，方差只算抽到"
            "这道题的学员，协方差只算同时抽到两道题的学员。<b>测量标准误</b> = 学员得分的标准差 × "
            "√(1 − 信度)。不足 {min_r} 人时都不计算：模拟 20 道对错题、真实信度 0.77 的测验，10 人的"
            "班级算出的信度在 0.26 到 0.90 之间都有可能，30 人时在 0.61 到 0.86 之间。</p>"),
        "reliability": "信度（{kind}）",
        "sem": "测量标准误",
        "sem_value": "±{points} 分",
        "not_computable": "算不出：分数没有差别",
        "measures": "这些数字的意思",
        "explain_facility": "<b>答对率</b>：学员在这道题上平均拿到的分数比例，越低越难（作答少于 {min_f} 人时不标记）。",
        "explain_discrimination": (
            "<b>区分度</b>：总分高的学员比总分低的学员在这道题上多拿多少，0.2 以上说明这道题分得出会和不会（作答不足 {min_d} 人时不计算）。"),
        "explain_reliability": (
            "<b>信度</b>（全部是对错题时为 KR-20，否则为 Cronbach α）：整套题给学员排出的高低有多一致，接近 0 说明总分多半靠运气，考核测验"
            " 0.75 以上算好（不足 {min_r} 人时不计算）。"),
        "explain_sem": (
            "<b>测量标准误</b>：同一位学员换一套同类题目，分数大约会上下差这么多，离及格线不到这个差距的分数算不上明确的通过或不通过（不足 {min_r} 人"
            "时不计算）。"),
        "explain_drawn": (
            "每位学员的试卷从题库抽取：每道题的答对率和区分度只算抽到它的学员；信度按一份 {paper} 道题的试卷计算，两道题的关联只用同时抽到它们的学员。"),
        "types": "单选题|多选题|判断题|排序题|情景对话",
        "certificate": "结业证书",
        "certifies": "兹证明",
        "completed": "已完成《{course}》的全部必修考核，成绩合格。",
        "completed_on": "完成日期",
        "scores": "考核成绩",
        "code": "验证码",
        "verify_hint": "如需核实本证书，请培训负责人运行：course verify {code}",
        "certificates_title": "{course} · 结业证书",
        "no_certificates": "还没有学员通过全部必修测验，所以这里还没有证书。",
        "csv_file": "文件",
        "csv_learner": "学员",
        "csv_learner_id": "学员编号",
        "csv_quiz": "测验",
        "csv_percent": "得分（%）",
        "csv_points": "得分",
        "csv_max_points": "满分",
        "csv_passed": "是否通过",
        "csv_left_out": "未计分的题目（题目已修改）",
        "csv_submitted": "提交时间（UTC）",
        "csv_status": "状态",
        "yes": "是",
        "no": "否",
        "status_new": "新记录",
        "status_known": "已在成绩册中",
    },
    "en": {
        "colon": ": ",
        "report_title": "{course} · results and item analysis",
        "generated": "Generated on {date}. {attempts} answer files from {learners} learners.",
        "basis_best": "Each learner's best attempt at each quiz is used.",
        "basis_latest": "Each learner's latest attempt at each quiz is used.",
        "overview": "Overview",
        "quiz": "Quiz",
        "learners": "Learners",
        "learner_count": "{n}",
        "pass_rate": "Pass rate",
        "mean_score": "Mean score",
        "required": "required",
        "pass_mark": "pass mark {pct}%",
        "pass_mark_head": "Pass mark",
        "distribution": "{quiz}: score distribution",
        "distribution_desc": "Learners by score band; the vertical line is the pass mark.",
        "score_axis": "score (%)",
        "no_attempts": "Nobody has handed in this quiz yet.",
        "items": "Item analysis: {quiz}",
        "quality_map": "{quiz}: question quality map",
        "quality_desc": "Each question placed by facility (across) and discrimination (up); "
                        "questions in the shaded zones need checking; flagged ones are diamonds.",
        "facility": "Facility",
        "discrimination": "Discrimination",
        "check_zone": "check these",
        "flagged": "Questions to check",
        "none_flagged": "No question needs checking.",
        "question": "Question {n}",
        "scored": "{n} answered",
        "too_few": "fewer than {n}: not computed",
        "low_facility": "Very low facility: a wrong key, an ambiguous wording, or a point the "
                        "lesson does not teach clearly.",
        "negative_discrimination": "Negative discrimination: learners with high scores miss "
                                   "it more often than those with low scores.",
        "lesson": "Lesson: {title}",
        "choices": "How many learners picked each option",
        "choices_desc": "✓ marks a correct option, ✗ a wrong one.",
        "endings": "Where the conversations ended",
        "endings_desc": "How many learners reached each ending, and their mean score on it.",
        "unfinished": "(conversation not finished)",
        "ending_note": "{n} · {pct}% · mean {score}%",
        "count_note": "{n} · {pct}%",
        "correct": "correct",
        "partial": "partly correct",
        "wrong": "wrong",
        "unanswered": "not answered",
        "true": "True",
        "false": "False",
        "mark_right": "✓ ",
        "mark_wrong": "✗ ",
        "learner_table": "Learners",
        "passed": "passed",
        "failed": "not passed",
        "not_taken": "—",
        "method": "How these numbers are computed",
        "method_text": (
            "<p><b>Facility</b>: the mean share of the points earned on the question, over the "
            "attempts in which it counted (partial credit counts its fraction; unanswered counts "
            "0). Flagged below 0.3.</p>"
            "<p><b>Discrimination</b> (upper-lower 27 % groups, on the -1 to 1 scale Moodle "
            "reports): rank attempts by their score on <em>the rest of the quiz</em>, take the "
            "lowest and highest 27 % (at least 1), and subtract the lower group's mean share on "
            "the question from the upper group's. Flagged when negative. Not computed with fewer "
            "than {min_d} attempts; nothing is flagged with fewer than {min_f}.</p>"
            "<p><b>Reliability</b>: each question's score is the points earned on it; reliability "
            "= m·c̄ / (v̄ + (m − 1)·c̄), with v̄ the mean variance of a question's score, c̄ the "
            "mean covariance of two questions' scores and m the questions on a paper. When every "
            "learner answers every question this is Cronbach's alpha, and KR-20 when every "
            "question is right or wrong and of one weight. With papers drawn from pools, a "
            "variance counts the learners who drew the question, a covariance those who drew "
            "both. <b>Standard error of measurement</b> = the standard deviation of the scores × "
            "√(1 − reliability). Neither is computed under {min_r} learners: for a quiz of 20 "
            "right-or-wrong questions whose true reliability is 0.77, simulated classes of 10 "
            "report anything from 0.26 to 0.90, classes of 30 from 0.61 to 0.86.</p>"),
        "reliability": "Reliability ({kind})",
        "sem": "Standard error of measurement",
        "sem_value": "±{points} points",
        "not_computable": "cannot be computed: the scores do not vary",
        "measures": "What these numbers mean",
        "explain_facility": (
            "<b>Facility</b>: the share of the question's points learners earned on avera"
            "ge; the lower, the harder (flagged only from {min_f} learners)."),
        "explain_discrimination": (
            "<b>Discrimination</b>: how much more of the question's points the learners w"
            "ith high totals earned than those with low totals; 0.2 or more means it tell"
            "s those who know from those who do not (not computed under {min_d} learners)"
            "."),
        "explain_reliability": (
            "<b>Reliability</b> (KR-20 when every question is right or wrong, Cronbach's "
            "alpha otherwise): how consistently the questions rank the learners; near 0 t"
            "he totals are mostly luck, and 0.75 or more is good for an assessment (not c"
            "omputed under {min_r} learners)."),
        "explain_sem": (
            "<b>Standard error of measurement</b>: about how far a learner's score could "
            "move on another paper of the same kind, so a score closer than this to the p"
            "ass mark is not a clear pass or fail (not computed under {min_r} learners)."),
        "explain_drawn": (
            "Each learner's paper is drawn from pools: a question's facility and discrimi"
            "nation count only the learners who drew it; reliability is for one paper of "
            "{paper} questions, each pair of questions related over the learners who drew"
            " both."),
        "types": "Single choice|Multiple choice|True or false|Put in order|Conversation",
        "certificate": "Certificate of completion",
        "certifies": "This certifies that",
        "completed": "has passed every required assessment of “{course}”.",
        "completed_on": "Completed on",
        "scores": "Scores",
        "code": "Verification code",
        "verify_hint": "To verify this certificate, the trainer runs: course verify {code}",
        "certificates_title": "{course} · certificates",
        "no_certificates": "No learner has passed every required quiz yet, so there are no "
                           "certificates here.",
        "csv_file": "file",
        "csv_learner": "learner",
        "csv_learner_id": "learner id",
        "csv_quiz": "quiz",
        "csv_percent": "score %",
        "csv_points": "points",
        "csv_max_points": "max points",
        "csv_passed": "passed",
        "csv_left_out": "questions not scored (changed since)",
        "csv_submitted": "submitted (UTC)",
        "csv_status": "status",
        "yes": "yes",
        "no": "no",
        "status_new": "new",
        "status_known": "already in the gradebook",
    },
}

TYPE_KEYS = ("single", "multiple", "true_false", "ordering", "scenario")


def strings(language: str) -> dict[str, str]:
    return STRINGS.get(language, STRINGS["en"])


def type_label(language: str, question_type: str) -> str:
    labels = dict(zip(TYPE_KEYS, strings(language)["types"].split("|")))
    return labels.get(question_type, question_type)
