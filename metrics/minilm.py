"""The MiniLM (BERT) encoder in plain torch on the packaged safetensors weights, for metrics.embed.

Why not transformers' AutoModel: importing transformers and building its BERT classes costs a
process ~3 CPU s, as much as embedding several hundred explanations, and BERT inference is a
dozen tensor operations. These are the operations of transformers' BertModel (sdpa attention)
in the same order, except that the dense layers multiply in bfloat16 (see Encoder._linear).

Why bfloat16: the dense layers are ~80% of the work and run at the CPU's fp32 peak already; with bf16
operands (fp32 sums) they take half the CPU time (3,987 toxicity units of the perf corpus: ~20 -> ~10 s),
and the vectors stay within cosine 0.9999 of fp32 (tests/test_embed.py checks them against AutoModel).
A CPU without native bf16 matmuls (no AVX512-BF16 / AMX / Arm BF16 flag in /proc/cpuinfo) keeps fp32 dense layers: torch's generic bf16
loops there are slower than fp32, and fp32 on bf16-rounded operands measured no closer to the native bf16
vectors (max |diff| 1.1e-3) than plain fp32 (1.4e-3). So vectors differ between such machines by up to
~1e-3 per coordinate (cosine >= 0.9999): up to ~5e-3 on a toxicity probability (0.0044 at most on the
3,000-example perf set, where 403 of 3,000 toxicity.mean values moved). The signatures say which
(metrics.embed.RECIPE: dense-bf16 or dense-fp32).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

CPUINFO = Path("/proc/cpuinfo")
BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16", "bf16"})  # x86 AVX512-BF16 / AMX-BF16; aarch64's "bf16" feature


def cpu_flags(cpuinfo: str) -> frozenset[str]:
    """The first processor's feature flags in a /proc/cpuinfo text (x86 "flags", aarch64 "Features")."""
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return frozenset(value.split())
    return frozenset()


def native_bf16() -> bool:
    """True when the CPU multiplies bf16 natively (AVX512-BF16, AMX or Arm BF16), read from /proc/cpuinfo.
    Why not torch's own check: the metric signatures name this choice (metrics.embed.RECIPE), and reading it
    must not import torch (~1.5 CPU s); torch's check also says yes on AVX512 CPUs that only emulate bf16.
    Elsewhere than Linux: False (fp32, the exact recipe)."""
    try:
        text = CPUINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return bool(cpu_flags(text) & BF16_FLAGS)


@dataclass(frozen=True)
class Encoder:
    """A BERT encoder: `weights` are torch tensors under the checkpoint's names (no "bert." prefix)."""

    weights: dict[str, Any]
    heads: int
    layers: int
    eps: float
    dense: dict[str, tuple[Any, Any]]  # per dense layer name: (weight, bias), in bf16 where the CPU multiplies bf16 natively

    @classmethod
    def load(cls, folder: Path) -> Encoder:
        """The encoder of a BERT checkpoint folder (config.json + model.safetensors)."""
        import torch
        from safetensors.torch import load_file

        config = json.loads((folder / "config.json").read_text())
        weights = {k.removeprefix("bert."): v for k, v in load_file(str(folder / "model.safetensors")).items()}
        dtype = torch.bfloat16 if native_bf16() else torch.float32
        dense = {k.removesuffix(".weight"): (v.to(dtype), weights[k.removesuffix("weight") + "bias"].to(dtype))
                 for k, v in weights.items() if k.startswith("encoder.") and k.endswith(".weight") and v.dim() == 2}
        return cls(weights, int(config["num_attention_heads"]), int(config["num_hidden_layers"]), float(config["layer_norm_eps"]), dense)

    @property
    def dtype(self) -> Any:
        """The dense layers' dtype (bf16 or fp32)."""
        return next(iter(self.dense.values()))[0].dtype

    def _low(self, x: Any) -> Any:
        """`x` in the dense layers' dtype, contiguous (one copy: the conversion is ~a third of a bf16 pass's CPU)."""
        import torch

        return x.to(self.dtype, memory_format=torch.contiguous_format)

    def _linear(self, x: Any, name: str) -> Any:
        """A dense layer in its weights' dtype (bf16 operands, fp32 sums, bf16 output on native hardware)."""
        import torch.nn.functional as F

        weight, bias = self.dense[name]
        return F.linear(self._low(x), weight, bias)

    def _dense(self, x: Any, name: str) -> Any:
        """`_linear` handed on as fp32: the layer norms, residual sums and attention stay fp32."""
        return self._linear(x, name).float()

    def _norm(self, x: Any, name: str) -> Any:
        import torch.nn.functional as F

        return F.layer_norm(x, (x.shape[-1],), self.weights[f"{name}.weight"], self.weights[f"{name}.bias"], self.eps)

    def _embeddings(self, ids: Any) -> Any:
        """Word + token type (all 0: one segment) + position embeddings, normalised."""
        w = self.weights
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.token_type_embeddings.weight"][0]
        return self._norm(x + w["embeddings.position_embeddings.weight"][: ids.shape[1]], "embeddings.LayerNorm")

    def _layer(self, x: Any, attend: Any, i: int) -> Any:
        """Encoder layer `i`: self-attention over the tokens `attend` allows (None: all), then the feed-forward block."""
        import torch.nn.functional as F

        p = f"encoder.layer.{i}."
        batch, length, hidden = x.shape
        low = self._low(x)  # converted once for the three projections

        def split(name: str) -> Any:
            return self._dense(low, p + name).view(batch, length, self.heads, -1).transpose(1, 2)

        scale = (hidden // self.heads) ** -0.5
        ctx = F.scaled_dot_product_attention(split("attention.self.query"), split("attention.self.key"), split("attention.self.value"),
                                             attn_mask=attend, scale=scale)
        ctx = self._low(ctx.transpose(1, 2)).reshape(batch, length, hidden)
        x = self._norm(self._linear(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")  # the sum is fp32
        # GELU in the dense dtype: on bf16 torch computes it in fp32 and rounds, the same numbers as fp32 GELU
        # rounded by the next layer's input conversion, without two copies of the widest activation
        inner = F.gelu(self._linear(x, p + "intermediate.dense"))
        return self._norm(self._linear(inner, p + "output.dense") + x, p + "output.LayerNorm")

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> Any:
        """Last hidden states (batch, length, hidden) of padded token ids; `mask` is 1 on tokens, 0 on padding."""
        import torch

        m = torch.from_numpy(mask)
        attend = None if bool(m.all()) else m.bool()[:, None, None, :]
        x = self._embeddings(torch.from_numpy(ids))
        for i in range(self.layers):
            x = self._layer(x, attend, i)
        return x

    def sentence_vectors(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Unit vectors of the mean of the last hidden states over the tokens (sentence-transformers' pooling)."""
        import torch

        with torch.inference_mode():
            hidden = self.hidden_states(ids, mask)
            weight = torch.from_numpy(mask).unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weight).sum(1) / weight.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()
