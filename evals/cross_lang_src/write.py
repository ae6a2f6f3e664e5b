#!/usr/bin/env python3
"""Cross-language evaluation set: 30 questions x 4 answers (strong, strong_other_lang,
partial_other_lang, one_wrong_other_lang) with gold scores.  Writes cross_lang.jsonl."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
QFILE = '/work/helper-in/crosslang/questions.jsonl'
OUT = os.path.join(HERE, 'cross_lang.jsonl')

QS = {}
with open(QFILE, encoding='utf-8') as fh:
    for line in fh:
        if line.strip():
            d = json.loads(line)
            QS[d['id']] = d

ITEMS = []
KINDS = ['strong', 'strong_other_lang', 'partial_other_lang', 'one_wrong_other_lang']


def A(lang, gold, answer, rationale):
    return (lang, gold, answer.strip(), rationale)


def item(qid, strong, sol, partial, wrong):
    ITEMS.append((qid, dict(zip(KINDS, (strong, sol, partial, wrong)))))


# =====================================================================
# Note 000 (zh-Hans questions)
# =====================================================================

item('000_878265eba84cecfe-6a514cccdd',
A('zh-Hans', 9.5, r"""
logistic模型（或者说网络最后一层）输出的其实是一个实数打分（logit），可以是负的，加起来也不等于1，所以要做变换：
1. 二分类：用sigmoid，$\sigma(z)=\frac{1}{1+e^{-z}}$，把logit压到(0,1)之间当作正类概率，负类概率就是$1-\sigma(z)$。
2. 多分类：用softmax，$p_i=\frac{e^{z_i}}{\sum_j e^{z_j}}$。指数保证每一项非负，除以总和保证加起来等于1，而且不改变各类打分的大小顺序。sigmoid其实就是两类softmax的特例。
3. 如果输出本身已经是非负的，也可以直接每项除以所有项的和做归一化；有负值时就不行，所以一般还是用softmax。
实现时softmax会先减去最大的logit防止exp溢出。
为什么要转成概率分布：它是soft decision，除了最优的类别，还保留了对其他类别的置信度信息，比直接给一个硬的类别标签信息更多，也方便和交叉熵损失配合训练。
""", "Complete: sigmoid for binary, softmax formula and why it yields a distribution, plain normalisation caveat, stability trick, value of soft outputs."),
A('en', 9.5, r"""
The raw output of a logistic/linear layer is just a score, a logit: unbounded, possibly negative, and not summing to one. To get probabilities you squash it. For two classes you use the logistic sigmoid, p(y=1|x) = 1/(1+exp(-z)), and p(y=0|x) = 1 - p. For K classes you use softmax: p_k = exp(z_k) / sum_j exp(z_j). Exponentiating makes everything positive and dividing by the sum makes it add to one, while keeping the ranking of the scores; in practice you subtract max(z) first for numerical stability. (Simply dividing by the sum only works if the scores are already non-negative.)
Why bother: a probability vector is a soft decision. It tells you how confident the model is and how the remaining mass is spread over the other classes, which a hard argmax label throws away, and it pairs naturally with cross-entropy / maximum-likelihood training.
""", "Complete and correct: sigmoid (binary) and softmax (multi-class) with formulas, why they give a valid distribution, stability, and why soft outputs are useful."),
A('en', 5, r"""
I'd put a softmax on top. Softmax takes the outputs and turns them into values between 0 and 1 that add up to 1, so each one can be read as the probability of that class.
""", "Names the right transform and its key property, but no formula, no sigmoid/binary case, no normalisation alternative or why a distribution is useful; about half."),
A('en', 4.5, r"""
Logistic/linear outputs are unconstrained real-valued logits, so we need a mapping onto the probability simplex. For the binary case we use the sigmoid, sigma(z) = 1/(1+e^{-z}), which gives P(y=1), and 1 - sigma(z) for the other class.
For K classes we use softmax. Softmax is basically the sigmoid applied to each logit separately, p_k = sigma(z_k), and because every sigma(z_k) lies in (0,1) the K outputs automatically sum to one. It preserves the ordering of the logits, and in code you usually fuse it with the cross-entropy loss (log-softmax) for numerical stability. If the outputs are already non-negative, an alternative is to divide each by their sum.
Why bother: a probability vector is a soft decision. It keeps information about the runner-up classes and expresses confidence, instead of only the argmax label.
""", "Wrong on the key formula: claims softmax is an element-wise sigmoid whose outputs sum to 1; softmax is exp(z_k)/sum_j exp(z_j) and independent sigmoids do not sum to 1. Rest correct."),
)

item('000_878265eba84cecfe-643284109a',
A('zh-Hans', 10, r"""
1. 对数似然 $l(\theta)=\log p(x|\theta)$ 对参数的一阶导数叫 **score function**（得分函数）：$s(\theta)=\frac{\partial l(\theta)}{\partial\theta}$。在真实参数处它的期望为0：$E[s(\theta)]=0$。
2. **Fisher Information** 定义为score的方差（二阶矩）：
$I(\theta)=E\left[\left(\frac{\partial l}{\partial \theta}\right)^2\right]=Var(s(\theta))$
在正则条件下（求导和积分可以交换），它也等于负的二阶导数的期望：$I(\theta)=-E\left[\frac{\partial^2 l}{\partial\theta^2}\right]$，也就是对数似然在真值附近的平均曲率。多参数时是一个矩阵。
3. 含义：曲率越大，似然函数越尖，数据里关于参数的信息越多，估计就越精确。n个独立同分布样本时 $I_n(\theta)=nI(\theta)$。Cramér-Rao下界：任何无偏估计都有 $Var(\hat\theta)\ge 1/I(\theta)$，MLE的渐近方差正好是 $1/(nI(\theta))$。
""", "Complete: score named and defined (zero mean), Fisher information as variance of score and as -E[second derivative], interpretation, additivity, Cramer-Rao bound."),
A('en', 10, r"""
The derivative of the log-likelihood with respect to the parameter is the score, U(θ) = ∂/∂θ log L(θ; x). Evaluated at the true parameter its expected value is zero.
Fisher information measures how much the data tell you about θ. It is defined as the variance of the score: I(θ) = E[(∂ log f(X;θ)/∂θ)²]. If you can swap differentiation and integration (the usual regularity conditions), it equals minus the expected second derivative, I(θ) = −E[∂² log f(X;θ)/∂θ²], so it measures how sharply curved the log-likelihood is around the truth. For a vector θ it's a matrix, and it adds up over iid samples (n·I(θ)).
Why it matters: by Cramér–Rao any unbiased estimator has Var(θ̂) ≥ 1/I(θ), and the MLE is asymptotically normal with variance I(θ)⁻¹/n, so more information means tighter estimates.
""", "Complete: score, both equivalent definitions of Fisher information with conditions, curvature interpretation, additivity and Cramer-Rao/MLE variance."),
A('en', 4, r"""
The first derivative of the log-likelihood is called the score function. Fisher information is, I think, related to the second derivative of the log-likelihood: it tells you how much information the sample carries about the parameter, and the more information, the more precisely you can estimate it.
""", "Score named correctly and a sound intuition, but Fisher information is not actually defined (no variance of score / -E of second derivative), hedged, no Cramer-Rao."),
A('en', 5.5, r"""
First derivative of the log-likelihood l(θ) = log p(x|θ) is the score function, s(θ) = ∂l/∂θ; at the true θ its expectation is 0.
Fisher information: I(θ) = E[s(θ)²] = Var(s(θ)), and under the usual regularity conditions I(θ) = −E[∂²l/∂θ²], i.e. the expected curvature of the log-likelihood. For n iid observations it is n·I(θ), and with several parameters you get the Fisher information matrix, which is also used as the metric in natural gradient.
Interpretation via Cramér–Rao: for any unbiased estimator Var(θ̂) ≥ I(θ). So when the log-likelihood is very sharply curved (large Fisher information) the variance lower bound is large, meaning the parameter is hard to pin down, while a flat likelihood lets you estimate it more precisely.
""", "Definitions of score and Fisher information are right, but the Cramer-Rao bound is stated as Var >= I(θ) instead of 1/I(θ), inverting what Fisher information means for estimation precision."),
)

item('000_878265eba84cecfe-2d6ef5d348',
A('zh-Hans', 10, r"""
设成功概率为 $\theta$，先验取 $\theta\sim Beta(\alpha,\beta)$：
$p(\theta)=\frac{\theta^{\alpha-1}(1-\theta)^{\beta-1}}{B(\alpha,\beta)}$
做 n 次独立试验，观察到 k 次成功，似然为二项分布：
$p(k|\theta)=\binom{n}{k}\theta^k(1-\theta)^{n-k}$
由贝叶斯公式，后验正比于似然乘先验，和 $\theta$ 无关的常数（$\binom{n}{k}$、$B(\alpha,\beta)$、证据 $p(k)$）都可以先扔掉：
$p(\theta|k)\propto \theta^{\alpha+k-1}(1-\theta)^{\beta+n-k-1}$
这正是 $Beta(\alpha+k,\ \beta+n-k)$ 的核，而后验必须积分为1，所以归一化常数只能是 $1/B(\alpha+k,\beta+n-k)$。后验仍是Beta分布，和先验同族，即Beta族与二项似然共轭。证毕。
直观理解：$\alpha,\beta$ 相当于先验的“伪计数”，每观察到一次成功 $\alpha$ 加1、一次失败 $\beta$ 加1，后验均值 $\frac{\alpha+k}{\alpha+\beta+n}$，可以逐次在线更新。
""", "Complete proof: prior, likelihood, posterior kernel, normalisation argument, correct updated parameters, plus pseudo-count interpretation."),
A('en', 10, r"""
Setup: θ = P(heads). Prior θ ~ Beta(a, b), with density ∝ θ^(a−1)(1−θ)^(b−1) on [0,1].
Data: n tosses, k heads. Likelihood L(θ) = C(n,k) θ^k (1−θ)^(n−k) (if you treat it as a Bernoulli sequence the kernel is the same, only the constant differs).
Posterior: p(θ|data) = L(θ)p(θ)/p(data) ∝ θ^(k+a−1) (1−θ)^(n−k+b−1).
As a function of θ that is exactly the kernel of Beta(a+k, b+n−k). A density is determined by its kernel up to the constant, and it has to integrate to 1, so the constant is 1/B(a+k, b+n−k). Prior Beta → posterior Beta, same family: that is the definition of conjugacy.
Consequences: updating is just adding counts (a acts like prior heads, b like prior tails), it can be done sequentially, and the posterior mean (a+k)/(a+b+n) moves from the prior mean a/(a+b) toward the MLE k/n as n grows.
""", "Complete and rigorous derivation with correct posterior Beta(a+k, b+n-k), normalisation argument and interpretation."),
A('en', 5, r"""
You multiply the Beta prior by the binomial likelihood. Both have the form θ^something·(1−θ)^something, so the product is again of that form, which means the posterior is also a Beta distribution. That's what conjugate means: the posterior is in the same family as the prior.
""", "Right idea and correct meaning of conjugacy, but no explicit densities, no updated parameters (α+k, β+n−k) and no normalisation step; a sketch, not a proof."),
A('en', 5, r"""
Let θ be the success probability with prior Beta(α, β): p(θ) = θ^(α−1)(1−θ)^(β−1)/B(α,β). We observe k successes in n trials: p(k|θ) = C(n,k) θ^k (1−θ)^(n−k).
Posterior ∝ likelihood × prior. Dropping everything that doesn't depend on θ (the binomial coefficient, B(α,β), the evidence):
p(θ|k) ∝ θ^(α+n−k−1) (1−θ)^(β+k−1),
which is the kernel of Beta(α+n−k, β+k), normalised by B(α+n−k, β+k). The posterior is Beta again, so the Beta family is conjugate to the binomial likelihood.
In practice this means each failure increments α and each success increments β; α and β act like pseudo-counts and the update can be done online after every observation. The posterior mean is (α+n−k)/(α+β+n).
""", "Proof structure and conjugacy argument right, but the posterior parameters are swapped: it is Beta(α+k, β+n−k), not Beta(α+n−k, β+k) (successes credited to β)."),
)

item('000_878265eba84cecfe-b855ea8997',
A('zh-Hans', 10, r"""
正确。
理由：$(X,Y)$ 和 $(X,Z)$ 之间存在一一对应（可逆映射）：已知 $(X,Z)$ 可以算出 $Y=X+Z$；已知 $(X,Y)$ 可以算出 $Z=Y-X$。所以 $P(X=x,Y=y)=P(X=x,Z=y-x)$，两个联合分布只是取值被重新标号，概率完全一样。离散变量的熵只取决于概率，不取决于取值本身，因此 $H(X,Y)=H(X,Z)$。
也可以用链式法则：
$H(X,Y)=H(X)+H(Y|X)=H(X)+H(X+Z|X)=H(X)+H(Z|X)=H(X,Z)$
给定 $X$ 后，$Y$ 只是 $Z$ 平移了一个已知的量，条件熵不变。注意整个推导不需要 $X,Z$ 独立。（连续变量的微分熵也成立，因为这个线性变换的雅可比行列式为1。）但一般来说 $H(Y)\ne H(Z)$。
""", "Correct verdict with rigorous bijection argument and chain-rule derivation, notes no independence needed; complete."),
A('en', 10, r"""
True. The key observation is that the map (x, z) ↦ (x, x+z) is invertible, with inverse (x, y) ↦ (x, y−x). So every outcome of the pair (X, Z) corresponds to exactly one outcome of (X, Y) with the same probability: P(X=x, Y=y) = P(X=x, Z=y−x). Entropy is a function of the probability masses only, so relabelling outcomes bijectively leaves it unchanged, hence H(X,Y) = H(X,Z).
Equivalently, by the chain rule H(X,Y) = H(X) + H(Y|X) and H(Y|X) = H(Z|X), because once you condition on X, Y is just Z plus a known constant. No independence between X and Z is needed. (The same would not hold for the marginals: H(Y) and H(Z) differ in general.)
""", "Correct verdict, rigorous bijection and chain-rule justification, independence not required; complete."),
A('en', 5.5, r"""
True, I think. Knowing X and Z you can compute Y, and knowing X and Y you can get Z back, so both pairs carry the same information.
""", "Correct verdict and the right intuition, but hedged and not formalised (no bijection-preserves-probabilities or chain-rule argument)."),
A('en', 4.5, r"""
The statement is correct. Use the chain rule for joint entropy:
H(X, Y) = H(X) + H(Y | X).
Given X = x, Y = x + Z is just Z shifted by a constant, and shifting doesn't change entropy. Since Z is independent of X, H(Y | X) = H(Z). Likewise H(X, Z) = H(X) + H(Z | X) = H(X) + H(Z). So both sides equal H(X) + H(Z).
Note this relies on X and Z being independent: if X and Z are correlated, H(Y|X) is no longer H(Z) and the equality can break, so strictly the claim needs the independence assumption that is implicit in 'Y = X + Z' models. For continuous variables the same argument works with differential entropy.
""", "Correct verdict and chain-rule start, but wrongly claims the equality requires X and Z independent; it holds for arbitrary X, Z since H(Y|X)=H(Z|X) (bijection)."),
)

item('000_878265eba84cecfe-dd919241b3',
A('zh-Hans', 10, r"""
这是连续形式的**卷积**（convolution），记作 $f*g$。在图像处理里 $f$ 一般是输入信号/图像，$g$ 是卷积核（滤波器，也就是线性时不变系统的冲激响应）。
理解方式：固定输出位置 $t$，
1）把 $g(\tau)$ 翻转成 $g(-\tau)$；
2）再平移 $t$ 得到 $g(t-\tau)$；
3）和 $f(\tau)$ 逐点相乘后积分（离散时就是求和）。
所以输出在 $t$ 处的值，是 $f$ 在 $t$ 附近的加权和，权重由（翻转后的）核 $g$ 决定；$t$ 变化时就相当于核在信号上滑动。离散形式 $h[n]=\sum_k f[k]g[n-k]$，二维图像就是在两个方向上求和，比如高斯核做模糊，Sobel核提取边缘。
和互相关的区别就在于核有没有翻转（CNN里实际实现的是互相关，因为核是学出来的，翻不翻无所谓）。另外卷积满足交换律，根据卷积定理，时域卷积等于频域相乘。
""", "Complete: identifies convolution, g as kernel/impulse response, flip-shift-multiply-integrate reading, discrete/2D form, relation to correlation and convolution theorem."),
A('en', 10, r"""
That's the convolution of f and g. In image processing f is your signal or image and g is the filter, the kernel; in signal-processing language it's the impulse response of a linear shift-invariant system, so the system's output for input f is exactly f*g.
How I think about it: to get the output at one position t, you take the kernel, flip it (g(−τ)), slide it to t (g(t−τ)), multiply it pointwise with f and add everything up. So the output at t is a weighted sum of f around t with the flipped kernel as weights: a blur kernel averages neighbours, an edge kernel takes differences. Discretely h[n] = Σ_k f[k] g[n−k], and for 2D images you sum over both axes.
If you don't flip you get cross-correlation, which is what CNN 'convolution' layers actually compute; since the kernel is learned it doesn't matter. Also: it's commutative, and in the Fourier domain it becomes a plain product.
""", "Complete: convolution, g as kernel/impulse response, flip-and-slide interpretation, discrete form, link to cross-correlation and Fourier."),
A('en', 5, r"""
It's the convolution formula. g(t) is the kernel (filter) and f is the input image or signal. Basically you slide the kernel over the input and at each position compute a weighted sum.
""", "Identifies convolution and g as the kernel with the sliding weighted-sum idea, but no explanation of the flip/shift in g(t−τ), no discrete form or relation to correlation."),
A('en', 5.5, r"""
This is the convolution of two functions. In image processing, f is the input image and g(t) is the filter/kernel (the impulse response of a linear time-invariant system).
To read it: for every output location t, you take the kernel, shift it to position t, multiply it with the input and integrate over τ. The t − τ in g(t − τ) is just the shift; it doesn't flip anything, it simply places the kernel at t, which is why convolution and cross-correlation are the same operation. In discrete form h[n] = Σ_k f[k] g[n − k], and in 2D you sum over rows and columns.
So each output value is a weighted sum of the neighbourhood of f around t: a Gaussian kernel blurs, a Sobel kernel responds to edges. Convolution is commutative and associative, and by the convolution theorem it becomes a product in the Fourier domain, which is how large filters are applied efficiently.
""", "Mostly correct and thorough, but confidently claims g(t−τ) involves no flip and that convolution equals cross-correlation; the flip is the key to reading the formula."),
)

# =====================================================================
# Note 001 (zh-Hans questions)
# =====================================================================

item('001_eeafe7a87820c1f0-26db54cbb2',
A('zh-Hans', 10, r"""
L1正则就是在损失上加参数绝对值之和：
$\tilde J(w)=J(w)+\alpha\|w\|_1=J(w)+\alpha\sum_i|w_i|$
（次）梯度：$\nabla \tilde J=\nabla J+\alpha\,\text{sign}(w)$。
和L2比较：L2惩罚项的梯度是 $\alpha w$，权重越小推力越小，只会按比例缩小，很难正好到0；L1每一步都以固定大小 $\alpha$ 把权重往0推，那些对损失贡献小于 $\alpha$ 的参数，最优解直接就是0（soft-thresholding：$w_i=\text{sign}(w_i^*)\max(|w_i^*|-\alpha/H_{ii},0)$）。
所以**L1会产生稀疏解**，常用来做特征选择（LASSO）。几何上看，L1约束区域是菱形，损失的等高线更容易碰到坐标轴上的顶点。
贝叶斯角度：L1等价于参数服从拉普拉斯先验时的MAP估计（L2对应高斯先验）。
缺点：在0点不可导，要用次梯度或近端梯度方法；多个强相关特征时往往只随机留下一个。
""", "Complete: definition, subgradient, contrast with L2, sparsity mechanism (soft-thresholding, geometry), feature selection, Laplace prior, caveats."),
A('en', 10, r"""
- Definition: add Ω(θ) = ||w||₁ = Σ|w_i| to the loss, J̃ = J + α||w||₁, with α ≥ 0 controlling the strength (biases are usually not penalised).
- Gradient: α·sign(w) (a subgradient at 0). The push toward zero has constant size no matter how small the weight is, unlike L2, whose term αw fades as w shrinks.
- Consequence: sparsity. Weights whose contribution to the data loss is smaller than the penalty are set exactly to 0 (soft-thresholding). Geometrically the L1 ball is a diamond with corners on the axes, so the optimum tends to land on a corner.
- Use: feature selection / LASSO, compact models.
- Probabilistic view: MAP estimation with an isotropic Laplace prior on the weights.
- Practical notes: non-differentiable at 0, so use subgradient or proximal methods (ISTA); with strongly correlated features it tends to keep one of them arbitrarily (elastic net fixes that).
""", "Complete: definition, gradient and contrast with L2, sparsity with geometric view, feature selection, Laplace prior, optimisation caveats."),
A('en', 5, r"""
L1 regularization adds the sum of the absolute values of the weights, times a coefficient, to the loss function. Compared with L2 it tends to make some weights exactly zero, so it's useful for feature selection.
""", "Definition and sparsity/feature-selection are correct, but no gradient or mechanism explaining the sparsity, no prior view, no comparison beyond one line."),
A('en', 6.5, r"""
L1 regularization adds α·Σ|w_i| to the objective: J̃(w) = J(w) + α||w||₁. Its (sub)gradient is α·sign(w), so each weight is pushed toward zero by a constant amount regardless of its size, whereas L2's gradient αw shrinks weights proportionally and vanishes near 0. That is why L1 gives sparse solutions: small, unimportant weights are driven exactly to 0 (soft-thresholding), which makes it a built-in feature selection method, e.g. LASSO. Geometrically, the diamond-shaped L1 constraint has corners on the axes, and the loss contours usually touch it there first.
From a Bayesian point of view, L1 regularization corresponds to MAP estimation with a Gaussian prior on the weights, while L2 corresponds to a Laplace prior.
Downside: |w| isn't differentiable at 0, so you need subgradients or proximal updates, and among correlated features it picks one somewhat arbitrarily.
""", "Mechanism, sparsity and caveats correct, but the priors are swapped: L1 corresponds to a Laplace prior and L2 to a Gaussian prior."),
)

item('001_eeafe7a87820c1f0-ed750573e9',
A('zh-Hans', 10, r"""
Dropout是在训练时，对每个mini-batch随机以概率p把一部分神经元的输出置0（常见设置是隐藏层保留概率0.5，输入层0.8），这样每一步实际训练的都是原网络的一个子网络。作用是防止神经元之间的共适应（co-adaptation），每个单元都不能依赖某些特定的其他单元，是一种正则化手段。
可以把它看成一种廉价的Bagging，相当于集成了指数级数量的子网络。和真正的Bagging的区别：Bagging 的各个模型相互独立，各自在自己的训练集上训练到收敛；Dropout 的子网络共享参数，每一步只训练一个采样出来的子网络，大部分子网络从来没有被显式训练过，靠参数共享也能得到不错的参数。
推理时不再随机丢弃，用完整网络，但要保证激活的期望和训练时一致：要么测试时把权重乘以保留概率（weight scaling，近似所有子网络的几何平均），要么训练时就把保留下来的激活除以保留概率（inverted dropout，现在框架的默认做法），测试时什么都不用改。
""", "Complete: mechanism, co-adaptation, bagging view with both differences, train/test scaling (weight scaling and inverted dropout), typical rates."),
A('en', 10, r"""
Dropout is a regularizer where, on every training step, each unit (hidden, sometimes input) is kept with probability q and zeroed otherwise, with a fresh random mask per example or minibatch. Each step therefore trains a different thinned sub-network, and units can't co-adapt because any of their partners might be missing.
The nice interpretation is bagging: the full net implicitly defines an exponential number of sub-networks, and dropout trains an ensemble of them cheaply. Two differences from real bagging: the members share parameters instead of being independent, and most members are never trained explicitly; only a tiny fraction get a gradient step, and parameter sharing makes the rest reasonable too.
At test time you turn dropout off and use the whole network. To keep the expected activation the same you either multiply the weights by q at test time (the weight scaling rule, which approximates the ensemble's geometric-mean prediction) or, as most libraries do, divide by q during training (inverted dropout). Typical q: 0.5 for hidden layers, 0.8 for inputs.
""", "Complete: mechanism, co-adaptation, bagging analogy and its differences, inference scaling both ways, typical keep probabilities."),
A('en', 4.5, r"""
Dropout randomly turns off some neurons during training so that the network doesn't depend too much on any single neuron, which reduces overfitting. At test time all the neurons are used.
""", "Basic mechanism and purpose are right, but misses the bagging/ensemble interpretation and the activation scaling needed between training and inference."),
A('en', 6, r"""
Dropout: during training each neuron is dropped (its output set to 0) with probability p, independently, with a new mask for every minibatch. It's a regularizer: it stops co-adaptation and forces the network to learn redundant features.
Interpretation: a cheap approximation to bagging over the exponentially many sub-networks you get by removing units. Unlike bagging, the sub-networks share weights and most of them are never trained explicitly; each step updates just one sampled sub-network.
Train vs test: at test time you use the full network without dropping anything. Because during training only a fraction (1−p) of units are active, inverted dropout multiplies the surviving activations by (1−p) during training, so that at test time no rescaling is needed. Typical p is 0.5 for hidden layers and 0.2 for inputs. It's usually combined with other regularizers and is less common in conv layers.
""", "Mechanism and bagging view correct, but the inverted-dropout scaling is wrong: surviving activations must be divided by (1−p), not multiplied, to match test-time expectations."),
)

item('001_eeafe7a87820c1f0-33d20ad165',
A('zh-Hans', 10, r"""
问题：训练时BN用当前mini-batch的均值和方差做归一化，但推理时可能只有一个样本，而且同一个输入的输出应该是确定的，不能依赖同一批里的其他样本。
做法：用训练数据上的**全局统计量**代替batch统计量。
- 训练时对每层每个通道维护滑动平均（EMA）：$\mu_{run}\leftarrow m\,\mu_{run}+(1-m)\mu_B$，方差同理（momentum一般取0.9~0.99）；
- 或者训练完后用多个batch的统计量求期望：$E[x]=E_B[\mu_B]$，$Var[x]=\frac{m}{m-1}E_B[\sigma_B^2]$（无偏估计）。
- 推理时：$y=\gamma\frac{x-E[x]}{\sqrt{Var[x]+\epsilon}}+\beta$，$\gamma,\beta$ 用训练学到的值。
这时BN就是一个固定的线性变换，可以直接合并进前面卷积/全连接层的权重和偏置里，不增加推理开销。PyTorch里要调用model.eval()切换。注意batch很小时，batch统计量和全局统计量差距大，会造成训练和推理不一致。
""", "Complete: why batch stats are unusable, EMA or population estimate (unbiased variance), inference formula with γ/β, folding, eval mode, small-batch caveat."),
A('en', 10, r"""
During training BN normalizes with the mean and variance of the current mini-batch. At inference that doesn't work: there may be only one sample, and even with a batch you don't want a prediction to depend on which other samples happen to be in it. So BN switches to fixed population statistics.
These are collected during training as a running (exponential moving) average of each channel's batch mean and batch variance, e.g. running = 0.9·running + 0.1·batch. (The original paper instead averages over many training batches after training and uses the unbiased variance m/(m−1)·E[σ_B²].)
At test time: y = γ·(x − μ_running)/sqrt(σ²_running + ε) + β, with the learned γ and β. Since everything is constant this is just an affine transform per channel and can be folded into the previous conv/linear layer. In PyTorch that's model.eval(); forgetting it is a classic bug.
""", "Complete: motivation, running averages vs population estimate, inference formula including γ/β, folding, eval mode."),
A('en', 5, r"""
At inference you don't have a batch, so instead of the batch statistics you use a mean and variance computed over the training data, for example a running average kept during training.
""", "Core idea correct, but no formula, no mention that γ/β are still applied, no detail on EMA vs unbiased estimate, determinism or folding."),
A('en', 5, r"""
The problem: at training time BN uses mini-batch mean/variance, but at inference you might have a single example and the output must be deterministic.
Solution: during training keep running estimates for each channel, μ_run ← m·μ_run + (1−m)·μ_B, and the same for the variance (momentum around 0.9–0.99); alternatively compute the population mean and unbiased variance over the whole training set after training.
At inference, x̂ = (x − μ_run)/sqrt(σ²_run + ε). The learnable scale and shift γ and β are only needed during training to help optimization, so at inference they are dropped and the normalized x̂ is passed straight to the next layer.
Because the statistics are fixed, the normalization is a constant affine map that can be fused into the preceding convolution for speed. Remember to switch the model to eval mode.
""", "Running statistics handled correctly, but wrongly claims γ and β are dropped at inference; they are part of the learned function and must still be applied."),
)

item('001_eeafe7a87820c1f0-55079e9da5',
A('zh-Hans', 10, r"""
以特征图 [N, C, H, W] 为例，各方法的区别在于在哪些维度上算均值和方差：
- **BatchNorm**：对每个通道，在 N、H、W 上统计；依赖batch大小，batch小时效果差，也不适合RNN。
- **LayerNorm**：对每个样本，在 C、H、W 上统计（NLP里就是对每个token的hidden维度），和batch无关，RNN/Transformer主要用它。
- **InstanceNorm**：对每个样本的每个通道，只在 H、W 上统计；会去掉单张图的对比度/风格信息，常用于风格迁移、GAN。
- **GroupNorm**：对每个样本，把通道分成G组，每组在 (C/G, H, W) 上统计；不依赖batch，检测、分割这种小batch任务常用。G=1 就是LN，G=C 就是IN。
- **SwitchableNorm**：同时算BN、LN、IN的统计量，用可学习的权重加权组合，让网络自己选用哪种。
这些方法后面一般都接可学习的 $\gamma,\beta$。另外还有 Weight Normalization（对权重而不是激活归一化）、RMSNorm（LN去掉减均值）等。
""", "Complete: correct normalisation axes for BN/LN/IN/GN, GN's relation to LN/IN, Switchable Norm, use cases and batch dependence."),
A('en', 10, r"""
They all do (x − mean)/std followed by a learned γ, β; the difference is which axes the statistics are taken over. Take an activation tensor of shape (N, C, H, W).
Batch norm: per channel, over N, H, W, so it needs a decent batch size and behaves differently in train and test.
Layer norm: per sample, over C, H, W (in Transformers, over the feature dim of each token). No batch dependence, which is why it's the default in RNNs and Transformers.
Instance norm: per sample and per channel, over H, W only. It wipes out per-image contrast/style statistics, so it's popular in style transfer and image generation.
Group norm: per sample, split the channels into G groups and normalize each group over its channels and H, W. It sits between LN (G = 1) and IN (G = C) and works well with tiny batches, e.g. detection and segmentation.
Switchable norm computes BN, LN and IN statistics and learns softmax weights to mix them per layer. (Plus variants like RMSNorm and weight norm.)
""", "Complete: correct axes for each method, batch (in)dependence, GN as interpolation between LN and IN, Switchable Norm, typical uses."),
A('en', 5, r"""
Besides BN there are LayerNorm, InstanceNorm and GroupNorm. LayerNorm doesn't depend on the batch so it's used in RNNs and Transformers, InstanceNorm is used for style transfer, and GroupNorm works better when the batch is small.
""", "Names the methods and their uses correctly, but never says which dimensions each normalizes over, omits Switchable Norm and the GN-LN/IN relation."),
A('en', 5, r"""
All of them subtract a mean, divide by a std and then apply learnable γ, β; they differ in the set of axes used for the statistics. For a feature map (N, C, H, W):
- Layer norm: for each channel, compute statistics across the batch and spatial dims (N, H, W), similar to BN but applied per layer, which is why it is still sensitive to small batch sizes.
- Instance norm: per sample, per channel, over H, W only; removes instance-specific contrast, used in style transfer.
- Group norm: per sample, split C into G groups and normalize over each group's channels and H, W; independent of batch size, good for detection/segmentation; with G = C it reduces to instance norm.
- Switchable norm: learns a weighted combination of BN, LN and IN statistics so each layer picks its own normalization.
Also worth knowing: weight normalization reparametrizes the weights instead of the activations, and RMSNorm drops the mean-centering.
""", "IN, GN and Switchable Norm correct, but LayerNorm is given BN's axes (per channel over N,H,W, batch-dependent); LN normalizes each sample over C,H,W and is batch-independent."),
)

item('001_eeafe7a87820c1f0-f035e433c5',
A('zh-Hans', 10, r"""
我理解主要有这么几个原因：
第一，加快梯度下降的收敛。如果两个特征量纲差很多，比如一个在0~1，一个在0~10000，损失函数的等高线会是很扁的椭圆，梯度方向基本垂直于等高线而不是指向最优点，就会走“之”字形，要迭代很多步，学习率也只能设得很小（不然在陡的方向上会发散）。归一化后等高线接近圆，梯度大致指向最优点，还能用更大的学习率。
第二，统一量纲。像KNN、K-means、SVM这些基于距离的方法，不归一化的话数值大的特征会把数值小的特征“吞掉”；正则项对不同特征的惩罚也才公平。
第三，数值稳定，避免溢出、精度损失之类的问题。
第四，对于sigmoid/tanh，输入太大会落到饱和区，梯度接近0，归一化能让输入落在梯度较大的区域。
常用min-max和z-score标准化，注意均值、方差只能用训练集算。树模型（决策树、随机森林）对特征的单调变换不敏感，一般不需要归一化。
""", "Complete: conditioning/zig-zag argument, unit comparability for distance models and penalties, numerical stability, saturation, methods, train-only stats, trees exempt."),
A('en', 10, r"""
Main reasons:
1. Optimization. With features on very different scales the loss surface is a long narrow valley (ill-conditioned). Gradient descent zig-zags across the valley and you have to pick a tiny learning rate to avoid diverging along the steep direction. After scaling the contours are closer to circles, the gradient points roughly at the minimum, and convergence is much faster.
2. Fair comparison of features. Distance-based models (kNN, k-means, RBF-SVM) and L1/L2 penalties implicitly assume comparable units; otherwise a feature measured in thousands dominates one measured in fractions.
3. Avoiding saturation. Large inputs push sigmoid/tanh units into their flat regions where the gradient is about 0 and learning stalls.
4. Numerical stability (overflow, precision).
Typical choices are z-score standardization or min-max scaling, fitted on the training set only and reused on val/test. Tree-based models are scale-invariant and mostly don't care.
""", "Complete: ill-conditioning and convergence, feature comparability, saturation, numerics, methods and fitting on train only."),
A('en', 4.5, r"""
Mainly so that all features are on a similar scale. Otherwise the features with large values dominate, and gradient descent converges more slowly.
""", "Two valid reasons stated without explanation (no contour/zig-zag argument); misses saturation, numerical stability, distance-based models and methods."),
A('en', 6, r"""
A few reasons to normalize inputs:
- Faster convergence: when features have very different ranges the cost contours become elongated ellipses and gradient descent zig-zags; normalized features give rounder contours, so GD heads more directly to the minimum and tolerates a larger learning rate.
- Same units / scale: for distance-based methods like kNN, k-means or SVM, and for regularization penalties, a feature with a big numeric range would otherwise dominate.
- Saturation: sigmoid and tanh saturate around zero input, where their gradient is flattest, so normalization is there to push the pre-activations away from zero into the high-gradient region.
- Numerical stability: avoids overflow and loss of precision.
Common methods are min-max scaling to [0,1] and z-score standardization; compute the statistics on the training set only. Tree models generally don't need it.
""", "Optimization and scale arguments correct, but saturation is inverted: sigmoid/tanh have their largest gradient at 0 and saturate for large |x|, so normalization keeps inputs near zero."),
)

item('001_eeafe7a87820c1f0-5356150c37',
A('zh-Hans', 10, r"""
卷积的三个核心动机（Goodfellow《深度学习》里的说法）：
1. **稀疏交互**：卷积核远小于输入，每个输出只和输入的一小块局部区域相连。m个输入、n个输出时，全连接需要 $O(m\times n)$ 的参数和计算；卷积每个输出只连k个输入，变成 $O(k\times n)$。虽然单层是局部的，但多层堆叠后，深层单元的感受野可以覆盖大部分输入。
2. **参数共享**：同一个卷积核在所有位置复用，而不是每个位置各学一套权重，参数量从 $m\times n$ 降到 $k$，存储大幅减少（计算量仍然是 $O(k\times n)$）。
3. **等变表示**：参数共享带来平移等变性，即 $f(g(x))=g(f(x))$，输入平移多少，输出的特征图也跟着平移多少。对图像来说很合理，边缘出现在哪里都是边缘。注意卷积是等变不是不变，对缩放、旋转也不等变；平移不变性一般靠池化得到。
另外卷积还能处理尺寸可变的输入。
""", "Complete: sparse interactions with complexity and receptive field, parameter sharing (params vs compute), translation equivariance vs invariance, variable input size."),
A('en', 10, r"""
Three ideas motivate convolution:
• Sparse interactions (local connectivity). The kernel is much smaller than the input, so each output depends only on a small neighbourhood. With m inputs, n outputs and kernel size k you go from m·n connections to k·n: less memory and fewer FLOPs. Stacking layers still grows the receptive field, so deep units indirectly see most of the image.
• Parameter sharing / tied weights. The same kernel is applied at every location, so you learn one set of k weights instead of a separate weight for every input-output pair. Huge drop in parameter count, and the statistics of images (an edge is an edge anywhere) make it a sensible prior.
• Equivariance to translation. Because of sharing, shifting the input shifts the feature map by the same amount: conv(shift(x)) = shift(conv(x)). That's equivariance, not invariance; invariance comes from pooling. It is not equivariant to rotation or scale.
Bonus: convolutions handle inputs of varying size.
""", "Complete: all three motivations explained with complexity, receptive field, equivariance vs invariance, variable input size."),
A('en', 5, r"""
CNNs use local connectivity and weight sharing: each neuron only looks at a small patch, and the same filter is reused over the whole image, which massively reduces the number of parameters compared with a fully connected layer.
""", "Two of the three motivations stated briefly and correctly; equivariant representations missing, no complexity or receptive-field discussion."),
A('en', 6, r"""
Convolution is motivated by three properties:
1. Sparse interactions: the kernel is small compared with the input, so each output unit is connected only to a local patch. Runtime and memory go from O(m×n) to O(k×n) for m inputs, n outputs and kernel width k, and deeper layers still get a large receptive field through composition.
2. Parameter sharing: one kernel is slid across all positions instead of learning a separate weight per location, so the number of parameters drops from m×n to k.
3. Translation invariance: because the same kernel is used everywhere, a convolution layer's output does not change when the input is shifted; the feature map stays the same, which is why a CNN recognizes a cat regardless of where it is. This holds for translation only, not rotation or scaling.
Also, convolution can be applied to inputs of different sizes.
""", "Sparse interactions and sharing correct, but claims a conv layer is translation invariant (output unchanged); it is equivariant (output shifts with the input), invariance comes from pooling."),
)

item('001_eeafe7a87820c1f0-f176ebc9b0',
A('zh-Hans', 10, r"""
GD（批量梯度下降）每一步用整个训练集算梯度，$\theta\leftarrow\theta-\eta\nabla_\theta\frac1N\sum_{i=1}^N L_i$，梯度准确，但数据量大时一步就很慢。
SGD每一步只随机取一个样本（实际中一般是一个mini-batch，大小为m）来估计梯度：$\theta\leftarrow\theta-\eta\frac1m\sum_{i\in B}\nabla L_i$。这个估计是无偏的，方差大约按 $1/m$ 下降（标准差按 $1/\sqrt m$），所以batch加大收益递减。好处是每步计算量和数据集大小无关、更新快；梯度噪声还有助于跳出鞍点和尖锐的局部极小，泛化往往更好。
batch size的选择：太小不能充分利用GPU并行，太大受显存限制且收益递减，内存消耗和batch大小成正比。
注意：梯度噪声在极小值处不会消失，固定学习率的SGD只会在最优点附近震荡，所以要做学习率衰减（理论上要求 $\sum\eta_k=\infty,\ \sum\eta_k^2<\infty$）。每个epoch要打乱数据。实践中常配合momentum、Adam等改进。
""", "Complete: GD vs SGD/minibatch update rules, unbiasedness and 1/sqrt(m) error, noise benefits, batch-size trade-offs, need for LR decay, shuffling."),
A('en', 10, r"""
Full-batch gradient descent computes the exact gradient over all N training examples before every step. That's accurate, but each step costs O(N), which is hopeless for big datasets.
Stochastic gradient descent replaces it with an estimate from a randomly sampled minibatch of m examples (m = 1 in the textbook version): g = (1/m) Σ_{i∈B} ∇L_i, θ ← θ − η g. Since the samples are drawn at random, g is an unbiased estimate of the true gradient; its standard error falls like 1/√m, so bigger batches give diminishing returns. The cost per update doesn't depend on N, and the noise is partly a feature: it helps escape saddle points and sharp minima.
Practicalities: shuffle every epoch; pick the batch size to fill the GPU (memory grows linearly with the batch, very small batches waste parallelism); decay the learning rate, because the gradient noise doesn't vanish at the minimum and with a constant η SGD just bounces around it. Momentum and Adam build on this.
""", "Complete: GD vs SGD cost, minibatch estimator, unbiasedness and 1/sqrt(m), noise benefits, batch-size and memory, LR decay rationale."),
A('en', 4, r"""
SGD updates the parameters using the gradient from a small random batch of examples instead of the whole dataset. This makes each update much cheaper, although the gradient is noisier.
""", "Correct core idea and trade-off, but no update rule, no unbiasedness or batch-size analysis, no learning-rate decay; well under half."),
A('en', 6, r"""
Plain gradient descent uses the whole training set per step: exact gradient, but each update is expensive and the method scales badly with N.
SGD samples a minibatch B (size m, or just one example) and updates θ ← θ − η·(1/m)Σ_{i∈B}∇L_i(θ). The minibatch gradient is an unbiased estimate of the full gradient, with variance shrinking as 1/m, so larger batches are more accurate but with diminishing returns; batch size is limited by GPU memory, which grows linearly with m. The noise also helps escape saddle points and sharp minima.
A nice property is that you don't need to decay the learning rate: as SGD approaches a minimum the stochastic gradients of all examples go to zero, so the noise vanishes and a constant step size converges to the exact minimum just like batch GD.
In practice you shuffle the data each epoch and usually add momentum or use Adam.
""", "Minibatch SGD described correctly, but wrongly claims constant-LR SGD converges exactly because per-example gradients vanish at the minimum; the noise persists, so LR decay is needed."),
)

# =====================================================================
# Note 003 (zh-Hant and zh-Hans questions)
# =====================================================================

item('003_bb0194e72dcdb2ab-f4e0ec9251',
A('zh-Hant', 10, r"""
**偏置（bias）**：把模型在很多份不同的訓練集上訓練，平均預測值和真實值之間的差距，反映模型假設本身的錯誤。偏置高代表模型太簡單，連訓練集都擬合不好，也就是欠擬合。
**方差（variance）**：同一個模型換一份訓練資料，預測結果會波動多少，反映模型對訓練資料（包括其中雜訊）的敏感程度。方差高代表模型把雜訊也學進去了，訓練集表現很好、測試集很差，也就是過擬合。
對平方損失可以分解：
$E[(y-\hat f(x))^2]=\text{Bias}^2+\text{Variance}+\sigma^2$，其中 $\sigma^2$ 是不可約的雜訊。
**權衡**：模型複雜度越高，偏置下降、方差上升；越簡單則偏置高、方差低。測試誤差隨複雜度呈U形，目標是找到總誤差最小的位置。
降低偏置：用更複雜的模型、加特徵、減少正則；降低方差：增加資料、加正則、dropout、early stopping，或用bagging等整合方法。
""", "Complete: proper definitions of bias and variance, link to under/overfitting, decomposition with noise, complexity trade-off, remedies."),
A('en', 10, r"""
Think of training the same kind of model on many different training sets drawn from the same distribution.
Bias is how far the average of those models' predictions is from the truth: the systematic error from the model's assumptions being too restrictive (e.g. a straight line fitted to a curve). High bias shows up as underfitting: error is high on both training and validation data.
Variance is how much a model's predictions fluctuate from one training set to another: sensitivity to the particular sample, noise included. High variance means overfitting: low training error, much higher validation error.
For squared loss, expected error = bias² + variance + irreducible noise. As model complexity grows, bias falls and variance rises, so test error is U-shaped and the best model balances the two. Levers: more capacity/features or less regularization to cut bias; more data, regularization, dropout, early stopping or bagging to cut variance.
""", "Complete: definitions over training sets, under/overfitting symptoms, decomposition, complexity trade-off, remedies."),
A('en', 4, r"""
Bias is when the model is too simple and underfits, variance is when the model is too complex and overfits. You want to find a balance between the two.
""", "Correct association with under/overfitting and the idea of balance, but no actual definitions, no decomposition, no explanation of the trade-off or remedies."),
A('en', 4, r"""
Bias is the gap between the model's expected prediction (averaged over possible training sets) and the true value: error coming from wrong or overly simple assumptions. When bias is high the model underfits and does badly on training and test data alike.
Variance measures how much the learned function changes if you train on a different sample of data, i.e. sensitivity to noise in the training set. High variance means overfitting: great training accuracy, poor test accuracy.
The expected squared error decomposes as bias² + variance + irreducible noise, so you can't drive the total error to zero and must trade one off against the other.
The trade-off with capacity: a model with many parameters, like a deep network or a high-degree polynomial, has high bias and low variance, while a very simple model with few parameters has low bias but high variance. You tune complexity (and regularization strength) to reach the minimum of the U-shaped test error curve.
""", "Definitions and decomposition right, but the core trade-off is reversed: complex models have low bias/high variance and simple models high bias/low variance."),
)

item('003_bb0194e72dcdb2ab-33d9d2f41e',
A('zh-Hant', 10, r"""
思路分兩步：
1. **把人臉變成向量**：用FaceNet這類以triplet loss（或ArcFace）訓練的模型，把每張臉映射成128/512維的embedding並做L2歸一化，同一人的向量距離近、不同人距離遠。1000萬張臉就是1000萬個向量。
2. **建索引做近似最近鄰搜尋（ANN）**：暴力計算新向量和1000萬個向量的距離是 $O(Nd)$，太慢。常見方法：
- 局部敏感雜湊（LSH）：相似向量大機率落在同一個桶，只比對同桶的候選；
- 樹結構：如Annoy用隨機投影樹；傳統KD-tree在高維效果很差；
- 向量量化：IVF先用k-means分成很多簇，只搜最近的幾個簇，再用乘積量化（PQ）壓縮向量、加速距離計算，Faiss支援GPU；
- 圖方法：HNSW，召回率和速度的權衡目前很好。
找到最近的向量後，再用距離閾值判斷是不是同一個人（否則當作陌生人）。實際系統要在召回率、延遲和記憶體之間權衡，資料更大時可以分片部署。
""", "Complete: embedding with metric-learning loss, brute force cost, several ANN index families explained (LSH, trees, IVF-PQ, HNSW), threshold decision, trade-offs."),
A('en', 10, r"""
First the recognition side: a network trained with a metric-learning loss (triplet loss as in FaceNet, or ArcFace) maps each face to an L2-normalized embedding, e.g. 128-d, so 'same person' means small distance. The 10M known faces are just 10M vectors; a query is a nearest-neighbour search plus a threshold to reject unknown people.
Brute force means 10M distance computations per query, too slow. So you build an approximate nearest neighbour index and accept a tiny loss in recall:
- IVF: k-means the database into e.g. 4096 cells and search only the few nearest cells; add product quantization to compress vectors and compute distances from lookup tables (Faiss, with GPU support).
- Graph-based: HNSW, a very good speed/recall trade-off at the cost of memory.
- Hashing: LSH puts similar vectors in the same buckets.
- Trees: Annoy's random projection forests (classic KD-trees degrade in high dimensions).
Tune nprobe / efSearch for the latency-recall balance, and shard across machines if needed.
""", "Complete: embedding pipeline with threshold, why brute force fails, main ANN families with how they work, tuning and sharding."),
A('en', 5, r"""
Convert each face into an embedding vector with the model, and instead of comparing the new face with all 10 million vectors one by one, use an approximate nearest neighbour library such as Faiss to find the closest vector quickly.
""", "Right pipeline and ANN idea, but no explanation of how indexing works or of alternatives, no distance threshold, no embedding training."),
A('en', 5, r"""
Step one is the embedding: a face model trained with triplet loss (FaceNet-style) or ArcFace maps every face to a 128-d vector, L2-normalized, so identity corresponds to distance. The database is 10M such vectors, and recognition means finding the nearest one and accepting it only if the distance is under a threshold.
Comparing the query against all 10M vectors linearly is far too slow, so we need an index. The best choice here is a KD-tree: it recursively splits the space along coordinate axes and a query only has to descend one branch, giving exact nearest neighbours in O(log N) time even for 128-dimensional embeddings, so there's no need to give up accuracy with approximate methods.
Other options you'll see are LSH (hash similar vectors into the same buckets), Annoy (random projection trees), Faiss (IVF clustering + product quantization, GPU) and HNSW graphs. For very large scale you shard the index across machines and tune the speed/recall trade-off.
""", "Embedding, thresholding and alternatives right, but the main recommendation is wrong: KD-trees degrade to near-linear search in 128-d (curse of dimensionality); no exact O(log N) there."),
)

item('003_bb0194e72dcdb2ab-8a2da878f0',
A('zh-Hant', 10, r"""
訓練神經網路分成前向和反向兩個過程：
- **前向傳播**：輸入逐層計算 $z^l=W^la^{l-1}+b^l$，$a^l=\sigma(z^l)$，得到輸出 $y_p$，再算損失 $L(y_p,y_t)$。中間的 $z^l, a^l$ 都要存起來。
- **反向傳播**：目的是有效率地算出損失對每一層參數的梯度。利用鏈式法則，從最後一層往第一層傳：
  輸出層 $\delta^L=\nabla_{a}L\odot\sigma'(z^L)$，
  往前 $\delta^l=(W^{l+1})^T\delta^{l+1}\odot\sigma'(z^l)$，
  參數梯度 $\frac{\partial L}{\partial W^l}=\delta^l(a^{l-1})^T$，$\frac{\partial L}{\partial b^l}=\delta^l$。
  每層的誤差訊號重複利用後一層的結果，所以總計算量和一次前向差不多，不用對每個參數單獨求導。
- **更新**：反向傳播只負責算梯度，真正更新權重的是優化器，例如SGD：$W\leftarrow W-\eta\frac{\partial L}{\partial W}$，或Adam等。
另外，梯度是很多項連乘，層數深時容易梯度消失或爆炸。
""", "Complete: forward pass and caching, chain-rule recursion with formulas, backward direction, efficiency, separation from optimizer update, vanishing/exploding."),
A('en', 10, r"""
Backprop is just the chain rule applied efficiently to a computational graph.
In the forward pass you feed the input through the layers, caching every intermediate value, and compute the loss L(y_pred, y_true) that says how wrong the network is. Training wants to minimize L, so we need ∂L/∂w for every weight.
The backward pass starts at the loss and walks the graph in reverse, from the last layer to the first. Each layer receives the gradient with respect to its output, multiplies it by its local derivative (activation derivative, weights) to get the gradient with respect to its input, which it hands to the previous layer, and along the way computes the gradient for its own weights, e.g. ∂L/∂W = δ·a_prevᵀ. Because each upstream gradient is reused, the whole thing costs about as much as a forward pass instead of differentiating each weight separately.
Then the optimizer (SGD, Adam, …) uses those gradients to update the weights: w ← w − η ∂L/∂w. The repeated multiplication across many layers is also why gradients can vanish or explode.
""", "Complete: forward pass and loss, reverse-mode chain rule layer by layer, why it is efficient, optimizer uses the gradients, vanishing/exploding."),
A('en', 5, r"""
Backpropagation computes the gradients of the loss with respect to the weights by applying the chain rule from the output layer back to the input layer, and then the weights are updated with gradient descent.
""", "Correct one-line gist (chain rule, backward direction, update), but no forward pass/loss, no layer-wise recursion or why it is efficient."),
A('en', 6, r"""
The forward pass pushes the input through each layer (z = Wa + b, a = σ(z)) to produce a prediction, and we compute a loss L(y_p, y_t) measuring the gap to the label. Intermediate activations are cached.
Backpropagation then computes the derivative of L with respect to every weight using the chain rule, starting at the output layer and going backwards: δ^L = ∂L/∂a^L ⊙ σ'(z^L), δ^l = (W^{l+1})ᵀ δ^{l+1} ⊙ σ'(z^l), ∂L/∂W^l = δ^l (a^{l−1})ᵀ. Reusing the δ's makes it about as cheap as the forward pass.
Backprop is itself the optimization algorithm: it is the procedure that moves the weights downhill, and optimizers like SGD, Adam and AdaDelta are just different variants of backpropagation that differ in their step-size rules.
Deep networks can suffer from vanishing/exploding gradients since the δ's are products of many terms.
""", "Forward pass and chain-rule recursion correct, but claims backprop is the optimizer and SGD/Adam are variants of it; backprop only computes gradients, which the optimizer then uses."),
)

item('003_bb0194e72dcdb2ab-4d8e5e8b4d',
A('zh-Hans', 10, r"""
- **学习率过低**：每步更新很小，loss下降非常慢，需要大量迭代；训练曲线看起来像“学不动”；也更容易长时间停在平坦区域、鞍点附近或者较差的局部极小，在有限的训练预算下达不到好的结果。
- **学习率过高**：步子太大，越过最优点，loss来回震荡、下降不稳定；再大一些就直接发散，loss越来越大甚至出现NaN。即使不发散，也只能在极小值附近跳来跳去，收敛不到好的点。
- 用二次函数分析：沿Hessian最大特征值 $\lambda_{max}$ 的方向，学习率必须满足 $\eta<2/\lambda_{max}$ 才不会发散，曲率越大能用的学习率越小。
- 实践：用LR range test找合适区间，训练初期warmup，后期用step/cosine衰减；也可以用Adam等自适应方法，但学习率依然要调。学习率和训练误差的关系大致是U形。
""", "Complete: both regimes with symptoms (slow/stuck vs oscillation/divergence/NaN), stability bound, practical remedies."),
A('en', 10, r"""
Too low: every update is tiny, so the loss decreases painfully slowly and you burn a lot of compute; the training curve looks flat as if nothing is being learned, and with a fixed budget you end up stuck at a high loss, possibly on a plateau or in a poor local minimum/saddle region.
Too high: the steps overshoot the minimum. You see the loss oscillating or bouncing around instead of settling, and past a certain point it diverges outright: the loss blows up, maybe to NaN. On a quadratic bowl the condition is η < 2/λ_max of the Hessian; above that the iterates explode along the sharpest direction.
So there's a sweet spot (training error vs learning rate is roughly U-shaped). In practice: do an LR range test, warm up at the start, decay later (step, cosine), and tune it first, since it's usually the most important hyperparameter.
""", "Complete: slow/stuck vs overshoot/oscillation/divergence, correct stability bound, U-shape and practical remedies."),
A('en', 5, r"""
If it's too low, training is very slow. If it's too high, the loss can jump around and the model might not converge.
""", "Both directions correct in gist, but thin: no divergence/NaN, no plateaus or poor minima, no stability reasoning or remedies."),
A('en', 7, r"""
Learning rate too small: updates are tiny, so convergence is very slow and needs many iterations; within a limited budget the model can stay at a high loss, get stuck on plateaus or settle in a poor local minimum.
Learning rate too large: updates overshoot. The loss oscillates, fails to settle into the minimum, and if the rate is large enough training diverges: the loss increases and can become NaN.
A useful way to quantify it: for a quadratic loss with Hessian H, gradient descent is stable as long as η < 2·λ_max(H), so the sharper the curvature, the larger the learning rate you can afford.
Practical fixes: a learning-rate range test, warmup, decay schedules (step/cosine), or adaptive optimizers like Adam; in general the training error vs learning rate curve is U-shaped.
""", "Qualitative behaviour for both cases correct; the stability bound is wrong (η < 2/λ_max, so sharper curvature needs a smaller learning rate, not a larger one)."),
)

item('003_bb0194e72dcdb2ab-7b1237cc79',
A('zh-Hans', 10, r"""
答案：卷积部分的参数量**不变**（增加0倍）。
原因：一个卷积层的参数是 $k\times k\times C_{in}\times C_{out}$（再加 $C_{out}$ 个bias），只和卷积核大小、输入输出通道数有关。同一个核在整张图上滑动共享，和图片的宽高无关。池化层、BN等层的参数也和尺寸无关。
需要注意几点：
1. 如果网络最后是 flatten + 全连接层，全连接层的输入维度等于最后特征图的 $H\times W\times C$，宽高都加倍后这一层的参数大约变成4倍，所以固定输入尺寸的老式网络（如VGG、AlexNet）参数会增加，而且不改结构就没法直接加载原来的权重；
2. 如果用全局平均池化（GAP）再接分类层，全卷积网络的参数完全不变；
3. 参数不变，但计算量和中间特征图占用的显存大约变成4倍（宽和高各翻倍）。
""", "Complete: conv params independent of input size with formula and reason, FC-head caveat (~4x), GAP case, compute/memory 4x."),
A('en', 10, r"""
Trick question: for the convolutional layers, zero. A conv layer's weights are k × k × C_in × C_out plus C_out biases; they depend on the kernel size and channel counts, not on the spatial size of the input, because the same kernel is slid over every position (paramter sharing). A bigger image just means the kernel gets applied at more locations.
What does change: the feature maps are 2× wider and 2× taller, so activation memory and FLOPs go up roughly 4×.
A caveat worth mentioning: if the architecture flattens the last feature map into a fully connected layer (VGG/AlexNet style), that FC layer's input size scales with H×W, so its weights grow about 4× (and the pretrained weights won't even load without changes). With global average pooling before the classifier, the total parameter count is unchanged.
""", "Complete: correct answer with parameter formula and sharing argument, compute/memory 4x, FC-head caveat, GAP case."),
A('en', 5.5, r"""
The number of parameters doesn't change, since the conv filters have the same size regardless of the input image size.
""", "Correct answer and core reason, but no parameter formula, misses the flatten/FC caveat and the 4x growth in compute and memory."),
A('en', 7, r"""
For the convolutional part, the number of parameters doesn't increase at all. A conv layer has k·k·C_in·C_out weights plus C_out biases, determined by kernel size and channels only; the kernel is shared across spatial positions, so the image size is irrelevant. Pooling and BN layers are also size-independent. What grows is compute and activation memory, about 4× when both width and height double.
The exception is a flatten + fully connected head. There the number of FC weights is proportional to the flattened feature length, and since the image size doubled, the FC layer's parameters double as well (2×). That's why classic fixed-input networks like VGG can't directly take bigger images, whereas networks ending with global average pooling keep exactly the same parameter count.
""", "Main answer and reasoning correct, but the FC caveat is quantified wrongly: doubling both H and W makes the flattened length and FC weights about 4x, not 2x."),
)

item('003_bb0194e72dcdb2ab-2e6794723a',
A('zh-Hans', 10, r"""
可以从评估、数据、算法几个层面处理：
1. **评估指标**：不要只看accuracy（99:1时全猜多数类也有99%），改用precision、recall、F1、PR-AUC、ROC-AUC，看混肴矩阵；划分数据时用分层抽样。
2. **重采样**：对少数类过采样（随机复制、SMOTE/ADASYN合成新样本、数据增强），对多数类欠采样（随机欠采样、Tomek links等）。注意只能在训练集上重采样，验证/测试集保持原来的分布，否则评估结果会虚高。
3. **代价敏感**：给少数类更大的损失权重（比如按类别频率的倒数加权）；或者用Focal loss降低易分样本的权重。
4. **集成**：把多数类分成多份，每份和全部少数类组合训练一个模型再集成（EasyEnsemble、BalanceCascade）。
5. **调整决策阈值**：不一定用0.5，根据业务在PR曲线上选阈值。
6. 极端不平衡时也可以当成异常检测问题来做，或者想办法收集更多少数类数据。
""", "Complete: metrics, resampling incl. SMOTE and train-only caveat, cost-sensitive loss/focal loss, ensembles, threshold moving, anomaly detection."),
A('en', 10, r"""
I'd attack it on several fronts.
Measure properly first: accuracy is misleading when 95% of samples are one class, so look at per-class precision/recall, F1, PR-AUC (more informative than ROC-AUC under heavy imbalance) and the confusion matrix; use stratified splits.
Change the data: oversample the minority class (duplication, SMOTE, augmentation) or undersample the majority. Resample only the training split; validation and test must keep the real distribution.
Change the loss: class weights inversely proportional to frequency so mistakes on the rare class cost more, or focal loss to focus on hard examples.
Ensembles: train several models, each on all minority samples plus a different slice of the majority, then combine them (EasyEnsemble / balanced bagging).
Post-processing: move the decision threshold instead of using 0.5, picked from the PR curve.
And if the rare class is extremely rare, treat it as anomaly detection, or just collect more minority data.
""", "Complete: appropriate metrics, resampling with train-only caveat, class weights/focal loss, ensembles, threshold moving, anomaly detection."),
A('en', 4.5, r"""
Use oversampling or undersampling (e.g. SMOTE) to balance the classes, and don't rely on accuracy; use F1 or AUC instead.
""", "Two correct families (resampling, metrics) in one line; no cost-sensitive loss, ensembles, threshold tuning or caveats."),
A('en', 6, r"""
Options, roughly in the order I'd try them:
1. Metrics: with imbalanced classes accuracy is useless, so evaluate with precision, recall, F1, PR-AUC/ROC-AUC and the confusion matrix.
2. Resampling: oversample the minority class (random duplication, SMOTE, ADASYN) or undersample the majority class. The best practice is to apply SMOTE to the full dataset before splitting into train/validation/test, so that every split is balanced and the test metrics reflect balanced performance.
3. Cost-sensitive loss: weight the minority class higher in the loss (e.g. inverse class frequency), or use focal loss.
4. Ensembles: split the majority class into chunks, train one model per chunk together with all the minority samples, then ensemble them.
5. Threshold moving: tune the decision threshold on the PR curve instead of using 0.5.
6. For extreme cases, reframe the task as anomaly detection.
""", "Broad, correct toolkit, but recommends SMOTE on the full dataset before splitting; that leaks synthetic neighbours into the test set and distorts evaluation (resample training data only)."),
)

# =====================================================================
# Note 004 (zh-Hans questions)
# =====================================================================

item('004_097d155c1b2f4d21-98507daf55',
A('zh-Hans', 10, r"""
* 动机：每层输入的分布会随着前面层参数的更新而变化（internal covariate shift），后面的层要不断适应；激活值还可能变得过大或过小，掉进饱和区，只能用小学习率、小心初始化。
* 作用：
  1. 把每个通道的激活在batch上归一化成均值0、方差1，训练更稳定，可以用更大的学习率，收敛更快（后来的研究认为主要是让loss曲面更平滑）；
  2. 降低对参数初始化的敏感性；
  3. 让sigmoid/tanh的输入不落在饱和区，缓解梯度消失；
  4. batch统计量带噪声，有一定正则化效果，可以少用dropout。
