"""Make jiaokan_zh_TW.ts from jiaokan_zh_CN.ts: OpenCC s2twp, then the hand fixes.

Run by ``make zh_TW`` after the Simplified translations change.  The fixes are
the ones read through and listed in README.md; a new wrong conversion belongs
in FIXES, so that running this again never undoes a correction.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent

# s2twp's output -> what a Taiwanese editor expects here (README.md says why)
FIXES = {
    "型別": "類型",
    "支援": "支持",
    "底本文字": "底本文本",
    "校本文字": "校本文本",
    "校正文字": "校正文本",
    "要校對的文字": "要校對的文本",
    "撤銷": "復原",
    "首選項": "偏好設定",
    "工具欄": "工具列",
    "退出": "結束",
    "新建": "新增",
    "示例": "範例",
    "當前": "目前",
    "只讀": "唯讀",
    "應用": "套用",
    "識別": "辨識",
    "錄入": "輸入",
    "概覽": "總覽",
    "暫無": "尚無",
    "“": "「",
    "”": "」",
    "操作歷史": "操作記錄",
    "幫助": "說明",
    "許可證": "授權",
    "快捷鍵": "快速鍵",
    "庫": "函式庫",
    "資料函式庫": "資料庫",  # the fix above is for a library, not a database
    "隻讀": "唯讀",
    "許可權": "權限",
    "二進位制": "二進位",
    "上的程序": "上的處理程序",
    "程序號": "處理程序編號",
    "校勘工作程序": "校勘工作處理程序",  # collate.worker-died
    "（程序 {pid}）": "（處理程序 {pid}）",
    "一個程序校勘": "一個處理程序校勘",
    "常規": "一般",
    "恢復預設": "還原預設值",
    "恢復方案自帶": "還原方案內建",
    # Word's own names in Taiwan for the parts of a document (word.unread.*)
    "腳註": "註腳",
    "尾註": "章節附註",
    "批註": "註解",
    "文字框": "文字方塊",
}


def to_taiwan(text: str, converter: opencc.OpenCC) -> str:
    converted = str(converter.convert(text))
    for wrong, right in FIXES.items():
        converted = converted.replace(wrong, right)
    return converted


def main(source: Path = HERE / "jiaokan_zh_CN.ts", out: Path = HERE / "jiaokan_zh_TW.ts") -> int:
    converter = opencc.OpenCC("s2twp")
    tree = ET.parse(source)
    root = tree.getroot()
    root.set("language", "zh_TW")
    for node in root.iter("translation"):
        if node.text:
            node.text = to_taiwan(node.text, converter)
        for form in node.iter("numerusform"):
            form.text = to_taiwan(form.text or "", converter)
    body = ET.tostring(root, encoding="unicode")
    out.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
