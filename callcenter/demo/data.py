"""Realistic, repeatable demo data: the data dictionary, staff, queues, products and customers.

Every value comes from a random generator seeded with the ``seed``, so the same seed gives the
same rows at the same moment. History is counted back from midnight UTC of the run's day; the
work still to do (pending callbacks, open requests and their SLA) from the moment of the run,
so a demo's day starts when it is made: some callbacks due later today, a few overdue, most
requests still inside their SLA. Rows go in with Core bulk
inserts, one transaction per batch of customers: that is what makes a million customers a
matter of minutes, and an interrupted run keeps every batch it reported.

A second run appends: numbering continues after the highest ``DEMO-`` external id and the
random stream is keyed by that first number, so ids and numbers never repeat.

The customers are English and Chinese whatever the language; what the staff wrote (request
subjects and resolutions, call notes, callback reasons, customers' notes, tags and
industries, the product names) is in the run's language (``WRITTEN``: English, or 简体中文
for a demo in Chinese), drawn the same way, so a seed gives the same customers and history in
either.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from callcenter.crm.customer_fields import clean_tags, search_text
from callcenter.demo import knowledge as demo_knowledge
from callcenter.platform.context import ServiceContext
from callcenter.platform.errors import ValidationError
from callcenter.platform.messages import N_
from callcenter.platform.permissions import Action, require
from callcenter.work.service_requests import ALPHABET, NUMBER_LENGTH
from db import statistics
from db.base import Base
from db.enums import (
    CallbackOutcome,
    CallbackStatus,
    Channel,
    CustomerKind,
    Direction,
    InvoiceStatus,
    LifecycleStage,
    OrderStatus,
    PhoneKind,
    Priority,
    Role,
    ShipmentStatus,
    SRStatus,
    ValueTier,
)
from db.models import Customer, ServiceRequest

BATCH_CUSTOMERS = 5000
#: A bulk load's indexes soon outgrow SQLite's 2 MB default page cache, and every insert then
#: reads index pages back through the kernel; this lasts for the connection only.
SQLITE_CACHE_KIB = 128 * 1024
EXTERNAL_ID_PREFIX = "DEMO-"

Row = dict[str, Any]
Progress = Callable[[int, int], None]
T = TypeVar("T")

#: Insert order: every table after the tables its foreign keys point at.
TABLE_ORDER = (
    "customers",
    "contacts",
    "phone_numbers",
    "emails",
    "orders",
    "order_lines",
    "invoices",
    "payments",
    "shipments",
    "service_requests",
    "sr_history",
    "callbacks",
    "interactions",
    "callback_attempts",
)

# --- the data dictionary, staff and catalogue -------------------------------------------------

DISPOSITIONS = (
    ("resolved", "Resolved on the call", False),
    ("sale", "Sale made", False),
    ("complaint", "Complaint logged", True),
    ("callback-requested", "Callback requested", False),
    ("wrong-number", "Wrong number", False),
    ("no-answer", "No answer", False),
    ("information", "Information given", False),
    ("escalated", "Escalated to second line", True),
    ("voicemail", "Left a voicemail", False),
)
SR_CATEGORIES = (
    ("billing", "Billing question", 24),
    ("technical", "Technical fault", 8),
    ("delivery", "Delivery problem", 48),
    ("complaint", "Complaint", 24),
    ("account", "Account change", 72),
    ("returns", "Return or refund", 48),
)
NOT_READY_REASONS = (
    ("break", "Break"),
    ("lunch", "Lunch"),
    ("training", "Training"),
    ("meeting", "Meeting"),
    ("admin", "Administration"),
)
#: The dictionary's words in Chinese (``labels``), by table and code.
CHINESE: dict[str, dict[str, str]] = {
    "queues": {"sales": "销售", "support": "客户服务", "billing": "账单与付款"},
    "disposition_codes": {
        "resolved": "通话中已解决",
        "sale": "已成交",
        "complaint": "已记录投诉",
        "callback-requested": "客户要求回拨",
        "wrong-number": "打错电话",
        "no-answer": "无人接听",
        "information": "已提供信息",
        "escalated": "已升级至二线",
        "voicemail": "已留语音信箱",
    },
    "sr_categories": {
        "billing": "账单咨询",
        "technical": "技术故障",
        "delivery": "配送问题",
        "complaint": "投诉",
        "account": "账户变更",
        "returns": "退货或退款",
    },
    "not_ready_reasons": {
        "break": "休息",
        "lunch": "午餐",
        "training": "培训",
        "meeting": "会议",
        "admin": "行政事务",
    },
}
TEAMS = ("Sales", "Support", "Billing")
#: name, display name, dialled number (Ofcom's drama range), team taking its calls
QUEUES = (
    ("sales", "Sales", "+442079460100", "Sales"),
    ("support", "Customer support", "+442079460200", "Support"),
    ("billing", "Billing and payments", "+442079460300", "Billing"),
)
AGENT_COUNT = 20
SUPERVISORS = (("sup01", "Sales"), ("sup02", "Support"))
ADMIN_USERNAME = "admin"
#: sku, name, unit price in pence
PRODUCTS = (
    ("BB-100", "Fibre Broadband 100", 2999),
    ("BB-500", "Fibre Broadband 500", 4499),
    ("BB-900", "Fibre Broadband 900", 5999),
    ("MOB-SIM", "SIM-only 30GB", 1200),
    ("MOB-UNL", "SIM-only Unlimited", 2500),
    ("TV-BASIC", "TV Essentials", 1500),
    ("TV-SPORT", "TV Sports Pack", 3200),
    ("HW-ROUTER", "Wi-Fi 6 Router", 12900),
    ("HW-MESH", "Mesh Extender", 7900),
    ("HW-PHONE", "Desk Phone", 8900),
    ("SVC-INSTALL", "Engineer Installation", 6000),
    ("SVC-CARE", "Premium Care", 800),
)
#: currency per region and its rate against pounds (prices are kept in pence)
CURRENCIES = {
    "GB": ("GBP", 1.0),
    "CN": ("CNY", 9.1),
    "US": ("USD", 1.27),
    "HK": ("HKD", 9.9),
    "SG": ("SGD", 1.7),
    "IE": ("EUR", 1.17),
    "AU": ("AUD", 1.9),
    "DE": ("EUR", 1.17),
}

# --- names --------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """``"王:wang 李:li"`` as (hanzi, pinyin) pairs, so Chinese names get e-mail addresses."""
    return tuple((hanzi, pinyin) for hanzi, pinyin in (w.split(":") for w in text.split()))


EN_GIVEN = _words(
    "Oliver James Harry Jack George Noah Charlie Jacob Thomas Oscar William Henry Leo Alfie "
    "Joshua Daniel Samuel Joseph Benjamin Michael David Robert Andrew Peter Mark Paul Liam "
    "Olivia Amelia Isla Ava Emily Sophia Grace Lily Freya Ella Mia Charlotte Evie Poppy Ruby "
    "Sophie Jessica Hannah Lucy Sarah Emma Laura Rachel Chloe Megan Katie Anna Helen Claire"
)
EN_FAMILY = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans "
    "Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason "
    "Mitchell Rose Davis Rodriguez Cox Alexander Morgan Moore Martin Lee Harris Clark Young "
    "Allen King Scott Baker Adams Nelson Hill Campbell Murphy O'Brien Kelly Walsh Byrne Ryan "
    "Schmidt Müller Fischer Weber Anderson Thomas Garcia Martinez Hughes Edwards Turner Parker"
)
ZH_FAMILY = _pairs(
    "王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu "
    "孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 高:gao 林:lin 罗:luo 郑:zheng 梁:liang 谢:xie "
    "宋:song 唐:tang 许:xu 韩:han 冯:feng 邓:deng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian "
    "董:dong 袁:yuan 潘:pan 蒋:jiang 蔡:cai 余:yu 杜:du 叶:ye 程:cheng 苏:su 魏:wei "
    "吕:lv 丁:ding 沈:shen 姚:yao 卢:lu 欧阳:ouyang 司马:sima"
)
ZH_GIVEN = _pairs(
    "伟:wei 芳:fang 娜:na 秀英:xiuying 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun "
    "洋:yang 勇:yong 艳:yan 杰:jie 娟:juan 涛:tao 明:ming 超:chao 秀兰:xiulan 霞:xia "
    "平:ping 刚:gang 桂英:guiying 建华:jianhua 志强:zhiqiang 晓明:xiaoming 海燕:haiyan "
    "欣怡:xinyi 子涵:zihan 浩然:haoran 梓轩:zixuan 雨桐:yutong 俊杰:junjie 佳怡:jiayi "
    "文博:wenbo 思远:siyuan 婷婷:tingting 宇航:yuhang 嘉欣:jiaxin 国庆:guoqing"
)
EN_COMPANY_FIRST = _words(
    "Northwind Blue Harbour Summit Redwood Silverline Crown Meridian Oakfield Brightwater "
    "Kingsway Pennine Thames Atlas Beacon Cedar Granite Horizon Lakeside Pioneer Riverside "
    "Sterling Westgate Evergreen Falcon"
)
EN_COMPANY_SECOND = _words(
    "Logistics Foods Engineering Consulting Retail Dental Motors Homes Media Software Print "
    "Travel Clinics Textiles Energy Pharma Builders Electrical Catering Telecom"
)
EN_COMPANY_SUFFIX = ("Ltd", "Ltd", "plc", "Inc.", "LLC", "Group", "& Co.", "GmbH", "Pty Ltd")
ZH_CITIES = ("北京", "上海", "深圳", "广州", "杭州", "成都", "南京", "武汉", "苏州", "香港")
ZH_BRANDS = ("华信", "鑫源", "恒通", "天成", "博远", "中科", "瑞丰", "宏达", "金桥", "新世纪")
ZH_TRADES = ("科技", "贸易", "物流", "电子", "食品", "建材", "医药", "网络", "咨询", "实业")
TITLES = (
    "Purchasing Manager",
    "Finance Director",
    "Office Manager",
    "IT Manager",
    "Operations Director",
    "采购经理",
    "财务总监",
    "行政主管",
)
INDUSTRIES = (
    "retail",
    "manufacturing",
    "finance",
    "healthcare",
    "education",
    "logistics",
    "technology",
    "hospitality",
    "public sector",
    "construction",
)
SOURCES = ("web form", "inbound call", "referral", "trade show", "campaign", "partner", "import")
TAGS = (
    "vip",
    "newsletter",
    "key account",
    "churn risk",
    "do not call",
    "late payer",
    "wechat",
    "paperless",
    "accessibility",
)
NOTES = (
    "Prefers calls after 6pm.",
    "Prefers WeChat for updates.",
    "Hard of hearing: speak slowly and confirm by e-mail.",
    "Account holder travels often; use the mobile number.",
    "Asked not to be offered upgrades.",
    "请用中文沟通。",
)
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.cn")

# --- telephone numbering (national significant number ranges per country) --------------------


@dataclass(frozen=True)
class _Range:
    """A block of numbers: leading digits, national significant number length, how it's grouped."""

    prefixes: tuple[str, ...]
    length: int
    groups: tuple[int, ...]
    trunk: str