* $\gamma,\beta$：可学习的缩放和平移，保证表达能力，必要时可以还原原分布（$\gamma=\sigma,\beta=\mu$ 时就是恒等变换），也避免输入都落在sigmoid近似线性的区域。
* 训练用batch统计量，推理用训练时滑动平均得到的mean/var（model.eval()）。
* 对 $B\times L\times C$ 的输入，BN的统计量是按通道的，形状为 $C$；LN是对每个样本（token）统计。
* 缺点：依赖batch size，小batch和RNN里效果差。
""", "Complete: motivation, benefits (LR, init, saturation, regularisation), role of γ/β, train vs inference statistics, correct BN vs LN axes, drawbacks."),
A('en', 10, r"""
What BN does: for each channel it normalizes activations with the mini-batch mean and variance, then applies a learned scale γ and shift β.
Why it helps:
- Keeps each layer's input distribution stable while earlier layers change (the 'internal covariate shift' story; later work argues the real effect is a smoother, better-conditioned loss landscape). Either way you can use much larger learning rates and converge faster.
- Less sensitivity to weight initialization.
- Keeps pre-activations out of the saturated tails of sigmoid/tanh, so gradients don't vanish.
- Mild regularization: batch statistics add noise, so you often need less dropout.
γ and β restore expressiveness: without them every layer would be forced to zero mean and unit variance, e.g. stuck in sigmoid's near-linear zone; with γ = σ, β = μ it can even undo the normalization.
At inference it uses running averages of mean and variance collected in training. For a (B, L, C) tensor the BN statistics are per channel (shape C), unlike LayerNorm, which is per sample/token. Weaknesses: small batches, RNNs.
""", "Complete: mechanism, benefits, γ/β role, inference statistics, correct BN vs LN axes, weaknesses."),
A('en', 4.5, r"""
BN normalizes each layer's inputs, so training is more stable and faster, you can use higher learning rates, and it also has a slight regularization effect.
""", "Lists main benefits correctly, but no mechanism, no role of γ/β, no train/inference difference or drawbacks."),
A('en', 5.5, r"""
Batch norm normalizes the activations using the mini-batch mean and variance and then rescales them with learnable γ, β.
Effects:
1. Stabilizes the distribution of each layer's inputs as earlier weights change (internal covariate shift), allowing higher learning rates and faster convergence.
2. Reduces dependence on careful initialization.
3. Keeps the inputs of saturating activations like sigmoid out of the flat regions, mitigating vanishing gradients.
4. Adds noise through the batch statistics, giving a slight regularization.
γ/β let the network learn the scale and shift it actually wants and even recover the original distribution, so normalization doesn't cost representational power.
Running mean/variance are updated by moving average during training and frozen at eval time (model.eval()), although gradients can still be computed.
Shapes: for an input of shape (B, L, C), BN computes one mean/variance per sample, i.e. statistics of shape B×1 averaged over L and C, while LayerNorm computes per-channel statistics of shape C×1 across the batch. Typical placement is before the activation.
""", "Benefits, γ/β and running statistics correct, but BN and LN axes are swapped: BN gives per-channel statistics (shape C) over the batch, LN per-sample statistics."),
)

item('004_097d155c1b2f4d21-258f92483d',
A('zh-Hans', 10, r"""
FM打分：$\hat y=w_0+\sum_i w_ix_i+\sum_{i<j}\langle v_i,v_j\rangle x_ix_j$。做召回时把特征分成user侧U和item侧I，二阶项就拆成三部分：user内部交叉、item内部交叉、user和item之间的交叉。
其中user-item交叉项：
$\sum_{i\in U}\sum_{j\in I}\langle v_i,v_j\rangle x_ix_j=\langle \sum_{i\in U}v_ix_i,\ \sum_{j\in I}v_jx_j\rangle$
所以user向量 = user侧特征embedding的加权和，item向量 = item侧特征embedding的加权和，两者内积就是交互分数。item向量可以离线算好放进Faiss等ANN索引，线上只算一次user向量再做最近邻检索。
关于“自身交互”：user内部交叉和user一阶项对同一个user是常数，不影响item排序，可以扔掉；但item一阶项和item内部交叉对不同item取值不同，最好保留：给item向量加一维放 $w_{item}$+item内部交叉分，user向量对应维度放1。
复杂度：用 $\frac12\sum_f[(\sum_i v_{i,f}x_i)^2-\sum_i v_{i,f}^2x_i^2]$ 可以把二阶项从 $O(kn^2)$ 降到 $O(kn)$；召回时每个item只需一次k维内积。
""", "Complete: split into user/item sides, derivation that cross term is an inner product of summed embeddings, ANN retrieval, correct handling of user- vs item-side self terms, O(kn) trick."),
A('en', 10, r"""
Split the features into user-side (U) and item-side (I). FM's second-order term then breaks into user×user, item×item and user×item interactions, and the cross part factorizes:
Σ_{i∈U} Σ_{j∈I} ⟨v_i, v_j⟩ x_i x_j = ⟨ Σ_{i∈U} v_i x_i , Σ_{j∈I} v_j x_j ⟩.
So the user embedding is the (x-weighted) sum of its feature vectors, the item embedding is the sum of the item's feature vectors, and their dot product equals the FM cross score. Item vectors are precomputed and put into an ANN index (Faiss/HNSW); online you compute one user vector and do a top-K inner-product search.
The 'self' terms: user first-order + user×user interactions are constant for a given user, so they don't change the ranking; drop them. The item first-order + item×item terms do vary across items, so keep them by appending one dimension: the item vector gets [e_item, w_item + item-internal score], the user vector gets [e_user, 1].
Complexity: the usual identity ½Σ_f[(Σ v x)² − Σ v² x²] makes the pairwise term O(kn) instead of O(kn²), and scoring each item is just a k-dim dot product.
""", "Complete: factorisation of the cross term, user/item vectors and ANN retrieval, correct treatment of user vs item self terms, complexity."),
A('en', 5, r"""
Sum the embeddings of the user features to get a user vector and sum the item feature embeddings to get an item vector; their inner product gives the user–item interaction score, so you can do retrieval with nearest-neighbour search over the item vectors.
""", "Correct core decomposition and retrieval idea, but no derivation, no treatment of first-order/intra-side terms, no complexity argument."),
A('en', 6, r"""
FM: ŷ = w0 + Σ w_i x_i + Σ_{i<j} ⟨v_i, v_j⟩ x_i x_j. For retrieval, split the features into user-side U and item-side I. The pairwise part splits into user-user, item-item and user-item interactions, and the user-item part is
Σ_{i∈U}Σ_{j∈I}⟨v_i,v_j⟩x_i x_j = ⟨Σ_{i∈U} v_i x_i, Σ_{j∈I} v_j x_j⟩.
So: user vector = sum of user feature embeddings, item vector = sum of item feature embeddings, score = inner product, and the item vectors go into an ANN index such as Faiss for top-K search.
The remaining 'self' terms (the first-order weights and the user-user and item-item interactions) don't involve the other side, so they are constant with respect to the user-item match and can all be dropped without changing the ranking of items for a user.
Complexity: with ½Σ_f[(Σ_i v_{i,f}x_i)² − Σ_i v_{i,f}² x_i²] the pairwise term costs O(kn) rather than O(kn²), and retrieval is one k-dim dot product per item.
""", "Decomposition, ANN retrieval and complexity correct, but wrongly claims item-side first-order and item-item terms can be dropped; they vary across items and change the ranking (only user-side terms are constant)."),
)

# =====================================================================
# Note 002 (English questions)
# =====================================================================

item('002_5915a4a6d0caa1a9-e54f4d6819',
A('en', 10, r"""
A single-layer perceptron has only one layer of trainable weights: the inputs connect straight to the output unit(s), which apply a threshold (step) function to w·x + b. Its decision boundary is therefore a hyperplane, so it can only solve linearly separable problems; famously it can't learn XOR. It's trained with the perceptron learning rule, which only converges if the data are linearly separable.
A multi-layer perceptron adds one or more hidden layers between input and output, and the hidden units use non-linear activations (sigmoid, tanh, ReLU). Composing layers lets it form non-linear decision boundaries, and with enough hidden units it's a universal approximator. Because the step function has no useful gradient, MLPs use differentiable activations and are trained with backpropagation plus gradient descent.
Trade-offs: the MLP is far more expressive but has more parameters, a non-convex loss and a higher risk of overfitting.
""", "Complete: structure of each, linear boundary/XOR limit, non-linear hidden activations as the source of power, training rules, universal approximation, trade-offs."),
A('zh-Hans', 10, r"""
单层感知机：输入直接连到输出，只有一层可学习的权重，输出是 $\text{sign}(w^Tx+b)$ 这种阶跃函数。它本质上是一个线性分类器，决策边界是一个超平面，只能处理线性可分的问题，经典反例就是异或（XOR）。训练用感知机学习规则，只有数据线性可分时才保证收敛。
多层感知机：在输入和输出之间加了一个或多个隐藏层，隐藏层使用非线性激活函数（sigmoid、tanh、ReLU等）。多层非线性复合之后可以得到非线性的决策边界，XOR这类问题就能解决；根据万能近似定理，隐藏单元足够多时可以逼近任意连续函数。因为阶跃函数不可导，MLP用可导的激活函数，通过反向传播加梯度下降训练。
代价是参数更多、损失非凸、更容易过拟合，需要正则化。
""", "Complete: linear classifier and XOR limit, hidden layers with non-linear activations, universal approximation, backprop vs perceptron rule, trade-offs."),
A('zh-Hant', 5, r"""
主要差別在於有沒有隱藏層。單層感知機只能分類線性可分的資料，像XOR就做不到；多層感知機有隱藏層，可以處理非線性的問題。
""", "Key difference and linear-separability/XOR limit correct, but no mention that non-linear activations are what matter, training methods, universal approximation or trade-offs."),
A('zh-Hans', 4.5, r"""
单层感知机只有输入层和输出层，中间只有一层权重，输出是对 $w^Tx+b$ 做阈值判断，所以决策边界是一个超平面，只能解决线性可分问题，比如没法学XOR。训练用感知机规则。
多层感知机在中间加入了隐藏层。非线性能力主要来自层数本身：只要堆叠了隐藏层，即使每层都用线性激活（恒等函数），多层组合也能拟合XOR这样的非线性边界，激活函数用ReLU、sigmoid主要是为了训练更快更稳定。MLP用反向传播和梯度下降训练，隐藏单元足够多时是万能近似器。
缺点是参数多、训练是非凸优化、容易过拟合，需要正则化和更多数据。
""", "SLP description correct, but claims stacked linear hidden layers give non-linear boundaries; linear layers compose to a linear map, so the non-linearity must come from the activations."),
)

item('002_5915a4a6d0caa1a9-b79824b120',
A('en', 10, r"""
There's no universal winner, but for most perception tasks deep wins. Theory first: a shallow net with a single hidden layer is already a universal approximator, so both can represent essentially any continuous function. The difference is efficiency. Some functions that a deep network expresses with a modest number of units would need exponentially many units in one hidden layer, so for the same accuracy deep nets typically need far fewer parameters. Depth also matches the compositional structure of real data: early layers learn edges, later layers parts and objects, giving reusable hierarchical features that tend to generalize better.
The costs: deeper networks are harder to optimize (vanishing/exploding gradients, hence ReLU, careful init, BatchNorm, residual connections), need more data and compute, have higher latency and can overfit. For small tabular problems a shallow model is often the better choice. So: depth when data is large and structured, shallow when it's small or simple.
""", "Complete: universal approximation for both, parameter efficiency of depth, hierarchical features, training/compute costs, when shallow is preferable."),
A('zh-Hant', 10, r"""
要看情況，但一般來說深層網路更有優勢。
理論上：萬能近似定理說一個隱藏層、單元夠多的淺層網路就能逼近任意連續函數，所以兩者「能表示的東西」差不多。
差別在效率：很多函數用深層網路只需要少量單元，淺層網路卻需要指數級的單元才能達到相同精度。所以同樣的參數量，深層網路表達能力更強；而且深層可以逐層學出越來越抽象的特徵（邊緣→紋理→部件→物體），這種層次化的表示更容易泛化。
但深層也有代價：更難訓練（梯度消失／爆炸，需要ReLU、好的初始化、BN、殘差連接）、需要更多資料和算力、推論延遲高、容易過擬合。資料量小或問題簡單（例如一般表格資料）時，淺層模型反而可能更好。
""", "Complete: both universal approximators, exponential efficiency of depth, hierarchical features, costs of depth, when shallow is better."),
A('zh-Hans', 4.5, r"""
我觉得一般深层网络更好，因为它能逐层学到更抽象的特征，比如图像里从边缘到物体部件。不过深层网络更难训练，也需要更多数据。
""", "Hierarchical features and training cost are correct, but misses universal approximation and the parameter-efficiency argument and when shallow nets are preferable."),
A('zh-Hans', 5, r"""
没有绝对的答案，但大多数任务上深层网络更好。
首先，从表达能力看，万能近似定理要求至少两个隐藏层，所以只有一个隐藏层的浅层网络无论加多少单元都无法逼近任意连续函数，这就是为什么一定要加深网络。
其次是效率：达到同样的精度，深层网络需要的参数和计算量往往少得多，有些函数浅层网络需要指数级的单元。深层网络还能学到层次化的特征，从低级的边缘到高级的语义，泛化更好。
缺点：深层网络训练更困难，会有梯度消失/爆炸，需要ReLU、BN、残差结构等；需要更多数据和算力，推理延迟更高。数据少或者任务简单时，浅层模型可能更合适。
""", "Efficiency, hierarchy and trade-offs correct, but wrongly states universal approximation needs two hidden layers; one hidden layer suffices, so shallow nets can approximate any continuous function."),
)

item('002_5915a4a6d0caa1a9-46fcc2fbe7',
A('en', 10, r"""
- Bias: error from wrong or overly simple assumptions; the model's average prediction (over training sets) is systematically off. Symptom: high training error and similar validation error, i.e. underfitting.
- Variance: error from sensitivity to the particular training sample; the fitted model changes a lot when the data change. Symptom: low training error but much higher validation error, i.e. overfitting.
- For squared error: E[(y − f̂)²] = bias² + variance + σ² (irreducible noise).
- Trade-off: more capacity lowers bias but raises variance, so test error is U-shaped in model complexity.
- Fixing high bias: bigger or more complex model, more/better features, train longer, reduce regularizaton.
- Fixing high variance: more training data, regularization (L2, dropout), early stopping, fewer features, ensembles like bagging.
""", "Complete: definitions, symptoms, decomposition, complexity trade-off, correct remedies for each."),
A('zh-Hans', 10, r"""
偏差是指模型预测的期望值和真实值之间的差距，来自模型假设过于简单或错误，比如用直线去拟合曲线；偏差大时训练误差和验证误差都很高，就是欠拟合。方差是指训练数据换一批时，模型预测的波动有多大，反映模型对训练样本（包括噪声）的敏感程度；方差大时训练误差低但验证误差高，就是过拟合。
平方误差可以分解为 偏差² + 方差 + 噪声。模型越复杂，偏差越小、方差越大，所以测试误差随复杂度是U形曲线，需要折中。
处理方法：高偏差时换更复杂的模型、增加特征、多训练一段时间、减小正则；高方差时增加数据、加正则（L2、dropout）、early stopping、减少特征或者用bagging集成。
""", "Complete: definitions, under/overfitting symptoms, decomposition, trade-off, correct remedies."),
A('zh-Hans', 5, r"""
偏差高就是欠拟合，训练集和验证集表现都差，可以用更复杂的模型；方差高就是过拟合，训练集好验证集差，可以加正则化或者增加数据。
""", "Symptoms and remedies correct, but no real definition of bias or variance, no decomposition or complexity trade-off."),
A('zh-Hant', 6, r"""
偏差（bias）：模型的平均預測和真實值之間的系統性誤差，來自過於簡單或錯誤的假設。偏差高時，訓練誤差和驗證誤差都很高，也就是欠擬合。
方差（variance）：換一份訓練資料時，模型預測會改變多少，代表模型對訓練樣本與雜訊的敏感度。方差高時訓練誤差很低但驗證誤差高，也就是過擬合。
期望平方誤差 = 偏差² + 方差 + 不可約雜訊；模型複雜度提高時偏差下降、方差上升，測試誤差呈U形。
處理方式：高偏差最有效的辦法是收集更多訓練資料，資料越多模型越不會欠擬合；另外也可以加特徵、換更大的模型。高方差則用正則化（L2、dropout）、early stopping、減少特徵或bagging。
""", "Definitions, decomposition and trade-off correct, but claims more training data is the main fix for high bias; more data reduces variance, it does not cure underfitting."),
)

item('002_5915a4a6d0caa1a9-9183690641',
A('en', 10, r"""
A parameter norm penalty is a regularizer added to the training objective: J̃(θ) = J(θ; X, y) + α·Ω(θ), where Ω is a norm of the weights and α ≥ 0 sets the strength (α = 0 means no regularization; larger α means stronger regularization and a simpler model). Usually only the weights are penalized, not the biases.
L2 (weight decay): Ω = ½||w||². The gradient gets an extra αw, so each step shrinks the weights multiplicatively toward zero, most strongly along directions the loss doesn't care about. Equivalent to MAP with a Gaussian prior. Weights become small but rarely exactly zero.
L1: Ω = ||w||₁ = Σ|w_i|. The gradient term is α·sign(w), a constant pull toward zero, which drives many weights exactly to zero, giving sparse models and feature selection. Equivalent to a Laplace prior.
Both can also be seen as constraining θ to a norm ball; they reduce variance/overfitting at the cost of some bias.
""", "Complete: general form and role of α, biases unpenalised, L2 mechanism and prior, L1 sparsity and prior, constraint view and bias-variance effect."),
A('zh-Hant', 10, r"""
參數範數懲罰就是在目標函數後面加一個對參數大小的懲罰項：
$\tilde J(\theta)=J(\theta)+\alpha\Omega(\theta)$，$\alpha$ 越大正則化越強。目的是限制模型容量、減少過擬合，一般只懲罰權重、不懲罰偏置。
常見兩種：
- L2（權重衰減）：$\Omega=\frac12\|w\|_2^2$，梯度多了一項 $\alpha w$，每次更新都把權重按比例縮小；對應高斯先驗的MAP。權重會變小但很少剛好是0。
- L1：$\Omega=\|w\|_1=\sum|w_i|$，梯度是 $\alpha\,\text{sign}(w)$，不論權重大小都以固定力度往0推，會產生稀疏解，可以做特徵選擇；對應拉普拉斯先驗。
也可以理解成把參數限制在一個範數球內的約束優化。
""", "Complete: general form and α, purpose, L2 and L1 mechanisms with priors, sparsity, constraint view."),
A('zh-Hant', 4.5, r"""
就是在損失函數裡加上權重的範數，例如L1或L2，讓權重不要太大，藉此減少過擬合。L1會讓一些權重變成0。
""", "Correct gist and L1 sparsity, but no formula or role of α, no L2 weight-decay mechanism, no prior/constraint interpretation."),
A('zh-Hans', 5.5, r"""
参数范数惩罚是在原来的损失上加一项对参数的惩罚：$\tilde J(\theta)=J(\theta)+\alpha\Omega(\theta)$，通常只惩罚权重、不惩罚偏置。
其中系数 $\alpha$ 越大，惩罚项的占比越小，模型越自由，正则化越弱；想要更强的正则化就把 $\alpha$ 调小。
- L2：$\Omega=\frac12\|w\|^2$，梯度多出 $\alpha w$，每步把权重按比例缩小，也叫权重衰减，对应高斯先验，权重变小但一般不为0。
- L1：$\Omega=\sum|w_i|$，梯度是 $\alpha\,sign(w)$，以常数力度推向0，产生稀疏解，可用于特征选择，对应拉普拉斯先验。
作用都是限制模型复杂度、降低方差、减少过拟合，也可以看作把参数约束在一个范数球里。
""", "L1/L2 content correct, but the role of α is inverted: a larger α means stronger regularization, not weaker."),
)

item('002_5915a4a6d0caa1a9-14bbae5e5b',
A('en', 10, r"""
Early stopping treats the number of training steps as a hyperparameter. While training, you periodically evaluate on a held-out validation set. Training error keeps falling, but at some point validation error stops improving and starts rising, which means the model is starting to overfit. You keep a copy of the parameters each time the validation metric improves, stop once it hasn't improved for a 'patience' number of epochs, and return the best checkpoint, not the last one.
It's a regularizer: limiting how far the parameters travel from their initialization restricts the effective capacity; for a linear model with quadratic loss and gradient descent it's roughly equivalent to L2 weight decay with α ≈ 1/(ητ). It's cheap, needs no change to the model or loss, and can be combined with other regularizers. The cost is a validation set; afterwards you can retrain on train+val for the same number of steps.
""", "Complete: validation monitoring, patience, restoring the best checkpoint, regularisation interpretation incl. L2 equivalence, costs and retraining."),
A('zh-Hans', 10, r"""
Early stopping（提前停止）就是训练过程中定期在验证集上评估。训练误差一般会一直下降，但验证误差降到某个点后会开始上升，说明开始过拟合了。做法：每次验证指标变好就保存一份模型参数，如果连续若干个epoch（patience）都没有提升就停止训练，最后返回验证集上最好的那一份参数，而不是最后一次的。
它是一种正则化方法，相当于把训练步数当成超参数来选：限制了参数离初始值能走多远，从而限制了模型的有效容量。对线性模型加平方损失，它和L2正则近似等价。优点是简单、几乎没有额外开销、不用改模型和损失。缺点是需要单独的验证集，可以之后用全部数据按同样的步数再训练一次。
""", "Complete: validation curve, patience and best checkpoint, regularisation view and L2 equivalence, pros and cons."),
A('zh-Hans', 4.5, r"""
就是训练的时候同时看验证集的loss，验证集loss不再下降、开始上升的时候就停止训练，这样可以防止过拟合，算是一种正则化方法。
""", "Correct basic idea, but no patience/best-checkpoint mechanics, no explanation of why it regularises, no trade-offs."),
A('zh-Hans', 4, r"""
Early stopping 是一种正则化方法。训练时每个epoch都记录训练集上的loss，当训练loss不再下降、进入平台期或开始上升时就停止，这时模型已经学到了能学的东西，再训练只会过拟合。
实现上一般设置patience，比如连续5个epoch没有改进就停，同时保存指标最好的那个checkpoint，最后用它而不是最后一个epoch的模型。
原理：它限制了参数从初始值出发能走多远，相当于限制了模型的有效容量；对于线性模型和平方损失，early stopping 和 L2 权重衰减近似等价。
优点是简单、计算上几乎零成本、不需要改模型，还可以和其他正则化方法一起用。
""", "Mechanics and theory right, but monitors the training loss instead of a validation loss; training loss keeps decreasing while overfitting, so the stopping criterion is wrong on the central point."),
)

item('002_5915a4a6d0caa1a9-2efe8d83c7',
A('en', 10, r"""
An autoencoder is a network trained to reproduce its input. It has two parts: an encoder h = f(x) that maps the input to a code (latent representation) and a decoder r = g(h) that reconstructs the input from it. Training minimizes a reconstruction loss such as ||x − g(f(x))||² with backprop; no labels are needed, so it's unsupervised (self-supervised).
Copying perfectly would be useless, so the model is constrained: the classic undercomplete AE has a bottleneck smaller than the input, forcing it to keep only the most salient structure. A linear AE with MSE learns the same subspace as PCA; non-linear ones generalize that. Other ways to regularize: sparse AEs, denoising AEs (reconstruct clean x from a corrupted input), contractive AEs; variational AEs make the latent space probabilistic so you can sample new data.
Uses: dimensionality reduction, feature learning and pretraining, denoising, anomaly detection via high reconstruction error.
""", "Complete: encoder/decoder, reconstruction loss, unsupervised, need for a bottleneck or other constraint, PCA link, variants, uses."),
A('zh-Hans', 10, r"""
自编码器是一种无监督（自监督）的神经网络，目标是让输出尽量还原输入。
结构：编码器 $h=f(x)$ 把输入压缩成隐变量/编码，解码器 $\hat x=g(h)$ 再从编码重建输入，损失是重建误差，比如 $\|x-g(f(x))\|^2$，用反向传播训练，不需要标签。
关键是要加约束，否则网络直接学会恒等映射就没有意义了：最常见的是欠完备自编码器，中间瓶颈层维度比输入小，逼它只保留最重要的信息；线性自编码器加MSE学到的子空间和PCA一样。还有稀疏自编码器、去噪自编码器（输入加噪声，重建干净的输入）、VAE（编码成分布，可以采样生成新数据）。
应用：降维、特征提取/预训练、去噪、异常检测（重建误差大的可能是异常）。
""", "Complete: structure, loss, unsupervised training, bottleneck/constraint rationale, PCA link, variants, applications."),
A('zh-Hant', 5, r"""
自編碼器是一種無監督的網路，先把輸入壓縮成一個比較小的表示，再從這個表示重建輸入，訓練目標就是讓輸出和輸入越接近越好，可以用來降維。
""", "Correct encoder/decoder and reconstruction idea, but no loss formula, no reasoning about why the bottleneck matters, no variants or other uses."),
A('zh-Hans', 5, r"""
自编码器是一种无监督学习的神经网络，把目标输出设成输入本身。它由编码器 $h=f(x)$ 和解码器 $r=g(h)$ 组成，最小化重建误差 $L(x,g(f(x)))$（比如MSE），用反向传播训练，不需要标签。
为了不丢信息，中间编码层的维度应该设得比输入更大（过完备），这样网络有足够的容量把所有细节都保存下来，正是这种大的编码层迫使它学到有用的特征。
常见变体：去噪自编码器（对输入加噪声，重建干净输入）、稀疏自编码器（对编码加稀疏惩罚）、变分自编码器VAE（隐空间是概率分布，可以采样生成）。线性自编码器加MSE时和PCA学到的子空间相同。
应用：降维和可视化、特征学习/预训练、图像去噪、异常检测（重建误差大的样本可能是异常）。
""", "Architecture, loss, variants and uses correct, but claims an overcomplete code is what forces useful features; without other constraints it just learns the identity, the classic AE uses an undercomplete bottleneck."),
)

item('002_5915a4a6d0caa1a9-e676230e09',
A('en', 10, r"""
A GAN trains two networks against each other. The generator G takes random noise z ~ p(z) and outputs a sample G(z); it implicitly defines a distribution p_g that we can sample from but not evaluate. The discriminator D(x) outputs the probability that x came from the real data rather than from G.
They play a minimax game:
min_G max_D E_{x~data}[log D(x)] + E_z[log(1 − D(G(z)))].
Training alternates: update D (G fixed) to separate real from fake better, then update G (D fixed) by backpropagating through D so its samples get classified as real. In practice G maximizes log D(G(z)) instead (non-saturating loss) to get useful gradients early on.
For a fixed G the optimal D is p_data/(p_data + p_g); plugging it in, G minimizes the Jensen–Shannon divergence between p_data and p_g, so the global optimum is p_g = p_data with D = 1/2 everywhere.
Known problems: unstable training, mode collapse, vanishing gradients when D is too strong (addressed by WGAN, spectral norm, etc.). Variants: DCGAN, conditional GAN, StyleGAN.
""", "Complete: roles of G and D, minimax objective, alternating training and non-saturating loss, optimal D and JS divergence, equilibrium, failure modes and variants."),
A('zh-Hant', 10, r"""
GAN 由兩個網路組成：
- 生成器 G：輸入隨機雜訊 $z$，輸出假樣本 $G(z)$，目標是讓生成的分佈 $p_g$ 接近真實資料分佈；
- 判別器 D：輸入一個樣本，輸出它是真實資料的機率。
兩者玩一個極小極大遊戲：
$\min_G\max_D\ E_{x\sim p_{data}}[\log D(x)]+E_{z}[\log(1-D(G(z)))]$
訓練時交替進行：固定G更新D，讓它更會分辨真假；再固定D更新G，讓D把假樣本判成真的。實作上G通常改成最大化 $\log D(G(z))$，避免初期梯度太小。
理論上，固定G時最佳判別器是 $D^*=\frac{p_{data}}{p_{data}+p_g}$，代回去後G等於在最小化 $p_{data}$ 和 $p_g$ 的JS散度，最優解是 $p_g=p_{data}$，此時D處處輸出1/2。
常見問題：訓練不穩定、mode collapse、判別器太強導致梯度消失；改進有WGAN、DCGAN、條件GAN等。
""", "Complete: roles, objective, alternating training, non-saturating trick, optimal D, JS divergence and equilibrium, problems and variants."),
A('zh-Hans', 5, r"""
GAN有一个生成器和一个判别器。生成器从随机噪声生成假数据，判别器判断数据是真的还是生成的，两个网络互相对抗、交替训练，最后生成器能生成以假乱真的数据。
""", "Roles and adversarial alternating training correct, but no objective function, no optimal-D/JS analysis, no training difficulties."),
A('zh-Hant', 5.5, r"""
GAN 包含生成器G和判別器D。G把隨機雜訊 $z$ 映射成樣本 $G(z)$，定義了一個隱式分佈 $p_g$；D輸出輸入樣本來自真實資料的機率。
目標函數是極小極大遊戲：
$\min_G\max_D\ E_{x\sim p_{data}}[\log D(x)]+E_z[\log(1-D(G(z)))]$
交替訓練：固定G訓練D；再固定D，透過D反向傳播更新G。實際上常用非飽和損失，讓G最大化 $\log D(G(z))$。
理論上，在全域最優點 $p_g=p_{data}$，這時判別器對真實樣本輸出1、對生成樣本輸出0，完美地分開兩者，這就代表訓練收斂了；G在這個過程中等價於最小化真實分佈和生成分佈的JS散度。
常見問題：訓練不穩定、mode collapse、梯度消失；改進方法有WGAN、譜歸一化、DCGAN、條件GAN。
""", "Objective, alternation and JS link right, but wrongly states that at the optimum D outputs 1 for real and 0 for fake; when p_g = p_data the optimal D is 1/2 everywhere."),
)

# =====================================================================
# Note 004 (English questions)
# =====================================================================

item('004_097d155c1b2f4d21-41e0c23743',
A('en', 10, r"""
Vanilla (Elman) RNN, for time step t:
h_t = tanh(W_xh x_t + W_hh h_{t−1} + b_h)
y_t = W_hy h_t + b_y   (then softmax(y_t) for classification)
with h_0 usually zeros. Equivalently h_t = tanh(W[x_t; h_{t−1}] + b) with the two matrices concatenated.
Key points: the same W_xh, W_hh, W_hy are shared across all time steps, which is what lets it handle sequences of any length; the hidden state h_t summarizes the past. Training uses backpropagation through time: ∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh, and the gradient over k steps is a product of k such Jacobians, so it vanishes or explodes depending on the spectrum of W_hh. That is the motivation for gradient clipping and for LSTM/GRU.
""", "Complete: correct recurrence and output equations, initial state, weight sharing across time, BPTT and the Jacobian product behind vanishing/exploding gradients."),
A('zh-Hans', 10, r"""
最基本的RNN：
$$h_t=\tanh(W_{xh}x_t+W_{hh}h_{t-1}+b_h)$$
$$o_t=W_{hy}h_t+b_y,\quad \hat y_t=\text{softmax}(o_t)$$
$h_0$ 一般初始化为0。也可以把 $x_t$ 和 $h_{t-1}$ 拼起来写成 $h_t=\tanh(W[x_t,h_{t-1}]+b)$。输出层看任务而定：分类接softmax，回归就直接用线性输出。
要点：
1. 所有时间步共享同一组参数 $W_{xh},W_{hh},W_{hy}$，所以能处理任意长度的序列；
2. $h_t$ 相当于对之前所有输入的记忆；
3. 训练用BPTT，梯度里有 $\prod \text{diag}(\tanh')W_{hh}$ 的连乘，$W_{hh}$ 的谱半径大于1容易爆炸、小于1容易消失，所以有梯度裁剪和LSTM/GRU。
""", "Complete: recurrence and output equations, initial state, weight sharing, BPTT and vanishing/exploding via the Jacobian product."),
A('zh-Hans', 6, r"""
$h_t=\tanh(Wx_t+Uh_{t-1}+b)$，输出 $y_t=Vh_t$。每一步的隐藏状态由当前输入和上一步的隐藏状态决定。
""", "Core recurrence is correct, which is most of a formula question, but nothing on weight sharing, initial state, output nonlinearity or BPTT."),
A('zh-Hans', 4, r"""
RNN 每个时间步的计算：
$$h_t=\tanh(W_t x_t+U_t h_{t-1}+b)$$
$$y_t=\text{softmax}(V h_t+c)$$
$h_0$ 通常取全0。这里每个时间步都有自己独立的一套权重 $W_t,U_t$，这样模型可以针对序列中不同位置学习不同的变换，序列有多长就展开多少组参数。
隐藏状态 $h_t$ 汇总了到当前为止的历史信息。训练用随时间反向传播（BPTT），梯度需要沿时间连乘 $\partial h_t/\partial h_{t-1}=\text{diag}(1-h_t^2)U_t$，时间跨度长时容易梯度消失或爆炸，所以实际常用梯度裁剪，或者换成LSTM/GRU。
""", "Equation form and BPTT discussion right, but claims separate weights per time step; an RNN shares the same W, U, V across all steps, which is essential to the model."),
)

item('004_097d155c1b2f4d21-377555fad6',
A('en', 10, r"""
Per time step, with σ = sigmoid and ⊙ the elementwise product:
f_t = σ(W_f x_t + U_f h_{t−1} + b_f)   forget gate
i_t = σ(W_i x_t + U_i h_{t−1} + b_i)   input gate
o_t = σ(W_o x_t + U_o h_{t−1} + b_o)   output gate
g_t = tanh(W_c x_t + U_c h_{t−1} + b_c)   candidate cell
c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
h_t = o_t ⊙ tanh(c_t)
The gates are in (0,1) and act as soft switches: f decides how much old memory to keep, i how much of the new candidate to write, o how much of the cell to expose as h_t. The point of the design is the additive cell update: ∂c_t/∂c_{t−1} = f_t (elementwise), so when f ≈ 1 gradients flow over many steps without being repeatedly multiplied by a weight matrix, which greatly reduces vanishing gradients (not exploding ones; still clip). The forget-gate bias is often initialized to 1.
""", "Complete: all gate, candidate, cell and hidden equations, roles of each gate, why the additive cell path fixes vanishing gradients, practical notes."),
A('zh-Hans', 10, r"""
LSTM在普通RNN基础上加了一个细胞状态 $c_t$ 和三个门：
$$f_t=\sigma(W_f[h_{t-1},x_t]+b_f)\quad\text{遗忘门}$$
$$i_t=\sigma(W_i[h_{t-1},x_t]+b_i)\quad\text{输入门}$$
$$\tilde c_t=\tanh(W_c[h_{t-1},x_t]+b_c)\quad\text{候选记忆}$$
$$c_t=f_t\odot c_{t-1}+i_t\odot\tilde c_t$$
$$o_t=\sigma(W_o[h_{t-1},x_t]+b_o),\quad h_t=o_t\odot\tanh(c_t)$$
门用sigmoid，输出在0~1之间，相当于开关：遗忘门决定保留多少旧记忆，输入门决定写入多少新信息，输出门决定细胞状态有多少输出到隐藏状态。候选记忆和输出用tanh。
为什么能缓解梯度消失：细胞状态是加法更新，$\partial c_t/\partial c_{t-1}=f_t$，遗忘门接近1时梯度可以几乎无损地传很多步，不像RNN那样反复乘 $W_{hh}$。梯度爆炸还是要靠梯度裁剪。实践中遗忘门偏置常初始化为1。
""", "Complete: full equations, gate roles, additive cell update and gradient flow, practical notes."),
A('zh-Hans', 4.5, r"""
LSTM有遗忘门、输入门和输出门，还有一个cell state。门用sigmoid控制信息保留多少，这样可以缓解RNN的梯度消失问题，能记住更长的依赖。
""", "Names gates, cell state and purpose correctly, but gives no equations (the point of the question) and no explanation of the additive update."),
A('zh-Hant', 5, r"""
LSTM 每個時間步：
$f_t=\sigma(W_f x_t+U_f h_{t-1}+b_f)$
$i_t=\sigma(W_i x_t+U_i h_{t-1}+b_i)$
$o_t=\sigma(W_o x_t+U_o h_{t-1}+b_o)$
$\tilde c_t=\tanh(W_c x_t+U_c h_{t-1}+b_c)$
$c_t=f_t\odot c_{t-1}+i_t\odot\tilde c_t$
$h_t=o_t\odot\tanh(c_t)$
三個門都是sigmoid，值在0到1之間。遺忘門 $f_t$ 表示要「忘掉」多少舊記憶：$f_t$ 接近1時舊的細胞狀態會被清除，接近0時才會完整保留，所以想記住長期資訊時遺忘門應該輸出接近0。輸入門決定寫入多少候選記憶，輸出門決定細胞狀態有多少輸出到 $h_t$。
細胞狀態是加法更新，梯度沿 $c_t$ 傳遞時不用反覆乘權重矩陣，因此緩解了梯度消失；梯度爆炸仍需要梯度裁剪。
""", "Equations correct, but forget-gate semantics inverted: from c_t = f_t⊙c_{t−1}+…, f_t≈1 keeps the old memory and f_t≈0 erases it."),
)

item('004_097d155c1b2f4d21-5ce54d6032',
A('en', 10, r"""
A factorization machine predicts from a (usually very sparse) feature vector x ∈ R^n as
ŷ(x) = w₀ + Σ_i w_i x_i + Σ_{i<j} ⟨v_i, v_j⟩ x_i x_j,
where each feature i has a weight w_i and a k-dimensional latent vector v_i. The key idea: instead of a free weight w_ij for every pair (n² parameters, and impossible to learn for pairs that never co-occur in sparse data like one-hot user/item IDs), the interaction weight is factorized as ⟨v_i, v_j⟩. Parameters drop to O(nk), and interactions for unseen pairs are estimated through the shared latent factors.
The pairwise term looks O(kn²) but can be rewritten as
½ Σ_{f=1}^k [ (Σ_i v_{i,f} x_i)² − Σ_i v_{i,f}² x_i² ],
which is O(kn), really O(k·nnz(x)). FMs are trained with SGD, ALS or MCMC on regression, classification or ranking losses. They generalize matrix factorization (x = one-hot user + item) and are a workhorse for CTR prediction; extensions include FFM and DeepFM.
""", "Complete: model equation, factorised pairwise weights and why they help with sparsity, parameter count, O(kn) reformulation, training and relation to MF/CTR."),
A('zh-Hant', 10, r"""
FM（因子分解機）的模型：
$$\hat y(x)=w_0+\sum_{i=1}^n w_ix_i+\sum_{i=1}^n\sum_{j=i+1}^n\langle v_i,v_j\rangle x_ix_j$$
前兩項是線性模型，第三項是二階特徵交叉。重點是交叉權重不是每一對特徵各自學一個 $w_{ij}$，而是給每個特徵一個 $k$ 維隱向量 $v_i$，用內積 $\langle v_i,v_j\rangle$ 表示。好處：
1. 參數從 $O(n^2)$ 降到 $O(nk)$；
2. 在推薦/CTR這種極度稀疏的one-hot資料中，很多特徵組合從未一起出現過，$w_{ij}$ 學不到，但隱向量是共享的，仍能估計交叉權重，泛化更好。
計算上二階項可以化簡：
$$\frac12\sum_{f=1}^k\Big[\big(\sum_i v_{i,f}x_i\big)^2-\sum_i v_{i,f}^2x_i^2\Big]$$
複雜度從 $O(kn^2)$ 降到 $O(kn)$（實際只算非零特徵）。用SGD訓練；矩陣分解可視為FM的特例，後續有FFM、DeepFM等。
""", "Complete: equation, latent-vector factorisation and its benefit for sparse data, parameter count, O(kn) identity, training and relations."),
A('zh-Hans', 5, r"""
FM 在线性回归的基础上加了二阶特征交叉项，每个特征有一个隐向量，交叉项的权重用两个隐向量的内积表示，适合推荐这种稀疏数据。
""", "Correct model idea (latent-vector inner products, sparse data), but no formula, no O(kn) reformulation and no explanation of why factorisation generalises."),
A('zh-Hans', 6, r"""
FM 的预测公式：
$\hat y=w_0+\sum_i w_ix_i+\sum_{i<j}\langle v_i,v_j\rangle x_ix_j$
每个特征 $i$ 有一个一阶权重 $w_i$ 和一个 $k$ 维隐向量 $v_i$，两两交叉的权重用隐向量内积表示，而不是单独学 $w_{ij}$。这样参数量是 $O(nk)$，而且在one-hot后极其稀疏的数据上，没有同时出现过的特征对也能通过共享的隐向量得到交叉权重，泛化能力强，常用于CTR预估和推荐。
计算上，二阶项可以改写为：
$\frac12\sum_{f=1}^k\Big[\big(\sum_i v_{i,f}x_i\big)^2+\sum_i v_{i,f}^2x_i^2\Big]$
即“和的平方加上平方的和”再除以2，复杂度从 $O(kn^2)$ 降到 $O(kn)$。
训练可以用SGD、ALS或MCMC；矩阵分解是FM只有user和item两个one-hot特征时的特例，扩展有FFM、DeepFM。
""", "Model, motivation and complexity claim right, but the reformulation has the wrong sign: it is ½Σ_f[(Σv x)² − Σv²x²], subtracting the squared terms."),
)


# =====================================================================
def main():
    rows = []
    for qid, kinds in ITEMS:
        q = QS[qid]
        so_id = f'{qid}-strong_other_lang'
        for kind in KINDS:
            lang, gold, answer, rationale = kinds[kind]
            rows.append({
                'id': f'{qid}-{kind}',
                'item_id': qid,
                'question': q['question'],
                'kind': kind,
                'lang': lang,
                'answer': answer,
                'gold': gold,
                'rationale': rationale,
                'twin': so_id if kind in ('partial_other_lang', 'one_wrong_other_lang') else None,
            })
    with open(OUT, 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(f'wrote {len(rows)} rows for {len(ITEMS)} questions to {OUT}')


if __name__ == '__main__':
    main()
