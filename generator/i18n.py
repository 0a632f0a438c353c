"""Interface strings for the languages a course can be written in."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "zh": {
        "objectives": "学习目标",
        "key_points": "要点",
        "checklists": "操作清单",
        "do_dont": "该做与不该做",
        "do": "应该这样做",
        "dont": "不要这样做",
        "dialogues": "对话示例",
        "situation": "情境",
        "takeaway": "点评",
        "buyer": "买家",
        "agent": "客服",
        "note": "旁白",
        "mistakes": "常见错误",
        "why": "为什么不对",
        "instead": "正确做法",
        "summary": "小结",
        "sources": "依据与核对日期",
        "reviewed_on": "本课内容核对于 {date}。规则会调整，使用前请在抖店后台规则中心核对最新版本。",
        "reviewed_short": "核对于 {date}",
        "minutes": "约 {n} 分钟",
        "lessons": "课程",
        "quizzes": "练习与测验",
        "lesson_count": "{n} 课",
        "home": "首页",
        "audience": "适合谁学",
        "path": "学习路线",
        "total_time": "全部课程约需 {n} 分钟阅读，另加练习时间。",
        "how_quizzes": "练习和考核怎么进行",
        "how_quizzes_text": (
            "每个单元末尾有一套**练习**:答完立即看到对错和解释，可以反复做。"
            "最后的**结业考核**不显示答案：答完后下载答案文件交给培训负责人评分。"
            "学习进度保存在本机浏览器里，可在“学习进度”页查看。"),
        "practice": "练习",
        "assessment": "考核",
        "questions_count": "{n} 题",
        "pass_mark": "及格线 {pct}%",
        "progress": "学习进度",
        "glossary": "术语表",
        "final": "结业考核",
        "policy_as_of": "截至 {date}",
        "source": "来源",
        "start": "开始学习",
    },
    "en": {
        "objectives": "Learning objectives",
        "key_points": "Key points",
        "checklists": "Checklists",
        "do_dont": "Do and don't",
        "do": "Do",
        "dont": "Don't",
        "dialogues": "Example conversations",
        "situation": "Situation",
        "takeaway": "Why it works",
        "buyer": "Buyer",
        "agent": "Agent",
        "note": "Note",
        "mistakes": "Common mistakes",
        "why": "Why it is wrong",
        "instead": "Instead",
        "summary": "Summary",
        "sources": "Sources and review date",
        "reviewed_on": "Checked against the rules on {date}. Rules change: check the current "
                       "version before relying on it.",
        "reviewed_short": "checked {date}",
        "minutes": "about {n} min",
        "lessons": "Lessons",
        "quizzes": "Practice and quizzes",
        "lesson_count": "{n} lessons",
        "home": "Home",
        "audience": "Who it is for",
        "path": "Learning path",
        "total_time": "About {n} minutes of reading, plus practice.",
        "how_quizzes": "How practice and assessment work",
        "how_quizzes_text": (
            "Each section ends with a **practice quiz**: you see right or wrong with an "
            "explanation at once and can retry. The **final assessment** shows no answers: "
            "download your answer file and hand it to your trainer. Progress is kept in this "
            "browser; see the Progress page."),
        "practice": "Practice",
        "assessment": "Assessment",
        "questions_count": "{n} questions",
        "pass_mark": "pass mark {pct}%",
        "progress": "Progress",
        "glossary": "Glossary",
        "final": "Final assessment",
        "policy_as_of": "as of {date}",
        "source": "Source",
        "start": "Start",
    },
}


def strings(language: str) -> dict[str, str]:
    return STRINGS.get(language, STRINGS["en"])
