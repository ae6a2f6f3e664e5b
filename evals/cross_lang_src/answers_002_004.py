"""The answers to the questions of notes 002 and 004 (English questions), as the helper wrote them."""
from common import A, item  # noqa: F401

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