@dataclass(frozen=True)
class _Plan:
    country_code: str
    landlines: tuple[_Range, ...]
    mobiles: tuple[_Range, ...]
    nanp: bool = False


def _r(prefixes: str, length: int, groups: tuple[int, ...], trunk: str = "0") -> _Range:
    return _Range(tuple(prefixes.split()), length, groups, trunk)


PLANS = {
    "GB": _Plan(
        "44",
        (_r("2079 2089 2071", 10, (2, 4, 4)), _r("1614 1132 1214 1315", 10, (3, 3, 4))),
        (_r("7700 7711 7802 7903 7456", 10, (4, 6)),),
    ),
    "CN": _Plan(
        "86",
        (_r("106 108 216 203", 10, (2, 4, 4)),),
        (_r("138 139 150 186 189 135 177", 11, (3, 4, 4), trunk=""),),
    ),
    "US": _Plan(
        "1",
        (_r("4155 2125 3125 6175 2025", 10, (3, 3, 4), trunk=""),),
        (_r("6465 3055 7185", 10, (3, 3, 4), trunk=""),),
        nanp=True,
    ),
    "HK": _Plan("852", (_r("2 3", 8, (4, 4), trunk=""),), (_r("5 6 9", 8, (4, 4), trunk=""),)),
    "SG": _Plan("65", (_r("6", 8, (4, 4), trunk=""),), (_r("8 9", 8, (4, 4), trunk=""),)),
    "IE": _Plan("353", (_r("1", 8, (1, 3, 4)),), (_r("83 85 86 87 89", 9, (2, 3, 4)),)),
    "AU": _Plan("61", (_r("2 3", 9, (1, 4, 4)),), (_r("4", 9, (3, 3, 3)),)),
    "DE": _Plan("49", (_r("30", 10, (2, 8)),), (_r("151 160 170 176", 11, (3, 8)),)),
}
REGION_WEIGHTS = {"GB": 40, "CN": 25, "US": 12, "HK": 6, "SG": 4, "IE": 5, "AU": 5, "DE": 3}
#: the cities customers of each region live in (picked by index, so the other draws stay as
#: they were)
CITIES = {
    "GB": ("London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol", "Edinburgh"),
    "CN": ("上海", "北京", "广州", "深圳", "杭州", "成都", "南京"),
    "US": ("New York", "Chicago", "Austin", "Seattle", "Boston"),
    "HK": ("Kowloon", "Hong Kong Island", "Sha Tin", "Tsuen Wan"),
    "SG": ("Singapore",),
    "IE": ("Dublin", "Cork", "Galway", "Limerick"),
    "AU": ("Sydney", "Melbourne", "Brisbane", "Perth"),
    "DE": ("Berlin", "Hamburg", "München", "Köln"),
}
#: share of people in a region with a Chinese name
CHINESE_NAME_SHARE = {"CN": 0.95, "HK": 0.7, "SG": 0.5}


