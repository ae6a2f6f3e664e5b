"""Topics and difficulty levels of items, for choosing questions and reporting by topic.

A topic is a subject, not a note: the questions of every note about regularization share
the topic "Regularization", whatever the note or its headings are called. An item's topic
is the first subject whose keywords its question names, else the first one its section
headings name (innermost first); an item that names none takes its own top heading (or its
note's title) as its topic. The key is the English name; it is what the history keeps, and
`topic_label` shows it in a session's language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from interviewer.corpus.items import Item
from interviewer.corpus.lang import to_simplified, to_traditional
from interviewer.rubric.models import Rubric
from interviewer.session.models import Level

_CHAPTER = re.compile(
    r"^\s*(chapter|ch\.?|第[一二三四五六七八九十\d]+章)\s*\d*\s*[—:：.\-–]*\s*", re.I
)
_TITLE = re.compile(r"^\s*title\s*:\s*(.+?)\s*$", re.I)
# a heading or title that names a collection of questions, not a subject
_GENERIC = re.compile(
    r"interview|question|summary|notes?\b|faq|面试|面試|问题|問題|题|題|集锦|集錦|总结|總結"
    r"|写在前面|寫在前面|参考文献|參考文獻|^\W*$",
    re.I,
)


@dataclass(frozen=True)
class Subject:
    """A topic everyone would name the same: its English name (the key), its Chinese name
    (simplified; traditional by conversion) and the words that mark an item as about it."""

    en: str
    zh: str
    words: re.Pattern[str]


def _subject(en: str, zh: str, words: str) -> Subject:
    return Subject(en, zh, re.compile(words, re.I | re.ASCII))  # \b: Latin word ends


# most specific first: an item goes to the first subject its text names
SUBJECTS: tuple[Subject, ...] = (
    _subject(
        "Normalization",
        "归一化",
        r"batch ?norm|\bBN\b|批(正则化|归一化|歸一化|標準化|标准化)|归一化|歸一化|layer ?norm"
        r"|normali[sz]ation",
    ),
    _subject(
        "Regularization",
        "正则化",
        r"dropout|regulari[sz]|正则|正則|范数|範數|\bnorm penalty|early stopping|过拟合|過擬合"
        r"|overfit|\bL[012]\b|\$L\^[12]\$",
    ),
    _subject(
        "Activation functions",
        "激活函数",
        r"activation|激活函数|激活函數|sigmoid|relu|tanh|softmax|softplus|non-?linear|非线性",
    ),
    _subject(
        "Convolutional networks",
        "卷积网络",
        r"convolution|图像处理|圖像處理|image processing|卷积|捲積|卷積|\bCNN|padding|feature map|感受野|receptive|VGG|filter",
    ),
    _subject(
        "Recurrent networks",
        "循环神经网络",
        r"recurrent|\bRNN|LSTM|long short-term|GRU\b|长期依赖|長期依賴|循环神经|循環神經",
    ),
    _subject(
        "Transformers and attention",
        "Transformer 与注意力",
        r"transformer|attention|注意力|\bBERT\b|\bGPT",
    ),
    _subject(
        "Graph neural networks",
        "图神经网络",
        r"\bGCN\b|\bGNN|graph neural|graph convolution|图神经|圖神經|图卷积|圖卷積",
    ),
    _subject(
        "Generative models",
        "生成模型",
        r"autoencoder|auto-encoder|generative|\bGAN\b|\bVAE\b|自编码|自編碼|生成对抗|生成對抗",
    ),
    _subject(
        "Ensembles",
        "集成学习",
        r"ensembl|bagging|boosting|集成学习|集成學習|random forest|随机森林|隨機森林",
    ),
    _subject(
        "Information theory",
        "信息论",
        r"information theory|entropy|\bKL\b|kullback|mutual information|surprise|shannon|香农"
        r"|香農|信息论|資訊理論|互信息|熵",
    ),
    _subject(
        "Probability and Bayesian methods",
        "概率与贝叶斯",
        r"bayes|贝叶斯|貝葉斯|likelihood|似然|fisher|conjugate|共轭|prior|posterior|先验|后验"
        r"|distribution|频率派|頻率派",
    ),
    _subject(
        "Logistic regression",
        "逻辑回归",
        r"logistic|逻辑回归|邏輯迴歸|odds|\bGLM\b|广义线性|廣義線性",
    ),
    _subject(
        "Recommendation and retrieval",
        "推荐与检索",
        r"factori[sz]ation machine|facrization machine|\bFM\b|召回|推荐|推薦|recommend"
        r"|retrieval|nearest neighbo|人脸向量|人臉向量|检索|檢索",
    ),
    _subject(
        "Evaluation and metrics",
        "模型评估",
        r"accuracy|precision|recall|\bF1\b|\bAUC\b|\bROC\b|metric|准确|準確|精度|错误率|錯誤率"
        r"|评估|評估|性能度量|回归任务|迴歸任務|bias.{0,20}variance|偏置和方差|偏差.{0,3}方差"
        r"|不平衡|imbalanc",
    ),
    _subject(
        "Training and optimization",
        "训练与优化",
        r"gradient|梯度|learning rate|学习率|學習率|optimi[sz]|优化|優化|\bSGD\b|\bAdam\b|loss"
        r"|损失函数|損失函數|initiali[sz]|初始化|hyper-?param|超参数|超參數|epoch|iteration"
        r"|迭代|数据生成器|數據生成器|data generator|backprop|反向传播|反向傳播",
    ),
    _subject(
        "Neural network basics",
        "神经网络基础",
        r"neural network|perceptron|感知机|感知機|神经网络|神經網絡|神经元|神經元"
        r"|deep learning|深度学习|深度學習|shallow|deep network",
    ),
)
_BY_NAME = {name.casefold(): s for s in SUBJECTS for name in (s.en, s.zh, to_traditional(s.zh))}


def note_title(path: Path) -> str | None:
    """A note's title: its front matter `title:`, else its first heading or first line."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[:60]
    except OSError:
        return None
    if lines and lines[0].strip() == "---":
        for line in lines[1:]:
            if line.strip() == "---":
                break
            if m := _TITLE.match(line):
                return m.group(1).strip("\"' ") or None
    for line in lines:
        text = line.strip().lstrip("#").strip()
        if text and text != "---":
            return text[:80]
    return None


