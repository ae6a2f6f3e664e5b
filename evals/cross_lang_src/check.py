#!/usr/bin/env python3
"""Validate cross_lang.jsonl (stdlib only). Exit code 1 on any error."""
import json
import os
import re
import sys
from collections import Counter, defaultdict

from common import questions

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, 'cross_lang.jsonl')

FIELDS = {'id', 'item_id', 'question', 'kind', 'lang', 'answer', 'gold', 'rationale', 'twin'}
KINDS = ['strong', 'strong_other_lang', 'partial_other_lang', 'one_wrong_other_lang']
LANGS = {'zh-Hans', 'zh-Hant', 'en'}
N_QUESTIONS = 30

# simplified -> traditional pairs for characters common in ML text (only chars that differ)
PAIRS = ('这這 个個 们們 为為 学學 数數 时時 会會 说說 过過 来來 对對 样樣 络絡 经經 练練 归歸 习習 层層 '
         '参參 计計 输輸 权權 问問 题題 关關 给給 让讓 还還 从從 进進 应應 与與 变變 类類 训訓 损損 误誤 维維 '
         '结結 优優 间間 实實 现現 发發 点點 线線 观觀 决決 图圖 别別 两兩 总總 没沒 长長 开開 见見 无無 动動 '
         '种種 机機 边邊 导導 专專 级級 将將 杂雜 简簡 单單 处處 据據 资資 获獲 约約 统統 选選 择擇 则則 状狀 '
         '态態 标標 准準 确確 网網 范範 规規 积積 隐隱 阶階 质質 压壓 缩縮 编編 码碼 频頻 转轉 换換 执執 尽盡 '
         '证證 带帶 节節 后後 于於 里裡 并並 随隨 机機 负負 复複 术術 语語 词詞 识識 读讀 写寫 认認 试試 '
         '该該 调調 请請 谈談 论論 记記 议議 设設 诉訴 这這 筛篩 键鍵 错錯 钟鐘 门門 闭閉 阈閾 队隊 阵陣 '
         '际際 险險 难難 须須 顺順 预預 领領 频頻 颗顆 风風 饱飽 驱驅 验驗 鲁魯 齐齊 龙龍 产產 亲親 仅僅 '
         '众眾 传傳 伤傷 体體 侧側 储儲 净淨 减減 剂劑 劳勞 势勢 区區 华華 协協 卫衛 历歷 厉厲 县縣 双雙 '
         '叠疊 号號 叶葉 员員 围圍 团團 园園 圆圓 场場 坏壞 块塊 坚堅 声聲 壳殼 备備 够夠 头頭 夹夾 奖獎 '
         '宽寬 宁寧 宝寶 审審 寻尋 层層 岁歲 币幣 师師 帮幫 广廣 庆慶 库庫 废廢 异異 弃棄 张張 弹彈 强強 '
         '录錄 径徑 忆憶 态態 恶惡 惯慣 戏戲 户戶 扩擴 扫掃 扬揚 护護 报報 担擔 拟擬 拥擁 挡擋 挤擠 挥揮 '
         '损損 换換 据據 掷擲 携攜 摄攝 摆擺 敌敵 断斷 旧舊 显顯 晓曉 暂暫 极極 构構 标標 树樹 样樣 桥橋 '
         '检檢 楼樓 横橫 欢歡 残殘 毕畢 气氣 汇匯 汉漢 沟溝 泽澤 测測 济濟 浓濃 涉涉 润潤 涨漲 渐漸 温溫 '
         '湿濕 满滿 滤濾 灵靈 灾災 烦煩 热熱 爱愛 状狀 独獨 环環 电電 画畫 疗療 盖蓋 监監 盘盤 码碼 础礎 '
         '种種 称稱 稳穩 穷窮 窗窗 竞競 笔筆 筑築 签簽 简簡 粮糧 紧緊 纪紀 纯純 纳納 纵縱 纸紙 纹紋 线線 '
         '组組 细細 织織 终終 绍紹 绕繞 绘繪 绝絕 继繼 绩績 续續 维維 综綜 绿綠 缓緩 缘緣 罗羅 职職 联聯 '
         '肤膚 胜勝 脑腦 脸臉 舰艦 艺藝 节節 苏蘇 荐薦 获獲 虑慮 补補 装裝 览覽 觉覺 触觸 誉譽 计計 订訂 '
         '讨討 训訓 记記 许許 访訪 评評 诊診 译譯 详詳 谢謝 贝貝 负負 贡貢 财財 责責 败敗 货貨 购購 贴貼 '
         '贵貴 费費 资資 赖賴 赛賽 赞贊 趋趨 跃躍 践踐 车車 轨軌 软軟 轮輪 轻輕 较較 辅輔 输輸 辑輯 达達 '
         '迁遷 迟遲 远遠 连連 适適 选選 递遞 逻邏 遗遺 邻鄰 酱醬 释釋 针針 钱錢 铁鐵 链鏈 销銷 锁鎖 长長 '
         '闪閃 闲閒 阅閱 阴陰 阳陽 陆陸 陈陳 随隨 隐隱 韩韓 页頁 项項 顾顧 额額 飞飛 馈饋 驶駛 鸟鳥 黄黃 '
         '极極 价價 卷捲 噪噪 义義 乐樂 习習 书書 买買 卖賣 乱亂 争爭 亚亞 亿億 仪儀 众眾 优優 伙夥 伟偉')