@dataclass(frozen=True)
class _Number:
    region: str
    plan: _Plan
    range: _Range
    nsn: str

    @property
    def e164(self) -> str:
        return f"+{self.plan.country_code}{self.nsn}"

    def parts(self) -> list[str]:
        out, at = [], 0
        for size in self.range.groups:
            out.append(self.nsn[at : at + size])
            at += size
        return out


def _national_forms(number: _Number) -> list[str]:
    parts, trunk = number.parts(), number.range.trunk
    if number.plan.nanp:
        a, b, c = parts
        return [f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"1-{a}-{b}-{c}"]
    return [trunk + " ".join(parts), trunk + "".join(parts), trunk + "-".join(parts)]


def _international_forms(number: _Number) -> list[str]:
    parts, cc, trunk = number.parts(), number.plan.country_code, number.range.trunk
    forms = [f"+{cc} {' '.join(parts)}", f"00{cc} {' '.join(parts)}", f"+{cc}{number.nsn}"]
    if number.plan.nanp:
        forms.append(f"+1 ({parts[0]}) {parts[1]}-{parts[2]}")
    if trunk:
        forms.append(f"+{cc} ({trunk}){'-'.join(parts)}")
    return forms


EXTENSION_FORMS = (" ext. {}", " x{}", " ext {}")

# --- service work ---------------------------------------------------------------------------

SR_SUBJECTS = {
    "billing": ("Charged twice this month", "Query about a late fee", "发票金额不对"),
    "technical": ("Broadband keeps dropping", "No dial tone", "Router lights flashing red"),
    "delivery": ("Parcel not arrived", "Delivered to wrong address", "快递一直没到"),
    "complaint": ("Engineer missed appointment", "Rude call handling", "Unhappy with the fix"),
    "account": ("Change of address", "Add a named user", "Close the account"),
    "returns": ("Return a faulty router", "Refund for cancelled order", "申请退货"),
}
SR_PATHS = {
    SRStatus.OPEN: (SRStatus.OPEN,),
    SRStatus.IN_PROGRESS: (SRStatus.OPEN, SRStatus.IN_PROGRESS),
    SRStatus.WAITING_ON_CUSTOMER: (
        SRStatus.OPEN,
        SRStatus.IN_PROGRESS,
        SRStatus.WAITING_ON_CUSTOMER,
    ),
    SRStatus.RESOLVED: (SRStatus.OPEN, SRStatus.IN_PROGRESS, SRStatus.RESOLVED),
    SRStatus.CLOSED: (SRStatus.OPEN, SRStatus.IN_PROGRESS, SRStatus.RESOLVED, SRStatus.CLOSED),
    SRStatus.REOPENED: (
        SRStatus.OPEN,
        SRStatus.IN_PROGRESS,
        SRStatus.RESOLVED,
        SRStatus.REOPENED,
    ),
}
CALL_NOTES = {
    "resolved": "Walked the customer through the fix; confirmed working.",
    "sale": "Upgraded the package; confirmation e-mail sent.",
    "complaint": "Customer unhappy with the last visit; complaint logged.",
    "callback-requested": "Customer busy, asked for a call back.",
    "wrong-number": "Caller was after a different company.",
    "information": "Explained the bill and the payment dates.",
    "escalated": "Passed to second line with the router logs.",
}
CALLBACK_REASONS = (
    "Confirm the engineer's visit",
    "Follow up on the refund",
    "Customer wants to discuss an upgrade",
    "Check the line after the repair",
    "回电确认退款进度",
)
CARRIERS = {"CN": ("SF Express", "JD Logistics"), "US": ("UPS", "FedEx")}
DEFAULT_CARRIERS = ("Royal Mail", "DPD", "DHL")
PAYMENT_METHODS = {"CN": ("alipay", "wechat pay", "card")}
DEFAULT_PAYMENT_METHODS = ("card", "bank transfer", "direct debit", "paypal")


@dataclass(frozen=True)
class Written:
    """What the staff wrote, in one language: each choice as long as the English one, so the
    random stream, and so every other value, is the same in every language."""

    industries: tuple[str, ...]
    tags: tuple[str, ...]
    notes: tuple[str, ...]
    sr_subjects: Mapping[str, tuple[str, ...]]
    sr_subject: str
    sr_description: str
    sr_resolution: str
    call_notes: Mapping[str, str]
    callback_reasons: tuple[str, ...]
    #: product names by SKU (none: the English ``PRODUCTS`` names)
    products: Mapping[str, str]


ENGLISH = Written(
    industries=INDUSTRIES,
    tags=TAGS,
    notes=NOTES,
    sr_subjects=SR_SUBJECTS,
    sr_subject="Customer request",
    sr_description="Reported by phone; details in the call notes.",
    sr_resolution="Fixed and confirmed with the customer.",
    call_notes=CALL_NOTES,
    callback_reasons=CALLBACK_REASONS,
    products={},
)
CHINESE_WRITTEN = Written(
    industries=(
        "零售",
        "制造",
        "金融",
        "医疗",
        "教育",
        "物流",
        "科技",
        "酒店餐饮",
        "公共部门",
        "建筑",
    ),
    tags=(
        "贵宾",
        "订阅通讯",
        "重点客户",
        "流失风险",
        "勿电话联系",
        "常逾期付款",
        "微信",
        "无纸化",
        "无障碍",
    ),
    notes=(
        "希望晚上六点后来电。",
        "希望通过微信接收进度。",
        "听力不好：请放慢语速，并用电子邮件确认。",
        "账户持有人经常出差；请打手机。",
        "已要求不要推荐升级。",
        "请用中文沟通。",
    ),
    sr_subjects={
        "billing": ("本月被重复扣费", "咨询滞纳金", "发票金额不对"),
        "technical": ("宽带经常掉线", "电话没有拨号音", "路由器红灯闪烁"),
        "delivery": ("包裹还没到", "送错了地址", "快递一直没到"),
        "complaint": ("工程师没有按约上门", "客服态度差", "对维修结果不满意"),
        "account": ("变更地址", "添加授权使用人", "注销账户"),
        "returns": ("退回故障路由器", "取消订单后退款", "申请退货"),
    },
    sr_subject="客户请求",
    sr_description="客户来电反映；详情见通话记录。",
    sr_resolution="已处理，并与客户确认。",
    call_notes={
        "resolved": "已指导客户完成处理；确认恢复正常。",
        "sale": "已升级套餐；确认邮件已发送。",
        "complaint": "客户对上次上门服务不满意；已记录投诉。",
        "callback-requested": "客户正忙，要求回电。",
        "wrong-number": "来电者要找的是另一家公司。",
        "information": "已解释账单和付款日期。",
        "escalated": "已连同路由器日志转交二线。",
    },
    callback_reasons=(
        "确认工程师上门时间",
        "跟进退款",
        "客户想谈谈升级套餐",
        "维修后检查线路",
        "回电确认退款进度",
    ),
    products={
        "BB-100": "光纤宽带 100M",
        "BB-500": "光纤宽带 500M",
        "BB-900": "光纤宽带 900M",
        "MOB-SIM": "纯流量卡 30GB",
        "MOB-UNL": "纯流量卡 无限流量",
        "TV-BASIC": "电视基础包",
        "TV-SPORT": "电视体育包",
        "HW-ROUTER": "Wi-Fi 6 路由器",
        "HW-MESH": "Mesh 扩展器",
        "HW-PHONE": "桌面电话机",
        "SVC-INSTALL": "工程师上门安装",
        "SVC-CARE": "尊享维护服务",
    },
)
#: What the staff wrote, by the demo's language (any other: English).
WRITTEN = {"en": ENGLISH, "zh_CN": CHINESE_WRITTEN}


