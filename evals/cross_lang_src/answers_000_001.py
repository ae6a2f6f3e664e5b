"""The answers to the questions of notes 000 and 001, as the helper wrote them."""
from common import A, item  # noqa: F401

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
