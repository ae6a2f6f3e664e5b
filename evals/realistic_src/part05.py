from common import emit
H, T, E = 'zh-Hans', 'zh-Hant', 'en'
items = [
('a785bb5973', [
 ('terse_correct', T, r"""不完全可靠，資料不平衡時全部猜多數類準確率也會很高。我會看混淆矩陣、precision、recall、F1 跟 ROC-AUC。""", 7, "Core reason and the right alternative metrics, without explanation."),
 ('thorough_correct', T, r"""準確度 = 預測正確的樣本數 / 總樣本數，簡單直觀，但**不完全可靠**，特別是在類別不平衡時。例如偵測網路攻擊，攻擊只佔 1/100000，模型只要把所有請求都判成正常，準確率就有 99.999%，但它一個攻擊也抓不到，完全沒用。準確度也看不出每個類別分別錯在哪。

我通常會用：
- **混淆矩陣**：TP、FP、FN、TN，看清楚每一類被分到哪裡。
- **Precision = TP/(TP+FP)**：預測為正的裡面有多少是真的；**Recall = TP/(TP+FN)**：真正的正例抓到多少；兩者的調和平均 **F1**。
- **ROC 曲線與 AUC**：在不同閾值下畫出 TPR（縱軸）對 FPR（橫軸），曲線越靠近左上角越好，AUC 越接近 1 越好，和閾值選擇無關。
- 正例極少時 **PR 曲線 / AUC-PR** 往往比 ROC 更能反映效果。
具體選哪個還要看業務成本，例如漏報代價大就重視 recall。""", 10, "Explains why accuracy fails with the imbalance example and covers confusion matrix, P/R/F1, ROC-AUC, PR curves."),
 ('termfree_correct', H, r"""不能只看猜对的比例。比如一万个里只有一个是坏的，模型一律说“好的”也能有 99.99% 的正确率，但一个坏的都没找出来。我会把结果按“真实是哪类 × 预测成哪类”列成表，分别看：真正的坏样本里找出来多少，报成坏的里面有多少真的是坏的，再把这两个数合成一个综合分。另外把判定门槛从严到松调一遍，画出“找出的比例”对“误报的比例”的曲线，看曲线下面积，越贴近左上角越好。""", 8.5, "Same content as the reference in plain words (confusion table, recall, precision, F1, ROC/AUC)."),
 ('one_wrong', T, r"""準確度 = 正確數 / 總數，但**不完全可靠**：類別不平衡時，例如攻擊只佔 1/100000，全部判成正常也有 99.999% 準確率，卻一個攻擊也抓不到。

我通常會用：
- **混淆矩陣**：TP、FP、FN、TN。
- **Precision = TP/(TP+FP)**、**Recall = TP/(TP+FN)**，以及 F1。
- **ROC 曲線與 AUC**：ROC 的橫軸是 recall、縱軸是 precision，在不同閾值下畫出來，曲線越靠近右上角越好，AUC 越接近 1 越好。
- 看業務成本決定重視哪個指標。""", 6.5, "All correct except the ROC definition (axes described as recall/precision, i.e. PR curve)."),
 ('fluent_wrong', T, r"""準確度是完全可靠的，因為它把所有樣本都考慮進去了，資料不平衡時多數類樣本多，準確度反而更穩定。評估分類模型我通常用 MSE 和 R²，因為它們對機率輸出更敏感；precision 和 recall 只適用於回歸問題。""", 0.5, "Claims accuracy is fully reliable and assigns metrics to the wrong tasks."),
 ('partial', T, r"""不完全可靠吧，我一般會再看 F1 score。""", 3.5, "Right verdict and one metric, no reason or other metrics."),
 ('code_switched', T, r"""Accuracy 不一定 reliable，尤其是 imbalanced data，比如 fraud 只有 0.1%，model 全部 predict negative 也有 99.9% accuracy，但 recall 是 0。所以我會看 confusion matrix，然後算 precision、recall 跟 F1 score，看 business 比較在意 false positive 還是 false negative 來取捨。""", 8, "Correct reasoning and main metrics; omits ROC/AUC."),
 ('related_other', H, r"""回归任务一般用 MSE 作为性能度量，$\frac1m\sum(f(x_i)-y_i)^2$，另外还有 MAE、RMSE 和 $R^2$。像人群计数这种任务常用 MAE。""", 1, "Correct regression metrics, not the classification question."),
]),
('b855ea8997', [
 ('terse_correct', H, r"""正确。知道 X 和 Y 就能算出 Z=Y−X，知道 X 和 Z 就能算出 Y，两组一一对应，所以熵相同。""", 8.5, "Correct verdict with the complete (if brief) justification."),
 ('thorough_correct', H, r"""**正确。**
用链式法则：$H(X,Y)=H(X)+H(Y|X)$，$H(X,Z)=H(X)+H(Z|X)$。
给定 $X=x$ 时，$Y=x+Z$ 只是把 Z 平移了一个常数 x，是一一映射，而离散熵只依赖概率值、不依赖取值本身，所以 $H(Y|X=x)=H(Z|X=x)$，对 x 取平均得 $H(Y|X)=H(Z|X)$，于是 $H(X,Y)=H(X,Z)$。
直观说就是 $(X,Y)\mapsto(X,Y-X)=(X,Z)$ 是可逆变换，(X,Y) 和 (X,Z) 包含的信息完全一样。
注意这不需要 X、Z 独立；但它并不意味着 $H(Y)=H(Z)$，单独看 Y 的熵一般和 Z 不同。""", 10, "Correct verdict, chain-rule proof, bijection intuition and correct caveats."),
 ('termfree_correct', T, r"""對。手上有 X 和 Y，就能用 Y 減 X 得到 Z；手上有 X 和 Z，加起來就得到 Y。這兩對數字可以互相換算、一對一對應，所以它們一起出現的各種組合的機率完全一樣，平均的不確定程度（或說要描述它們平均需要的位元數）自然相等。這不需要 X 跟 Z 互不相干。""", 8.5, "Correct verdict and bijection argument without the terms."),
 ('one_wrong', H, r"""**正确**，但前提是 X 和 Z 相互独立。
用链式法则：$H(X,Y)=H(X)+H(Y|X)$，$H(X,Z)=H(X)+H(Z|X)$。给定 $X=x$ 时 $Y=x+Z$ 只是平移，$H(Y|X=x)=H(Z|X=x)$，所以 $H(X,Y)=H(X,Z)$。如果 X、Z 不独立，这个等式就不成立了。
它也不意味着 $H(Y)=H(Z)$。""", 5.5, "Proof is right but adds a false independence requirement, making the 'for any X, Z' verdict wrong."),
 ('fluent_wrong', H, r"""错误。因为 Y=X+Z，Y 的信息量是 X 和 Z 之和，$H(Y)=H(X)+H(Z)$，所以 $H(X,Y)=H(X)+H(Y)=2H(X)+H(Z)$，严格大于 $H(X,Z)=H(X)+H(Z)$（只要 X 不是常数）。""", 0, "Wrong verdict from wrong entropy identities."),
 ('partial', H, r"""应该是正确的吧，感觉 Y 和 Z 包含的信息差不多，都跟 X 有关系。""", 3, "Right verdict with no real justification and hedging."),
 ('code_switched', H, r"""True。given X 的话，Y=X+Z 跟 Z 是 one-to-one 的，所以 (X,Y) 和 (X,Z) 之间是一个 bijection，(X,Y)→(X,Y−X)。Entropy 只看 probability mass，不看 value，invertible mapping 下 joint entropy 不变，所以 H(X,Y)=H(X,Z)。用 chain rule 写就是 H(X)+H(Y|X)=H(X)+H(Z|X)。""", 9.5, "Correct verdict and proof."),
 ('related_other', T, r"""聯合熵滿足 $H(X,Y)\le H(X)+H(Y)$，等號成立若且唯若 X、Y 獨立；兩者的差就是互資訊 $I(X;Y)=H(X)+H(Y)-H(X,Y)$。""", 1, "Correct joint-entropy facts, doesn't judge the statement."),
]),
('197e68ce54', [
 ('terse_correct', H, r"""优点是收敛快、可以用大学习率、有一定正则化效果；缺点是依赖 batch size，batch 小了效果差。""", 6.5, "Main pros and one con; omits initialization and RNN unsuitability."),
 ('thorough_correct', T, r"""**優點**
1. 加速收斂：每層輸入分佈被拉回穩定範圍（緩解 internal covariate shift、避免落入飽和區），可以用更大的學習率，訓練更快，通常也能提升準確率。
2. 有正則化效果：每個 batch 的均值方差帶有隨機性，相當於加了噪聲，可以減輕過擬合，減少對 dropout 的依賴。
3. 降低對參數初始化的敏感度。

**缺點**
1. 非常依賴 batch size：統計量從 mini-batch 估計，batch 太小時估計不準、效果明顯變差（這時可以改用 GroupNorm 等）。
2. 不適合 RNN 等序列模型：序列長度可變，每個時間步的統計量不同，難以應用，通常用 LayerNorm。
3. 訓練和推理行為不一致（訓練用 batch 統計量，推理用滑動平均），訓練/測試分佈差異大時會出問題；也多了一些計算開銷。""", 10, "All reference pros and cons plus correct extras."),
 ('termfree_correct', H, r"""好处：每一层的输入都被拉回到一个稳定的范围，可以放心用更大的步长，训练快很多；对一开始权重怎么设不那么挑；而且每一小批的统计量带点随机性，顺带有一点防止死记训练集的作用。坏处：均值方差是从一小批样本里估出来的，批太小就估不准，效果变差；对那种按时间一步步处理、长度还不一样的序列模型不好用。""", 8.5, "All main pros and cons in plain words."),
 ('one_wrong', T, r"""**優點**
1. 加速收斂：每層輸入分佈穩定，可以用更大的學習率，訓練更快，也能提升準確率。
2. 有正則化效果，可以減輕過擬合。

**缺點**
1. 非常依賴 batch size，batch 太小效果變差。
2. 不適合 RNN 等序列模型。
3. 使模型對參數初始化更加敏感，用了 BN 之後必須更仔細地設計初始化。""", 6.5, "Mostly right, but reverses the initialization point (BN reduces sensitivity to initialization)."),
 ('fluent_wrong', H, r"""优点：BN 本身就引入了非线性，可以替代激活函数；它在 batch size 很小甚至为 1 的时候效果最好，所以特别适合 RNN。缺点：只能使用很小的学习率，否则会发散；另外它会增加过拟合的风险，所以用了 BN 一定要加更强的 dropout。""", 0, "Every pro and con stated is wrong."),
 ('partial', H, r"""优点就是加速收敛吧。缺点不太清楚，可能是多了一点计算量。""", 3, "One correct pro; cons essentially missing."),
 ('code_switched', H, r"""Pros：converge 更快，可以用 larger learning rate，对 initialization 没那么 sensitive。Cons：很依赖 batch size，batch 太小 statistics 估不准。""", 7, "Correct but incomplete: omits regularization effect and RNN unsuitability."),
 ('related_other', T, r"""Layer Norm 是對單一樣本的所有特徵做歸一化，不依賴 batch，所以常用在 RNN 和 Transformer；Instance Norm 只對每個通道的 HW 做歸一化，常用在風格遷移；Group Norm 把通道分組後再歸一化，小 batch 時效果比 BN 好。""", 1.5, "Correct on other normalization methods, not BN's pros and cons."),
]),
('9183690641', [
 ('terse_correct', E, r"""It's adding a penalty on the size of the weights — like an L1 or L2 norm — to the loss, so the model avoids extreme weights and overfits less.""", 6.5, "Core definition and purpose; no L1 vs L2 distinction."),
 ('thorough_correct', E, r"""A parameter norm penalty is a regularizer added to the objective:
$$\tilde J(\theta)=J(\theta)+\alpha\,\Omega(\theta),\quad \alpha\ge 0$$
Minimizing the data loss alone can give extreme weights that fit noise and generalize poorly; the penalty trades a bit of training loss for smaller/simpler weights. $\alpha$ sets the strength; usually only weights are penalized, not biases.

- **L2** ($\Omega=\frac12\|w\|_2^2$, sum of squares): weight decay — gradient adds $\alpha w$, so each step shrinks weights proportionally toward 0. Weights get small but rarely exactly zero (no sparsity). It's smooth and easy to optimize (closed form in ridge regression); corresponds to a Gaussian prior.
- **L1** ($\Omega=\|w\|_1$, sum of absolute values): gradient adds $\alpha\,\mathrm{sign}(w)$, a constant push toward 0, which drives many weights to exactly zero — sparse solutions, i.e. built-in feature selection. Corresponds to a Laplace prior; non-differentiable at 0.
- Combining both gives elastic net.""", 10, "Definition, purpose, L1 vs L2 with mechanisms and properties."),
 ('termfree_correct', E, r"""Besides measuring how badly the model fits the data, you add a second cost that grows with how large the weights are, times a knob that sets how much you care about it. The optimizer then prefers smaller weights and can't chase every bit of noise with huge coefficients, so it generalizes better. If the extra cost is the sum of absolute values, it tends to push many weights all the way to zero, effectively picking a few useful inputs; if it's the sum of squares, it shrinks all weights smoothly but seldom to exactly zero, and it's easier to optimize.""", 8.5, "Correct definition, purpose and both common variants, without the standard names."),
 ('one_wrong', E, r"""A parameter norm penalty is a regularizer added to the objective: $\tilde J(\theta)=J(\theta)+\alpha\,\Omega(\theta)$. It trades a bit of training loss for smaller weights to reduce overfitting; $\alpha$ sets the strength.

- **L2** ($\frac12\|w\|_2^2$): gradient adds $\alpha w$; because the penalty is quadratic, it drives most weights to exactly zero, giving sparse models that do feature selection.
- **L1** ($\|w\|_1$): gradient adds $\alpha\,\mathrm{sign}(w)$; it shrinks all weights a little but leaves them non-zero, so there's no sparsity.
- Combining both gives elastic net.""", 4.5, "Framework right, but the sparsity property is swapped between L1 and L2 — a central point."),
 ('fluent_wrong', E, r"""Parameter norm penalty means renormalizing the weight vectors to unit norm after every update, like weight normalization. It doesn't change the loss function at all; it just keeps the scale of the parameters fixed so that gradients don't explode. L1 and L2 refer to which norm you divide by, and L1 is used when you want faster convergence.""", 0.5, "Describes weight renormalization, not a penalty term; wrong."),
 ('partial', E, r"""It's a kind of regularizaton: we add λ‖w‖² to the loss function so the weights stay small and the model doesn't overfit.""", 4.5, "Correct for L2 only; no general form or L1/L2 contrast."),
 ('code_switched', 'en', r"""You add a penalty term $\alpha\Omega(\theta)$ to the loss, 防止 weights 变得太极端, so it generalizes better. L1 是绝对值之和, pushes many weights to exactly zero, 所以可以做 feature selection; L2 是平方和, i.e. weight decay, shrinks everything smoothly but not to zero, 而且好优化.""", 8.5, "Correct and covers the main points concisely; little depth."),
 ('related_other', E, r"""Gradient clipping by norm: if $\|g\|_2$ exceeds a threshold $c$, rescale $g \leftarrow c\,g/\|g\|_2$. It keeps the update direction but bounds its size, which prevents exploding gradients, especially in RNNs.""", 0.5, "Correct on gradient-norm clipping; unrelated to penalizing parameter norms."),
]),
]
emit('05', items)