def written(language: str | None) -> Written:
    """The staff's words for a demo in ``language`` ("zh_CN"; None, "system", "en": English)."""
    return WRITTEN.get(language or "en", ENGLISH)


class _Weighted(Generic[T]):
    """A weighted choice, with the cumulative weights worked out once."""

    def __init__(self, weights: Mapping[T, float]) -> None:
        self.items = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def __call__(self, rng: random.Random) -> T:
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


PICK_REGION = _Weighted(REGION_WEIGHTS)
PICK_STAGE = _Weighted(
    {
        LifecycleStage.POOL: 15,
        LifecycleStage.LEAD: 25,
        LifecycleStage.OPPORTUNITY: 12,
        LifecycleStage.CUSTOMER: 48,
    }
)
PICK_TIER_CUSTOMER = _Weighted(
    {ValueTier.STANDARD: 60, ValueTier.SILVER: 25, ValueTier.GOLD: 11, ValueTier.PLATINUM: 4}
)
PICK_TIER_PROSPECT = _Weighted({ValueTier.STANDARD: 85, ValueTier.SILVER: 10, ValueTier.GOLD: 5})
PICK_PHONE_COUNT = _Weighted({1: 35, 2: 45, 3: 20})
PICK_ORDER_STATUS = _Weighted(
    {
        OrderStatus.DELIVERED: 55,
        OrderStatus.SHIPPED: 10,
        OrderStatus.PAID: 10,
        OrderStatus.PLACED: 8,
        OrderStatus.CANCELLED: 10,
        OrderStatus.RETURNED: 7,
    }
)
PICK_SR_STATUS = _Weighted(
    {
        SRStatus.OPEN: 12,
        SRStatus.IN_PROGRESS: 12,
        SRStatus.WAITING_ON_CUSTOMER: 6,
        SRStatus.RESOLVED: 25,
        SRStatus.CLOSED: 42,
        SRStatus.REOPENED: 3,
    }
)
PICK_PRIORITY = _Weighted(
    {Priority.LOW: 20, Priority.NORMAL: 60, Priority.HIGH: 15, Priority.URGENT: 5}
)
#: when callbacks fall, taken in turn so even a small run has some due today and overdue
CALLBACK_MIX = (
    "today",
    "done",
    "overdue",
    "later",
    "done",
    "failed",
    "today",
    "done",
    "overdue",
    "cancelled",
    "done",
    "later",
)
PICK_CHANNEL = _Weighted({Channel.PHONE: 87, Channel.EMAIL: 8, Channel.CHAT: 5})

# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """What a run wrote: rows per table, the external ids it used, and how long it took."""

    rows: dict[str, int]
    first_external_id: str | None
    last_external_id: str | None
    seconds: float


@dataclass(frozen=True)
class _Reference:
    """Ids of the staff, queues, products and codes the customers' work points at."""

    agents: tuple[uuid.UUID, ...]
    supervisors: tuple[uuid.UUID, ...]
    queues: tuple[tuple[uuid.UUID, str], ...]
    products: tuple[tuple[uuid.UUID, int], ...]
    categories: tuple[tuple[str, int], ...]


def external_id(index: int) -> str:
    return f"{EXTERNAL_ID_PREFIX}{index:07d}"


def day_start(moment: dt.datetime) -> dt.datetime:
    """Midnight UTC of ``moment``'s day: the fixed point all demo times are counted from."""
    return moment.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _digits(rng: random.Random, count: int) -> str:
    return str(rng.randrange(10**count)).zfill(count)


# --- reference data ---------------------------------------------------------------------------


