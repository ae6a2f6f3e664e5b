"""The answers to the questions of notes 003 and 004 (Chinese questions), as the helper wrote them."""
from common import A, item  # noqa: F401

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
