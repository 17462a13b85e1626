"""The demo's call scripts and knowledge articles, in the demo's language (English, or 简体中文
for a demo in Chinese): a desk in Chinese shows no English script beside its pop."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

#: (name, queue name or None, category code or None, steps as (text, sensitive))
Script = tuple[str, str | None, str | None, tuple[tuple[str, bool], ...]]
#: (title, tags, body)
Article = tuple[str, str, str]

SCRIPTS: dict[str, tuple[Script, ...]] = {
    "en": (
        (
            "Every call",
            None,
            None,
            (
                ("Hello, you are through to {agent}. Am I speaking with {name}?", False),
                ("Confirm the caller's identity: date of birth and postcode.", True),
                ("Ask how you can help today.", False),
                ("Before ending: is there anything else I can help with?", False),
            ),
        ),
        (
            "Customer support",
            "support",
            None,
            (
                ("Good day {name}, this is {agent} from customer support.", False),
                (
                    "Verify the account holder: date of birth and the last 4 digits "
                    "of the card on file.",
                    True,
                ),
                ("Check the record for open requests before asking what is wrong.", False),
                ("Agree the next step and when {name} will hear from us.", False),
            ),
        ),
        (
            "Billing: refunds",
            "billing",
            "returns",
            (
                ("Hello {name}, {agent} from billing. I understand this is about a refund.", False),
                ("Verify the account holder before discussing payments.", True),
                ("Find the order and the payment; never read a full card number aloud.", True),
                ("Explain: refunds reach the original payment method in 5 working days.", False),
            ),
        ),
        (
            "Sales welcome",
            "sales",
            None,
            (
                ("Thank you for calling, {name}. I'm {agent}; how can I help you choose?", False),
                ("Ask what they use today and what they pay.", False),
                ("Offer the plan that fits; quote the price with VAT.", False),
            ),
        ),
    ),
    "zh_CN": (
        (
            "通用话术",
            None,
            None,
            (
                ("您好，我是{agent}，请问是{name}吗？", False),
                ("核实来电者身份：出生日期和邮政编码。", True),
                ("请问今天有什么可以帮您？", False),
                ("结束前：请问还有其他需要帮助的吗？", False),
            ),
        ),
        (
            "客户服务",
            "support",
            None,
            (
                ("{name}您好，我是客户服务部的{agent}。", False),
                ("核实账户持有人：出生日期和预留银行卡后四位。", True),
                ("询问问题前先查看记录中未结的服务请求。", False),
                ("约定下一步，并告知{name}何时会收到回复。", False),
            ),
        ),
        (
            "账单：退款",
            "billing",
            "returns",
            (
                ("{name}您好，我是账单部的{agent}，了解到您是来咨询退款的。", False),
                ("讨论付款前先核实账户持有人身份。", True),
                ("查到订单和付款；切勿念出完整卡号。", True),
                ("说明：退款将在五个工作日内退回原支付方式。", False),
            ),
        ),
        (
            "销售欢迎",
            "sales",
            None,
            (
                ("感谢来电，{name}。我是{agent}，我来帮您挑选合适的套餐。", False),
                ("询问目前使用的服务和资费。", False),
                ("推荐合适的套餐；报价含税。", False),
            ),
        ),
    ),
}

ARTICLES: dict[str, tuple[Article, ...]] = {
    "en": (
        (
            "Refunds: how long they take",
            "billing,refund",
            "A refund goes back to the original payment method. Cards: 5 working days. "
            "Bank transfer: 3 working days. PayPal: within 24 hours. If a refund is late, "
            "open a service request in the category 'Return or refund'.",
        ),
        (
            "Router lights",
            "technical,broadband",
            "Green: connected. Amber flashing: starting up, wait two minutes. Red: no line; "
            "ask the customer to check the cable to the wall socket, then restart the router. "
            "Still red after a restart: open a 'Technical fault' request.",
        ),
        (
            "Moving home",
            "account,relocation",
            "Book the move at least two weeks ahead. Take the new address and the moving "
            "date; the service moves on that day at no charge within the contract.",
        ),
        (
            "Late delivery",
            "delivery",
            "Check the shipment's tracking number in the record. After 5 working days "
            "without news, open a 'Delivery problem' request and offer a replacement.",
        ),
    ),
    "zh_CN": (
        (
            "退款到账时间",
            "账单,退款",
            "退款退回原支付方式。银行卡：五个工作日；银行转账：三个工作日；支付宝和微信支付："
            "二十四小时内。退款逾期未到，请以「退货或退款」类别新建服务请求。",
        ),
        (
            "路由器指示灯",
            "技术,宽带",
            "绿灯：已连接。黄灯闪烁：正在启动，请等待两分钟。红灯：线路中断，请客户检查连接墙上"
            "插座的线缆，然后重启路由器。重启后仍为红灯：新建「技术故障」服务请求。",
        ),
        (
            "搬家移机",
            "账户,搬家",
            "请至少提前两周预约移机。记录新地址和搬家日期；合约期内当天免费移机。",
        ),
        (
            "快递延误",
            "配送",
            "在记录中查看运单号。五个工作日仍无消息，请新建「配送问题」服务请求并为客户补发。",
        ),
    ),
}


def _language(language: str | None) -> str:
    return language if language in SCRIPTS else "en"


def scripts(language: str | None, queues: Mapping[str, uuid.UUID]) -> list[dict[str, Any]]:
    """The demo's call scripts as column values, for the queues the store has."""
    return [
        {
            "name": name,
            "queue_id": queues.get(queue) if queue else None,
            "category_code": category,
            "steps": json.dumps(
                [{"text": text, "sensitive": sensitive} for text, sensitive in steps],
                ensure_ascii=False,
            ),
            "active": True,
        }
        for name, queue, category, steps in SCRIPTS[_language(language)]
        if queue is None or queue in queues
    ]


def articles(language: str | None) -> list[dict[str, Any]]:
    """The demo's knowledge articles as column values."""
    return [
        {"title": title, "tags": tags, "body": body, "active": True}
        for title, tags, body in ARTICLES[_language(language)]
    ]
