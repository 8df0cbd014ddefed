"""`rxbench train`: fine-tune a prompt-conditioned causal LM on suites, PEPLER-style.

Each training sample is the `pepler` prompt of an Example followed by one of
its reference explanations; the loss is on the explanation tokens only.
AdamW with linear warm-up/decay, gradient clipping, validation loss every
`eval_every` steps with early stopping, and a checkpoint at every evaluation
(weights, optimizer, scheduler, RNG state, best weights) so that a killed run
resumes where it stopped and ends with exactly the weights of an uninterrupted
one. The batch order is a function of (seed, step), not of process history.

The output directory is a Hugging Face model (full fine-tuning) or a peft
LoRA adapter plus the tokenizer, with `rxbench_card.json` and a README model
card. A directory whose card says complete is reused as is (idempotent).
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from baselines.lm.card import versions, write_card
from baselines.lm.prompts import STYLE_VERSION, pepler_prompt
from baselines.lm.tiny import TinySpec, init_model, train_tokenizer
from benchmark.lm.loading import CARD, hf_dir, load_model, load_tokenizer, parse_ref, read_card, threads_for
from benchmark.suite import Suite, load_suite

IGNORE = -100
CKPT = "checkpoint"


@dataclass(frozen=True)
class TrainSettings:
    """Everything that determines the trained weights (it is compared on resume)."""

    max_steps: int = 600  # the 0.5M tiny model: about 70 s on 2 CPU cores, valid loss 7.3 -> 1.24 on travel
    batch_size: int = 8
    lr: float = 0.0  # 0 = by kind (see _default_lr)
    warmup: int = 50
    weight_decay: float = 0.01
    eval_every: int = 100
    patience: int = 3  # evaluations without a better valid loss before stopping
    max_len: int = 192  # prompt + explanation tokens
    max_target: int = 80  # explanation tokens kept
    max_valid: int = 256  # valid pairs used for the validation loss
    lora_r: int = 8
    lora_alpha: int = 16
    lora_dropout: float = 0.05
    lora_targets: str = "all-linear"  # peft target modules: all-linear, or names comma-separated (q_proj,v_proj)
    lora_layers: int = 0  # LoRA on the last N transformer layers only (0: all); backward then stops there
    tiny: TinySpec = field(default_factory=TinySpec)


@dataclass(frozen=True)
class Pair:
    example_id: str
    prompt: str
    target: str


def suite_pairs(suites: Sequence[Suite], split: str) -> list[Pair]:
    """(prompt, reference) for every reference of every example of `split`."""
    return [Pair(ex.id, pepler_prompt(ex).text, ref) for s in suites for ex in s.split(split) for ref in ex.references if ref.strip()]


def _held_out(pairs: list[Pair], frac: float = 0.1) -> tuple[list[Pair], list[Pair]]:
    """Split train pairs into train / valid by a hash of the example id, for suites
    without a valid split."""
    from hashlib import sha256

    ids = sorted({p.example_id for p in pairs}, key=lambda i: sha256(i.encode()).hexdigest())
    held = set(ids[: int(len(ids) * frac)]) if len(ids) > 1 else set()
    return [p for p in pairs if p.example_id not in held], [p for p in pairs if p.example_id in held]


def _spread(pairs: list[Pair], k: int) -> list[Pair]:
    """At most k pairs, chosen by a hash of the example id: every suite of a mixture is in the
    sample (the first k would all come from the first suite)."""
    from hashlib import sha256

    if len(pairs) <= k:
        return pairs
    rank = sorted(range(len(pairs)), key=lambda i: sha256(f"{pairs[i].example_id}|{pairs[i].target}".encode()).hexdigest())
    keep = set(rank[:k])
    return [p for i, p in enumerate(pairs) if i in keep]


def encode(tok: Any, pair: Pair, max_len: int, max_target: int) -> tuple[list[int], list[int]]:
    """input ids and labels; labels are IGNORE on the prompt so that only the
    explanation (and its closing end-of-text token) is learned. An over-long prompt
    loses its beginning (keeping a leading BOS), never the `explanation:` cue."""
    prompt = tok(pair.prompt).input_ids
    target = tok(" " + pair.target, add_special_tokens=False).input_ids[:max_target] + [tok.eos_token_id]
    budget = max(1, max_len - len(target))
    if len(prompt) > budget:
        bos = tok.bos_token_id if prompt and prompt[0] == tok.bos_token_id and tok.bos_token_id != tok.eos_token_id else None
        prompt = ([bos] if bos is not None else []) + prompt[-(budget - (bos is not None)):]
    return prompt + target, [IGNORE] * len(prompt) + target


def collate(rows: Sequence[tuple[list[int], list[int]]], pad_id: int) -> dict[str, Any]:
    import torch

    width = max(len(ids) for ids, _ in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, (x, y) in enumerate(rows):
        ids[i, : len(x)] = torch.tensor(x)
        labels[i, : len(y)] = torch.tensor(y)
        mask[i, : len(x)] = 1
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def explanation_loss(model: Any, batch: dict[str, Any]) -> Any:
    """Mean NLL of the explanation tokens, the same value as the model's own loss; only
    the positions that predict an explanation token are projected onto the vocabulary
    (`logits_to_keep` as a mask): with Gemma's 262k-token vocabulary, projecting the
    prompt positions too was most of a training step's work."""
    import torch

    labels = batch["labels"]
    keep = torch.zeros_like(labels, dtype=torch.bool)
    keep[:, :-1] = labels[:, 1:] != IGNORE
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], logits_to_keep=keep).logits
    return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), labels[:, 1:][keep[:, :-1]])