class _ReferenceWriter:
    """Writes the dictionary, teams, queues, staff and products that are missing, by their key.

    Keyed by code / name / username so running demo data on a configured store adds what is
    not there and never touches what an administrator set up.
    """

    def __init__(
        self, session: Session, rng: random.Random, at: dt.datetime, words: Written = ENGLISH
    ) -> None:
        self.session = session
        self.rng = rng
        self.at = at
        self.words = words
        self.inserted: dict[str, int] = {}

    def row(self, **values: Any) -> Row:
        return {
            "id": _uuid(self.rng),
            "version": 1,
            "updated_at": self.at,
            "updated_by": None,
            "deleted": False,
            **values,
        }

    def insert_missing(self, table_name: str, key: str, rows: Sequence[Row]) -> list[Row]:
        table = Base.metadata.tables[table_name]
        existing = set(self.session.scalars(select(table.c[key])))
        new = [r for r in rows if r[key] not in existing]
        if new:
            self.session.execute(insert(table), new)
            self.inserted[table_name] = self.inserted.get(table_name, 0) + len(new)
        return new

    def ids_by(self, table_name: str, key: str, columns: Sequence[str]) -> dict[str, Any]:
        table = Base.metadata.tables[table_name]
        cols = [table.c[c] for c in columns]
        return {r[0]: tuple(r[1:]) for r in self.session.execute(select(table.c[key], *cols))}

    def write(self) -> _Reference:
        self.dictionary()
        teams = self.teams()
        queues = self.queues()
        self.staff(teams, queues)
        self.products()
        return self.reference()

    def dictionary(self) -> None:
        self.insert_missing(
            "disposition_codes",
            "code",
            [
                self.row(
                    code=c,
                    label=label,
                    labels=_chinese("disposition_codes", c),
                    requires_notes=notes,
                    active=True,
                )
                for c, label, notes in DISPOSITIONS
            ],
        )
        self.insert_missing(
            "sr_categories",
            "code",
            [
                self.row(
                    code=c,
                    label=label,
                    labels=_chinese("sr_categories", c),
                    sla_hours=hours,
                    active=True,
                )
                for c, label, hours in SR_CATEGORIES
            ],
        )
        self.insert_missing(
            "not_ready_reasons",
            "code",
            [
                self.row(code=c, label=label, labels=_chinese("not_ready_reasons", c), active=True)
                for c, label in NOT_READY_REASONS
            ],
        )

    def teams(self) -> dict[str, uuid.UUID]:
        self.insert_missing("teams", "name", [self.row(name=n) for n in TEAMS])
        return {k: v[0] for k, v in self.ids_by("teams", "name", ["id"]).items()}

    def queues(self) -> dict[str, uuid.UUID]:
        rows = [
            self.row(
                name=name,
                display_name=label,
                labels=_chinese("queues", name),
                dialled_number=number,
                service_level_seconds=20,
                service_level_target_percent=80,
            )
            for name, label, number, _team in QUEUES
        ]
        self.insert_missing("queues", "name", rows)
        return {k: v[0] for k, v in self.ids_by("queues", "name", ["id"]).items()}

    def staff(self, teams: dict[str, uuid.UUID], queues: dict[str, uuid.UUID]) -> None:
        queue_of_team = {team: queues[name] for name, _l, _n, team in QUEUES}
        people: list[tuple[str, Role, str | None]] = [
            (f"agent{i:02d}", Role.AGENT, TEAMS[(i - 1) % len(TEAMS)])
            for i in range(1, AGENT_COUNT + 1)
        ]
        people += [(name, Role.SUPERVISOR, team) for name, team in SUPERVISORS]
        people.append((ADMIN_USERNAME, Role.ADMIN, None))
        rows = [
            self.row(
                username=username,
                display_name=_person_name(self.rng, "GB" if i % 4 else "CN")[0],
                role=role.value,
                team_id=teams[team] if team else None,
                sip_username=username,
                active=True,
            )
            for i, (username, role, team) in enumerate(people)
        ]
        agent_team = {u: team for u, role, team in people if role == Role.AGENT and team}
        members = [
            self.row(queue_id=queue_of_team[agent_team[r["username"]]], user_id=r["id"])
            for r in self.insert_missing("users", "username", rows)
            if r["username"] in agent_team
        ]
        if members:
            self.session.execute(insert(Base.metadata.tables["queue_members"]), members)
            self.inserted["queue_members"] = len(members)

    def products(self) -> None:
        rows = [
            self.row(
                sku=sku,
                name=self.words.products.get(sku, name),
                unit_price_minor=price,
                currency="GBP",
            )
            for sku, name, price in PRODUCTS
        ]
        self.insert_missing("products", "sku", rows)

    def knowledge(self, language: str | None) -> None:
        """The demo's call scripts and articles in its language, into a store with none yet
        (an administrator's own, or an earlier demo's in another language, stay alone)."""
        queues = {k: v[0] for k, v in self.ids_by("queues", "name", ["id"]).items()}
        for table, key, rows in (
            ("call_scripts", "name", demo_knowledge.scripts(language, queues)),
            ("knowledge_articles", "title", demo_knowledge.articles(language)),
        ):
            if self.session.scalar(select(Base.metadata.tables[table].c.id).limit(1)) is None:
                self.insert_missing(table, key, [self.row(**values) for values in rows])

    def reference(self) -> _Reference:
        users = self.ids_by("users", "username", ["id"])
        queues = self.ids_by("queues", "name", ["id", "dialled_number"])
        products = self.ids_by("products", "sku", ["id", "unit_price_minor"])
        categories = self.ids_by("sr_categories", "code", ["sla_hours"])
        return _Reference(
            agents=tuple(users[f"agent{i:02d}"][0] for i in range(1, AGENT_COUNT + 1)),
            supervisors=tuple(users[name][0] for name, _team in SUPERVISORS),
            queues=tuple(
                (queues[name][0], queues[name][1] or number) for name, _l, number, _t in QUEUES
            ),
            products=tuple(products[sku] for sku, _n, _p in PRODUCTS),
            categories=tuple((code, categories[code][0]) for code, _l, _h in SR_CATEGORIES),
        )


def _person_name(rng: random.Random, region: str) -> tuple[str, str]:
    """A person's name and the e-mail local part that goes with it."""
    if rng.random() < CHINESE_NAME_SHARE.get(region, 0.06):
        family, family_py = rng.choice(ZH_FAMILY)
        given, given_py = rng.choice(ZH_GIVEN)
        return family + given, f"{given_py}.{family_py}"
    given_en, family_en = rng.choice(EN_GIVEN), rng.choice(EN_FAMILY)
    local = f"{given_en}.{family_en}".lower().replace("'", "").replace("ü", "ue")
    return f"{given_en} {family_en}", local


def _company_name(rng: random.Random, region: str) -> tuple[str, str]:
    """A company's name and a mail domain for it."""
    if rng.random() < CHINESE_NAME_SHARE.get(region, 0.03):
        brand = rng.randrange(len(ZH_BRANDS))
        name = rng.choice(ZH_CITIES) + ZH_BRANDS[brand] + rng.choice(ZH_TRADES) + "有限公司"
        return name, f"company{brand}{rng.randrange(1000)}.example.cn"
    first, second = rng.choice(EN_COMPANY_FIRST), rng.choice(EN_COMPANY_SECOND)
    name = f"{first} {second} {rng.choice(EN_COMPANY_SUFFIX)}"
    return name, f"{first}-{second}.example.com".lower()


# --- customers and their records --------------------------------------------------------------