def subject_of(text: str) -> Subject | None:
    """The first subject whose words `text` names."""
    return next((s for s in SUBJECTS if s.words.search(text)), None)


def topic_of(item: Item, titles: dict[str, str]) -> str:
    """The item's topic key: a subject named by its question or (innermost first) its
    section headings; else its top heading without "Chapter N—", else its note's title,
    when that names a subject and not a collection of questions; else "Neural network
    basics" (a deep-learning interview's catch-all)."""
    heads = [h.strip() for h in item.section.split(" / ") if h.strip()]
    for text in [item.question, *reversed(heads)]:
        if found := subject_of(text):
            return found.en
    own = _CHAPTER.sub("", heads[0]).strip() if heads else titles.get(item.source, "")
    if own and not _GENERIC.search(own):
        return own[:60]
    return SUBJECTS[-1].en


def topic_label(topic: str, lang: str) -> str:
    """The topic's name in a session's language (`en`, `zh-Hans`, `zh-Hant`; `any` is
    English); a topic of the user's own (a heading) keeps its words, in the session's
    Chinese script."""
    subject = _BY_NAME.get(topic.casefold())
    if lang in ("zh-Hans", "zh-Hant", "zh"):
        text = subject.zh if subject else topic
        return to_traditional(text) if lang == "zh-Hant" else to_simplified(text)
    return subject.en if subject else topic


def topic_key(name: str, keys: list[str]) -> str | None:
    """The key among `keys` that `name` names (its key or its name in any language, any
    case), or None."""
    folded = name.strip().casefold()
    subject = _BY_NAME.get(folded)
    for key in keys:
        if key.casefold() == folded or (subject is not None and key == subject.en):
            return key
    return None


def levels(items: list[Item], rubric_of) -> dict[str, Level]:
    """Easy / medium / hard by thirds of a size measure: the number and weight of the
    rubric's key points plus the reference answer's length. Relative to the library."""

    def size(item: Item) -> float:
        rubric: Rubric = rubric_of(item)
        return rubric.total_weight + len(item.answer) / 400

    ranked = sorted(items, key=lambda it: (size(it), it.id))
    n = len(ranked)
    out: dict[str, Level] = {}
    for i, item in enumerate(ranked):
        out[item.id] = "easy" if i < n / 3 else "medium" if i < 2 * n / 3 else "hard"
    return out
