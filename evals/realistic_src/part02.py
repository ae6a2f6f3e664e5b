from common import emit
H, T, E = 'zh-Hans', 'zh-Hant', 'en'
items = [
('26db54cbb2', [
 ('terse_correct', H, r"""L1 正则就是在损失里加 α·Σ|w_i|，它会让很多权重直接变成 0，得到稀疏解。""", 6.5, "Formula and sparsity; omits gradient form and feature-selection use."),
 ('thorough_correct', H, r"""**定义**：在目标函数上加参数绝对值之和作为惩罚
$$\Omega(\theta)=\|w\|_1=\sum_i|w_i|,\qquad \tilde J(w)=J(w)+\alpha\|w\|_1$$
**梯度**：$\nabla_w\tilde J=\alpha\,\mathrm{sign}(w)+\nabla_wJ(w)$。和 L2 不同，正则项对梯度的贡献不是按 $w_i$ 线性缩放，而是一个大小恒为 α、方向指向 0 的常数推力，不管权重多小都一样推。
**效果**：因此 L1 会产生**稀疏解**——当某个特征对损失的贡献（梯度）不足以抵消 α 时，最优的 $w_i$ 正好是 0；α 足够大时很多参数被压成 0。L2 只会把权重缩小，但一般不会恰好为 0。几何上看，L1 的约束区域是菱形，等高线容易在坐标轴上的角点相切。
**应用**：稀疏性使 L1 被广泛用于特征选择（比如 LASSO）。从贝叶斯角度，L1 相当于给参数加了 Laplace 先验的 MAP。""", 10, "Definition, gradient, sparsity explanation vs L2, feature selection, plus correct extras."),
 ('termfree_correct', T, r"""做法是把所有權重的絕對值加起來乘上一個係數，放進要最小化的目標裡。它對每個權重的拉力大小是固定的（只看正負號，往零的方向推），不像平方懲罰那樣越靠近零拉得越輕；所以那些對降低誤差幫助不大的權重會被直接推到剛好等於零。最後很多權重是零、只剩少數非零，等於模型自動挑出有用的輸入，可以拿來篩選特徵。""", 8.5, "Correct: absolute-value penalty, constant sign-based push, exact zeros, feature selection; no formula."),
 ('one_wrong', H, r"""**定义**：$\tilde J(w)=J(w)+\alpha\sum_i|w_i|$。
**梯度**：$\nabla_w\tilde J=\alpha\,\mathrm{sign}(w)+\nabla_wJ(w)$，正则项对梯度的贡献是大小恒为 α 的常数推力，而不是按 $w_i$ 线性缩放。
**效果**：和 L2 相比，L1 产生的解更加稠密：它会把所有权重都均匀地缩小一些，但不会让任何参数恰好为 0，而 L2 的平方项才会把小权重直接压到 0。
**应用**：L1 常用于特征选择，相当于 Laplace 先验的 MAP。""", 3, "Formula and gradient right, but the central property (sparsity) is reversed between L1 and L2."),
 ('fluent_wrong', H, r"""L1 正则是在损失函数里加上权重的平方和 $\alpha\sum w_i^2$，也叫 weight decay 或岭回归。它的梯度是 $2\alpha w$，会让权重按比例衰减，因此所有参数都变小但保持非零，解更平滑，这就是它比 L2 更不容易过拟合的原因，一般用于需要保留所有特征的场景。""", 0.5, "Describes L2 (squared penalty, ridge, no sparsity) under the name L1; substance wrong for L1."),
 ('partial', T, r"""L1 正則化就是在 loss 後面加上權重的絕對值和 $\alpha\sum|w_i|$，目的是限制模型參數的大小，防止過擬合。""", 4.5, "Correct definition and purpose, but misses the key property (sparsity) and gradient."),
 ('code_switched', H, r"""L1 regularization 就是在 loss 上加 $\alpha\|w\|_1$。它的 gradient 是 $\alpha\,\mathrm{sign}(w)$，每一步都以固定 magnitude 把 weight 往 0 推，不像 L2 是 proportional to w 的。所以 L1 会得到 sparse solution，很多 weight 会 exactly 变成 0，常用来做 feature selection，比如 Lasso。Bayesian 角度看是 Laplace prior。""", 9.5, "Complete and correct."),
 ('related_other', H, r"""L2 正则（weight decay）是加 $\frac{\alpha}{2}\|w\|_2^2$，梯度更新变成 $w\leftarrow(1-\eta\alpha)w-\eta\nabla J$，每一步先按比例收缩权重再做梯度下降。它让权重整体变小、趋向原点，但不会产生稀疏，对应高斯先验。""", 1, "Correct description of L2, not L1."),
]),
('1b8d9294fc', [
 ('terse_correct', H, r"""就是 weight decay，在损失里加 α/2·||w||²，更新时每步先把权重按 (1-lr·α) 缩小，让权重靠近原点。""", 6.5, "Core: weight decay, penalty, multiplicative shrink; omits the effect on the optimum along Hessian directions."),
 ('thorough_correct', T, r"""$L^2$ 參數正則化就是常說的**權重衰減（weight decay）**，在線性回歸裡也叫嶺回歸（ridge）。
- 目標函數：$\tilde J(w)=J(w)+\frac{\alpha}{2}w^Tw$
- 梯度：$\nabla\tilde J=\alpha w+\nabla J(w)$
- 更新：$w\leftarrow w-\epsilon(\alpha w+\nabla J)=(1-\epsilon\alpha)w-\epsilon\nabla J(w)$
也就是每一步在做普通梯度更新之前，先把權重向量乘一個小於 1 的係數收縮，讓權重往原點靠。

對最優解的影響：在 $w^*$ 附近做二次近似，Hessian 特徵分解 $H=Q\Lambda Q^T$，正則化後的解在第 i 個特徵方向上被縮放為 $\frac{\lambda_i}{\lambda_i+\alpha}w^*_i$。所以沿著顯著降低目標函數的方向（特徵值大）參數幾乎保留；而對目標函數沒什麼貢獻的方向（特徵值小）會被衰減掉。
另外，它等價於給權重加高斯先驗的 MAP，不會產生稀疏解。""", 10, "Weight decay formulation, update rule, Hessian-eigendirection analysis, Gaussian prior."),
 ('termfree_correct', H, r"""做法是在要最小化的误差上再加一项“所有权重平方和乘一个小系数”。这样每一步更新时，权重除了按误差的方向走，还会先被乘上一个略小于 1 的数，整体往零那边缩一点。效果上，那些对降低误差很关键的方向，误差本身的拉力大，权重基本能保住；那些对误差影响不大的方向，抵不过这个收缩，权重就慢慢被缩没了。结果是模型用更小、更平缓的权重，不容易死记训练数据。""", 8.5, "Correct penalty, multiplicative shrink and direction-dependent effect in plain words; no explicit formula."),
 ('one_wrong', T, r"""$L^2$ 參數正則化就是**權重衰減（weight decay）**，也叫嶺回歸。
- 目標：$\tilde J(w)=J(w)+\frac{\alpha}{2}w^Tw$，更新：$w\leftarrow(1-\epsilon\alpha)w-\epsilon\nabla J(w)$，每步先收縮權重。
- 對最優解的影響：在 Hessian 的特徵方向上，特徵值大的方向（顯著降低目標函數的方向）會被正則化強烈衰減，而特徵值小、對目標函數不重要的方向則基本保留。
- 等價於高斯先驗的 MAP，不產生稀疏解。""", 5.5, "Formulation right, but the Hessian-direction effect is reversed (which directions are preserved vs decayed)."),
 ('fluent_wrong', H, r"""L2 正则是把权重的绝对值之和加到损失上，它的梯度是 sign(w)，因此会把不重要的权重精确压到 0，得到稀疏模型。它也叫 Lasso，主要用于特征选择，而且它会让权重远离原点，从而提高模型的表达能力。""", 0.5, "Describes L1 properties as L2 and claims weights move away from origin; wrong."),
 ('partial', H, r"""L2 正则就是在 loss 后面加一项 λ||w||²，让权重不要太大，从而防止过拟合。""", 4, "Correct basic definition and purpose; misses weight-decay update and effect on solution."),
 ('code_switched', H, r"""L2 regularization 也就是 weight decay，loss 加 $\frac{\alpha}{2}\|w\|^2$，gradient 多一项 αw，所以 update 变成 $w\leftarrow(1-\eta\alpha)w-\eta\nabla J$，每个 step 先 shrink 一下 weight。从 Hessian 的 eigen-direction 看，curvature 大、对 loss 重要的方向基本保留，curvature 小的方向被 decay 掉，$w_i=\frac{\lambda_i}{\lambda_i+\alpha}w_i^*$。在 linear regression 里就是 ridge regression。""", 10, "Complete and correct."),
 ('related_other', H, r"""Dropout 是训练时以概率 p 随机把一部分神经元的输出置 0，每个 batch 相当于训练一个不同的子网络，测试时用完整网络并对权重（或激活）做相应缩放。它可以看成一种廉价的 bagging，从而减少过拟合。""", 1, "Explains dropout, another regularizer, not L2 parameter regularization."),
]),
('c41c322e3d', [
 ('terse_correct', H, r"""测试时不用当前 batch 的统计量，而是用训练时累积下来的全局均值和方差（一般是滑动平均）来做归一化。""", 6.5, "Core idea correct; omits unbiased variance correction and details."),
 ('thorough_correct', H, r"""测试时不能（也不应该）再用当前输入算均值方差，而是用**全局统计量**代替 batch 统计量：
1. 训练时每个 mini-batch 都会算出一组 $(\mu_B,\sigma_B^2)$，把它们记录下来（实际实现里一般是用指数滑动平均 running_mean / running_var 在训练过程中在线更新）。
2. 推理用：
$$E[x]=E_B[\mu_B],\qquad Var[x]=\frac{m}{m-1}E_B[\sigma_B^2]$$
方差乘 $\frac{m}{m-1}$ 是为了得到总体方差的无偏估计（m 是 batch size）。
3. 推理时 $y=\gamma\frac{x-E[x]}{\sqrt{Var[x]+\epsilon}}+\beta$，此时 E、Var、γ、β 都是常数，BN 退化成一个固定的线性变换，还可以直接融合进前面的卷积/全连接层。这样输出只依赖于输入本身，和 batch 里有什么别的样本无关，结果是确定的。
（PyTorch 里就是 model.eval() 切换到使用 running 统计量。）""", 10, "Global statistics, unbiased correction, moving average, inference formula and determinism."),
 ('termfree_correct', T, r"""訓練的時候每一小批資料都會算出一組平均和變異程度，把這些數字一路累積下來（例如做一個逐步更新的平均）。到了測試的時候，就直接拿這個累積出來的整體平均和整體變異來標準化單一個輸入，再套上訓練學到的縮放和平移；變異那部分會稍微乘個 m/(m−1) 修正一下偏小的問題。這樣不管一次輸入幾筆，結果都一樣。""", 8.5, "Correct content (accumulated statistics, unbiased correction, learned scale/shift) in plain words."),
 ('one_wrong', H, r"""测试时用**全局统计量**代替 batch 统计量：
1. 训练时每个 mini-batch 算出 $(\mu_B,\sigma_B^2)$，用滑动平均记录成 running_mean / running_var。
2. 推理用 $E[x]=E_B[\mu_B]$，$Var[x]=\frac{m}{m-1}E_B[\sigma_B^2]$（无偏估计）。
3. 推理时 γ 和 β 不再使用，直接输出 $\frac{x-E[x]}{\sqrt{Var[x]+\epsilon}}$，因为缩放平移只是训练时帮助优化的。这样 BN 变成固定的线性变换，输出只依赖输入本身。""", 6, "Global statistics correct, but wrongly claims γ and β are dropped at inference."),
 ('fluent_wrong', H, r"""测试时只有一个样本，就直接用这个样本自己的均值和方差做归一化，这样和训练时的计算方式完全一致。因为单个样本的方差是 0，为了避免除以 0，所以 BN 里加了 ε。这也是 BN 在推理时的标准做法，不需要保存任何训练统计量。""", 0.5, "Wrong: uses per-sample statistics at test time and denies storing training statistics."),
 ('partial', H, r"""可以用训练阶段得到的均值和方差来代替吧，具体怎么算我不太确定，可能是把所有 batch 的平均一下。""", 4.5, "Right idea, hedged, no details (no variance correction, no moving average, no γ/β)."),
 ('code_switched', T, r"""Inference 的時候不用 batch statistics，改用 training 時累積的 global statistics。每個 mini-batch 都有 μ_B 和 σ²_B，training 時用 exponential moving average 更新 running_mean 和 running_var；理論上 Var 要乘 m/(m−1) 做 unbiased estimate。Test 時 $y=\gamma\frac{x-\mu_{run}}{\sqrt{\sigma^2_{run}+\epsilon}}+\beta$，全部是 constant，BN 就變成一個 fixed linear transform，還可以 fuse 進前面的 conv。""", 10, "Complete and correct."),
 ('related_other', H, r"""Layer Normalization 是在单个样本的特征维度上求均值和方差来归一化，不依赖 batch，所以 batch size=1 或者 RNN 里都能用，训练和测试的计算完全一样。Transformer 里用的就是 LN。""", 1.5, "Correct about LayerNorm (an alternative), but doesn't answer how BN handles test time."),
]),
('ed750573e9', [
 ('terse_correct', H, r"""Dropout 可以看成一种廉价的 bagging：每次随机丢掉一些单元就相当于训练一个子网络，这些子网络共享参数。""", 6.5, "Core bagging-with-shared-parameters view; omits the differences to bagging."),
 ('thorough_correct', H, r"""Dropout 是训练时以一定概率随机让一部分神经元（输入单元和隐藏单元）的输出为 0，每个 batch 都在一个不同的“子网络”上训练。它可以理解为对**指数级数量子网络做 Bagging 集成的廉价近似**。和 Bagging 的区别：
- **参数**：Bagging 中每个模型独立、参数各自一套；Dropout 中所有子网络共享参数，每个子网络继承父网络参数的一个子集。
- **训练**：Bagging 中每个模型都在自己的（有放回采样的）训练集上训练到收敛；Dropout 中绝大多数子网络从未被显式训练，每一步只训练一小部分子网络，参数共享使得其余子网络也能得到不错的参数。
- **推理**：Bagging 对所有模型的预测取平均；Dropout 不可能枚举所有子网络，用权重比例推断（weight scaling）近似——测试时用完整网络，把权重乘以保留概率（或者训练时用 inverted dropout 除以保留概率）。
常见保留概率：输入层 0.8，隐藏层 0.5。效果上它减少了神经元之间的共适应，起正则化作用。""", 10, "Bagging view, parameter sharing and training differences, inference approximation, typical rates."),
 ('termfree_correct', T, r"""訓練時每一步都隨機把一部分節點關掉，等於每次在練一個不一樣的「縮小版網路」。這很像訓練一大堆模型再讓它們投票，只是一般的多模型投票每個模型各有一套權重、各自練到好；這裡所有縮小版網路共用同一套權重，而且絕大多數版本根本沒被單獨練過，是靠共用權重才跟著變好。測試時不可能把所有版本都跑一遍，就用完整網路並把權重按保留比例縮小來近似它們的平均。""", 8.5, "Explains the ensemble view, sharing, implicit training and inference scaling without the terms bagging/dropout."),
 ('one_wrong', H, r"""Dropout 训练时以一定概率随机丢弃部分神经元，可以看成对指数级子网络做 Bagging 的廉价近似。和 Bagging 的区别：
- **参数**：Bagging 中各模型独立；Dropout 中所有子网络共享参数。
- **训练**：和 Bagging 一样，Dropout 中的每个子网络都会被单独训练到收敛，只是因为共享参数所以总的计算量更小。
- **推理**：用完整网络并按保留概率缩放权重来近似所有子网络的平均。
常见保留概率输入层 0.8，隐藏层 0.5。""", 6, "Mostly right, but wrongly claims each subnetwork is trained to convergence like in bagging."),
 ('fluent_wrong', H, r"""Dropout 本质上是一种 boosting：每轮训练时把上一轮预测错的样本对应的神经元丢掉，让后续子网络专门去拟合难样本，最后把各轮子网络的结果加权求和。它的子网络之间参数互相独立，所以测试时需要把所有子网络都跑一遍再做加权投票。""", 0.5, "Confuses dropout with boosting, claims independent parameters and explicit ensembling; wrong."),
 ('partial', H, r"""Dropout 就是训练的时候随机把一些神经元置零，比如概率 0.5，可以防止过拟合。测试的时侯不丢弃。""", 4, "Correct mechanism, but misses the bagging/parameter-sharing interpretation that the notes centre on."),
 ('code_switched', H, r"""Dropout 可以理解成一种 cheap 的 bagging ensemble。每个 step 随机 drop 掉一些 unit，就是在 train 一个 sub-network，总共有指数多个 sub-network。跟 bagging 不同的是：bagging 的 model 互相 independent，每个都在自己的 bootstrap dataset 上 train 到 converge；dropout 的 sub-network 全部 share parameters，大部分 sub-network 根本没被单独 train 过，靠 parameter sharing 也能有好的参数。Inference 时用 weight scaling rule 近似 ensemble average。""", 9.5, "Correct and complete."),
 ('related_other', T, r"""Batch Normalization 是在每一層把一個 mini-batch 的輸入減去均值、除以標準差，再用可學習的 γ、β 做縮放平移。它能讓訓練更穩定、可以用更大的學習率，也有一點正則化效果，所以用了 BN 之後常常可以少用 dropout。""", 1, "Explains batch norm, not dropout."),
]),
('5356150c37', [
 ('terse_correct', H, r"""三个思想：稀疏交互、参数共享、等变表示。""", 6, "Names the three motivations correctly with no explanation."),
 ('thorough_correct', H, r"""卷积网络的三个核心动机：
1. **稀疏交互（sparse interactions）**：全连接层每个输出和每个输入都相连；卷积核尺寸远小于输入，每个输出只和局部 k 个输入有关。m 个输入 n 个输出时，计算和存储从 $O(m\times n)$ 降到 $O(k\times n)$。虽然单层连接稀疏，深层单元通过堆叠仍能间接看到大部分输入（感受野变大）。
2. **参数共享（parameter sharing）**：同一个卷积核在输入的所有位置上滑动复用，一组参数而不是每个位置一组，参数量与输入尺寸无关，大大降低存储。
3. **等变表示（equivariant representations）**：由于参数共享，卷积对平移是等变的——输入平移，输出的特征图也相应平移，$f(g(x))=g(f(x))$。再配合池化可以得到一定的平移不变性。
另外卷积还能处理尺寸可变的输入。""", 10, "All three ideas explained correctly with complexity and equivariance details."),
 ('termfree_correct', T, r"""第一，每個輸出只看輸入裡一小塊鄰近的區域，而不是跟所有輸入都連在一起，所以計算量和要存的權重都少很多；疊很多層之後，後面的單元還是能間接看到整張圖。第二，同一組小權重在圖的每個位置重複使用，不用每個位置學一套。第三，因為到處用同一組權重，圖裡的東西往旁邊挪一點，輸出的結果也會跟著挪同樣的距離，特徵的位置關係得以保留。""", 8.5, "All three motivations described in plain words."),
 ('one_wrong', H, r"""卷积网络的三个核心动机：
1. **稀疏交互**：卷积核远小于输入，每个输出只和局部输入相连，复杂度从 $O(m\times n)$ 降到 $O(k\times n)$；深层单元仍能间接看到大部分输入。
2. **参数共享**：同一个卷积核在所有位置复用，参数量与输入尺寸无关。
3. **等变表示**：参数共享使卷积对旋转和缩放都是等变的——输入旋转或放大，特征图也以同样方式旋转或放大，因此 CNN 天然具有旋转、尺度不变性。""", 5.5, "First two points right; the equivariance claim (rotation/scale) is wrong—convolution is equivariant to translation only."),
 ('fluent_wrong', H, r"""卷积的动机主要有三个：一是稠密连接，卷积层让每个输出和所有输入像素都相连，从而获得全局信息；二是参数独立，每个位置都有自己独立的卷积核，这样可以学到位置相关的特征；三是旋转不变性，卷积操作使输出对输入的旋转保持不变。""", 0.5, "Inverts each motivation (dense, independent params, rotation invariance)."),
 ('partial', T, r"""主要是參數共享吧，同一個卷積核在整張圖上滑動，所以參數比全連接少很多。好像還有局部連接的概念。""", 4, "Parameter sharing explained, sparse interactions only mentioned, equivariance missing."),
 ('code_switched', H, r"""主要三个 idea：sparse interaction，kernel size 比 input 小很多，每个 output 只 connect 到 local 的几个 input，complexity 从 O(mn) 降到 O(kn)；parameter sharing，同一个 kernel 在所有 position 上 reuse，parameters 数量跟 input size 无关；还有 equivariant representation，就是对 translation 是 equivariant 的，input shift 一下 feature map 也跟着 shift。""", 9.5, "All three, correctly explained."),
 ('related_other', H, r"""池化（pooling）把一个邻域内的值用最大值或平均值代替，可以降低特征图尺寸、减少计算量，同时让表示对输入的小平移近似不变。常用 2×2、stride 2 的 max pooling。""", 1, "Correct about pooling, not the motivations of convolution."),
]),
('f035e433c5', [
 ('terse_correct', T, r"""主要是讓梯度下降收斂得更快，不同特徵尺度差太多時等高線很扁，會走之字形。""", 6, "Main reason (faster convergence, zig-zag) only."),
 ('thorough_correct', H, r"""归一化的原因可以从几个方面说：
1. **加快收敛**：特征尺度差别很大时，损失函数的等高线是狭长的椭圆，梯度方向和指向最优点的方向差很多，梯度下降会走“之字形”，要迭代很多次甚至不收敛；归一化后等高线接近圆，梯度直接指向最优点，收敛快，也能用更大的学习率。
2. **统一量纲**：不同特征单位、评价标准不同（比如身高用米、收入用元），归一化后它们在模型中可比，避免数值大的特征主导、数值小的特征被“吞掉”（距离类算法如 KNN 尤其明显）。
3. **避免神经元饱和**：输入过大时 sigmoid/tanh 的激活接近 0 或 1 的饱和区，梯度几乎为 0，反向传播时梯度被“杀死”。
4. **数值稳定**：避免过大过小的数带来的溢出等数值问题。
常用方法有 min-max 缩放到 [0,1] 和 z-score 标准化（减均值除标准差）。""", 10, "Covers convergence (contours), scale unification, saturation, numerics; correct extras."),
 ('termfree_correct', H, r"""如果一个特征取值在几千、另一个在零点几，误差曲面在一个方向上又陡又窄、另一个方向很平，按斜率往下走会来回折返，走很久才到底；把它们都缩放到差不多的范围，曲面变得比较“圆”，每步都大致朝着最低点走，快得多。其次，各个特征单位不同，不缩放的话数值大的会盖过数值小的。再者，输入太大时 S 形的那些函数会处在两头平坦的地方，斜率接近零，往回传的修正信号几乎没有，网络就学不动了。""", 8.5, "Convergence, scale domination and saturation explained without key terms."),
 ('one_wrong', H, r"""归一化的原因：
1. **加快收敛**：特征尺度差异大时，等高线是狭长椭圆，梯度下降走“之字形”；归一化后等高线接近圆，收敛快。
2. **统一量纲**：避免数值大的特征主导、小的被吞掉。
3. **避免神经元饱和**：输入越大，sigmoid/tanh 的梯度越大，更新太猛容易发散，所以要把输入缩小。
4. **数值稳定**：避免溢出。
常用 min-max 和 z-score。""", 6.5, "Saturation point stated wrongly (large inputs give large sigmoid gradients); other points right."),
 ('fluent_wrong', H, r"""归一化主要是为了增加数据的多样性，相当于一种数据增强，让模型看到更多不同尺度的样本，从而减少过拟合。另外归一化能把非线性的数据变成线性可分的，所以线性模型在归一化之后效果会大幅提升。对梯度下降来说，归一化并不影响收敛速度，只影响最终精度。""", 0.5, "Wrong reasons (augmentation, linear separability) and denies the convergence effect."),
 ('partial', H, r"""为了统一量纲吧，不同特征单位不一样，数值范围差很多，归一化之后大家在同一个尺度上，比较方便处理。""", 4, "Only the scale-unification reason; misses convergence and saturation."),
 ('code_switched', T, r"""主要幾點：第一是 convergence 更快，feature scale 差太多的話 loss 的 contour 是很扁的 ellipse，gradient descent 會 zig-zag，normalize 之後 contour 比較圓，可以直接往 optimum 走；第二是統一 scale，不然 magnitude 大的 feature 會 dominate；第三是避免 sigmoid/tanh 進 saturation region，gradient 接近 0 就學不動；還有 numerical stability。""", 9.5, "Complete and correct."),
 ('related_other', H, r"""Batch Normalization 是在网络内部每一层，对一个 mini-batch 的激活做标准化，再用可学习的 γ、β 恢复表达能力，训练时用 batch 统计量、测试时用滑动平均统计量，主要用来缓解 internal covariate shift。""", 2, "Describes BN's mechanism rather than why normalization is needed; touches the topic only tangentially."),
]),
('8e3b529fe1', [
 ('terse_correct', H, r"""参数量是 out × in × k × k（不算 bias），每个输出通道都有一个 in×k×k 的卷积核。""", 7, "Correct formula with the key reasoning; omits channel discussion and bias."),
 ('thorough_correct', H, r"""二维图像通常有多个通道，一张输入的 shape 是 (C_in, H, W)，所以 conv2d 实际上做的是“三维”的运算：每个卷积核的形状是 $C_{in}\times k\times k$，它在空间上滑动，但在通道维上是一次性全部覆盖并求和，得到一个输出通道。要得到 $C_{out}$ 个输出通道就需要 $C_{out}$ 个这样的核。因此
$$\#params = C_{out}\times C_{in}\times k\times k\ (+C_{out}\ \text{个 bias})$$
例如输入 64 通道、输出 128 通道、3×3 卷积：128×64×3×3 = 73,728 个权重，加 128 个 bias。
注意参数量和输入的 H、W 无关；conv2d 除了改变空间尺寸，更重要的是改变通道数，各种在通道上做文章的结构（1×1 卷积、分组卷积、depthwise separable）就是从这里衍生出来的，比如分组卷积参数量变为 $C_{out}\times\frac{C_{in}}{g}\times k\times k$。""", 10, "Correct formula, channel reasoning, bias, example and independence from H, W."),
 ('termfree_correct', T, r"""輸入有好幾層（比如 RGB 三層），每個濾波器其實是一個「厚度等於輸入層數」的小方塊，大小是 輸入層數 × 邊長 × 邊長，它一次把所有輸入層加起來，得到一張輸出圖。要幾張輸出圖就要幾個這樣的方塊，所以權重總數 = 輸出層數 × 輸入層數 × 邊長²，每張輸出圖再多一個偏移量。跟圖片的長寬無關。""", 8.5, "Correct count and reasoning in plain words."),
 ('one_wrong', H, r"""输入 shape 是 (C_in, H, W)，conv2d 的每个卷积核形状是 $C_{in}\times k\times k$，在通道维上一次覆盖并求和，得到一个输出通道；$C_{out}$ 个输出通道就需要 $C_{out}$ 个核：
$$\#params = C_{out}\times C_{in}\times k\times k\ (+C_{out}\ \text{bias})$$
例如 64→128 通道、3×3 卷积：128×64×3×3 = 73,728。
另外参数量还和输入的 H、W 成正比，输入图片越大卷积层的参数越多。""", 5, "Formula correct but adds the significant false claim that parameters scale with input H×W."),
 ('fluent_wrong', H, r"""conv2d 是在每个通道上分别做二维卷积，通道之间互不相关，所以参数量是 $k\times k\times C_{in}$，和输出通道数无关；输出通道数由 stride 和 padding 决定。输入越大，卷积核需要覆盖的位置越多，所以还要乘上 $H\times W$。""", 0.5, "Wrong formula, wrong understanding of output channels and spatial dependence."),
 ('partial', T, r"""參數量應該是 k × k 乘上通道數吧，卷積核大小乘以 channel，再加 bias。""", 3, "Vague and incomplete: doesn't distinguish input and output channels."),
 ('code_switched', H, r"""conv2d 的 input 是 (C_in, H, W)，每个 kernel 的 shape 其实是 C_in × k × k，会在 channel 维度上全部 sum 起来产生一个 output channel。有 C_out 个 kernel，所以 weight 数量是 C_out × C_in × k × k，再加 C_out 个 bias。跟 input 的 spatial size 没关系。比如 3→64，3×3 kernel，就是 64×3×9=1728 个 weight。""", 10, "Correct and complete."),
 ('related_other', H, r"""卷积的计算量（乘法次数）= 输出特征图尺寸 × 每个输出点的运算量，也就是 $H_{out}\times W_{out}\times C_{out}\times C_{in}\times k\times k$，其中 $H_{out}=\frac{n-f+2p}{s}+1$。""", 2, "Answers the FLOPs question; it embeds the parameter count implicitly but doesn't answer the parameter question."),
]),
('b30b88e059', [
 ('terse_correct', H, r"""ReLU 正半轴导数恒为 1，不会像 sigmoid 那样饱和，所以主要缓解的是梯度消失，而且计算简单。""", 6.5, "Key advantages (no saturation, vanishing gradient, cheap), but doesn't address the explosion part explicitly."),
 ('thorough_correct', H, r"""题目问 ReLU 能否缓解梯度爆炸——严格说 ReLU 主要缓解的是**梯度消失**，不是梯度爆炸。
**ReLU 相比 sigmoid 的优势：**
1. sigmoid 两端饱和，导数最大只有 0.25，多层连乘后梯度指数级变小；ReLU 在正区间导数恒为 1，没有饱和区，梯度可以无衰减地往回传，缓解了梯度消失。
2. 计算简单，只需要一个阈值比较，没有指数运算，前向反向都快，收敛也更快。
3. 负区间输出 0，带来稀疏激活。
导数：负半轴为 0，正半轴为 1，0 点不可导，人为定义（通常取 0）以保证可以反向传播。
**关于梯度爆炸**：ReLU 的导数是 1，本身不会放大梯度，但也不会压缩它，梯度爆炸主要来自权重矩阵连乘（特征值大于 1），所以 ReLU 并不能解决爆炸，要靠合理初始化（He init）、梯度裁剪、BN 等。
缺点：负区间梯度为 0 可能出现 dead ReLU，可以用 Leaky ReLU、PReLU、ELU 等改进。""", 10, "Correctly says ReLU addresses vanishing not exploding, lists advantages, derivative convention, and caveats."),
 ('termfree_correct', T, r"""這個函數在輸入大於零時就原樣輸出、斜率一直是 1，小於零就輸出 0。跟 S 形那種函數比，它在正的那一邊不會變平，往回傳的修正信號不會一層層被縮小，所以深網路比較訓練得動；而且只是比大小，算起來很便宜。不過它只是「不縮小」信號，並不會阻止信號一層層被權重放大到爆掉，那要靠好的初始化或把過大的修正值截斷。""", 8.5, "Correct reasoning about vanishing vs exploding and cost, without the standard terms."),
 ('one_wrong', H, r"""ReLU 主要缓解的是**梯度消失**。
1. sigmoid 两端饱和，导数最大 0.25，多层连乘梯度消失；ReLU 正区间导数恒为 1，没有饱和区，梯度可以往回传。
2. 计算简单，没有指数运算。
3. 负区间输出 0，带来稀疏激活。
导数：负半轴为 0，正半轴为 1。
**关于梯度爆炸**：因为 ReLU 的导数恒为 1、不会放大梯度，所以用了 ReLU 之后网络就不会出现梯度爆炸，不再需要梯度裁剪之类的手段。""", 5.5, "Advantages right, but concludes confidently that ReLU prevents gradient explosion, the very point the question probes."),
 ('fluent_wrong', T, r"""ReLU 的主要作用就是緩解梯度爆炸：它把負值截成 0，相當於對梯度做了裁剪，所以梯度不會無限變大。但 ReLU 的導數在正區間是 x 本身，輸入越大梯度越大，所以它反而會加重梯度消失，這也是為什麼深層網絡還是要用 sigmoid。""", 0.5, "Wrong derivative, wrong mechanism, wrong conclusions."),
 ('partial', H, r"""ReLU 比 sigmoid 好，因为计算快，而且没有梯度饱和的问题。至于能不能缓解梯度爆炸……我觉得应该可以吧，因为它比较简单。""", 3.5, "Mentions two advantages but hedges wrongly on the explosion question."),
 ('code_switched', H, r"""ReLU 主要 solve 的是 vanishing gradient，不是 exploding gradient。sigmoid 的 derivative 最大才 0.25，叠很多层就 vanish 了；ReLU 在 positive region gradient 恒为 1，没有 saturation。另外 computation 很 cheap，还有 sparse activation。Exploding 主要是 weight 连乘导致的，ReLU 本身不管这个，要靠 gradient clipping、He initialization 或者 BN。缺点是 dead ReLU，可以换 Leaky ReLU。""", 9.5, "Correct and complete."),
 ('related_other', H, r"""梯度爆炸的常见解决办法：梯度裁剪（按范数把梯度缩放到阈值以内）、合适的权重初始化（Xavier/He）、加 BN、用 LSTM/GRU 替代普通 RNN、减小学习率，以及权重正则化。""", 2, "Correct list of fixes for exploding gradients, but says nothing about ReLU itself."),
]),
]
emit('02', items)
