from common import emit
H, T, E = 'zh-Hans', 'zh-Hant', 'en'
items = [
('865dd166eb', [
 ('terse_correct', H, r"就是成功的概率除以失败的概率，odds = p/(1-p)。", 6.5, "Gives the correct definition p/(1-p); omits log-odds/logit."),
 ('thorough_correct', H, r"""odds of success（成功的几率）是成功概率和失败概率之比：
$odds = \frac{p}{1-p}$
- 取值范围是 $(0, +\infty)$，p=0.5 时 odds=1；比如 p=0.8，odds=4，也就是常说的“4 比 1”。
- 对 odds 取对数得到 log-odds，也叫 logit：$logit(p)=\log\frac{p}{1-p}$，取值范围是整个实数轴。
- 逻辑回归本质上就是假设 logit 是特征的线性函数 $\log\frac{p}{1-p}=w^Tx+b$，反过来解出 p 就是 sigmoid。""", 10, "Correct definition, range, example, log-odds/logit and link to logistic regression."),
 ('termfree_correct', T, r"""就是把「會成」的機會拿去跟「不會成」的機會比。例如一件事有 75% 會成、25% 不會成，那比例就是 3 比 1，也就是 3。機會一半一半時這個比值剛好是 1，成的機會越大比值越往無窮大走。很多模型會再對這個比值取對數，這樣數值可以落在負無窮到正無窮，方便用線性式子去擬合。""", 8.5, "Explains p/(1-p) by example and the log transform without naming odds/logit; correct and nearly complete."),
 ('one_wrong', H, r"""odds of success 是失败概率和成功概率之比：
$odds = \frac{1-p}{p}$
- 取值范围是 $(0, +\infty)$，p=0.5 时 odds=1。
- 对 odds 取对数得到 log-odds，也叫 logit，取值范围是整个实数轴。
- 逻辑回归就是假设 logit 是特征的线性函数 $w^Tx+b$，反解出来就是 sigmoid。""", 3, "Core definition inverted ((1-p)/p); the rest is right but the central formula is wrong."),
 ('fluent_wrong', H, r"""odds of success 其实就是成功的概率 p 本身，只是在统计里换了一个叫法，比如 p=0.8 那 odds 就是 0.8。对它取 log 得到的 log p 就叫 log-likelihood，逻辑回归最大化的就是这个量，所以 odds 和 likelihood 本质是同一个东西。""", 0.5, "Confuses odds with probability and log-odds with log-likelihood; substantively wrong."),
 ('partial', H, r"""odds 应该是衡量成功可能性的一个量吧，跟概率有关，好像是某种比值……逻辑回归里面会用到它取 log 的形式。具体公式我有点记不清了。""", 3, "Vague: mentions a ratio and the log form but gives no definition."),
 ('code_switched', H, r"""odds 就是 success 的 probability 和 failure 的 probability 的 ratio，也就是 p/(1-p)。取 log 之后叫 log-odds 或者 logit，range 是 (-∞, +∞)。Logistic regression 其实就是假设 logit 是 x 的 linear function，inverse 就是 sigmoid。""", 9.5, "Correct definition, logit, and its role in logistic regression."),
 ('related_other', T, r"""Likelihood 是在給定參數 θ 的情況下，觀測到這批數據的機率，當成 θ 的函數來看：$L(\theta)=\prod_i p(x_i|\theta)$。通常取對數變成 log-likelihood 方便計算，最大概似估計就是找讓它最大的 θ。""", 0.5, "Correctly explains likelihood/MLE, which is not what odds are."),
]),
('643284109a', [
 ('terse_correct', T, r"""一階導叫 score function。Fisher information 就是 score 的變異數，也等於對數似然二階導取負號後的期望。""", 7, "Names the score and gives the Fisher information definition in one line; no bound or details."),
 ('thorough_correct', H, r"""1. 对数似然 $l(\theta)=\log L(\theta)$ 对参数的一阶导数叫 **score function**：$s(\theta)=\frac{\partial l(\theta)}{\partial\theta}$。在真实参数处它的期望为 0。

2. **Fisher Information** 衡量数据对参数携带多少信息，定义为对数似然二阶导（曲率）的负期望：
$$I(\theta)=-\mathbb{E}\left[\frac{\partial^2 l(\theta)}{\partial\theta^2}\right]$$
在正则条件下（求导和积分可交换、模型设定正确）也等于 score 的二阶矩/方差：
$$I(\theta)=\mathbb{E}\left[\left(\frac{\partial l}{\partial\theta}\right)^2\right]=Var(s(\theta))$$
曲率越大，似然函数在峰值附近越尖，参数估计越精确。

3. 它给出 Cramér–Rao 下界：任何无偏估计 $\hat\theta$ 满足 $Var(\hat\theta)\ge 1/I(\theta)$。n 个 iid 样本时信息量是 $nI_1(\theta)$；多参数时是 Fisher 信息矩阵。""", 10, "Score, both forms of Fisher information, regularity conditions and the Cramér–Rao bound; complete."),
 ('termfree_correct', H, r"""对数似然关于参数求一次导得到的那个量，衡量的是参数稍微动一下似然变化多快；在真值处它平均为零。至于“信息量”：可以看对数似然在最高点附近弯得有多厉害——把二阶导数取负号再对数据求平均，弯得越陡说明数据把参数钉得越死，信息越多；它也等于一阶导那个量的波动大小（方差）。而且任何不偏的估计量，方差都不可能小于这个信息量的倒数。""", 7, "Correct content (mean-zero first derivative, negative expected curvature = variance, inverse-variance bound) but never names the score function, which the question asks for."),
 ('one_wrong', H, r"""1. 对数似然 $l(\theta)$ 对参数的一阶导数叫 **score function**：$s(\theta)=\partial l/\partial\theta$，在真实参数处期望为 0。

2. **Fisher Information** 定义为对数似然二阶导的负期望：
$$I(\theta)=-\mathbb{E}\left[\frac{\partial^2 l(\theta)}{\partial\theta^2}\right]$$
正则条件下也等于 $\mathbb{E}[s^2]=Var(s)$。曲率越大，似然越尖。

3. 对任何无偏估计 $\hat\theta$，有 $Var(\hat\theta)\le 1/I(\theta)$，也就是说 Fisher 信息给出了估计方差的上界，信息越多方差上界越小。n 个 iid 样本时信息量是 $nI_1(\theta)$。""", 6.5, "Definitions are right, but the Cramér–Rao inequality is reversed (stated as an upper bound)."),
 ('fluent_wrong', H, r"""log-likelihood 的一阶导数叫做 Hessian，它描述了似然曲面的曲率。Fisher Information 定义为 log-likelihood 本身的期望 $I(\theta)=\mathbb{E}[l(\theta)]$，本质上就是模型输出分布的熵，Fisher 信息越大说明参数越不确定，估计的方差也越大。""", 0.5, "Misnames the derivative, wrong definition of Fisher information and inverted interpretation."),
 ('partial', T, r"""一階導數叫 score function。Fisher information 好像跟二階導數有關，是在描述對數似然的曲率吧，具體公式我記不太清楚了，應該有個期望在裡面。""", 4, "Names the score correctly; Fisher information only vaguely described, no formula."),
 ('code_switched', H, r"""一阶导叫 score function，$s(\theta)=\partial \log L/\partial\theta$，在 true θ 下 expectation 是 0。Fisher information $I(\theta)=Var(s)=\mathbb{E}[s^2]$，满足 regularity condition 的话也等于 $-\mathbb{E}[\partial^2 l/\partial\theta^2]$，就是 log-likelihood 的 expected curvature。它的意义是 Cramér–Rao lower bound：unbiased estimator 的 variance ≥ 1/I(θ)。""", 9.5, "Complete and correct: score, both forms, bound."),
 ('related_other', H, r"""log-likelihood 的二阶导数组成的矩阵叫 Hessian。牛顿法用它来做优化：$\theta \leftarrow \theta - H^{-1}\nabla l(\theta)$，在最优点附近是二次收敛的，比梯度下降快，但每一步要求逆矩阵，参数多的时候代价很大，所以深度学习里一般用拟牛顿或者一阶方法。""", 1, "Correct about the Hessian and Newton's method, but neither names the score nor defines Fisher information."),
]),
('741715227e', [
 ('terse_correct', H, r"""事件发生的概率越小，它真的发生时带来的惊讶、也就是信息量越大，可以写成 -log p。""", 7, "Core idea and the -log p formula; no mention of p=1 case or entropy as average surprise."),
 ('thorough_correct', T, r"""在資訊理論裡，surprise（也叫 self-information）衡量一個事件發生時帶給我們多少資訊：
$$I(x)=-\log_2 p(x)\ \text{(bits)}$$
- 機率越小的事件真的發生了，我們越驚訝，它推翻了我們原本「這不太可能」的認知，所以資訊量越大。例如 p=0.1 時大約是 3.32 bits。
- 必然發生的事件（p=1）的 surprise 是 0，因為它沒有告訴我們任何新東西。
- 兩個獨立事件同時發生，surprise 是相加的（log 把乘法變加法），這也是為什麼用 log。
- Entropy 就是 surprise 的期望值：$H(X)=\mathbb{E}[-\log p(X)]$，所以熵也可以叫做 average surprise。""", 10, "Formula, intuition, p=1 case, additivity and entropy as expected surprise."),
 ('termfree_correct', T, r"""越不可能發生的事情如果真的發生了，你從中學到的東西就越多；一件百分之百會發生的事發生了，等於什麼都沒告訴你。所以可以用「機率的倒數再取對數」來量這個意外程度，機率 1 得到 0，機率很小就得到很大的數。把每種結果的意外程度按照它出現的機率平均起來，就是整個分佈平均有多不確定。""", 8.5, "Explains self-information and entropy as its average in plain words; complete in meaning."),
 ('one_wrong', H, r"""surprise（self-information）衡量一个事件发生时带来多少信息：$I(x)=-\log_2 p(x)$ bits。
- 概率越小的事件发生时我们越惊讶，信息量越大；p=0.1 大约 3.32 bits。
- p=1 的事件 surprise 为 0。
- 两个独立事件同时发生时，总的 surprise 等于各自 surprise 的乘积。
- Entropy 是 surprise 的期望：$H(X)=\mathbb{E}[-\log p(X)]$，即 average surprise。""", 6.5, "All correct except the claim that surprises of independent events multiply (they add)."),
 ('fluent_wrong', T, r"""Surprise 指的是高機率事件帶來的資訊：一個事件越常發生，它出現的次數越多，累積給我們的資訊就越多，所以 surprise 定義為 $\log p(x)$，p 越大 surprise 越大。Entropy 則是所有事件中最大的那個 surprise，代表系統最確定的狀態。""", 0.5, "Inverts the relationship between probability and information; entropy definition wrong."),
 ('partial', H, r"""surprise 应该跟事件的概率有关吧，发生了意外的事情信息量会比较大……具体怎么定义我不太确定，可能和熵有点关系。""", 3.5, "Hedged gist (unexpected events carry more information) without a definition or formula."),
 ('code_switched', H, r"""surprise 其实就是 self-information，$I(x)=-\log p(x)$。一个 event 的 probability 越低，它 happen 了我们越 surprised，带来的 information 越多；p=1 的话 surprise 就是 0，没有 new information。Entropy 就是 expected surprise，$H=\mathbb{E}[-\log p(x)]$。""", 9.5, "Correct definition, intuition, p=1 case and entropy link."),
 ('related_other', H, r"""cross-entropy 是 $H(p,q)=-\sum_x p(x)\log q(x)$，表示用分布 q 去编码来自 p 的数据平均需要多少 bits，分类任务里 p 是 one-hot 标签、q 是 softmax 输出，就变成 $-\log q_{y}$，所以常用作分类的 loss。""", 1, "Correct explanation of cross-entropy, not of surprise."),
]),
('e8067f05c3', [
 ('terse_correct', H, r"""8 bits，因为每个值概率 1/256，熵就是 log2(256)=8。""", 8.5, "Correct answer with the reason; the question has little more to it."),
 ('thorough_correct', H, r"""像素取值 0~255 共 256 个值，均匀分布下 $P_a = 1/256$。代入熵公式：
$$H=-\sum_{a=0}^{255}\frac{1}{256}\log_2\frac{1}{256}=\log_2 256 = 8\ \text{bits}$$
所以平均需要 8 bits，也就是 1 byte。因为均匀分布是离散分布里熵最大的，这个像素已经没法再无损压缩得更短了，这也是为什么 uint8 正好够用；如果像素分布不均匀（自然图像通常如此），熵会小于 8，才有压缩空间。""", 10, "Correct computation, answer 8 bits, and correct remarks on uniform being max-entropy."),
 ('termfree_correct', T, r"""256 種取值每一種都一樣可能，那每問一次「是不是在前半段」就能排除一半，要問 8 次才能確定到底是哪一個值（2 的 8 次方是 256），所以平均要 8 個二進位位元，剛好一個位元組。""", 9, "Correct result via a halving argument, without the entropy formula."),
 ('one_wrong', T, r"""像素取值 0~255，均勻分佈下 $P_a=1/256$：
$$H=-\sum_{a}\frac{1}{256}\log_2\frac{1}{256}=\log_2 256=8\ \text{bits}$$
所以平均需要 8 bits，也就是 1 byte。不過均勻分佈是熵最小的分佈，所以實際上用 Huffman 編碼還能把它壓得比 8 bits 更短。""", 6, "Right computation and answer, but claims the uniform distribution has minimum entropy and can be compressed below 8 bits."),
 ('fluent_wrong', H, r"""像素有 256 种取值，在深度学习 pipeline 里一般先做 one-hot 编码，每个取值对应一个维度，所以需要 256 个 bit。用熵公式也一样：$H=\sum_a P_a \cdot 256 = 256$ bits，这就是为什么图像输入这么占内存。""", 0.5, "Wrong answer (256 bits) and a nonsensical entropy computation."),
 ('partial', H, r"""用熵公式 $-\sum p\log_2 p$ 算，每个值 p 都是 1/256，代进去就行……结果大概是几个 bit 吧，我印象里像素一般是用一个字节存的。""", 4, "Right method set up but no committed result; only an indirect hint at 8 bits."),
 ('code_switched', H, r"""uniform distribution 下每个 value 的 probability 是 1/256，所以 entropy $H=-\sum (1/256)\log_2(1/256)=\log_2 256=8$ bits，刚好一个 byte。Uniform 已经是 max entropy 了，所以这个 pixel 没办法再 lossless compress。""", 10, "Correct and complete."),
 ('related_other', H, r"""一个 float32 参数占 32 bit，也就是 4 byte。VGG 大概 1.38 亿个参数，乘 4 byte 就是大约 553 MB，所以存一个训练好的 VGG 需要五百多兆。""", 0.5, "Answers the VGG storage question, not the pixel-entropy one."),
]),
('0885903237', [
 ('terse_correct', T, r"""$D_{KL}(P\|Q)=\sum_x P(x)\log\frac{P(x)}{Q(x)}$，直覺上就是資料來自 P 但用 Q 的最佳編碼時，平均多花的 bits。""", 7.5, "Both requested parts (formula and extra-bits intuition) in one line."),
 ('thorough_correct', H, r"""公式：
$$D_{KL}(P\|Q)=\sum_x P(x)\log_2\frac{P(x)}{Q(x)}$$
bits 的直觉：如果知道真实分布 P，最优编码给符号 x 分配约 $-\log_2 P(x)$ 位，平均码长是熵 $H(P)$。但如果我们误以为分布是 Q，按 Q 设计码长 $-\log_2 Q(x)$，那么在真实数据（来自 P）上的平均码长是交叉熵 $H(P,Q)=-\sum P\log_2 Q$。两者之差
$$D_{KL}(P\|Q)=H(P,Q)-H(P)$$
就是因为用错分布编码而**额外**付出的平均 bits 数，所以它也叫 relative entropy。
性质：$D_{KL}\ge 0$（Gibbs 不等式），当且仅当 P=Q 时为 0；它不对称，$D_{KL}(P\|Q)\neq D_{KL}(Q\|P)$，所以不是严格意义上的距离。""", 10, "Formula, extra-bits interpretation via cross-entropy minus entropy, and properties."),
 ('termfree_correct', H, r"""设真实分布下每个符号 x 理想的码长是 $-\log_2 P(x)$。如果你以为分布是 Q，就会按 $-\log_2 Q(x)$ 来设计码长。数据实际按 P 出现，所以平均下来两种码长的差是
$$\sum_x P(x)\left[\log_2 P(x)-\log_2 Q(x)\right]$$
这就是两个分布之间的那个“散度”：因为没用对分布，每个符号平均多花的位数。它永远不小于零，只有两个分布一样时才是零，而且把 P、Q 换过来一般不相等。""", 9, "Gives the formula and the extra-bits intuition in plain words; complete."),
 ('one_wrong', H, r"""公式：
$$D_{KL}(P\|Q)=\sum_x P(x)\log_2\frac{P(x)}{Q(x)}$$
bits 的直觉：真实分布是 P 时最优码长约 $-\log_2 P(x)$，平均码长是 $H(P)$；若误用 Q 设计编码，平均码长是交叉熵 $H(P,Q)$。两者之差 $D_{KL}=H(P,Q)-H(P)$ 就是额外付出的 bits，也叫 relative entropy。
性质：$D_{KL}\ge 0$，P=Q 时为 0；而且它是对称的，$D_{KL}(P\|Q)=D_{KL}(Q\|P)$，所以可以直接当作两个分布之间的距离来用。""", 7, "Formula and intuition correct, but wrongly asserts KL is symmetric and a distance."),
 ('fluent_wrong', H, r"""KL divergence 的公式是 $D_{KL}(P\|Q)=\sum_x \left(\log_2 P(x)-\log_2 Q(x)\right)$，不需要加权。从 bits 的角度，它表示用 P 编码比用 Q 编码**节省**了多少 bits，所以它可以是负数：KL 越大说明 P 和 Q 越接近，编码效率越高。""", 1, "Wrong formula (unweighted), wrong sign/meaning and wrong interpretation (larger = closer)."),
 ('partial', H, r"""$D_{KL}(P\|Q)=\sum_x P(x)\log\frac{P(x)}{Q(x)}$，用来衡量两个分布之间的差异，差异越大值越大。bits 的解释……应该跟信息量或者编码长度有关，但具体我说不太清楚。""", 5, "Correct formula; the requested bits intuition is missing."),
 ('code_switched', T, r"""KL divergence $D(P\|Q)=\sum_x P(x)\log_2\frac{P(x)}{Q(x)}$。從 bits 的角度看，如果 data 真的是從 P 來的，但你用按 Q 設計的 optimal code 去 encode，平均 code length 是 cross-entropy $H(P,Q)$，比最優的 $H(P)$ 多出來的那部分 bits 就是 KL。所以它 ≥ 0，P=Q 時為 0，而且 not symmetric。""", 10, "Formula and extra-bits intuition, with properties."),
 ('related_other', H, r"""mutual information $I(X;Y)=\sum_{x,y}p(x,y)\log\frac{p(x,y)}{p(x)p(y)}$，表示知道 Y 之后关于 X 的不确定性减少了多少 bits，$I(X;Y)=H(X)-H(X|Y)$，X 和 Y 独立时为 0。""", 1, "Correct account of mutual information, not of KL between P and Q."),
]),
('dd919241b3', [
 ('terse_correct', H, r"""这是卷积，g 是卷积核（filter），意思是把 g 翻转、平移到 t，再和 f 相乘积分。""", 7, "Names convolution, the kernel role and the flip-shift-multiply-integrate reading; no elaboration."),
 ('thorough_correct', H, r"""这是 f 和 g 的**卷积**。在图像处理中 f 是输入信号/图像，$g(t)$ 是滤波核（filtering kernel），比如高斯模糊核、边缘检测核。

理解：积分是求和的极限，看离散版 $h[t]=\sum_\tau f[\tau]\,g[t-\tau]$：
1. 把 g 关于纵轴翻转得到 $g(-\tau)$；
2. 再平移 t 得到 $g(t-\tau)$；
3. 和 f 逐点相乘再求和（积分），得到输出在 t 处的值。
t 从小到大变化，就是翻转后的核在信号上“滑动”，每个位置算一次加权和。比如 f、g 定义域都是 {0,...,5}，h(0) 只有 f(0)g(0) 一项，h(1)=f(0)g(1)+f(1)g(0)，一直可以算到 h(10)。

如果把 f、g 看成向量，每个 h(t) 就像 f 和翻转后的 g 做内积，所以卷积和互相关（correlation）只差一个翻转（复数情况下相关还要取共轭）。CNN 里所谓的卷积其实一般实现的是互相关，因为核是学出来的，翻不翻无所谓。""", 10, "Identifies convolution and kernel, explains flip/shift/multiply/sum with example and the correlation relationship."),
 ('termfree_correct', T, r"""這是把兩個函數「疊在一起滑動」的那種運算。f 是原本的訊號或圖片，g 是拿來處理它的小模板（例如做模糊的那種加權窗）。算某個位置 t 的輸出時，先把 g 左右反過來，移到 t 的位置，然後跟 f 一格一格相乘再全部加起來（連續就是積分）；t 一路往右移，就得到整條輸出。如果不把 g 反過來，直接對齊相乘相加，算的其實是兩者有多像，兩種運算就差在有沒有翻轉。""", 8.5, "Correct and fairly complete description without the words convolution/kernel/correlation."),
 ('one_wrong', H, r"""这是 f 和 g 的**卷积**。f 是输入图像，$g(t)$ 是滤波核（kernel）。

理解：看离散版 $h[t]=\sum_\tau f[\tau]\,g[t-\tau]$。这里 g 不需要翻转，$g(t-\tau)$ 只是把核平移到 t，然后和 f 逐点相乘再求和，t 变化就是核在信号上滑动。比如 f、g 定义域都是 {0,...,5}，h(1)=f(0)g(1)+f(1)g(0)。

卷积和互相关的区别在于：互相关需要先把核翻转再做内积，卷积不用翻转。CNN 里用的是卷积。""", 5, "Names convolution and kernel, but wrongly says convolution involves no flip and swaps which operation flips; the 'how to understand' part is central."),
 ('fluent_wrong', H, r"""这是傅里叶变换的公式，把时域信号 f 投影到频域。$g(t)$ 表示基函数 $e^{-i\omega t}$，积分就是在求 f 和每个频率分量的内积，所以得到的是 f 在频率 t 上的幅值。图像处理里用它来做频域滤波。""", 0.5, "Misidentifies the formula as a Fourier transform; g's role wrong."),
 ('partial', T, r"""這是卷積公式吧，在影像裡就是拿一個小視窗在圖上滑動算加權和，用來抽邊緣之類的特徵。g(t) 應該是輸入訊號？式子的細節我不太確定。""", 3.5, "Identifies convolution and sliding weighted sum, but g's role is wrong/unsure and no flip explanation."),
 ('code_switched', H, r"""这个是 convolution。g(t) 是 filter 或者 kernel（比如 Gaussian blur kernel），f 是 input signal / image。理解的话看 discrete 版本 $h[t]=\sum_\tau f[\tau]g[t-\tau]$：先把 g flip 过来，再 shift 到 t，然后和 f element-wise 相乘再 sum。跟 cross-correlation 就差一个 flip，CNN 里的 conv 其实就是 correlation，因为 kernel 是 learn 出来的。""", 9.5, "Correct identification, kernel role, flip-shift-sum reading and correlation relation."),
 ('related_other', H, r"""卷积层输出的尺寸是 $\lfloor\frac{n-f+2p}{s}\rfloor+1$，n 是输入大小，f 是卷积核大小，p 是 padding，s 是 stride。比如 32×32 输入、3×3 核、padding 1、stride 1，输出还是 32×32。""", 0.5, "Correct output-size formula, unrelated to what the convolution integral means."),
]),
('2d6ef5d348', [
 ('terse_correct', H, r"""先验 Beta(α,β) ∝ γ^(α-1)(1-γ)^(β-1)，乘上二项似然 γ^h(1-γ)^t，后验 ∝ γ^(α+h-1)(1-γ)^(β+t-1)，还是 Beta(α+h, β+t)，所以共轭。""", 7.5, "Compact but complete proof sketch."),
 ('thorough_correct', H, r"""设参数 $\gamma\in[0,1]$（比如硬币正面概率）。

先验：$p(\gamma)=\frac{\gamma^{\alpha-1}(1-\gamma)^{\beta-1}}{B(\alpha,\beta)}$，即 $Beta(\alpha,\beta)$。

似然：n 次试验观察到 h 次正面、t=n-h 次反面，$p(D|\gamma)=\binom{n}{h}\gamma^{h}(1-\gamma)^{t}$。

后验由贝叶斯公式：
$$p(\gamma|D)=\frac{p(D|\gamma)p(\gamma)}{p(D)}\propto \gamma^{\alpha+h-1}(1-\gamma)^{\beta+t-1}$$
和 γ 无关的常数（组合数、$B(\alpha,\beta)$、$p(D)$）都被吸收进归一化常数，而右边正好是 Beta 分布的核，归一化常数必然是 $B(\alpha+h,\beta+t)$，所以
$$\gamma|D\sim Beta(\alpha+h,\ \beta+t)$$
后验和先验属于同一个分布族，这就是共轭。

意义：α、β 可看作“伪计数”，每观测一次就把对应的参数加 1，可以逐次在线更新。例如先验 $B(0.5,0.5)$，观察到 h 次正面 t 次反面后后验为 $B(0.5+h,0.5+t)$，后验均值 $\frac{0.5+h}{1+h+t}$。""", 10, "Full derivation with normalization argument, conclusion and example."),
 ('termfree_correct', T, r"""把一開始對 γ 的看法寫成 γ^(a-1)(1-γ)^(b-1) 這種形狀（再除一個讓總和為 1 的常數）。丟了 h 次正面、t 次反面，這組結果出現的機率正比於 γ^h(1-γ)^t。按貝氏公式兩者相乘再重新標準化，指數直接相加，得到 γ^(a+h-1)(1-γ)^(b+t-1)——跟原來完全同一個形狀，只是兩個參數變成 a+h 和 b+t。所以更新之後仍然在同一家族裡，參數就像在累計正反面的次數，可以一直這樣更新下去。""", 8.5, "Correct proof in plain terms; avoids naming Beta/conjugate but the argument is complete."),
 ('one_wrong', H, r"""设 $\gamma$ 为硬币正面概率。
先验 $p(\gamma)=\frac{\gamma^{\alpha-1}(1-\gamma)^{\beta-1}}{B(\alpha,\beta)}$；似然（h 次正面、t 次反面）$p(D|\gamma)\propto\gamma^{h}(1-\gamma)^{t}$。
后验 $p(\gamma|D)\propto\gamma^{\alpha+h-1}(1-\gamma)^{\beta+t-1}$，正好是 Beta 的核，归一化常数为 $B(\alpha+h,\beta+t)$，所以后验 $Beta(\alpha+h,\beta+t)$，与先验同族，即共轭。
例如先验 $B(0.5,0.5)$，观察后后验为 $B(0.5+h,0.5+t)$，后验均值为 $\frac{0.5+t}{1+h+t}$。""", 7.5, "Proof correct; the posterior mean in the example uses t instead of h (a peripheral error)."),
 ('fluent_wrong', T, r"""共軛的意思是先驗和似然屬於同一個分佈族。二項分佈的似然本身就是一個 Beta 分佈，所以當先驗也是 Beta 時，後驗就是兩個 Beta 分佈的卷積，而 Beta 分佈對卷積是封閉的，所以後驗還是 Beta，參數變成 (α+β, h+t)。""", 1, "Wrong definition of conjugacy, posterior as a convolution, and wrong posterior parameters."),
 ('partial', H, r"""共轭先验就是后验和先验属于同一个分布族。Beta 分布是二项分布的共轭先验，所以用 Beta 做先验，后验也是 Beta，做贝叶斯更新很方便，比如扔硬币的时候。""", 3.5, "States the definition and the fact but gives no proof, which is what was asked."),
 ('code_switched', H, r"""prior 取 Beta(α,β)：$p(\gamma)\propto\gamma^{\alpha-1}(1-\gamma)^{\beta-1}$。Binomial likelihood，n 次里 k 次 head：$p(D|\gamma)\propto\gamma^{k}(1-\gamma)^{n-k}$。posterior ∝ likelihood × prior = $\gamma^{\alpha+k-1}(1-\gamma)^{\beta+n-k-1}$，这个 kernel 就是 Beta(α+k, β+n−k)，normalizing constant 用 Beta function 补上就行。所以 posterior 和 prior 是同一个 family，即 conjugate。直观上 α、β 就是 pseudo-counts。""", 10, "Complete, correct proof."),
 ('related_other', H, r"""如果似然是方差已知的正态分布，先验取正态分布 $N(\mu_0,\sigma_0^2)$，那么后验也是正态分布，后验均值是先验均值和样本均值按精度（方差倒数）加权的平均，后验精度等于先验精度加上 n 倍的数据精度。所以正态分布是正态似然（已知方差）的共轭先验。""", 1, "Correct Normal–Normal conjugacy, not the Beta–Binomial proof asked."),
]),
]
emit('01', items)