def valid_loss(model: Any, rows: Sequence[tuple[list[int], list[int]]], pad_id: int, batch: int = 16) -> float:
    """Token-weighted mean NLL of the explanation tokens (nats per token)."""
    import torch

    total, count = 0.0, 0
    model.eval()
    with torch.inference_mode():
        for start in range(0, len(rows), batch):
            b = collate(rows[start : start + batch], pad_id)
            n = int((b["labels"][:, 1:] != IGNORE).sum())
            total += float(explanation_loss(model, b)) * n
            count += n
    model.train()
    return total / max(1, count)


class _Order:
    """The batch at step s: positions s*B..(s+1)*B of the concatenated per-epoch
    permutations, each seeded by (seed, epoch), so resuming reproduces the order."""

    def __init__(self, n: int, batch: int, seed: int) -> None:
        self.n, self.batch, self.seed = n, batch, seed
        self._perms: dict[int, np.ndarray] = {}

    def perm(self, epoch: int) -> np.ndarray:
        if epoch not in self._perms:
            self._perms = {epoch: np.random.default_rng([self.seed, epoch]).permutation(self.n)}
        return self._perms[epoch]

    def at(self, step: int) -> list[int]:
        return [int(self.perm(pos // self.n)[pos % self.n]) for pos in range(step * self.batch, (step + 1) * self.batch)]


def _resolve_suites(suites: Sequence[str | Suite]) -> list[Suite]:
    out = [s if isinstance(s, Suite) else load_suite(s) for s in suites]
    if not out:
        raise ValueError("train: name at least one suite")
    return out


def _base_ref(base: str) -> Any:
    """The ModelRef of a base: `gemma` is the packaged Gemma 3 270M GGUF (rxbench[gemma])."""
    if base == "gemma":
        from benchmark.lm import gemma
        from benchmark.lm.loading import ModelRef

        return ModelRef(gemma.gguf_path())
    return parse_ref(base)


def _default_lr(base: str, base_path: str | None, lora: bool) -> float:
    """3e-3 to train `tiny` (or a model rxbench trained from `tiny`), 5e-3 for LoRA on one;
    for a pretrained base the usual 5e-5 (full) and 2e-4 (LoRA)."""
    small = base == "tiny" or (base_path is not None and read_card(Path(base_path)).get("base") == "tiny")
    if lora:
        return 5e-3 if small else 2e-4
    return 3e-3 if small else 5e-5


def _plan(suites: list[Suite], base: str, lora: bool, seed: int, settings: TrainSettings, out: Path) -> dict[str, Any]:
    """The run's identity: compared with a finished card or a checkpoint before reuse. The base's path is
    relative to `out`, so that a checkout moved or cloned elsewhere with its models still reuses them."""
    if lora and base == "tiny":
        raise ValueError("--lora needs a trained base: first `rxbench train --base tiny --out DIR`, then `--base DIR --lora`")
    base_path = None if base == "tiny" else str(_base_ref(base).path)
    lr = settings.lr or _default_lr(base, base_path, lora)
    return {
        "suites": [{"name": s.name, "version": s.version, "hash": s.content_hash()} for s in suites],
        "base": base,
        "base_path": base_path and os.path.relpath(base_path, out.resolve()),
        "lora": lora,
        "seed": seed,
        "settings": {**asdict(replace(settings, lr=lr)), "tiny": settings.tiny.to_dict()},
        "prompt_style": "pepler",
        "prompt_version": STYLE_VERSION["pepler"],
    }


def _same_plan(card_plan: dict[str, Any] | None, plan: dict[str, Any], out: Path) -> bool:
    """Whether a card's plan is `plan`: a base directory is the same by where it lies (its path read against
    `out`; cards written before paths were relative to `out` hold absolute ones), however it was spelled."""
    def identity(p: dict[str, Any]) -> dict[str, Any]:
        named = p["base"] in ("tiny", "gemma")
        return {**p, "base": p["base"] if named else None, "base_path": p["base_path"] and str((out / p["base_path"]).resolve())}

    return card_plan is not None and card_plan.keys() == plan.keys() and identity(card_plan) == identity(plan)


def _build(plan: dict[str, Any], train: list[Pair], ckpt: Path) -> tuple[Any, Any]:
    """(tokenizer, model) ready to train: `tiny` from scratch (its tokenizer trained on the
    training text, or reloaded from the checkpoint), else the base with optional LoRA."""
    import torch

    s = plan["settings"]
    torch.manual_seed(plan["seed"])  # LoRA's initialisation draws from the global RNG
    if plan["base"] == "tiny":
        from transformers import AutoTokenizer

        if (ckpt / "tokenizer" / "tokenizer.json").is_file():
            tok = AutoTokenizer.from_pretrained(str(ckpt / "tokenizer"))
        else:
            tok = train_tokenizer((t for p in train for t in (p.prompt, " " + p.target)), s["tiny"]["vocab_size"])
            tok.save_pretrained(str(ckpt / "tokenizer"))
        return tok, init_model(tok, TinySpec(**s["tiny"]), plan["seed"])
    ref = _base_ref(plan["base"])
    if ref.adapter is not None:
        raise ValueError(f"--base {plan['base']}: an adapter cannot be the base; merge it first (baselines.lm.train.merge_adapter)")
    tok = load_tokenizer(ref)
    model = load_model(ref)
    if plan["lora"]:
        from peft import LoraConfig, get_peft_model

        targets = s["lora_targets"] if s["lora_targets"] == "all-linear" else [t.strip() for t in s["lora_targets"].split(",")]
        n_layers = model.config.get_text_config().num_hidden_layers
        layers = list(range(max(0, n_layers - s["lora_layers"]), n_layers)) if s["lora_layers"] else None
        if layers and targets == "all-linear":  # peft wants module names to pick layers
            targets = _linear_names(model)
        cfg = LoraConfig(r=s["lora_r"], lora_alpha=s["lora_alpha"], lora_dropout=s["lora_dropout"], target_modules=targets,
                         layers_to_transform=layers, task_type="CAUSAL_LM")
        model = get_peft_model(model, cfg)
        model.peft_config["default"].base_model_name_or_path = str(hf_dir(ref.path))
    return tok, model


def _linear_names(model: Any) -> list[str]:
    """Names of the linear layers inside the transformer blocks (what peft's all-linear means)."""
    import re

    import torch
    from transformers.pytorch_utils import Conv1D

    block = re.compile(r"\.(layers|h|blocks)\.\d+\.")
    return sorted({name.rsplit(".", 1)[-1] for name, m in model.named_modules()
                   if isinstance(m, (torch.nn.Linear, Conv1D)) and block.search(f".{name}")})


def _trainable_state(model: Any, lora: bool) -> dict[str, Any]:
    if lora:
        from peft import get_peft_model_state_dict

        return {k: v.detach().clone() for k, v in get_peft_model_state_dict(model).items()}
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _load_trainable(model: Any, state: dict[str, Any], lora: bool) -> None:
    if lora:
        from peft import set_peft_model_state_dict

        set_peft_model_state_dict(model, state)
    else:
        model.load_state_dict(state)


def _save_atomic(obj: Any, path: Path) -> None:
    import torch

    tmp = path.with_suffix(".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def train_model(
    suites: Sequence[str | Suite],
    base: str,
    out: str | Path,
    lora: bool = False,
    seed: int = 0,
    max_steps: int | None = None,
    settings: TrainSettings | None = None,
    progress: bool = True,
) -> Path:
    """Train (or resume, or reuse) a model in `out`; returns `out`.

    `base` is `tiny`, `gemma` (the packaged Gemma 3 270M), a local HF directory or a GGUF file; `lora=True` trains a LoRA
    adapter on it. `max_steps` overrides `settings.max_steps`.
    """
    settings = settings or TrainSettings()
    if max_steps is not None:
        settings = replace(settings, max_steps=max_steps)
    out = Path(out)
    loaded = _resolve_suites(suites)
    plan = _plan(loaded, base, lora, seed, settings, out)
    card_path = out / CARD
    if card_path.is_file():
        card = json.loads(card_path.read_text(encoding="utf-8"))
        if card.get("complete") and _same_plan(card.get("plan"), plan, out):
            return out
        raise ValueError(f"{out} already holds a model trained with other settings; choose another --out or remove it")
    s = plan["settings"]
    train = suite_pairs(loaded, "train")
    valid = suite_pairs(loaded, "valid")
    if not valid:
        train, valid = _held_out(train)
    if not train or not valid:
        raise ValueError(f"train: suites {[x.name for x in loaded]} have too few examples with reference explanations")
    valid = _spread(valid, s["max_valid"])

    ckpt = out / CKPT
    state_file = ckpt / "state.pt"
    state: dict[str, Any] | None = None
    if state_file.is_file():
        import torch  # here, not at the top: reusing a finished model (a re-run) needs no torch

        state = torch.load(state_file, weights_only=False)
        if not _same_plan(state["plan"], plan, out):
            raise ValueError(f"{ckpt} is a checkpoint of a different training run; remove it or choose another --out")
    ckpt.mkdir(parents=True, exist_ok=True)

    tok, model = _build(plan, train, ckpt)
    train_rows = [encode(tok, p, s["max_len"], s["max_target"]) for p in train]
    valid_rows = [encode(tok, p, s["max_len"], s["max_target"]) for p in valid]
    with threads_for(model):
        state = _loop(model, tok.pad_token_id, train_rows, valid_rows, plan, state, state_file, progress, out.name)
    stop = "early_stopping" if state["bad"] >= s["patience"] else "max_steps"
    _finish(out, model, tok, state, plan, lora, stop, n_train=len(train_rows), n_valid=len(valid_rows))
    return out


def _loop(model: Any, pad_id: int, train_rows: list, valid_rows: list, plan: dict, state: dict | None,
          state_file: Path, progress: bool, label: str) -> dict:
    """The optimisation loop from step 0 or from a checkpoint `state`; returns the final state."""
    import torch
    from tqdm import tqdm
    from transformers import get_linear_schedule_with_warmup

    s, lora = plan["settings"], plan["lora"]
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=s["lr"], weight_decay=s["weight_decay"])
    sched = get_linear_schedule_with_warmup(opt, min(s["warmup"], s["max_steps"] // 2), s["max_steps"])
    order = _Order(len(train_rows), s["batch_size"], plan["seed"])
    if state is None:
        initial = valid_loss(model, valid_rows, pad_id)
        state = {
            "plan": plan, "step": 0, "best_loss": initial, "best_step": 0, "bad": 0, "initial_loss": initial,
            "history": [{"step": 0, "valid_loss": initial}], "best": _trainable_state(model, lora),
            "resumed_from": [], "train_s": 0.0,
        }
    else:
        _load_trainable(model, state["model"], lora)
        opt.load_state_dict(state["optim"])
        sched.load_state_dict(state["sched"])
        torch.set_rng_state(state["rng"])
        state["resumed_from"].append(state["step"])

    t0 = time.perf_counter()
    model.train()
    bar = tqdm(total=s["max_steps"], initial=state["step"], desc=f"train {label}", unit="step", disable=not progress)
    while state["step"] < s["max_steps"] and state["bad"] < s["patience"]:
        batch = collate([train_rows[i] for i in order.at(state["step"])], pad_id)
        loss_t = explanation_loss(model, batch)
        loss_t.backward()
        loss = float(loss_t.detach())
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        state["step"] += 1
        bar.update(1)
        bar.set_postfix(loss=f"{loss:.3f}", best_valid=f"{state['best_loss']:.3f}")
        if state["step"] % s["eval_every"] == 0 or state["step"] == s["max_steps"]:
            vl = valid_loss(model, valid_rows, pad_id)
            state["history"].append({"step": state["step"], "valid_loss": vl, "train_loss": loss})
            if vl < state["best_loss"] - 1e-4:
                state.update(best_loss=vl, best_step=state["step"], bad=0, best=_trainable_state(model, lora))
            else:
                state["bad"] += 1
            state.update(model=_trainable_state(model, lora), optim=opt.state_dict(), sched=sched.state_dict(), rng=torch.get_rng_state())
            state["train_s"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            _save_atomic(state, state_file)
    bar.close()
    return state


def _finish(out: Path, model: Any, tok: Any, state: dict, plan: dict, lora: bool, stop: str, n_train: int, n_valid: int) -> None:
    """Write the best weights, tokenizer and model card; then drop the checkpoint."""
    _load_trainable(model, state["best"], lora)
    model.save_pretrained(str(out))
    tok.save_pretrained(str(out))
    n_params = sum(p.numel() for p in model.parameters())
    n_trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    card = {
        "complete": True,
        "plan": plan,
        "base": plan["base"],
        "base_path": plan["base_path"] and os.path.relpath(hf_dir((out / plan["base_path"]).resolve()), out.resolve()),
        "lora": lora,
        "prompt_style": plan["prompt_style"],
        "data": {"suites": plan["suites"], "train_pairs": n_train, "valid_pairs": n_valid},
        "steps": state["step"],
        "best_step": state["best_step"],
        "valid_loss": state["best_loss"],
        "valid_loss_initial": state["initial_loss"],
        "stop_reason": stop,
        "history": state["history"],
        "resumed_from": state["resumed_from"],
        "train_seconds": round(state["train_s"], 2),
        "parameters": n_params,
        "trainable_parameters": n_trainable,
        "versions": versions(),
    }
    write_card(out, card)
    shutil.rmtree(out / CKPT, ignore_errors=True)


def merge_adapter(adapter: str | Path, out: str | Path) -> Path:
    """Fold a LoRA adapter into its base and save a plain model directory (same outputs)."""
    adapter, out = Path(adapter), Path(out)
    ref = parse_ref(str(adapter))
    if ref.adapter is None:
        raise ValueError(f"{adapter}: not a LoRA adapter directory")
    model = load_model(ref, merge=True)
    model.save_pretrained(str(out))
    load_tokenizer(ref).save_pretrained(str(out))
    card = json.loads((adapter / CARD).read_text(encoding="utf-8")) if (adapter / CARD).is_file() else {}
    card.update(merged_from=str(adapter.resolve()), lora=False, complete=False)  # not a finished `train` output
    (out / CARD).write_text(json.dumps(card, indent=2, sort_keys=True), encoding="utf-8")
    return out
