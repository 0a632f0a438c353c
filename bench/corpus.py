"""Synthetic courses for the benchmarks: realistic Chinese lessons and quizzes, any number of them.

Everything is derived from the lesson number with a seeded RNG, so a course of N lessons is the
same on every machine. Texts are drawn from pools of after-sales sentences written for this
purpose; a lesson comes out at ~3,000 Chinese characters with headings, lists, a numbered list,
policy values, glossary and cross-lesson links, key points, checklists, do/don't, dialogues,
mistakes, summary and sources. Each lesson has one quiz of 10 questions of every type (3 single,
2 multiple, 2 true/false, 2 ordering, 1 branching scenario), or, with `choice_only`, 10 single and
multiple choice questions (the types mkdocs-quiz supports, for the peer comparison).
"""

from __future__ import annotations

import datetime
import json
import random
import re
from pathlib import Path

SECTIONS = [
    ("rules", "平台规则"),
    ("communication", "沟通"),
    ("inspection", "验货"),
    ("refund-methods", "退款方式"),
    ("reviews", "评价"),
    ("training", "学习培训"),
]

SENTENCES = [
    "买家在签收后第三天申请无理由退货，客服先要核对订单里的签收时间，而不是下单时间。",
    "七天从签收的次日开始算，用日历一天一天地数，不要凭印象说“已经超过了”。",
    "订单上的售后期标签可能比法律规定的七天更长，先看标签再回复买家。",
    "法律直接排除的商品只有定做、鲜活易腐、已拆封的数字商品和已交付的报刊四类。",
    "其他不支持无理由退货的商品，必须在买家下单时经过醒目的确认步骤。",
    "商品页角落里写一句“不退不换”并不算醒目确认，不能据此拒绝退货。",
    "无理由退货的运费一般由买家承担，除非商品页另有约定，例如写明包退运费。",
    "质量问题的退货、换货和维修，来回运费和其他必要费用都由商家承担。",
    "随订单送的赠品要一起退回，退不回来的由买家按赠品上标明的价格承担。",
    "这一点要在买家寄回之前就说清楚，而不是收到包裹以后才扣钱。",
    "退款一律通过平台原路退回，不能让买家加微信或者用支付宝私下转账。",
    "私下转账既违反平台规则，也容易被冒充买家的人骗走货款。",
    "后台每个售后申请都有逾期时间，倒计时结束前没有处理，平台会自动替你做决定。",
    "拒绝申请时要选择拒绝原因并写清备注，很多原因还要求上传物流截图等凭证。",
    "买家申请平台介入后，要在规定时间内按模板上传证据，裁决会写明责任方。",
    "打开包装检查商品、合理试用，并不影响商品完好，不能只因为拆了包装就拒绝。",
    "一次性封条被撕开的食品、化妆品，或者吊牌被剪掉的衣服，才可能不算完好。",
    "验货时先拍下包裹外观和快递面单，再当着镜头拆开，留下完整的过程。",
    "如果退回的商品和发出的不一致，保存视频和照片，按平台流程申请售后仲裁。",
    "回复买家时先说结论，再说原因，最后告诉他下一步要做什么、大概要多久。",
    "语气要客气但不含糊，不要用“可能”“应该”来回答规则上已经明确的问题。",
    "买家情绪激动时，先表示理解，再把问题拆成一件一件地解决。",
    "不要在聊天里承诺平台规则以外的东西，私下承诺不会改变平台的判定。",
    "店铺名称和资料里不能出现电话号码、社交账号或二维码。",
    "买家想在已付款的订单上用优惠券，应该先原路退款，再让买家重新下单。",
    "发货后四十八小时内没有揽收记录，买家申请退款会被默认同意，还要额外赔付。",
    "只有快递真正揽收以后才能点发货，提前填单号会带来处罚。",
    "体验分会受到售后处理速度、纠纷率和差评的影响，处理拖得越久分数越低。",
    "差评出现后先看买家说的是不是事实，再决定是解释、补偿还是改进商品。",
    "回复差评时不要和买家争吵，其他买家看的是你解决问题的态度。",
    "不能用返现、送礼品的方式诱导买家修改或删除评价，这是违规行为。",
    "新客服上岗前要先学完规则单元，并通过练习测验，再开始独立接待。",
    "每周抽查十个售后会话，对照检查清单打分，把常见问题整理成案例。",
    "规则调整以后，培训负责人要在一周内更新课程，并在课里写明调整日期。",
    "极速退款在买家寄出退货后就先退款，商家仍然可以在收货验货后申请售后。",
    "对金额较大的订单，收到退货后要当天验货，发现问题当天提交凭证。",
    "同一个买家反复申请仅退款时，要查看他的历史订单，再按规则处理。",
    "商品确实有质量问题时，主动承认并给出方案，比拖延更能减少纠纷。",
    "处理换货时，先确认新商品有库存，再告诉买家寄回的地址和注意事项。",
    "快递破损的包裹，让买家拍照留证，再根据情况选择补发或者退款。",
    "退货地址要在后台设置好，不要在聊天里临时发一个新的地址。",
    "买家寄错商品回来时，拍照通知买家，商量好以后再寄回或者退款。",
    "遇到恶意敲诈的买家，保留聊天记录，通过平台举报，不要私下和解。",
    "客服交接班时，把未处理完的售后单写进交接记录，避免倒计时到期。",
    "每一条规则数值都要写明来源和核对日期，过期的数值会误导新客服。",
]