class _CustomerWriter:
    """Makes every row of a run's customers; all randomness comes from one seeded generator."""

    def __init__(
        self,
        rng: random.Random,
        *,
        ref: _Reference,
        anchor: dt.datetime,
        now: dt.datetime,
        first: int,
        count: int,
        sr_numbers: set[str],
        words: Written = ENGLISH,
    ) -> None:
        self.rng = rng
        self.ref = ref
        self.words = words
        self.anchor = anchor
        #: The moment of the run: what is still to do is timed from it.
        self.now = now
        self.sr_numbers = sr_numbers
        self.shared_numbers = [
            self.number(PICK_REGION(rng), landline=True) for _ in range(max(3, count // 60))
        ]
        self.rows: dict[str, list[Row]] = {}
        self.sequence = first << 8
        self.callback_mix = itertools.cycle(CALLBACK_MIX)
        self.index = 0
        self.region = ""

    # -- helpers

    def next_id(self) -> uuid.UUID:
        """A version 8 UUID: 48 bits of run sequence, then random bits.

        Ids that grow with the row count append to the end of every primary-key and
        foreign-key index; random ones land all over them, and a million-customer load then
        spends its time reading index pages back from disk. The random bits keep them unique.
        """
        self.sequence += 1
        random_bits = self.rng.getrandbits(76) & ~(0b11 << 62)
        return uuid.UUID(int=self.sequence << 80 | 8 << 76 | 0b10 << 62 | random_bits)

    def row(self, table: str, **values: Any) -> Row:
        row = {
            "id": self.next_id(),
            "version": 1,
            "updated_at": self.anchor,
            "updated_by": None,
            "deleted": False,
            **values,
        }
        self.rows[table].append(row)
        return row

    def past(self, days_from: float, days_to: float) -> dt.datetime:
        """A moment between ``days_to`` and ``days_from`` days before the anchor."""
        seconds = self.rng.uniform(days_from * 86400, days_to * 86400)
        return self.anchor - dt.timedelta(seconds=int(seconds))

    def agent(self) -> uuid.UUID:
        return self.rng.choice(self.ref.agents)

    def number(self, region: str, *, landline: bool) -> _Number:
        plan = PLANS[region]
        block = self.rng.choice(plan.landlines if landline else plan.mobiles)
        prefix = self.rng.choice(block.prefixes)
        return _Number(region, plan, block, prefix + _digits(self.rng, block.length - len(prefix)))

    def written(self, number: _Number, region: str, *, extension: bool) -> tuple[str, str | None]:
        """The number as a person would have typed it, national style only in its own country."""
        forms = _international_forms(number)
        if number.region == region:
            forms += _national_forms(number) * 2
        raw = self.rng.choice(forms)
        if not extension:
            return raw, None
        ext = str(self.rng.randrange(10, 999))
        return raw + self.rng.choice(EXTENSION_FORMS).format(ext), ext

    # -- one batch

    def batch(self, first: int, count: int) -> dict[str, list[Row]]:
        self.rows = {name: [] for name in TABLE_ORDER}
        for index in range(first, first + count):
            self.customer(index)
        return self.rows

    def customer(self, index: int) -> None:
        rng, words = self.rng, self.words
        self.index = index
        region = self.region = PICK_REGION(rng)
        company = rng.random() < 0.4
        if company:
            name, domain = _company_name(rng, region)
            employer, local = None, "info"
        else:
            name, local = _person_name(rng, region)
            domain = rng.choice(EMAIL_DOMAINS)
            employer = _company_name(rng, region)[0] if rng.random() < 0.2 else None
        stage = PICK_STAGE(rng)
        tier = (
            PICK_TIER_CUSTOMER(rng) if stage == LifecycleStage.CUSTOMER else PICK_TIER_PROSPECT(rng)
        )
        ext_id = external_id(index)
        customer = self.row(
            "customers",
            external_id=ext_id,
            kind=(CustomerKind.COMPANY if company else CustomerKind.PERSON).value,
            name=name,
            company_name=employer,
            lifecycle_stage=stage.value,
            value_tier=tier.value,
            owner_id=self.agent() if rng.random() < 0.7 else None,
            region=region,
            city=CITIES[region][index % len(CITIES[region])],
            industry=rng.choice(words.industries) if company or rng.random() < 0.2 else None,
            source=rng.choice(SOURCES),
            tags=clean_tags(rng.sample(words.tags, k=rng.choice((0, 0, 1, 1, 2, 3)))),
            notes=rng.choice(words.notes) if rng.random() < 0.1 else "",
            search_text=search_text(name, employer, ext_id),
        )
        cid = customer["id"]
        numbers = self.phones(cid, region, company)
        self.email(cid, None, local, domain)
        if company:
            self.contacts(cid, region, domain)
        self.activity(cid, region, stage, numbers)

    def phones(self, cid: uuid.UUID, region: str, company: bool) -> list[str]:
        """Numbers of the customer itself; a few share a household line or a switchboard."""
        rng = self.rng
        count = 1 if company else PICK_PHONE_COUNT(rng)
        e164s = []
        for i in range(count):
            landline = company or i == 1
            home = rng.choice(tuple(PLANS)) if rng.random() < 0.04 else region
            kind = PhoneKind.WORK if company else (PhoneKind.HOME if landline else PhoneKind.MOBILE)
            e164s.append(self.phone(cid, None, self.number(home, landline=landline), region, kind))
        if rng.random() < 0.05:
            kind = PhoneKind.WORK if company else PhoneKind.HOME
            e164s.append(self.phone(cid, None, rng.choice(self.shared_numbers), region, kind))
        return e164s

    def phone(
        self,
        cid: uuid.UUID,
        contact_id: uuid.UUID | None,
        number: _Number,
        region: str,
        kind: PhoneKind,
    ) -> str:
        with_ext = kind == PhoneKind.WORK and self.rng.random() < 0.15
        raw, ext = self.written(number, region, extension=with_ext)
        self.row(
            "phone_numbers",
            customer_id=cid,
            contact_id=contact_id,
            raw=raw,
            e164=number.e164,
            national=number.nsn,
            extension=ext,
            kind=kind.value,
        )
        return number.e164

    def email(self, cid: uuid.UUID, contact_id: uuid.UUID | None, local: str, domain: str) -> None:
        if contact_id is None and self.rng.random() < 0.15:
            return
        suffix = str(self.rng.randrange(100)) if self.rng.random() < 0.5 else ""
        address = f"{local}{suffix}@{domain}"
        self.row(
            "emails",
            customer_id=cid,
            contact_id=contact_id,
            address=address,
            address_lower=address.lower(),
        )

    def contacts(self, cid: uuid.UUID, region: str, domain: str) -> None:
        for _ in range(self.rng.choice((1, 1, 2, 3))):
            name, local = _person_name(self.rng, region)
            contact = self.row(
                "contacts", customer_id=cid, name=name, title=self.rng.choice(TITLES), notes=""
            )
            if self.rng.random() < 0.6:
                number = self.number(region, landline=False)
                self.phone(cid, contact["id"], number, region, PhoneKind.MOBILE)
            if self.rng.random() < 0.7:
                self.email(cid, contact["id"], local, domain)

    def activity(
        self, cid: uuid.UUID, region: str, stage: LifecycleStage, numbers: list[str]
    ) -> None:
        rng = self.rng
        buyer = stage == LifecycleStage.CUSTOMER
        if buyer and rng.random() < 0.45:
            for k in range(rng.choice((1, 1, 2, 3))):
                self.order(cid, region, k)
        requests = []
        if rng.random() < (0.15 if buyer else 0.03):
            requests = [self.service_request(cid) for _ in range(rng.choice((1, 1, 2)))]
        if rng.random() < 0.35 or requests:
            for k in range(rng.choice((1, 2, 3))):
                sr = requests[k] if k < len(requests) else None
                self.interaction(cid, numbers[0], sr)
        if rng.random() < 0.03:
            self.callback(cid, numbers[0], requests[0]["id"] if requests else None)

    # -- commerce

    def order(self, cid: uuid.UUID, region: str, k: int) -> None:
        rng = self.rng
        currency, rate = CURRENCIES[region]
        status = PICK_ORDER_STATUS(rng)
        placed = self.past(3, 730)
        order = self.row(
            "orders",
            customer_id=cid,
            number=f"SO-{self.index:07d}-{k + 1}",
            placed_at=placed,
            status=status.value,
            total_minor=0,
            currency=currency,
        )
        total = 0
        for product_id, price in rng.sample(self.ref.products, k=rng.choice((1, 1, 2, 3))):
            quantity = rng.choice((1, 1, 1, 2, 3))
            unit = round(price * rate)
            total += unit * quantity
            self.row(
                "order_lines",
                order_id=order["id"],
                product_id=product_id,
                quantity=quantity,
                unit_price_minor=unit,
            )
        order["total_minor"] = total
        self.invoice(cid, order, status, k)
        if status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.RETURNED):
            self.shipment(cid, order, status)

    def invoice(self, cid: uuid.UUID, order: Row, status: OrderStatus, k: int) -> None:
        rng = self.rng
        issued = order["placed_at"] + dt.timedelta(hours=rng.randrange(1, 48))
        due = issued + dt.timedelta(days=30)
        if status == OrderStatus.CANCELLED:
            state = InvoiceStatus.VOID
        elif status == OrderStatus.PLACED or rng.random() < 0.05:
            state = InvoiceStatus.OVERDUE if due < self.anchor else InvoiceStatus.OPEN
        else:
            state = InvoiceStatus.PAID
        invoice = self.row(
            "invoices",
            customer_id=cid,
            order_id=order["id"],
            number=f"INV-{self.index:07d}-{k + 1}",
            issued_at=issued,
            due_at=due,
            amount_minor=order["total_minor"],
            currency=order["currency"],
            status=state.value,
        )
        if state == InvoiceStatus.PAID:
            methods = PAYMENT_METHODS.get(self.region, DEFAULT_PAYMENT_METHODS)
            self.row(
                "payments",
                customer_id=cid,
                invoice_id=invoice["id"],
                paid_at=min(self.anchor, issued + dt.timedelta(hours=rng.randrange(1, 480))),
                amount_minor=order["total_minor"],
                currency=order["currency"],
                method=rng.choice(methods),
                reference=f"PAY-{rng.getrandbits(48):012X}",
            )

    def shipment(self, cid: uuid.UUID, order: Row, status: OrderStatus) -> None:
        rng = self.rng
        shipped = min(self.anchor, order["placed_at"] + dt.timedelta(hours=rng.randrange(4, 72)))
        delivered = None
        if status != OrderStatus.SHIPPED:
            delivered = min(self.anchor, shipped + dt.timedelta(hours=rng.randrange(12, 120)))
        state = {
            OrderStatus.SHIPPED: ShipmentStatus.IN_TRANSIT,
            OrderStatus.DELIVERED: ShipmentStatus.DELIVERED,
            OrderStatus.RETURNED: ShipmentStatus.RETURNED,
        }[status]
        self.row(
            "shipments",
            customer_id=cid,
            order_id=order["id"],
            carrier=rng.choice(CARRIERS.get(self.region, DEFAULT_CARRIERS)),
            tracking_number=f"{rng.getrandbits(56):014X}",
            status=state.value,
            shipped_at=shipped,
            delivered_at=delivered,
        )

    # -- service work

    def sr_number(self) -> str:
        """``SR-`` and 8 random base32 characters, the same shape a desk makes offline."""
        while True:
            bits = self.rng.getrandbits(40)
            number = "SR-" + "".join(
                ALPHABET[(bits >> s) & 31] for s in range((NUMBER_LENGTH - 1) * 5, -1, -5)
            )
            if number not in self.sr_numbers:
                self.sr_numbers.add(number)
                return number

    def service_request(self, cid: uuid.UUID) -> Row:
        rng = self.rng
        code, sla_hours = rng.choice(self.ref.categories)
        status = PICK_SR_STATUS(rng)
        path = SR_PATHS[status]
        opened, resolved, closed = self.sr_times(status, sla_hours)
        assignee = None if status == SRStatus.OPEN and rng.random() < 0.5 else self.agent()
        done = status in (SRStatus.RESOLVED, SRStatus.CLOSED)
        sr = self.row(
            "service_requests",
            number=self.sr_number(),
            customer_id=cid,
            category_code=code,
            priority=PICK_PRIORITY(rng).value,
            status=status.value,
            subject=rng.choice(self.words.sr_subjects.get(code, (self.words.sr_subject,))),
            description=self.words.sr_description,
            resolution=self.words.sr_resolution if done else None,
            satisfaction=rng.randint(1, 5) if done and rng.random() < 0.6 else None,
            assignee_id=assignee,
            queue_id=rng.choice(self.ref.queues)[0],
            opened_at=opened,
            sla_due_at=opened + dt.timedelta(hours=sla_hours),
            resolved_at=resolved if done else None,
            closed_at=closed,
            opened_by=self.agent(),
        )
        self.history(sr, path, closed or resolved or self.now)
        return sr

    def sr_times(
        self, status: SRStatus, sla_hours: int
    ) -> tuple[dt.datetime, dt.datetime | None, dt.datetime | None]:
        """Opened, resolved and closed times: live requests are recent, so some breach SLA."""
        live = status not in (SRStatus.RESOLVED, SRStatus.CLOSED)
        if live:  # about one in six past its SLA, the rest still to meet it
            age = dt.timedelta(hours=sla_hours * self.rng.uniform(0.05, 1.2))
            return self.now - age, None, None
        opened = self.past(12, 365)
        if SRStatus.RESOLVED not in SR_PATHS[status]:
            return opened, None, None
        took = dt.timedelta(hours=self.rng.uniform(0.5, sla_hours * 1.5))
        resolved = min(self.anchor, opened + took)
        if status != SRStatus.CLOSED:
            return opened, resolved, None
        return opened, resolved, resolved + dt.timedelta(days=self.rng.uniform(1, 7))

    def history(self, sr: Row, path: tuple[SRStatus, ...], last: dt.datetime) -> None:
        """One row per status change, spread between opening and the last change."""
        opened: dt.datetime = sr["opened_at"]
        span = (min(last, self.now) - opened) * 0.9
        previous: SRStatus | None = None
        for step, status in enumerate(path):
            at = opened + span * (step / max(1, len(path) - 1))
            self.history_row(sr, at, "status", previous, status)
            previous = status
        if sr["assignee_id"]:
            self.history_row(sr, opened + span * 0.1, "assignee_id", None, sr["assignee_id"])

    def history_row(
        self, sr: Row, at: dt.datetime, field: str, old: object | None, new: object
    ) -> None:
        self.row(
            "sr_history",
            service_request_id=sr["id"],
            at=at,
            actor_id=sr["assignee_id"] or sr["opened_by"],
            field=field,
            old_value=None if old is None else str(old),
            new_value=str(new),
        )

    def interaction(self, cid: uuid.UUID, e164: str, sr: Row | None) -> None:
        rng = self.rng
        channel = PICK_CHANNEL(rng)
        phone = channel == Channel.PHONE
        inbound = not phone or rng.random() < 0.75
        queue_id, dialled = rng.choice(self.ref.queues)
        offered = (
            sr["opened_at"] - dt.timedelta(minutes=rng.randrange(1, 30))
            if sr
            else self.past(0.02, 365)
        )
        answered = offered + dt.timedelta(seconds=rng.randrange(3, 90))
        if phone and rng.random() < 0.08:
            answered = None
        ended = (answered or offered) + dt.timedelta(seconds=rng.randrange(20, 1200))
        disposition = self.disposition(answered is not None, inbound, sr is not None)
        self.row(
            "interactions",
            channel=channel.value,
            direction=(Direction.INBOUND if inbound else Direction.OUTBOUND).value,
            sip_call_id=f"{rng.getrandbits(64):016x}@pbx.example.com" if phone else None,
            queue_id=queue_id if phone and inbound else None,
            caller_number=(e164 if inbound else dialled) if phone else None,
            dialled_number=(dialled if inbound else e164) if phone else None,
            offered_at=offered,
            answered_at=answered,
            ended_at=min(ended, self.now),
            disposition_code=disposition,
            notes=self.words.call_notes.get(disposition or "", ""),
            agent_id=self.agent() if answered else None,
            customer_id=cid,
            service_request_id=sr["id"] if sr else None,
            callback_id=None,
        )

    def disposition(self, answered: bool, inbound: bool, about_sr: bool) -> str | None:
        if not answered:
            return None if inbound else "no-answer"
        if about_sr:
            return self.rng.choice(("resolved", "escalated", "complaint", "callback-requested"))
        return self.rng.choice(
            ("resolved", "resolved", "information", "sale", "callback-requested", "wrong-number")
        )

    def callback(self, cid: uuid.UUID, e164: str, sr_id: uuid.UUID | None) -> None:
        rng = self.rng
        when = next(self.callback_mix)
        hour = dt.timedelta(hours=rng.randrange(8, 18))
        due = {
            "today": self.now + dt.timedelta(minutes=rng.randrange(10, 8 * 60)),
            "overdue": self.now - dt.timedelta(hours=rng.randrange(2, 5 * 24)),
            "later": self.anchor + dt.timedelta(days=rng.randrange(1, 8)) + hour,
        }.get(when) or self.past(2, 60)
        status = {
            "done": CallbackStatus.DONE,
            "failed": CallbackStatus.FAILED,
            "cancelled": CallbackStatus.CANCELLED,
        }.get(when, CallbackStatus.PENDING)
        outcomes = {
            "done": [CallbackOutcome.NO_ANSWER] * rng.randrange(2) + [CallbackOutcome.REACHED],
            "failed": [CallbackOutcome.NO_ANSWER] * 3,
            "overdue": [CallbackOutcome.NO_ANSWER] * rng.randrange(2),
        }.get(when, [])
        to_agent = rng.random() < 0.7
        callback = self.row(
            "callbacks",
            customer_id=cid,
            phone_number=e164,
            due_from=due,
            due_until=due + dt.timedelta(hours=2),
            reason=rng.choice(self.words.callback_reasons),
            owner_user_id=self.agent() if to_agent else None,
            owner_queue_id=None if to_agent else rng.choice(self.ref.queues)[0],
            status=status.value,
            attempt_count=len(outcomes),
            created_by=self.agent(),
            service_request_id=sr_id,
        )
        for j, outcome in enumerate(outcomes):
            self.row(
                "callback_attempts",
                callback_id=callback["id"],
                at=due + dt.timedelta(minutes=30 * j + rng.randrange(20)),
                agent_id=callback["owner_user_id"] or self.agent(),
                outcome=outcome.value,
                interaction_id=None,
                notes="",
            )


# --- the run ----------------------------------------------------------------------------------


def _next_index(session: Session) -> int:
    """The number after the highest numeric ``DEMO-`` external id, so a rerun appends."""
    ids = session.scalars(
        select(Customer.external_id)
        .where(Customer.external_id.like(f"{EXTERNAL_ID_PREFIX}%"))
        .order_by(func.length(Customer.external_id).desc(), Customer.external_id.desc())
    )
    for value in ids:
        digits = (value or "").removeprefix(EXTERNAL_ID_PREFIX)
        if digits.isdigit():
            return int(digits) + 1
    return 1


def _chinese(table: str, code: str) -> str:
    return json.dumps({"zh_CN": CHINESE[table][code]}, ensure_ascii=False)


def _write_batch(ctx: ServiceContext, rows: dict[str, list[Row]]) -> None:
    with ctx.sessions.begin() as session:
        if session.get_bind().dialect.name == "sqlite":
            session.execute(text(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}"))
        for name in TABLE_ORDER:
            if rows[name]:
                session.execute(insert(Base.metadata.tables[name]), rows[name])


def generate(
    ctx: ServiceContext,
    customers: int,
    seed: int = 1,
    progress: Progress | None = None,
    language: str | None = None,
) -> DemoSummary:
    """Write the reference data that is missing, then ``customers`` new customers in batches.

    ``progress(done, total)`` is called after each committed batch. What the staff wrote is in
    ``language`` (``written``: "zh_CN" for Chinese, else English).
    """
    for action in (Action.IMPORT_CUSTOMERS, Action.EDIT_DICTIONARY, Action.MANAGE_USERS):
        require(ctx, action)
    if customers < 0:
        raise ValidationError("customers", N_("must be zero or more"))
    started = time.perf_counter()
    now = ctx.clock().astimezone(dt.UTC).replace(microsecond=0)
    anchor = day_start(now)
    with ctx.sessions.begin() as session:
        reference = _ReferenceWriter(
            session, random.Random(f"{seed}:reference"), anchor, written(language)
        )
        ref = reference.write()
        reference.knowledge(language)
        first = _next_index(session)
        sr_numbers = set(session.scalars(select(ServiceRequest.number))) if customers else set()
    counts = dict.fromkeys(TABLE_ORDER, 0) | reference.inserted
    maker = _CustomerWriter(
        random.Random(f"{seed}:{first}"),
        ref=ref,
        anchor=anchor,
        now=now,
        first=first,
        count=customers,
        sr_numbers=sr_numbers,
        words=written(language),
    )
    for done in range(0, customers, BATCH_CUSTOMERS):
        rows = maker.batch(first + done, min(BATCH_CUSTOMERS, customers - done))
        _write_batch(ctx, rows)
        for name, table_rows in rows.items():
            counts[name] += len(table_rows)
        if progress:
            progress(done + len(rows["customers"]), customers)
    if customers:
        # The planner must know the new rows now, not when autovacuum gets to them.
        with ctx.sessions.begin() as session:
            statistics.analyze(session.connection())
    return DemoSummary(
        rows=counts,
        first_external_id=external_id(first) if customers else None,
        last_external_id=external_id(first + customers - 1) if customers else None,
        seconds=time.perf_counter() - started,
    )