SIMP, TRAD = set(), set()
for tok in PAIRS.split():
    s, t = tok[0], tok[1]
    if s != t:
        SIMP.add(s)
        TRAD.add(t)
AMBIG = SIMP & TRAD
SIMP -= AMBIG
TRAD -= AMBIG

CJK = re.compile(r'[\u4e00-\u9fff]')
LATIN_WORD = re.compile(r'[A-Za-z]{2,}')


def script(text):
    cjk = len(CJK.findall(text))
    words = len(LATIN_WORD.findall(text))
    if cjk == 0:
        return 'en', cjk, words
    if cjk >= 15 and cjk >= words:
        return 'zh', cjk, words
    return 'mixed', cjk, words


def main():
    errors, warnings = [], []
    qs = questions()
    rows = []
    with open(DATA, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f'line {n}: blank line')
                continue
            rows.append(json.loads(line))

    ids = Counter(r.get('id') for r in rows)
    for i, c in ids.items():
        if c > 1:
            errors.append(f'duplicate id {i}')
    by_id = {r['id']: r for r in rows if 'id' in r}
    per_item = defaultdict(dict)

    for r in rows:
        rid = r.get('id', '?')
        if set(r) != FIELDS:
            errors.append(f'{rid}: fields {sorted(set(r) ^ FIELDS)} differ')
            continue
        if r['kind'] not in KINDS:
            errors.append(f'{rid}: bad kind {r["kind"]}')
            continue
        if r['id'] != f'{r["item_id"]}-{r["kind"]}':
            errors.append(f'{rid}: id does not match item_id-kind')
        q = qs.get(r['item_id'])
        if q is None:
            errors.append(f'{rid}: unknown item_id')
            continue
        if r['question'] != q['question']:
            errors.append(f'{rid}: question text differs from source')
        if r['kind'] in per_item[r['item_id']]:
            errors.append(f'{rid}: kind repeated for item')
        per_item[r['item_id']][r['kind']] = r
        g = r['gold']
        if not isinstance(g, (int, float)) or isinstance(g, bool) or not (0 <= g <= 10) or (g * 2) != int(g * 2):
            errors.append(f'{rid}: bad gold {g!r}')
        if not isinstance(r['rationale'], str) or not r['rationale'].strip() or '\n' in r['rationale']:
            errors.append(f'{rid}: rationale must be one non-empty line')
        if not isinstance(r['answer'], str) or not r['answer'].strip():
            errors.append(f'{rid}: empty answer')
            continue
        if r['lang'] not in LANGS:
            errors.append(f'{rid}: bad lang {r["lang"]}')
            continue
        # language of the answer
        qzh = q['lang'] != 'en'
        if r['kind'] == 'strong':
            if r['lang'] != q['lang']:
                errors.append(f'{rid}: strong lang {r["lang"]} != question lang {q["lang"]}')
        else:
            want_zh = not qzh
            if want_zh and r['lang'] == 'en':
                errors.append(f'{rid}: other-lang answer should be Chinese')
            if not want_zh and r['lang'] != 'en':
                errors.append(f'{rid}: other-lang answer should be English')
        sc, ncjk, nwords = script(r['answer'])
        expect = 'en' if r['lang'] == 'en' else 'zh'
        if sc != expect:
            errors.append(f'{rid}: answer script looks {sc} (cjk={ncjk}, latin words={nwords}), lang says {r["lang"]}')
        if r['lang'] == 'zh-Hant':
            bad = sorted({c for c in r['answer'] if c in SIMP})
            if bad:
                errors.append(f'{rid}: zh-Hant answer contains simplified chars {"".join(bad)}')
        if r['lang'] == 'zh-Hans':
            bad = sorted({c for c in r['answer'] if c in TRAD})
            if bad:
                errors.append(f'{rid}: zh-Hans answer contains traditional chars {"".join(bad)}')
        # twin
        if r['kind'] in ('partial_other_lang', 'one_wrong_other_lang'):
            want = f'{r["item_id"]}-strong_other_lang'
            if r['twin'] != want:
                errors.append(f'{rid}: twin should be {want}')
            elif want in by_id and not (r['gold'] < by_id[want]['gold']):
                errors.append(f'{rid}: gold {r["gold"]} not below twin gold {by_id[want]["gold"]}')
        elif r['twin'] is not None:
            errors.append(f'{rid}: twin must be null for {r["kind"]}')
        # length guidance (warnings only)
        if r['kind'] in ('strong', 'strong_other_lang'):
            if expect == 'zh' and not (100 <= ncjk <= 350):
                warnings.append(f'{rid}: strong Chinese answer has {ncjk} CJK chars (target 100-350)')
            if expect == 'en':
                nw = len(r['answer'].split())
                if not (60 <= nw <= 220):
                    warnings.append(f'{rid}: strong English answer has {nw} words (target 60-220)')

    if len(per_item) != N_QUESTIONS:
        errors.append(f'{len(per_item)} questions, expected {N_QUESTIONS}')
    for qid, ks in per_item.items():
        if set(ks) != set(KINDS):
            errors.append(f'{qid}: kinds {sorted(ks)}')

    # report
    qlang = Counter(qs[q]['lang'] for q in per_item)
    notes = Counter(q.split('_')[0] for q in per_item)
    print(f'rows: {len(rows)}  questions: {len(per_item)}')
    print('question langs:', dict(qlang))
    print('questions per note:', dict(sorted(notes.items())))
    print('answer langs:', dict(Counter(r.get('lang') for r in rows)))
    print(f'{"kind":24s} {"n":>3s} {"mean":>6s} {"min":>5s} {"max":>5s}')
    for k in KINDS:
        gs = [r['gold'] for r in rows if r.get('kind') == k]
        if gs:
            print(f'{k:24s} {len(gs):3d} {sum(gs)/len(gs):6.2f} {min(gs):5.1f} {max(gs):5.1f}')
    for k in KINDS:
        c = Counter(r['lang'] for r in rows if r.get('kind') == k)
        print(f'  {k} langs: {dict(c)}')
    for w in warnings:
        print('WARN', w)
    for e in errors:
        print('ERROR', e)
    print('OK' if not errors else f'FAILED: {len(errors)} errors')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