LIST_ITEMS = [
    "看订单里的**签收时间**，不看下单时间",
    "核对订单标签：7天、15天售后期",
    "确认买家选的退货原因是无理由还是质量问题",
    "检查订单里有没有赠品",
    "拍下包裹外观和快递面单",
    "当着镜头拆包，录下完整过程",
    "对照发货记录核对商品型号和数量",
    "吊牌、配件、说明书是否齐全",
    "一次性封条是否完好",
    "在逾期时间之前点处理",
    "拒绝时选对原因并写清备注",
    "上传物流截图等凭证",
    "用平台的售后流程退款，不私下转账",
    "告诉买家下一步要做什么、要多久",
    "把处理结果记进交接记录",
    "回复差评前先核实事实",
    "不在聊天里承诺规则以外的补偿",
    "同意退款后提醒买家查看原支付账户",
]

HEADINGS = [
    "从哪天开始算", "先看订单标签", "哪些商品不适用", "退货运费谁付", "赠品也要退回",
    "收到退货后多久退款", "完好的标准", "怎么验货", "留下凭证", "拒绝申请的条件",
    "平台介入怎么办", "原路退回", "为什么不能私下转账", "优惠券怎么处理", "发货与揽收",
    "逾期时间", "体验分", "差评的回复", "不能诱导改评", "换货流程", "快递破损",
    "寄错商品", "恶意敲诈", "交接班", "规则更新", "极速退款", "仅退款", "质量问题",
    "回复的顺序", "安抚情绪", "承诺的边界", "店铺资料", "大额订单", "历史订单",
    "补发还是退款", "退货地址", "处理记录", "抽查会话", "案例整理", "上岗之前",
]

BUYER_LINES = [
    "你好，我昨天收到的衣服尺码不合适，能退吗？",
    "平台退款太慢了，你直接微信转我吧。",
    "包装我拆开看过了，这样还能退吗？",
    "我已经寄回去三天了，怎么还没退款？",
    "赠品我已经用了，是不是就不能退了？",
    "你们商品页没写不能退，凭什么拒绝？",
    "快递送来的时候盒子就破了，里面的杯子碎了一个。",
    "我给了差评，你们能补偿我吗？补偿了我就改。",
    "上次买的也有问题，这次又这样，我要投诉。",
    "能不能先退款，我再把东西寄回去？",
]

AGENT_LINES = [
    "您好，我看了一下订单，您是前天签收的，还在七天无理由退货期内，可以申请。",
    "退款只能通过平台原路退回，这样您的钱最安全，我现在就帮您在后台处理。",
    "打开包装检查是可以的，只要商品和配件齐全、不影响再次销售，就能退。",
    "我查到仓库今天上午签收了您的退货，验货后会在今天内同意退款。",
    "赠品需要和商品一起寄回，如果已经用了，需要按赠品标价承担这部分费用。",
    "非常抱歉给您添麻烦了，请您拍一下破损的照片，我马上给您补发。",
    "感谢您的反馈，我们先把问题解决好，评价由您自己决定，我们不会用补偿换评价。",
    "我理解您的心情，这次我会全程跟进，处理结果会在两小时内告诉您。",
    "您先在订单页面点申请售后，选择退货退款，我这边马上同意。",
    "退款到账时间以支付渠道为准，一般一到三个工作日，请留意原支付账户。",
]

