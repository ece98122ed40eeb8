"""Demo checklist templates, in English with their Simplified Chinese texts.

Each item: (name, name_zh, type, options) where options is a dict of the
item's other values; choice options are (name, name_zh, is_failure).
"""

TEMPLATES = [
    {
        "code": "FOOD",
        "name": ("Food Safety", "食品安全"),
        "sections": [
            {
                "name": ("Cold Chain", "冷链"),
                "items": [
                    (
                        "Walk-in fridge temperature",
                        "冷藏库温度",
                        "number",
                        {
                            "has_min": True,
                            "min_value": 0.0,
                            "has_max": True,
                            "max_value": 4.0,
                            "unit": ("°C", "°C"),
                            "weight": 3.0,
                            "is_critical": True,
                            "severity": "critical",
                            "auto_action": True,
                            "photo_required_on_fail": True,
                            "guidance": (
                                "Read the probe thermometer, not the display.",
                                "读取探针温度计，而不是显示屏。",
                            ),
                        },
                    ),
                    (
                        "Freezer at -18 °C or colder",
                        "冷冻库温度不高于 -18 °C",
                        "passfail",
                        {"weight": 2.0, "auto_action": True, "severity": "high"},
                    ),
                    (
                        "All products labelled with use-by dates",
                        "所有产品均标有保质期",
                        "yesno",
                        {"weight": 2.0, "note_required_on_fail": True},
                    ),
                ],
            },
            {
                "name": ("Hygiene", "卫生"),
                "items": [
                    (
                        "Staff wash hands before handling food",
                        "员工接触食品前洗手",
                        "passfail",
                        {"weight": 2.0, "auto_action": True},
                    ),
                    (
                        "No sign of pests",
                        "无虫害迹象",
                        "passfail",
                        {
                            "weight": 3.0,
                            "is_critical": True,
                            "severity": "critical",
                            "auto_action": True,
                            "photo_required_on_fail": True,
                        },
                    ),
                    (
                        "Cleanliness of the kitchen",
                        "厨房清洁度",
                        "scale",
                        {"scale_max": 5, "scale_pass_min": 3, "weight": 2.0},
                    ),
                ],
            },
        ],
    },
    {
        "code": "STD",
        "name": ("Store Standards", "门店标准"),
        "sections": [
            {
                "name": ("Display", "陈列"),
                "items": [
                    (
                        "Shelves full and faced",
                        "货架饱满、整齐",
                        "scale",
                        {"scale_max": 5, "scale_pass_min": 3, "weight": 2.0},
                    ),
                    (
                        "Price tags correct",
                        "价签正确",
                        "passfail",
                        {"weight": 1.0, "auto_action": True, "severity": "low"},
                    ),
                ],
            },
            {
                "name": ("Hygiene", "卫生"),
                "items": [
                    (
                        "Dining area clean",
                        "用餐区清洁",
                        "passfail",
                        {"weight": 2.0, "auto_action": True},
                    ),
                    (
                        "Restrooms clean and stocked",
                        "洗手间清洁且用品充足",
                        "yesno",
                        {"weight": 1.0},
                    ),
                ],
            },
            {
                "name": ("Service", "服务"),
                "items": [
                    (
                        "Greeting at the counter",
                        "柜台问候",
                        "choice",
                        {
                            "weight": 2.0,
                            "options": [
                                ("Warm and immediate", "热情及时", False, 1.0),
                                ("Late", "迟缓", False, 0.5),
                                ("None", "没有问候", True, 0.0),
                            ],
                        },
                    ),
                    (
                        "Waiting time (minutes)",
                        "等候时间（分钟）",
                        "number",
                        {
                            "has_max": True,
                            "max_value": 5.0,
                            "unit": ("min", "分钟"),
                            "weight": 1.0,
                        },
                    ),
                ],
            },
        ],
    },
    {
        "code": "OPEN",
        "name": ("Opening Checklist", "开店检查表"),
        "sections": [
            {
                "name": ("Before Opening", "开店前"),
                "items": [
                    ("Lights and music on", "灯光和音乐已开启", "yesno", {}),
                    ("Cash float counted", "备用金已清点", "yesno", {}),
                    (
                        "Equipment switched on",
                        "设备已开启",
                        "multi",
                        {
                            "options": [
                                ("Coffee machine", "咖啡机", False, 1.0),
                                ("Oven", "烤箱", False, 1.0),
                                ("Fryer broken", "炸炉故障", True, 0.0),
                            ]
                        },
                    ),
                    (
                        "Photo of the entrance",
                        "入口照片",
                        "photo",
                        {"is_required": False},
                    ),
                    (
                        "Delivery date expected",
                        "预计到货日期",
                        "date",
                        {"is_required": False},
                    ),
                    ("Remarks", "备注", "text", {"is_required": False}),
                    (
                        "Opening shift leader signature",
                        "开店值班主管签名",
                        "signature",
                        {},
                    ),
                ],
            },
        ],
    },
]
