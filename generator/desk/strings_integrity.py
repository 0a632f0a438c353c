"""Words the desk's integrity checks add to the CSV, the report, the certificates and the code
sheet, in zh and en. Kept apart from strings.py so the string catalogue of issue 16 can take
them in one move."""

from __future__ import annotations

DESK_STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        "csv_attempt": "第几次作答",
        "csv_identity": "身份",
        "csv_late": "超时",
        "csv_notes": "备注",
        "verified": "已核实",
        "not_verified": "未核实",
        "note_known": "已在成绩册中",
        "note_late": "超过限时",
        "note_clock": "作答时间不在本次作答的起止时间内",
        "note_excluded": "题目已修改，不计入：{ids}",
        "note_removed": "题目已删除，答案未计：{ids}",
        "note_start_order": "初始顺序恰好是答案，不计入：{ids}",
        "note_zero": "题目已修改，计 0 分：{ids}",
        "identities_not_verified": "身份未核实：没有导入学员名单，姓名和工号都是学员自己填写的。",
        "some_not_verified": "部分答卷的身份未核实（{n} 份）：它们来自不要求访问码的练习，或来自导入名单之前。",
        "decision_excluded": "培训负责人的决定：修改过的题目不计入得分（--changed exclude）。",
        "decision_zero": "修改过的题目计 0 分，满分不变（默认）。",
        "late_flag": "超时",
        "late_files": "超时提交的答卷：{n} 份（已计分并标出）。",
        "certificate_not_verified": "身份未核实：颁发时没有学员名单，姓名为学员自己填写。",
        "sheet_title": "{course} · 访问码",
        "sheet_intro": "沿虚线剪开，每位学员一张。访问码只发给本人，不要转交他人。",
        "slip_name": "姓名",
        "slip_id": "工号",
        "slip_code": "访问码",
        "slip_site": "课程网址",
        "slip_instruction": "做结业考核时输入工号和这个访问码。访问码只属于你，请勿告诉别人。",
    },
    "en": {
        "csv_attempt": "attempt",
        "csv_identity": "identity",
        "csv_late": "late",
        "csv_notes": "notes",
        "verified": "verified",
        "not_verified": "not verified",
        "note_known": "already in gradebook",
        "note_late": "late",
        "note_clock": "answer times outside the attempt",
        "note_excluded": "left out, changed since: {ids}",
        "note_removed": "ignored, removed since: {ids}",
        "note_start_order": "left out, the starting order gave the answer away: {ids}",
        "note_zero": "counted 0, changed since: {ids}",
        "identities_not_verified": "Identities not verified: no roster was imported, so names "
                                   "and ids are as the learners typed them.",
        "some_not_verified": "Identities not verified for {n} answer files: practice quizzes "
                             "that ask for no access code, or files graded before the roster.",
        "decision_excluded": "Trainer decision: changed questions excluded (--changed exclude).",
        "decision_zero": "Questions changed since a learner's version count 0 points, the "
                         "maximum unchanged (the default).",
        "late_flag": "late",
        "late_files": "Files submitted late: {n} (graded, and marked).",
        "certificate_not_verified": "Identity not verified: there was no roster when this was "
                                    "issued; the name is as the learner typed it.",
        "sheet_title": "{course} · access codes",
        "sheet_intro": "Cut along the dashed lines, one slip per learner. Give each code only to "
                       "its owner.",
        "slip_name": "Name",
        "slip_id": "Staff id",
        "slip_code": "Access code",
        "slip_site": "Course",
        "slip_instruction": "Type your staff id and this code when you take the final "
                            "assessment. The code is yours alone: never share it.",
    },
}


def desk_strings(language: str) -> dict[str, str]:
    return DESK_STRINGS.get(language, DESK_STRINGS["en"])