NOTES = [
    "客服先查看了订单的签收时间和售后期标签。",
    "客服打开后台，确认售后申请的逾期时间还剩二十小时。",
    "客服核对了物流记录，包裹在上午十点被仓库签收。",
]

MISTAKES = [
    ("按下单时间算七天", "下单到签收可能隔了好几天，按下单时间算会错拒买家。",
     "打开订单详情，按签收时间的次日开始数。"),
    ("看到拆了包装就拒绝退货", "拆包检查不影响完好，这样拒绝会被平台判为商家责任。",
     "检查商品本身、配件和吊牌是否齐全。"),
    ("让买家加微信转账退款", "私下交易违反平台规则，还可能被冒充买家的人骗钱。",
     "在后台同意退款，钱会原路退回。"),
    ("倒计时快结束才处理", "逾期后平台自动处理，结果往往对商家不利。",
     "每天开工先看即将逾期的售后单。"),
    ("用补偿换好评", "诱导改评是违规行为，被发现会扣分甚至处罚。",
     "先解决问题，评价让买家自己决定。"),
    ("收到包裹才说要扣赠品钱", "买家会觉得被骗，纠纷和差评都会增加。",
     "在买家寄回之前就说明赠品的规则。"),
]

SOURCES = [
    ("《消费者权益保护法》第二十五条", "https://example.org/law/25"),
    ("《网络购买商品七日无理由退货暂行办法》", "https://example.org/law/7day"),
    ("《商家发货行为管理规则》", None),
    ("抖店规则中心：售后服务管理规范", None),
]

POLICIES = {
    "no_reason_days": ("七天无理由退货期限", "7 天"),
    "refund_after_return_days": ("收到退货后退款期限", "7 日内"),
    "pickup_hours": ("发货后揽收期限", "48 小时"),
}

GLOSSARY = [
    ("仅退款", ["只退款"], "买家不退货，只申请退钱。"),
    ("退货退款", [], "买家把商品寄回，商家收到后退款。"),
    ("七天无理由退货", ["七天无理由"], "签收次日起七天内，买家不说明理由也可以退货。"),
    ("售后期", [], "订单标签上写的可以申请售后的期限，可能长于七天。"),
    ("逾期时间", [], "售后申请在后台的处理倒计时，到期后平台自动处理。"),
]

ORDER_ITEMS = ["纯棉T恤 白色 L", "保温杯 500ml", "蓝牙耳机", "儿童雨靴 28码", "面霜 50g"]

OPTION_TEXTS = [
    ("同意退货，告诉买家寄回地址", "对：还在期限内，商品也完好。"),
    ("拒绝，因为包装已经拆开", "拆包检查不影响完好，不能据此拒绝。"),
    ("让买家加微信，私下退款", "私下转账违规，也有被骗的风险。"),
    ("先看订单标签和签收时间再答复", "对：先核对事实再答复。"),
    ("告诉买家已经超过七天", "要按签收次日开始算，还要看售后期标签。"),
    ("等倒计时快结束再处理", "逾期后平台会自动处理，对商家不利。"),
    ("要求买家先删差评", "诱导改评是违规行为。"),
    ("拍照留证后按平台流程处理", "对：凭证是仲裁时最有力的材料。"),
]

STEP_TEXTS = [
    "核对签收时间", "查看订单标签", "确认退货原因", "提醒赠品一起寄回", "同意退货申请",
    "收到退货后当天验货", "在后台同意退款", "记录处理结果",
]


def reviewed_on() -> datetime.date:
    # Recent enough that no staleness warning fires, whatever day the benchmark runs.
    return datetime.date.today() - datetime.timedelta(days=30)


def lesson_id(index: int) -> str:
    return f"lesson-{index:04d}"


