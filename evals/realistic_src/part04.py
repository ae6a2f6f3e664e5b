from common import emit
H, T, E = 'zh-Hans', 'zh-Hant', 'en'
items = [
('f4e0ec9251', [
 ('terse_correct', T, r"""偏置高是模型太簡單、欠擬合；方差高是模型太複雜、對訓練資料太敏感、過擬合。模型越複雜偏置越低方差越高，要取平衡。""", 7, "Both concepts and the trade-off in brief."),
 ('thorough_correct', T, r"""**偏置（bias）**：模型平均預測值與真實值之間的系統性差距。偏置高代表模型假設太簡單、沒抓住資料的規律，訓練集和測試集的表現都不好，也就是**欠擬合**。

**方差（variance）**：換一份訓練資料，模型預測會變動多少，也就是預測在同一個點上的分散程度。方差高代表模型把訓練資料的細節和雜訊都記住了，訓練集很好、測試集很差，也就是**過擬合**。

**權衡**：用打靶圖來看，靶心是真值；偏置是彈著點的中心偏離靶心多少，方差是彈著點有多分散。模型參數少、太簡單 → 高偏置、低方差；參數多、太複雜 → 低偏置、高方差。對平方損失，期望測試誤差 = 偏置² + 方差 + 不可約雜訊，所以隨模型複雜度增加，總誤差先降後升，要選在中間的複雜度。實務上可以用正則化、更多資料、整合方法等來調整這個平衡。""", 10, "Both definitions, symptoms, trade-off with complexity, decomposition, remedies."),
 ('termfree_correct', T, r"""一種錯是「系統性地偏掉」：模型太粗糙，不管給它哪份資料，平均猜出來都離真正的答案有段距離，訓練時就做不好。另一種錯是「太善變」：模型太靈活，換一批訓練資料結果就差很多，它把資料裡偶然的東西也學進去，所以在看過的資料上很好，在新資料上卻不行。模型越靈活，第一種錯越少、第二種錯越多，兩者此消彼長，要找一個剛好的複雜程度讓加起來的錯最少。""", 8.5, "Both error types and their trade-off, without the terms."),
 ('one_wrong', T, r"""**偏置（bias）**：模型平均預測與真實值的系統性差距。偏置高 → 模型太簡單，訓練和測試都不好，即欠擬合。

**方差（variance）**：換一份訓練資料預測會變動多少。方差高 → 訓練集好、測試集差，即過擬合。

**權衡**：模型參數少、太簡單 → 高偏置、低方差；參數多、太複雜 → 低偏置、高方差。期望測試誤差 = 偏置² + 方差 + 雜訊。因此只要持續增加模型複雜度，偏置和方差會一起下降，總誤差單調減小，所以模型通常越大越好。""", 4.5, "Definitions right, but the conclusion denies the trade-off (both decreasing with complexity), the core of the question."),
 ('fluent_wrong', T, r"""偏置指的是神經網路中每個神經元的偏置項 b，方差是權重 W 的變異數。偏置越大，激活值越容易飽和；方差越大，梯度越容易爆炸。兩者的權衡就是在初始化時要讓 b 設為 0、W 的方差設為 1/n，這樣網路最穩定。""", 0, "Confuses the statistical concepts with network parameters; nothing about under/overfitting."),
 ('partial', H, r"""偏置是预测值和真实值之间的差距，偏置大就是欠拟合。方差的话，应该是模型预测的波动吧。两者之间有一个 trade-off。""", 4, "Bias OK, variance vague, trade-off only named not explained."),
 ('code_switched', T, r"""Bias 是 model 平均 prediction 跟 ground truth 的差距，high bias 就是 underfitting，train 跟 test 都很差；variance 是換一份 training data 預測的變動程度，high variance 就是 overfitting，training 很好 test 很差。Trade-off：model complexity 越高 bias 越低、variance 越高，expected error = bias² + variance + noise，所以要找中間的 sweet spot，可以用 regularization 或更多 data 來控制 variance。""", 9.5, "Correct and complete."),
 ('related_other', T, r"""過擬合的解決方法有：增加訓練資料、資料增強、L1/L2 正則化、dropout、early stopping、降低模型複雜度，以及用交叉驗證來選模型。""", 2, "Correct list of overfitting remedies, but doesn't explain bias, variance or their trade-off."),
]),
('8a2da878f0', [
 ('terse_correct', T, r"""反向傳播就是算完 loss 之後，用鏈式法則從最後一層往前一層層算出每個權重的梯度，再交給優化器去更新權重。""", 7, "Core mechanism (chain rule, backward from output, feeds optimizer)."),
 ('thorough_correct', T, r"""整個過程可以分成幾步：
1. **前向傳播**：輸入經過每一層的權重和激活函數，一層層算到輸出 $y_p$。
2. **計算損失**：用損失函數 $L(y_p, y_t)$ 衡量預測和真實標籤的差距，訓練的目標就是最小化它。
3. **反向傳播**：要降低損失就要知道每個參數的導數 $\partial L/\partial w$。利用**鏈式法則**，從最後一層開始往第一層算：先算 $\partial L/\partial y_p$，再乘上每一層輸出對輸入、對權重的局部導數，例如某層 $z=Wa+b,\ a'=\sigma(z)$，則 $\frac{\partial L}{\partial W}=\left(\frac{\partial L}{\partial a'}\odot\sigma'(z)\right)a^T$，並把 $\frac{\partial L}{\partial a}=W^T\left(\frac{\partial L}{\partial a'}\odot\sigma'(z)\right)$ 繼續往前傳。前向時存下的中間值在這裡重複利用，所以計算梯度的代價和前向差不多。
4. **更新**：優化器（SGD、Adam、AdaDelta 等）用這些梯度做梯度下降更新權重，然後重複以上步驟。""", 10, "Forward pass, loss, chain-rule backward computation with formula, and optimizer update."),
 ('termfree_correct', T, r"""先把資料從頭到尾算一遍得到預測，跟正確答案比一比得到一個「錯多少」的數字。接著從輸出那一端往回推：最後一層的每個權重對這個錯誤有多少責任，可以直接算；再往前一層時，把後面已經算好的責任乘上這一層自己的變化率，一層一層往前傳，就知道每個權重動一點點會讓錯誤變多少。最後每個權重都朝讓錯誤變小的方向挪一小步，反覆做很多次。""", 8.5, "Forward, loss, backward credit assignment via products of local derivatives, and update — without the standard terms."),
 ('one_wrong', T, r"""1. **前向傳播**：輸入一層層算到輸出 $y_p$。
2. **計算損失**：$L(y_p, y_t)$ 衡量預測和標籤的差距。
3. **反向傳播**：利用鏈式法則算每個參數的導數。計算是從第一層開始往最後一層進行的：先算第一層權重對輸出的導數，再一路乘到輸出層，這樣每一層的梯度只依賴前面已經算好的層。前向時存下的中間值可以重複利用。
4. **更新**：優化器（SGD、Adam 等）用梯度做梯度下降更新權重，重複以上步驟。""", 5, "Everything right except the direction of backpropagation (stated as first-to-last), which is central."),
 ('fluent_wrong', T, r"""反向傳播是把輸出層的預測結果反向輸入回網路，讓網路重新計算一次輸入，然後比較重建出來的輸入和原始輸入的差距來更新權重。它不需要損失函數或導數，而是靠重建誤差直接調整權重，所以比梯度下降快。優化器只在前向時使用。""", 0, "Describes something that isn't backprop; denies derivatives and loss."),
 ('partial', H, r"""反向传播就是吧误差从输出层往回传，用来更新网络的权重，让 loss 变小。""", 4, "Correct gist but no chain rule, no loss/forward explanation or gradient computation detail."),
 ('code_switched', H, r"""先做 forward pass，算出 prediction $y_p$，然后用 loss function $L(y_p,y_t)$ 算 loss。Backpropagation 就是用 chain rule 从 output layer 往 input layer 一层层算 gradient，每层的 gradient = 后一层传回来的 gradient × 本层的 local derivative，forward 时存的 activation 可以 reuse。最后 optimizer（SGD、Adam）用这些 gradient 做 gradient descent 更新 weights。""", 9.5, "Correct and complete."),
 ('related_other', T, r"""梯度下降是沿著損失函數梯度的反方向更新參數：$w\leftarrow w-\eta\nabla L$。學習率太大會震盪甚至發散，太小收斂很慢；實務上常用 mini-batch 和 Adam 之類的優化器。""", 2, "Explains gradient descent (the update step) rather than how backprop computes gradients."),
]),
('7b1237cc79', [
 ('terse_correct', H, r"""不会增加，卷积层参数只取决于卷积核的个数和大小，和输入图像尺寸无关。""", 7.5, "Correct answer with the reason."),
 ('thorough_correct', H, r"""对于卷积层来说，参数数量**不变**（0 倍增加）。
原因：一个卷积层的参数只有卷积核的权重和偏置，数量是 $C_{out}\times C_{in}\times k\times k + C_{out}$，只由卷积核的个数、大小和输入通道数决定；同一个卷积核通过参数共享在整张图上滑动，图像变大只是滑动的位置多了，输出的特征图变大、计算量变大（约 4 倍），但参数不变。
需要注意的例外：如果网络最后是把特征图 flatten 后接全连接层，那么全连接层的输入维度会随特征图面积增大（边长加倍→约 4 倍），这部分参数会增加，甚至网络可能直接因为维度不匹配而跑不起来；如果用全局平均池化（GAP）代替 flatten，整个网络参数量就与输入尺寸无关。""", 10, "Correct answer, reasoning via parameter sharing, plus the FC/GAP nuance."),
 ('termfree_correct', T, r"""不會變。這種網路每一層學的是幾個小小的濾波模板，模板的數量和大小是設計時就定好的，同一個模板拿去整張圖到處滑著用。圖變大只是要滑的位置變多、算的次數和中間結果變大，要學的數字本身並沒有變多。除非最後把整張特徵圖攤平接一個每個位置都要一個權重的層，那一層才會跟著變大。""", 9, "Correct answer and reasoning, including the flatten caveat, in plain words."),
 ('one_wrong', H, r"""对于卷积层，参数数量**不变**。
原因：卷积层参数是 $C_{out}\times C_{in}\times k\times k + C_{out}$，只由卷积核的个数、大小和输入通道数决定；同一卷积核在整张图上滑动，图像变大只是滑动位置多了，输出特征图和计算量变大，但参数不变。
例外：如果最后是 flatten 后接全连接层，全连接层的参数会随特征图面积增加，边长加倍时这部分参数增加 2 倍；如果用全局平均池化就与输入尺寸无关。""", 8, "Main answer and reasoning correct; the FC-layer caveat miscounts (area doubles side → ~4×, not 2×)."),
 ('fluent_wrong', H, r"""输入尺寸加倍后，参数数量会增加 4 倍。因为卷积核需要覆盖整张图像，图像的宽和高都加倍，卷积核的尺寸也要相应加倍，$k\times k$ 变成 $2k\times 2k$，所以每个卷积层的参数都变成原来的 4 倍。""", 0.5, "Wrong answer (4×) with a wrong mechanism (kernel scales with image)."),
 ('partial', H, r"""我觉得参数数量应该不变吧……因为卷积核大小是固定的？不过也可能会变，不太确定。""", 4, "Leans to the right answer with a hint of the reason but hedges heavily."),
 ('code_switched', H, r"""Conv layer 的 parameter 数量是不变的。因为 parameters 只有 kernel weights 和 bias，$C_{out}\times C_{in}\times k\times k$，跟 input 的 spatial size 没关系，kernel 是 weight sharing 在整张 image 上 slide 的。Input 变大只会让 feature map 和 FLOPs 变大。不过如果最后 flatten 再接 FC layer，FC 的 parameter 会变多，用 global average pooling 就没这个问题。""", 10, "Correct answer, reasoning and nuance."),
 ('related_other', T, r"""輸出特徵圖的大小是 $\lfloor\frac{n-f+2p}{s}\rfloor+1$，所以輸入邊長加倍時，輸出特徵圖的邊長大約也加倍、面積變成 4 倍，計算量也大約變成 4 倍。""", 2, "Correct about feature-map size and compute, but doesn't address the parameter count asked."),
]),
('2e6794723a', [
 ('terse_correct', H, r"""可以对数据重采样（过采样少数类、欠采样多数类、SMOTE），或者在损失里给少数类更大的权重，评估时别用准确率，用 F1、AUC。""", 7, "Three main strategies in one line; no ensemble approach or elaboration."),
 ('thorough_correct', H, r"""几类方法：
1. **选对评估指标**：不平衡时准确率没有意义（99:1 时全预测多数类也有 99%），应该看 precision、recall、F1、PR 曲线/AUC-PR、ROC-AUC、混淆矩阵。
2. **数据层面重采样**：
   - 过采样少数类：简单复制、bootstrap，或者 SMOTE 在少数类样本之间插值合成新样本；
   - 欠采样多数类：随机丢弃部分多数类样本（会丢信息）。
3. **集成方法**：比如罕见类 1000 个、常见类 10000 个，可以把常见类分成 10 份，每份和 1000 个罕见样本组成平衡数据集训练 10 个模型，再集成（EasyEnsemble 的思路），既不丢数据也平衡。
4. **代价敏感 / 修改损失函数**：给少数类更大的权重（class weight），或者用 focal loss，让模型错分少数类时付出更大代价。
5. 其他：调整分类阈值、收集更多少数类数据、把问题当作异常检测来做。""", 10, "Metrics, resampling (incl. SMOTE), ensemble on balanced subsets, cost-sensitive loss, extras."),
 ('termfree_correct', H, r"""首先别只看“猜对的比例”，因为一边占了绝大多数时全猜那一边也很高，要看对少的那一类抓得准不准、抓得全不全。然后可以动数据：把少的那类多复制几份或者在它们之间造一些新的相似样本，或者把多的那类砍掉一部分。也可以把多的那类切成好几份，每份配上全部少的那类，各训练一个模型最后合起来投票。还可以改训练目标，让模型把少的那类判错时受到更重的惩罚。""", 8.5, "All four strategies in plain words."),
 ('one_wrong', T, r"""幾類方法：
1. **評估指標**：不平衡時準確率沒有意義，應該看 precision、recall、F1、AUC、混淆矩陣。
2. **重採樣**：過採樣少數類（複製、bootstrap、SMOTE 插值合成）；欠採樣多數類。
3. **整合方法**：把常見類切成多份，每份和全部罕見樣本組成平衡資料集各訓練一個模型，再整合。
4. **代價敏感損失**：在損失函數中給**多數類**更大的權重，讓模型更重視數量多的類別，這樣整體損失才能更穩定地下降。""", 6, "Three strategies right; the cost-sensitive weighting is reversed (should up-weight the minority class)."),
 ('fluent_wrong', H, r"""数据不平衡最好的处理办法就是直接用准确率来监控，只要准确率够高就说明模型没问题。训练时可以把少数类样本删掉，让数据变得更“干净”，这样模型更容易收敛；另外加大 batch size 也能自动平衡各类样本。""", 0, "Every recommendation is wrong or harmful."),
 ('partial', H, r"""可以用过采样或者欠彩样，比如 SMOTE，把数据变得平衡一点。""", 4, "Only resampling; misses metrics, ensemble and loss weighting."),
 ('code_switched', T, r"""首先 metric 不能用 accuracy，要看 precision、recall、F1、AUC。Data level 可以 oversample minority class（SMOTE）或者 undersample majority class。也可以做 ensemble：majority class 拆成幾份，每份配全部 minority 各 train 一個 model 再 ensemble。Algorithm level 就是 cost-sensitive learning，loss 裡給 minority class 比較大的 weight，或者用 focal loss。""", 10, "Complete and correct."),
 ('related_other', H, r"""过拟合的处理方法：增加数据、数据增强、正则化（L1/L2）、dropout、early stopping、减小模型复杂度，或者用交叉验证选择超参数。""", 1, "Answers overfitting, not class imbalance."),
]),
('442fd74f67', [
 ('terse_correct', H, r"""epoch 是把整个数据集过一遍，batch 是每次喂给网络的一小批数据，iteration 是更新一次参数，一个 epoch 的 iteration 数 = 样本数 / batch size。""", 8, "All three correct with relation; no example."),
 ('thorough_correct', T, r"""- **epoch**：整個訓練集完整地被模型看過一遍（每個樣本都參與過一次前向和反向）叫一個 epoch。通常要訓練很多個 epoch。
- **batch**：資料集太大沒辦法一次放進網路（記憶體、計算都不允許），所以切成一小批一小批，每批的樣本數就是 batch size。一次參數更新用的就是一個 batch 的平均梯度。
- **iteration**：處理一個 batch、做一次參數更新叫一次 iteration。一個 epoch 需要的 iteration 數 = 樣本數 / batch size（除不盡時向上取整，或丟掉最後不滿的一批）。
例子：10000 張圖，batch size 200，則一個 epoch 有 10000/200 = 50 次 iteration；訓練 10 個 epoch 就是 500 次 iteration。""", 10, "All three defined, relation, rounding detail, example."),
 ('termfree_correct', H, r"""把全部训练数据从头到尾用过一遍算“一轮”。数据太多一次塞不进去，就切成一份一份的小组，每次拿一组来算误差、改一次参数，这样改一次叫“一步”。所以一轮里面的步数就是总样本数除以每组的大小，比如 1 万张图每组 200 张，一轮就要走 50 步。""", 8.5, "Correct and complete, with example, using plain words instead of the terms."),
 ('one_wrong', T, r"""- **epoch**：整個訓練集被模型完整看過一遍。
- **batch**：資料集切成的小批，每批樣本數是 batch size，一次參數更新用一個 batch。
- **iteration**：處理一個 batch、做一次更新叫一次 iteration。一個 epoch 的 iteration 數 = 樣本數 × batch size。
例子：10000 張圖，batch size 200，則一個 epoch 有 50 次 iteration。""", 6.5, "Definitions right and example right, but the stated formula (multiply) is wrong and contradicts the example."),
 ('fluent_wrong', H, r"""iteration 是把整个数据集完整训练一遍，epoch 是训练一个 batch，batch 是指网络的层数分组。比如 10000 张图、batch size 200，那就是 200 个 epoch，每个 epoch 包含 50 次 iteration。""", 0.5, "Swaps epoch and iteration and misdefines batch."),
 ('partial', H, r"""epoch 就是整个数据集训练一遍；batch 是一小批数据。iteration 我记得也是迭代的意思，跟 epoch 差不多？""", 4.5, "Epoch and batch right; iteration wrong/confused, no relation."),
 ('code_switched', H, r"""epoch 就是整个 training set 过一遍；batch 是因为 data 太大，一次 feed 不进去，切成的小批量，每批的大小叫 batch size；iteration 就是跑一个 batch、做一次 parameter update。一个 epoch 的 iterations = dataset size / batch size，比如 10000 张图 batch size 200 就是 50 个 iteration。""", 10, "Correct and complete."),
 ('related_other', H, r"""batch size 越大，梯度估计越准，GPU 利用率越高，但显存占用成正比增加，而且太大的 batch 泛化可能变差；batch size 小噪声大，有时能帮助跳出局部极小。一般取 32、64、128 这样 2 的幂。""", 1.5, "Discusses choosing batch size, not the definitions of epoch/batch/iteration."),
]),
('377555fad6', [
 ('terse_correct', E, r"""LSTM is an RNN with a cell state and three sigmoid gates: forget, input and output. $c_t=f_t\odot c_{t-1}+i_t\odot\tilde c_t$, $h_t=o_t\odot\tanh(c_t)$.""", 7, "Gates and the two key update equations; gate equations themselves omitted."),
 ('thorough_correct', E, r"""LSTM (long short-term memory) is a recurrent unit that keeps a separate **cell state** $c_t$ regulated by gates, so information (and gradients) can flow across many time steps.

Gates (each a sigmoid of the current input and previous hidden state, values in (0,1)):
$$f_t=\sigma(W_fx_t+U_fh_{t-1}+b_f)\quad\text{forget gate}$$
$$i_t=\sigma(W_ix_t+U_ih_{t-1}+b_i)\quad\text{input gate}$$
$$o_t=\sigma(W_ox_t+U_oh_{t-1}+b_o)\quad\text{output gate}$$
Candidate memory: $\tilde c_t=\tanh(W_cx_t+U_ch_{t-1}+b_c)$

Updates:
$$c_t=f_t\odot c_{t-1}+i_t\odot\tilde c_t,\qquad h_t=o_t\odot\tanh(c_t)$$
The forget gate decides what to keep from the old cell state, the input gate how much new information to write, the output gate what part of the cell to expose as the hidden state. Because $c_t$ is updated additively, the gradient along the cell path is scaled by $f_t$ rather than repeatedly by a weight matrix, so LSTM largely avoids vanishing gradients (it does not fix exploding gradients — use clipping). Equivalent compact form: $[i,f,o]=\sigma(W[h_{t-1},x_t]+b)$.""", 10, "All gate equations, cell/hidden updates, role of each gate, why it helps gradients."),
 ('termfree_correct', E, r"""It's a recurrent cell that carries a separate long-term memory vector alongside its usual output. At each step three little "valves" — each computed by squashing the current input and last output into 0–1 — decide: how much of the old memory to keep, how much of a freshly proposed update (a tanh of input and last output) to add in, and how much of the memory (after a tanh) to let out as this step's output. Since the memory is carried forward mostly by keeping and adding rather than by multiplying through a weight matrix every step, signals and error corrections survive over long sequences.""", 8, "Correct description of all gates and updates and the gradient benefit, without equations or terms."),
 ('one_wrong', E, r"""LSTM keeps a separate cell state $c_t$ regulated by gates.
$$f_t=\sigma(W_fx_t+U_fh_{t-1}+b_f),\ i_t=\sigma(W_ix_t+U_ih_{t-1}+b_i),\ o_t=\sigma(W_ox_t+U_oh_{t-1}+b_o)$$
$$\tilde c_t=\tanh(W_cx_t+U_ch_{t-1}+b_c)$$
$$c_t=f_t\odot c_{t-1}+i_t\odot\tilde c_t,\qquad h_t=o_t\odot\tanh(c_t)$$
Because of the additive cell path LSTM avoids vanishing gradients. Note that the forget gate works inversely to its name: $f_t$ close to 1 means the old cell state is erased and close to 0 means it's kept.""", 6, "Equations right, but the interpretation of the forget gate is inverted (contradicting its own equation)."),
 ('fluent_wrong', E, r"""LSTM is a convolutional layer for sequences. It has two gates: a reset gate and an update gate, both using ReLU. The hidden state is computed as $h_t=\mathrm{ReLU}(W x_t)$ and the memory cell is just the sum of all previous inputs, so there's no recurrence on $h_{t-1}$. The ReLU gates are what solve exploding gradients.""", 0.5, "Mixes up GRU gates, wrong activations, no recurrence; substantively wrong."),
 ('partial', E, r"""LSTM is a type of RNN with gates — input, forget and output gates — that helps with the vanishing gradient problem and can remember long-term dependencies.""", 4.5, "Names the gates and purpose but gives no equations or cell-state mechanism."),
 ('code_switched', 'en', r"""LSTM adds a cell state $c_t$ plus three sigmoid gates — 遗忘门 $f_t$, 输入门 $i_t$, 输出门 $o_t$, each $\sigma(W[h_{t-1},x_t]+b)$. The candidate is $\tilde c_t=\tanh(W_c[h_{t-1},x_t]+b_c)$, then $c_t=f_t\odot c_{t-1}+i_t\odot\tilde c_t$ and $h_t=o_t\odot\tanh(c_t)$. 遗忘门决定保留多少旧记忆, input gate decides how much new info to write, output gate decides what to expose. Because the cell update is additive, 梯度消失 is largely avoided, but exploding gradients still need clipping.""", 10, "Complete and correct."),
 ('related_other', E, r"""A GRU has two gates: an update gate $z_t$ and a reset gate $r_t$. The candidate is $\tilde h_t=\tanh(W x_t+U(r_t\odot h_{t-1}))$ and $h_t=(1-z_t)\odot h_{t-1}+z_t\odot\tilde h_t$. It has no separate cell state, so it's cheaper than an LSTM.""", 1.5, "Correct GRU description, not LSTM."),
]),
('5ce54d6032', [
 ('terse_correct', E, r"""FM models $\hat y=w_0+\sum_i w_ix_i+\sum_{i<j}\langle v_i,v_j\rangle x_ix_j$: a linear model plus pairwise feature interactions whose weights are dot products of learned latent vectors.""", 7.5, "Correct model equation and key idea."),
 ('thorough_correct', E, r"""A factorization machine is a model for (usually very sparse) feature vectors, e.g. one-hot user/item/context features in CTR prediction:
$$\hat y(x)=w_0+\sum_{i=1}^n w_ix_i+\sum_{i=1}^n\sum_{j=i+1}^n\langle v_i,v_j\rangle x_ix_j$$
- $w_0$ global bias, $w_i$ first-order weights.
- Each feature i has a latent vector $v_i\in\mathbb R^k$; the weight of the interaction between i and j is factorized as $\langle v_i,v_j\rangle$ instead of a free parameter $w_{ij}$.
Why: with sparse data most pairs (i, j) never co-occur, so a free $w_{ij}$ can't be learned; the factorized form shares parameters, so you can estimate interactions for pairs never seen together, with only $nk$ parameters instead of $n^2$.
Computation: the pairwise term can be rewritten as
$$\frac12\sum_{f=1}^k\left[\left(\sum_i v_{i,f}x_i\right)^2-\sum_i v_{i,f}^2x_i^2\right]$$
so prediction costs $O(kn)$ (actually O(k·nnz)) rather than $O(kn^2)$. It generalizes matrix factorization (with user and item one-hot features FM reduces to MF with biases) and is trained with SGD/ALS for regression, classification or ranking.""", 10, "Equation, meaning of terms, why factorization helps with sparsity, O(kn) trick, MF relation."),
 ('termfree_correct', E, r"""You start from an ordinary weighted sum of the features plus a constant, and add terms for every pair of features multiplied together. Instead of learning a separate weight for each pair — impossible when the data are mostly zeros and most pairs never show up together — every feature gets a short learned vector, and the weight for a pair is the dot product of the two features' vectors. That way pairs never seen together still get a sensible weight, the parameter count grows linearly, and with an algebra trick (square of the sum minus sum of squares) the pair terms can be computed in time linear in the number of features.""", 8.5, "Complete description without naming FM/latent factors/interactions."),
 ('one_wrong', E, r"""A factorization machine for sparse features:
$$\hat y(x)=w_0+\sum_i w_ix_i+\sum_{i<j}\langle v_i,v_j\rangle x_ix_j$$
Each feature i has a latent vector $v_i\in\mathbb R^k$ and the interaction weight is $\langle v_i,v_j\rangle$, which shares parameters so interactions can be estimated for pairs never seen together.
Computation: even with the reformulation $\frac12\sum_f[(\sum_i v_{i,f}x_i)^2-\sum_i v_{i,f}^2x_i^2]$, the pairwise term still costs $O(kn^2)$, so FM is quadratic in the number of features; that's the main price paid for modelling interactions.""", 6, "Model right; wrongly claims the reformulation still costs O(kn²) (it gives O(kn))."),
 ('fluent_wrong', E, r"""A factorization machine factorizes the input matrix X into U·V with SVD and then uses the top-k singular vectors as features for a linear regression. It only models first-order effects, since the factorization already removes the correlations between features, and it requires dense inputs, so one-hot features must be embedded first.""", 0.5, "Describes SVD-based regression; denies pairwise interactions and sparsity handling."),
 ('partial', E, r"""FM is used in recommendation. It's like logistic regression plus second-order feature crosses, and it uses embeddings for the features.""", 4.5, "Right idea loosely, no equation, no explanation of factorized weights or efficiency."),
 ('code_switched', H, r"""FM 就是 linear model 加上 second-order 的 feature interaction：$\hat y=w_0+\sum w_ix_i+\sum_{i<j}\langle v_i,v_j\rangle x_ix_j$。每个 feature 有一个 k 维 latent vector $v_i$，pairwise weight 用 dot product 表示，所以在 sparse data 上没 co-occur 过的 pair 也能学到。用 $\frac12\sum_f[(\sum v_{if}x_i)^2-\sum v_{if}^2x_i^2]$ 这个 trick，complexity 从 $O(kn^2)$ 降到 $O(kn)$。""", 10, "Correct and complete."),
 ('related_other', E, r"""Matrix factorization for recommendation approximates the user–item rating matrix as $R\approx PQ^T$, where each user and item has a k-dimensional latent vector, and the predicted rating is their dot product. It's trained by minimizing squared error on observed ratings with L2 regularization, using SGD or ALS.""", 2, "Correct MF explanation; related (FM generalizes it) but doesn't describe FM's formula."),
]),
('1cdef80640', [
 ('terse_correct', H, r"""RNN 每个时间步都乘同一个 W，反传时相当于 W 的 n 次方，特征值大于 1 就梯度爆炸，小于 1 就消失，所以很远的依赖学不到。""", 8, "Captures the full mechanism in the notes; no remedies."),
 ('thorough_correct', H, r"""RNN 的隐状态递推 $h_t=\sigma(Wh_{t-1}+Ux_t+b)$，每个时间步都用同一个 W。反向传播（BPTT）时，损失对很早时刻隐状态的梯度是一串雅可比的连乘：
$$\frac{\partial h_t}{\partial h_k}=\prod_{i=k+1}^{t}\mathrm{diag}(\sigma'(\cdot))W$$
忽略激活函数，相当于 $W^{t-k}$。把 W 做特征分解 $W=Q\Lambda Q^{-1}$，$W^n=Q\Lambda^nQ^{-1}$：特征值绝对值大于 1 的方向会指数**爆炸**，小于 1 的方向会指数**消失**（sigmoid/tanh 的导数 ≤1 还会加剧消失）。结果是距离很远的时间步几乎贡献不了梯度，模型学不到长期依赖，只能记住最近的信息。这和 GNN 多层传播时 $A^nX$ 的情况类似。
解决办法：梯度裁剪（针对爆炸）、LSTM/GRU 用门控和加法式的 cell 更新（针对消失）、正交初始化、残差/跳连、注意力机制等。""", 10, "Mechanism via W^n eigenvalues, vanishing vs exploding, consequence, remedies."),
 ('termfree_correct', T, r"""這種網路每往前一步都要用同一個矩陣再乘一次，往回算修正量時也一樣，相隔 n 步就等於乘了 n 次。如果這個矩陣會把某些方向放大（放大倍數大於 1），乘很多次之後就大到爆掉；如果會縮小（小於 1），乘幾十次就趨近於零。後一種情況下，很早以前的輸入對現在的錯誤幾乎影響不到修正量，網路就學不會把遠處的資訊跟現在聯繫起來。""", 8.5, "Correct mechanism (repeated multiplication, magnification >1 / <1) and consequence, plain words."),
 ('one_wrong', H, r"""RNN 递推 $h_t=\sigma(Wh_{t-1}+Ux_t+b)$，BPTT 时梯度是雅可比连乘，忽略激活约等于 $W^{t-k}$。W 特征分解后 $W^n=Q\Lambda^nQ^{-1}$：特征值绝对值小于 1 的方向会指数爆炸，大于 1 的方向会指数消失。结果是远处时间步的梯度不可靠，学不到长期依赖。
解决办法：梯度裁剪、LSTM/GRU、正交初始化、注意力机制。""", 4, "Structure right but the central eigenvalue condition is reversed (<1 explode, >1 vanish)."),
 ('fluent_wrong', T, r"""RNN 的長期依賴問題是因為隱藏狀態的維度不夠大，存不下太多歷史資訊，跟梯度無關。只要把 hidden size 加大、或者把 sequence 切短，問題就解決了。而且 RNN 的每個時間步使用不同的權重矩陣，所以不會有連乘的問題。""", 0.5, "Wrong cause, wrongly claims per-step weights and no repeated multiplication."),
 ('partial', H, r"""RNN 长序列的时候会有梯度消失的问题，所以前面的信息传不到后面，LSTM 就是为了解决这个问题的。""", 4.5, "Names vanishing gradient and consequence; no mechanism (W^n/eigenvalues) and no explosion."),
 ('code_switched', H, r"""因为 RNN 在每个 time step share 同一个 W，BPTT 的时候 gradient 要连乘很多次 W（加上 activation 的 derivative），相当于 $W^n$。W 的 eigenvalue 大于 1 就 gradient explode，小于 1 就 vanish，所以 long-term dependency 学不到。Explode 可以用 gradient clipping，vanish 用 LSTM/GRU 的 gating 来缓解。""", 9.5, "Correct and complete."),
 ('related_other', H, r"""Transformer 用 self-attention，任意两个位置之间直接计算注意力权重，路径长度是 O(1)，而且可以并行计算，不需要像 RNN 那样一步步递推，还要加位置编码来提供顺序信息。""", 1.5, "Explains Transformer attention (a fix), not the cause of RNN long-term dependency problems."),
]),
]
emit('04', items)