def section_of(index: int, count: int) -> tuple[str, str]:
    return SECTIONS[index * len(SECTIONS) // count]


def headings_of(index: int) -> list[str]:
    return random.Random(f"headings-{index}").sample(HEADINGS, 5)


# --- a tiny YAML writer: block scalars for multi-line text, quotes only where needed ---------

_PLAIN_UNSAFE = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]|[:#]\s|\s$|:$|[{}\[\],]""")
_LOOKS_TYPED = re.compile(r"^(?:~|null|true|false|yes|no|on|off|[-+]?[0-9.]+)$", re.I)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN_UNSAFE.search(text) or _LOOKS_TYPED.match(text) or not text:
        return json.dumps(text, ensure_ascii=False)
    return text


def _dump(value, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and "\n" in item:
                out.append(f"{pad}{key}: |")
                out.extend(f"{pad}  {line}" if line else ""
                           for line in item.rstrip("\n").split("\n"))
            elif isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                _dump(item, indent + 2, out)
            elif isinstance(item, list):
                out.append(f"{pad}{key}: []")
            else:
                out.append(f"{pad}{key}: {_scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict):
                inner: list[str] = []
                _dump(item, indent + 2, inner)
                inner[0] = f"{pad}- " + inner[0][indent + 2:]
                out.extend(inner)
            elif isinstance(item, str) and "\n" in item:
                out.append(f"{pad}- |")
                out.extend(f"{pad}    {line}" if line else ""
                           for line in item.rstrip("\n").split("\n"))
            else:
                out.append(f"{pad}- {_scalar(item)}")


def to_yaml(data: dict, schema: str | None = None) -> str:
    out: list[str] = [f"# yaml-language-server: $schema={schema}"] if schema else []
    _dump(data, 0, out)
    return "\n".join(out) + "\n"


# --- lessons ---------------------------------------------------------------------------------

def _paragraph(rng: random.Random, count: int) -> str:
    return "".join(rng.sample(SENTENCES, count))


def lesson_data(index: int, count: int) -> dict:
    rng = random.Random(f"lesson-{index}")
    headings = headings_of(index)
    other = (index + 1) % count
    other_anchor = headings_of(other)[rng.randrange(5)]
    parts = [_paragraph(rng, 3) + "先看下面的要点，再做本课的练习。", ""]
    for number, heading in enumerate(headings):
        parts += [f"## {heading}", "", _paragraph(rng, 4), ""]
        if number == 0:
            parts += ["期限是 {{policy.no_reason_days}}，"
                      "收到退货后 {{policy.refund_after_return_days}}"
                      "退款。买家申请[仅退款](glossary:仅退款)时，先看订单状态。", ""]
        if number == 1 and count > 1:
            parts += [f"这一点和[另一课](lesson:{lesson_id(other)}#{other_anchor})讲的内容有关，"
                      "建议一起复习。", ""]
        if number % 2 == 0:
            parts += [f"- {item}" for item in rng.sample(LIST_ITEMS, 4)] + [""]
        else:
            parts += [f"{n}. {item}；"
                      for n, item in enumerate(rng.sample(LIST_ITEMS, 4), 1)] + [""]
        parts += [_paragraph(rng, 3), ""]
    dialogues = []
    for d in range(2):
        lines = [{"note": rng.choice(NOTES)}]
        for _ in range(3):
            lines += [{"buyer": rng.choice(BUYER_LINES)}, {"agent": rng.choice(AGENT_LINES)}]
        dialogues.append({"title": f"对话示例{d + 1}：{rng.choice(BUYER_LINES)[:12]}",
                          "situation": _paragraph(rng, 1), "lines": lines,
                          "takeaway": _paragraph(rng, 1)})
    mistakes = [{"mistake": m, "why": w, "instead": i} for m, w, i in rng.sample(MISTAKES, 3)]
    section_id, _ = section_of(index, count)
    return {
        "id": lesson_id(index),
        "title": f"第{index + 1}课 {headings[0]}与{headings[1]}",
        "order": index * 10,
        "description": _paragraph(rng, 1),
        "minutes": 10 + index % 10,
        "objectives": [f"能说明{h}的要点并照做" for h in headings[:4]],
        "body": "\n".join(parts),
        "key_points": rng.sample(SENTENCES, 5),
        "checklists": [{"title": f"处理{headings[c]}时核对", "items": rng.sample(LIST_ITEMS, 5)}
                       for c in range(2)],
        "do_dont": {"do": rng.sample(LIST_ITEMS, 4),
                    "dont": ["按下单时间算七天", "让买家私下转账", "等倒计时快结束才处理",
                             "用补偿换好评"]},
        "dialogues": dialogues,
        "mistakes": mistakes,
        "summary": _paragraph(rng, 3),
        "sources": [{"title": t, **({"url": u} if u else {}), "date": "2024-07-01",
                     "note": "本课按此核对"} for t, u in rng.sample(SOURCES, 2)],
        "reviewed_on": reviewed_on(),
    }


# --- quizzes ---------------------------------------------------------------------------------

def _options(rng: random.Random, count: int, correct: set[int]) -> list[dict]:
    picked = rng.sample(OPTION_TEXTS, count)
    return [{"id": f"o{n + 1}", "text": text, **({"correct": True} if n in correct else {}),
             "feedback": feedback} for n, (text, feedback) in enumerate(picked)]


def _single(rng, qid, ref) -> dict:
    return {"id": qid, "type": "single", "prompt": _paragraph(rng, 2) + "这时应该怎么做？",
            "lesson": ref, "explanation": _paragraph(rng, 1),
            "options": _options(rng, 4, {rng.randrange(4)})}


def _multiple(rng, qid, ref, scoring="partial") -> dict:
    question = {"id": qid, "type": "multiple", "prompt": _paragraph(rng, 2) + "哪些做法是对的？",
                "lesson": ref, "scoring": scoring, "explanation": _paragraph(rng, 1),
                "options": _options(rng, 5, set(rng.sample(range(5), 2)))}
    return question


def _true_false(rng, qid, ref) -> dict:
    return {"id": qid, "type": "true_false", "prompt": rng.choice(SENTENCES),
            "lesson": ref, "answer": rng.random() < 0.5,
            "feedback": {"true": _paragraph(rng, 1), "false": _paragraph(rng, 1)},
            "explanation": _paragraph(rng, 1)}


def _ordering(rng, qid, ref) -> dict:
    return {"id": qid, "type": "ordering", "prompt": "把处理退货申请的步骤排成正确的顺序。",
            "lesson": ref, "scoring": "position", "explanation": _paragraph(rng, 1),
            "items": [{"id": f"s{n + 1}", "text": text}
                      for n, text in enumerate(STEP_TEXTS[:5])]}


def _scenario(rng, qid, ref) -> dict:
    order = {"item": rng.choice(ORDER_ITEMS), "amount": "¥129.00", "ordered": "11月3日 20:15",
             "shipped": "11月4日 09:30", "signed": "11月6日 18:02",
             "status": "退货退款 · 待商家处理", "countdown": "以后台显示的逾期时间为准",
             "tags": ["7天无理由", "运费险"]}
    return {"id": qid, "type": "scenario", "prompt": "买家在飞鸽里找你。按你会做的回复。",
            "lesson": ref, "explanation": _paragraph(rng, 1),
            "nodes": [
                {"id": "start", "customer": rng.choice(BUYER_LINES), "order": order,
                 "choices": [
                     {"id": "check", "text": "先核对签收时间和订单标签", "next": "checked",
                      "points": 2, "feedback": _paragraph(rng, 1)},
                     {"id": "refuse", "text": "直接说已经超过七天", "next": "angry",
                      "feedback": _paragraph(rng, 1)},
                     {"id": "wechat", "text": "加微信私下处理", "next": "end-complaint",
                      "feedback": _paragraph(rng, 1)}]},
                {"id": "checked", "situation": _paragraph(rng, 1),
                 "customer": rng.choice(BUYER_LINES),
                 "choices": [
                     {"id": "agree", "text": "同意退货并说明赠品要一起寄回", "next": "end-returned",
                      "points": 2, "feedback": _paragraph(rng, 1)},
                     {"id": "later", "text": "说明天再处理", "next": "end-late", "points": 1,
                      "feedback": _paragraph(rng, 1)}]},
                {"id": "angry", "customer": rng.choice(BUYER_LINES),
                 "choices": [
                     {"id": "apologise", "text": "道歉并重新核对订单", "next": "end-late",
                      "points": 1, "feedback": _paragraph(rng, 1)},
                     {"id": "insist", "text": "坚持拒绝", "next": "end-complaint",
                      "feedback": _paragraph(rng, 1)}]},
                {"id": "end-returned", "outcome": _paragraph(rng, 2)},
                {"id": "end-late", "outcome": _paragraph(rng, 1)},
                {"id": "end-complaint", "outcome": _paragraph(rng, 2)},
            ]}


def quiz_data(index: int, count: int, choice_only: bool = False) -> dict:
    rng = random.Random(f"quiz-{index}")
    lid = lesson_id(index)
    headings = headings_of(index)
    ref = lambda: f"{lid}#{rng.choice(headings)}"  # noqa: E731
    if choice_only:
        makers = [_single, _multiple] * 5
        questions = [(_multiple(rng, f"q{n + 1}", ref(), "all_or_nothing") if make is _multiple
                      else make(rng, f"q{n + 1}", ref())) for n, make in enumerate(makers)]
    else:
        makers = [_single, _multiple, _true_false, _ordering, _scenario,
                  _single, _multiple, _true_false, _ordering, _single]
        questions = [make(rng, f"q{n + 1}", ref()) for n, make in enumerate(makers)]
    section_id, _ = section_of(index, count)
    return {"id": f"quiz-{index:04d}", "title": f"第{index + 1}课练习", "section": section_id,
            "lessons": [lid], "mode": "practice", "pass_mark": 0.8, "order": index * 10,
            "questions": questions}


# --- the course folder -----------------------------------------------------------------------

MKDOCS_YML = """\
site_name: 基准测试课程：退款与售后
site_url: https://example.org/bench/
docs_dir: content
use_directory_urls: false
theme:
  name: material
  language: zh
  font: false
  features:
    - navigation.instant
    - navigation.footer
    - navigation.indexes
    - navigation.sections
    - navigation.top
    - search.highlight
    - content.tooltips
  palette:
    primary: red
    accent: deep orange
plugins:
  - search:
      lang: zh
  - course:
      content_dir: content
      quiz_dir: quizzes
markdown_extensions:
  - toc:
      permalink: true
  - admonition
  - attr_list
  - md_in_html
  - def_list
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist:
      custom_checkbox: true
validation:
  links:
    anchors: warn
    absolute_links: warn
    unrecognized_links: warn
"""


def without_item_checks(mkdocs_yml: str) -> str:
    """The same mkdocs.yml with the item-quality checks turned off."""
    plugin = "      quiz_dir: quizzes\n"
    assert plugin in mkdocs_yml
    return mkdocs_yml.replace(plugin, plugin + "      item_checks:\n        enabled: false\n", 1)


def course_data() -> dict:
    return {"title": "基准测试课程：退款与售后", "language": "zh",
            "audience": "抖音小店的新客服和店主。",
            "description": "用来测量生成器速度的合成课程。",
            "sections": [{"id": i, "title": t, "description": f"{t}部分的课。"}
                         for i, t in SECTIONS]}


def policies_data() -> dict:
    return {"policies": {name: {"label": label, "value": value, "as_of": reviewed_on(),
                                "source": {"title": "《消费者权益保护法》第二十五条"}}
                         for name, (label, value) in POLICIES.items()}}


def glossary_data() -> dict:
    return {"terms": [{"term": t, **({"aliases": a} if a else {}), "definition": d}
                      for t, a, d in GLOSSARY]}


def write_course(root: Path, lessons: int, choice_only: bool = False) -> Path:
    """Write a course folder of `lessons` lessons and as many quizzes; returns its mkdocs.yml."""
    content, quizzes = root / "content", root / "quizzes"
    for section_id, _ in SECTIONS:
        (content / section_id).mkdir(parents=True, exist_ok=True)
    quizzes.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (content / "course.yml").write_text(to_yaml(course_data()), encoding="utf-8")
    (content / "policies.yml").write_text(to_yaml(policies_data()), encoding="utf-8")
    (content / "glossary.yml").write_text(to_yaml(glossary_data()), encoding="utf-8")
    for index in range(lessons):
        section_id, _ = section_of(index, lessons)
        (content / section_id / f"{lesson_id(index)}.yml").write_text(
            to_yaml(lesson_data(index, lessons)), encoding="utf-8")
        (quizzes / f"quiz-{index:04d}.yml").write_text(
            to_yaml(quiz_data(index, lessons, choice_only)), encoding="utf-8")
    return root / "mkdocs.yml"


def yaml_files(root: Path) -> list[Path]:
    return sorted([*root.glob("content/**/*.yml"), *root.glob("quizzes/*.yml")])
